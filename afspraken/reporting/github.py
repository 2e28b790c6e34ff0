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
"""

from __future__ import annotations

from pathlib import Path

from afspraken.reporting import Context, streamed
from afspraken.reporting.escaping import escaped
from afspraken.results import FileResult, Finding, Location, Report
from afspraken.rules import Severity, Text

COMMANDS = {Severity.FOUT: "error", Severity.WAARSCHUWING: "warning", Severity.ADVIES: "notice", Severity.UIT: "notice"}


def escape_data(text: str) -> str:
    """A command's message (GitHub's ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (GitHub's ``escapeProperty``): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _path(file: str) -> str:
    """Repository-relative when possible: GitHub matches annotations to files by that path."""
    path = Path(file)
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def _is_file(file: str) -> bool:
    return bool(file) and file != "-" and not file.startswith(("<", "--"))


def command(kind: str, message: str, location: Location | None = None, title: str = "") -> str:
    props: list[tuple[str, str]] = []
    if location is not None and _is_file(location.file):
        props += [("file", _path(location.file)), ("line", str(location.line)), ("col", str(location.column))]
    if title:
        props.append(("title", title))
    head = ",".join(f"{name}={escape_property(value)}" for name, value in props)
    return f"::{kind}{' ' + head if head else ''}::{escape_data(message)}"


def _finding(f: Finding, lang: str) -> str:
    message = f.message(lang)
    if f.fix is not None:
        message += f"\n{Text('Oplossing', 'Fix')(lang)}: {f.fix(lang)}"
    return command(COMMANDS[f.severity], message, f.location, f.rule)


class Writer:
    """Annotations as results arrive (see :mod:`afspraken.reporting`)."""

    def __init__(self, head: Report, ctx: Context) -> None:
        self.head, self.lang = escaped(head), ctx.lang

    def start(self) -> str:
        lang = self.lang
        lines = [command("error", p.message(lang), p.location, Text("instellingen", "settings")(lang)) for p in self.head.problems]
        lines += [command("error", c.message(lang), Location(c.file, 1, 1) if c.file else None, "plugin") for c in self.head.crashes]
        return "".join(line + "\n" for line in lines)

    def file(self, result: FileResult) -> str:
        result = escaped(result)
        lang = self.lang
        lines = [command("error", p.message(lang), p.location, Text("invoer", "input")(lang)) for p in result.problems]
        lines += [command("error", c.message(lang), Location(c.file or result.path, 1, 1), "plugin") for c in result.crashes]
        lines += [_finding(f, lang) for f in result.findings if f.counts]
        return "".join(line + "\n" for line in lines)

    def end(self) -> str:
        return ""


def render(report: Report, ctx: Context) -> str:
    return streamed(Writer)(report, ctx)
