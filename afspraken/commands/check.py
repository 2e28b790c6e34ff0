"""``afspraken check``: check agreements and write the reports."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Optional

import click

from afspraken import __version__
from afspraken.commands.options import (
    CONFIG, FAIL_ON, FAIL_ON_HELP, LANG, OUTPUT, PLUGIN, REGELSET, argument, command, complete_formats, complete_rules, option, say as _t,
)

from afspraken.api import PARALLEL_FROM


@command(
    help_en="""Check agreements: files, folders (recursively *.toml) or - for stdin.

    Exit code 0: nothing at or above --fail-on; 1: something is; 2: the input could not be evaluated.
    """,
)
# readable=False: a file the user may not read is a located problem (geen toegang) among the
# others, as in a folder, not a usage error that drops every other file
@argument("paths", nargs=-1, type=click.Path(allow_dash=True, readable=False), metavar="[PAD]...", metavar_en="[PATH]...")
@REGELSET
@option("--select", "selected", multiple=True, metavar="REGEL", metavar_en="RULE", shell_complete=complete_rules, help="Alleen deze regel(s) toetsen.", help_en="Check only these rule(s).")
@option("--ignore", "ignored", multiple=True, metavar="REGEL", metavar_en="RULE", shell_complete=complete_rules, help="Deze regel(s) overslaan.", help_en="Skip these rule(s).")
@option(
    "--format", "formats", multiple=True, metavar="FORMAT[:BESTAND]", metavar_en="FORMAT[:FILE]", shell_complete=complete_formats,
    help="text, json, sarif, html, markdown, junit, github, gitlab (herhaalbaar; met :BESTAND naar een bestand).",
    help_en="text, json, sarif, html, markdown, junit, github, gitlab (repeatable; with :FILE to a file).",
)
@OUTPUT
@option("--fail-on", type=FAIL_ON, default="fout", **FAIL_ON_HELP)
@LANG
@CONFIG
@PLUGIN
@option(
    "--jobs", "-j", type=click.IntRange(min=0), default=None, metavar="N",
    help=f"Aantal processen; 0 = één per processorkern (standaard: dat vanaf {PARALLEL_FROM} bestanden, anders 1).",
    help_en=f"Number of processes; 0 = one per processor core (default: that from {PARALLEL_FROM} files, else 1).",
)
@option(
    "--stdin-naam", metavar="BESTAND", metavar_en="FILE",
    help="Naam voor de afspraak op stdin (-), voor de meldingen en om de config te zoeken.",
    help_en="Name of the agreement on stdin (-), for the messages and to find the config.",
)
@option("--toon-geslaagd", is_flag=True, help="Toon ook de regels die geslaagd zijn.", help_en="Show the rules that passed too.")
@option(
    "--toon-bron/--geen-bron", "toon_bron", default=None,
    help="Toon onder elke melding de regel uit het bestand, met ^^^ onder de plek (standaard: aan op een terminal).",
    help_en="Show the line from the file under each message, with ^^^ under the place (default: on a terminal).",
)
@option("--quiet", "-q", is_flag=True, help="Alleen bevindingen die meetellen, zonder oplossingen.", help_en="Only findings that count, without fixes.")
@option("--no-color", is_flag=True, help="Geen kleur (ook met de omgevingsvariabele NO_COLOR).", help_en="No colour (also with the environment variable NO_COLOR).")
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

    Exitcode 0: niets op of boven --fail-on; 1: wel; 2: invoer kon niet worden beoordeeld
    (ook: een plugin faalde).
    """
    from afspraken import api
    from afspraken.reporting import Context
    from afspraken.reporting.output import Target, write
    from afspraken.rules import Severity

    targets = _targets(formats, output, lang)
    # Bounded by the limit of stdin's own config (the one next to --stdin-naam, else in the working
    # folder): past it the reader says "too big"; read up to the default only, a raised
    # bestand_mb judged the first 20 MB as if that were all
    from afspraken.checking.config import limits_for
    from afspraken.reading.files import read_stdin

    stdin = lambda: read_stdin(limits_for(Path(stdin_naam).parent if stdin_naam else Path.cwd(), config))  # noqa: E731
    given = list(dict.fromkeys(paths)) if paths.count("-") > 1 else list(paths)  # stdin is read once: `- -` is one input
    inputs = [api.Document(stdin(), stdin_naam or "<stdin>") if p == "-" else p for p in (given or (".",))]
    texts = {  # what came from stdin, for --toon-bron
        d.name: d.text if isinstance(d.text, str) else d.text.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
        for d in inputs
        if isinstance(d, api.Document)
    }
    stream = api.iter_check(
        inputs, regelsets=regelsets, select=selected, ignore=ignored, plugins=plugins, config=config, lang=lang, jobs=jobs
    )
    from afspraken.checking.isolation import APART_FROM
    from afspraken.checking.run import BIG_FILE
    from afspraken.reporting.escaping import escape

    stream.checker.apart_from = APART_FROM  # a big file in a child process: Ctrl-C ends the run at once
    stream.checker.collector_off_from = BIG_FILE  # a big file's objects have no cycles to collect
    for note in stream.skipped:
        click.echo(escape(f"{note.location}: {note.message(lang)}"), err=True)
    warn = "waarschuwing" if lang == "nl" else "warning"
    broken = stream.checker.registry.broken_rulesets
    for name in sorted(broken.keys() - set(regelsets)):  # an error only where the rule set is used
        for problem in broken[name][1]:
            click.echo(escape(f"{problem.location}: {warn}: {problem.message(lang)}"), err=True)
    available = stream.checker.registry.formats  # from the plugins, never from the working folder's config
    _check_targets(targets, available, lambda: stream.paths, lang)  # before the work
    stream.checker.profiles = any(available[name].profile for name, _ in targets)  # ~5% of a check, for few reports
    fail = None if fail_on == "nooit" else Severity(fail_on)
    rules = stream.checker.registry.rules  # every loaded rule: a file's soort may choose sets not known yet
    chosen = []
    for name, dest in targets:
        color = dest is None and not no_color and not os.environ.get("NO_COLOR") and sys.stdout.isatty()
        show_source = toon_bron if toon_bron is not None else (dest is None and sys.stdout.isatty())
        ctx = Context(
            lang, color, rules, toon_geslaagd, fail, quiet, __version__, origins=stream.checker.origins,
            rule_url=stream.checker.rule_url(), show_source=show_source, sources=texts,
        )
        chosen.append(Target(available[name], dest, ctx))
    to_stderr = not any(dest is None and name == "text" for name, dest in targets)
    announce = not quiet and all(dest is not None for _, dest in targets)  # nothing on screen: say where it went
    sys.exit(write(_with_progress(stream, lang), stream.head, chosen, problems_to_stderr=to_stderr, fail_on=fail, announce=announce))


