"""``afspraken explain``: a rule's page, in the style of Ruff's rule docs."""

from __future__ import annotations

import json
from typing import Any

from afspraken.reporting.links import PAGES
from afspraken.rules import Rule, Text

H = {
    "wat": Text("Wat de regel toetst", "What it checks"),
    "waarom": Text("Waarom het ertoe doet", "Why it matters"),
    "fout": Text("Voorbeeld dat de regel schendt", "Example that breaks the rule"),
    "goed": Text("Zo is het goed", "Fixed"),
    "oplossing": Text("Oplossing", "How to fix it"),
    "parameters": Text("Parameters", "Parameters"),
    "geen": Text("Deze regel heeft geen parameters.", "This rule has no parameters."),
    "config": Text("Aanpassen in afspraken.toml:", "Change them in afspraken.toml:"),
    "ernst": Text("Standaard ernst", "Default severity"),
    "plugin": Text("Plugin", "Plugin"),
}


def _toml(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


def toml_key(key: str) -> str:
    """A key as TOML needs it: bare when it can be, quoted otherwise (``"plugin/regel"``)."""
    return key if key and all(c.isalnum() or c in "-_" for c in key) and key.isascii() else json.dumps(key)


def parameters(rule: Rule[Any], lang: str = "nl") -> list[tuple[str, str, str]]:
    """(name, default as TOML, description) for each parameter. The description is the
    field's (Dutch) ``description``; ``json_schema_extra={"en": ...}`` gives the English."""
    out = []
    defaults = rule.defaults()
    for name, field in rule.params.model_fields.items():
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        description = str(extra.get("en", field.description)) if lang == "en" else field.description
        out.append((name, _toml(getattr(defaults, name)), description or ""))
    return out


def explain_rule(rule: Rule[Any], lang: str = "nl", *, markdown: bool = False, level: int = 2) -> str:
    """A rule's explanation as text (or Markdown with headings from ``level``, for docs/regels.md)."""
    h = (lambda key: f"{'#' * (level + 1)} {H[key](lang)}") if markdown else (lambda key: f"{H[key](lang)}:")
    fence = "```toml" if markdown else ""
    end = "```" if markdown else ""
    lines = [f"{'#' * level} `{rule.id}`: {rule.title(lang)}" if markdown else f"{rule.id}: {rule.title(lang)}", ""]
    label = rule.severity.label(lang)  # in the reader's language; the config value shows in the snippet below
    lines += [f"{H['ernst'](lang)}: {f'`{label}`' if markdown else label}" + ("  " if markdown else "")]
    lines += [f"{H['plugin'](lang)}: {rule.plugin}", ""]
    lines += [h("wat"), rule.summary(lang), ""]
    lines += [h("waarom"), rule.rationale(lang), ""]
    by = (f"\n>\n> \u2014 {rule.source}" if markdown else f"\n  \u2014 {rule.source}") if rule.source else ""
    quote = (f"> {rule.quote}" if markdown else f"  \u201c{rule.quote}\u201d") + by
    lines += [quote, ""]
    for text, source in rule.also:  # one quote per speaker, each attributed
        by = (f"\n>\n> \u2014 {source}" if markdown else f"\n  \u2014 {source}") if source else ""
        lines += [(f"> {text}" if markdown else f"  \u201c{text}\u201d") + by, ""]
    if rule.example_fail:
        lines += [h("fout"), *([fence] if fence else []), _indent(rule.example_fail, markdown), *([end] if end else []), ""]
    if rule.example_pass:
        lines += [h("goed"), *([fence] if fence else []), _indent(rule.example_pass, markdown), *([end] if end else []), ""]
    lines += [h("oplossing"), rule.fix(lang), ""]
    lines += [h("parameters")]
    params = parameters(rule, lang)
    if not params:
        lines += [H["geen"](lang), ""]
    else:
        for name, default, description in params:
            lines.append(f"- `{name}` = `{default}`: {description}" if markdown else f"  {name} = {default}   # {description}")
        lines += ["", H["config"](lang), *([fence] if fence else [])]
        body = [f"[regels.{toml_key(rule.id)}]", f'ernst = "{rule.severity.value}"', *(f"{n} = {d}" for n, d, _ in params)]
        lines += [_indent("\n".join(body), markdown), *([end] if end else []), ""]
    return "\n".join(lines).rstrip() + "\n"


def _indent(text: str, markdown: bool) -> str:
    return text if markdown else "\n".join(f"    {line}" if line else "" for line in text.splitlines())


INTRO = {
    "nl": (
        "# Regels\n\n"
        "Alle ingebouwde regels, per regelset. Deze pagina wordt gemaakt uit de regels zelf "
        "(`python -m afspraken.reporting.explaining`); een test houdt haar gelijk met de code. "
        "Dezelfde tekst geeft `afspraken explain REGEL`. English: [rules.md](rules.md).\n"
    ),
    "en": (
        "# Rules\n\n"
        "Every built-in rule, per rule set. This page is generated from the rules themselves "
        "(`python -m afspraken.reporting.explaining`); a test keeps it in step with the code. "
        "`afspraken explain RULE --lang en` shows the same text. Nederlands: [regels.md](regels.md).\n"
    ),
}


def reference(lang: str = "nl") -> str:
    """The rule reference page for the built-in rules (no installed plugins)."""
    from afspraken.checking.config import Config
    from afspraken.plugins.manager import get_plugin_manager
    from afspraken.plugins.registry import Registry
    from afspraken.checking.rulesets import select

    registry = Registry(get_plugin_manager(entry_points=False))
    lines = [INTRO[lang]]
    seen: set[str] = set()
    for name, loaded in registry.rulesets.items():
        chosen = select(registry, Config(), [name])
        own = [a.rule for a in chosen.rules if a.rule.id not in seen]
        extends = ", ".join(f"`{e}`" for e in loaded.meta.breidt_uit) or "-"
        lines += [f"## {'Regelset' if lang == 'nl' else 'Rule set'} `{name}`", "", loaded.meta.beschrijving, ""]
        kinds = ", ".join(f"`{k}`" for k in getattr(loaded.meta, "standaard_voor", None) or [])
        default = f" {'Standaard voor' if lang == 'nl' else 'Default for'}: {kinds}." if kinds else ""
        lines += [f"{'Breidt uit' if lang == 'nl' else 'Extends'}: {extends}.{default} {'Bron' if lang == 'nl' else 'Source'}: {loaded.meta.bron}", ""]
        for rule in own:
            seen.add(rule.id)
            lines += [explain_rule(rule, lang, markdown=True, level=3)]
    rest = [r for r in registry.rules.values() if r.id not in seen]
    if rest:
        lines += [f"## {'Altijd aan' if lang == 'nl' else 'Always on'}", ""]
        lines += [explain_rule(rule, lang, markdown=True, level=3) for rule in rest]
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    import sys
    from pathlib import Path

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs")
    for lang, page in PAGES.items():
        (folder / page).write_text(reference(lang), encoding="utf-8")
        print(f"{folder / page} geschreven")
