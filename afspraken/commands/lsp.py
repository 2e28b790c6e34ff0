"""``afspraken lsp``: the language server, over stdio."""

from __future__ import annotations

import sys

import click

from afspraken.commands.options import LANG, command, option, say


@command(
    "lsp",
    help_en="Start the language server (LSP) over stdio: findings while you type, explanations on hover, quick fixes. "
    "Needs pip install 'afspraken[lsp]'; set-up per editor: docs/editors.md.",
)
@LANG
@option(
    "--stdio", is_flag=True,
    help="Over stdin en stdout (zo werkt het altijd; voor editors die het meegeven).",
    help_en="Over stdin and stdout (always so; for editors that pass it).",
)
def lsp_command(lang: str, stdio: bool) -> None:
    """Start de taalserver (LSP) over stdio: meldingen terwijl je typt, uitleg bij hover, snelle oplossingen.

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
