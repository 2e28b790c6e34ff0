"""A comparison of two drafts as text, Markdown, HTML or JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from afspraken.diffing import SECTIONS, Comparison
from afspraken.reporting.escaping import dumps, escaped
from afspraken.results import Finding, count
from afspraken.rules import Text

_FINDINGS = (
    ("new_findings", Text("Nieuwe bevindingen", "New findings")),
    ("resolved", Text("Opgelost", "Resolved")),
    ("still_open", Text("Nog open", "Still open")),
)
_NO_CHANGE = Text("geen wijzigingen in de afspraken zelf", "no changes to the agreement itself")


SHOWN = 200
"""Findings listed per list (new, resolved, still open) in text, Markdown and HTML; the rest are
counted. Every finding is compared, and JSON lists them all."""


def _shown(found: tuple[Finding, ...], lang: str) -> tuple[tuple[Finding, ...], str]:
    """The findings to list, and the line that counts the rest ('' when none are left out)."""
    rest = len(found) - SHOWN
    if rest <= 0:
        return found, ""
    return found[:SHOWN], Text(f"en nog {count(rest, 'nl')}", f"and {count(rest, 'en')} more")(lang)


def summary(c: Comparison, lang: str) -> str:
    n = len(c.changes)
    nl = f"{n} {'wijziging' if n == 1 else 'wijzigingen'}; {len(c.new_findings)} nieuwe bevinding(en), {len(c.resolved)} opgelost, {len(c.still_open)} nog open."
    en = f"{n} {'change' if n == 1 else 'changes'}; {len(c.new_findings)} new finding(s), {len(c.resolved)} resolved, {len(c.still_open)} still open."
    return Text(nl, en)(lang)


def _finding_line(f: Finding, lang: str) -> str:
    return f"{f.location}: {f.severity.label(lang)} {f.rule}: {f.message(lang)}"


def _grouped(c: Comparison) -> list[tuple[str, list[Any]]]:
    return [(key, [ch for ch in c.changes if ch.section == key]) for key in SECTIONS if any(ch.section == key for ch in c.changes)]


def render_text(c: Comparison, lang: str) -> str:
    c = escaped(c)  # nothing from a file can steer the terminal
    lines = [f"{c.old.path} → {c.new.path}", ""]
    for key, items in _grouped(c):
        lines.append(SECTIONS[key](lang))
        lines += [f"  {ch.sign} {ch.text(lang)}" for ch in items]
        lines.append("")
    if not c.changes:
        lines += [_NO_CHANGE(lang), ""]
    for attr, title in _FINDINGS:
        found: tuple[Finding, ...] = getattr(c, attr)
        if found:
            found, more = _shown(found, lang)
            lines.append(title(lang))
            lines += [f"  {_finding_line(f, lang)}" for f in found] + ([f"  {more}"] if more else [])
            lines.append("")
    lines.append(summary(c, lang))
    return "\n".join(lines) + "\n"


def render_markdown(c: Comparison, lang: str) -> str:
    def code(text: str) -> str:
        return f"`{text.replace('`', '')}`"

    def md(text: str) -> str:  # text from the agreement: no accidental formatting
        return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)

    c = escaped(c)
    lines = [f"## {Text('Van', 'From')(lang)} {code(c.old.path)} {Text('naar', 'to')(lang)} {code(c.new.path)}", ""]
    for key, items in _grouped(c):
        lines += [f"### {SECTIONS[key](lang)}", ""]
        lines += [f"- {code(ch.sign)} {md(ch.text(lang))}" for ch in items]
        lines.append("")
    if not c.changes:
        lines += [f"_{_NO_CHANGE(lang)}_", ""]
    for attr, title in _FINDINGS:
        found: tuple[Finding, ...] = getattr(c, attr)
        if found:
            found, more = _shown(found, lang)
            lines += [f"### {title(lang)}", ""]
            lines += [f"- **{f.severity.label(lang)}** {code(f.rule)}: {md(f.message(lang))} ({code(str(f.location))})" for f in found]
            lines += [f"- {more}"] if more else []
            lines.append("")
    lines.append(f"**{summary(c, lang)}**")
    return "\n".join(lines) + "\n"


def render_html(c: Comparison, lang: str) -> str:
    from afspraken.reporting.markup import Markup, el, join

    c = escaped(c)  # as in check's HTML: no bidirectional or invisible character from a file, raw
    body: list[Markup] = [el("h1", Text("Wat is er veranderd?", "What changed?")(lang)), el("p", el("code", c.old.path), " → ", el("code", c.new.path))]
    signs = {"+": ("toegevoegd", "added"), "-": ("verwijderd", "removed"), "~": ("gewijzigd", "changed")}
    for key, items in _grouped(c):
        body.append(el("h2", SECTIONS[key](lang)))
        body.append(el("ul", [el("li", el("span", ch.sign, class_="sign", title=Text(*signs[ch.sign])(lang)), " ", ch.text(lang)) for ch in items]))
    if not c.changes:
        body.append(el("p", _NO_CHANGE(lang)))
    for attr, title in _FINDINGS:
        found: tuple[Finding, ...] = getattr(c, attr)
        if found:
            found, more = _shown(found, lang)
            items = [el("li", el("strong", f.severity.label(lang)), " ", el("code", f.rule), ": ", f.message(lang), " ", el("code", str(f.location))) for f in found]
            body.append(el("h2", title(lang)))
            body.append(el("ul", items + ([el("li", more)] if more else [])))
    body.append(el("p", el("strong", summary(c, lang))))
    style = Markup("<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}.sign{font-family:monospace;font-weight:bold}</style>")
    head = el("head", Markup('<meta charset="utf-8">'), el("title", Text("Verschil tussen twee versies", "Difference between two drafts")(lang)), style)
    return "<!DOCTYPE html>\n" + el("html", head, el("body", join(body)), lang=lang) + "\n"


def _finding_json(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule, "severity": f.severity.value, "message": f.message.nl, "message_en": f.message.en,
        "file": f.location.file, "line": f.location.line, "column": f.location.column, "key": f.location.key,
    }


def render_json(c: Comparison, lang: str) -> str:
    data = {
        "old": c.old.path,
        "new": c.new.path,
        "changes": [{"section": ch.section, "sign": ch.sign, "text": ch.text(lang)} for ch in c.changes],
        **{attr: [_finding_json(f) for f in getattr(c, attr)] for attr, _ in _FINDINGS},
    }
    return dumps(data, indent=2) + "\n"


FORMATS: dict[str, Callable[[Comparison, str], str]] = {"text": render_text, "markdown": render_markdown, "html": render_html, "json": render_json}
