"""The command line: one thin module per command, each imported only when it is used."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Optional

import click

from afspraken import __version__


class _Commands(click.Group):
    """Each command lives in its own module of this package, imported only when used."""

    LAZY = {
        "check": ("check", "check"),
        "rules": ("listing", "rules_command"),
        "explain": ("explain", "explain"),
        "rulesets": ("listing", "rulesets_command"),
        "plugins": ("listing", "plugins_command"),
        "schema": ("schema", "schema_command"),
        "init": ("init", "init_command"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *self.LAZY]

    def get_command(self, ctx: click.Context, name: str) -> Optional[click.Command]:
        if name in self.LAZY:
            module, attr = self.LAZY[name]
            return getattr(importlib.import_module(f"afspraken.commands.{module}"), attr)  # type: ignore[no-any-return]
        return super().get_command(ctx, name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="afspraken")
def cli() -> None:
    """Toets samenwerkingsafspraken (TOML) aan regelsets, zoals een linter code toetst.

    Check partnership agreements (TOML) against rule sets, the way a linter checks code.
    Begin met / start with: afspraken check AFSPRAAK.toml
    """


# click's own messages (bad options and arguments), in Dutch for the people who use this.
_CLICK_NL = [
    (r"Invalid value for '(.+?)': '(.*?)' is not one of (.+)\.", r"ongeldige waarde voor '\1': '\2' is geen van \3."),
    (r"Invalid value for '(.+?)': (.+?) is not in the range (.+)\.", r"ongeldige waarde voor '\1': \2 valt niet binnen \3."),
    (r"Invalid value for '(.+?)': '(.*?)' is not a valid integer\.", r"ongeldige waarde voor '\1': '\2' is geen geheel getal."),
    (r"Invalid value for '(.+?)': (?:File|Path|Directory) '(.+?)' does not exist\.", r"ongeldige waarde voor '\1': '\2' bestaat niet."),
    (r"Invalid value for '(.+?)': (.+)", r"ongeldige waarde voor '\1': \2"),
    (r"No such option:? '?([^'\s]+)'?\.?(?: Did you mean '?([^'?]+)'?\?)?(?: \(Possible options: (.+)\))?", r"onbekende optie '\1'."),
    (r"No such command '(.+?)'\.", r"onbekende opdracht '\1'."),
    (r"Missing argument '(.+?)'\.", r"argument '\1' ontbreekt."),
    (r"Missing option '(.+?)'\.", r"optie '\1' ontbreekt."),
    (r"Option '(.+?)' requires an argument\.", r"optie '\1' heeft een waarde nodig."),
    (r"Got unexpected extra arguments? \((.+)\)", r"onverwacht extra argument (\1)"),
]


def _dutch(message: str) -> str:
    import re

    for pattern, nl in _CLICK_NL:
        found = re.fullmatch(pattern, message, re.S)
        if found:
            hint = re.search(r"Did you mean '?([^'?]+)'?\?", message) or re.search(r"Possible options: (.+)\)", message)
            return found.expand(nl) + (f" Bedoelde u {hint.group(1)}?" if hint else "")
    return message


def _language(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("AFSPRAKEN_LANG", "nl")


def main() -> None:
    # A run makes many objects (the parsed files, the models) and frees them without
    # cycles: collecting the young ones every 700 allocations only costs time (10-25%).
    import gc

    gc.set_threshold(100_000, 50, 1000)
    try:
        cli.main(standalone_mode=False, prog_name="afspraken")
    except click.UsageError as exc:  # our own (already in the user's language) and click's
        if _language(sys.argv[1:]) == "en":
            exc.show()
        else:
            if exc.ctx is not None:
                click.echo(exc.ctx.get_usage().replace("Usage:", "Gebruik:", 1), err=True)
                click.echo(f"Zie '{exc.ctx.command_path} --help' voor hulp.\n", err=True)
            click.echo(f"Fout: {_dutch(exc.format_message())}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Afgebroken." if _language(sys.argv[1:]) == "nl" else "Aborted.", err=True)
        sys.exit(1)
