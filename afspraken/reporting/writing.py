"""Writing reports and new files without damaging what is already there.

A report replaces its file atomically (a reader never sees half of it), but never
a TOML file (that is an agreement, not a report), and never by swapping out a
symlink, device or pipe: those are written into, as the user meant.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from afspraken.rules import Text


class OutputError(Exception):
    """A file that cannot or may not be written; ``message`` says why, in both languages."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_report(dest: Path, text: str) -> None:
    """Write a report to ``dest`` (replacing an older report there)."""
    try:
        if dest.suffix.lower() == ".toml" and dest.exists():
            raise OutputError(
                Text(
                    f"{dest} is een TOML-bestand (een afspraak?); een rapport overschrijft dat niet, kies een andere naam",
                    f"{dest} is a TOML file (an agreement?); a report does not overwrite it, choose another name",
                )
            )
        info = os.lstat(dest) if os.path.lexists(dest) else None
        if info is not None and not stat.S_ISREG(info.st_mode):  # symlink, device, pipe: write into it
            with open(dest, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            return
        _atomic(dest, text, stat.S_IMODE(info.st_mode) if info is not None else _default_mode(), replace=True)
    except OSError as exc:
        raise OutputError(Text(f"{dest}: kan niet schrijven: {exc.strerror or exc}", f"{dest}: cannot write: {exc.strerror or exc}")) from None


def write_new(path: Path, text: str) -> None:
    """Create ``path`` atomically; raises ``FileExistsError`` rather than replace anything."""
    _atomic(path, text, _default_mode(), replace=False)


def _rename_new(tmp: str, path: Path) -> None:
    """Move ``tmp`` to ``path`` atomically without ever replacing an existing file."""
    try:
        os.link(tmp, path)  # atomic, and fails (FileExistsError) instead of replacing
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(path):
            raise FileExistsError(17, "File exists", str(path)) from None
        os.rename(tmp, path)


def _atomic(path: Path, text: str, mode: int, *, replace: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        if replace:
            os.replace(tmp, path)
        else:
            _rename_new(tmp, path)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)
