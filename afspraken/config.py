"""Configuration: ``afspraken.toml`` or ``[tool.afspraken]`` in ``pyproject.toml``,
found from the checked file's folder upward."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Union

from afspraken.results import Problem
from afspraken.rules import KeyPath

NAMES = ("afspraken.toml", "pyproject.toml")


@dataclass(frozen=True)
class Config:
    """Settings from one file (or none: ``path`` is ``None``)."""

    path: Optional[Path] = None
    regelsets: tuple[str, ...] = ()
    plugins: tuple[str, ...] = ()
    regels: dict[str, dict[str, Any]] = field(default_factory=dict)
    prefix: KeyPath = ()  # ("tool", "afspraken") inside pyproject.toml
    source: Any = field(default=None, compare=False)  # loading.Source, for located errors

    @property
    def base(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def find(folder: Path) -> Optional[Path]:
    """The nearest config file at or above ``folder``."""
    return _find(folder.resolve())


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


def _has_tool_section(path: Path) -> bool:
    try:
        return "tool.afspraken" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def shown(path: Path) -> str:
    """A path as the user would write it: relative to the working folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load(path: Optional[Path]) -> Union[Config, list[Problem]]:
    """Read and validate a config file; ``None`` gives the defaults."""
    if path is None:
        return Config()
    from pydantic import ValidationError

    from afspraken.loading import Source, parse, read, validation_problems
    from afspraken.rulesets import ConfigModel

    source = read(path, name=shown(path))
    if isinstance(source, Problem):
        return Config(path) if source.code == "leeg" else [source]  # an empty config means: the defaults
    data = parse(source)
    if isinstance(data, Problem):
        return [data]
    prefix: KeyPath = ()
    if path.name == "pyproject.toml":
        prefix = ("tool", "afspraken")
        data = data.get("tool", {}).get("afspraken", {})
    try:
        model = ConfigModel.model_validate(data)
    except ValidationError as exc:
        return validation_problems(source, exc, ConfigModel, prefix)
    assert isinstance(source, Source)
    return Config(path, tuple(model.regelsets), tuple(model.plugins), model.regels, prefix, source)
