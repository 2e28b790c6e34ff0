"""Hypothesis strategies built from the pydantic models themselves: whatever a model
accepts (its types, Literals, bounds, patterns, lengths, optional keys), and nothing
hand-picked. A new field or a new bound in a model is generated without a change here."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any

import annotated_types
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

# A few ids, so that references between parties, bodies, members and actions often hit.
IDS = ("gemeente", "corporatie", "bewoners", "welzijn", "orgaan-1", "x")


def _bounds(metadata: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for m in metadata:
        if isinstance(m, annotated_types.Ge):
            out["min"] = m.ge
        elif isinstance(m, annotated_types.Gt):
            out["min"] = m.gt + 1
        elif isinstance(m, annotated_types.Le):
            out["max"] = m.le
        elif isinstance(m, annotated_types.Lt):
            out["max"] = m.lt - 1
        elif isinstance(m, annotated_types.MinLen):
            out["min_len"] = m.min_length
        elif isinstance(m, annotated_types.MaxLen):
            out["max_len"] = m.max_length
        elif getattr(m, "pattern", None):
            out["pattern"] = m.pattern
    return out


def _extreme_ints(lo: int, hi: int) -> st.SearchStrategy[int]:
    """Anything in range, with the edges (0, 1, the maximum) drawn often."""
    edges = [v for v in (lo, lo + 1, hi - 1, hi, 0, 1, 2) if lo <= v <= hi]
    return st.one_of(st.sampled_from(edges), st.integers(lo, hi))


def for_annotation(annotation: Any, metadata: list[Any] | None = None) -> st.SearchStrategy[Any]:
    metadata = list(metadata or [])
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        for e in extra:
            metadata += e.metadata if isinstance(e, FieldInfo) else [e]
        return for_annotation(inner, metadata)
    if origin in (typing.Union, types.UnionType):
        return st.one_of([for_annotation(a, metadata) if a is not type(None) else st.none() for a in typing.get_args(annotation)])
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(annotation))
    bounds = _bounds(metadata)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return st.lists(for_annotation(item), min_size=bounds.get("min_len", 0), max_size=max(bounds.get("min_len", 0), 4))
    if origin is dict:
        return st.just({})  # free sections for plugins: the plugins' own models are generated separately
    if annotation is typing.Any:
        return st.none()
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return for_model(annotation)
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return _extreme_ints(bounds.get("min", -(10**30)), bounds.get("max", 10**30))
    if annotation is float:
        return st.floats(bounds.get("min"), bounds.get("max"))
    if annotation is dt.datetime:
        return st.datetimes(bounds.get("min", dt.datetime.min), bounds.get("max", dt.datetime.max))
    if annotation is dt.date:
        lo, hi = bounds.get("min", dt.date.min), bounds.get("max", dt.date.max)
        return st.one_of(st.sampled_from([lo, hi, dt.date(2024, 2, 29)]).filter(lambda d: lo <= d <= hi), st.dates(lo, hi))
    if annotation is str:
        if "pattern" in bounds:
            return st.one_of(st.sampled_from(IDS), st.from_regex(bounds["pattern"], fullmatch=True).filter(bool))
        lo = bounds.get("min_len", 0)
        visible = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zs", "Zl", "Zp"))
        text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=lo, max_size=max(lo, bounds.get("max_len", lo + 30)))
        return st.one_of(text, st.text(visible, min_size=lo, max_size=max(lo, bounds.get("max_len", lo + 30))))
    raise NotImplementedError(f"no strategy for {annotation!r}: extend tests/strategies.py")


def for_model(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    """Dicts as a TOML file would give them: required keys always, optional keys sometimes."""
    required, optional = {}, {}
    for name, info in model.model_fields.items():
        strategy = for_annotation(info.annotation, info.metadata)
        (required if info.is_required() else optional)[name] = strategy
    return st.fixed_dictionaries(required, optional=optional)
