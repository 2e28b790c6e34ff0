"""GitHub Actions workflow commands: one annotation line per finding.

``::error file=PATH,line=L,col=C,title=RULE::MESSAGE`` (``warning`` for
waarschuwing, ``notice`` for advies). The message is the finding's message,
then the fix on a second line (an escaped line break: GitHub shows it in the
annotation).

Findings explained by a waiver are left out: the parties accepted them, and an
annotation on every pull request would only teach people to ignore
annotations. (They are in the text, JSON and SARIF output.) A file that could
not be evaluated gives an ``::error`` per problem; a plugin failure an
``::error`` too; with no findings the output is empty.

GitHub shows at most 10 annotations of each kind per step. Past that, the rest
are plain lines in the log (``FILE:LINE:COL: ...``), followed by one line that
says how many were not annotated and where the full report is. When
``$GITHUB_STEP_SUMMARY`` is set, the Markdown report is appended to it: the
job summary on the run's page. Only to a regular file (or a new one), never a
TOML file or a checked one, never a pipe or device: else one warning on stderr.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple, Optional, Sequence

from afspraken.reporting import Context, streamed
from afspraken.reading.files import reason
from afspraken.reporting.escaping import escape, escaped
from afspraken.reporting.spans import absolute, is_file, relative, repository_root
from afspraken.results import FileResult, Finding, Location, Report, count
from afspraken.rules import Severity, Text

COMMANDS = {Severity.FOUT: "error", Severity.WAARSCHUWING: "warning", Severity.ADVIES: "notice", Severity.UIT: "notice"}


def escape_data(text: str) -> str:
    """A command's message (GitHub's ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (GitHub's ``escapeProperty``): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class Annotation(NamedTuple):
    kind: str  # error, warning, notice
    message: str
    location: Optional[Location] = None
    title: str = ""


class _Relative:
    """A file relative to the root, worked out once per file (it may resolve symlinks): the
    annotations of one file follow each other. One entry, so memory stays flat."""

    def __init__(self) -> None:
        self.last: tuple[str, Path, str] = ("", Path(), "")

    def __call__(self, file: str, root: Path) -> str:
        if self.last[0] == file and self.last[1] == root and file:
            return self.last[2]
        shown = relative(file, root) or Path(file).as_posix()
        self.last = (file, root, shown)
        return shown


def _where(note: Annotation, root: Path, relative_to: Optional[_Relative] = None) -> list[tuple[str, str]]:
    """file, line, col: the file relative to the repository root, as GitHub resolves it (the
    same root as SARIF and GitLab use)."""
    loc = note.location
    if loc is None or not is_file(loc.file):
        return []
    file = (relative_to or _Relative())(loc.file, root)
    return [("file", file), ("line", str(loc.line)), ("col", str(loc.column))]


def command(note: Annotation, root: Path, relative_to: Optional[_Relative] = None) -> str:
    """``note`` as a workflow command."""
    props = _where(note, root, relative_to) + ([("title", note.title)] if note.title else [])
    head = ",".join(f"{name}={escape_property(value)}" for name, value in props)
    return f"::{note.kind}{' ' + head if head else ''}::{escape_data(note.message)}"


def plain(note: Annotation, root: Path, relative_to: Optional[_Relative] = None) -> str:
    """``note`` as a readable log line, for one that GitHub would not show."""
    where = ":".join(value for _, value in _where(note, root, relative_to))
    message = note.message.replace("\r", "").replace("\n", " / ")
    return f"{where + ': ' if where else ''}{note.kind} {note.title}: {message}"


def _finding(f: Finding, lang: str) -> Annotation:
    message = f.message(lang)
    if f.fix is not None:
        message += f"\n{Text('Oplossing', 'Fix')(lang)}: {f.fix(lang)}"
    return Annotation(COMMANDS[f.severity], message, f.location, f.rule)


LIMIT = 10  # annotations of one kind that GitHub shows per step
SUMMARY_LIMIT = 1024 * 1024  # bytes GitHub accepts in one step's summary


def _shown(path: Path) -> str:
    return escape(str(path))


def _not_regular(info: os.stat_result) -> Optional[Text]:
    if stat.S_ISDIR(info.st_mode):
        return Text("dit is een map, geen bestand", "this is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        return Text("dit is geen gewoon bestand (maar een pipe, apparaat of socket)", "this is not a regular file (but a pipe, device or socket)")
    return None


def _checked(info: os.stat_result, checked: Sequence[str]) -> Optional[Text]:
    """The same file (by inode: a link or another name is the same file) as a checked one."""
    for file in checked:
        try:
            other = os.stat(file)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
            return Text(f"dit is {_shown(Path(file))}, een van de getoetste bestanden", f"this is {_shown(Path(file))}, one of the files checked")
    return None


def _not_a_summary(path: Path, info: os.stat_result) -> Optional[Text]:
    """As ``--output`` refuses them (reporting/writing.py): a file with other names (one may be an
    agreement), or an agreement saved under another name. GitHub's summary file is neither."""
    from afspraken.reporting.writing import looks_like_agreement

    if info.st_nlink > 1:
        return Text(f"dit bestand heeft {info.st_nlink} namen (harde koppelingen)", f"this file has {info.st_nlink} names (hard links)")
    if info.st_size and looks_like_agreement(Path(os.path.realpath(path))):
        return Text("dit bestand bevat een afspraak", "this file holds an agreement")
    return None


def _not_opened(path: Path, exc: OSError) -> Text:
    if exc.errno == errno.ENOENT:
        folder = _shown(Path(os.path.realpath(path)).parent)
        return Text(f"de map {folder} bestaat niet", f"the folder {folder} does not exist")
    if exc.errno == errno.EISDIR:
        return Text("dit is een map, geen bestand", "this is a folder, not a file")
    if exc.errno == errno.ENXIO:  # O_NONBLOCK: a pipe that nobody reads
        return Text("dit is een pipe waar niemand uit leest", "this is a pipe that nobody reads")
    return reason(exc)


def _summary_warning(path: Path, why: Text, lang: str) -> None:
    """One line on stderr: the check's outcome (and exit code) stays as it is."""
    import click

    text = Text(
        f"waarschuwing: de samenvatting voor GitHub (GITHUB_STEP_SUMMARY={_shown(path)}) is niet geschreven: {why.nl}",
        f"warning: the job summary for GitHub (GITHUB_STEP_SUMMARY={_shown(path)}) was not written: {why.en}",
    )
    try:
        click.echo(text(lang), err=True)
    except (OSError, ValueError):
        pass


def write_summary(path: Path, report: Report, ctx: Context, checked: Sequence[str] = ()) -> bool:
    """Append the Markdown report (GitHub appends every step's summary; so do we) to a regular
    file, or a new one: never a TOML file or one of the files checked, never a pipe, device or
    folder. Else one warning on stderr; True when it was written."""
    from afspraken.reporting import markdown

    why: Optional[Text] = None
    if path.suffix.lower() == ".toml" or os.path.realpath(path).lower().endswith(".toml"):
        why = Text("dit is een TOML-bestand (een afspraak?)", "this is a TOML file (an agreement?)")
    else:
        text = markdown.render(report, ctx)
        data = text.encode("utf-8", "backslashreplace")
        if len(data) > SUMMARY_LIMIT - 200:
            cut = data[: SUMMARY_LIMIT - 200].decode("utf-8", errors="ignore")
            data = (cut + "\n\n" + Text("*(afgekapt: de samenvatting mag 1 MiB zijn)*", "*(cut: a job summary may be 1 MiB)*")(ctx.lang) + "\n").encode("utf-8")
        # O_NONBLOCK: a pipe without a reader fails (ENXIO) instead of hanging; what was opened is
        # then checked (fstat), so nothing is written to a pipe, device or checked file. O_BINARY
        # (Windows): the lines end in \n, as GitHub writes them.
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(path, flags, 0o666)
        except OSError as exc:
            why = _not_opened(path, exc)
        else:
            try:
                with os.fdopen(fd, "wb") as handle:
                    info = os.fstat(handle.fileno())
                    why = _not_regular(info) or _checked(info, checked) or _not_a_summary(path, info)
                    if why is None:
                        handle.write(data + b"\n")
            except OSError as exc:
                why = reason(exc)
    if why is not None:
        _summary_warning(path, why, ctx.lang)
        return False
    return True


def _run_url() -> str:
    env = os.environ
    if env.get("GITHUB_SERVER_URL") and env.get("GITHUB_REPOSITORY") and env.get("GITHUB_RUN_ID"):
        return f"{env['GITHUB_SERVER_URL']}/{env['GITHUB_REPOSITORY']}/actions/runs/{env['GITHUB_RUN_ID']}"
    return ""


class Writer:
    """Annotations as results arrive (see :mod:`afspraken.reporting`): at most :data:`LIMIT` per
    kind, the rest as log lines and a closing line that says where the full report is."""

    def __init__(self, head: Report, ctx: Context) -> None:
        self.head, self.ctx, self.lang = escaped(head), ctx, ctx.lang
        self.shown: dict[str, int] = {}
        self.rest = 0
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        self.summary = Path(summary) if summary else None
        self.kept: list[FileResult] = []  # only for the job summary
        self.checked: list[str] = []  # their paths as given (kept's are escaped): the summary is none of them
        # Paths relative to the repository root, as SARIF and GitLab (see spans.source_root):
        # that of the working folder, else that of the first checked file, else the working folder.
        self._root: Optional[Path] = repository_root(Path.cwd())
        self._relative = _Relative()

    @property
    def root(self) -> Path:
        return self._root or Path.cwd()

    def _lines(self, notes: list[Annotation]) -> str:
        out = []
        for note in notes:
            self.shown[note.kind] = self.shown.get(note.kind, 0) + 1
            if self.shown[note.kind] <= LIMIT:
                out.append(command(note, self.root, self._relative))
            else:
                self.rest += 1
                out.append(plain(note, self.root, self._relative))
        return "".join(line + "\n" for line in out)

    def start(self) -> str:
        lang = self.lang
        lines = [Annotation("error", p.message(lang), p.location, Text("instellingen", "settings")(lang)) for p in self.head.problems]
        lines += [Annotation("error", c.message(lang), Location(c.file, 1, 1) if c.file else None, "plugin") for c in self.head.crashes]
        return self._lines(lines)

    def file(self, result: FileResult) -> str:
        if self.summary is not None and is_file(result.path):
            self.checked.append(result.path)
        result = escaped(result)
        lang = self.lang
        if self.summary is not None:
            self.kept.append(result)
        if self._root is None and is_file(result.path):  # decided by the first file, as in SARIF
            self._root = repository_root(absolute(result.path).parent) or Path.cwd()
        lines = [Annotation("error", p.message(lang), p.location, Text("invoer", "input")(lang)) for p in result.problems]
        lines += [Annotation("error", c.message(lang), Location(c.file or result.path, 1, 1), "plugin") for c in result.crashes]
        lines += [_finding(f, lang) for f in result.findings if f.counts]
        return self._lines(lines)

    def end(self) -> str:
        written = self.summary is not None and write_summary(self.summary, self.head._replace(files=tuple(self.kept)), self.ctx, self.checked)
        if not self.rest:
            return ""
        where = Text("de samenvatting van deze job (Summary)", "this job's summary (Summary)") if written else Text(
            "'afspraken check' zonder --format github, of --format html:rapport.html als artefact",
            "'afspraken check' without --format github, or --format html:report.html as an artifact",
        )
        run = _run_url()
        one = self.rest == 1
        return Text(
            f"afspraken: nog {count(self.rest, 'nl')} {'melding staat' if one else 'meldingen staan'} niet als annotatie "
            f"(GitHub toont er {LIMIT} per soort); het volledige rapport: {where.nl}",
            f"afspraken: {count(self.rest, 'en')} more {'finding is' if one else 'findings are'} not annotated "
            f"(GitHub shows {LIMIT} per kind); the full report: {where.en}",
        )(self.lang) + (f" ({run})" if run else "") + "\n"


def render(report: Report, ctx: Context) -> str:
    return streamed(Writer)(report, ctx)
