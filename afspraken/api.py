"""The public API: check agreements and render reports. The command line is a thin shell over it.

::

    import afspraken

    report = afspraken.check(afspraken.Document(text, "upload.toml"), config=False)
    html = afspraken.render(report, "html", lang="en")

:func:`iter_check` gives the same results one file at a time, as they are checked,
so that a report of any size can be written without keeping it in memory.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Optional, Union

from afspraken.results import FileResult, Problem, Report

if TYPE_CHECKING:
    from afspraken.checking.run import Checker, ConfigChoice
    from afspraken.plugins.registry import Registry
    from afspraken.reporting import Context

# Files; measured on 2 cores: a worker costs ~0.15 s CPU to start and ~0.1 ms a file to send
# results back, against ~1.3 ms to check a file: two workers win from about 500 files.
PARALLEL_FROM = 500


def _idle_cores() -> int:
    """Cores not busy with other work (1-minute load average): a worker on a busy core only adds CPU."""
    cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (OSError, AttributeError):  # not on every system
        return cores
    return max(1, min(cores, int(cores - busy + 0.5)))


class Document(NamedTuple):
    """An agreement given as text (an upload, an editor's unsaved buffer).

    ``name`` is how findings refer to it; when it is a path, that folder's config
    applies (unless config discovery is off).
    """

    text: Union[str, bytes]
    name: str = "<tekst>"


Input = Union[str, "os.PathLike[str]", Document]


class _Stream(NamedTuple):
    """A pipe named on the command line (``<(...)``): read once, here, not by a worker."""

    path: str


def _once(inputs: list[Union[str, Document]]) -> tuple[list[Union[str, Document]], list[str]]:
    """Each path once: ``a.toml ./a.toml $PWD/a.toml``, or a link to it, is one file (its findings
    counted once), ``- -`` one stdin (it can be read only once). Documents are kept as given.
    Also the real paths of the paths kept."""
    seen: set[str] = set()
    kept: list[Union[str, Document]] = []
    reals: list[str] = []
    for item in inputs:
        if isinstance(item, str):
            same = item if item == "-" else os.path.realpath(item)  # "-": stdin (reading.source.STDIN); a link: what it names
            if same in seen:
                continue
            seen.add(same)
            if item != "-":
                reals.append(same)
        kept.append(item)
    return kept, reals


class Stream:
    """The results of one run, one :class:`~afspraken.results.FileResult` at a time.

    Files and folders are found when the stream is made; each file is checked when the
    iteration reaches it. :attr:`head` is what is not tied to a file (rule sets used,
    plugin failures, settings problems): complete before the first result, because
    every folder's settings are resolved up front.

    Each file is classified (an agreement? another tool's TOML?) once, when the stream is
    made; the iteration lists the folders again, in the same order, and looks up only the
    few files that were not simply "check it". A file added to a folder in between is checked.
    """

    def __init__(self, checker: Checker, inputs: Sequence[Input], jobs: Optional[int] = 1, lang: str = "nl") -> None:
        from afspraken.reading.files import SKIPPED

        self.checker, self.lang = checker, lang
        self.skipped: list[Problem] = []  # notes: files passed over with the reason, files read as UTF-16
        self._known: dict[str, Problem] = {}  # what the first walk found for a path that is not simply "check it"
        self._inputs, reals = _once([item if isinstance(item, Document) else os.fspath(item) for item in inputs])
        # Files named on their own, and folders named inside another named folder (few): the outer
        # folder's walk leaves them to be checked where they are named, once.
        named_folders = [r for r in reals if os.path.isdir(r)]
        self._named = set(reals) - set(named_folders)
        self._inner = {f: tuple(g + os.sep for g in named_folders if g.startswith(f + os.sep)) for f in named_folders}
        # A first pass over the folders finds the notes, the folders' settings and the count;
        # the files are listed again (not classified again) as the iteration reaches them, so no
        # list of them is kept.
        folders: dict[str, None] = {}
        self.files = 0
        for item in self._items(first=True):
            if isinstance(item, Problem) and item.code == SKIPPED:
                continue
            self.files += 1
            if isinstance(item, str):
                folders[os.path.dirname(item) or "."] = None
        if jobs is None:
            jobs = _idle_cores() if self.files >= PARALLEL_FROM else 1  # workers pay off only for many files, on free cores
        self.jobs = jobs or os.cpu_count() or 1
        checker.prepare([*(os.path.join(f, "x") for f in folders), *(_folder_of(d) for d in self._inputs if isinstance(d, Document))])

    def _items(self, first: bool = False) -> Iterator[Union[str, Document, Problem, _Stream]]:
        """What to check, in order. The ``first`` walk classifies every file, collects the notes and
        keeps what it found for the files not simply to be checked; later walks look those up."""
        from afspraken.reading.discovery import discover
        from afspraken.reading.files import DECODED, SKIPPED, is_stream

        known = None if first else self._known
        several = len(self._inputs) > 1  # one input: nothing named twice
        named = self._named if several else set()
        for item in self._inputs:
            if isinstance(item, Document):
                yield item
                continue
            inner = self._inner.get(os.path.realpath(item)) if several else None
            for path, problem in discover([item], known):
                if (named or inner) and path != item:
                    real = os.path.realpath(path)
                    if real in named or (inner and real.startswith(inner)):
                        continue  # also named on its own, or in a folder named on its own: checked there, once
                if first and problem is not None:
                    self._known[path] = problem
                    if problem.code in (SKIPPED, DECODED):
                        self.skipped.append(problem)
                if problem is not None and problem.code == DECODED:
                    yield path
                elif path == item and is_stream(path):  # <(...): read in this process, once, when its turn comes
                    yield _Stream(path)
                elif problem is None or problem.code != SKIPPED:
                    yield problem if problem is not None else path
                elif first:
                    yield problem  # skipped: counted out by the caller

    @property
    def paths(self) -> Iterator[str]:
        """The files on disk that will be checked (found again: no list is kept)."""
        return (i for i in self._items() if isinstance(i, str))

    @property
    def head(self) -> Report:
        """The report without its files."""
        return self.checker.report()._replace(lang=self.lang, notes=tuple(self.skipped))

    def __iter__(self) -> Iterator[FileResult]:
        if self.jobs > 1:  # worker processes take the files in chunks: here the list is made
            items: Iterable[Union[str, Document, Problem, _Stream]] = list(self._items())
            chunks = self.checker.iter_checks([i for i in items if isinstance(i, str)], self.jobs)
        else:
            items, chunks = self._items(), None
        results = (r for chunk in chunks or () for r in chunk)
        try:
            for item in items:
                if isinstance(item, Problem):
                    yield FileResult(item.location.file, problems=(item,))
                elif isinstance(item, Document):
                    data = item.text.encode("utf-8") if isinstance(item.text, str) else item.text
                    yield self.checker.check_path(item.name, data, item.name)
                elif isinstance(item, _Stream):
                    yield self.checker.check_path(item.path)
                elif chunks is not None:
                    yield next(results)
                else:
                    yield self.checker.check_path(item)
        finally:  # stopped early (Ctrl-C in the caller, a format that failed): end the workers now
            if chunks is not None:
                chunks.close()

    def report(self) -> Report:
        """Check everything and keep it: the whole report."""
        files = tuple(self)
        return self.head._replace(files=files)


def _folder_of(document: Document) -> str:
    return document.name if not document.name.startswith("<") else "-"


def iter_check(
    inputs: Union[Input, Iterable[Input]],
    *,
    regelsets: Sequence[str] = (),
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    plugins: Sequence[str] = (),
    config: ConfigChoice = None,
    lang: str = "nl",
    jobs: Optional[int] = 1,
    today: Optional[dt.date] = None,
    entry_points: bool = True,
    checker: Optional[Checker] = None,
) -> Stream:
    """Check agreements, yielding each file's result as it is ready. Arguments as for :func:`check`."""
    from afspraken.checking.run import Checker

    if isinstance(inputs, (str, os.PathLike, Document)):
        items: list[Input] = [inputs]
    else:
        items = list(inputs)
    if checker is None:
        checker = Checker(
            regelsets=regelsets, select=select, ignore=ignore, plugins=plugins, config=config, entry_points=entry_points, today=today
        )
    elif (regelsets, select, ignore, plugins, config, today, entry_points) != ((), (), (), (), None, None, True):
        raise TypeError("give the checker's settings to Checker(...), not next to checker=")
    return Stream(checker, items, jobs, lang)


def check(
    inputs: Union[Input, Iterable[Input]],
    *,
    regelsets: Sequence[str] = (),
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    plugins: Sequence[str] = (),
    config: ConfigChoice = None,
    lang: str = "nl",
    jobs: Optional[int] = 1,
    today: Optional[dt.date] = None,
    entry_points: bool = True,
    checker: Optional[Checker] = None,
) -> Report:
    """Check agreements and return the whole :class:`~afspraken.results.Report`.

    :param inputs: a path (file or folder, searched for ``*.toml``), a :class:`Document`
        (text with a name), or a list of them.
    :param regelsets: rule-set names or files; default: the config's, else ``wijkaanpak``.
    :param select: check only these rules. :param ignore: skip these rules.
    :param plugins: more plugins to load (module names or ``.py`` files).
    :param config: a config file; ``None`` finds the nearest one per folder; ``False``
        uses none (the defaults), for a service that checks uploads.
    :param lang: the language :func:`render` uses for this report unless told otherwise.
    :param jobs: worker processes (``None``: decide by the number of files; 1: none).
    :param today: the date waivers' ``tot`` is compared with (default: today).
    :param entry_points: load installed plugins.
    :param checker: an :class:`afspraken.Checker` to reuse (its plugins stay loaded, its settings
        cached per folder: ~2 ms a check instead of ~20 ms); the arguments above that make a
        Checker are then not given. Make a new one when a config file changes.
    """
    return iter_check(
        inputs, regelsets=regelsets, select=select, ignore=ignore, plugins=plugins, config=config,
        lang=lang, jobs=jobs, today=today, entry_points=entry_points, checker=checker,
    ).report()


def check_text(text: str, *, name: str = "<tekst>", **options: Any) -> FileResult:
    """Check one agreement given as text; options as for :func:`check` (``lang`` aside)."""
    [result] = check(Document(text, name), **options).files
    return result


def render(
    report: Report,
    format: str = "text",
    lang: Optional[str] = None,
    *,
    color: bool = False,
    show_passed: bool = False,
    fail_on: Optional[str] = "fout",
    quiet: bool = False,
    plugins: Sequence[str] = (),
) -> str:
    """A report as text in an output format (``text``, ``json``, ``sarif``, ``html``, ``markdown``,
    ``junit``, ``github`` or a plugin's). ``lang`` defaults to the report's.

    Raises :class:`LookupError` for an unknown format; a format that fails raises its error.
    """
    registry = _registry(tuple(plugins))
    fmt = registry.formats.get(format)
    if fmt is None:
        raise LookupError(f"unknown format {format!r}; known: {', '.join(registry.formats)}")
    ctx = context(report, registry, lang or report.lang, color=color, show_passed=show_passed, fail_on=fail_on, quiet=quiet)
    return fmt.render(report, ctx)


@lru_cache(maxsize=8)
def _registry(plugins: tuple[str, ...]) -> Registry:
    """The plugins a render needs (its formats and rules), loaded once per process."""
    from afspraken.plugins.manager import get_plugin_manager
    from afspraken.plugins.registry import Registry

    return Registry(get_plugin_manager(plugins))


def context(report: Report, registry: Registry, lang: str, *, color: bool = False, show_passed: bool = False,
            fail_on: Optional[str] = "fout", quiet: bool = False) -> Context:
    """The :class:`~afspraken.reporting.Context` a format renders with: the rules are those that ran."""
    from afspraken import __version__
    from afspraken.reporting import Context
    from afspraken.results import fail_on_severity

    known = registry.rules
    used = {o.rule for r in report.files for o in r.outcomes} | {f.rule for f in report.findings}
    rules = {r: known[r] for r in sorted(used) if r in known}
    severity = fail_on_severity(fail_on)
    return Context(lang, color, rules, show_passed, severity, quiet, __version__)
