"""An index of the table headers of a parsed TOML text, so that finding a key reads
only its own table (a regular expression over the whole text runs in C; the
token-by-token scan of :mod:`afspraken.reading.index` then runs over one table).

A line that looks like a header may sit inside a multi-line string or array. Lines of a
multi-line string are passed over (the strings are found first, with the comments and one-line
strings that could hide their quotes); a header whose name could be a value means no index.
The index is then checked against the parsed data: every ``[table]`` once and a table there,
every ``[[array]]`` as often as the data has elements. When anything does not match, there is
no index and the caller scans the whole text.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from functools import lru_cache
from typing import Any, NamedTuple, Optional

_BASIC = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_LITERAL = r"'[^'\n]*'"
_PART = rf"(?:{_BASIC}|{_LITERAL}|[A-Za-z0-9_\-]+)"
# After a newline (a literal first: the search for it runs in C); the first line apart.
_HEADER = rf"\n[ \t]*(?P<open>\[\[?)[ \t]*(?P<names>{_PART}(?:[ \t]*\.[ \t]*{_PART})*)[ \t]*\]\]?[ \t]*(?:#[^\n]*)?(?=\r?\n|\Z)"


class Tables(NamedTuple):
    """What the headers say. An element of an array of tables is one int in ``aot`` (~8 bytes),
    not a path in a dict (~300 bytes): a big agreement has a header per ~70 bytes."""

    keys: dict[tuple[Any, ...], int]  # table path -> offset of its (first) header's `[`; not the elements of arrays
    implicit: set[tuple[Any, ...]]  # tables only implied by a longer header
    aot: dict[tuple[Any, ...], array[int]]  # array-of-tables path -> the offset of each element's header
    headers: dict[tuple[Any, ...], int]  # a table with a `[header]` of its own (not an element) -> its offset
    starts: array[int]  # every header's offset, in order: a table's body ends where the next header starts

    def header(self, table: tuple[Any, ...]) -> Optional[int]:
        """The offset of the header of ``table`` (a `[table]` or an element of an array of
        tables); -1 for the top level, above the first header; None if it has none."""
        if not table:
            return -1
        found = self.headers.get(table)
        if found is None and type(table[-1]) is int:
            return self.element(table)
        return found

    def element(self, path: tuple[Any, ...]) -> Optional[int]:
        """The offset of the header of ``path`` when it is an element of an array of tables."""
        offsets = self.aot.get(path[:-1])
        i = path[-1]
        return offsets[i] if offsets is not None and type(i) is int and 0 <= i < len(offsets) else None

    def body(self, text: str, header: int) -> tuple[int, int]:
        """From the end of the header line at ``header`` (-1: the top) to the next header."""
        start = 0 if header < 0 else text.find("\n", header)
        after = bisect_right(self.starts, header)
        return (len(text) if start < 0 else start), (self.starts[after] if after < len(self.starts) else len(text))


# A header whose name could be a value may be a line of a multi-line array: no index then.
_VALUE_START = frozenset("\"'0123456789+-")
_VALUES = frozenset({"true", "false", "inf", "nan"})


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


# What can hide a `"""`: comments and one-line strings, then the multi-line strings themselves
# (their bodies stop before any `"""`; the closing run may hold up to two quotes of the content).
_STRINGS = (
    r'(?P<ml>"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*(?:"{3,5}|\Z)|' r"'''[\s\S]*?(?:'{3,5}|\Z))"
    r'|#[^\n]*|"[^"\\\n]*(?:\\.[^"\\\n]*)*"|' r"'[^'\n]*'"
)


def _multiline(text: str) -> tuple[list[int], list[int]]:
    """Where each multi-line string starts and ends (a text that parsed: its strings are well formed).
    Only the line before each triple quote is read: comments and one-line strings end with their
    line, so what could hide the quote is there (reading every string took ~0.15 ms a file)."""
    starts: list[int] = []
    ends: list[int] = []
    strings = _compiled(_STRINGS)
    pos = 0
    basic, literal = text.find('"""'), text.find("'''")  # the next of each kind (-1: no more)
    while True:
        if 0 <= basic < pos:
            basic = text.find('"""', pos)
        if 0 <= literal < pos:
            literal = text.find("'''", pos)
        quote = literal if basic < 0 or 0 <= literal < basic else basic
        if quote < 0:
            return starts, ends
        # From the line start, or where the last string ended (a long line of many: linear)
        for m in strings.finditer(text, text.rfind("\n", pos, quote) + 1 or pos):
            if m.end() > quote:  # what holds the quote: the string it opens, or a comment or string around it
                if m.start() == quote and m.lastgroup == "ml":
                    starts.append(quote)
                    ends.append(m.end())
                pos = m.end()
                break
        else:
            return _every_multiline(text)  # not expected in a text that parsed: read it all


