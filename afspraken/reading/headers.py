"""An index of the table headers of a parsed TOML text, so that finding a key reads
only its own table (a regular expression over the whole text runs in C; the
token-by-token scan of :mod:`afspraken.reading.index` then runs over one table).

A line that looks like a header may sit inside a multi-line string or array. A text
with a multi-line string gets no index; otherwise the index is checked against the parsed data: every ``[table]`` once and a
table there, every ``[[array]]`` as often as the data has elements. When anything
does not match, there is no index and the caller scans the whole text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple, Optional

_BASIC = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_LITERAL = r"'[^'\n]*'"
_PART = rf"(?:{_BASIC}|{_LITERAL}|[A-Za-z0-9_\-]+)"
# After a newline (a literal first: the search for it runs in C); the first line apart.
_HEADER = rf"\n[ \t]*(?P<open>\[\[?)[ \t]*(?P<names>{_PART}(?:[ \t]*\.[ \t]*{_PART})*)[ \t]*\]\]?[ \t]*(?:#[^\n]*)?(?=\r?\n|\Z)"


# A body's start and end in one int: ~35 bytes a table where a list of two took ~130 (a big
# agreement has a table per ~70 bytes).
SHIFT = 40
MASK = (1 << SHIFT) - 1


class Tables(NamedTuple):
    """What the headers say: where each key of a header sits, and each table's body."""

    keys: dict[tuple[Any, ...], int]  # table path -> offset of its (first) header's `[`
    implicit: set[tuple[Any, ...]]  # tables only implied by a longer header
    aot: dict[tuple[Any, ...], int]  # array-of-tables path -> number of elements
    bodies: dict[tuple[Any, ...], int]  # table path -> start << SHIFT | end of the lines under its header


@lru_cache(maxsize=None)
def _compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


@lru_cache(maxsize=1024)  # the same dozen headers recur in every file
def _names(text: str) -> tuple[str, ...]:
    if '"' not in text and "'" not in text:
        return tuple([part.strip() for part in text.split(".")])
    from afspraken.reading.keys import key_name as _key_name

    out = []
    for m in _compiled(_PART).finditer(text):
        token = m.group()
        out.append(_key_name(token) if token[0] in "\"'" else token)
    return tuple(out)


def tables(text: str, data: Any, max_depth: int = 100) -> Optional[Tables]:
    """The headers' index, or None when it does not match ``data`` (see above), or a
    multi-line string could hold a line that looks like a header."""
    if '"""' in text or "'''" in text or type(data) is not dict:
        return None
    keys: dict[tuple[Any, ...], int] = {}
    implicit: set[tuple[Any, ...]] = set()
    aot: dict[tuple[Any, ...], int] = {}
    arrays: dict[tuple[Any, ...], Any] = {}  # array-of-tables path -> its list in the data
    bodies: dict[tuple[Any, ...], int] = {}
    table: tuple[Any, ...] = ()
    body = 0
    for m in _compiled(_HEADER).finditer("\n" + text):  # offsets one too far, hence the -1s below
        opening, raw = m.group(1, 2)
        offset = m.start(1) - 1
        names = _names(raw)
        if len(names) >= max_depth:
            return None
        if table in bodies:  # a table declared twice: a header inside a value
            return None
        bodies[table] = body << SHIFT | offset
        # The data is walked along: every header must name a table there (checked as we go; an
        # array of tables at the end: a list of as many tables as it has headers).
        if len(names) == 1:  # `[afspraak]`, `[[actie]]`: most headers
            path: tuple[Any, ...] = names
            node = data.get(names[0])
        else:
            path = ()
            node = data
            for name in names[:-1]:  # the implied super-tables (as the scan records them)
                path = (*path, name)
                node = node.get(name) if type(node) is dict else None
                if path not in keys:
                    keys[path] = offset
                    implicit.add(path)
                if path in aot:  # `[[a]]` then `[a.b]`: b lives in the last a
                    last = aot[path] - 1
                    path = (*path, last)
                    node = node[last] if type(node) is list and last < len(node) else None
            path = (*path, names[-1])
            node = node.get(names[-1]) if type(node) is dict else None
        if len(opening) == 2:
            count = aot.get(path, 0)
            aot[path] = count + 1
            if not count:
                arrays[path] = node
                keys.setdefault(path, offset)
            table, body = (*path, count), m.end()
            keys[table] = offset
            continue
        if path not in keys or path in implicit:
            keys[path] = offset
            implicit.discard(path)
        if type(node) is not dict:
            return None
        table, body = path, m.end()  # after the newline that ends the header
    if table in bodies:
        return None
    bodies[table] = body << SHIFT | len(text)
    for path, count in aot.items():
        array = arrays[path]
        if type(array) is not list or len(array) != count or not all([type(item) is dict for item in array]):
            return None
    return Tables(keys, implicit, aot, bodies)
