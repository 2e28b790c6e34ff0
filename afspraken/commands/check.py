"""``afspraken check``: check agreements and write the reports."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Optional

import click

from afspraken import __version__
from afspraken.commands.options import CONFIG, FAIL_ON, LANG, PLUGIN, REGELSET, say as _t

PARALLEL_FROM = 200  # files


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
@click.option(
    "--toon-bron/--geen-bron", "toon_bron", default=None,
    help="Toon onder elke melding de regel uit het bestand, met ^^^ onder de plek (standaard: aan op een terminal).",
)
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
    toon_bron: Optional[bool],
    quiet: bool,
    no_color: bool,
) -> None:
    """Toets afspraken: bestanden, mappen (recursief *.toml) of - voor stdin.

    Exitcode 0: niets op of boven --fail-on; 1: wel; 2: invoer kon niet worden beoordeeld.
    """
    from afspraken.checking.engine import SKIPPED, Checker, discover
    from afspraken.reporting import Context
    from afspraken.results import FileResult
    from afspraken.rules import Severity

    targets = _targets(formats, output, lang)
    checker = Checker(regelsets=regelsets, select=selected, ignore=ignored, plugins=plugins, config=config)
    found = list(discover(paths or (".",)))
    available = checker.environment(Path.cwd()).registry.formats
    _check_targets(targets, available, {Path(p).resolve() for p, _ in found if p != "-"}, lang)  # before the work
    on_disk = [p for p, problem in found if problem is None and p != "-"]
    if jobs is None:  # a worker process costs ~0.1 s to start: worth it only for many files
        jobs = 0 if len(on_disk) >= PARALLEL_FROM else 1
    results = iter(_with_progress(checker, on_disk, jobs or os.cpu_count() or 1, lang))
    files = []
    stdin_texts: dict[str, str] = {}
    for path, problem in found:
        if problem is not None and problem.code == SKIPPED:
            click.echo(f"{problem.location}: {problem.message(lang)}", err=True)
        elif problem is not None:
            files.append(FileResult(path, problems=(problem,)))
        elif path == "-":
            # An editor pipes the unsaved text in and names the file: its folder's config applies.
            where = stdin_naam if stdin_naam else "-"
            data = sys.stdin.buffer.read()
            stdin_texts[stdin_naam or "<stdin>"] = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
            files.append(checker.check_path(where, data, stdin_naam or "<stdin>"))
        else:
            files.append(next(results))
    report = checker.report(files)
    fail = None if fail_on == "nooit" else Severity(fail_on)
    for name, dest in targets:
        color = dest is None and not no_color and not os.environ.get("NO_COLOR") and sys.stdout.isatty()
        fmt = available[name]
        try:
            show_source = toon_bron if toon_bron is not None else (dest is None and sys.stdout.isatty())
            ctx = Context(lang, color, checker.active_rules(), toon_geslaagd, fail, quiet, __version__, show_source=show_source, sources=stdin_texts)
            text = fmt.render(report, ctx)
        except Exception as exc:  # noqa: BLE001 - a plugin's format that fails is named, not a traceback
            from afspraken.results import Crash, error_text

            click.echo(Crash(fmt.plugin, f"format {name}", error_text(exc)).message(lang), err=True)
            sys.exit(2)
        _emit(text, dest, color, lang)
    if report.broken and not any(dest is None and name == "text" for name, dest in targets):
        from afspraken.reporting.text import problems

        click.echo(problems(report, Context(lang)), err=True, nl=False)
    sys.exit(report.exit_code(fail))


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


def _emit(text: str, dest: Optional[Path], color: bool, lang: str) -> None:
    if dest is None:
        click.echo(text, nl=False, color=color)
        return
    from afspraken.reporting.writing import OutputError, write_report

    try:
        write_report(dest, text)
    except OutputError as exc:
        click.echo(exc.message(lang), err=True)
        sys.exit(2)


PROGRESS_FROM = 8  # files; fewer finish before a bar would be useful


def _with_progress(checker: Any, paths: list[str], jobs: int, lang: str) -> list[Any]:
    """Check ``paths``; on a terminal, with a progress bar on stderr (never in piped output)."""
    if len(paths) < PROGRESS_FROM or not sys.stderr.isatty():
        return checker.check_many(paths, jobs)
    results: list[Any] = []
    label = _t(lang, "Toetsen", "Checking")
    with click.progressbar(length=len(paths), label=label, file=sys.stderr, show_pos=True) as bar:
        for chunk in checker.iter_checks(paths, jobs):
            results += chunk
            bar.update(len(chunk))
    return results


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
