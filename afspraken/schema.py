"""The JSON Schema of agreement format 1, generated from the pydantic model, for editors
(Taplo / Even Better TOML) that validate TOML while you type.

It has no ``$id``: there is no URL where it is published, and an ``$id`` that does not
resolve only misleads editors; point them at the file (see the README and docs/editors.md).
"""

from __future__ import annotations

from typing import Any

def _tidy(node: Any) -> Any:
    """TOML has no null: drop the ``null`` branches pydantic adds for optional keys."""
    if isinstance(node, list):
        return [_tidy(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _tidy(v) for k, v in node.items()}
    if "anyOf" in out:
        branches = [b for b in out["anyOf"] if b != {"type": "null"}]
        if len(branches) == 1:
            del out["anyOf"]
            out = {**branches[0], **out}
        else:
            out["anyOf"] = branches
    if out.get("default", 0) is None:
        del out["default"]
    return out


def _english(node: Any) -> Any:
    """The same schema with English descriptions (:mod:`afspraken.schema_en`)."""
    from afspraken.schema_en import EN

    if isinstance(node, list):
        return [_english(n) for n in node]
    if not isinstance(node, dict):
        return node
    return {k: (EN.get(v, v) if k == "description" and isinstance(v, str) else _english(v)) for k, v in node.items()}


def json_schema(lang: str = "nl") -> dict[str, Any]:
    """The schema; descriptions in Dutch, or English with ``lang="en"``."""
    from afspraken.model import Agreement

    schema = _tidy(Agreement.model_json_schema())
    contact = schema["properties"]["aanspreekpunt"]
    ref = contact["items"]
    schema["properties"]["aanspreekpunt"] = {
        "description": contact.get("description", ""),
        "anyOf": [ref, {"type": "array", "items": ref}],
    }
    out = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "description": "Een samenwerkingsafspraak in formaat 1 (afspraken). Zie docs/formaat.md.",
    }
    return _english(out) if lang == "en" else out
