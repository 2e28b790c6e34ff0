"""Typed, immutable results: what a check found, and where."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import NamedTuple, Optional

from afspraken.rules import KeyPath, Severity, Text

_EMPTY: Mapping[str, str] = {}  # shared, never mutated (typed read-only)


class Location(NamedTuple):
    """A span in a file; ``key`` is the dotted key path it is about, if any.

    Lines and columns are 1-based, columns counted in characters; the end is
    exclusive (the column just after the span, as in SARIF and LSP). An end of 0
    means "not given": the span is then the one character at line:column (see
    :attr:`end`). Line 0 means no place in a file: a command-line option such as
    ``--regelset``.
    """

    file: str
    line: int
    column: int
    key: str = ""
    end_line: int = 0
    end_column: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file

    @property
    def end(self) -> tuple[int, int]:
        """``(end line, end column)``, exclusive; ``(0, 0)`` without a place in a file."""
        if not self.line:
            return 0, 0
        if self.end_line:
            return self.end_line, self.end_column
        return self.line, self.column + 1


class Problem(NamedTuple):
    """Why a file (or config, or rule set) could not be evaluated."""

    location: Location
    message: Text
    code: str  # e.g. "toml", "onbekende-sleutel", "verwijzing"


class Outcome(enum.Enum):
    """What became of one rule on one file."""

    GESLAAGD = "geslaagd"  # passed
    BEVINDING = "bevinding"  # finding
    UITGELEGD = "uitgelegd"  # explained by a waiver
    ONBESLIST = "onbeslist"  # could not decide
    CRASH = "crash"  # the rule raised


class Finding(NamedTuple):
    """A rule's finding, located in the file."""

    rule: str
    severity: Severity
    message: Text
    locations: tuple[Location, ...]
    undecided: bool = False
    explained: Optional[Text] = None  # the waiver's toelichting, when waived
    fix: Optional[Text] = None

    @property
    def location(self) -> Location:
        return self.locations[0]

    @property
    def counts(self) -> bool:
        """Does this finding count towards failing the run?"""
        return self.explained is None


_WHAT_EN = {"regel": "rule", "registratie": "registration", "regelset": "rule set", "extensie": "extension"}


class Crash(NamedTuple):
    """A plugin, hook or rule that raised; reported with the plugin named."""

    plugin: str
    what: str  # "regel gelijke-stem", "hook register_rules", "import"
    error: str  # "ZeroDivisionError: division by zero"
    file: str = ""

    def message(self, lang: str) -> str:
        if lang == "en":
            kind, _, name = self.what.partition(" ")
            what = " ".join(filter(None, (_WHAT_EN.get(kind, kind), name)))
            return f"plugin {self.plugin!r} failed in {what}: {self.error}"
        return f"plugin {self.plugin!r} faalde in {self.what}: {self.error}"


class RuleOutcome(NamedTuple):
    rule: str
    outcome: Outcome
    severity: Severity


class FileResult(NamedTuple):
    """Everything about one checked file."""

    path: str  # as shown to the user
    problems: tuple[Problem, ...] = ()
    findings: tuple[Finding, ...] = ()
    crashes: tuple[Crash, ...] = ()
    outcomes: tuple[RuleOutcome, ...] = ()
    title: str = ""
    meta: Mapping[str, str] = _EMPTY  # titel, wijk, gemeente, status, soort, partijen
    rulesets: tuple[str, ...] = ()

    @property
    def evaluated(self) -> bool:
        return not self.problems


class Report(NamedTuple):
    """The result of a run over one or more files."""

    files: tuple[FileResult, ...]
    rulesets: tuple[str, ...] = ()
    crashes: tuple[Crash, ...] = ()  # not tied to a file: plugin imports, hooks
    problems: tuple[Problem, ...] = ()  # config and rule-set errors

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.files for f in r.findings]

    @property
    def broken(self) -> bool:
        """Could some input not be evaluated (exit code 2)?"""
        return bool(self.crashes or self.problems) or any(r.problems or r.crashes for r in self.files)

    def exit_code(self, fail_on: Severity | None) -> int:
        if self.broken:
            return 2
        if fail_on is None:
            return 0
        hit = any(f.counts and f.severity.rank >= fail_on.rank for f in self.findings)
        return 1 if hit else 0


def error_text(exc: BaseException) -> str:
    """``ZeroDivisionError: division by zero``; with ``AFSPRAKEN_TRACEBACK=1`` the traceback too
    (for plugin authors; users never see one by default)."""
    import os

    text = f"{type(exc).__name__}: {exc}"
    if os.environ.get("AFSPRAKEN_TRACEBACK"):
        import traceback

        text += "\n" + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip()
    return text


def dotted(path: KeyPath) -> str:
    """``("orgaan", 0, "lid", 1)`` -> ``orgaan[0].lid[1]``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
