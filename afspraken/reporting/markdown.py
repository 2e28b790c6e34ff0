"""The meeting report (as in ``html``) in Markdown, for a document or a merge request.

Text from an agreement, a rule or the run goes through :func:`md` (inline
text: Markdown and HTML significant characters backslash-escaped, line breaks
folded) or :func:`code` (a code span that cannot be broken out of); only the
report's own structure is written literally.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from afspraken.reporting import Context, counts
from afspraken.reporting import matrix as m
from afspraken.reporting.escaping import escaped
from afspraken.reporting import sections as s
from afspraken.reporting.sources import Sources
from afspraken.results import Failure, FileResult, Finding, Location, Problem, Report
from afspraken.rules import Text

# CommonMark lets any ASCII punctuation be backslash-escaped. Escaped everywhere: what can
# start markup inline or in a (GFM) table: emphasis, code, links and images, raw HTML,
# entities, table cells, strikethrough, math, a closing heading sequence.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~&$])")
# Escaped only at the start of the text, where it would open a list, quote or heading.
_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))")
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85\x0b\x0c]+")


def md(value: object) -> str:
    """Escape text for inline Markdown (also safe inside a table cell and at a line's start)."""
    text = _BREAKS.sub(" ", str(value)).replace("\t", " ")
    text = "".join(ch if ch >= " " and ch != "\x7f" else "\ufffd" for ch in text)
    text = _SPECIAL.sub(r"\\\1", text)
    return _START.sub(_escape_start, text)


def _escape_start(m: re.Match[str]) -> str:
    if m.group(2):
        return f"{m.group(1)}\\{m.group(2)}"
    return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"


def code(value: object) -> str:
    """A code span around ``value``, fenced with more backticks than it contains."""
    text = _BREAKS.sub(" ", str(value)).replace("|", "\u2502")  # a | would end a table cell even in code
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_KEYS = s.COUNT_KEYS
_MARK = {"ok": "\u2705", "bad": "\u274c", "broken": "\u26a0\ufe0f"}  # next to the words, never instead of them


def _tally(c: dict[str, int], lang: str) -> str:
    return ", ".join(s.tally(c, lang))


def _verdict(key: str, lang: str) -> str:
    return f"{_MARK[key]} **{s.verdict_label(key, lang)}**"


def _location(loc: Location, lang: str) -> str:
    out = code(str(loc))
    if loc.key:
        out += f" \u00b7 {s.label('key', lang)} {code(loc.key)}"
    return out


def _table(headers: list[str], rows: Iterable[list[str]], align: list[str] | None = None) -> list[str]:
    align = align or ["---"] * len(headers)
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


def _where(loc: Location, src: Sources) -> str:
    words = src.place(loc)
    return f"{md(words)} \u00b7 {code(str(loc))}" if words else code(str(loc))


def _lines(loc: Location, src: Sources, indent: str) -> list[str]:
    """The source line(s) in a code block, the marked span underlined with ``^``."""
    found = src.snippet(loc)
    if not found:
        return []
    width = len(str(found[-1].line))
    body = []
    for x in found:
        body.append(f"{x.line:>{width}} | {x.before}{x.marked}{x.after}")
        body.append(f"{'':>{width}} | {' ' * len(x.before)}{'^' * max(1, len(x.marked))}")
    longest = max((len(r) for line in body for r in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{indent}{fence}toml", *(f"{indent}{line}".rstrip() for line in body), f"{indent}{fence}"]


def _finding(f: Finding, lang: str, src: Sources) -> list[str]:
    tag = f"*{md(s.label('undecided', lang))}:* " if f.undecided else ""
    lines = [f"- {tag}{md(f.message(lang))}", f"  - {s.label('place', lang)}: {_where(f.location, src)}"]
    lines += _lines(f.location, src, "    ")
    more = f.more_text
    if len(f.locations) > 1 or more is not None:
        places = [*(_where(loc, src) for loc in f.locations[1:]), *([md(more(lang))] if more is not None else [])]
        lines.append(f"  - {s.label('see_also', lang)}: " + "; ".join(places))
    return lines


def _rule_link(rule_id: str, title: str, ctx: Context) -> str:
    if not title:
        return code(rule_id)
    shown = f"[{md(title)}](#{s.rule_anchor(rule_id)})" if rule_id in ctx.rules else md(title)
    return f"{shown} ({code(rule_id)})"


def _rule_block(severity_label: str, rule_id: str, findings: list[Finding], ctx: Context, src: Sources) -> list[str]:
    lang = ctx.lang
    info = s.rule_info(rule_id, ctx)
    lines = [f"#### {md(severity_label)}: {_rule_link(rule_id, info.title, ctx)}", ""]
    for f in findings:
        lines += _finding(f, lang, src)
    lines.append("")
    if all(f.undecided for f in findings):
        lines += [f"_{md(s.label('undecided_note', lang))}_", ""]
    for fix in dict.fromkeys(x for x in (s.fix(f, ctx) for f in findings) if x):
        lines += [f"**{s.label('fix', lang)}:** {md(fix)}", ""]
    return lines


def _problems(problems: Iterable[Problem], lang: str) -> list[str]:
    return _table(
        [s.label("place", lang), Text("Melding", "Message")(lang)],
        ([_location(p.location, lang), md(p.message(lang))] for p in problems),
    )


def _crashes(crashes: Iterable[Failure], lang: str) -> list[str]:
    return [f"- {md(c.message(lang))}" for c in crashes] + [""]


def _agreement(index: int, result: FileResult, report: Report, ctx: Context, multi: bool, src: Sources) -> list[str]:
    lang = ctx.lang
    verdict = s.verdict(result, report, ctx)
    head = f"{index}. {md(s.heading(result))}" if multi else md(s.heading(result))
    lines = [f'<a id="{s.anchor(index)}"></a>', "", f"## {head}", ""]
    for field in s.particulars(result, ctx):
        lines.append(f"- **{field.label}:** {md(field.value)}")
    result_line = f"- **{s.label('result', lang)}:** {_verdict(verdict, lang)}"
    if verdict != "broken":
        result_line += f" ({_tally(counts(result.findings), lang)})"
    lines += [result_line, ""]
    if result.problems:
        lines += [f"### {s.label('problems', lang)}", "", s.label("problems_intro", lang), ""]
        lines += _problems(result.problems, lang)
        return lines
    if s.settings_broken(result, report):
        return lines + [f"### {s.label('problems', lang)}", "", s.label("settings_intro", lang), ""]
    groups = list(s.groups(result))
    if not groups:
        lines += [f"_{s.label('no_findings', lang)}_", ""]
    for severity, found in groups:
        lines += [f"### {s.GROUP_TITLES[severity](lang)} ({s.total(found)})", ""]
        for rule_id, fs in s.by_rule(found):
            lines += _rule_block(severity.label(lang).capitalize(), rule_id, fs, ctx, src)
    if result.crashes:
        lines += [f"### {s.label('crashes', lang)}", "", s.label("crashes_intro", lang), ""]
        lines += _crashes(result.crashes, lang)
    explained = s.explained(result)
    if explained:
        lines += [f"### {s.label('explained', lang)} ({s.total(explained)})", ""]
        rows = []
        for f in explained:
            info = s.rule_info(f.rule, ctx)
            rule = f"{md(info.title)} ({code(f.rule)})" if info.title else code(f.rule)
            rows.append(
                [
                    f"{rule}, {md(f.severity.label(lang))}",
                    f"{md(f.message(lang))} ({_location(f.location, lang)})",
                    md(f.explained(lang)) if f.explained is not None else "",
                ]
            )
        lines += _table([s.label("rule", lang), s.label("findings", lang), s.label("explanation", lang)], rows)
    if result.outcomes:  # collapsed, as in the HTML report: a meeting reads the findings first
        ok = s.passed(result)
        heading = f"{s.label('passed', lang)} ({len(ok)})"
        if ok:
            lines += ["<details>", f"<summary>{heading}</summary>", ""]
            lines += [f"- {_rule_link(o.rule, s.rule_info(o.rule, ctx).title, ctx)}" for o in ok]
            lines += ["", "</details>", ""]
        else:
            lines += [f"### {heading}", "", f"_{s.label('none_passed', lang)}_", ""]
    if result.profile is not None:
        lines += _profile(result, lang)
    return lines


def _profile(result: FileResult, lang: str) -> list[str]:
    """The participation profile: a table per part, drawn with squares, every number also as text."""
    from afspraken.reporting import profile as pr

    p = result.profile
    assert p is not None
    phases, _, actions = pr.rows(p, lang)
    lines = [f"### {pr.TITLE(lang)}", "", md(pr.INTRO(lang)), ""]
    lines += [f"**{pr.LADDER(lang)}**", ""]
    lines += _table(
        [pr.HEAD["phase"](lang), pr.HEAD["ladder"](lang), pr.HEAD["rung"](lang)],
        [[md(f.fase), pr.ladder_cells(f), md(text)] for f, (_, text) in zip(p.fasen, phases)],
    )
    if p.organen:
        lines += [f"**{pr.VOTES(lang)}**", ""]
        lines += _table([pr.HEAD["body"](lang), pr.HEAD["share"](lang), pr.HEAD["votes"](lang)], [[md(c) for c in row] for row in pr.body_rows(pr.shown_bodies(p), lang)])
        more = pr.more_bodies(p, lang)
        if more is not None:
            lines += [md(more), ""]
    lines += [f"**{pr.ACTIONS(lang)}:** {pr.share_cells(p.actions_share)} {md(actions)}".replace("  ", " "), ""]
    lines += [md(pr.rules_text(p, lang)), ""]
    return lines


def _matrix(report: Report, ctx: Context) -> list[str]:
    lang = ctx.lang
    rules = m.columns(report, ctx)
    headers = [Text("Afspraak", "Agreement")(lang), *(f"[{r}](#{s.rule_anchor(r)})" if r in ctx.rules else code(r) for r in rules), Text("Gehaald", "Passed")(lang)]
    rows = []
    for row in m.rows(report, ctx, rules):
        verdict = s.verdict(row.result, report, ctx)
        name = f"[{md(s.heading(row.result))}](#{s.anchor(row.number)}) {_MARK[verdict]} {code(row.result.path)}"
        rows.append([name, *(m.SYMBOLS[k] for k in row.cells), md(m.score(row, lang))])
    legend = ", ".join(f"{m.SYMBOLS[k]} {md(m.LEGEND[k](lang))}" for k in m.SYMBOLS)
    lines = [f"## {m.TITLE(lang)}", ""]
    lines += _table(headers, rows, ["---", *(":-:" for _ in rules), "---"])
    return lines + [f"**{m.LEGEND_TITLE(lang)}:** {legend}", ""]


def _appendix(report: Report, ctx: Context) -> list[str]:
    lang = ctx.lang
    rules = s.rules_in(report, ctx)
    if not rules:
        return []
    lines = [f"## {s.label('appendix', lang)}", ""]
    for rule_id in rules:
        info = s.rule_info(rule_id, ctx)
        lines += [f'<a id="{s.rule_anchor(rule_id)}"></a>', "", f"### {md(info.title or rule_id)} ({code(rule_id)})", ""]
        if info.summary:
            lines += [f"**{s.label('what', lang)}:** {md(info.summary)}", ""]
        if info.rationale:
            lines += [f"**{s.label('why', lang)}:** {md(info.rationale)}", ""]
        if info.quote:
            lines.append(f"> \u201c{md(info.quote)}\u201d")
            if info.source:
                lines += [">", f"> \u2014 {md(info.source)}"]
            lines.append("")
            for quote, by in info.also:  # one quote per speaker, each attributed
                lines += [f"> \u201c{md(quote)}\u201d", *([">", f"> \u2014 {md(by)}"] if by else []), ""]
        if info.fix:
            lines += [f"**{s.label('fix', lang)}:** {md(info.fix)}", ""]
    return lines


def _overview(report: Report, ctx: Context) -> list[str]:
    lang = ctx.lang
    rows = []
    for i, r in enumerate(report.files, 1):
        verdict = s.verdict(r, report, ctx)
        c = counts(r.findings)
        cells = ["\u2013" if verdict == "broken" else str(c[k]) for k in _KEYS]
        title = md(s.heading(r)) if s.heading(r) != r.path else ""
        rows.append([f"[{md(r.path)}](#{s.anchor(i)})", title, *cells, _verdict(verdict, lang)])
    headers = [s.label("file", lang), s.label("title", lang), *(s.COUNT_LABELS[k](lang).capitalize() for k in _KEYS), s.label("status", lang)]
    return [f"## {s.label('overview', lang)}", ""] + _table(headers, rows, ["---", "---", "--:", "--:", "--:", "--:", "---"])


def render(report: Report, ctx: Context) -> str:
    report = escaped(report)
    lang = ctx.lang
    meta = [f"{s.label('checked', lang)}: {s.when(ctx.generated, lang)}"]
    if report.rulesets:
        meta.append(f"{s.label('rulesets', lang)}: {', '.join(report.rulesets)}")
    if ctx.tool_version:
        meta.append(f"afspraken {ctx.tool_version}")
    overall, detail = s.overall(report, ctx)
    lines = [f"# {s.label('report', lang)}", "", md(" \u00b7 ".join(meta)), ""]
    lines += [f"## {s.label('summary', lang)}", ""]
    lines.append(f"**{s.label('result', lang)}:** {_verdict(overall, lang)}" + (f" \u2014 {md(detail)}" if detail else ""))
    lines += ["", f"{_tally(counts(report.findings), lang)}.", "", f"_{md(s.verdict_note(ctx))}_", ""]
    if report.problems:
        lines += [f"### {s.label('settings', lang)}", ""] + _problems(report.problems, lang)
    if report.crashes:
        lines += [f"### {s.label('crashes', lang)}", ""] + _crashes(report.crashes, lang)
    multi = len(report.files) > 1
    if multi:
        lines = lines[:4] + _matrix(report, ctx) + lines[4:]  # the matrix first, under the title
        lines += _overview(report, ctx)
    src = Sources()
    for i, r in enumerate(report.files, 1):
        lines += _agreement(i, r, report, ctx, multi, src)
    lines += _appendix(report, ctx)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
