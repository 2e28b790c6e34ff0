"""Typed, immutable results: what a check found, and where."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Literal, NamedTuple, Optional

from afspraken.rules import KeyPath, Severity, Text

if TYPE_CHECKING:
    from afspraken.checking.profile import Profile

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
    amount: int = 1  # how many problems it stands for: code "meer" counts the ones not shown


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
    more_locations: int = 0  # places the rule named past the first MAX_PLACES: counted, not located
    amount: int = 1  # how many findings it stands for: more than 1 for the one that counts those past MAX_FINDINGS

    @property
    def location(self) -> Location:
        return self.locations[0]

    @property
    def counts(self) -> bool:
        """Does this finding count towards failing the run?"""
        return self.explained is None

    @property
    def more_text(self) -> Optional[Text]:
        """"en nog 3 plaatsen" / "and 3 more places" when places were counted, not located."""
        n = self.more_locations
        if n <= 0:
            return None
        return Text(f"en nog {count(n, 'nl')} {'plaats' if n == 1 else 'plaatsen'}", f"and {count(n, 'en')} more {'place' if n == 1 else 'places'}")


def count(value: int, lang: str) -> str:
    """8500 -> '8.500' in Dutch, '8,500' in English (here, below every module that counts)."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "nl" else text


Stage = Literal["import", "hook", "rule", "format"]
_STAGE_NL = {"import": "import", "hook": "hook", "rule": "regel", "format": "formaat"}
_STAGE_EN = {"import": "import", "hook": "hook", "rule": "rule", "format": "format"}


class Failure(NamedTuple):
    """A plugin that failed: it raised, returned the wrong thing, or clashed with another.

    ``stage`` says when (importing it, calling a hook, running a rule, rendering a format),
    ``subject`` what (the hook, rule id or format name). ``where`` is ``file:line`` in the
    plugin's code, ``origin`` its distribution and entry point, when known.
    """

    plugin: str
    stage: Stage
    subject: str  # "register_rules", "gelijke-stem", "json"; "" for an import
    error: str  # "ZeroDivisionError: division by zero"
    file: str = ""  # the agreement it happened on (rules only)
    where: str = ""  # "plugin.py:12"
    origin: str = ""  # "distribution afspraken-x 1.0, entry point x = afspraken_x"
    error_nl: str = ""  # the error in Dutch, when it is afspraken's own words (``error``, in JSON, is English)

    @property
    def what(self) -> str:
        """``regel gelijke-stem``, ``hook register_rules``, ``import`` (in JSON, schema version 1)."""
        return " ".join(filter(None, (_STAGE_NL[self.stage], self.subject)))

    def message(self, lang: str) -> str:
        en = lang == "en"
        stage = (_STAGE_EN if en else _STAGE_NL)[self.stage]
        what = " ".join(filter(None, (stage, self.subject)))
        error = self.error if en or not self.error_nl else self.error_nl
        text = f"plugin {self.plugin!r} {'failed in' if en else 'faalde in'} {what}: {error}"
        details = [d for d in (self.origin, self.where and (f"code: {self.where}")) if d]
        return f"{text} ({'; '.join(details)})" if details else text


HINT = Text(
    "Zet AFSPRAKEN_TRACEBACK=1 voor de traceback, of laat een plugin weg met AFSPRAKEN_PLUGINS=<namen die wel mogen>"
    " (een plugin uit --plugin: laat die optie weg).",
    "Set AFSPRAKEN_TRACEBACK=1 for the traceback, or leave a plugin out with AFSPRAKEN_PLUGINS=<names that may load>"
    " (a plugin given with --plugin: leave that option out).",
)
"""How to learn more about a plugin's failure, or switch it off: said once, after the failures."""

_PLUGINS_HINT = Text(
    "Laat een plugin weg met AFSPRAKEN_PLUGINS=<namen die wel mogen> (een plugin uit --plugin: laat die optie weg).",
    "Leave a plugin out with AFSPRAKEN_PLUGINS=<names that may load> (a plugin given with --plugin: leave that option out).",
)


def hint(lang: str) -> str:
    """:data:`HINT`, without telling to set AFSPRAKEN_TRACEBACK when it is already set."""
    import os

    return (_PLUGINS_HINT if os.environ.get("AFSPRAKEN_TRACEBACK") else HINT)(lang)


def crash_text(crash: Failure, lang: str) -> str:
    """A failure's message, escaped; with ``AFSPRAKEN_TRACEBACK=1`` its traceback follows on
    indented lines of their own (each line escaped, so nothing in it can forge output)."""
    import os

    from afspraken.reporting.escaping import escape, escaped

    first, _, trace = crash.error.partition("\n") if os.environ.get("AFSPRAKEN_TRACEBACK") else (crash.error, "", "")
    text: str = escaped(crash._replace(error=first)).message(lang)
    return text + "".join("\n    " + escape(line) for line in trace.splitlines())


class RuleOutcome(NamedTuple):
    rule: str
    outcome: Outcome
    severity: Severity


class FileResult(NamedTuple):
    """Everything about one checked file."""

    path: str  # as shown to the user
    problems: tuple[Problem, ...] = ()
    findings: tuple[Finding, ...] = ()
    crashes: tuple[Failure, ...] = ()
    outcomes: tuple[RuleOutcome, ...] = ()
    title: str = ""
    meta: Mapping[str, str] = _EMPTY  # titel, wijk, gemeente, status, soort, partijen
    rulesets: tuple[str, ...] = ()
    profile: Optional[Profile] = None  # the participation profile (checking/profile.py)

    @property
    def evaluated(self) -> bool:
        return not self.problems


