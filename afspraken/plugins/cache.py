"""The installed plugins (entry points of group ``afspraken``), remembered between runs.

Scanning entry points imports ``importlib.metadata`` and reads every installed
distribution's metadata: ~50 ms of a ~150 ms start. The result only changes when
distributions are installed, upgraded or removed, so it is kept in a small cache
file keyed on the ``*.dist-info`` / ``*.egg-info`` folders on ``sys.path`` (their
names and modification times). Any doubt (no cache, another key, a file that does
not read) means a fresh scan; a cache that cannot be written is no error.

The cache (one file per Python environment) lives in ``$AFSPRAKEN_CACHE``, else ``$XDG_CACHE_HOME/afspraken``, else
``~/.cache/afspraken``; ``AFSPRAKEN_CACHE=uit`` switches it off. A file not rewritten for a
month is removed when another environment writes its own.
"""

from __future__ import annotations

import json
import os
import sys
from typing import NamedTuple, Optional

VERSION = 1
GROUP = "afspraken"


class Entry(NamedTuple):
    name: str
    value: str  # "module" or "module:attribute"
    dist: str  # the distribution's name, "" if unknown
    version: str


def _folder() -> Optional[str]:
    chosen = os.environ.get("AFSPRAKEN_CACHE")
    if chosen is not None:
        return None if chosen.lower() in ("uit", "off", "0", "") else chosen
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "afspraken")


def _environment() -> str:
    """One cache file per Python environment: two virtual environments (a project's and
    pipx's, say) would otherwise overwrite each other's cache on every run."""
    import zlib

    return f"{zlib.crc32(f'{sys.prefix}|{sys.executable}|{sys.version}'.encode('utf-8', 'surrogateescape')):08x}"


def key() -> list[list[object]]:
    """What the installed distributions look like: every metadata folder on sys.path, with its time."""
    out: list[list[object]] = [[sys.version, sys.prefix]]
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as found:
                for item in found:
                    if item.name.endswith((".dist-info", ".egg-info")):
                        out.append([entry, item.name, item.stat().st_mtime_ns])
        except OSError:  # not a folder (a zip), or gone
            continue
    return out


def scan() -> list[Entry]:
    """The entry points, as importlib.metadata finds them (the slow way)."""
    from importlib.metadata import entry_points

    found = []
    for ep in entry_points(group=GROUP):
        dist = getattr(ep, "dist", None)
        name = dist.metadata["Name"] if dist is not None else ""
        found.append(Entry(ep.name, ep.value, name or "", dist.version if dist is not None else "?"))
    return found


def entries() -> list[Entry]:
    """The entry points: from the cache when the installed distributions are unchanged."""
    folder = _folder()
    if folder is None:
        return scan()
    path = os.path.join(folder, f"entry-points-{VERSION}-{_environment()}.json")
    now = key()
    try:
        with open(path, encoding="utf-8") as handle:
            cached = json.load(handle)
        if cached.get("key") == now:
            return [Entry(*e) for e in cached["entries"]]
    except (OSError, ValueError, TypeError, KeyError):
        pass
    found = scan()
    try:
        os.makedirs(folder, exist_ok=True)
        temporary = f"{path}.{os.getpid()}"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump({"key": now, "entries": [list(e) for e in found]}, handle)
        os.replace(temporary, path)  # whole or not at all, also with two runs at once
        _prune(folder, keep=path)
    except OSError:
        pass
    return found


STALE = 30 * 24 * 3600  # seconds: the cache of an environment not scanned for this long goes


def _prune(folder: str, keep: str) -> None:
    """Remove the caches of environments not scanned for a month (throw-away virtual
    environments, in CI say, would otherwise each leave a file behind). A live one that
    loses its file just scans once more."""
    import time

    old = time.time() - STALE
    with os.scandir(folder) as found:
        for item in found:
            if item.name.startswith("entry-points-") and item.path != keep:
                try:
                    if item.stat().st_mtime < old:
                        os.unlink(item.path)
                except OSError:
                    pass


def load(entry: Entry) -> object:
    """Import what an entry point names, as ``EntryPoint.load`` does."""
    import importlib

    module_name, _, attribute = entry.value.partition(":")
    target: object = importlib.import_module(module_name.strip())
    for part in filter(None, attribute.strip().split(".")):
        target = getattr(target, part)
    return target
