"""The checked files' own text, read again for the report: the lines a finding is about, with
its span marked, and its place in words (``orgaan 'Buurtonderneming Woensel-West', lid 'P. Jansen',
stemmen``). A file that cannot be read again (stdin, since removed) just shows no lines."""

from __future__ import annotations

from typing import Any, NamedTuple, Optional

from afspraken.reading.files import toml_lines
from afspraken.reporting.escaping import escape
from afspraken.reporting.places import describe, parts
from afspraken.results import Location

MAX_LINES = 6  # of one span; a longer one shows its start
LONG_LINE = 400  # a line up to this long is shown whole; a longer one around its span:
AROUND = 80  # characters shown before and after the span; more are cut ("…")
MAX_MARKED = 160  # characters of the span shown


def around(line: str, start: int, stop: int) -> tuple[str, str, str]:
    """``line`` before, in and after its span ``start:stop``; a line longer than LONG_LINE (a
    40,000-element array) only around its span, the rest cut ("…")."""
    if len(line) <= LONG_LINE:
        return line[:start], line[start:stop], line[stop:]
    before = ("…" if start > AROUND else "") + line[max(0, start - AROUND) : start]
    marked = line[start : min(stop, start + MAX_MARKED)] + ("…" if stop - start > MAX_MARKED else "")
    after = line[stop : stop + AROUND] + ("…" if len(line) - stop > AROUND else "")
    return before, marked, after


class Snippet(NamedTuple):
    """One source line: its number, and the text before, in and after the marked span."""

    line: int
    before: str
    marked: str
    after: str


class Sources:
    """Each file read (and parsed) at most once per report."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[list[str], Optional[dict[str, Any]]]] = {}

    def _get(self, name: str) -> tuple[list[str], Optional[dict[str, Any]]]:
        if name not in self._files:
            self._files[name] = _read(name)
        return self._files[name]

    def snippet(self, loc: Location) -> list[Snippet]:
        """The line(s) of ``loc``, the span marked: to its end where the location has one
        (``end_line``/``end_column``), else from its column to the end of the line."""
        lines, data = self._get(loc.file)
        if not loc.line or loc.line > len(lines):
            return []
        top = parts(loc.key)[:1]
        if data is not None and top and top[0] not in data:  # a missing section: its "place" is only the file's start
            return []
        end_line = getattr(loc, "end_line", None) or loc.line
        end_column = getattr(loc, "end_column", None)
        last = min(end_line, len(lines), loc.line + MAX_LINES - 1)
        out = []
        for number in range(loc.line, last + 1):
            text = lines[number - 1].rstrip("\r\n")
            start = loc.column - 1 if number == loc.line else len(text) - len(text.lstrip())
            stop = end_column - 1 if end_column and number == end_line else len(text.rstrip())
            start = max(0, min(start, len(text)))
            stop = max(start, min(stop, len(text)))
            if start == stop:  # nothing to mark from the column: mark the line
                start, stop = len(text) - len(text.lstrip()), len(text.rstrip())
            before, marked, after = around(text, start, stop)
            out.append(Snippet(number, *(escape(part.replace("\t", " ")) for part in (before, marked, after))))
        return out

    def place(self, loc: Location) -> str:
        """The place in words; the key path itself when the file cannot be read again."""
        if not loc.key:
            return ""
        _, data = self._get(loc.file)
        return escape(describe(data, loc.key)) if data is not None else loc.key


def _read(name: str) -> tuple[list[str], Optional[dict[str, Any]]]:
    from afspraken.reading.files import reread_text

    text = reread_text(name)  # a regular file within the limit only: a FIFO or /dev/zero would hang
    if text is None:
        return [], None
    import tomli  # the project's parser everywhere (faster than the standard library's tomllib)

    try:
        data = tomli.loads(text)
    except Exception:  # noqa: BLE001 - lines still help without the places in words
        data = None
    return toml_lines(text), data
