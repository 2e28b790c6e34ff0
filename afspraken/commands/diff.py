"""``afspraken diff OUD NIEUW``: what changed between two drafts, and did the draft get worse?"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple, Optional, Union

import click

from afspraken.commands.options import CONFIG, FAIL_ON, LANG, PLUGIN, REGELSET, argument, command, option, say as _t
from afspraken.results import FileResult, Location, Problem
from afspraken.rules import Text


class Side(NamedTuple):
    result: FileResult
    agreement: Any
    data: Any


def _git_show(spec: str) -> Union[bytes, Problem]:
    """``REV:PATH`` from git; a path without ``/`` or ``./`` is taken from the working folder."""
    rev, _, path = spec.partition(":")
    if rev != rev.strip() or (rev and not rev.strip()):  # ` HEAD:x` fails in git with a message about a path
        return Problem(Location(spec, 1, 1), Text("geef vóór de : een versie uit git zonder spaties, zoals HEAD:convenant.toml", "give a git version before the : without spaces, such as HEAD:convenant.toml"), "bestand")
    # `:PAD` (no version) is the staged copy, as git reads it: what a pre-commit hook compares.
    # A version is the start of git's argument, so one that starts with '-' is refused: git would
    # read it as an option (`--output=...` overwrites a file). No `--end-of-options`: git < 2.24 lacks it.
    if rev.startswith("-"):
        return Problem(
            Location(spec, 1, 1),
            Text(f"de versie {rev!r} begint met '-': die geven we niet aan git, want git zou haar als optie lezen", f"the version {rev!r} starts with '-': it is not passed to git, which would read it as an option"),
            "bestand",
        )
    if not rev and path.startswith("/"):  # git reads `:/text` as "the newest commit whose message has text"
        return Problem(
            Location(spec, 1, 1),
            Text("na : zonder versie hoort een pad in de repository, zoals :convenant.toml (de versie die klaarstaat voor de commit)",
                 "after : without a version comes a path in the repository, such as :convenant.toml (the staged version)"),
            "bestand",
        )
    if not path.startswith(("/", "./", "../")):
        path = "./" + path
    if not path.strip("./ \t"):  # `HEAD:` or `HEAD: `: git would show the tree's listing
        return Problem(Location(spec, 1, 1), Text("geef na REV: een bestand, zoals HEAD:convenant.toml", "give a file after REV:, such as HEAD:convenant.toml"), "bestand")
    try:
        kind = subprocess.run(["git", "cat-file", "-t", f"{rev}:{path}"], capture_output=True, check=False)
        if kind.returncode == 0 and kind.stdout.strip() != b"blob":  # a folder (tree): its listing is no agreement
            return Problem(Location(spec, 1, 1), Text("dit is een map in git, geen bestand", "this is a folder in git, not a file"), "bestand")
        done = subprocess.run(["git", "show", f"{rev}:{path}"], capture_output=True, check=False)
    except OSError as exc:
        from afspraken.reading.files import reason

        why = reason(exc)
        return Problem(Location(spec, 1, 1), Text(f"git is niet te starten: {why.nl}", f"cannot start git: {why.en}"), "bestand")
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        told = said[0].removeprefix("fatal: ") if said else f"exit {done.returncode}"
        return Problem(Location(spec, 1, 1), Text(f"niet te lezen uit git: {told}", f"cannot read from git: {told}"), "bestand")
    return done.stdout


def _in_git(spec: str) -> bool:
    """``REV:PAD`` (no file of that name on disk): a draft to read from git."""
    return ":" in spec and not Path(spec).exists()


def _file_of(spec: str) -> str:
    """The file a draft is: ``PAD`` of ``REV:PAD``, else the path itself."""
    return spec.partition(":")[2] if _in_git(spec) else spec


def _read(spec: str, checker: Any, beside: Optional[Path] = None) -> Union[Side, FileResult]:
    """One side, read and checked exactly as ``check`` does; a FileResult with problems if it cannot be.
    ``beside``: the folder whose config applies to stdin (the old draft's: the same settings)."""
    data: Optional[bytes] = None
    path = spec
    if spec == "-":
        # bounded by that folder's limit, as in check: the reader says "too big" rather than
        # filling memory (< /dev/zero), or judging the first 20 MB of a bigger file that is allowed
        from afspraken.reading.files import read_stdin

        folder = (beside or Path.cwd()).absolute()
        data, path = read_stdin(checker.environment(folder).limits), str(folder / "-")
    elif _in_git(spec):
        shown = _git_show(spec)
        if isinstance(shown, Problem):
            return FileResult(spec, problems=(shown,))
        data, path = shown, _file_of(spec)
    result, loaded = checker.load(path, data, spec)
    if loaded is None:
        return result
    parsed = loaded.source.data
    if parsed is None:  # a big file lets its parsed data go once indexed (Source.settle): read it again
        from afspraken.reading import chunks

        parsed = chunks.loads(loaded.source.text)  # in parts, as loading did: Ctrl-C is answered
    return Side(result, loaded.agreement, parsed)


@command(
    "diff",
    help_en="""Compare two drafts of an agreement: parties, seats and votes, mandate, actions, participation,
    waivers, and which findings are new, resolved or still open.

    NEW may be - (stdin, judged under OLD's config); OLD and NEW may be REV:PATH (from git, such as HEAD~1:convenant.toml).
    Exit code 0: not worse; 1: new findings at or above --fail-on; 2: a draft could not be evaluated.
    """,
)
@argument("old", metavar="OUD", metavar_en="OLD")
@argument("new", metavar="NIEUW", metavar_en="NEW")
@REGELSET
@option("--format", "fmt", type=click.Choice(["text", "markdown", "html", "json"]), default="text", show_default=True, help="Vorm van de uitvoer.", help_en="Form of the output.")
@option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="BESTAND", metavar_en="FILE", help="Schrijf de uitvoer naar dit bestand.", help_en="Write the output to this file.")
@option(
    "--fail-on", type=FAIL_ON, default="fout",
    help="Exitcode 1 als de nieuwe versie nieuwe bevindingen van deze ernst of erger heeft (standaard: fout).",
    help_en="Exit code 1 when the new draft has new findings of this severity or worse (default: error).",
)
@LANG
@CONFIG
@PLUGIN
def diff_command(old: str, new: str, regelsets: tuple[str, ...], fmt: str, output: Optional[Path], fail_on: str, lang: str, config: Optional[Path], plugins: tuple[str, ...]) -> None:
    """Vergelijk twee versies van een afspraak: partijen, zetels en stemmen, mandaat, acties, participatie,
    uitzonderingen, en welke bevindingen nieuw, opgelost of nog open zijn.

    NIEUW mag - zijn (stdin, beoordeeld met de config van OUD); OUD en NIEUW mogen REV:PAD zijn (uit git, zoals HEAD~1:convenant.toml).
    Exitcode 0: niet slechter; 1: nieuwe bevindingen op of boven --fail-on; 2: een versie kon niet worden beoordeeld.
    """
    from afspraken.checking.run import Checker
    from afspraken.diffing import compare
    from afspraken.reporting.diffs import FORMATS
    from afspraken.rules import Severity

    if old == "-":
        raise click.UsageError(_t(lang, "alleen NIEUW kan - (stdin) zijn", "only NEW can be - (stdin)"))
    checker = Checker(regelsets=regelsets, plugins=plugins, config=config, max_findings=0)  # every finding: a hidden one is no change
    # The new draft on stdin is judged under the old one's settings (its folder's config), as a
    # new version of the same file is: identical text then gives identical findings
    sides = [_read(old, checker), _read(new, checker, beside=Path(_file_of(old)).parent)]
    broken = [s for s in sides if isinstance(s, FileResult)]
    run = checker.report([s if isinstance(s, FileResult) else s.result for s in sides])
    if broken or run.crashes or run.problems:
        from afspraken.reporting import Context
        from afspraken.reporting.text import problems

        click.echo(problems(run, Context(lang)), err=True, nl=False)
        if broken:
            n = sum(len(s.problems) for s in broken)
            click.echo(_t(lang, f"niet vergeleken: {n} invoerfout(en).", f"not compared: {n} input error(s)."), err=True)
            sys.exit(2)
    a, b = sides
    assert isinstance(a, Side) and isinstance(b, Side)
    comparison = compare(a.result, b.result, a.agreement, b.agreement, a.data, b.data)
    text = FORMATS[fmt](comparison, lang)
    if output is None:
        click.echo(text, nl=False)
    else:
        from afspraken.reporting.writing import OutputError, write_report

        try:
            write_report(output, text)
        except OutputError as exc:
            click.echo(exc.message(lang), err=True)
            sys.exit(2)
        from afspraken.reporting.diffs import summary

        click.echo(summary(comparison, lang), err=True)
        click.echo(_t(lang, f"rapport geschreven: {output}", f"report written: {output}"), err=True)
    if run.crashes or run.problems:
        sys.exit(2)
    sys.exit(1 if comparison.worse(None if fail_on == "nooit" else Severity(fail_on)) else 0)
