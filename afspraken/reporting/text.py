"""Text output: ``FILE:LINE:COL: ernst regel-id: message``, grouped per file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import click

from afspraken.reporting import Context, plural, streamed
from afspraken.reporting.escaping import escaped, is_safe
from afspraken.results import Failure, FileResult, crash_text, hint, Finding, Location, Report, Tally
from afspraken.rules import Severity, Text

if TYPE_CHECKING:
    from afspraken.reporting.snippet import Sources

_COLORS = {Severity.FOUT: "red", Severity.WAARSCHUWING: "yellow", Severity.ADVIES: "cyan"}


def _style(text: str, ctx: Context, **kw: object) -> str:
    return click.style(text, **kw) if ctx.color else text  # type: ignore[arg-type]


class Writer:
    """Text as results arrive: run-level failures first (the cause before its consequences),
    then a block per file, then the summary."""

    def __init__(self, head: Report, ctx: Context) -> None:
        self.raw, self.head, self.ctx, self.tally = head, escaped(head), ctx, Tally()
        self.sources: Optional[Sources] = None  # with --toon-bron: the lines of the files shown
        if ctx.show_source:
            from afspraken.reporting.snippet import Sources

            self.sources = Sources(ctx.sources)

    def start(self) -> str:
        lang, ctx = self.ctx.lang, self.ctx
        lines = [_style(crash_text(crash, lang), ctx, fg="red", bold=True) for crash in self.raw.crashes]
        lines += [f"{problem.location}: {problem.message(lang)}" for problem in self.head.problems]
        return "".join(line + "\n" for line in lines) + ("\n" if lines else "")

    def file(self, result: FileResult) -> str:
        self.tally.add(result)
        if self.ctx.color:  # the colours are escape sequences: escape what is in the result first
            block = self._block(escaped(result), result.crashes)
        else:
            # Built from the result as it is, then one check of what it prints: a string escaped()
            # would change shows up there (every string used is printed); only then escape and build again.
            block = self._block(result, result.crashes)
            if not is_safe("".join(block)):
                block = self._block(escaped(result), result.crashes)
        return "\n".join(block) + "\n\n" if block else ""

    def _block(self, result: FileResult, raw_crashes: tuple[Failure, ...]) -> list[str]:
        lang, ctx = self.ctx.lang, self.ctx
        block: list[str] = []
        for problem in result.problems:
            block.append(f"{_style(str(problem.location), ctx, bold=True)}: {_style(problem.message(lang), ctx, fg='red')}")
            if self.sources is not None:
                block.extend(_source(problem.location, self.sources, ctx))
        for crash in raw_crashes:
            block.append(f"{_style(result.path, ctx, bold=True)}: {_style(crash_text(crash, lang), ctx, fg='red', bold=True)}")
        for finding in result.findings:
            if ctx.quiet and not finding.counts:
                continue
            block.extend(_finding(finding, ctx, self.sources))
        if ctx.show_passed and result.evaluated:
            passed = [o.rule for o in result.outcomes if o.outcome.value == "geslaagd"]
            label = Text("geslaagd", "passed")(lang)
            block.append(f"{result.path}: {_style(label, ctx, fg='green')}: {', '.join(passed) if passed else '-'}")
        return block

    def end(self) -> str:
        text = summary(self.head, self.ctx, self.tally) + "\n"
        if self.head.crashes or self.tally.crashes:
            text += hint(self.ctx.lang) + "\n"
        return text


def render(report: Report, ctx: Context) -> str:
    return streamed(Writer)(report, ctx)


def problems(report: Report, ctx: Context) -> str:
    """Only what stopped evaluation (for stderr, next to a machine-readable format)."""
    lines = [crash_text(c, ctx.lang) for c in report.crashes]
    raw, report = report, escaped(report)
    lines += [f"{p.location}: {p.message(ctx.lang)}" for p in report.problems]
    for result in raw.files:
        lines += file_problems(result, ctx)
    if report.crashes or any(r.crashes for r in report.files):
        lines.append(hint(ctx.lang))
    return "\n".join(lines) + "\n" if lines else ""


def file_problems(result: FileResult, ctx: Context) -> list[str]:
    """Why one file could not be (fully) evaluated, a line each."""
    if not result.problems and not result.crashes:  # the common case: nothing to escape
        return []
    problems, path = escaped((result.problems, result.path))
    lines = [f"{p.location}: {p.message(ctx.lang)}" for p in problems]
    return lines + [f"{path}: {crash_text(c, ctx.lang)}" for c in result.crashes]


def _source(location: Location, sources: Sources, ctx: Context) -> list[str]:
    from afspraken.reporting.snippet import render as snippet

    lines = snippet(location, sources)
    if lines and ctx.color:  # the carets in colour, as rustc does
        gutter, bar, carets = lines[-1].partition("| ")
        lines[-1] = gutter + bar + _style(carets, ctx, fg="red", bold=True)
    return lines


_EXPLAINED, _EXPLANATION = Text("uitgelegd", "explained"), Text("toelichting", "explanation")
_FIX, _SEE_ALSO = Text("oplossing", "fix"), Text("zie ook", "see also")


def _finding(f: Finding, ctx: Context, sources: Optional[Sources] = None) -> list[str]:
    # Texts by index (0: nl, 1: en): a line per finding of tens of thousands, where each call counts.
    lang, color = ctx.lang, ctx.color
    en = 1 if lang == "en" else 0
    severity = f.severity.label[en]
    if f.explained is not None:
        tag = _style(f"{_EXPLAINED[en]} ({severity})", ctx, dim=True)
    else:
        tag = _style(severity, ctx, fg=_COLORS.get(f.severity), bold=True) if color else severity
    locations = f.locations
    first = locations[0]
    where = str(first)
    out = [f"{_style(where, ctx, bold=True) if color else where}: {tag} {f.rule}: {f.message[en]}"]
    if sources is not None:
        out.extend(_source(first, sources, ctx))
    if f.explained is not None:
        out.append(f"    {_EXPLANATION[en]}: {f.explained[en]}")
    elif f.fix is not None and not ctx.quiet:
        out.append(f"    {_FIX[en]}: {f.fix[en]}")
    if len(locations) > 1:
        see_also = _SEE_ALSO[en]
        out += [f"    {see_also}: {extra}" for extra in locations[1:]]
    more = f.more_text
    if more is not None:
        out.append(f"    {more[en]}")
    return out


def summary(report: Report, ctx: Context, tally: Optional[Tally] = None) -> str:
    """The last line: findings per severity, files, and what could not be evaluated.
    ``tally``: totals over the files when ``report`` holds only the run-level part."""
    lang = ctx.lang
    if tally is None:
        tally = report.tally()
    counted = tally.counts
    files = tally.files
    broken = tally.not_evaluated
    parts = [
        plural(counted["fout"], Text("fout", "error"), Text("fouten", "errors"), lang),
        plural(counted["waarschuwing"], Text("waarschuwing", "warning"), Text("waarschuwingen", "warnings"), lang),
        plural(counted["advies"], Text("advies", "note"), Text("adviezen", "notes"), lang),
        plural(counted["uitgelegd"], Text("uitgelegd", "explained"), Text("uitgelegd", "explained"), lang),
    ]
    where = plural(files, Text("bestand", "file"), Text("bestanden", "files"), lang)
    inputs = plural(tally.input_errors, Text("invoerfout", "input error"), Text("invoerfouten", "input errors"), lang)
    if broken and broken == files:  # nothing was judged: "0 fouten" would read as "in order"
        text = Text(
            f"Niet getoetst: {inputs} in {where}; de regels zijn niet uitgevoerd",
            f"Not checked: {inputs} in {where}; the rules were not run",
        )(lang)
    else:
        text = Text(f"{', '.join(parts)} in {where}", f"{', '.join(parts)} in {where}")(lang)
    if broken and broken != files:
        text += Text(
            f"; {plural(broken, Text('bestand', 'file'), Text('bestanden', 'files'), 'nl')} {'kon' if broken == 1 else 'konden'} niet worden beoordeeld ({inputs}; de regels zijn daarop niet uitgevoerd)",
            f"; {plural(broken, Text('file', 'file'), Text('files', 'files'), 'en')} could not be evaluated ({inputs}; the rules were not run on {'it' if broken == 1 else 'them'})",
        )(lang)
    crashes = len(report.crashes) + tally.crashes
    if crashes:
        text += Text(f"; {crashes} plugin-fout(en)", f"; {crashes} plugin failure(s)")(lang)
    if report.problems:
        text += Text("; de instellingen bevatten fouten", "; the settings contain errors")(lang)
    skipped = sum(1 for n in report.notes if n.code == "overgeslagen")
    if skipped:
        text += Text(f"; {skipped} overgeslagen (geen afspraak)", f"; {skipped} skipped (not an agreement)")(lang)
    ok = not counted["fout"] and not counted["waarschuwing"] and not counted["advies"] and not tally.broken(report)
    return _style(text + ".", ctx, fg="green" if ok else None, bold=True)
