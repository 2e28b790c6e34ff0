"""The built-in output formats, registered through the same hook as a plugin's."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from afspraken import hookimpl
from afspraken.reporting import Context, OutputFormat, Writer, streamed
from afspraken.rules import Text

if TYPE_CHECKING:
    from afspraken.results import Report


def _lazy(module: str) -> Callable[[Report, Context], str]:
    """A render function that imports its module only when the format is used."""

    def render(report: Report, ctx: Context) -> str:
        import importlib

        return importlib.import_module(f"afspraken.reporting.{module}").render(report, ctx)

    return render


def _writer(module: str) -> Callable[[Report, Context], Writer]:
    """A format's streaming writer, its module imported only when the format is used."""

    def stream(head: Report, ctx: Context) -> Writer:
        import importlib

        writer: Writer = importlib.import_module(f"afspraken.reporting.{module}").Writer(head, ctx)
        return writer

    return stream


def _streaming(name: str, description: Text, module: str, suffix: str, profile: bool = False) -> OutputFormat:
    stream = _writer(module)
    return OutputFormat(name, description, streamed(stream), suffix, stream=stream, profile=profile)


@hookimpl
def register_formats() -> list[OutputFormat]:
    return [
        _streaming("text", Text("leesbare tekst, per bestand gegroepeerd", "readable text, grouped per file"), "text", ".txt"),
        _streaming("json", Text("JSON (schema: docs/json.md)", "JSON (schema: docs/json.md)"), "jsonreport", ".json", profile=True),
        _streaming("sarif", Text("SARIF 2.1.0 voor code scanning", "SARIF 2.1.0 for code scanning"), "sarif", ".sarif"),
        OutputFormat(
            "html",
            Text("HTML-rapport voor een overleg (één bestand, afdrukbaar op A4)", "HTML report for a meeting (one self-contained file, prints on A4)"),
            _lazy("html"),
            ".html",
        ),
        OutputFormat(
            "markdown",
            Text("Markdown-rapport voor een document of merge request", "Markdown report for a document or merge request"),
            _lazy("markdown"),
            ".md",
        ),
        OutputFormat(
            "junit",
            Text("JUnit XML voor CI (per bestand een testsuite, per regel een testcase)", "JUnit XML for CI (a test suite per file, a test case per rule)"),
            _lazy("junit"),
            ".xml",
            profile=False,
        ),
        _streaming(
            "github",
            Text("GitHub Actions-annotaties, en de samenvatting van de job in $GITHUB_STEP_SUMMARY", "GitHub Actions annotations, and the job summary in $GITHUB_STEP_SUMMARY"),
            "github",
            ".txt",
        ),
        OutputFormat("gitlab", Text("GitLab Code Quality (JSON) voor merge requests", "GitLab Code Quality (JSON) for merge requests"), _lazy("gitlab"), ".json", profile=False),
    ]
