"""The counts and the 'could not be evaluated' verdict: one implementation (results.Tally), the
same whether a format counts a whole report, one file's findings, or results as they stream."""

from __future__ import annotations

import pytest

from afspraken.reporting import Context, counts, sections, text
from afspraken.results import COUNT_KEYS, Failure, FileResult, Finding, Location, Problem, Report, Tally
from afspraken.rules import Severity, Text

AT = Location("a.toml", 1, 1)


def _finding(severity: Severity, waived: bool = False) -> Finding:
    return Finding("r", severity, Text("m", "m"), (AT,), explained=Text("ok", "ok") if waived else None)


FINDINGS = (
    _finding(Severity.FOUT), _finding(Severity.FOUT, waived=True), _finding(Severity.WAARSCHUWING),
    _finding(Severity.ADVIES), _finding(Severity.ADVIES), _finding(Severity.UIT),
)


def test_counts_per_severity_with_the_waived_ones_apart():
    assert counts(FINDINGS) == {"fout": 1, "waarschuwing": 1, "advies": 2, "uitgelegd": 1}
    assert tuple(counts(()).keys()) == COUNT_KEYS == sections.COUNT_KEYS


def test_a_streamed_tally_and_a_whole_report_count_alike():
    files = (FileResult("a.toml", findings=FINDINGS[:3]), FileResult("b.toml", findings=FINDINGS[3:]))
    tally = Tally()
    for result in files:
        tally.add(result)
    report = Report(files)
    assert tally.counts == report.tally().counts == counts(report.findings)
    ctx = Context()
    assert text.summary(report, ctx) == text.summary(report._replace(files=()), ctx, tally)


BROKEN_FILE = FileResult("b.toml", problems=(Problem(AT, Text("kapot", "broken"), "bestand"),))
CRASHED_FILE = FileResult("c.toml", crashes=(Failure("p", "rule", "r", "ZeroDivisionError: x", "c.toml"),))


@pytest.mark.parametrize(
    ("report", "broken"),
    [
        (Report((FileResult("a.toml", findings=FINDINGS),)), False),
        (Report((BROKEN_FILE,)), True),
        (Report((CRASHED_FILE,)), True),
        (Report((), problems=(Problem(AT, Text("x", "x"), "config"),)), True),
        (Report((), crashes=(Failure("p", "import", "", "ImportError: x"),)), True),
    ],
)
def test_broken_is_the_tallys_verdict(report: Report, broken: bool):
    tally = Tally()
    for result in report.files:
        tally.add(result)
    assert report.broken is broken is tally.broken(report)
    assert (report.exit_code(None) == 2) is broken
