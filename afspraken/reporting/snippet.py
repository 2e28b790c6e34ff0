"""The source line under a finding, with a caret underline under its span (``--toon-bron``).

Like rustc and Ruff's ``--show-source``::

       |
    48 |   stemmen = 2
       |   ^^^^^^^^^^^

Anything from the file is shown escaped: a control character (an ANSI escape,
a carriage return, ...) becomes ``\\x1b`` and the like, so that a file cannot
forge or colour output; a tab becomes spaces so that the carets line up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Optional

from afspraken.reading.files import toml_lines
from afspraken.reporting.escaping import escape
from afspraken.results import Location

TAB = 4


def _escaped(char: str) -> str:
    """One character of a source line as shown: a tab as spaces (the marker below must line
    up), anything else as the one escaping of every text format does it."""
    if char == "\t":
        return " " * TAB
    return escape(char)


class Sources:
    """The lines of each file shown, read once (``texts`` holds what came from stdin)."""

    def __init__(self, texts: Optional[Mapping[str, str]] = None) -> None:
        self._texts = dict(texts or {})
        self._lines: dict[str, Optional[list[str]]] = {}

    def line(self, file: str, number: int) -> Optional[str]:
        if file not in self._lines:
            text = self._texts.get(file)
            if text is None:
                from afspraken.reading.files import is_stream, read_bytes

                # A regular file only: a FIFO or device named *.toml is reported, and reading it could block.
                data = None if is_stream(file) else read_bytes(file, file)
                text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace") if isinstance(data, bytes) else None
            self._lines[file] = None if text is None else toml_lines(text)
            if len(self._lines) > 64:  # results come file by file: keep only the recent ones
                del self._lines[next(iter(self._lines))]
        lines = self._lines[file]
        if lines is None or not 0 < number <= len(lines):
            return None
        return lines[number - 1]


def render(location: Location, sources: Sources, indent: str = "    ") -> list[str]:
    """The lines to print under a finding or problem; none when the line cannot be read."""
    if not location.line:
        return []
    raw = sources.line(location.file, location.line)
    if raw is None:
        return []
    end_line, end_column = location.end
    last = end_column - 1 if end_line == location.line else len(raw)  # a longer span: to the end of the line
    first = min(location.column - 1, len(raw))
    last = max(min(last, len(raw)), first + 1)
    from afspraken.reporting.sources import around  # a long line: around its span only, as in Markdown and HTML

    before, marked, after = ("".join(_escaped(c) for c in part) for part in around(raw, first, last))
    number = str(location.line)
    gutter = " " * len(number)
    return [
        f"{indent}{gutter} |",
        f"{indent}{number} | {before}{marked}{after}".rstrip(),
        f"{indent}{gutter} | {' ' * len(before)}{'^' * max(1, len(marked))}",
    ]
