"""Safe HTML: every value is escaped unless it is :class:`Markup` made by these helpers.

Shared by the HTML report, the portfolio matrix and the diff page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Union


class Markup(str):
    """HTML that is safe to emit as-is (made by :func:`el`, :func:`esc` or :func:`join`)."""


Child = Union[Markup, str, int, None, Iterable["Child"]]

_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_VOID = {"meta", "br", "col"}


def esc(value: object) -> Markup:
    """Escape any value for use in HTML text or a quoted attribute."""
    return value if isinstance(value, Markup) else Markup(html.escape(str(value), quote=True))


def join(children: Iterable[Child]) -> Markup:
    out: list[str] = []
    for child in children:
        if child is None:
            continue
        if isinstance(child, (str, int)):
            out.append(esc(child))
        else:
            out.append(join(child))
    return Markup("".join(out))


def el(tag: str, *children: Child, **attrs: object) -> Markup:
    """``<tag attr="...">children</tag>``; text children and attribute values are escaped.

    Attribute names are keywords: a trailing ``_`` is dropped (``class_``) and
    ``_`` becomes ``-`` (``aria_label``). ``None``/``False`` leave an attribute out.
    """
    if not _NAME.match(tag):
        raise ValueError(f"bad tag {tag!r}")
    parts = [tag]
    for raw, value in attrs.items():
        name = raw.rstrip("_").replace("_", "-")
        if not _NAME.match(name) or name.startswith("on"):
            raise ValueError(f"bad attribute {raw!r}")
        if value is None or value is False:
            continue
        parts.append(name if value is True else f'{name}="{esc(value)}"')
    start = f"<{' '.join(parts)}>"
    if tag in _VOID:
        return Markup(start)
    return Markup(f"{start}{join(children)}</{tag}>")


def _path(path: str) -> Markup:
    """A file path that may wrap after each ``/`` (long paths in narrow table cells)."""
    return join(_sep([esc(part) for part in path.split("/")], Markup("/<wbr>")))


def _sep(items: list[Markup], sep: Child) -> list[Child]:
    out: list[Child] = []
    for i, item in enumerate(items):
        if i:
            out.append(sep)
        out.append(item)
    return out
