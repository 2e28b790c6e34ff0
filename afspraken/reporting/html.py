"""A self-contained HTML report for a meeting: one file, inline CSS, prints on A4.

Every value that comes from an agreement, a rule or the run goes through
:func:`el` / :func:`esc`, which escape it; only :class:`Markup` (built by
those helpers, or the constant stylesheet) is emitted as-is. The page loads
nothing: no scripts, fonts, images or external styles, so it works offline
and a hostile agreement cannot make it fetch or run anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from afspraken.reporting import Context, counts
from afspraken.reporting.markup import Child, Markup, _path, _sep, el, esc, join  # noqa: F401 - also used by portfolio, diffs
from afspraken.reporting.escaping import escaped
from afspraken.reporting import sections as s
from afspraken.reporting.sources import Sources
from afspraken.results import Failure, FileResult, Finding, Location, Problem, Report
from afspraken.rules import Severity, Text


def _css() -> str:
    """The report's stylesheet (inlined: the report is one self-contained file)."""
    from importlib.resources import files

    return files("afspraken.reporting").joinpath("rapport.css").read_text(encoding="utf-8")



def _badge(text: str, cls: str) -> Markup:
    return el("span", text, class_=f"badge {cls}")


def _severity_badge(severity: Severity, lang: str) -> Markup:
    return _badge(severity.label(lang), f"sev-{severity.value}")


def _verdict_badge(key: str, lang: str) -> Markup:
    return _badge(s.verdict_label(key, lang), f"st-{key}")


def _location(loc_text: str, key: str, lang: str) -> Markup:
    return join([el("code", loc_text), [" · ", s.label("key", lang), " ", el("code", key)] if key else None])


def _where(loc: Location, src: Sources) -> Markup:
    """The place in words, then the file position: ``orgaan 'X', lid 'Y', stemmen · bestand:38:3``."""
    words = src.place(loc)
    return join([[el("span", words, class_="place"), " · "] if words else None, el("code", str(loc))])


def _lines(loc: Location, src: Sources) -> Markup | None:
    """The source line(s) of a place, the span marked."""
    found = src.snippet(loc)
    if not found:
        return None
    rows = [join([el("span", str(x.line), class_="ln"), x.before, el("mark", x.marked) if x.marked else None, x.after, "\n"]) for x in found]
    return el("pre", el("code", rows), class_="source")


def _finding_item(f: Finding, lang: str, src: Sources) -> Markup:
    more = f.more_text
    places = [_where(loc, src) for loc in f.locations[1:]] + ([el("span", more(lang))] if more is not None else [])
    see_also = [el("div", s.label("see_also", lang), ": ", join(_sep(places, "; ")), class_="where")] if places else None
    return el(
        "li",
        [_badge(s.label("undecided", lang), "sev-uitgelegd"), " "] if f.undecided else None,
        el("span", f.message(lang), class_="message"),
        el("div", el("span", s.label("place", lang), ": ", class_="label"), _where(f.location, src), class_="where"),
        _lines(f.location, src),
        see_also,
    )


def _rule_block(severity: Severity, rule_id: str, findings: list[Finding], ctx: Context, src: Sources) -> Markup:
    lang = ctx.lang
    info = s.rule_info(rule_id, ctx)
    fixes = list(dict.fromkeys(x for x in (s.fix(f, ctx) for f in findings) if x))
    title = el("a", info.title, href=f"#{s.rule_anchor(rule_id)}") if info.title and rule_id in ctx.rules else (info.title or rule_id)
    return el(
        "article",
        el("h4", _severity_badge(severity, lang), " ", title, " ", el("code", rule_id) if info.title else None),
        el("ul", [_finding_item(f, lang, src) for f in findings], class_="hits"),
        [el("p", s.label("undecided_note", lang), class_="muted")] if all(f.undecided for f in findings) else None,
        [el("p", el("span", s.label("fix", lang), ": ", class_="label"), fix, class_="fix") for fix in fixes],
        class_=f"finding sev-{severity.value}",
    )


def _findings(result: FileResult, ctx: Context, src: Sources) -> Markup:
    lang = ctx.lang
    groups = list(s.groups(result))
    if not groups:
        return el("p", s.label("no_findings", lang), class_="muted")
    out: list[Child] = []
    for severity, found in groups:
        title = s.GROUP_TITLES[severity](lang)
        out.append(
            el(
                "section",
                el("h3", title, f" ({s.total(found)})"),
                [_rule_block(severity, rule_id, fs, ctx, src) for rule_id, fs in s.by_rule(found)],
                class_=f"group group-{severity.value}",
            )
        )
    return join(out)


def _table(headers: list[tuple[str, str]], rows: Sequence[Sequence[Child]], widths: list[str], caption: str | None = None, cls: str | None = None) -> Markup:
    """A fixed-layout table; ``headers`` are (text, css class), ``widths`` percentages per column."""
    return el(
        "table",
        el("caption", caption, class_="muted") if caption else None,
        el("colgroup", [el("col", style=f"width: {w}") for w in widths]),
        el("thead", el("tr", [el("th", text, scope="col", class_=c or None) for text, c in headers])),
        el("tbody", [el("tr", row) for row in rows]),
        class_=cls,
    )


