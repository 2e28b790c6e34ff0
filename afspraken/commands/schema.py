"""``afspraken schema``: the JSON Schema of the format, for editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click


@click.command("schema")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Schrijf het schema naar dit bestand.")
def schema_command(output: Optional[Path]) -> None:
    """Print het JSON Schema van formaat 1, voor editors (Taplo, Even Better TOML)."""
    from afspraken.schema import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        from afspraken.reporting.writing import OutputError, write_report

        try:
            write_report(output, text)
        except OutputError as exc:
            click.echo(exc.message("nl"), err=True)
            raise SystemExit(2) from None
