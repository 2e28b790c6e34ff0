"""Configuration: ``afspraken.toml`` or ``[tool.afspraken]`` in ``pyproject.toml``,
found from the checked file's folder upward."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field

from afspraken.reading.files import CONFIG_NAMES, Limits
from afspraken.reading.paths import shown
from afspraken.results import Location, Problem
from afspraken.rules import KeyPath, Text

NAMES = CONFIG_NAMES


@dataclass(frozen=True)
class Config:
    """Settings from one file (or none: ``path`` is ``None``)."""

    path: Optional[Path] = None
    regelsets: tuple[str, ...] = ()
    plugins: tuple[str, ...] = ()
    regels: dict[str, dict[str, Any]] = field(default_factory=dict)
    prefix: KeyPath = ()  # ("tool", "afspraken") inside pyproject.toml
    source: Any = field(default=None, compare=False)  # reading.source.Source, for located errors
    problems: tuple[Problem, ...] = ()  # what is wrong in the file (the rest is still used)
    limits: Limits = Limits()
    rule_url: str = ""  # where a rule's documentation is: a URL template with {id}

    @property
    def base(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)


# The most each limit may be set to: past these a value means nothing here (a file of 1 TB, a
# list of 10^9), and 1e303 MB overflowed when counted in bytes.
_MOST: dict[str, float] = {"bestand_mb": 1_000_000, "lijst": 1_000_000_000, "diepte": 300, "tabellen": 1_000_000_000_000}


class LimietenModel(_Strict):
    """``[limieten]``: how much one agreement may hold (see afspraken.reading.files.Limits)."""

    bestand_mb: float = Field(20, gt=0, le=_MOST["bestand_mb"], allow_inf_nan=False, description="Grootste bestand in MB.")
    lijst: int = Field(100_000, gt=0, le=_MOST["lijst"], description="Meeste elementen in één lijst (of tabellen in één [[lijst]]).")
    diepte: int = Field(50, gt=0, le=_MOST["diepte"], description="Diepste nesting van lijsten en tabellen in elkaar.")
    tabellen: int = Field(
        200_000, gt=0, le=_MOST["tabellen"],
        description="Meeste tabellen en lijsten per MB (een kleiner bestand telt als 1 MB; gewogen naar wat ze kosten).",
    )


class ConfigModel(_Strict):
    """What a config file may hold."""

    regelsets: list[str] = Field(default_factory=list)
    plugins: list[str] = Field(default_factory=list)
    regels: dict[str, dict[str, Any]] = Field(default_factory=dict)
    # http, https or file: the HTML report and SARIF link to it (a javascript: link would run in the report)
    rule_url: str = Field("", pattern=r"^(?:[Hh][Tt][Tt][Pp][Ss]?|[Ff][Ii][Ll][Ee]):.*\{id\}", description="URL-sjabloon van de uitleg van een regel, met {id}.")
    limieten: Optional[LimietenModel] = None


def find(folder: Path) -> Optional[Path]:
    """The nearest config file at or above ``folder``."""
    return _find(Path(os.path.realpath(folder)))  # never raises, not even on a symlink loop


def forget() -> None:
    """Config files were added, removed or edited: search for them afresh (a long-running server)."""
    _find.cache_clear()
    _has_tool_section.cache_clear()


@lru_cache(maxsize=256)
def _find(folder: Path) -> Optional[Path]:
    for directory in (folder, *folder.parents):
        own = directory / "afspraken.toml"
        if own.is_file():
            return own
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


@lru_cache(maxsize=64)
def _has_tool_section(path: Path) -> bool:
    """Whether ``pyproject.toml`` has a ``tool.afspraken`` of any shape (a wrong shape is
    then a located error). One that cannot be read as TOML is used (so its error is shown)
    when it mentions afspraken at all; otherwise it is passed over with a warning, never silently."""
    import tomli

    from afspraken.reading.files import decode, read_bytes

    data = read_bytes(path, shown(path))  # bounded, regular files only: never hangs on a FIFO
    if isinstance(data, Problem):
        _warn(data)
        return False
    text, _ = decode(data)
    try:
        if text is None:
            raise ValueError("not UTF-8")
        parsed = tomli.loads(text)
    except (ValueError, RecursionError):  # TOMLDecodeError is a ValueError
        if b"afspraken" in data.lower() or (text is not None and "afspraken" in text.lower()):
            return True  # load() says where it breaks
        _warn(Problem(Location(shown(path), 0, 0), Text(
            "geen geldige TOML (of geen UTF-8): overgeslagen bij het zoeken naar instellingen",
            "not valid TOML (or not UTF-8): passed over while looking for settings",
        ), "instellingen"))
        return False
    tool = parsed.get("tool")
    return isinstance(tool, dict) and "afspraken" in tool


def _warn(problem: Problem) -> None:
    """A note on stderr, in the run's language when a command set one."""
    import sys

    language = sys.modules.get("afspraken.commands.language")
    lang = language.active() if language is not None else "nl"  # type: ignore[attr-defined]
    word = "waarschuwing" if lang == "nl" else "warning"
    from afspraken.reporting.escaping import escape

    try:
        sys.stderr.write(escape(f"{problem.location}: {word}: {problem.message(lang)}") + "\n")
    except (OSError, ValueError, AttributeError):
        pass


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def load(path: Optional[Path]) -> Config:
    """Read and validate a config file (``None``: the defaults). Problems are in
    ``Config.problems``; whatever is usable is used, so that all of them are found at once."""
    if path is None:
        return Config()
    from pydantic import ValidationError

    from afspraken.reading.loading import parse
    from afspraken.reading.validate import validation_problems

    from afspraken.reading.source import read

    source = read(path, name=shown(path))
    if isinstance(source, Problem):
        return Config(path, problems=() if source.code == "leeg" else (source,))  # empty: the defaults
    data = parse(source)
    if isinstance(data, Problem):
        return Config(path, problems=(data,))
    prefix: KeyPath = ()
    if path.name == "pyproject.toml":
        prefix = ("tool", "afspraken")
        tool = data.get("tool", {})
        section = tool.get("afspraken", {}) if isinstance(tool, dict) else None
        if not isinstance(section, dict):  # `tool = "x"`, `[[tool.afspraken]]`, `afspraken = 5` under [tool]
            at = prefix if isinstance(tool, dict) else ("tool",)
            message = Text(
                "[tool.afspraken] moet één tabel zijn, met regelsets, plugins en regels",
                "[tool.afspraken] must be one table, with regelsets, plugins and regels",
            )
            return Config(path, prefix=prefix, source=source, problems=(source.problem(at, message, "type"),))
        data = section
    try:
        model = ConfigModel.model_validate(data)
    except ValidationError as exc:
        regels = data.get("regels")
        usable = {k: v for k, v in regels.items() if isinstance(v, dict)} if isinstance(regels, dict) else {}
        problems = tuple(validation_problems(source, exc, ConfigModel, prefix))
        return Config(path, _strings(data.get("regelsets")), _strings(data.get("plugins")), usable, prefix, source, problems, _limits(data))
    return Config(path, tuple(model.regelsets), tuple(model.plugins), model.regels, prefix, source, limits=_limits(data), rule_url=model.rule_url)


def limits_for(folder: Path, given: Optional[Path] = None) -> Limits:
    """``[limieten]`` of the config that applies in ``folder`` (or of ``given``, ``--config``):
    for stdin, read before the checker resolves its settings."""
    return load(given or find(folder)).limits


def _limits(data: dict[str, Any]) -> Limits:
    """The usable values of ``[limieten]`` (a wrong one is reported, and the default used)."""
    given = data.get("limieten")
    if not isinstance(given, dict):
        return Limits()
    ok = {k: v for k, v in given.items() if k in _MOST and type(v) in (int, float) and 0 < v <= _MOST[k]}
    ok = {k: (int(v) if k != "bestand_mb" else v) for k, v in ok.items()}
    return Limits(**ok)
