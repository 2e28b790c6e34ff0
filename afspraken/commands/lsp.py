"""``afspraken lsp``: the language server, over stdio."""

from __future__ import annotations

import sys

import click

from afspraken.commands.options import LANG, say


@click.command("lsp")
@LANG
@click.option("--stdio", is_flag=True, help="Over stdin/stdout (de standaard; voor editors die het meegeven).")
def lsp_command(lang: str, stdio: bool) -> None:
    """Start de language server (LSP) over stdio: meldingen terwijl je typt, uitleg bij hover, uitzondering toevoegen.

    Nodig: pip install 'afspraken[lsp]'. Instellen per editor: docs/editors.md.
    """
    from afspraken.lsp import EXTRA, missing

    absent = missing()
    if absent:
        click.echo(
            say(
                lang,
                f"afspraken lsp heeft '{absent}' nodig; installeer de extra: pip install '{EXTRA}'",
                f"afspraken lsp needs '{absent}'; install the extra: pip install '{EXTRA}'",
            ),
            err=True,
        )
        sys.exit(2)
    from afspraken.lsp.server import serve

    serve(lang)
