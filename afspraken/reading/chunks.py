"""Parsing a big TOML text in parts, so that Ctrl-C is answered while it is parsed.

tomli (compiled with mypyc) parses a text in one call that never lets Python's SIGINT
handler run: ~0.1 s a MB, so several seconds for a big agreement. A big agreement is mostly
long arrays of tables (``[[partij]]``, ``[[actie]]``), and a text cut just before a repeated
``[[name]]`` header parses as two documents whose tables join again: the second adds elements
to the same arrays. :func:`loads` parses such a text in parts of about :data:`PART`
characters, between which Ctrl-C is handled, and joins them.

It is exact or it does not happen: only where every part parses and every key that two parts
share is an array of tables that began in an earlier part are the parts joined; anything
else (a broken text, a table continued in a later part) is parsed in one call, so the result
and every error are the ones ``tomli.loads`` gives. A text with a multi-line string is not cut:
a line in it may look like a header.
"""

from __future__ import annotations

import re
from typing import Any, Optional

import tomli

from afspraken.reading.headers import _compiled  # compiled on first use: a small text never needs them

PART = 1 << 20  # characters per call: ~0.1 s of tomli, the longest wait for Ctrl-C
NAMES = 32  # different `[[name]]`s looked up at most (each a search of the text): else one call

# A `[[name]]` header on a line of its own. A name that starts with a letter and is no value
# (true, false, inf, nan) cannot stand for an array inside a multi-line array: such a line is a
# header, or the text is not TOML (and a part then does not parse).
_NAME = r"[A-Za-z][A-Za-z0-9_-]*"
_REPEAT = rf"\n\[\[({_NAME})\]\][ \t]*\r?\n"
_VALUES = {"true", "false", "inf", "nan"}


class NotInParts(Exception):
    """A text that is not parsed in parts (see above), when the caller asked to make the one
    call itself (``whole=False``): in a child process, where Ctrl-C need not wait."""


def loads(text: str, whole: bool = True) -> dict[str, Any]:
    """``tomli.loads(text)``, a big text in parts (see above); with ``whole=False``, a text
    that is not (no places to cut, or parts that cannot be joined) raises :class:`NotInParts`
    instead of the one call."""
    places, firsts = cuts(text)
    joined = _joined(text, places, firsts) if places else None
    if joined is not None:
        return joined
    if not whole:
        raise NotInParts
    return tomli.loads(text)


def cuts(text: str) -> tuple[list[int], dict[str, int]]:
    """Where a big text can be cut: before a repeated ``[[name]]`` line, every :data:`PART`
    characters or so; and where each name's first ``[[name]]`` line is. No cuts for a small
    text, one with a multi-line string (its lines could look like headers) and one without such
    lines. A cut that lands in a multi-line array leaves the part before it unclosed: it does not
    parse, and the text is then parsed in one call."""
    firsts: dict[str, int] = {}
    if len(text) < 2 * PART or '"""' in text or "'''" in text:
        return [], firsts
    places: list[int] = []
    at = PART
    while at < len(text) - PART:
        m = _compiled(_REPEAT).search(text, at)
        while m is not None:
            first = _first(text, m.group(1), firsts)
            if first is None:
                return [], firsts  # too many names to look up: one call
            if first < m.start():
                break  # a repeated `[[name]]`: a place to cut
            m = _compiled(_REPEAT).search(text, m.end() - 1)
        if m is None:
            break
        places.append(m.start() + 1)  # the part begins with the header line
        at = m.start() + PART
    return places, firsts


def _first(text: str, name: str, firsts: dict[str, int]) -> Optional[int]:
    """The offset of the first ``[[name]]`` line (``len(text)`` if none, as for a name that may
    be a value); None once :data:`NAMES` names were looked up."""
    if name not in firsts:
        if len(firsts) >= NAMES:
            return None
        header = name not in _VALUES and _compiled(_NAME).fullmatch(name)  # else it may stand for a value
        m = re.search(rf"\n\[\[{name}\]\][ \t]*\r?\n", text) if header else None
        firsts[name] = m.start() if m else len(text)
    return firsts[name]


def _joined(text: str, places: list[int], firsts: dict[str, int]) -> Optional[dict[str, Any]]:
    data: dict[str, Any] = {}
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
            first = _first(text, key, firsts)
            if first is not None and first < start and type(data[key]) is list and type(value) is list:
                data[key].extend(value)  # more elements of an array of tables begun earlier
            else:
                return None  # a table defined again, or continued: one call decides
    return data
