"""``afspraken schema``: the JSON Schema of the format, for editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from afspraken.commands.options import LANG, command, option


@command("schema", help_en="Print the JSON Schema of format 1, for editors (Taplo, Even Better TOML); --lang en: English descriptions.")
@option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="BESTAND", metavar_en="FILE",
    help="Schrijf het schema naar dit bestand.", help_en="Write the schema to this file.",
)
@LANG
def schema_command(output: Optional[Path], lang: str) -> None:
    """Toon het JSON Schema van formaat 1, voor editors (Taplo, Even Better TOML); --lang en: Engelse beschrijvingen."""
    from afspraken.schema import json_schema

    text = json.dumps(json_schema(lang), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        from afspraken.reporting.writing import OutputError, write_report

        try:
            write_report(output, text)
        except OutputError as exc:
            click.echo(exc.message(lang), err=True)
            raise SystemExit(2) from None
