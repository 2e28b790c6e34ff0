"""Options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

from afspraken.commands.language import LANGUAGES, Argument, Choice, Command, Option, active

# Severities as values of --fail-on, in Dutch and English; commands receive the Dutch word.
FAIL_ON = Choice([("fout", "error"), ("waarschuwing", "warning"), ("advies", "note"), ("nooit", "never")])


def _registry() -> Any:
    """The plugins of the working folder, for completion (errors stay silent: a shell is typing)."""
    from afspraken.checking.run import Checker

    checker = Checker()
    checker.environment(Path.cwd())  # plugins named in the working folder's config too
    return checker.registry


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
def option(*decls: str, **kwargs: Any) -> Callable[[Any], Any]:
    """``click.option`` with help (``help``, ``help_en``) and metavar (``metavar_en``) in both languages."""
    return click.option(*decls, cls=Option, **kwargs)


def argument(*decls: str, **kwargs: Any) -> Callable[[Any], Any]:
    return click.argument(*decls, cls=Argument, **kwargs)


def command(name: str | None = None, **kwargs: Any) -> Callable[[Any], Any]:
    """``click.command`` whose docstring is the Dutch help and ``help_en`` the English."""
    return click.command(name, cls=Command, **kwargs)


def _language(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    return value or active()  # chosen at start-up from --lang anywhere on the line, or AFSPRAKEN_LANG


_LANG_HELP = dict(
    help="Taal van de hulp en de uitvoer: nl of en (standaard: AFSPRAKEN_LANG, anders nl); mag voor en na de opdracht.",
    help_en="Language of the help and the output: nl or en (default: AFSPRAKEN_LANG, else nl); before or after the command.",
)
LANG = option("--lang", type=click.Choice(LANGUAGES), default=None, callback=_language, **_LANG_HELP)
LANG_ROOT = option("--lang", type=click.Choice(LANGUAGES), default=None, expose_value=False, **_LANG_HELP)
REGELSET = option(
    "--regelset", "regelsets", multiple=True, metavar="NAAM|BESTAND", metavar_en="NAME|FILE", shell_complete=complete_rulesets,
    help="Regelset(s) om te gebruiken (standaard: uit de config, anders wijkaanpak).",
    help_en="Rule set(s) to use (default: from the config, else wijkaanpak).",
)
PLUGIN = option(
    "--plugin", "plugins", multiple=True, metavar="MODULE|BESTAND.py", metavar_en="MODULE|FILE.py",
    help="Laad ook deze plugin.", help_en="Load this plugin too.",
)
CONFIG = option(
    "--config", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="BESTAND", metavar_en="FILE",
    help="Gebruik dit configbestand in plaats van zoeken.", help_en="Use this config file instead of searching for one.",
)
FAIL_ON_HELP = dict(
    help="Vanaf welke ernst de exitcode 1 is (standaard: fout).", help_en="From which severity the exit code is 1 (default: error).",
)


def say(lang: str, nl: str, en: str) -> str:
    """The text in the user's language."""
    return en if lang == "en" else nl
