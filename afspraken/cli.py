"""The command line: ``afspraken check``, ``rules``, ``explain``, ``rulesets``, ``plugins``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Optional

import click

from afspraken import __version__

FAIL_ON = ("fout", "waarschuwing", "advies", "nooit")
PARALLEL_FROM = 200  # files
LANG = click.option(
    "--lang", type=click.Choice(["nl", "en"]), default="nl", envvar="AFSPRAKEN_LANG", show_default=True,
    help="Taal van de uitvoer / language of the output.",
)


def _t(lang: str, nl: str, en: str) -> str:
    return en if lang == "en" else nl


class _Commands(click.Group):
    """The describing commands live in :mod:`afspraken.commands`, imported only when used."""

    LAZY = {
        "rules": "rules_command",
        "explain": "explain",
        "rulesets": "rulesets_command",
        "plugins": "plugins_command",
        "schema": "schema_command",
        "init": "init_command",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *self.LAZY]

    def get_command(self, ctx: click.Context, name: str) -> Optional[click.Command]:
        if name in self.LAZY:
            from afspraken import commands

            return getattr(commands, self.LAZY[name])  # type: ignore[no-any-return]
        return super().get_command(ctx, name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="afspraken")
def cli() -> None:
    """Toets samenwerkingsafspraken (TOML) aan regelsets, zoals een linter code toetst.

    Check partnership agreements (TOML) against rule sets, the way a linter checks code.
    Begin met / start with: afspraken check AFSPRAAK.toml
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--regelset", "regelsets", multiple=True, metavar="NAAM|BESTAND", help="Regelset(s) om te gebruiken (standaard: uit de config, anders wijkaanpak).")
@click.option("--select", "selected", multiple=True, metavar="REGEL", help="Alleen deze regel(s) toetsen.")
@click.option("--ignore", "ignored", multiple=True, metavar="REGEL", help="Deze regel(s) overslaan.")
@click.option("--format", "formats", multiple=True, metavar="FORMAT[:BESTAND]", help="text, json, sarif, ... (herhaalbaar; met :BESTAND naar een bestand).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Schrijf de uitvoer naar dit bestand.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="fout", show_default=True, help="Vanaf welke ernst de exitcode 1 is.")
@LANG
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Gebruik dit configbestand in plaats van zoeken.")
@click.option("--plugin", "plugins", multiple=True, metavar="MODULE|BESTAND.py", help="Laad ook deze plugin.")
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

    Exitcode 0: niets op of boven --fail-on; 1: wel; 2: invoer kon niet worden beoordeeld.
    """
    from afspraken.engine import SKIPPED, Checker, discover
    from afspraken.output import Context
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
    for path, problem in found:
        if problem is not None and problem.code == SKIPPED:
            click.echo(f"{problem.location}: {problem.message(lang)}", err=True)
        elif problem is not None:
            files.append(FileResult(path, problems=(problem,)))
        elif path == "-":
            # An editor pipes the unsaved text in and names the file: its folder's config applies.
            where = stdin_naam if stdin_naam else "-"
            files.append(checker.check_path(where, sys.stdin.buffer.read(), stdin_naam or "<stdin>"))
        else:
            files.append(next(results))
    report = checker.report(files)
    fail = None if fail_on == "nooit" else Severity(fail_on)
    for name, dest in targets:
        color = dest is None and not no_color and not os.environ.get("NO_COLOR") and sys.stdout.isatty()
        fmt = available[name]
        try:
            text = fmt.render(report, Context(lang, color, checker.active_rules(), toon_geslaagd, fail, quiet, __version__))
        except Exception as exc:  # noqa: BLE001 - a plugin's format that fails is named, not a traceback
            from afspraken.results import Crash, error_text

            click.echo(Crash(fmt.plugin, f"format {name}", error_text(exc)).message(lang), err=True)
            sys.exit(2)
        _emit(text, dest, color, lang)
    if report.broken and not any(dest is None and name == "text" for name, dest in targets):
        from afspraken.output.text import problems

        click.echo(problems(report, Context(lang)), err=True, nl=False)
    sys.exit(report.exit_code(fail))


def _check_targets(targets: list[tuple[str, Optional[Path]]], available: Any, checked: set[Path], lang: str) -> None:
    """Unknown formats and reports that would overwrite a checked agreement: usage errors, before any work."""
    for name, dest in targets:
        if name not in available:
            from afspraken.messages import suggest

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
    from afspraken.writing import OutputError, write_report

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
