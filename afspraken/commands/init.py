"""``afspraken init``: a new agreement with explanations; never overwrites."""

from __future__ import annotations

import os
from pathlib import Path

import click

from afspraken.commands.options import LANG, argument, command, option
from afspraken.rules import Text


@command("init", help_en="Write a new agreement with explanations (default afspraak.toml); never overwrites a file.")
@argument("file", required=False, default="afspraak.toml", type=click.Path(dir_okay=False), metavar="[BESTAND]", metavar_en="[FILE]")
@option("--no-input", is_flag=True, help="Niets vragen; zet 'VUL IN' waar iets ingevuld moet worden.", help_en="Ask nothing; put 'VUL IN' where something must be filled in.")
@LANG
def init_command(file: str, no_input: bool, lang: str) -> None:
    """Schrijf een nieuwe afspraak met uitleg (standaard afspraak.toml); overschrijft nooit een bestand."""
    return _init(file, no_input, lang)


def _init(given: str, no_input: bool, lang: str) -> None:
    if not given.strip():  # `init ''` (as a Path it would be '.', "already exists")
        raise click.UsageError("geef een bestandsnaam, zoals afspraak.toml" if lang == "nl" else "give a file name, such as afspraak.toml")
    file = Path(given)
    from afspraken.commands.template import Answers, names, render
    from afspraken.reporting.writing import write_new

    from afspraken.reporting.escaping import escape

    if os.path.lexists(file):  # a symlink too, even one to nowhere: never written through
        shown = escape(str(file)) + (f" (-> {escape(os.path.realpath(file))})" if file.is_symlink() else "")
        raise click.UsageError(
            f"{shown} bestaat al; kies een andere naam (afspraken init ANDER.toml)" if lang == "nl" else f"{shown} already exists; choose another name"
        )
    name = escape(str(file))
    answers = Answers()
    if not no_input:

        _utf8_stdin()

        def ask(nl: str, en: str) -> str:
            while True:
                try:
                    text = click.prompt(nl if lang == "nl" else en, default="", show_default=False).strip()
                except UnicodeDecodeError:  # a stdin that could not be read as UTF-8 after all
                    text = "\udcff"
                if _undecodable(text):  # bytes that are not UTF-8 (stdin from a file in another encoding)
                    why = Text("dit antwoord is geen geldige tekst (geen UTF-8); typ het opnieuw", "this answer is not valid text (not UTF-8); type it again")
                elif escape(text) != text:  # a control or invisible character (ESC, U+202E): nothing a name needs
                    why = Text(
                        f"dit antwoord bevat een stuurteken of onzichtbaar teken ({escape(text)}); typ het opnieuw",
                        f"this answer holds a control or invisible character ({escape(text)}); type it again",
                    )
                else:
                    return "" if text == "-" else text
                click.echo(why(lang), err=True)  # asked again, never written

        def ask_many(nl: str, en: str, more_nl: str, more_en: str) -> list[str]:
            """One by one or comma-separated, until an empty answer."""
            found = names(ask(nl, en))
            while found:
                more = names(ask(more_nl, more_en))
                if not more:
                    break
                found += more
            return found

        try:
            answers.wijk = ask("Wijk", "Neighbourhood")
            answers.gemeente = ask("Gemeente", "Municipality")
            answers.corporaties = ask_many(
                "Woningcorporatie(s), met komma's ertussen", "Housing corporation(s), comma-separated",
                "Nog een woningcorporatie (leeg = klaar)", "Another housing corporation (empty = done)",
            )
            answers.bewoners = ask("Bewonersorganisatie", "Residents' organisation")
            answers.instellingen = ask_many(
                "Instelling(en), met komma's ertussen", "Institution(s), comma-separated",
                "Nog een instelling (leeg = klaar)", "Another institution (empty = done)",
            )
        except click.Abort:
            click.echo("\n" + ("Gestopt; er is niets geschreven." if lang == "nl" else "Stopped; nothing was written."), err=True)
            raise SystemExit(2) from None
    try:
        write_new(file, render(answers, lang))
    except FileExistsError as exc:
        if file.exists():  # created meanwhile: still never overwritten
            raise click.UsageError(f"{name} bestaat al" if lang == "nl" else f"{name} already exists") from None
        click.echo(f"{name}: kan niet schrijven: {exc.filename} is geen map" if lang == "nl" else f"{name}: cannot write: {exc.filename} is not a folder", err=True)
        raise SystemExit(2) from None
    except OSError as exc:
        from afspraken.reading.files import reason

        why = reason(exc)
        click.echo(f"{name}: kan niet schrijven: {why.nl}" if lang == "nl" else f"{name}: cannot write: {why.en}", err=True)
        raise SystemExit(2) from None
    click.echo(
        f"{name} geschreven. Vul in waar 'VUL IN' staat; `afspraken check {name}` noemt elke plek die nog ingevuld moet worden."
        if lang == "nl"
        else f"Wrote {name}. Fill in where it says 'VUL IN'; `afspraken check {name}` lists every place still to be filled in."
    )


def _undecodable(text: str) -> bool:
    """Whether ``text`` holds bytes that were not UTF-8 (Python reads them as lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _utf8_stdin() -> None:
    """Answers are read as UTF-8, whatever the locale says (PYTHONIOENCODING=ascii made "é" a
    traceback); bytes that are not UTF-8 come through as lone surrogates, and are asked again."""
    import sys

    stdin = sys.stdin
    if stdin is not None and hasattr(stdin, "reconfigure") and (stdin.encoding or "").lower().replace("-", "") != "utf8":
        try:
            stdin.reconfigure(encoding="utf-8", errors="surrogateescape")
        except (OSError, ValueError):  # already read from, or not a text stream of its own
            pass
