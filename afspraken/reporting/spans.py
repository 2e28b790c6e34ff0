"""Where a location starts and ends, and where a file sits in the repository.

One place for the end of a span: :class:`~afspraken.results.Location` gains
``end_line``/``end_column`` (exclusive, 1-based); until a location has them, a
span runs to the end of its start line. SARIF, GitLab and the language server
all ask here, so they follow the locations as soon as those carry ends.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Optional

from afspraken.reading.files import toml_lines
from afspraken.results import Location


class Span(NamedTuple):
    """1-based; ``end_column`` is the column just past the last character."""

    line: int
    column: int
    end_line: int
    end_column: int


def span(loc: Location, text: Optional[str] = None) -> Span:
    """The span of ``loc``; ``text`` is the file's text when the caller has it (else it is read)."""
    line, column = max(loc.line, 1), max(loc.column, 1)
    end_line, end_column = getattr(loc, "end_line", 0) or 0, getattr(loc, "end_column", 0) or 0
    if end_line > line or (end_line == line and end_column >= column):
        return Span(line, column, end_line, end_column)
    lines = toml_lines(text) if text is not None else _lines(loc.file)
    length = len(lines[line - 1].rstrip()) if 0 < line <= len(lines) else 0
    return Span(line, column, line, max(column, length + 1))


@lru_cache(maxsize=64)
def _lines(file: str) -> list[str]:
    if not file or file.startswith("<") or file == "-":
        return []
    from afspraken.reading.files import reread_text

    text = reread_text(file)  # a regular file within the limit only: a FIFO or /dev/zero would hang
    return toml_lines(text) if text is not None else []


def repository_root(start: Path) -> Optional[Path]:
    """The nearest folder at or above ``start`` with a ``.git`` (a folder, or a file in a worktree)."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def absolute(file: str) -> Path:
    """``file`` made absolute and normalised (``./a/../a/x.toml`` -> ``a/x.toml``), symlinks kept."""
    return Path(os.path.normpath(os.path.abspath(file)))


def source_root(files: list[str]) -> Path:
    """The root URIs are relative to: the git repository of the working folder, else that of
    the checked files, else the working folder."""
    cwd = Path.cwd()
    root = repository_root(cwd)
    if root is None:
        real = [absolute(f) for f in files if is_file(f)]
        if real:
            root = repository_root(Path(os.path.commonpath([str(p.parent) for p in real])))
    return root or cwd


def relative(file: str, root: Path) -> Optional[str]:
    """``file`` as a POSIX path relative to ``root``, or ``None`` when it lies outside."""
    path = absolute(file)
    for candidate, base in ((path, root), (path.resolve(), root.resolve())):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return None


def is_file(file: str) -> bool:
    """A real path (not stdin, ``<tekst>`` or an option such as ``--select/--ignore``)."""
    return bool(file) and file != "-" and not file.startswith(("<", "--"))


def fingerprint(parts: list[str], seen: dict[str, int]) -> str:
    """A hash of ``parts`` (rule, file, key paths: no line numbers, no message text) and how
    often the same parts came before in this run: stable across runs, unique within one."""
    base = "\x00".join(parts)
    index = seen.get(base, 0)
    seen[base] = index + 1
    return hashlib.sha256(f"{base}\x00{index}".encode("utf-8", "surrogatepass")).hexdigest()[:32]  # a file name need not be UTF-8
