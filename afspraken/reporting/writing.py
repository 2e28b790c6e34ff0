"""Writing reports and new files without damaging what is already there.

A report replaces its file atomically (a reader never sees half of it), but never
a TOML file (that is an agreement, not a report), and never by swapping out a
symlink, device or pipe: those are written into, as the user meant.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Optional

from afspraken.rules import Text


class OutputError(Exception):
    """A file that cannot or may not be written; ``message`` says why, in both languages."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


# Temporary files of reports being written, named here *before* they are created: Ctrl-C at
# any moment (even inside the call that creates one) leaves nothing behind (remove_pending).
_PENDING: set[str] = set()


def _temporary(dest: Path) -> tuple[int, str]:
    """Create a new, private temporary file next to ``dest``: (descriptor, name)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        name = os.path.join(dest.parent, f".{dest.name}.{os.urandom(4).hex()}")
        _PENDING.add(name)
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:  # (any other error: the name stays pending, in case it was made)
            _PENDING.discard(name)
    raise FileExistsError(17, "no free name for a temporary file", str(dest.parent))


def _done(name: str) -> None:
    """``name`` is gone (renamed into place, or removed)."""
    try:
        if os.path.lexists(name):
            os.unlink(name)
    finally:
        _PENDING.discard(name)


def remove_pending() -> None:
    """Remove every temporary file still being written (the run was interrupted)."""
    for name in list(_PENDING):
        try:
            os.unlink(name)
        except OSError:
            pass
    _PENDING.clear()


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _shown(path: Path) -> str:
    from afspraken.reporting.escaping import escape

    return escape(str(path))


def refuse_overwrite(dest: Path) -> None:
    """Raise :class:`OutputError` when writing to ``dest`` would change a file that is not a
    report: after resolving every symlink, a TOML file, an agreement, or a file with more
    than one hard link (its other names may be an agreement). Nothing else is checked here."""
    if str(dest) in ("", ".") or os.path.isdir(dest):  # `--output ''` arrives as '.'
        shown = "''" if str(dest) in ("", ".") else _shown(dest)
        raise OutputError(Text(f"{shown}: kan niet schrijven: dit is een map, geen bestandsnaam", f"{shown}: cannot write: this is a folder, not a file name"))
    folder = Path(os.path.realpath(dest)).parent  # a typo in a folder name must not make folders
    if not folder.is_dir():
        at, shown = _shown(dest), _shown(dest.parent)
        exists = os.path.exists(folder)
        raise OutputError(
            Text(
                f"{at}: kan niet schrijven: " + (f"{shown} is geen map" if exists else f"de map {shown} bestaat niet (een rapport maakt geen mappen)"),
                f"{at}: cannot write: " + (f"{shown} is not a folder" if exists else f"the folder {shown} does not exist (a report makes no folders)"),
            )
        )
    try:
        info = os.stat(dest)  # follows symlinks
    except OSError:
        return  # a new file (or a dangling link: checked below by its target's name)
    real = Path(os.path.realpath(dest))
    via = "" if real == Path(os.path.abspath(dest)) else f"{_shown(dest)} -> "
    name = f"{via}{_shown(real)}"
    if not stat.S_ISREG(info.st_mode):
        return  # a pipe, a terminal, /dev/null: written into
    if real.suffix.lower() == ".toml" or looks_like_agreement(real):
        raise OutputError(
            Text(
                f"{name} is een TOML-bestand (een afspraak?); een rapport overschrijft dat niet, kies een andere naam",
                f"{name} is a TOML file (an agreement?); a report does not overwrite it, choose another name",
            )
        )
    if info.st_nlink > 1:
        raise OutputError(
            Text(
                f"{name} heeft {info.st_nlink} namen (harde koppelingen); een rapport overschrijft dat niet, kies een andere naam",
                f"{name} has {info.st_nlink} names (hard links); a report does not overwrite it, choose another name",
            )
        )


# A table header (``[afspraak]``, ``[ afspraak ]``, ``[[partij]]``, ``["orgaan".x]``) or a
# dotted or plain key (``afspraak.titel = ...``, ``partij = [...]``) of the format, at a line's start.
_AGREEMENT = re.compile(
    r"""^[ \t]*(?:\[\[?[ \t]*["']?(?:afspraak|partij|orgaan)["']?[ \t]*[\].]|["']?(?:afspraak|partij|orgaan)["']?[ \t]*[.=])""",
    re.MULTILINE,
)
_UTF32 = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


def looks_like_agreement(path: Path) -> bool:
    """Whether the file holds an agreement, whatever its name, spacing, encoding or leading
    comments: the whole (size-bounded) text is searched, not only its first bytes."""
    from afspraken.reading.files import Limits, decode

    try:
        with open(path, "rb") as handle:
            data = handle.read(Limits().max_bytes)
    except OSError:
        return False
    if data[:4] in _UTF32:
        text: Optional[str] = data.decode("utf-32", "replace")
    else:
        text, _ = decode(data)
    if text is None:
        text = data.decode("utf-8", "replace")
    if _AGREEMENT.search(text) is not None:
        return True
    if "\\u" not in text and "\\U" not in text:
        return False
    # Names spelled with escapes ("\u0061fspraak"): what TOML reads (a report is no TOML, and fails fast)
    import tomli

    try:
        parsed = tomli.loads(text)
    except (tomli.TOMLDecodeError, RecursionError):
        return False
    return any(key in parsed for key in ("afspraak", "partij", "orgaan"))


def _cannot_write(shown: str, exc: OSError) -> Text:
    from afspraken.reading.files import reason

    why = reason(exc)
    return Text(f"{shown}: kan niet schrijven: {why.nl}", f"{shown}: cannot write: {why.en}")


def _refuse(dest: Path) -> None:
    refuse_overwrite(dest)
    if os.path.islink(dest) and not os.path.exists(dest):  # dangling: would create its target
        real = Path(os.path.realpath(dest))
        if real.suffix.lower() == ".toml":
            raise OutputError(
                Text(
                    f"{_shown(dest)} -> {_shown(real)} zou een TOML-bestand maken; kies een andere naam",
                    f"{_shown(dest)} -> {_shown(real)} would create a TOML file; choose another name",
                )
            )


def write_report(dest: Path, text: str) -> None:
    """Write a report to ``dest`` (replacing an older report there)."""
    try:
        _refuse(dest)
        info = os.lstat(dest) if os.path.lexists(dest) else None
        if info is not None and not stat.S_ISREG(info.st_mode):  # symlink, device, pipe: write into it
            with open(dest, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
                handle.write(text)
            return
        _atomic(dest, text, stat.S_IMODE(info.st_mode) if info is not None else _default_mode(), replace=True)
    except OSError as exc:
        shown = _shown(dest)
        raise OutputError(_cannot_write(shown, exc)) from None


class ReportFile:
    """A report written piece by piece as results arrive; it replaces ``dest`` only when
    :meth:`commit` is called (atomically, as :func:`write_report` does), never half-written."""

    def __init__(self, dest: Path) -> None:
        self.dest = dest
        try:
            _refuse(dest)
            info = os.lstat(dest) if os.path.lexists(dest) else None
            if info is not None and not stat.S_ISREG(info.st_mode):  # symlink, device, pipe: write into it
                self.tmp, self.mode = None, 0
                self.handle = open(dest, "w", encoding="utf-8", errors="backslashreplace", newline="\n")
                return
            self.mode = stat.S_IMODE(info.st_mode) if info is not None else _default_mode()
            self.tmp = None
            fd, self.tmp = _temporary(dest)
            self.handle = os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n")
        except OSError as exc:
            raise _cannot(dest, exc) from None

    def write(self, text: str) -> None:
        try:
            self.handle.write(text)
        except OSError as exc:
            self.discard()
            raise _cannot(self.dest, exc) from None

    def commit(self) -> None:
        try:
            self.handle.close()
            if self.tmp is not None:
                os.chmod(self.tmp, self.mode)
                os.replace(self.tmp, self.dest)
                _done(self.tmp)
        except OSError as exc:
            self.discard()
            raise _cannot(self.dest, exc) from None

    def discard(self) -> None:
        """Leave ``dest`` as it was (a report that failed half-way is not written)."""
        self.handle.close()
        if self.tmp is not None:
            _done(self.tmp)


def _cannot(dest: Path, exc: OSError) -> OutputError:
    shown = _shown(dest)
    return OutputError(_cannot_write(shown, exc))


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
    if not replace:  # `init sub/nieuw.toml` makes its folder; a report's folder must exist (refuse_overwrite)
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temporary(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        if replace:
            os.replace(tmp, path)
        else:
            _rename_new(tmp, path)
    finally:
        _done(tmp)
