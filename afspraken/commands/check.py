"""``afspraken check``: check agreements and write the reports."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from collections.abc import Iterator
from typing import Any, Optional

import click

from afspraken import __version__
from afspraken.commands.options import CONFIG, FAIL_ON, LANG, PLUGIN, REGELSET, say as _t

from afspraken.api import PARALLEL_FROM


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@REGELSET
@click.option("--select", "selected", multiple=True, metavar="REGEL", help="Alleen deze regel(s) toetsen.")
@click.option("--ignore", "ignored", multiple=True, metavar="REGEL", help="Deze regel(s) overslaan.")
@click.option("--format", "formats", multiple=True, metavar="FORMAT[:BESTAND]", help="text, json, sarif, ... (herhaalbaar; met :BESTAND naar een bestand).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Schrijf de uitvoer naar dit bestand.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="fout", show_default=True, help="Vanaf welke ernst de exitcode 1 is.")
@LANG
@CONFIG
@PLUGIN
@click.option(
    "--jobs", "-j", type=click.IntRange(min=0), default=None,
    help=f"Aantal processen; 0 = één per processorkern (standaard: dat vanaf {PARALLEL_FROM} bestanden, anders 1).",
)
@click.option("--stdin-naam", metavar="BESTAND", help="Naam voor de afspraak op stdin (-), voor de meldingen en om de config te zoeken.")
@click.option("--toon-geslaagd", is_flag=True, help="Toon ook de regels die geslaagd zijn.")
@click.option("--quiet", "-q", is_flag=True, help="Alleen bevindingen die meetellen, zonder oplossingen.")
@click.option("--no-color", is_flag=True, help="Geen kleur (ook met de omgevingsvariabele NO_COLOR).")
def check(
    paths: tuple[str, ...],
    regelsets: tuple[str, ...],
    selected: tuple[str, ...],
    ignored: tuple[str, ...],
    formats: tuple[str, ...],
    output: Optional[Path],
    fail_on: str,
    lang: str,
    config: Optional[Path],
    plugins: tuple[str, ...],
    jobs: Optional[int],
    stdin_naam: Optional[str],
    toon_geslaagd: bool,
    quiet: bool,
    no_color: bool,
) -> None:
    """Toets afspraken: bestanden, mappen (recursief *.toml) of - voor stdin.

    Exitcode 0: niets op of boven --fail-on; 1: wel; 2: invoer kon niet worden beoordeeld
    (ook: een plugin faalde).
    """
    from afspraken import api
    from afspraken.reporting import Context
    from afspraken.reporting.output import Target, write
    from afspraken.rules import Severity

    targets = _targets(formats, output, lang)
    inputs = [api.Document(sys.stdin.buffer.read(), stdin_naam or "<stdin>") if p == "-" else p for p in (paths or (".",))]
    stream = api.iter_check(
        inputs, regelsets=regelsets, select=selected, ignore=ignored, plugins=plugins, config=config, lang=lang, jobs=jobs
    )
    for note in stream.skipped:
        click.echo(f"{note.location}: {note.message(lang)}", err=True)
    available = stream.checker.registry.formats  # from the plugins, never from the working folder's config
    _check_targets(targets, available, {Path(p).resolve() for p in stream.paths}, lang)  # before the work
    fail = None if fail_on == "nooit" else Severity(fail_on)
    rules = stream.checker.active_rules()
    chosen = []
    for name, dest in targets:
        color = dest is None and not no_color and not os.environ.get("NO_COLOR") and sys.stdout.isatty()
        ctx = Context(lang, color, rules, toon_geslaagd, fail, quiet, __version__, origins=stream.checker.rule_origins(), rule_url=stream.checker.rule_url())
        chosen.append(Target(available[name], dest, ctx))
    to_stderr = not any(dest is None and name == "text" for name, dest in targets)
    sys.exit(write(_with_progress(stream, lang), stream.head, chosen, problems_to_stderr=to_stderr, fail_on=fail))


def _check_targets(targets: list[tuple[str, Optional[Path]]], available: Any, checked: set[Path], lang: str) -> None:
    """Unknown formats and reports that would overwrite a checked agreement: usage errors, before any work."""
    for name, dest in targets:
        if name not in available:
            from afspraken.reading.messages import suggest

            hint = suggest(name, available)
            known = ", ".join(available)
            raise click.UsageError(
                _t(lang, f"onbekend formaat '{name}'{hint.nl} (bekend: {known})", f"unknown format '{name}'{hint.en} (known: {known})")
            )
        if dest is not None and dest.resolve() in checked:
            raise click.UsageError(
                _t(lang, f"{dest} is een van de getoetste afspraken; die wordt niet overschreven", f"{dest} is one of the checked agreements; it will not be overwritten")
            )


PROGRESS_FROM = 8  # files; fewer finish before a bar would be useful


def _with_progress(stream: Any, lang: str) -> Iterator[Any]:
    """The results; on a terminal, with a progress bar on stderr (never in piped output)."""
    if stream.files < PROGRESS_FROM or not sys.stderr.isatty():
        yield from stream
        return
    with click.progressbar(length=stream.files, label=_t(lang, "Toetsen", "Checking"), file=sys.stderr, show_pos=True) as bar:
        for result in stream:
            bar.update(1)
            yield result


BY_SUFFIX = {".html": "html", ".htm": "html", ".json": "json", ".sarif": "sarif", ".md": "markdown", ".xml": "junit"}


def _targets(formats: tuple[str, ...], output: Optional[Path], lang: str) -> list[tuple[str, Optional[Path]]]:
    if output is not None and str(output) == "-":
        output = None  # `--output -`: the screen
    if not formats:  # `--output rapport.html` alone: the format follows the file name
        formats = (BY_SUFFIX.get(output.suffix.lower(), "text") if output is not None else "text",)
    targets: list[tuple[str, Optional[Path]]] = []
    for spec in formats:
        name, colon, dest = spec.partition(":")
        if colon and not dest:
            raise click.UsageError(_t(lang, f"'{spec}': geef een bestandsnaam na de ':'", f"'{spec}': give a file name after the ':'"))
        targets.append((name, Path(dest) if dest and dest != "-" else None))
    to_stdout = [name for name, dest in targets if dest is None]
    if output is not None:
        if len(to_stdout) > 1:
            raise click.UsageError(_t(lang, "--output kan maar één formaat zonder :BESTAND opnemen", "--output takes only one format without :FILE"))
        targets = [(name, dest if dest is not None else output) for name, dest in targets]
    elif len(to_stdout) > 1:
        raise click.UsageError(_t(lang, "maar één formaat kan naar het scherm; geef de andere een :BESTAND", "only one format can go to the screen; give the others a :FILE"))
    return targets
