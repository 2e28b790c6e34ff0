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


def _type(annotation: Any) -> str:
    """A Python annotation as a rule author reads it: ``list[Partij]``, ``int | None``, ``'a' | 'b'``."""
    import datetime as dt
    import types
    import typing

    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type(args[0])
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_type(a) for a in args)
    if origin is typing.Literal:
        return " | ".join(repr(a) for a in args)
    if origin is not None:
        return f"{getattr(origin, '__name__', str(origin))}[{', '.join(_type(a) for a in args)}]"
    if annotation is type(None):
        return "None"
    if annotation is dt.date:
        return "date"
    return getattr(annotation, "__name__", str(annotation))


def _signature(name: str, method: Any) -> str:
    """``partij_by_id(id) -> Partij | None``: a method as a rule author calls it."""
    import inspect
    import re

    sig = inspect.signature(method)
    params = [p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}" for p in list(sig.parameters.values())[1:]]
    ret = sig.return_annotation
    ret = ret if isinstance(ret, str) else getattr(ret, "__name__", str(ret))
    ret = re.sub(r"Optional\[(.*)\]$", r"\1 | None", ret)
    return f"{name}({', '.join(params)}) -> {ret}"


def model_reference() -> str:
    """The attributes of :class:`afspraken.model.Agreement` and the tables in it, as Markdown
    (docs/plugins.md holds this text; a test keeps it current)."""
    import typing

    from pydantic import BaseModel

    from afspraken.model import Agreement

    lines: list[str] = []
    todo: list[type[BaseModel]] = [Agreement]
    done: set[type[BaseModel]] = set()
    while todo:
        model = todo.pop(0)
        if model in done:
            continue
        done.add(model)
        lines += [f"**`{model.__name__}`**", "", "| attribute | type |", "|---|---|"]
        for name, field in model.model_fields.items():
            lines.append(f"| `{name}` | `{_type(field.annotation)}` |".replace(" | ", " \\| ").replace("` \\| `", "` | `"))
            stack = [field.annotation]
            while stack:  # the tables a field holds are described next
                current = stack.pop()
                if isinstance(current, type) and issubclass(current, BaseModel) and current not in done:
                    todo.append(current)
                stack += list(typing.get_args(current))
        methods = [n for n in vars(model) if not n.startswith("_") and callable(getattr(model, n)) and n not in dir(BaseModel)]
        if methods:
            lines += ["", "Methods: " + ", ".join(f"`{_signature(m, getattr(model, m))}`" for m in methods) + "."]
        lines.append("")
    return "\n".join(lines)
