"""``afspraken explain``: a rule's page, in the style of Ruff's rule docs."""

from __future__ import annotations

import json
from typing import Any

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


def parameters(rule: Rule[Any]) -> list[tuple[str, str, str]]:
    """(name, default as TOML, description) for each parameter."""
    out = []
    defaults = rule.params()
    for name, field in rule.params.model_fields.items():
        out.append((name, _toml(getattr(defaults, name)), field.description or ""))
    return out


def explain_rule(rule: Rule[Any], lang: str = "nl", *, markdown: bool = False) -> str:
    """A rule's explanation as text (or Markdown, for docs/regels.md)."""
    h = (lambda key: f"### {H[key](lang)}") if markdown else (lambda key: f"{H[key](lang)}:")
    fence = "```toml" if markdown else ""
    end = "```" if markdown else ""
    lines = [f"## `{rule.id}`: {rule.title(lang)}" if markdown else f"{rule.id}: {rule.title(lang)}", ""]
    lines += [f"{H['ernst'](lang)}: {rule.severity.label(lang)} (`{rule.severity.value}`)" if markdown else f"{H['ernst'](lang)}: {rule.severity.value}"]
    lines += [f"{H['plugin'](lang)}: {rule.plugin}", ""]
    lines += [h("wat"), rule.summary(lang), ""]
    lines += [h("waarom"), rule.rationale(lang), ""]
    quote = f"> {rule.quote}\n>\n> \u2014 {rule.source}" if markdown else f"  \u201c{rule.quote}\u201d\n  \u2014 {rule.source}"
    lines += [quote, ""]
    if rule.example_fail:
        lines += [h("fout"), *([fence] if fence else []), _indent(rule.example_fail, markdown), *([end] if end else []), ""]
    if rule.example_pass:
        lines += [h("goed"), *([fence] if fence else []), _indent(rule.example_pass, markdown), *([end] if end else []), ""]
    lines += [h("oplossing"), rule.fix(lang), ""]
    lines += [h("parameters")]
    params = parameters(rule)
    if not params:
        lines += [H["geen"](lang), ""]
    else:
        for name, default, description in params:
            lines.append(f"- `{name}` = `{default}`: {description}" if markdown else f"  {name} = {default}   # {description}")
        lines += ["", H["config"](lang), *([fence] if fence else [])]
        body = [f"[regels.{rule.id}]", f'ernst = "{rule.severity.value}"', *(f"{n} = {d}" for n, d, _ in params)]
        lines += [_indent("\n".join(body), markdown), *([end] if end else []), ""]
    return "\n".join(lines).rstrip() + "\n"


def _indent(text: str, markdown: bool) -> str:
    return text if markdown else "\n".join(f"    {line}" if line else "" for line in text.splitlines())
