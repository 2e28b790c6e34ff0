"""Finding and opening files without hanging, looping or skipping anything silently.

Only regular files are opened. A FIFO, socket or device (also behind a symlink) is
reported, never read: reading it could block forever or never end. The exception is
a stream named explicitly as ``/dev/fd/N`` or ``/dev/stdin`` (the shell's ``<(...)``):
it is read once, in full, up to the size limit. Every read is bounded by that limit.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from afspraken.results import Location, Problem
from afspraken.rules import Text

MB = 1024 * 1024
SKIPPED = "overgeslagen"  # code of a note, not an error: a file that is clearly not an agreement
DECODED = "codering"  # code of a note: a UTF-16 file, read after all
SKIP_DIRS = {"node_modules", "venv", "__pycache__", "site-packages"}
CONFIG_NAMES = ("afspraken.toml", "pyproject.toml")  # settings files, never agreements (checking/config.py)
_STREAM = re.compile(r"/(?:dev|proc/self)/fd/\d+|/dev/stdin")
BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16, little- and big-endian


@dataclass(frozen=True)
class Limits:
    """How much one file may hold (``[limieten]`` in the config): the reader refuses more,
    with a located message, so that one file never takes memory out of proportion."""

    bestand_mb: float = 20  # file size
    lijst: int = 100_000  # elements in one array (or tables in one [[array]]: a 6 MB agreement has ~50,000)
    diepte: int = 50  # arrays and inline tables nested in each other
    # Tables and lists per MB (a file under 1 MB counts as 1 MB), weighted by what each costs
    # the parser and the model (reading/structure.py): a list ~100 bytes (1), an inline table
    # (2), a dot in a key (5: it makes a table), a [[table]] header (8), a [table] header (12),
    # and a key whose value is a list or inline table 8 more (the parser marks it). Real
    # agreements count ~65,000-105,000 a MB, benchmarks/groot.py's big ones 115,000-125,000.
    tabellen: int = 200_000

    @property
    def max_bytes(self) -> int:
        return int(self.bestand_mb * MB)

    def max_tables(self, size: int) -> int:
        """How many tables and lists (weighted as above) a text of ``size`` characters may hold."""
        return int(self.tabellen * max(1.0, size / MB))


def problem(name: str, nl: str, en: str, code: str = "bestand", line: int = 1, column: int = 1) -> Problem:
    return Problem(Location(name, line, column), Text(nl, en), code)


def _kind_of(mode: int) -> Text:
    if stat.S_ISFIFO(mode):
        return Text("een pipe (FIFO)", "a pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return Text("een socket", "a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Text("een apparaat", "a device")
    return Text("geen gewoon bestand", "not a regular file")


_REASONS = {  # the OS's own words are English; these are the ones a user meets
    errno.ENOENT: ("bestand of map bestaat niet", "No such file or directory"),
    errno.EACCES: ("geen toegang", "Permission denied"),
    errno.EPERM: ("niet toegestaan", "Operation not permitted"),
    errno.EISDIR: ("dit is een map", "Is a directory"),
    errno.ENOTDIR: ("een deel van het pad is geen map", "Not a directory"),
    errno.ENOSPC: ("de schijf is vol", "No space left on device"),
    errno.EROFS: ("alleen-lezen bestandssysteem", "Read-only file system"),
    errno.EEXIST: ("bestaat al", "File exists"),
    errno.ENAMETOOLONG: ("naam te lang", "File name too long"),
    errno.EPIPE: ("de lezer is gestopt (pipe gesloten)", "Broken pipe"),
    errno.EIO: ("invoer-/uitvoerfout", "Input/output error"),
    errno.EBADF: ("ongeldige bestandsdescriptor (gesloten?)", "Bad file descriptor"),
    errno.EFBIG: ("bestand te groot", "File too large"),
    errno.ELOOP: ("symbolische koppelingen in een kring", "Too many levels of symbolic links"),
    errno.EMFILE: ("te veel open bestanden", "Too many open files"),
    errno.EBUSY: ("bezet", "Device or resource busy"),
    errno.ETXTBSY: ("bestand in gebruik", "Text file busy"),
    errno.EXDEV: ("over de grens van een bestandssysteem", "Invalid cross-device link"),
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = ("schijfquotum overschreden", "Disk quota exceeded")


def reason(exc: OSError) -> Text:
    """An OS error's reason in both languages (the OS gives only English); one place for all."""
    own = _REASONS.get(exc.errno or 0)
    if own is not None:
        return Text(*own)
    words = exc.strerror or str(exc)
    return Text(words, words)


def os_problem(name: str, exc: OSError, folder: bool = False) -> Problem:
    """An OS error, in words."""
    if exc.errno == errno.ELOOP:
        return problem(name, "symbolische koppelingen in een kring (symlink-lus): niet gelezen", "symbolic links in a loop (symlink loop): not read")
    if isinstance(exc, FileNotFoundError):
        return problem(name, "bestand niet gevonden", "file not found")
    what = Text("map", "folder") if folder else Text("bestand", "file")
    at = 0 if folder else 1  # a folder has no line
    if isinstance(exc, PermissionError):
        return problem(name, f"geen toegang: kan {what.nl} niet lezen", f"permission denied: cannot read {what.en}", line=at, column=at)
    why = reason(exc)
    return problem(name, f"kan {what.nl} niet lezen: {why.nl}", f"cannot read {what.en}: {why.en}", line=at, column=at)


