"""Which key the cursor is on, and what the JSON Schema says about it.

Read from the text line by line, not from a parse: it must work on a file that is half
typed (an editor's buffer is broken most of the time).
"""

from __future__ import annotations

import re
from typing import Any, Optional

from afspraken.reading.files import toml_lines

HEADER = re.compile(r"^\s*\[(\[)?\s*([^\[\]#]+?)\s*\]")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*'))*)\s*=""")
_PART = re.compile(r"""\s*([A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')\s*(?:\.|$)""")


def split_key(dotted: str) -> list[str]:
    """``a."b.c".d`` -> ``["a", "b.c", "d"]``."""
    return [p.strip("\"'") for p in _PART.findall(dotted)]


def key_at(text: str, line: int) -> Optional[list[str]]:
    """The key path of the header or ``key = ...`` on 0-based ``line`` (``None`` elsewhere)."""
    lines = toml_lines(text)
    if not 0 <= line < len(lines):
        return None
    header = HEADER.match(lines[line])
    if header:
        return split_key(header.group(2))
    own = _KEY.match(lines[line])
    if own is None:
        return None
    table: list[str] = []
    for previous in reversed(lines[:line]):
        found = HEADER.match(previous)
        if found:
            table = split_key(found.group(2))
            break
    return table + split_key(own.group(1))


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref``; of ``anyOf`` (aanspreekpunt: a table or a list of them) take the table."""
    for _ in range(10):
        if "$ref" in node:
            node = {**schema["$defs"][node["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
        elif "anyOf" in node:
            branch = next((b for b in node["anyOf"] if "$ref" in b or "properties" in b), node["anyOf"][0])
            node = {**branch, **{k: v for k, v in node.items() if k != "anyOf"}}
        elif node.get("type") == "array" and isinstance(node.get("items"), dict):
            node = {**node["items"], **{k: v for k, v in node.items() if k not in ("items", "type")}}
        else:
            break
    return node


def lookup(schema: dict[str, Any], path: list[str]) -> Optional[dict[str, Any]]:
    """The schema of ``path`` (``["orgaan", "lid", "stemmen"]``), with the description of the
    key itself rather than of its type; ``None`` when the schema does not know the key."""
    node: dict[str, Any] = schema
    for part in path:
        node = _resolve(schema, node)
        props = node.get("properties", {})
        if part not in props:
            return None
        node = props[part]
    described = node.get("description")
    node = _resolve(schema, node)
    return {**node, "description": described or node.get("description", "")}


_TYPES = {
    "nl": {"string": "tekst", "integer": "geheel getal", "number": "getal", "boolean": "true of false", "object": "tabel", "array": "lijst", "date": "datum"},
    "en": {"string": "text", "integer": "integer", "number": "number", "boolean": "true or false", "object": "table", "array": "list", "date": "date"},
}


def describe(schema: dict[str, Any], path: list[str], lang: str = "nl") -> Optional[str]:
    """Markdown for a hover on the key at ``path``."""
    node = lookup(schema, path)
    if node is None:
        return None
    words = _TYPES["en" if lang == "en" else "nl"]
    kind = "date" if node.get("format") == "date" else node.get("type", "object" if "properties" in node else "")
    head = f"**{'.'.join(path)}**" + (f" ({words.get(kind, kind)})" if kind else "")
    lines = [head, "", node.get("description", "")]
    if "enum" in node:
        label = "Allowed" if lang == "en" else "Toegestaan"
        lines += ["", f"{label}: " + ", ".join(f"`{v}`" for v in node["enum"])]
    if "default" in node:
        label = "Default" if lang == "en" else "Standaard"
        lines += ["", f"{label}: `{str(node['default']).lower() if isinstance(node['default'], bool) else node['default']}`"]
    return "\n".join(lines).strip() + "\n"


def placeholder(schema: dict[str, Any], path: list[str], today: str) -> str:
    """A value of the right type for a key that is missing (``"VUL IN"`` for text)."""
    node = lookup(schema, path) or {}
    if node.get("format") == "date":
        return today
    if "enum" in node:
        return f'"{node["enum"][0]}"'
    return {"integer": "0", "number": "0", "boolean": "false", "array": "[]"}.get(node.get("type", ""), '"VUL IN"')
