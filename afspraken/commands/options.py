"""Options shared by several commands, defined once."""

from __future__ import annotations

from pathlib import Path

import click

FAIL_ON = ("fout", "waarschuwing", "advies", "nooit")
LANG = click.option(
    "--lang", type=click.Choice(["nl", "en"]), default="nl", envvar="AFSPRAKEN_LANG", show_default=True,
    help="Taal van de uitvoer / language of the output.",
)
REGELSET = click.option("--regelset", "regelsets", multiple=True, metavar="NAAM|BESTAND", help="Regelset(s) om te gebruiken (standaard: uit de config, anders wijkaanpak).")
PLUGIN = click.option("--plugin", "plugins", multiple=True, metavar="MODULE|BESTAND.py", help="Laad ook deze plugin.")
CONFIG = click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Gebruik dit configbestand in plaats van zoeken.")


def say(lang: str, nl: str, en: str) -> str:
    """The text in the user's language."""
    return en if lang == "en" else nl
