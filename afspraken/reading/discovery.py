"""Which files a run checks: every path as given, and in folders every ``*.toml`` that
is not clearly something else. Nothing is passed over without a word.

In a folder, a ``*.toml`` file is skipped, with a note giving the reason, only when it is
clearly not an agreement: a config file (``afspraken.toml``, ``pyproject.toml``), a rule
set (it starts with ``[regelset]``), or a file that is valid TOML whose top-level keys
are all another tool's. Everything else is checked, so a damaged agreement, a file that
is not UTF-8, or one that does not parse is reported, never skipped. A folder that
cannot be read, a symlink loop, a FIFO, socket or device named ``*.toml`` is reported
(and never opened).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Optional

from afspraken.reading.files import (
    BOMS,
    CONFIG_NAMES,
    SKIP_DIRS,
    SKIPPED,
    is_stream,
    not_regular,
    os_problem,
    problem,
    read_bytes,
    utf16_note,
)
from afspraken.results import Problem

STDIN = "-"
HEAD = 65536  # how much of a file decides what it is
# Top-level keys of the format: a file with one of them is an agreement. One of these words
# anywhere in the head also makes a file an agreement, however damaged.
AGREEMENT_KEYS = frozenset({"formaat", "afspraak", "partij", "orgaan", "overleg", "actie", "aanspreekpunt", "uitzondering", "extensies"})
_WORDS = tuple(sorted(key.encode() for key in AGREEMENT_KEYS))

Found = tuple[str, Optional[Problem]]


def discover(paths: Iterable[str], known: Optional[Mapping[str, Problem]] = None) -> Iterator[Found]:
    """``(path, None)`` to check; ``(path, note)`` with code ``overgeslagen`` to skip,
    ``codering`` to check with a note; any other problem: report, do not check.

    ``known``: for a walk over the same paths again, what the first one found for each file it
    did not simply pass (its ``(path, problem)`` pairs with a problem: few). Files are then not
    opened or classified again, only the folders listed; a file not in it is checked."""
    for raw in paths:
        if raw == STDIN or is_stream(raw):
            yield raw, None  # read once, in full, when checked
            continue
        try:
            info = os.stat(raw)
        except FileNotFoundError:
            yield raw, None  # the check says "not found", as for any file
            continue
        except OSError as exc:
            yield raw, os_problem(raw, exc)
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _folder(raw, known)
        else:
            yield raw, _named(raw, info.st_mode) if known is None else known[raw] if raw in known else _by_name(raw)


def _by_name(path: str) -> Optional[Problem]:
    """The note of a file the first walk did not see: only what its name says (no reading)."""
    return classify(path, None) if os.path.basename(path) in CONFIG_NAMES else None


def _named(path: str, mode: int) -> Optional[Problem]:
    """A file named on the command line gets the same test as one found in a folder: pre-commit
    names every TOML file, and another tool's TOML is noted and skipped, not an error."""
    if not stat.S_ISREG(mode):
        return not_regular(path, mode)
    known = os.path.basename(path) in CONFIG_NAMES  # known by its name: not opened
    return classify(path, None if known else _head(path), lambda: _whole(path))


def _folder(folder: str, known: Optional[Mapping[str, Problem]] = None) -> Iterator[Found]:
    """The ``*.toml`` files under ``folder`` (and the folders that cannot be read), in the order
    of their path strings, found one folder at a time: no list of every file is kept."""
    useful = False  # something to check or report (not only files skipped with a note)
    stack = [iter(_listing(folder))]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
            continue
        path, kind = item
        if kind == "dir":
            stack.append(iter(_listing(path)))
            continue
        note: Optional[Problem]
        if isinstance(kind, OSError):
            note = os_problem(path, kind, folder=True)
        elif known is not None:  # not there: nothing to say, or new since; a config file is known by its name
            note = known[path] if path in known else _by_name(path)
        else:
            note = (kind == "file" and _linked_within(path, folder)) or _in_folder(path, kind == "regular")
        useful = useful or note is None or note.code != SKIPPED
        yield path, note
    if not useful:
        yield folder, problem(folder, "geen afspraken (*.toml) gevonden in deze map", "no agreements (*.toml) found in this folder", line=0, column=0)


def _linked_within(path: str, folder: str) -> Optional[Problem]:
    """A note when ``path`` is a link to a file this walk checks under its own name (``huidig.toml
    -> v3.toml``): one agreement, checked and counted once."""
    if not os.path.islink(path):
        return None
    target, root = os.path.realpath(path), os.path.realpath(folder)
    inside = os.path.relpath(target, root).split(os.sep) if target.startswith(root + os.sep) else []
    reached = bool(inside) and inside[-1].lower().endswith(".toml") and all(
        not part.startswith(".") and part not in SKIP_DIRS for part in inside[:-1]
    )
    if not reached or not os.path.isfile(target):
        return None
    shown = os.path.join(folder, *inside)
    return _skip(path, f"een koppeling naar {shown}, dat zelf wordt getoetst", f"a link to {shown}, which is checked itself")


