"""Rule-set files: ``[regelset]`` and ``[regels.<id>]`` tables, read and validated.

What the rules in a set mean (``breidt_uit``, severities, parameters) is decided in
:mod:`afspraken.checking.rulesets`; here a file becomes a :class:`Ruleset`, or located problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from afspraken.reading.loading import parse
from afspraken.reading.validate import validation_problems

from afspraken.reading.source import Source, read
from afspraken.reading.paths import shown
from afspraken.results import Problem

SOORTEN = ("wijkafspraak", "wijkactieplan", "convenant", "prestatieafspraak")  # afspraak.soort, FORMAT.md


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)


class RegelsetMeta(_Strict):
    naam: Optional[str] = Field(None, description="Naam van de regelset (standaard: de bestandsnaam).")
    beschrijving: str = Field("", description="Wat deze regelset toetst.")
    bron: str = Field("", description="Waar de regels vandaan komen.")
    breidt_uit: list[str] = Field(default_factory=list, description="Regelsets die deze uitbreidt.")
    standaard_voor: list[Literal["wijkafspraak", "wijkactieplan", "convenant", "prestatieafspraak"]] = Field(
        default_factory=list, description="Soorten afspraak (afspraak.soort) waarvoor deze regelset de standaard is."
    )


class RulesetModel(_Strict):
    regelset: RegelsetMeta
    regels: dict[str, dict[str, Any]] = Field(default_factory=dict)


def _plain_ruleset(data: dict[str, Any]) -> bool:
    """Does ``data`` obviously fit :class:`RulesetModel`? (If not, pydantic says why.)"""
    meta, regels = data.get("regelset"), data.get("regels", {})
    if set(data) - {"regelset", "regels"} or not isinstance(meta, dict) or not isinstance(regels, dict):
        return False
    if set(meta) - {"naam", "beschrijving", "bron", "breidt_uit", "standaard_voor"}:
        return False
    kinds = meta.get("standaard_voor", [])
    if not isinstance(kinds, list) or not all(k in SOORTEN for k in kinds):
        return False
    if not all(isinstance(meta.get(k, ""), str) for k in ("beschrijving", "bron")) or not isinstance(meta.get("naam", ""), str):
        return False
    extends = meta.get("breidt_uit", [])
    return isinstance(extends, list) and all(isinstance(e, str) for e in extends) and all(isinstance(t, dict) for t in regels.values())


@dataclass(frozen=True)
class Ruleset:
    name: str
    meta: RegelsetMeta
    regels: dict[str, dict[str, Any]]
    source: Source
    plugin: str = ""
    problems: tuple[Problem, ...] = ()  # what is wrong in the file (the rest is still used)
    path: Any = None  # the file it was read from: a Path, or a Traversable inside a package


def read_ruleset(path: Any, plugin: str = "") -> Union[Ruleset, list[Problem]]:
    if isinstance(path, Path):
        source = read(path, name=shown(path))
    else:  # a Traversable inside an installed package
        source = Source(str(path), path.read_text(encoding="utf-8"))
    if isinstance(source, Problem):
        return [source]
    data = parse(source)
    if isinstance(data, Problem):
        return [data]
    if _plain_ruleset(data):  # the usual case: skip building a validator at start-up
        model = RulesetModel.model_construct(regelset=RegelsetMeta.model_construct(**data["regelset"]), regels=data.get("regels", {}))
    else:
        try:
            model = RulesetModel.model_validate(data)
        except ValidationError as exc:
            return _salvage(data, source, plugin, path, tuple(validation_problems(source, exc, RulesetModel)))
    name = model.regelset.naam or Path(str(path.name)).stem
    return Ruleset(name, model.regelset, model.regels, source, plugin, path=path)


def _salvage(data: dict[str, Any], source: Source, plugin: str, path: Any, problems: tuple[Problem, ...]) -> Ruleset:
    """What can still be used of a rule set with mistakes, so that all mistakes are found at once."""
    meta = data.get("regelset")
    meta = meta if isinstance(meta, dict) else {}
    naam = meta.get("naam")
    naam = naam if isinstance(naam, str) and naam else Path(str(path.name)).stem
    extends = meta.get("breidt_uit")
    extends = [e for e in extends if isinstance(e, str)] if isinstance(extends, list) else []
    regels = data.get("regels")
    usable = {k: v for k, v in regels.items() if isinstance(v, dict)} if isinstance(regels, dict) else {}
    return Ruleset(naam, RegelsetMeta.model_construct(naam=naam, breidt_uit=extends), usable, source, plugin, problems, path)
