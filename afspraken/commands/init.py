"""``afspraken init``: a new agreement with explanations; never overwrites."""

from __future__ import annotations

from pathlib import Path

import click

from afspraken.commands.options import LANG


@click.command("init")
@click.argument("file", required=False, default="afspraak.toml", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--no-input", is_flag=True, help="Niets vragen; zet 'VUL IN' waar iets ingevuld moet worden.")
@LANG
def init_command(file: Path, no_input: bool, lang: str) -> None:
    """Schrijf een nieuwe afspraak met uitleg (standaard afspraak.toml); overschrijft nooit een bestand."""
    from afspraken.commands.template import Answers, render
    from afspraken.reporting.writing import write_new

    if file.exists():
        raise click.UsageError(
            f"{file} bestaat al; kies een andere naam (afspraken init ANDER.toml)" if lang == "nl" else f"{file} already exists; choose another name"
        )
    answers = Answers()
    if not no_input:

        def ask(nl: str, en: str) -> str:
            text = click.prompt(nl if lang == "nl" else en, default="", show_default=False).strip()
            return "" if text == "-" else text

        try:
            answers.wijk = ask("Wijk", "Neighbourhood")
            answers.gemeente = ask("Gemeente", "Municipality")
            answers.corporatie = ask("Woningcorporatie", "Housing corporation")
            answers.bewoners = ask("Bewonersorganisatie", "Residents' organisation")
            others = ask("Instellingen (met komma's ertussen)", "Institutions (comma-separated)")
        except click.Abort:
            click.echo("\n" + ("Gestopt; er is niets geschreven." if lang == "nl" else "Stopped; nothing was written."), err=True)
            raise SystemExit(2) from None
        answers.instellingen = [x.strip() for x in others.split(",") if x.strip() and x.strip() != "-"]
    try:
        write_new(file, render(answers))
    except FileExistsError as exc:
        if file.exists():  # created meanwhile: still never overwritten
            raise click.UsageError(f"{file} bestaat al" if lang == "nl" else f"{file} already exists") from None
        click.echo(f"{file}: kan niet schrijven: {exc.filename} is geen map" if lang == "nl" else f"{file}: cannot write: {exc.filename} is not a folder", err=True)
        raise SystemExit(2) from None
    except OSError as exc:
        click.echo(f"{file}: kan niet schrijven: {exc.strerror or exc}" if lang == "nl" else f"{file}: cannot write: {exc.strerror or exc}", err=True)
        raise SystemExit(2) from None
    click.echo(
        f"{file} geschreven. Vul in waar 'VUL IN' staat; `afspraken check {file}` noemt elke plek die nog leeg is."
        if lang == "nl"
        else f"Wrote {file}. Fill in where it says 'VUL IN'; `afspraken check {file}` lists every place still empty."
    )