class Report(NamedTuple):
    """The result of a run over one or more files."""

    files: tuple[FileResult, ...]
    rulesets: tuple[str, ...] = ()
    crashes: tuple[Failure, ...] = ()  # not tied to a file: plugin imports, hooks, clashes
    problems: tuple[Problem, ...] = ()  # config and rule-set errors
    lang: str = "nl"  # the language :func:`afspraken.render` uses unless told otherwise
    notes: tuple[Problem, ...] = ()  # not errors: files skipped (code "overgeslagen"), read as UTF-16 ("codering")

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.files for f in r.findings]

    @property
    def broken(self) -> bool:
        """Could some input not be evaluated (exit code 2)?"""
        return self.tally().broken(self)

    def exit_code(self, fail_on: Severity | str | None = "fout") -> int:
        """The command line's exit code: 2 if some input could not be evaluated, 1 if a finding is
        at or above ``fail_on`` (a :class:`Severity`, or the word of ``--fail-on``: ``fout``,
        ``waarschuwing``, ``advies``, ``nooit`` or ``error``, ``warning``, ``note``, ``never``;
        ``None`` is ``nooit``), else 0."""
        return self.tally().exit_code(self, fail_on_severity(fail_on))

    def tally(self) -> Tally:
        tally = Tally()
        for result in self.files:
            tally.add(result)
        return tally


_FAIL_ON = {"fout": "fout", "error": "fout", "waarschuwing": "waarschuwing", "warning": "waarschuwing",
            "advies": "advies", "note": "advies"}


def fail_on_severity(fail_on: Severity | str | None) -> Severity | None:
    """``--fail-on``'s value (a Severity or its Dutch or English word) as a Severity; ``None`` for never.
    Raises :class:`ValueError` for another word and :class:`TypeError` for another type."""
    if fail_on is None or isinstance(fail_on, Severity):
        return fail_on
    if not isinstance(fail_on, str):
        raise TypeError(f"fail_on must be a Severity, a word or None, not {type(fail_on).__name__}")
    if fail_on in ("nooit", "never"):
        return None
    if fail_on not in _FAIL_ON:
        raise ValueError(f"fail_on {fail_on!r} is none of: {', '.join([*_FAIL_ON, 'nooit', 'never'])}")
    return Severity(_FAIL_ON[fail_on])


# Findings per severity, plus those explained by a waiver: the one list of the counts.
COUNT_KEYS = ("fout", "waarschuwing", "advies", "uitgelegd")
_KEYS = {s: s.value for s in Severity if s.value in COUNT_KEYS}  # `.value` runs Python code on each use


class Tally:
    """Running totals over results as they arrive: what a summary and the exit code need,
    without keeping the results."""

    def __init__(self) -> None:
        self.files = 0
        self.not_evaluated = 0
        self.input_errors = 0  # problems in files that could not be evaluated
        self.crashes = 0  # failures of rules, on some file
        self.counts = dict.fromkeys(COUNT_KEYS, 0)  # see :data:`COUNT_KEYS`
        self.worst = 0  # the highest rank of a finding that counts
        self.broken_files = False

    def add(self, result: FileResult) -> FileResult:
        self.files += 1
        self.not_evaluated += not result.evaluated
        self.input_errors += sum(p.amount for p in result.problems)
        self.crashes += len(result.crashes)
        self.broken_files = self.broken_files or bool(result.problems or result.crashes)
        self.count(result.findings)
        return result

    def count(self, findings: Iterable[Finding]) -> None:
        counts = self.counts
        for f in findings:
            if f.explained is None:  # counts (see Finding.counts)
                severity = f.severity
                key = _KEYS.get(severity)
                if key is not None:
                    counts[key] += f.amount
                if severity.rank > self.worst:
                    self.worst = severity.rank
            else:
                counts["uitgelegd"] += f.amount

    def broken(self, head: Report) -> bool:
        """Could some input not be evaluated (exit code 2)? ``head``: the report's run-level part."""
        return self.broken_files or bool(head.crashes or head.problems)

    def exit_code(self, head: Report, fail_on: Severity | None) -> int:
        """2: something could not be evaluated; 1: a finding at or above ``fail_on``; else 0."""
        if self.broken(head):
            return 2
        return 1 if fail_on is not None and self.worst >= fail_on.rank else 0


def error_text(exc: BaseException) -> str:
    """``ZeroDivisionError: division by zero``; with ``AFSPRAKEN_TRACEBACK=1`` the traceback too
    (for plugin authors; users never see one by default)."""
    import os

    text = f"{type(exc).__name__}: {exc}"
    if os.environ.get("AFSPRAKEN_TRACEBACK"):
        import traceback

        text += "\n" + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip()
    return text


def code_location(exc: BaseException) -> str:
    """``file:line`` of the innermost frame of a traceback that is a plugin's own code
    (not afspraken's machinery, pluggy, pydantic or the standard library)."""
    import sysconfig
    from pathlib import Path

    machinery = (
        str(Path(__file__).parent / "checking"), str(Path(__file__).parent / "plugins"),
        str(Path(__file__).parent / "reading"), str(Path(__file__).parent / "rules.py"), sysconfig.get_paths()["stdlib"], "pluggy", "pydantic", "<frozen", "<string>",
    )
    if isinstance(exc, SyntaxError) and exc.filename and exc.lineno:  # the line that does not parse, not the import
        return f"{exc.filename}:{exc.lineno}"
    where = ""
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if not any(part in name for part in machinery):
            where = f"{name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def dotted(path: KeyPath) -> str:
    """``("orgaan", 0, "lid", 1)`` -> ``orgaan[0].lid[1]``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
