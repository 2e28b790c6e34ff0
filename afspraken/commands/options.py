"""Options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

FAIL_ON = ("fout", "waarschuwing", "advies", "nooit")


def _registry() -> Any:
    """The plugins of the working folder, for completion (errors stay silent: a shell is typing)."""
    from afspraken.checking.engine import Checker

    return Checker().environment(Path.cwd()).registry


def _complete(names: Callable[[Any], Iterable[str]]) -> Callable[[click.Context, click.Parameter, str], list[CompletionItem]]:
    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        try:
            found = sorted(names(_registry()))
        except Exception:  # noqa: BLE001 - completion never breaks the shell
            return []
        return [CompletionItem(n) for n in found if n.startswith(incomplete)]

    return complete


complete_rules = _complete(lambda registry: registry.rules)
complete_rulesets = _complete(lambda registry: registry.rulesets)
complete_formats = _complete(lambda registry: registry.formats)
LANG = click.option(
    "--lang", type=click.Choice(["nl", "en"]), default="nl", envvar="AFSPRAKEN_LANG", show_default=True,
    help="Taal van de uitvoer / language of the output.",
)
REGELSET = click.option("--regelset", "regelsets", multiple=True, metavar="NAAM|BESTAND", help="Regelset(s) om te gebruiken (standaard: uit de config, anders wijkaanpak).", shell_complete=complete_rulesets)
PLUGIN = click.option("--plugin", "plugins", multiple=True, metavar="MODULE|BESTAND.py", help="Laad ook deze plugin.")
CONFIG = click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Gebruik dit configbestand in plaats van zoeken.")


def say(lang: str, nl: str, en: str) -> str:
    """The text in the user's language."""
    return en if lang == "en" else nl
