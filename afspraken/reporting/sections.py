"""What the HTML and Markdown reports say, independent of markup.

Both reports show the same things in the same order; this module decides
*what* (labels, counts, grouping, verdicts, dates), the format modules decide
*how*. Everything here returns plain, unescaped text: escaping is the job of
the format that puts it in markup.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Optional

from afspraken.reporting import Context, plural
from afspraken.results import COUNT_KEYS, FileResult, Finding, Outcome, Report, RuleOutcome
from afspraken.rules import Severity, Text

SEVERITIES = (Severity.FOUT, Severity.WAARSCHUWING, Severity.ADVIES)


def total(findings: list[Finding]) -> int:
    """How many findings these stand for: the last of a rule's may count those past MAX_FINDINGS."""
    return sum(f.amount for f in findings)


LABELS: Mapping[str, Text] = {
    "report": Text("Rapport samenwerkingsafspraken", "Partnership agreement report"),
    "summary": Text("Samenvatting", "Summary"),
    "overview": Text("Overzicht", "Overview"),
    "file": Text("Bestand", "File"),
    "title": Text("Titel", "Title"),
    "area": Text("Wijk", "Area"),
    "parties": Text("Partijen", "Parties"),
    "status": Text("Status", "Status"),
    "rulesets": Text("Regelsets", "Rule sets"),
    "checked": Text("Gecontroleerd", "Checked"),
    "result": Text("Uitslag", "Result"),
    "findings": Text("Bevindingen", "Findings"),
    "place": Text("Plaats", "Location"),
    "key": Text("sleutel", "key"),
    "see_also": Text("Zie ook", "See also"),
    "why": Text("Waarom dit ertoe doet", "Why it matters"),
    "fix": Text("Oplossing", "Fix"),
    "explained": Text("Uitgelegde afwijkingen (pas toe of leg uit)", "Explained deviations (comply or explain)"),
    "explanation": Text("Toelichting", "Explanation"),
    "passed": Text("Geslaagde regels", "Rules passed"),
    "rule": Text("Regel", "Rule"),
    "severity": Text("Ernst", "Severity"),
    "problems": Text("Kon niet worden beoordeeld", "Could not be evaluated"),
    "problems_intro": Text(
        "Dit bestand is niet getoetst, omdat het de volgende fouten bevat. Herstel die en controleer opnieuw.",
        "This file was not checked because it contains the errors below. Fix them and check again.",
    ),
    "settings_intro": Text(
        "Dit bestand is niet getoetst, omdat de instellingen (afspraken.toml of een regelset) fouten bevatten.",
        "This file was not checked because the settings (afspraken.toml or a rule set) contain errors.",
    ),
    "settings": Text("Fouten in de instellingen", "Errors in the settings"),
    "crashes": Text("Regels die niet konden draaien", "Rules that could not run"),
    "crashes_intro": Text(
        "Deze regels zijn niet beoordeeld: de plugin faalde. Meld dit bij de maker van de plugin.",
        "These rules were not evaluated: the plugin failed. Report this to the plugin's author.",
    ),
    "none_passed": Text("Geen enkele regel is geslaagd.", "No rule passed."),
    "no_findings": Text("Geen bevindingen: deze afspraak voldoet aan alle regels.", "No findings: this agreement meets every rule."),
    "undecided": Text("onbeslist", "undecided"),
    "undecided_note": Text(
        "De regel kon niet beslissen omdat gegevens ontbreken; vul ze aan.",
        "The rule could not decide because data is missing; add it.",
    ),
    "verdict_ok": Text("in orde", "ok"),
    "verdict_bad": Text("niet in orde", "not ok"),
    "verdict_broken": Text("niet beoordeeld", "not evaluated"),
    "verdict_note": Text(
        "‘In orde’ betekent: geen bevindingen die meetellen met ernst ‘{threshold}’ of zwaarder.",
        "‘Ok’ means: no counting findings of severity ‘{threshold}’ or worse.",
    ),
    "back": Text("terug naar het overzicht", "back to the overview"),
    "appendix": Text("Bijlage: de regels uitgelegd", "Appendix: the rules explained"),
    "what": Text("Wat de regel toetst", "What it checks"),
    "explain_link": Text("uitleg", "explanation"),
    "passed_list": Text("Geslaagd", "Passed"),
    "generated_by": Text("Gemaakt door afspraken", "Made by afspraken"),
}

