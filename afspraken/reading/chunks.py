"""Parsing a big TOML text in parts, so that Ctrl-C is answered while it is parsed.

tomli (compiled with mypyc) parses a text in one call that never lets Python's SIGINT
handler run: ~0.1 s a MB, so several seconds for a big agreement. A big agreement is mostly
long arrays of tables (``[[partij]]``, ``[[actie]]``), and a text cut just before a repeated
``[[name]]`` header parses as two documents whose tables join again: the second adds elements
to the same arrays. :func:`loads` parses such a text in parts of about :data:`PART`
characters, between which Ctrl-C is handled, and joins them.

It is exact or it does not happen: only where every part parses and every key that two parts
share is an array of tables that began in an earlier part are the parts joined; anything
else (a broken text, a table continued in a later part, a cut inside a multi-line string) is
parsed in one call, so the result and every error are the ones ``tomli.loads`` gives.
"""

from __future__ import annotations

import re
from typing import Any, Optional

import tomli

PART = 1 << 20  # characters per call: ~0.1 s of tomli, the longest wait for Ctrl-C

_REPEAT = re.compile(r"\n\[\[([A-Za-z0-9_-]+)\]\][ \t]*\r?\n")  # a `[[name]]` header on a line of its own


def loads(text: str) -> dict[str, Any]:
    """``tomli.loads(text)``, a big text in parts (see above)."""
    places = cuts(text)
    joined = _joined(text, places) if places else None
    return tomli.loads(text) if joined is None else joined


def cuts(text: str) -> list[int]:
    """Where a big text can be cut: before a repeated ``[[name]]`` line, every :data:`PART`
    characters or so; empty for a small text and one without such lines. A cut that lands in
    a multi-line string or array leaves the part before it unclosed: it does not parse, and the
    text is then parsed in one call."""
    places: list[int] = []
    at = PART
    while at < len(text) - PART:
        m = _REPEAT.search(text, at)
        while m is not None and _first(text, m.group(1)) >= m.start():  # a first `[[name]]`: no cut
            m = _REPEAT.search(text, m.end() - 1)
        if m is None:
            break
        places.append(m.start() + 1)  # the part begins with the header line
        at = m.start() + PART
    return places


def _first(text: str, name: str) -> int:
    """The offset of the first ``[[name]]`` line (one that ends a line before it)."""
    m = re.search(rf"\n\[\[{re.escape(name)}\]\][ \t]*\r?\n", text)
    return m.start() if m else len(text)


def _joined(text: str, places: list[int]) -> Optional[dict[str, Any]]:
    data: dict[str, Any] = {}
    firsts: dict[str, int] = {}
    bounds = [0, *places, len(text)]
    for start, end in zip(bounds, bounds[1:]):
        try:
            part = tomli.loads(text[start:end])
        except (tomli.TOMLDecodeError, RecursionError, ValueError):
            return None  # said by one call over the whole text, with its place
        for key, value in part.items():
            if key not in data:
                data[key] = value
                continue
            if key not in firsts:
                firsts[key] = _first(text, key)
            if type(data[key]) is list and type(value) is list and firsts[key] < start:
                data[key].extend(value)  # more elements of an array of tables begun earlier
            else:
                return None  # a table defined again, or continued: one call decides
    return data