def _explained(result: FileResult, ctx: Context) -> Markup | None:
    lang = ctx.lang
    found = s.explained(result)
    if not found:
        return None
    rows: list[list[Child]] = []
    for f in found:
        info = s.rule_info(f.rule, ctx)
        rows.append(
            [
                el("td", info.title or f.rule, el("br"), el("code", f.rule), " ", _severity_badge(f.severity, lang)),
                el("td", f.message(lang), el("div", _location(str(f.location), f.location.key, lang), class_="where")),
                el("td", f.explained(lang) if f.explained is not None else ""),
            ]
        )
    return el(
        "section",
        el("h3", s.label("explained", lang), f" ({s.total(found)})"),
        _table(
            [(s.label("rule", lang), ""), (s.label("findings", lang), ""), (s.label("explanation", lang), "")],
            rows,
            ["28%", "40%", "32%"],
        ),
        class_="explained",
    )


def _passed(result: FileResult, ctx: Context) -> Markup | None:
    """Collapsed on screen (a meeting reads the findings first); one compact line in print."""
    lang = ctx.lang
    if not result.outcomes:
        return None
    ok = s.passed(result)
    heading = f"{s.label('passed', lang)} ({len(ok)})"
    if not ok:
        return el("section", el("h3", heading), el("p", s.label("none_passed", lang), class_="muted"), class_="passed")
    items = [el("li", el("a", s.rule_info(o.rule, ctx).title or o.rule, href=f"#{s.rule_anchor(o.rule)}") if o.rule in ctx.rules else o.rule, " ", el("code", o.rule)) for o in ok]
    return el(
        "section",
        el("details", el("summary", el("h3", heading)), el("ul", items, class_="passed-list"), class_="screen-only"),
        el("p", el("span", heading, ": ", class_="label"), ", ".join(o.rule for o in ok), class_="print-only passed-print"),
        class_="passed",
    )


def _problems_table(problems: Iterable[Problem], lang: str) -> Markup:
    rows = [[el("td", _location(str(p.location), p.location.key, lang)), el("td", p.message(lang))] for p in problems]
    return _table([(s.label("place", lang), ""), (Text("Melding", "Message")(lang), "")], rows, ["38%", "62%"])


def _crashes(crashes: Iterable[Failure], lang: str) -> Markup:
    return el("ul", [el("li", c.message(lang)) for c in crashes], class_="crashes")


def _agreement(index: int, result: FileResult, report: Report, ctx: Context, multi: bool, src: Sources) -> Markup:
    lang = ctx.lang
    verdict = s.verdict(result, report, ctx)
    c = counts(result.findings)
    particulars: list[Child] = [[el("dt", f.label), el("dd", f.value)] for f in s.particulars(result, ctx)]
    particulars.append(
        [el("dt", s.label("result", lang)), el("dd", _verdict_badge(verdict, lang), " ", _tally_text(c, lang) if verdict != "broken" else None)]
    )
    body: list[Child] = []
    if result.problems:
        body.append(
            el(
                "section",
                el("h3", s.label("problems", lang)),
                el("p", s.label("problems_intro", lang)),
                _problems_table(result.problems, lang),
                class_="problem",
            )
        )
    elif s.settings_broken(result, report):
        body.append(el("section", el("h3", s.label("problems", lang)), el("p", s.label("settings_intro", lang)), class_="problem"))
    else:
        body.append(_findings(result, ctx, src))
        if result.crashes:
            body.append(
                el("section", el("h3", s.label("crashes", lang)), el("p", s.label("crashes_intro", lang)), _crashes(result.crashes, lang), class_="problem")
            )
        body.append(_explained(result, ctx))
        body.append(_passed(result, ctx))
        body.append(_profile(index, result, ctx))
    head = f"{index}. {s.heading(result)}" if multi else s.heading(result)
    return el(
        "article",
        el("h2", head),
        el("dl", particulars, class_="particulars"),
        body,
        el("p", el("a", "\u2191 ", s.label("back", lang), href="#overzicht"), class_="back") if multi else None,
        id=s.anchor(index),
        class_="agreement",
        aria_label=s.heading(result),
    )


def _profile(index: int, result: FileResult, ctx: Context) -> Markup | None:
    """The participation profile: drawn as inline SVG, and every number also as text."""
    if result.profile is None:
        return None
    from afspraken.reporting import profile as pr

    lang, p = ctx.lang, result.profile
    phases, bodies, actions = pr.rows(p, lang)
    cells = lambda rows: [[el("td", c) for c in row] for row in rows]  # noqa: E731
    parts: list[Child] = [
        el("h3", pr.TITLE(lang)),
        el("p", pr.INTRO(lang), class_="muted"),
        el("figure", Markup(pr.ladder_svg(p, lang, str(index))), el("figcaption", pr.LADDER(lang))),
        _table([(pr.HEAD["phase"](lang), ""), (pr.HEAD["rung"](lang), "")], cells(phases), ["40%", "60%"]),
        el("figure", Markup(pr.bars_svg(p, lang)), el("figcaption", pr.VOTES(lang), "; ", pr.ACTIONS(lang).lower())),
    ]
    if bodies:
        parts.append(_table([(pr.HEAD["body"](lang), ""), (pr.HEAD["votes"](lang), "")], cells(bodies), ["50%", "50%"]))
    more = pr.more_bodies(p, lang)
    if more is not None:
        parts.append(el("p", more, class_="muted"))
    parts.append(el("p", el("span", pr.ACTIONS(lang), ": ", class_="label"), actions))
    parts.append(el("p", pr.rules_text(p, lang)))
    return el("section", parts, class_="profile")


