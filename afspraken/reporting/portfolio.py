"""The parts of the HTML report for a portfolio: the matrix of agreements by rules, with its
legend, and the appendix that explains each rule the report mentions (what, why, quote, fix)."""

from __future__ import annotations

from afspraken.reporting import Context
from afspraken.reporting import matrix as m
from afspraken.reporting import sections as s
from afspraken.reporting.html import Child, Markup, _path, el
from afspraken.results import Report
from afspraken.rules import Text


def matrix(report: Report, ctx: Context) -> Markup:
    lang = ctx.lang
    rules = m.columns(report, ctx)
    head: list[Child] = [el("th", Text("Afspraak", "Agreement")(lang), scope="col", class_="agreement-col")]
    for rule_id in rules:
        head.append(el("th", el("a", el("span", rule_id), href=f"#{s.rule_anchor(rule_id)}"), scope="col", class_="rule-col", title=s.rule_info(rule_id, ctx).title or rule_id))
    head.append(el("th", Text("Gehaald", "Passed")(lang), scope="col", class_="score-col"))
    body = []
    for row in m.rows(report, ctx, rules):
        verdict = s.verdict(row.result, report, ctx)
        cells: list[Child] = [
            el(
                "th",
                el("a", s.heading(row.result), href=f"#{s.anchor(row.number)}"), " ",
                el("span", s.verdict_label(verdict, lang), class_=f"badge st-{verdict}"),
                el("span", _path(row.result.path), class_="file"),
                scope="row",
            )
        ]
        for rule_id, key in zip(rules, row.cells):
            text = m.cell_text(key, rule_id, lang)
            cells.append(el("td", el("span", m.SYMBOLS[key], aria_hidden="true"), el("span", text, class_="sr"), class_=f"cell c-{key}", title=text))
        cells.append(el("td", m.score(row, lang), class_="score"))
        body.append(el("tr", cells))
    legend = el(
        "ul",
        [el("li", el("span", m.SYMBOLS[k], class_=f"cell c-{k}", aria_hidden="true"), " ", m.LEGEND[k](lang)) for k in m.SYMBOLS],
        class_="legend",
        aria_label=m.LEGEND_TITLE(lang),
    )
    return el(
        "section",
        el("h2", m.TITLE(lang), id="matrix-kop"),
        el(
            "table",
            el("colgroup", el("col", class_="agreement-col"), [el("col") for _ in rules], el("col", class_="score-col")),
            el("thead", el("tr", head)),
            el("tbody", body),
            class_="matrix",
        ),
        el("p", el("span", m.LEGEND_TITLE(lang), ":", class_="label")),
        legend,
        id="matrix",
        aria_labelledby="matrix-kop",
    )


def appendix(report: Report, ctx: Context) -> Markup | None:
    lang = ctx.lang
    rules = s.rules_in(report, ctx)
    if not rules:
        return None
    items = []
    for rule_id in rules:
        info = s.rule_info(rule_id, ctx)
        items.append(
            el(
                "article",
                el("h3", info.title or rule_id, " ", el("code", rule_id)),
                el("p", el("span", s.label("what", lang), ": ", class_="label"), info.summary) if info.summary else None,
                el("p", el("span", s.label("why", lang), ": ", class_="label"), info.rationale) if info.rationale else None,
                el("blockquote", el("p", f"\u201c{info.quote}\u201d"), lang=s.quote_lang(ctx)) if info.quote else None,
                el("p", f"\u2014 {info.source}", class_="source") if info.quote and info.source else None,
                [  # one quote per speaker, each attributed
                    [el("blockquote", el("p", f"\u201c{quote}\u201d"), lang=s.quote_lang(ctx)), el("p", f"\u2014 {by}", class_="source") if by else None]
                    for quote, by in info.also
                ],
                el("p", el("span", s.label("fix", lang), ": ", class_="label"), info.fix, class_="fix") if info.fix else None,
                id=s.rule_anchor(rule_id),
                class_="rule-explained why",
            )
        )
    return el("section", el("h2", s.label("appendix", lang), id="bijlage-kop"), items, id="bijlage", class_="appendix", aria_labelledby="bijlage-kop")
