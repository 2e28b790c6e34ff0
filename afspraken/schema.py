"""The JSON Schema of agreement format 1, generated from the pydantic model, for editors
(Taplo / Even Better TOML) that validate TOML while you type."""

from __future__ import annotations

from typing import Any

SCHEMA_ID = "https://pypi.org/project/afspraken/formaat-1.schema.json"


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


def json_schema() -> dict[str, Any]:
    from afspraken.model import Agreement

    schema = _tidy(Agreement.model_json_schema())
    contact = schema["properties"]["aanspreekpunt"]
    ref = contact["items"]
    schema["properties"]["aanspreekpunt"] = {
        "description": contact.get("description", ""),
        "anyOf": [ref, {"type": "array", "items": ref}],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "description": "Een samenwerkingsafspraak in formaat 1 (afspraken). Zie docs/formaat.md.",
    }
