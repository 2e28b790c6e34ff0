"""Rule sets: TOML files with ``[regelset]`` and ``[regels.<id>]`` tables.

A rule set may extend others (``breidt_uit``); its own tables override those of
the sets it extends, and the config overrides all. The result is the list of
active rules, each with its severity and validated parameters.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from afspraken.checking.config import Config
from afspraken.reading.loading import Source, parse, read, validation_problems
from afspraken.reading.messages import suggest
from afspraken.plugins.registry import Registry
from afspraken.results import Location, Problem
from afspraken.rules import KeyPath, Params, Rule, Severity, Text

DEFAULT = "wijkaanpak"
FALLBACK = "basis"  # for a soort that no installed rule set claims (standaard_voor)
SOORTEN = ("wijkafspraak", "wijkactieplan", "convenant", "prestatieafspraak")  # afspraak.soort, FORMAT.md

Ernst = Literal["fout", "waarschuwing", "advies", "uit"]


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


class LimietenModel(_Strict):
    """``[limieten]``: how much one agreement may hold (see afspraken.reading.files.Limits)."""

    bestand_mb: float = Field(20, gt=0, description="Grootste bestand in MB.")
    lijst: int = Field(100_000, gt=0, description="Meeste elementen in één lijst (of tabellen in één [[lijst]]).")
    diepte: int = Field(50, gt=0, le=300, description="Diepste nesting van lijsten en tabellen in elkaar.")


class ConfigModel(_Strict):
    regelsets: list[str] = Field(default_factory=list)
    plugins: list[str] = Field(default_factory=list)
    regels: dict[str, dict[str, Any]] = Field(default_factory=dict)
    rule_url: str = Field("", pattern=r"^[A-Za-z][A-Za-z0-9+.-]*:.*\{id\}", description="URL-sjabloon van de uitleg van een regel, met {id}.")
    limieten: Optional[LimietenModel] = None


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


class ActiveRule(NamedTuple):
    rule: Rule[Any]
    severity: Severity
    params: Params


@dataclass
class Selection:
    rules: list[ActiveRule] = field(default_factory=list)
    rulesets: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    origin: dict[str, str] = field(default_factory=dict)  # rule id -> rule set (or config) that activated it
    off: set[str] = field(default_factory=set)  # rules switched off with ernst = "uit"
    unclaimed: Optional[str] = None  # the soort no installed rule set is the default for (basis was chosen)


def defaults_by_kind(registry: Registry) -> tuple[dict[str, str], list[Problem]]:
    """soort -> the rule set that declares itself its default (``standaard_voor``); two sets
    claiming one soort is a problem naming both (located at the second claim)."""
    claimed: dict[str, str] = {}
    problems: list[Problem] = []
    for name, loaded in registry.rulesets.items():
        for i, soort in enumerate(getattr(loaded.meta, "standaard_voor", None) or []):
            first = claimed.get(soort)
            if first is None:
                claimed[soort] = name
                continue
            message = Text(
                f"de regelsets '{first}' en '{name}' zijn allebei de standaard voor soort '{soort}'; kies er één "
                f"(haal '{soort}' uit standaard_voor van een van beide, of kies met --regelset)",
                f"the rule sets '{first}' and '{name}' are both the default for soort '{soort}'; choose one "
                f"(remove '{soort}' from standaard_voor of one of them, or choose with --regelset)",
            )
            problems.append(loaded.source.problem(("regelset", "standaard_voor", i), message, "regelset", value=True))
    return claimed, problems


def read_ruleset(path: Any, plugin: str = "") -> Union[Ruleset, list[Problem]]:
    if isinstance(path, Path):
        from afspraken.checking.config import shown

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


class _Setting(NamedTuple):
    value: Any
    source: Source
    path: KeyPath


class _Layer(NamedTuple):
    source: Source
    prefix: KeyPath
    regels: dict[str, dict[str, Any]]
    activates: bool  # a rule set activates its rules; the config only tunes them (unless it sets ernst)
    name: str = "config"


def chosen_explicitly(config: Config, names: Sequence[str] = ()) -> bool:
    """Are the rule sets named (command line or config), rather than following afspraak.soort?"""
    return bool(names) or bool(config.regelsets and config.source is not None)


def select(registry: Registry, config: Config, names: Sequence[str] = (), soort: Optional[str] = None) -> Selection:
    """Resolve rule sets (``names``, else the config's, else the default for ``soort``) into active rules.

    Without a ``soort`` the default is ``wijkaanpak``; with one, the set whose ``standaard_voor``
    lists it, or ``basis`` when none does (``unclaimed`` then says so)."""
    out = Selection()
    layers: list[_Layer] = []
    visiting: list[str] = []
    done: set[str] = set()

    def visit(ref: str, base: Path, origin: Location) -> None:
        if ref not in registry.rulesets and not ref.endswith(".toml") and (base / f"{ref}.toml").is_file():
            ref = f"{ref}.toml"  # a rule set next to the one that names it
        if ref.endswith(".toml") or "/" in ref or "\\" in ref:
            candidate = Path(os.path.realpath(base / ref))
            key, own_base = str(candidate), candidate.parent
            loaded: Union[Ruleset, list[Problem]] = read_ruleset(candidate)
        elif ref in registry.rulesets:
            key, own_base = ref, base
            loaded = registry.rulesets[ref]  # read once, when it was registered
        else:
            hint = suggest(ref, registry.rulesets)
            known = ", ".join(sorted(registry.rulesets))
            message = Text(
                f"onbekende regelset '{ref}' (bekend: {known}){hint.nl}", f"unknown rule set '{ref}' (known: {known}){hint.en}"
            )
            out.problems.append(Problem(origin, message, "regelset"))
            return
        if key in visiting:
            from afspraken.checking.config import shown

            cycle = " -> ".join(shown(Path(k)) if k.endswith(".toml") else k for k in [*visiting[visiting.index(key) :], key])
            out.problems.append(Problem(origin, Text(f"kringverwijzing in breidt_uit: {cycle}", f"cycle in breidt_uit: {cycle}"), "regelset"))
            return
        if key in done:
            return
        if isinstance(loaded, list):
            out.problems.extend(loaded)
            return
        out.problems.extend(loaded.problems)
        visiting.append(key)
        for i, parent in enumerate(loaded.meta.breidt_uit):
            visit(parent, own_base, loaded.source.at(("regelset", "breidt_uit", i), value=True))
        visiting.pop()
        done.add(key)
        out.rulesets.append(loaded.name)
        layers.append(_Layer(loaded.source, ("regels",), loaded.regels, True, loaded.name))

    if names:
        for name in names:
            visit(name, Path.cwd(), Location("--regelset", 0, 0))
    elif config.regelsets and config.source is not None:
        for i, name in enumerate(config.regelsets):
            visit(name, config.base, config.source.at((*config.prefix, "regelsets", i), value=True))
    elif soort is None:
        visit(DEFAULT, Path.cwd(), Location("--regelset", 0, 0))
    else:
        claimed, clashes = defaults_by_kind(registry)
        out.problems.extend(clashes)
        if soort not in claimed:
            out.unclaimed = soort
        visit(claimed.get(soort, FALLBACK), Path.cwd(), Location("--regelset", 0, 0))
    if config.source is not None and config.regels:
        layers.append(_Layer(config.source, (*config.prefix, "regels"), config.regels, False))
    _activate(registry, layers, out)
    return out


def _activate(registry: Registry, layers: list[_Layer], out: Selection) -> None:
    settings: dict[str, dict[str, _Setting]] = {}
    active: set[str] = set()
    for layer in layers:
        for rule_id, table in layer.regels.items():
            path = (*layer.prefix, rule_id)
            if rule_id not in registry.rules:
                hint = suggest(rule_id, registry.rules)
                message = Text(f"onbekende regel '{rule_id}'{hint.nl}", f"unknown rule '{rule_id}'{hint.en}")
                out.problems.append(layer.source.problem(path, message, "regel"))
                continue
            entry = settings.setdefault(rule_id, {})
            for key, value in table.items():
                entry[key] = _Setting(value, layer.source, (*path, key))
            if layer.activates or "ernst" in table:
                active.add(rule_id)
                out.origin.setdefault(rule_id, layer.name)
    for rule_id, entry in settings.items():
        if rule_id in active:
            activated = _configure(registry.rules[rule_id], dict(entry), out)
            if activated is not None and activated.severity is Severity.UIT:
                out.off.add(rule_id)
            elif activated is not None:
                out.rules.append(activated)


_MISSING = object()


def _same(default: Any, value: Any) -> bool:
    if isinstance(default, list) and isinstance(value, list):
        return len(default) == len(value) and all(_same(d, v) for d, v in zip(default, value))
    return type(default) is type(value) and default == value


def _configure(rule: Rule[Any], entry: dict[str, _Setting], out: Selection) -> Optional[ActiveRule]:
    """Severity and validated parameters of one rule, or ``None`` with problems added
    (every problem: a wrong ernst does not hide a wrong parameter)."""
    from afspraken.reading.messages import describe

    ok = True
    severity = rule.severity
    ernst = entry.pop("ernst", None)
    if ernst is not None:
        try:
            severity = Severity(ernst.value)
        except ValueError:
            message = Text(
                f"ernst {ernst.value!r} bestaat niet; kies fout, waarschuwing, advies of uit",
                f"ernst {ernst.value!r} does not exist; choose fout, waarschuwing, advies or uit",
            )
            out.problems.append(ernst.source.problem(ernst.path, message, "ernst", value=True))
            ok = False
    defaults = rule.defaults()
    if all(_same(getattr(defaults, k, _MISSING), s.value) for k, s in entry.items()):
        return ActiveRule(rule, severity, defaults) if ok else None  # rule sets spell out the defaults
    try:
        params = rule.params.model_validate({k: s.value for k, s in entry.items()})
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            setting = entry.get(str(error["loc"][0])) if error["loc"] else None
            if setting is None:
                setting = next(iter(entry.values()))
            message = describe(error, ("regels", rule.id, *error["loc"]), rule.params, tuple(error["loc"]))
            if error["type"] == "extra_forbidden":
                known = ", ".join(rule.params.model_fields) or "-"
                message = Text(f"{message.nl} (parameters van {rule.id}: {known})", f"{message.en} (parameters of {rule.id}: {known})")
            out.problems.append(setting.source.problem(setting.path, message, "parameter", value=error["type"] != "extra_forbidden"))
        return None
    return ActiveRule(rule, severity, params) if ok else None