def _check_targets(targets: list[tuple[str, Optional[Path]]], available: Any, checked: Callable[[], Iterable[str]], lang: str) -> None:
    """Unknown formats and reports that would overwrite a checked agreement: usage errors, before any work."""
    from afspraken.reading.files import real_path

    chosen = [real_path(dest) for _, dest in targets if dest is not None and (dest.is_file() or not dest.exists())]  # not /dev/stdout
    if len(set(chosen)) < len(chosen):  # the second report would replace the first
        raise click.UsageError(_t(lang, "twee rapporten naar hetzelfde bestand; geef elk formaat een eigen :BESTAND", "two reports into the same file; give each format its own :FILE"))
    if any(dest is None for _, dest in targets) and any(dest is not None and _is_stdout(dest) for _, dest in targets):
        # `--format json --format sarif:/dev/stdout`: two documents run together in one stream
        raise click.UsageError(_t(
            lang, "twee rapporten naar het scherm (een :BESTAND is de standaarduitvoer); geef elk formaat een eigen :BESTAND",
            "two reports to the screen (a :FILE is standard output); give each format its own :FILE",
        ))
    for name, dest in targets:
        if name not in available:
            from afspraken.reading.messages import suggest

            hint = suggest(name, available)
            known = ", ".join(available)
            raise click.UsageError(
                _t(lang, f"onbekend formaat '{name}'{hint.nl} (bekend: {known})", f"unknown format '{name}'{hint.en} (known: {known})")
            )
        if dest is None:
            continue
        from afspraken.reporting.escaping import escape
        from afspraken.reporting.writing import OutputError, refuse_overwrite

        real = real_path(dest)
        if os.path.lexists(dest) and any(real_path(p) == real for p in checked()):  # one at a time: no set of every path
            shown = escape(str(dest)) + (f" -> {escape(str(real))}" if dest.is_symlink() else "")
            raise click.UsageError(
                _t(lang, f"{shown} is een van de getoetste afspraken; die wordt niet overschreven", f"{shown} is one of the checked agreements; it will not be overwritten")
            )
        try:
            refuse_overwrite(dest)
        except OutputError as exc:
            raise click.UsageError(exc.message(lang)) from None


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
        if not to_stdout:  # it would write nothing: said, not ignored
            raise click.UsageError(_t(
                lang, f"--output {output}: elk formaat heeft al een :BESTAND, dus er gaat niets naar --output; laat een van de :BESTAND weg",
                f"--output {output}: every format has a :FILE already, so nothing goes to --output; leave out one :FILE",
            ))
        targets = [(name, dest if dest is not None else output) for name, dest in targets]
    elif len(to_stdout) > 1:
        raise click.UsageError(_t(lang, "maar één formaat kan naar het scherm; geef de andere een :BESTAND", "only one format can go to the screen; give the others a :FILE"))
    return targets


def _is_stdout(dest: Path) -> bool:
    """Whether ``dest`` is this process's standard output (``/dev/stdout``, ``/proc/self/fd/1``)."""
    try:
        there, here = os.stat(dest), os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not there yet, or no stdout of its own (a test's runner)
        return False
    return (there.st_dev, there.st_ino) == (here.st_dev, here.st_ino)