GROUP_TITLES: Mapping[Severity, Text] = {
    Severity.FOUT: Text("Fouten", "Errors"),
    Severity.WAARSCHUWING: Text("Waarschuwingen", "Warnings"),
    Severity.ADVIES: Text("Adviezen", "Notes"),
}

COUNT_LABELS: Mapping[str, Text] = {
    "fout": Text("fout", "error"),
    "waarschuwing": Text("waarschuwing", "warning"),
    "advies": Text("advies", "note"),
    "uitgelegd": Text("uitgelegd", "explained"),
}

PLURALS: Mapping[str, Text] = {
    "fout": Text("fouten", "errors"),
    "waarschuwing": Text("waarschuwingen", "warnings"),
    "advies": Text("adviezen", "notes"),
    "uitgelegd": Text("uitgelegd", "explained"),
}

_MONTHS = Text(
    "januari februari maart april mei juni juli augustus september oktober november december",
    "January February March April May June July August September October November December",
)


def label(key: str, lang: str) -> str:
    return LABELS[key](lang)


def when(moment: datetime.datetime, lang: str) -> str:
    """``27 november 2026, 14:05`` / ``27 November 2026, 14:05`` (local time of the run)."""
    month = _MONTHS(lang).split()[moment.month - 1]
    return f"{moment.day} {month} {moment.year}, {moment:%H:%M}"


def threshold(ctx: Context) -> Severity:
    """The severity from which a file is 'not ok'.

    It follows ``--fail-on``; with ``--fail-on nooit`` (no threshold, CI never
    fails) the report still judges at ``fout``: a meeting must see the errors.
    """
    return ctx.fail_on or Severity.FOUT


def tally(c: Mapping[str, int], lang: str) -> list[str]:
    """``["1 fout", "0 waarschuwingen", ...]``."""
    return [plural(c[k], COUNT_LABELS[k], PLURALS[k], lang) for k in COUNT_KEYS]


def settings_broken(result: FileResult, report: Report) -> bool:
    """Was this file skipped because the settings are broken (no rule ran)?"""
    return bool(report.problems) and not result.problems and not result.outcomes and not result.findings


def verdict(result: FileResult, report: Report, ctx: Context) -> str:
    """``ok``, ``bad`` or ``broken`` for one file."""
    if result.problems or settings_broken(result, report):
        return "broken"
    if result.crashes:
        return "bad"
    bar = threshold(ctx).rank
    if any(f.counts and f.severity.rank >= bar for f in result.findings):
        return "bad"
    return "ok"


def overall(report: Report, ctx: Context) -> tuple[str, str]:
    """The verdict over all files, and for several files a sentence such as '2 van 4 afspraken in orde'."""
    verdicts = [verdict(r, report, ctx) for r in report.files]
    bad, broken = verdicts.count("bad"), verdicts.count("broken")
    key = "bad" if bad else ("broken" if broken or report.broken else "ok")
    n = len(verdicts)
    if n <= 1:
        return key, ""
    ok = n - bad - broken
    detail = Text(f"{ok} van {n} afspraken in orde", f"{ok} of {n} agreements ok")(ctx.lang)
    if broken:
        detail += Text(f", {broken} niet beoordeeld", f", {broken} not evaluated")(ctx.lang)
    return key, detail


def verdict_label(verdict_key: str, lang: str) -> str:
    return label(f"verdict_{verdict_key}", lang)


def verdict_note(ctx: Context) -> str:
    return LABELS["verdict_note"](ctx.lang).format(threshold=threshold(ctx).label(ctx.lang))