def _tally_text(c: dict[str, int], lang: str) -> str:
    return "(" + ", ".join(s.tally(c, lang)) + ")"


def _overview(report: Report, ctx: Context) -> Markup:
    lang = ctx.lang
    rows: list[list[Child]] = []
    for i, r in enumerate(report.files, 1):
        verdict = s.verdict(r, report, ctx)
        c = counts(r.findings)
        cells: list[Child] = [
            el("td", el("a", _path(r.path), href=f"#{s.anchor(i)}")),
            el("td", s.heading(r) if s.heading(r) != r.path else ""),
        ]
        for key in s.COUNT_KEYS:
            n = c[key]
            text = "\u2013" if verdict == "broken" else str(n)
            cells.append(el("td", _badge(text, f"sev-{key}") if n else el("span", text, class_="zero"), class_="num"))
        cells.append(el("td", _verdict_badge(verdict, lang)))
        rows.append(cells)
    headers = [
        (s.label("file", lang), ""),
        (s.label("title", lang), ""),
        *[(s.COUNT_LABELS[k](lang).capitalize(), "num") for k in s.COUNT_KEYS],
        (s.label("status", lang), ""),
    ]
    return el(
        "section",
        el("h2", s.label("overview", lang), id="overzicht-kop"),
        _table(headers, rows, ["21%", "24%", "7%", "15%", "8%", "11%", "14%"], cls="overview"),
        id="overzicht",
        aria_labelledby="overzicht-kop",
    )


def _summary(report: Report, ctx: Context) -> Markup:
    lang = ctx.lang
    overall, detail = s.overall(report, ctx)
    c = counts(report.findings)
    tally = [el("li", _badge(text, f"sev-{k}" if c[k] else "zero")) for k, text in zip(s.COUNT_KEYS, s.tally(c, lang))]
    extra: list[Child] = []
    if report.problems:
        extra.append(el("h3", s.label("settings", lang)))
        extra.append(_problems_table(report.problems, lang))
    if report.crashes:
        extra.append(el("h3", s.label("crashes", lang)))
        extra.append(_crashes(report.crashes, lang))
    return el(
        "section",
        el("h2", s.label("summary", lang), id="samenvatting"),
        el("p", s.label("result", lang), ": ", _verdict_badge(overall, lang), f" \u2014 {detail}" if detail else None, class_="verdict"),
        el("ul", tally, class_="tally", aria_label=s.label("findings", lang)),
        el("p", s.verdict_note(ctx), class_="muted"),
        extra,
        class_="summary",
        aria_labelledby="samenvatting",
    )


def render(report: Report, ctx: Context) -> str:
    from afspraken.reporting import portfolio

    report = escaped(report)
    lang = ctx.lang
    multi = len(report.files) > 1
    src = Sources()
    title = s.label("report", lang)
    if len(report.files) == 1:
        title = f"{title}: {s.heading(report.files[0])}"
    meta_parts = [f"{s.label('checked', lang)}: {s.when(ctx.generated, lang)}"]
    if report.rulesets:
        meta_parts.append(f"{s.label('rulesets', lang)}: {', '.join(report.rulesets)}")
    if ctx.tool_version:
        meta_parts.append(f"afspraken {ctx.tool_version}")
    page = el(
        "html",
        el(
            "head",
            el("meta", charset="utf-8"),
            el("meta", name="viewport", content="width=device-width, initial-scale=1"),
            el("meta", name="generator", content=f"afspraken {ctx.tool_version}".strip()),
            el("title", title),
            Markup(f"<style>{_css()}</style>"),
        ),
        el(
            "body",
            el("header", el("h1", s.label("report", lang)), el("p", " \u00b7 ".join(meta_parts), class_="meta")),
            el(
                "main",
                portfolio.matrix(report, ctx) if multi else None,
                _summary(report, ctx),
                _overview(report, ctx) if multi else None,
                [_agreement(i, r, report, ctx, multi, src) for i, r in enumerate(report.files, 1)],
                portfolio.appendix(report, ctx),
            ),
            el("footer", s.label("generated_by", lang), f" {ctx.tool_version}" if ctx.tool_version else None, " \u00b7 ", s.when(ctx.generated, lang)),
            class_="multi" if multi else None,
        ),
        lang=lang,
    )
    return f"<!DOCTYPE html>\n{page}\n"
