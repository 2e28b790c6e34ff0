"""A finding's place in words: ``orgaan 'Buurtonderneming Woensel-West', lid 'P. Jansen', stemmen``
instead of the path ``orgaan[0].lid[0].stemmen``; and the same place as an identity that does not
change when sections are reordered (to match findings between two drafts)."""

from __future__ import annotations

import re
from typing import Any, Optional, Union

Part = Union[str, int]
_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")
_NAMES = ("naam", "wat", "regel", "id")  # what a person calls an item of a list, in this order
_IDS = ("id", "naam", "wat", "regel")  # what identifies it best


def parts(key: str) -> list[Part]:
    """``orgaan[0].lid[1]`` -> ``["orgaan", 0, "lid", 1]``."""
    return [int(m.group(1)) if m.group(1) is not None else m.group(2) for m in _PART.finditer(key)]


def _label(item: Any, order: tuple[str, ...]) -> Optional[str]:
    if not isinstance(item, dict):
        return None
    for name in order:
        value = item.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    tussen = item.get("tussen")  # an [[overleg]] is known by who meets
    if isinstance(tussen, list) and all(isinstance(t, str) for t in tussen):
        return " + ".join(sorted(tussen))
    return None


def _walk(data: Optional[dict[str, Any]], key: str, order: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    node: Any = data
    for part in parts(key):
        if isinstance(part, int):
            if isinstance(node, dict):  # a single [aanspreekpunt] table read as a list of one
                continue
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            label = _label(item, order)
            if out:
                out[-1] += f" '{label}'" if label else f" {part + 1}"
            node = item
        else:
            out.append(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def describe(data: Optional[dict[str, Any]], key: str) -> str:
    """The place in words (keys stay the Dutch words of the file, in both languages)."""
    return ", ".join(_walk(data, key, _NAMES)) if key else ""


def identity(data: Optional[dict[str, Any]], key: str) -> str:
    """The place by what it is, not by position: the same after reordering sections."""
    return "/".join(_walk(data, key, _IDS))