def anchor(index: int) -> str:
    """The fragment id of the ``index``-th (1-based) agreement: never derived from its text."""
    return f"afspraak-{index}"


def heading(result: FileResult) -> str:
    return result.meta.get("titel") or result.title or result.path


def area(result: FileResult) -> str:
    parts = [result.meta.get("wijk", ""), result.meta.get("gemeente", "")]
    return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Field:
    """One line of an agreement's particulars."""

    key: str
    label: str
    value: str


def particulars(result: FileResult, ctx: Context) -> list[Field]:
    """File, area, parties, status, rule sets, when: what the meeting needs to know first."""
    lang = ctx.lang
    meta = result.meta
    rows = [Field("file", label("file", lang), result.path)]  # the title is the section's heading
    if area(result):
        rows.append(Field("area", label("area", lang), area(result)))
    if meta.get("partijen"):
        rows.append(Field("parties", label("parties", lang), meta["partijen"]))
    status = " · ".join(v for v in (meta.get("status", ""), meta.get("soort", "")) if v)
    if status:
        rows.append(Field("status", label("status", lang), status))
    if result.rulesets:
        rows.append(Field("rulesets", label("rulesets", lang), ", ".join(result.rulesets)))
    rows.append(Field("checked", label("checked", lang), when(ctx.generated, lang)))
    return rows


def groups(result: FileResult) -> Iterator[tuple[Severity, list[Finding]]]:
    """Counting findings per severity, most serious first; empty groups left out."""
    for severity in SEVERITIES:
        found = [f for f in result.findings if f.counts and f.severity == severity]
        if found:
            yield severity, found


def by_rule(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings of one severity per rule, in order of first appearance (one block per rule)."""
    order: dict[str, list[Finding]] = {}
    for f in findings:
        order.setdefault(f.rule, []).append(f)
    return list(order.items())


def explained(result: FileResult) -> list[Finding]:
    return [f for f in result.findings if not f.counts]


def passed(result: FileResult) -> list[RuleOutcome]:
    return [o for o in result.outcomes if o.outcome is Outcome.GESLAAGD]


@dataclass(frozen=True)
class RuleInfo:
    """What the report says about a rule; empty strings when the rule is unknown."""

    id: str
    title: str
    summary: str
    quote: str
    source: str
    rationale: str
    fix: str
    also: tuple[tuple[str, str], ...] = ()  # further quotes of other speakers: (quote, source)


def rule_info(rule_id: str, ctx: Context) -> RuleInfo:
    rule = ctx.rules.get(rule_id)
    if rule is None:
        return RuleInfo(rule_id, "", "", "", "", "", "")
    lang = ctx.lang
    return RuleInfo(
        rule_id, rule.title(lang), rule.summary(lang), rule.quote, rule.source, rule.rationale(lang), rule.fix(lang),
        tuple(getattr(rule, "also", ())),
    )


def rule_anchor(rule_id: str) -> str:
    """The fragment id of a rule's explanation in the appendix."""
    return f"regel-{rule_id}"


def rules_in(report: Report, ctx: Context) -> list[str]:
    """Every rule the report mentions (ran, or found something), for the appendix; known rules only."""
    seen: dict[str, None] = {}
    for r in report.files:
        seen.update(dict.fromkeys(o.rule for o in r.outcomes))
        seen.update(dict.fromkeys(f.rule for f in r.findings))
    ordered = [x for x in ctx.rules if x in seen] + [x for x in seen if x not in ctx.rules]
    return [x for x in ordered if x in ctx.rules]


def fix(finding: Finding, ctx: Context) -> str:
    if finding.fix is not None:
        return finding.fix(ctx.lang)
    return rule_info(finding.rule, ctx).fix


def quote_lang(ctx: Context) -> Optional[str]:
    """Source quotes are Dutch; say so in an English report (screen readers)."""
    return "nl" if ctx.lang == "en" else None
