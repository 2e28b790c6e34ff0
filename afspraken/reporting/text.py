"""Text output: ``FILE:LINE:COL: ernst regel-id: message``, grouped per file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import click

from afspraken.reporting import Context, counts, plural
from afspraken.results import Finding, Location, Report
from afspraken.rules import Severity, Text

if TYPE_CHECKING:
    from afspraken.reporting.snippet import Sources

_COLORS = {Severity.FOUT: "red", Severity.WAARSCHUWING: "yellow", Severity.ADVIES: "cyan"}


def _style(text: str, ctx: Context, **kw: object) -> str:
    return click.style(text, **kw) if ctx.color else text  # type: ignore[arg-type]


def render(report: Report, ctx: Context) -> str:
    lang = ctx.lang
    sources = None
    if ctx.show_source:
        from afspraken.reporting.snippet import Sources

        sources = Sources(ctx.sources)
    lines: list[str] = []
    for crash in report.crashes:  # the cause (a broken plugin) before its consequences
        lines.append(_style(crash.message(lang), ctx, fg="red", bold=True))
    for problem in report.problems:
        lines.append(f"{problem.location}: {problem.message(lang)}")
    if lines:
        lines.append("")
    for result in report.files:
        block: list[str] = []
        for problem in result.problems:
            block.append(f"{_style(str(problem.location), ctx, bold=True)}: {_style(problem.message(lang), ctx, fg='red')}")
            if sources is not None:
                block.extend(_source(problem.location, sources, ctx))
        for crash in result.crashes:
            block.append(f"{_style(result.path, ctx, bold=True)}: {_style(crash.message(lang), ctx, fg='red', bold=True)}")
        for finding in result.findings:
            if ctx.quiet and not finding.counts:
                continue
            block.extend(_finding(finding, ctx, sources))
        if ctx.show_passed and result.evaluated:
            passed = [o.rule for o in result.outcomes if o.outcome.value == "geslaagd"]
            label = Text("geslaagd", "passed")(lang)
            block.append(f"{result.path}: {_style(label, ctx, fg='green')}: {', '.join(passed) if passed else '-'}")
        if block:
            lines.extend(block)
            lines.append("")
    lines.append(summary(report, ctx))
    return "\n".join(lines) + "\n"


def problems(report: Report, ctx: Context) -> str:
    """Only what stopped evaluation (for stderr, next to a machine-readable format)."""
    lines = [c.message(ctx.lang) for c in report.crashes]
    lines += [f"{p.location}: {p.message(ctx.lang)}" for p in report.problems]
    for result in report.files:
        lines += [f"{p.location}: {p.message(ctx.lang)}" for p in result.problems]
        lines += [f"{result.path}: {c.message(ctx.lang)}" for c in result.crashes]
    return "\n".join(lines) + "\n" if lines else ""


def _source(location: Location, sources: Sources, ctx: Context) -> list[str]:
    from afspraken.reporting.snippet import render as snippet

    lines = snippet(location, sources)
    if lines and ctx.color:  # the carets in colour, as rustc does
        gutter, bar, carets = lines[-1].partition("| ")
        lines[-1] = gutter + bar + _style(carets, ctx, fg="red", bold=True)
    return lines


def _finding(f: Finding, ctx: Context, sources: Optional[Sources] = None) -> list[str]:
    lang = ctx.lang
    severity = f.severity.label(lang)
    if f.explained is not None:
        tag = _style(f"{Text('uitgelegd', 'explained')(lang)} ({severity})", ctx, dim=True)
    else:
        tag = _style(severity, ctx, fg=_COLORS.get(f.severity), bold=True)
    out = [f"{_style(str(f.location), ctx, bold=True)}: {tag} {f.rule}: {f.message(lang)}"]
    if sources is not None:
        out.extend(_source(f.location, sources, ctx))
    if f.explained is not None:
        out.append(f"    {Text('toelichting', 'explanation')(lang)}: {f.explained(lang)}")
    elif f.fix is not None and not ctx.quiet:
        out.append(f"    {Text('oplossing', 'fix')(lang)}: {f.fix(lang)}")
    for extra in f.locations[1:]:
        out.append(f"    {Text('zie ook', 'see also')(lang)}: {extra}")
    return out


def summary(report: Report, ctx: Context) -> str:
    lang = ctx.lang
    counted = counts(report.findings)
    files = len(report.files)
    broken = sum(1 for r in report.files if r.problems)
    parts = [
        plural(counted["fout"], Text("fout", "error"), Text("fouten", "errors"), lang),
        plural(counted["waarschuwing"], Text("waarschuwing", "warning"), Text("waarschuwingen", "warnings"), lang),
        plural(counted["advies"], Text("advies", "note"), Text("adviezen", "notes"), lang),
        plural(counted["uitgelegd"], Text("uitgelegd", "explained"), Text("uitgelegd", "explained"), lang),
    ]
    where = plural(files, Text("bestand", "file"), Text("bestanden", "files"), lang)
    text = Text(f"{', '.join(parts)} in {where}", f"{', '.join(parts)} in {where}")(lang)
    if broken:
        text += Text(
            f"; {plural(broken, Text('bestand', 'file'), Text('bestanden', 'files'), 'nl')} {'kon' if broken == 1 else 'konden'} niet worden beoordeeld",
            f"; {plural(broken, Text('file', 'file'), Text('files', 'files'), 'en')} could not be evaluated",
        )(lang)
    crashes = len(report.crashes) + sum(len(r.crashes) for r in report.files)
    if crashes:
        text += Text(f"; {crashes} plugin-fout(en)", f"; {crashes} plugin failure(s)")(lang)
    if report.problems:
        text += Text("; de instellingen bevatten fouten", "; the settings contain errors")(lang)
    ok = not counted["fout"] and not counted["waarschuwing"] and not counted["advies"] and not report.broken
    return _style(text + ".", ctx, fg="green" if ok else None, bold=True)
