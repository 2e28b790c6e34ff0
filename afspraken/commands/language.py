"""One language for a whole run: our help texts, click's own words and option values.

The language is chosen once at start-up, from ``--lang`` (before or after the command) or
``AFSPRAKEN_LANG``, before click parses anything, so that help, usage errors and output agree.
Help texts are given in both languages (``help`` is Dutch, ``help_en`` English); click's own
messages are translated by their gettext message ids (:mod:`afspraken.commands.clicktext`).
"""

from __future__ import annotations

import gettext
import os
import sys
from collections.abc import Sequence
from typing import Any, Optional

import click

LANGUAGES = ("nl", "en")
META = "afspraken.lang"  # the key in the root context's meta
_active = "nl"
_translation: gettext.NullTranslations = gettext.NullTranslations()


def active() -> str:
    """The language of this run."""
    return _active


def scan(args: Sequence[str]) -> str:
    """``--lang X`` / ``--lang=X`` anywhere on the command line, else ``AFSPRAKEN_LANG``, else Dutch."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg.partition("=")[2] if arg.startswith("--lang=") else None
        if value in LANGUAGES:
            found = value  # the last one wins, as it does for the command that reads it
    if found is not None:
        return found
    value = os.environ.get("AFSPRAKEN_LANG", "")
    # "EN", "en_GB.UTF-8": as a locale is written; anything else is said, not silently Dutch
    lang = value.strip().lower().replace("-", "_").partition("_")[0].partition(".")[0]
    if lang in LANGUAGES:
        return lang
    if value.strip():
        sys.stderr.write(
            f"waarschuwing: AFSPRAKEN_LANG={value!r} is geen taal van afspraken (nl of en); de uitvoer is Nederlands. "
            f"(warning: not a language of afspraken, nl or en; the output is Dutch)\n"
        )
    return "nl"


# click calls the module-level gettext functions it imported by name (``from gettext import
# gettext as _``); routing those names to a translation object is how its messages are translated.
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "shell_completion", "termui", "types", "utils")


def start(lang: str) -> None:
    """Make ``lang`` the language of this run, click's own messages included."""
    global _active, _translation
    _active = lang
    from afspraken.commands.clicktext import Dutch

    translation: gettext.NullTranslations = Dutch() if lang == "nl" else _Untranslated()
    _translation = translation
    for name in _CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:  # not loaded (or not in this click): nothing of it to show
            continue
        if getattr(module, "_", None) is not None:
            module._ = translation.gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is not None:
            module.ngettext = translation.ngettext  # type: ignore[attr-defined]


class _Untranslated(gettext.NullTranslations):
    """English: click's own words, through the standard gettext functions as click has them."""

    def gettext(self, message: str) -> str:
        return gettext.gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return gettext.ngettext(msgid1, msgid2, n)


class _Bilingual:
    """``help`` and ``metavar`` in both languages, shown in the language of the run."""

    _nl_help: Optional[str] = None
    _en_help: Optional[str] = None

    @property
    def help(self) -> Optional[str]:
        return self._en_help if _active == "en" and self._en_help else self._nl_help

    @help.setter
    def help(self, value: Optional[str]) -> None:
        self._nl_help = value


class Option(_Bilingual, click.Option):
    def __init__(self, *args: Any, help_en: Optional[str] = None, metavar_en: Optional[str] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._en_help, self._en_metavar, self._nl_metavar = help_en, metavar_en, self.metavar

    @property  # type: ignore[override]
    def metavar(self) -> Optional[str]:
        return self._en_metavar if _active == "en" and getattr(self, "_en_metavar", None) else self._nl_metavar

    @metavar.setter
    def metavar(self, value: Optional[str]) -> None:
        self._nl_metavar = value


class Argument(click.Argument):
    def __init__(self, *args: Any, metavar_en: Optional[str] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._en_metavar = metavar_en

    @property  # type: ignore[override]
    def metavar(self) -> Optional[str]:
        return self._en_metavar if _active == "en" and getattr(self, "_en_metavar", None) else self._nl_metavar

    @metavar.setter
    def metavar(self, value: Optional[str]) -> None:
        self._nl_metavar = value


class Command(_Bilingual, click.Command):
    def __init__(self, *args: Any, help_en: Optional[str] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._en_help = help_en

    def get_help_option(self, ctx: click.Context) -> Optional[click.Option]:
        found = super().get_help_option(ctx)
        if found is not None:  # click makes it once per command: its text must follow the run's language
            found.help = _translation.gettext("Show this message and exit.")
        return found

    @property
    def options_metavar(self) -> str:  # click's default is a plain "[OPTIONS]", not a gettext message
        return "[OPTIONS]" if _active == "en" else "[OPTIES]"

    @options_metavar.setter
    def options_metavar(self, value: Optional[str]) -> None:
        pass


class Group(Command, click.Group):
    @property
    def subcommand_metavar(self) -> str:
        return "[COMMAND] [ARGS]..." if _active == "en" else "[OPDRACHT] [ARGUMENTEN]..."

    @subcommand_metavar.setter
    def subcommand_metavar(self, value: Optional[str]) -> None:
        pass


def version_option(version: str) -> Any:
    """``-V, --version`` with its help and answer in the language of the run."""

    def show(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value and not ctx.resilient_parsing:
            click.echo(f"afspraken, {'version' if _active == 'en' else 'versie'} {version}")
            ctx.exit()

    return click.option(
        "-V", "--version", cls=Option, is_flag=True, expose_value=False, is_eager=True, callback=show,
        help="Toon de versie en stop.", help_en="Show the version and exit.",
    )


class Choice(click.Choice):
    """Values in both languages (``fout`` or ``error``); the value passed on is always the Dutch one."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.pairs = tuple(pairs)
        self.to_dutch = {en: nl for nl, en in self.pairs} | {nl: nl for nl, _ in self.pairs}
        super().__init__([v for pair in self.pairs for v in dict.fromkeys(pair)])

    def shown(self) -> list[str]:
        return [en if _active == "en" else nl for nl, en in self.pairs]

    def convert(self, value: Any, param: Optional[click.Parameter], ctx: Optional[click.Context]) -> Any:
        return self.to_dutch[super().convert(value, param, ctx)]

    def get_metavar(self, param: click.Parameter, ctx: Optional[click.Context] = None) -> str:  # type: ignore[override]
        return "[" + "|".join(self.shown()) + "]"

    def get_invalid_choice_message(self, value: Any, ctx: Optional[click.Context]) -> str:
        from gettext import ngettext

        import click.types as types

        choices = ", ".join(map(repr, self.shown()))
        translate = getattr(types, "ngettext", ngettext)
        return str(translate("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", len(self.pairs)).format(value=value, choice=choices, choices=choices))

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        return [CompletionItem(v) for v in self.shown() if v.startswith(incomplete)]


def show(nl: str, en: str) -> str:
    """A value as the user reads it in the language of the run (a default, a choice)."""
    return en if _active == "en" else nl
