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
from afspraken.reporting.escaping import escaped
from afspraken.reporting import sections as s
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


def _finding(f: Finding, lang: str) -> list[str]:
    tag = f"*{md(s.label('undecided', lang))}:* " if f.undecided else ""
    lines = [f"- {tag}{md(f.message(lang))}", f"  - {s.label('place', lang)}: {_location(f.location, lang)}"]
    if len(f.locations) > 1:
        lines.append(f"  - {s.label('see_also', lang)}: " + "; ".join(_location(loc, lang) for loc in f.locations[1:]))
    return lines


def _rule_block(severity_label: str, rule_id: str, findings: list[Finding], ctx: Context) -> list[str]:
    lang = ctx.lang
    info = s.rule_info(rule_id, ctx)
    title = f"{md(info.title)} ({code(rule_id)})" if info.title else code(rule_id)
    lines = [f"#### {md(severity_label)}: {title}", ""]
    for f in findings:
        lines += _finding(f, lang)
    lines.append("")
    if all(f.undecided for f in findings):
        lines += [f"_{md(s.label('undecided_note', lang))}_", ""]
    if info.quote:
        if info.rationale:
            lines += [f"**{s.label('why', lang)}:** {md(info.rationale)}", ""]
        lines.append(f"> \u201c{md(info.quote)}\u201d")
        if info.source:
            lines += [">", f"> \u2014 {md(info.source)}"]
        lines.append("")
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


def _agreement(index: int, result: FileResult, report: Report, ctx: Context, multi: bool) -> list[str]:
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
        lines += [f"### {s.GROUP_TITLES[severity](lang)} ({len(found)})", ""]
        for rule_id, fs in s.by_rule(found):
            lines += _rule_block(severity.label(lang).capitalize(), rule_id, fs, ctx)
    if result.crashes:
        lines += [f"### {s.label('crashes', lang)}", "", s.label("crashes_intro", lang), ""]
        lines += _crashes(result.crashes, lang)
    explained = s.explained(result)
    if explained:
        lines += [f"### {s.label('explained', lang)} ({len(explained)})", ""]
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
    if result.outcomes:
        ok = s.passed(result)
        lines += [f"### {s.label('passed', lang)} ({len(ok)})", ""]
        if ok:
            rows = [[md(s.rule_info(o.rule, ctx).title or o.rule), code(o.rule), md(o.severity.label(lang))] for o in ok]
            lines += _table([s.label("title", lang), s.label("rule", lang), s.label("severity", lang)], rows)
        else:
            lines += [f"_{s.label('none_passed', lang)}_", ""]
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
        lines += _overview(report, ctx)
    for i, r in enumerate(report.files, 1):
        lines += _agreement(i, r, report, ctx, multi)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