def _mb(value: float, lang: str, digits: int = 6) -> str:
    """``28,7 MB`` (Dutch) / ``28.7 MB``: never an exponent (``1e-06``), no trailing zeros."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") or "0"
    return f"{text.replace('.', ',') if lang == 'nl' else text} MB"


def too_big(name: str, size: int, limits: Limits) -> Problem:
    def shown(lang: str) -> str:
        if size <= limits.max_bytes + 1:  # unknown, or read only up to the limit (stdin): all we know
            return f"meer dan {_mb(limits.bestand_mb, lang)}" if lang == "nl" else f"more than {_mb(limits.bestand_mb, lang)}"
        return _mb(size / MB, lang, 1) if size >= MB // 10 else f"{size} bytes"

    return problem(
        name,
        f"het bestand is te groot ({shown('nl')}); de grens is {_mb(limits.bestand_mb, 'nl')} (instelbaar met [limieten] bestand_mb)",
        f"the file is too big ({shown('en')}); the limit is {_mb(limits.bestand_mb, 'en')} (settable with [limieten] bestand_mb)",
        "te-groot",
    )


def is_stream(path: Union[str, Path]) -> bool:
    """A stream the user named explicitly: ``<(...)`` (``/dev/fd/N``) or ``/dev/stdin``."""
    return _STREAM.fullmatch(str(path)) is not None


def read_bytes(path: Union[str, Path], name: str, limits: Limits = Limits()) -> Union[bytes, Problem]:
    """The bytes of a regular file (or of a named stream), at most ``limits.max_bytes``."""
    stream = is_stream(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            return problem(name, "dit is een map, geen bestand", "this is a folder, not a file")
        if not stat.S_ISREG(info.st_mode) and not stream:
            return not_regular(name, info.st_mode)
        if stat.S_ISREG(info.st_mode) and info.st_size > limits.max_bytes:
            return too_big(name, info.st_size, limits)
        # O_NONBLOCK: if the file was swapped for a FIFO since stat(), open() still returns.
        flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | (0 if stream else getattr(os, "O_NONBLOCK", 0))
        fd = os.open(path, flags)
    except OSError as exc:
        return os_problem(name, exc)
    with open(fd, "rb", buffering=0, closefd=True) as handle:
        try:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode) and not stream:
                return not_regular(name, mode)
            data = _read_at_most(handle, limits.max_bytes + 1)
        except OSError as exc:
            return os_problem(name, exc)
    if len(data) > limits.max_bytes:
        return too_big(name, 0, limits)
    return data


def read_stdin(limits: Limits) -> bytes:
    """stdin, up to one byte past ``limits`` (the reader then says "too big"), in pieces of 1 MiB:
    ``read(n)`` sets aside all n bytes first, which for a limit of 1 TB fails at once."""
    import sys

    return _read_at_most(sys.stdin.buffer, limits.max_bytes + 1)


def _read_at_most(handle: object, size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = handle.read(min(left, 1 << 20))  # type: ignore[attr-defined]
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def not_regular(name: str, mode: int) -> Problem:
    kind = _kind_of(mode)
    return problem(
        name,
        f"dit is {kind.nl}, geen gewoon bestand: niet gelezen (geef een bestand, of - voor stdin)",
        f"this is {kind.en}, not a regular file: not read (give a file, or - for stdin)",
    )


def decode(data: bytes) -> tuple[Optional[str], str]:
    """The text and the encoding it was in: UTF-8 (with or without BOM), or UTF-16 with a BOM.
    ``None`` when it is neither (the caller reports where)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):  # its BOM starts as UTF-16's does
        return None, "UTF-32"
    elif data[:2] in BOMS:
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            return None, "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return None, "UTF-8"


def utf16_note(name: str) -> Problem:
    return problem(
        name,
        "opgeslagen als UTF-16; gelezen, maar sla het liever op als UTF-8",
        "saved as UTF-16; read, but better save it as UTF-8",
        DECODED,
        0,
        0,
    )


def real_path(path: Union[str, Path]) -> Path:
    """The path with every symlink resolved; never raises (a symlink loop stays as it is)."""
    return Path(os.path.realpath(path))


def toml_lines(text: str) -> list[str]:
    """The lines of a TOML text as TOML and editors count them: ended by LF or CRLF only.
    ``str.splitlines()`` also ends a line at U+2028, NEL or a form feed, which may stand in a
    string or comment: every line number after it was one too high."""
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def reread_text(path: Union[str, Path], limits: Limits = Limits()) -> Optional[str]:
    """A checked file's text read again for a report (its lines, its spans): only a regular
    file within the size limit, never a stream, FIFO or device (those could block or never
    end); ``None`` when it cannot be read so."""
    if not path or is_stream(path):
        return None
    data = read_bytes(path, str(path), limits)
    if isinstance(data, Problem):
        return None
    text, _ = decode(data)
    return text if text is not None else data.decode("utf-8", "replace")
