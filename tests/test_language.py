"""English all the way and Dutch all the way: help, click's own words, option values, output."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest

from conftest import EXAMPLES

def _commands() -> list[str]:
    """Every command the group knows, so that a new one is held to the same standard."""
    from afspraken.commands import cli

    return ["", *cli.list_commands(click.Context(cli))]


COMMANDS = _commands()

# Words that only one of the two languages uses (in help texts; names of options, files and
# values are left out below, since those stay Dutch in both languages).
DUTCH = set(
    "de het een van naar niet voor toon deze regels regel bestand bestanden welke uitvoer taal hulp opties opdrachten "
    "gebruik mag zijn wat waarom wel met alleen ook standaard stop schrijf niets dit die als nieuwe versie waar "
    "toets afspraak mappen vorm wordt kan geen zet overslaan geladen uitleg aantal processen".split()
)
ENGLISH = set(
    "the and this show exit file files rules rule with to for from only also use write which not message "
    "options commands usage error default help agreement agreements set sets skip check name where what why "
    "language output folders number processes more than".split()
)


def _words(text: str) -> set[str]:
    """Lower-case words of running text: no option names, metavars, paths, ids or values in quotes."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"|\[[^\]]*\]", " ", text)
    names = {"afspraken", *COMMANDS}  # the program and its commands keep their names
    return {w for w in re.findall(r"(?<![-\w./:=])[a-zà-ÿ]+(?![-\w./:=])", text)} - names


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("how", ["before", "after", "env"])
def test_every_help_is_in_one_language(cli, command, how):
    for lang, foreign in (("nl", ENGLISH), ("en", DUTCH)):
        args = [command] if command else []
        if how == "before":
            result = cli("--lang", lang, *args, "--help")
        elif how == "after":
            result = cli(*args, "--help", "--lang", lang)
        else:
            result = cli(*args, "--help", env={"AFSPRAKEN_LANG": lang})
        assert result.exit_code == 0, result.output
        left = _words(result.output) & foreign
        assert not left, f"{lang} help of '{command}' has words of the other language: {sorted(left)}\n{result.output}"
        assert ("Usage:" if lang == "en" else "Gebruik:") in result.output


def test_the_detector_sees_a_sentence_left_in_the_other_language():
    assert _words("  -h, --help  Show this message and exit.") & ENGLISH
    assert _words("  --alle  Ook regels die in geen actieve regelset staan.") & DUTCH
    assert not _words("--toon-geslaagd  [standaard: text] 'VUL IN' afspraak.toml --fail-on") & (DUTCH | ENGLISH)


def test_lang_before_and_after_the_command(cli):
    before = cli("--lang", "en", "check", str(EXAMPLES / "woensel-west.toml"))
    after = cli("check", str(EXAMPLES / "woensel-west.toml"), "--lang", "en")
    assert before.exit_code == after.exit_code == 0
    assert before.stdout == after.stdout and "0 errors" in before.stdout


@pytest.mark.parametrize(("nl", "en", "code"), [("fout", "error", 1), ("waarschuwing", "warning", 1), ("advies", "note", 1), ("nooit", "never", 0)])
def test_option_values_in_both_languages(cli, nl, en, code):
    path = str(EXAMPLES / "ongelijke-stem.toml")
    assert cli("check", path, "--fail-on", nl).exit_code == code
    assert cli("check", path, "--fail-on", en).exit_code == code
    assert cli("check", path, "--fail-on", en, "--lang", "en").exit_code == code


def test_refused_value_lists_the_values_of_the_language(cli):
    nl = cli("check", "--fail-on", "warn")
    en = cli("check", "--fail-on", "warn", "--lang", "en")
    assert nl.exit_code == en.exit_code == 2
    assert "'fout', 'waarschuwing', 'advies', 'nooit'" in nl.output and "'error'" not in nl.output
    assert "'error', 'warning', 'note', 'never'" in en.output and "'fout'" not in en.output


def test_explain_in_english_says_error(cli):
    result = cli("explain", "gelijke-stem", "--lang", "en")
    assert "Default severity: error\n" in result.stdout and "fout" not in result.stdout.split("Plugin")[0]


def test_version_in_both_languages(cli):
    assert cli("--version").stdout.strip().startswith("afspraken, versie ")
    assert cli("--lang", "en", "--version").stdout.strip().startswith("afspraken, version ")


def _click_messages() -> set[str]:
    found: set[str] = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                found |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found


def test_every_translated_click_message_is_still_one_of_clicks():
    """click's messages are translated by id: a reworded message would silently stay English."""
    from afspraken.commands.clicktext import MESSAGES, PLURALS

    known = _click_messages()
    ours = set(MESSAGES) | {m for pair in PLURALS for m in pair}
    assert ours - known == set()
    for msgid in ("Usage:", "Show this message and exit.", "Error: {message}", "No such option {name!r}."):
        assert msgid in MESSAGES


def test_dutch_run_then_english_run_in_one_process(cli):
    """The language is chosen per run: nothing of the previous run's language sticks."""
    assert "Toon deze hulp" in cli("--help").output
    assert "Show this message" in cli("--help", "--lang", "en").output
    assert "Toon deze hulp" in cli("--help").output


@pytest.mark.parametrize(("value", "lang"), [("EN", "en"), ("en_GB.UTF-8", "en"), ("nl-NL", "nl"), (" en ", "en")])
def test_afspraken_lang_is_read_as_a_locale_is_written(cli, value, lang):
    result = cli("check", str(EXAMPLES / "woensel-west.toml"), env={"AFSPRAKEN_LANG": value})
    assert result.exit_code == 0 and ("errors" if lang == "en" else "fouten") in result.stdout and not result.stderr


def test_an_unknown_afspraken_lang_is_said_once_not_silently_dutch(cli):
    result = cli("check", str(EXAMPLES / "woensel-west.toml"), env={"AFSPRAKEN_LANG": "fr"})
    assert result.exit_code == 0 and "fouten" in result.stdout
    assert result.stderr.count("AFSPRAKEN_LANG='fr' is geen taal van afspraken (nl of en)") == 1
    chosen = cli("check", str(EXAMPLES / "woensel-west.toml"), "--lang", "en", env={"AFSPRAKEN_LANG": "fr"})
    assert "AFSPRAKEN_LANG" not in chosen.stderr  # --lang chose: the variable is not read