def _listing(folder: str) -> list[tuple[str, object]]:
    """One folder's ``*.toml`` files and subfolders to enter, sorted as their full paths sort
    (a folder as ``name/``); a folder that cannot be read is one entry with its error."""
    try:
        with os.scandir(folder) as entries:
            items: list[tuple[str, str, object]] = []
            for entry in entries:
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                if is_dir:  # like os.walk: a linked folder is listed, not entered
                    if not entry.name.startswith(".") and entry.name not in SKIP_DIRS and not entry.is_symlink():
                        items.append((entry.name + os.sep, entry.path, "dir"))
                elif entry.name.lower().endswith(".toml"):
                    try:  # a regular file, not a link, says the listing itself (d_type): no stat() needed
                        regular = entry.is_file(follow_symlinks=False)
                    except OSError:
                        regular = False
                    items.append((entry.name, entry.path, "regular" if regular else "file"))
    except OSError as exc:
        return [(folder, exc)]
    return [(path, kind) for _, path, kind in sorted(items)]


def _in_folder(path: str, regular: bool = False) -> Optional[Problem]:
    if os.path.basename(path) in CONFIG_NAMES:
        return classify(path, None)  # known by its name: not even stat'ed (it may be anything)
    if regular:  # the listing said so; _head checks again on what it opens
        return _named(path, stat.S_IFREG)
    try:
        info = os.stat(path)  # a link, or a file system that does not say the type
    except OSError as exc:
        return os_problem(path, exc)
    return _named(path, info.st_mode)


def classify(path: str, head: Optional[bytes], whole: Callable[[], Optional[bytes]] = lambda: None) -> Optional[Problem]:
    """What a TOML file is, the one test for a file on disk and an editor's unsaved buffer alike.

    ``head`` is its first ``HEAD`` bytes (``None``: it cannot be read, the check says why);
    ``whole`` gives all its bytes, read only when the head does not decide. ``None``: check it;
    a note with code ``overgeslagen``: skip it; ``codering``: check it, with that note."""
    name = os.path.basename(path)
    if name in CONFIG_NAMES:
        if name == "pyproject.toml":
            return _skip(path, "instellingen van een Python-project, geen afspraak", "a Python project's settings, not an agreement")
        return _skip(path, "de instellingen van afspraken, geen afspraak", "afspraken's settings, not an agreement")
    if head is None:
        return None
    if head[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return None  # UTF-32: the check says so
    if head[:2] in BOMS:
        text = head.decode("utf-16", "replace").encode("utf-8", "replace")
        return utf16_note(path) if not _is_ruleset(text) else _skip(path, "een regelset, geen afspraak", "a rule set, not an agreement")
    if _is_ruleset(head):
        return _skip(path, "een regelset, geen afspraak", "a rule set, not an agreement")
    if not head or head.isspace() or any(word in head for word in _WORDS):  # isspace: no copy, unlike strip()
        return None
    other = _other_tools_keys(whole())
    if other:
        keys = ", ".join(other[:5])
        return _skip(path, f"geen afspraak: alleen sleutels van een ander programma ({keys})", f"not an agreement: only another tool's keys ({keys})")
    return None


def is_agreement_text(name: str, data: bytes) -> bool:
    """The same test for a text that is not (yet) on disk, such as an editor's unsaved buffer."""
    note = classify(name, data[:HEAD], lambda: data)
    return note is None or note.code != SKIPPED


def _head(path: str) -> Optional[bytes]:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, HEAD)
    except OSError:
        return None
    finally:
        os.close(fd)


def _is_ruleset(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf").startswith(b"[regelset]") or b"\n[regelset]" in head


def _whole(path: str) -> Optional[bytes]:
    data = read_bytes(path, path)
    return None if isinstance(data, Problem) else data


def _other_tools_keys(data: Optional[bytes]) -> list[str]:
    """The top-level keys, when the text is valid TOML and none of them is the format's."""
    import tomli

    if data is None:
        return []
    try:
        parsed = tomli.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomli.TOMLDecodeError, RecursionError):
        return []  # not valid: checked, so that the user sees why
    return [] if not parsed or AGREEMENT_KEYS & set(parsed) else sorted(parsed)


def _skip(path: str, nl: str, en: str) -> Problem:
    return problem(path, f"{nl}: overgeslagen", f"{en}: skipped", SKIPPED, 0, 0)
