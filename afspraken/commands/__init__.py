"""The command line: one thin module per command, each imported only when it is used."""

from __future__ import annotations

import importlib
import sys
from typing import Any, Optional

import click

from afspraken import __version__
from afspraken.commands.language import META, Group, active, scan, start, version_option
from afspraken.commands.options import LANG_ROOT


class _Commands(Group):
    """Each command lives in its own module of this package, imported only when used."""

    LAZY = {
        "check": ("check", "check"),
        "rules": ("listing", "rules_command"),
        "explain": ("explain", "explain"),
        "rulesets": ("listing", "rulesets_command"),
        "plugins": ("listing", "plugins_command"),
        "schema": ("schema", "schema_command"),
        "init": ("init", "init_command"),
        "diff": ("diff", "diff_command"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *self.LAZY]

    def get_command(self, ctx: click.Context, name: str) -> Optional[click.Command]:
        if name in self.LAZY:
            module, attr = self.LAZY[name]
            return getattr(importlib.import_module(f"afspraken.commands.{module}"), attr)  # type: ignore[no-any-return]
        return super().get_command(ctx, name)

    def make_context(self, info_name: Optional[str], args: list[str], parent: Optional[click.Context] = None, **extra: Any) -> click.Context:
        if parent is None:  # the language of the whole run, before click parses (and may complain about) anything
            start(scan(args))
        ctx = super().make_context(info_name, args, parent, **extra)
        ctx.meta[META] = active()
        return ctx


@click.group(
    cls=_Commands, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help_en="""Check partnership agreements (TOML) against rule sets, the way a linter checks code.

    Start with: afspraken check AGREEMENT.toml (a new one: afspraken init)
    """,
)
@version_option(__version__)
@LANG_ROOT
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Toets samenwerkingsafspraken (TOML) aan regelsets, zoals een linter code toetst.

    Begin met: afspraken check AFSPRAAK.toml (een nieuwe: afspraken init)
    """
    if ctx.invoked_subcommand is None:  # bare `afspraken`: a first contact, not a mistake
        click.echo(ctx.get_help())
        ctx.exit(0)


def main() -> None:
    try:
        cli.main(standalone_mode=False, prog_name="afspraken")
    except click.ClickException as exc:  # our own messages and click's, both in the language of the run
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Afgebroken." if active() == "nl" else "Aborted.", err=True)
        sys.exit(1)