def _every_multiline(text: str) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for m in _compiled(_STRINGS).finditer(text):
        if m.lastgroup == "ml":
            starts.append(m.start())
            ends.append(m.end())
    return starts, ends


def over_lines(text: str, opening: str, start: int = 0, end: Optional[int] = None) -> bool:
    """Whether a ``{`` (or ``[``) outside strings and comments is still open at the end of a
    line (of ``text``, or from ``start`` to ``end``): an inline table over lines (TOML 1.1), or a
    multi-line array."""
    end = len(text) if end is None else end
    if text.find(opening, start, end) < 0:
        return False
    closing = "}" if opening == "{" else "]"
    depth = 0
    for m in _compiled(rf"{_STRINGS}|(?P<open>\{opening})|(?P<close>\{closing})|(?P<nl>\n)").finditer(text, start, end):
        kind = m.lastgroup
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "nl" and depth > 0:
            return True
    return False


def tables(text: str, data: Any, max_depth: int = 100) -> Optional[Tables]:
    """The headers' index, or None when it does not match ``data`` (see above), or a
    multi-line string could hold a line that looks like a header."""
    if type(data) is not dict:
        return None
    strings = _multiline(text) if '"""' in text or "'''" in text else None
    keys: dict[tuple[Any, ...], int] = {}
    implicit: set[tuple[Any, ...]] = set()
    aot: dict[tuple[Any, ...], array[int]] = {}
    arrays: dict[tuple[Any, ...], Any] = {}  # array-of-tables path -> its list in the data
    headers: dict[tuple[Any, ...], int] = {}
    starts = array("q")
    arrays_over_lines: Optional[bool] = None  # known once a quoted [["x"]] asks
    again: dict[str, array[int]] = {}  # `[[actie]]` seen before, as written: its offsets (most headers)
    for m in _compiled(_HEADER).finditer("\n" + text):  # offsets one too far, hence the -1s below
        opening, raw = m.group(1, 2)
        offset = m.start(1) - 1
        if strings is not None:
            inside = bisect_right(strings[0], offset) - 1
            if inside >= 0 and offset < strings[1][inside]:
                continue  # a line of a multi-line string
        starts.append(offset)
        if len(opening) == 2:
            same = again.get(raw)
            if same is not None:  # nothing to check again: its path and the data are known
                same.append(offset)
                continue
        names = _names(raw)
        if len(names) >= max_depth:
            return None
        if raw[0] in _VALUE_START or names[0] in _VALUES:
            # `['x']`, `[[1]]`, `[true]`: perhaps an element of a multi-line array. A quoted
            # `[["x"]]` is a header when no array spans lines.
            if len(opening) != 2 or raw[0] not in "\"'":
                return None
            if arrays_over_lines is None:
                arrays_over_lines = over_lines(text, "[")
            if arrays_over_lines:
                return None
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
                elements = aot.get(path)
                if elements is not None:  # `[[a]]` then `[a.b]`: b lives in the last a
                    last = len(elements) - 1
                    path = (*path, last)
                    node = node[last] if type(node) is list and last < len(node) else None
            path = (*path, names[-1])
            node = node.get(names[-1]) if type(node) is dict else None
        if len(opening) == 2:
            elements = aot.get(path)
            if elements is None:
                elements = aot[path] = array("q")
                arrays[path] = node
                keys.setdefault(path, offset)
                if len(names) == 1:  # a top-level [[x]]: its next elements go straight to the array
                    again[raw] = elements
            elements.append(offset)
            continue
        if path in headers:  # a table declared twice: a header inside a value
            return None
        headers[path] = offset
        if path not in keys or path in implicit:
            keys[path] = offset
            implicit.discard(path)
        if type(node) is not dict:
            return None
    for path, elements in aot.items():
        listed = arrays[path]
        if type(listed) is not list or len(listed) != len(elements) or not all([type(item) is dict for item in listed]):
            return None
    return Tables(keys, implicit, aot, headers, starts)
