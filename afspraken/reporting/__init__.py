"""Output formats: each turns a :class:`~afspraken.results.Report` into text.

Formats are registered through the ``register_formats`` hook; the built-in ones
(``afspraken.reporting.builtin``) use it too. A format that can be written while the
results arrive also gives a ``stream``: a :class:`Writer` made from the report's
run-level part, fed one file at a time. ``render`` is then the same writer run over
a whole report, so both ways give the same bytes.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Optional, Protocol

from afspraken.rules import Severity, Text

if TYPE_CHECKING:
    from afspraken.results import FileResult, Finding, Report
    from afspraken.rules import Rule


@dataclass(frozen=True)
class Context:
    """What a format may need besides the report."""

    lang: str = "nl"
    color: bool = False
    rules: Mapping[str, Rule[Any]] = field(default_factory=dict)
    show_passed: bool = False
    fail_on: Optional[Severity] = Severity.FOUT
    quiet: bool = False
    tool_version: str = ""
    generated: datetime.datetime = field(default_factory=lambda: datetime.datetime.now().astimezone())  # when the check ran
    origins: Mapping[str, str] = field(default_factory=dict)  # rule id -> the rule set that switched it on
    rule_url: str = ""  # config `rule_url`: a URL template with {id} for a rule's documentation
    show_source: bool = False  # text: the source line with a caret underline under each span
    sources: Mapping[str, str] = field(default_factory=dict)  # texts not on disk (stdin), by shown name


class Writer(Protocol):
    """Writes a report piece by piece: ``start()``, ``file(result)`` per file, ``end()``."""

    def start(self) -> str: ...

    def file(self, result: FileResult) -> str: ...

    def end(self) -> str: ...


Stream = Callable[["Report", Context], Writer]
"""Makes a :class:`Writer` from the report's run-level part (``files`` is empty)."""


class OutputFormat(NamedTuple):
    """An output format for ``afspraken check --format NAME``."""

    name: str
    description: Text
    render: Callable[[Report, Context], str]
    suffix: str = ".txt"
    plugin: str = ""
    stream: Optional[Stream] = None  # written as results arrive, in constant memory
    profile: bool = True  # reads FileResult.profile; a format that does not spares each check working it out


def streamed(stream: Stream) -> Callable[[Report, Context], str]:
    """``render`` for a format that streams: its writer, run over a whole report."""

    def render(report: Report, ctx: Context) -> str:
        writer = stream(report._replace(files=()), ctx)
        return writer.start() + "".join(writer.file(r) for r in report.files) + writer.end()

    return render


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Findings per severity (``fout``, ``waarschuwing``, ``advies``) plus ``uitgelegd`` (explained)."""
    from afspraken.results import Tally

    tally = Tally()
    tally.count(findings)
    return tally.counts


def plural(n: int, one: Text, many: Text, lang: str) -> str:
    return f"{n} {(one if n == 1 else many)(lang)}"
