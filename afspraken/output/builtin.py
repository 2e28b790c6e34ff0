"""The built-in output formats, registered through the same hook as a plugin's."""

from __future__ import annotations

from afspraken import hookimpl
from afspraken.output import OutputFormat
from afspraken.rules import Text


def _text(report, ctx):  # type: ignore[no-untyped-def]
    from afspraken.output import text

    return text.render(report, ctx)


def _json(report, ctx):  # type: ignore[no-untyped-def]
    from afspraken.output import jsonreport

    return jsonreport.render(report, ctx)


def _sarif(report, ctx):  # type: ignore[no-untyped-def]
    from afspraken.output import sarif

    return sarif.render(report, ctx)


@hookimpl
def register_formats() -> list[OutputFormat]:
    return [
        OutputFormat("text", Text("leesbare tekst, per bestand gegroepeerd", "readable text, grouped per file"), _text, ".txt"),
        OutputFormat("json", Text("JSON (schema: docs/json.md)", "JSON (schema: docs/json.md)"), _json, ".json"),
        OutputFormat("sarif", Text("SARIF 2.1.0 voor code scanning", "SARIF 2.1.0 for code scanning"), _sarif, ".sarif"),
    ]
