"""Writing one run's reports to the screen and to files, as the results arrive.

Formats that stream (text, JSON, SARIF, github) write each file's part as soon as it is
checked; the others (HTML, Markdown, JUnit, a plugin's without ``stream``) get the whole
report at the end. A file report replaces its file only when it is complete.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import click

from afspraken.reporting import Context, OutputFormat, Writer
from afspraken.reporting.writing import OutputError, ReportFile
from afspraken.results import Failure, FileResult, Report, crash_text, error_text, hint
from afspraken.rules import Text

if TYPE_CHECKING:
    from afspraken.rules import Severity


class FormatFailed(Exception):
    """A format raised; ``failure`` names the plugin that provides it."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.error)
        self.failure = failure


class Target:
    """One ``--format NAME[:FILE]``: where it goes, and its writer while the run lasts."""

    def __init__(self, fmt: OutputFormat, dest: Optional[Path], ctx: Context) -> None:
        self.fmt, self.dest, self.ctx = fmt, dest, ctx
        self.writer: Optional[Writer] = None
        self.file: Optional[ReportFile] = None

    def _guard(self, exc: Exception) -> FormatFailed:
        if self.file is not None:
            self.file.discard()
        return FormatFailed(Failure(self.fmt.plugin, "format", self.fmt.name, error_text(exc)))

    def _put(self, text: str) -> None:
        if not text:
            return
        if self.dest is None:
            click.echo(text, nl=False, color=self.ctx.color)
            return
        if self.file is None:
            self.file = ReportFile(self.dest)
        self.file.write(text)

    def start(self, head: Report) -> None:
        if self.fmt.stream is None:
            return
        try:
            self.writer = self.fmt.stream(head, self.ctx)
            text = self.writer.start()
        except Exception as exc:  # noqa: BLE001 - a plugin's format that fails is named, not a traceback
            raise self._guard(exc) from None
        self._put(text)

    def add(self, result: FileResult) -> None:
        if self.writer is None:
            return
        try:
            text = self.writer.file(result)
        except Exception as exc:  # noqa: BLE001
            raise self._guard(exc) from None
        self._put(text)

    def end(self, report: Report) -> None:
        """``report``: the whole report, for a format that does not stream (else only the run-level part)."""
        try:
            text = self.writer.end() if self.writer is not None else self.fmt.render(report, self.ctx)
        except Exception as exc:  # noqa: BLE001
            raise self._guard(exc) from None
        if self.dest is not None and self.file is None:
            self.file = ReportFile(self.dest)  # an empty report is still written
        self._put(text)
        if self.file is not None:
            self.file.commit()


def write(
    results: Iterable[FileResult], head: Report, targets: Sequence[Target], *, problems_to_stderr: bool, fail_on: Optional[Severity], announce: bool = False,
) -> int:
    """Feed every result to every target; the exit code (2 when a format or a file failed).
    ``announce``: every report goes to a file, so tell the summary and where they are on stderr."""
    from afspraken.reporting.text import file_problems
    from afspraken.results import Tally

    lang = targets[0].ctx.lang if targets else head.lang
    tally = Tally()
    keep = any(t.fmt.stream is None for t in targets)
    kept: list[FileResult] = []
    plain = Context(lang)  # for the problems on stderr: made once, not per file (it reads the clock)
    if problems_to_stderr:
        from afspraken.reporting.escaping import escaped

        shown = escaped(head)
        lines = [crash_text(c, lang) for c in head.crashes] + [f"{p.location}: {p.message(lang)}" for p in shown.problems]
        click.echo("".join(line + "\n" for line in lines), err=True, nl=False)
    try:
        for target in targets:
            target.start(head)
        for result in results:
            tally.add(result)
            for target in targets:
                target.add(result)
            if keep:
                kept.append(result)
            if problems_to_stderr:
                for line in file_problems(result, plain):
                    click.echo(line, err=True)
        # The head was made before any file: the rule sets a file's soort chose are known only now.
        judged = tuple(dict.fromkeys(name for r in kept for name in r.rulesets))
        report = head._replace(files=tuple(kept), rulesets=judged or head.rulesets)
        for target in targets:
            target.end(report)
    except FormatFailed as exc:
        for target in targets:
            if target.file is not None:
                target.file.discard()
        click.echo(exc.failure.message(lang), err=True)
        return 2
    except OutputError as exc:
        for target in targets:
            if target.file is not None:
                target.file.discard()
        click.echo(exc.message(lang), err=True)
        return 2
    except BaseException:  # Ctrl-C: no half report, no temporary file left behind
        for target in targets:
            if target.file is not None:
                target.file.discard()
        raise
    finally:  # stopped early: end the producer (and its worker processes) now, not at exit
        close = getattr(results, "close", None)
        if close is not None:
            close()
    if problems_to_stderr and (head.crashes or tally.crashes):
        click.echo(hint(lang), err=True)
    if announce:
        from afspraken.reporting.text import summary

        click.echo(summary(head, Context(lang), tally), err=True)
        for target in targets:
            click.echo(Text(f"rapport geschreven: {target.dest}", f"report written: {target.dest}")(lang), err=True)
    return tally.exit_code(head, fail_on)
