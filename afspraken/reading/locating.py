"""Line/column positions of keys and values in a TOML text, computed on demand.

tomli parses fast but keeps no positions. A :class:`Locator` re-reads the
(already parsed, hence valid) text only when a position is first asked for:
:mod:`afspraken.reading.index` maps key paths to the offsets of their keys and
values, and offsets become lines and columns only for the paths actually requested.

Anything unexpected (invalid input) is skipped rather than raised, so lookups
degrade to ``None`` or, with :meth:`Locator.nearest`, to a known ancestor.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from afspraken.reading.index import _BRACKETS, _HEADER_END, _KEY_END, _TOKEN_PATTERN, _VALUE_END, KeyPath, _compiled, _Index

__all__ = ["Locator", "KeyPath", "Position", "Span"]


_SHIFT = 10
_BLOCK = 1 << _SHIFT  # characters per block of the line count (see Locator._line_column)


class Position(NamedTuple):
    """A 1-based line and a 1-based column counted in characters."""

    line: int
    column: int


class Span(NamedTuple):
    """From ``start`` up to, not including, ``end``."""

    start: Position
    end: Position


class Locator:
    """Find where a key path of a parsed TOML document sits in its source text.

    Construction is free; the index is built on the first lookup, once.
    """

    __slots__ = ("_text", "_data", "_index", "_blocks", "_asked")

    def __init__(self, text: str, data: Any = None) -> None:
        self._text = text
        self._data = data  # the parsed text, if it parsed: lets lookups read only their table
        self._index: _Index | None = None
        self._blocks: list[tuple[int, int]] | None = None  # per block of _BLOCK characters: newlines before it, the last one
        self._asked = 0

    def _get_index(self) -> _Index:
        if self._index is None:
            self._index = _Index(self._text, self._data)
        return self._index

    def _position(self, offset: int) -> Position:
        return Position(*self._line_column(offset))

    def _line_column(self, offset: int) -> tuple[int, int]:
        # A few positions per file: counting in C from the start is fastest. Past a few, the
        # search starts at the block of 1 KB that holds the offset: per block, the newlines
        # before it and the last newline before it, found once. Linear for big files (a 10 MB
        # line too), in ~0.1x the size of the text (a table of every line's start took ~2.5x).
        text = self._text
        blocks = self._blocks
        if blocks is None:
            self._asked += 1
            if self._asked < 16 or len(text) < _BLOCK:
                return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
            blocks, count, last = [(0, -1)], 0, -1
            for start in range(0, len(text), _BLOCK):
                count += text.count("\n", start, start + _BLOCK)
                found = text.rfind("\n", start, start + _BLOCK)
                last = found if found >= 0 else last
                blocks.append((count, last))
            self._blocks = blocks
        block = offset >> _SHIFT
        start = block << _SHIFT
        before, newline = blocks[block]
        found = text.rfind("\n", start, offset)
        return before + text.count("\n", start, offset) + 1, offset - (found if found >= 0 else newline)

    def _end(self, start: int) -> int:
        """The offset just after the value, key part or header that starts at ``start``."""
        text = self._text
        char = text[start : start + 1]
        if char in ("[", "{"):
            depth = 0
            for token in _compiled(_TOKEN_PATTERN).finditer(text, start):
                kind = token.lastgroup
                if kind == "punct":
                    depth += _BRACKETS.get(token.group(), 0)
                elif kind == "hdr" and depth == 0:  # `[x]` as a whole value
                    return text.find("]", token.end("hk")) + (2 if token.start("aot") >= 0 else 1)
                if depth <= 0:
                    return token.end()
            return len(text)
        m = _compiled(_VALUE_END).match(text, start)
        return m.end() if m and m.end() > start else min(start + 1, len(text))

    def span(self, path: KeyPath, *, value: bool = False) -> Span | None:
        """The span of `path`: ``key = value`` for a key with a value, the value alone
        with ``value=True``, a table's (first) header, an array element's value.
        None for unknown paths (and, with ``value=True``, for paths without a value)."""
        found = self.bounds(tuple(path), value)
        return None if found is None else Span(Position(found[0], found[1]), Position(found[2], found[3]))

    def bounds(self, path: KeyPath, value: bool = False) -> tuple[int, int, int, int] | None:
        """:meth:`span` as ``(line, column, end line, end column)``: no objects to build
        (the engine asks this once for every place of every finding)."""
        index = self._index or self._get_index()
        start = index.keys.get(path)  # known already (a header, a key read before): no call
        if start is None and index._tables is not None and path and type(path[-1]) is int:
            start = index._tables.element(path)  # `[[actie]]` number i: its header
        if start is None or (index._implicit and path in index._implicit):
            start = index.lookup(index.keys, path)
            if start is None:
                return None
        text = self._text
        at = index.values.get(path)
        if at is None and (index._arrays or index._last is not None):  # a one-line array not yet read, the key just found
            at = index.offset(index.values, path)
        if at is not None:
            end = self._end(at)
            if value:
                start = at
        elif value:
            return None
        elif text.startswith("[", start):  # a table header
            m = _compiled(_HEADER_END).match(text, start)
            end = m.end() if m else start + 1
        else:  # the first part of a dotted key: `a` in `a.b = 1`
            m = _compiled(_KEY_END).match(text, start)
            end = m.end() if m and m.end() > start else start + 1
        line, column = self._line_column(start)
        if text.find("\n", start, end) < 0:  # most spans end on their first line
            return line, column, line, column + end - start
        return (line, column, *self._line_column(end))

    def value_at(self, offset: int) -> KeyPath | None:
        """The path of the value that starts at ``offset`` (reads the whole text; for errors only)."""
        index = self._get_index()
        index._read_all()
        for path, (start, end) in list(index._arrays.items()):
            if start < offset < end:
                index.offset(index.values, (*path, 0))  # index the elements of that one-line array
        found = [path for path, start in index.values.items() if start == offset]
        return max(found, key=len) if found else None

    def position(self, offset: int) -> Position:
        return self._position(offset)

    def nearest_span(self, path: KeyPath) -> tuple[Span, KeyPath]:
        """:meth:`span` of the longest prefix of `path` found in the text, with that
        prefix; the first character of the text if not even the first key is."""
        found, prefix = self.nearest_bounds(tuple(path))
        return Span(Position(found[0], found[1]), Position(found[2], found[3])), prefix

    def nearest_bounds(self, path: KeyPath) -> tuple[tuple[int, int, int, int], KeyPath]:
        """:meth:`nearest_span` as :meth:`bounds` gives it."""
        for end in range(len(path), 0, -1):
            found = self.bounds(path[:end])
            if found is not None:
                return found, path[:end]
        return (1, 1, 1, 2), ()

    def find(self, path: KeyPath) -> Position | None:
        """Where `path` is defined: its key token; for an array element its value;
        for a table or array-of-tables element the `[` of its (first) header."""
        index = self._get_index()
        offset = index.lookup(index.keys, tuple(path))
        return None if offset is None else self._position(offset)

    def value(self, path: KeyPath) -> Position | None:
        """Where the value of `path` starts; None for header tables and unknown paths."""
        index = self._get_index()
        offset = index.lookup(index.values, tuple(path))
        return None if offset is None else self._position(offset)

    def nearest(self, path: KeyPath) -> tuple[Position, KeyPath]:
        """The position of the longest prefix of `path` found in the text, with
        that prefix; ``(Position(1, 1), ())`` if not even the first key is."""
        index = self._get_index()
        path = tuple(path)
        for end in range(len(path), 0, -1):
            offset = index.lookup(index.keys, path[:end])
            if offset is not None:
                return self._position(offset), path[:end]
        return Position(1, 1), ()
