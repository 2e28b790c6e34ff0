"""The index behind :class:`afspraken.reading.locating.Locator`: where each key path's key
and value start in a TOML text, found by one compiled regular expression and a small state
machine, as far as lookups need (or, for a text that parsed, one table at a time through
the header index of :mod:`afspraken.reading.headers`).

Anything unexpected (invalid input) is skipped rather than raised.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from afspraken.reading.headers import Tables, over_lines, tables
from afspraken.reading.keys import key_name as _key_name

KeyPath = tuple[str | int, ...]
"""Decoded keys and array indexes, e.g. ``("orgaan", 1, "lid", 0, "stemmen")``."""

# A missing closing quote (invalid TOML) ends a string at the end of its line,
# so that a failed match never makes the regex backtrack over the rest.
_BASIC = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*(?:"|\\?(?=\n|\Z))'
_LITERAL = r"'[^'\n]*(?:'|(?=\n|\Z))"
_SCALAR = r"[A-Za-z0-9_\-+:.]+"  # numbers, booleans, dates, bare (dotted) keys
_SIMPLE = rf"(?:{_BASIC}|{_LITERAL}|{_SCALAR})"
_BARE_KEY = r"[A-Za-z0-9_\-.]+"
_BARE_PART = r"[A-Za-z0-9_\-]+"
# The rest of a line, its comment and any blank or comment lines after it.
_EOL = r"[ \t]*(?:#[^\n]*)?\r?(?:\n|\Z)(?:[ \t\r]*(?:#[^\n]*)?\n)*"
_TOKEN_PATTERN = "|".join(
    (
        # Fast paths, one token each, for the common lines `key = scalar` and
        # `key = [scalar, ...]` (the value must end the line, so a date-time
        # with a space or a multi-line string falls through) ...
        rf"(?P<line>(?P<k>{_BARE_KEY})[ \t]*=[ \t]*(?P<v>{_SIMPLE}"
        rf"|(?P<arr>\[[ \t]*(?:{_SIMPLE}[ \t]*,[ \t]*)*(?:{_SIMPLE}[ \t]*)?\])){_EOL})",
        # ... and for `[a.b]` / `[[a.b]]` headers (or, in a value: `[x]`, `[[x]]`).
        rf"(?P<hdr>\[(?P<aot>\[)?[ \t]*(?P<hk>{_BARE_KEY})[ \t]*\](?(aot)\]){_EOL})",
        r"(?P<nl>\n(?:[ \t\r]*(?:#[^\n]*)?\n)*)",
        r"(?P<comment>#[^\n]*)",
        # The body stops before any `"""`; the closing run may hold up to
        # two quotes of the content. Unclosed, they run to the end of the text.
        r'(?P<mlbasic>"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*(?:"{3,5}|\\?\Z))',
        r"(?P<mlliteral>'''[\s\S]*?(?:'{3,5}|\Z))",
        rf"(?P<basic>{_BASIC})",
        rf"(?P<literal>{_LITERAL})",
        rf"(?P<bare>{_SCALAR})",
        r"(?P<punct>[\[\]{}=,])",
    )
)  # Whitespace and stray characters match nothing and are skipped by finditer.


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern[str]:
    """Compile on first use: most runs never need a position, and this costs ~10 ms."""
    return re.compile(pattern)


_DONE = object()

# Where a span ends, matched at its start: a value (a date-time may hold one space),
# a key part, or a table header.
_VALUE_END = (
    r'"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*(?:"{3,5}|\Z)|\'\'\'[\s\S]*?(?:\'{3,5}|\Z)'
    rf"|{_BASIC}|{_LITERAL}|{_SCALAR}(?: (?=\d\d:)[0-9:.+\-Zz]+)?"
)
_KEY_END = rf"{_BASIC}|{_LITERAL}|[A-Za-z0-9_\-]+"
_HEADER_END = rf"\[\[?(?:[^\n\]\"']|{_BASIC}|{_LITERAL})*\]?\]?"
_BRACKETS = {"[": 1, "{": 1, "]": -1, "}": -1}


# Paths deeper than this (no real document has them) are not indexed, which
# keeps absurd input from costing quadratic time and memory.
_MAX_DEPTH = 100

# Parser modes. KEY, INKEY and HEADER collect key parts, hence `mode <= HEADER`.
_KEY, _INKEY, _HEADER, _VALUE, _AFTER = range(5)


def _add_bare(parts: list[tuple[str, int]], token: str, offset: int) -> None:
    """Append the parts of a bare, possibly dotted key like ``a.b``."""
    if "." not in token:
        parts.append((token, offset))
        return
    for piece in token.split("."):
        if piece:
            parts.append((piece, offset))
        offset += len(piece) + 1


class _Frame:
    """An open array (counting its elements) or inline table."""

    __slots__ = ("is_array", "path", "index")

    def __init__(self, is_array: bool, path: KeyPath) -> None:
        self.is_array, self.path, self.index = is_array, path, 0


class _Index:
    """Offsets of keys and values, by path; built in one pass over the text."""

    __slots__ = ("keys", "values", "_text", "_arrays", "_implicit", "_aot", "_pending", "_tables", "_read_tables", "_last", "_spread")

    def __init__(self, text: str, data: Any = None) -> None:
        self._text = text
        self._arrays: dict[KeyPath, tuple[int, int]] = {}  # one-line arrays, indexed on demand
        self.keys: dict[KeyPath, int] = {}
        self.values: dict[KeyPath, int] = {}
        self._implicit: set[KeyPath] = set()  # tables only implied by a longer header
        self._aot: dict[KeyPath, int] = {}  # array-of-tables path -> elements so far
        self._pending: Iterator[None] | None = None
        # With the parsed data, an index of the headers: a lookup reads only its table, so big
        # files stay linear and fast.
        self._tables: Tables | None = tables(text, data, _MAX_DEPTH) if data is not None else None
        self._read_tables: set[KeyPath] = set()  # tables scanned whole
        # The key in an element of an array of tables last found by a regular expression, its key
        # and value: not kept in the dicts (a big file with a finding on each element would keep
        # every path). Keys of other tables are kept: findings point at them again and again.
        self._last: tuple[KeyPath, int, int] | None = None
        self._spread: dict[KeyPath, bool] = {}  # per table body with a `{`: an inline table over lines (TOML 1.1)?
        if self._tables is None:
            # Else one scan, only as far as lookups need: most findings are about keys
            # near the top, and a key's first definition is the one that counts.
            self._pending = self._scan(text)
            return
        self.keys, self._implicit = self._tables.keys, self._tables.implicit

    def _read(self, table: KeyPath, offsets: dict[KeyPath, int], path: KeyPath) -> None:
        """Find `path` in the body of `table`: one key by a regular expression, else by
        scanning the whole body once."""
        assert self._tables is not None
        header = self._tables.header(table)
        if header is None or table in self._read_tables:
            return
        start, end = self._tables.body(self._text, header)
        rest = path[len(table) :]
        text = self._text
        if (
            len(rest) == 1 and type(rest[0]) is str and _compiled(_BARE_PART).fullmatch(rest[0])
            and text.find('"""', start, end) < 0 and text.find("'''", start, end) < 0  # a line of a string is no key
            and not self._spread_in(table, start, end)
        ):
            m = _compiled(rf"(?m)^[ \t]*({rest[0]})[ \t]*=[ \t]*").search(text, start, end)
            if m is not None:
                if int in map(type, table):  # one of many elements: its own key, asked once or twice
                    self._last = (path, m.start(1), m.end())
                else:  # a table of which the file has one, such as [afspraak]: its keys are asked again and again
                    self.keys.setdefault(path, m.start(1))
                    self.values.setdefault(path, m.end())
                return
        self._read_tables.add(table)
        for _ in self._scan(text, start, end, table):
            pass

    def _spread_in(self, table: KeyPath, start: int, end: int) -> bool:
        """Whether an inline table spans lines in this body: its keys would look like the table's
        own to the regular expression. Only a body with a `{` is read for it, once."""
        known = self._spread.get(table)
        if known is None:
            known = self._spread[table] = over_lines(self._text, "{", start, end)
        return known

    def _read_all(self) -> None:
        if self._tables is None:
            while self._more():
                pass
            return
        found = self._tables
        for table in [(), *found.headers, *[(*path, i) for path, offsets in found.aot.items() for i in range(len(offsets))]]:
            self._read(table, self.keys, ())

    def _more(self) -> bool:
        """Scan one more statement; False when the text is done."""
        if self._pending is None:
            return False
        if next(self._pending, _DONE) is _DONE:
            self._pending = None
            return False
        return True

    def lookup(self, offsets: dict[KeyPath, int], path: KeyPath) -> int | None:
        """The offset of `path` in `offsets`, scanning on until it is known (or the text ends)."""
        if self._tables is not None:
            found = self.offset(offsets, path)
            if found is not None and path not in self._implicit:
                return found
            header = self._tables.header
            for n in range(len(path) - 1, -1, -1):  # the table of the key, then the ones around it
                if header(path[:n]) is not None:
                    self._read(path[:n], offsets, path)
                    found = self.offset(offsets, path)
                    if found is not None and path not in self._implicit:
                        return found
            return self.offset(offsets, path)
        while True:
            found = self.offset(offsets, path)
            if found is not None and path not in self._implicit:
                return found
            if not self._more():  # the last statement may just have been read
                return self.offset(offsets, path)

    def _define(self, base: KeyPath, parts: list[tuple[str, int]]) -> KeyPath:
        """Record a (dotted) key under `base`; the first definition of a prefix wins."""
        keys, path = self.keys, base
        for name, offset in parts:
            if len(path) >= _MAX_DEPTH:
                break
            path = path + (name,)
            if path not in keys or path in self._implicit:  # `a.b = 1` defines the `a` of a later `[a.c]`
                keys[path] = offset
                self._implicit.discard(path)
        return path

    def _header(self, names: list[str], offset: int, is_array: bool) -> KeyPath:
        """Record a `[table]` or `[[array]]` header at `offset`; return the table path."""
        keys, aot = self.keys, self._aot
        path: KeyPath = ()
        for name in names[:-1][:_MAX_DEPTH]:  # the implied super-tables
            path = path + (name,)
            if path not in keys:
                keys[path] = offset
                self._implicit.add(path)
            if path in aot:  # `[[a]]` then `[a.b]`: b lives in the last a
                path = path + (aot[path] - 1,)
        path = path + tuple(names[-1:])
        if is_array:
            count = aot.get(path, 0)
            aot[path] = count + 1
            keys.setdefault(path, offset)
            path = path + (count,)
            keys[path] = offset
        elif path not in keys or path in self._implicit:
            keys[path] = offset
            self._implicit.discard(path)
        return path

    def offset(self, offsets: dict[KeyPath, int], path: KeyPath) -> int | None:
        """``offsets.get(path)`` that first indexes a pending one-line array; an element of an
        array of tables is at its header."""
        found = offsets.get(path)
        last = self._last
        if found is None and last is not None and last[0] == path:
            return last[1] if offsets is self.keys else last[2]
        if found is None and self._tables is not None and offsets is self.keys and path and type(path[-1]) is int:
            header = self._tables.element(path)
            if header is not None:
                return header
        if found is None and path and type(path[-1]) is int and path[:-1] in self._arrays:
            start, end = self._arrays.pop(path[:-1])
            for i, m in enumerate(_compiled(_SIMPLE).finditer(self._text, start + 1, end)):
                element = path[:-1] + (i,)
                self.keys[element] = self.values[element] = m.start()
            found = offsets.get(path)
        return found

    def _start_value(self, stack: list[_Frame], target: KeyPath, start: int) -> KeyPath:
        """Record a value starting at `start`: of `target`, or of the next element
        if inside an array (whose key position is its value position)."""
        if stack and stack[-1].is_array:
            frame = stack[-1]
            if len(frame.path) >= _MAX_DEPTH:
                return frame.path
            target = frame.path + (frame.index,)
            self.keys[target] = start
        self.values[target] = start
        return target

    def _scan(self, text: str, start: int = 0, end: int | None = None, table: KeyPath = ()) -> Iterator[None]:
        """Scan the text, or from `start` to `end` the body of `table`."""
        keys, values = self.keys, self.values
        target: KeyPath = ()  # key whose value comes next
        stack: list[_Frame] = []
        parts: list[tuple[str, int]] = []  # key being read: (name, offset) per dotted part
        mode, header_at, header_is_array = _KEY, 0, False
        for m in _compiled(_TOKEN_PATTERN).finditer(text, start, len(text) if end is None else end):
            kind = m.lastgroup
            if kind == "line" or kind == "hdr":
                if kind == "line" and mode <= _INKEY:  # INKEY: `"a b".c = 1`
                    key = m.group("k")
                    if parts or "." in key:
                        _add_bare(parts, key, m.start("k"))
                        path = self._define(stack[-1].path if stack else table, parts)
                    else:  # the common case, inlined
                        path = (stack[-1].path if stack else table) + (key,)
                        keys[path] = m.start("k")
                    values[path] = start = m.start("v")
                    if text[start] == "[":  # a one-line array: index its elements on demand
                        self._arrays[path] = (start, m.end("v"))
                elif kind == "hdr" and mode == _KEY and not stack:
                    table = self._header(m.group("hk").split("."), m.start(), m.start("aot") >= 0)
                elif kind == "hdr" and mode == _VALUE:  # not a header: `[x]` or `[[x]]`
                    path = self._start_value(stack, target, m.start())
                    if m.start("aot") >= 0:
                        path = path + (0,)
                        keys[path] = values[path] = m.start() + 1
                    path = path + (0,)
                    keys[path] = values[path] = m.start("hk")
                parts, mode = [], (_AFTER if stack else _KEY)  # the token ate the newline
                if kind == "hdr" and not stack:
                    yield  # pause at each table: lookups scan only as far as they need
                continue
            if kind == "nl":
                if not stack:  # a newline ends any top-level statement
                    parts, mode = [], _KEY
                continue
            if kind == "comment":
                continue
            token = m.group()
            if mode <= _HEADER:
                if kind == "bare":
                    _add_bare(parts, token, m.start())
                    mode = _INKEY if mode == _KEY else mode
                elif kind == "basic" or kind == "literal":
                    parts.append((_key_name(token), m.start()))
                    mode = _INKEY if mode == _KEY else mode
                elif token == "=" and mode == _INKEY:
                    target = self._define(stack[-1].path if stack else table, parts)
                    parts, mode = [], _VALUE
                elif token == "]" and mode == _HEADER:
                    names = [name for name, _ in parts]
                    table = self._header(names, header_at, header_is_array)
                    parts, mode = [], _AFTER  # AFTER ignores the second `]` of `]]`
                    yield
                elif token == "[" and mode == _KEY and not stack:
                    header_at, mode = m.start(), _HEADER  # HEADER ignores a second `[`
                    header_is_array = text.startswith("[[", header_at)
                elif token == "}" and stack and not stack[-1].is_array:  # `{}`, trailing comma
                    stack.pop()
                    mode = _AFTER
            elif mode == _VALUE:
                if token == "]":  # `[]` or a trailing comma
                    if stack and stack[-1].is_array:
                        stack.pop()
                    mode = _AFTER
                elif kind != "punct" or token == "[" or token == "{":
                    path = self._start_value(stack, target, m.start())
                    if token == "[":
                        stack.append(_Frame(True, path))
                    elif token == "{":
                        stack.append(_Frame(False, path))
                        mode = _KEY
                    else:
                        mode = _AFTER
            elif token == ",":  # mode == _AFTER
                if stack and stack[-1].is_array:
                    stack[-1].index += 1
                    mode = _VALUE
                elif stack:
                    mode = _KEY
            elif stack and token == ("]" if stack[-1].is_array else "}"):
                stack.pop()
            # Else: the time in `1979-05-27 07:32:00`, the `]` of `]]`, junk.
