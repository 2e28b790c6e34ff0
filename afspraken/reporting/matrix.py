"""The portfolio matrix: one row per agreement, one column per rule, a symbol per cell.

The symbols differ in shape, not only in colour, so that the matrix reads in greyscale
and in print; the legend says what each one means.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from afspraken.reporting import Context
from afspraken.reporting import sections as s
from afspraken.results import FileResult, Outcome, Report
from afspraken.rules import Text

SYMBOLS: Mapping[str, str] = {
    "geslaagd": "\u2713",  # ✓
    "fout": "\u2716",  # ✖
    "waarschuwing": "\u25b2",  # ▲
    "advies": "\u25cf",  # ●
    "uitgelegd": "\u25c7",  # ◇
    "onbeslist": "?",
    "crash": "!",
    "nvt": "\u2013",  # –
}
LEGEND: Mapping[str, Text] = {
    "geslaagd": Text("geslaagd", "passed"),
    "fout": Text("fout", "error"),
    "waarschuwing": Text("waarschuwing", "warning"),
    "advies": Text("advies", "note"),
    "uitgelegd": Text("uitgelegd (pas toe of leg uit)", "explained (comply or explain)"),
    "onbeslist": Text("kon niet beslissen (gegevens ontbreken)", "could not decide (data missing)"),
    "crash": Text("regel kon niet draaien", "rule could not run"),
    "nvt": Text("niet toegepast", "not applied"),
}
TITLE = Text("Overzicht per regel", "Overview per rule")
LEGEND_TITLE = Text("Legenda", "Legend")


class Row(NamedTuple):
    number: int  # 1-based, as the agreement's anchor
    result: FileResult
    cells: tuple[str, ...]  # a key of SYMBOLS per column
    passed: int
    applied: int
    broken: bool


def columns(report: Report, ctx: Context) -> list[str]:
    """The rules of the run: the active ones in their order, then any other that ran somewhere."""
    seen = {o.rule: None for r in report.files for o in r.outcomes}
    return [r for r in ctx.rules if r in seen] + [r for r in seen if r not in ctx.rules]


def _cell(result: FileResult, rule_id: str) -> str:
    outcome = next((o for o in result.outcomes if o.rule == rule_id), None)
    if outcome is None:
        return "nvt"
    if outcome.outcome is Outcome.BEVINDING:
        counted = [f.severity for f in result.findings if f.rule == rule_id and f.counts and not f.undecided]
        return max(counted, key=lambda v: v.rank).value if counted else outcome.severity.value
    return {Outcome.GESLAAGD: "geslaagd", Outcome.UITGELEGD: "uitgelegd", Outcome.ONBESLIST: "onbeslist"}.get(outcome.outcome, "crash")


def rows(report: Report, ctx: Context, rules: list[str]) -> list[Row]:
    out = []
    for i, result in enumerate(report.files, 1):
        broken = s.verdict(result, report, ctx) == "broken"
        cells = tuple("nvt" if broken else _cell(result, r) for r in rules)
        out.append(Row(i, result, cells, cells.count("geslaagd"), len(result.outcomes), broken))
    return out


def score(row: Row, lang: str) -> str:
    """``17 van 19 regels gehaald``."""
    if row.broken:
        return s.verdict_label("broken", lang)
    return Text(f"{row.passed} van {row.applied} regels gehaald", f"{row.passed} of {row.applied} rules passed")(lang)


def cell_text(key: str, rule_id: str, lang: str) -> str:
    """What a cell says to a screen reader or a tooltip: ``gelijke-stem: fout``."""
    return f"{rule_id}: {LEGEND[key](lang)}"
