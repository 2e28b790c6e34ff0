"""Reading one file: bytes -> text, as a :class:`Source` that gives positions on demand.

Only a regular file or a named stream is read, never more than the size limit
(:mod:`afspraken.reading.files`); the text must be UTF-8 (or UTF-16 with a BOM).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Union

from afspraken.reading.files import Limits, decode, read_bytes, too_big
from afspraken.reading.locating import Locator
from afspraken.results import Location, Problem, dotted
from afspraken.rules import KeyPath, Text

STDIN = "-"


@dataclass
class Source:
    """The text of one file and how to name it; positions on demand."""

    name: str
    text: str
    data: Optional[dict[str, Any]] = field(default=None, repr=False)  # the parsed TOML, once parsed
    _locator: Optional[Locator] = field(default=None, repr=False)
    # Places found, by path: of the key, and of the value alone (two dicts, no pair per entry:
    # a big file with a finding on each element holds ~100,000).
    _seen: dict[KeyPath, Location] = field(default_factory=dict, repr=False)
    _seen_values: dict[KeyPath, Location] = field(default_factory=dict, repr=False)
    _model: Any = field(default=None, repr=False)  # once settled: what stands in for the data
    _one_aanspreekpunt: bool = field(default=False, repr=False)
    # Spans by the path found in the file, until the source is settled: ("actie", 3, "wanneer")
    # with its key missing is the span of ("actie", 3), which other findings name too.
    _spans: dict[KeyPath, tuple[int, int, int, int]] = field(default_factory=dict, repr=False)

    def settle(self, model: Any) -> None:
        """Index the tables now and let the parsed data go: a big file's data costs ~5x its size
        while the rules run. ``model``, validated from it, then tells which keys exist."""
        data = self.data
        if data is None:
            return
        self._one_aanspreekpunt = isinstance(data.get("aanspreekpunt"), dict)
        locator = self.locator
        locator._get_index()
        locator._data = None
        self._model, self.data = model, None

    @property
    def locator(self) -> Locator:
        if self._locator is None:
            self._locator = Locator(self.text, self.data)
        return self._locator

    def at(self, path: KeyPath, *, value: bool = False) -> Location:
        """The span of a key (``key = value``, or with ``value`` its value alone), or of its
        nearest existing parent (a table's header)."""
        if type(path) is not tuple:
            path = tuple(path)
        if self._model is not None and len(path) > 1:  # settled, a big file: each place kept costs ~120 bytes
            return self._at(path, value)
        seen = self._seen_values if value else self._seen
        known = seen.get(path)  # findings often share places
        if known is None:
            known = seen[path] = self._at(path, value)
        return known

    def _at(self, path: KeyPath, value: bool) -> Location:
        data = self.data
        if data is not None:
            path = as_written(path, data)
            found = _existing(data, path)  # a missing key needs no search
        elif self._model is not None:
            found = _existing(self._model, path)
            if self._one_aanspreekpunt:
                path, found = as_written(path, _ONE), as_written(found, _ONE)
        else:
            found = path
        locator = self._locator or self.locator
        bounds = locator.bounds(found, True) if value and found == path else None
        if bounds is None:
            spans = self._spans if self._model is None else None  # settled, a big file: not kept
            bounds = spans.get(found) if spans is not None else None
            if bounds is None:
                bounds = locator.bounds(found) or locator.nearest_bounds(found)[0]
                if spans is not None:
                    spans[found] = bounds
        # By position (tuple.__new__, no Python __new__): one per place of every finding.
        return _new(Location, (self.name, bounds[0], bounds[1], _dotted(path), bounds[2], bounds[3]))

    def problem(self, path: KeyPath, message: Text, code: str, *, value: bool = False) -> Problem:
        return Problem(self.at(path, value=value), message, code)


def as_written(path: KeyPath, data: Optional[dict[str, Any]]) -> KeyPath:
    """``("aanspreekpunt", 0, ...)`` as the file has it: the model reads a single
    ``[aanspreekpunt]`` table as a list of one (FORMAT.md allows both)."""
    if path and path[0] == "aanspreekpunt" and path[1:2] == (0,) and data is not None and isinstance(data.get("aanspreekpunt"), dict):
        return ("aanspreekpunt", *path[2:])
    return path


_new = tuple.__new__  # builds a NamedTuple from all its fields in order (tests/test_results.py pins them)
_dotted = lru_cache(maxsize=4096)(dotted)  # the same paths recur in every file: (actie, 0), ...


def _existing(node: Any, path: KeyPath) -> KeyPath:
    """The longest prefix of ``path`` that exists in the parsed data, or in the model validated
    from it (a settled Source: a field counts only if the file gave it, not as a default)."""
    if type(node) is dict and 2 <= len(path) <= 3:  # most places: (table, index), (table, key), (table, index, key)
        first, second = path[0], path[1]
        table = node.get(first) if type(first) is str else None
        if type(table) is list:
            if type(second) is int and 0 <= second < len(table):
                if len(path) == 2:
                    return path
                element, third = table[second], path[2]
                if type(element) is dict:  # the key, or the element when the key is missing (most findings)
                    return path if type(third) is str and third in element else path[:2]
        elif type(table) is dict:
            if type(second) is str and second in table and len(path) == 2:
                return path
    for i, part in enumerate(path):
        kind = type(node)
        if kind is dict:
            if part in node and type(part) is str:
                node = node[part]
                continue
        elif kind is list:
            if type(part) is int and 0 <= part < len(node):
                node = node[part]
                continue
        elif type(part) is str and part in getattr(node, "__pydantic_fields_set__", ()):  # a model
            node = node.__dict__[part]
            continue
        return path[:i]
    return path


_ONE: dict[str, Any] = {"aanspreekpunt": {}}  # data with one [aanspreekpunt] table, for as_written


def file_problem(name: str, nl: str, en: str, code: str, line: int = 1, column: int = 1) -> Problem:
    return Problem(Location(name, line, column), Text(nl, en), code)


def read(
    path: Union[str, Path], data: Optional[bytes] = None, name: Optional[str] = None, *, limits: Limits = Limits()
) -> Union[Source, Problem]:
    """Read and decode one file (``data`` is given for stdin): only a regular file or a
    named stream, never more than the size limit (see :mod:`afspraken.reading.files`)."""
    shown = name or str(path)
    if data is None:
        got = read_bytes(path, shown, limits)
        if isinstance(got, Problem):
            return got
        data = got
    elif len(data) > limits.max_bytes:
        return too_big(shown, len(data), limits)
    text, encoding = decode(data)
    if text is None:
        if encoding == "UTF-32":
            return file_problem(shown, "het bestand is opgeslagen als UTF-32; sla het op als UTF-8", "the file is saved as UTF-32; save it as UTF-8", "codering")
        if encoding == "UTF-16":
            return file_problem(shown, "het bestand is geen geldig UTF-16; sla het op als UTF-8", "the file is not valid UTF-16; save it as UTF-8", "codering")
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return _not_utf8(shown, data, exc)
        raise AssertionError("decode() refused valid UTF-8")
    if not text.strip():
        return file_problem(shown, "het bestand is leeg", "the file is empty", "leeg")
    return Source(shown, text)


def _not_utf8(name: str, data: bytes, exc: UnicodeDecodeError) -> Problem:
    line = data.count(b"\n", 0, exc.start) + 1
    start = data.rfind(b"\n", 0, exc.start) + 1
    column = len(data[start : exc.start].decode("utf-8", "replace")) + 1
    byte = data[exc.start : exc.start + 1].hex()
    return file_problem(
        name,
        f"het bestand is geen UTF-8 (byte 0x{byte}); sla het op als UTF-8",
        f"the file is not UTF-8 (byte 0x{byte}); save it as UTF-8",
        "codering",
        line,
        column,
    )
