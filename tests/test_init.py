"""`afspraken init`: a starting draft that passes the check, never overwriting a file."""

from __future__ import annotations

import json
import re

import pytest


def fill(draft: str) -> str:
    """Every marker replaced by a plausible answer (the hint for text, a number for numbers)."""
    draft = re.sub(r"0  # VUL IN: (aantal bewoners|number of residents)[^\n]*", "8500", draft)
    draft = re.sub(r"0  # VUL IN: [^\n]*", "2", draft)
    return re.sub(r'"VUL IN: ([^"]*)"', lambda m: json.dumps(m.group(1)), draft)


def test_unfilled_draft_lists_every_place_to_fill_in(cli, tmp_path):
    result = cli("init", "--no-input")
    assert result.exit_code == 0
    draft = (tmp_path / "afspraak.toml").read_text()
    check = cli("check", "afspraak.toml", "--format", "json")
    assert check.exit_code == 1  # the rules ran: the draft is read, and it is not in order
    [file] = json.loads(check.stdout)["files"]
    marked = {(i, line.index("VUL IN") + 1) for i, line in enumerate(draft.splitlines(), 1) if "VUL IN" in line}
    assert len(marked) >= 15
    assert {(f["line"], f["column"]) for f in file["findings"] if f["rule"] == "nog-invullen"} == marked
    assert not any(line.lstrip().startswith("#") and "VUL IN" in line for line in draft.splitlines())  # none hidden


@pytest.mark.parametrize("regelset", ["wijkaanpak", "buurtonderneming"])
def test_filled_in_draft_passes_every_rule(cli, tmp_path, regelset):
    cli("init", "--no-input")
    (tmp_path / "ingevuld.toml").write_text(fill((tmp_path / "afspraak.toml").read_text()))
    check = cli("check", "ingevuld.toml", "--regelset", regelset, "--fail-on", "advies", "--format", "json")
    report = json.loads(check.stdout)
    assert check.exit_code == 0, report["files"][0]["findings"] or report["files"][0]["problems"]
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary files left


def test_init_asks_for_area_municipality_and_parties(cli, tmp_path):
    answers = "Woensel-West\nEindhoven\nWoningcorporatie Trudo\n\nBewonersraad Woensel-West\nWelzijn Eindhoven, Stichting Één, Welzijn Eindhoven, -\n\n"
    result = cli("init", "ww.toml", input=answers)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "ww.toml").read_text()
    assert 'wijk = "Woensel-West"' in text and 'naam = "Gemeente Eindhoven"' in text
    assert 'id = "woningcorporatie-trudo"' in text and 'id = "stichting-een"' in text
    assert 'id = "welzijn-eindhoven"' in text and 'id = "welzijn-eindhoven-2"' in text and 'naam = "-"' not in text
    (tmp_path / "ww-ingevuld.toml").write_text(fill(text))
    assert cli("check", "ww-ingevuld.toml").exit_code == 0


def test_several_corporations_comma_separated_or_one_by_one(cli, tmp_path):
    commas = cli("init", "a.toml", input="Noord\nGroningen\nMitros, Portaal\n\nHuurders Noord\nGGD\n\n")
    one_by_one = cli("init", "b.toml", input="Noord\nGroningen\nMitros\nPortaal\n\nHuurders Noord\nGGD\n\n")
    assert commas.exit_code == one_by_one.exit_code == 0, commas.output + one_by_one.output
    a, b = (tmp_path / "a.toml").read_text(), (tmp_path / "b.toml").read_text()
    assert a == b
    assert 'id = "mitros"' in a and 'id = "portaal"' in a and "mitros-portaal" not in a
    assert 'mandaat = ["gemeente", "mitros", "portaal"]' in a
    assert a.count('soort = "corporatie"') == 2 and a.count('partij = "portaal"') == 1


def _answer(hint: str, line: str) -> str:
    """What a policy officer types at a place the check named."""
    if re.search(r"= 0  # VUL IN", line):
        value = "8500" if "bewoners" in hint else "4000" if "huishoudens" in hint else "3"
        return re.sub(r"0  # VUL IN.*", value, line)
    answers = {"wie zit er namens": "wethouder", "actie op straatniveau": "Voortuinen opknappen in de Celebesstraat"}
    value = next((v for k, v in answers.items() if k in hint), hint.capitalize())
    return re.sub(r'"VUL IN: [^"]*"', json.dumps(f"{value} ({hint})" if "namens" in hint else value), line)


def test_from_init_to_a_passing_draft_as_a_policy_officer_would(cli, tmp_path):
    """Init with two corporations, then fill in only what `check` names, round by round."""
    answers = "Woensel-West\nEindhoven\nMitros, Portaal\n\nBewonersraad Woensel-West\nGGD Brabant-Zuidoost\nStichting Welzijn\n\n"
    assert cli("init", "convenant.toml", input=answers).exit_code == 0
    path = tmp_path / "convenant.toml"
    rounds = 0
    while True:
        rounds += 1
        check = cli("check", "convenant.toml", "--format", "json")
        if check.exit_code == 0:
            break
        assert rounds < 4, check.stdout
        [file] = json.loads(check.stdout)["files"]
        assert not file["problems"], file["problems"]  # the draft is always readable: never "0 fouten" over input errors
        lines = path.read_text().splitlines()
        for f in file["findings"]:
            assert f["rule"] == "nog-invullen", f  # nothing else stands in the way
            hint = f["message"].removeprefix("nog in te vullen: ")
            lines[f["line"] - 1] = _answer(hint, lines[f["line"] - 1])
        path.write_text("\n".join(lines) + "\n")
    assert rounds == 2  # one round of filling in what was asked
    assert "VUL IN" not in path.read_text()


def test_a_marker_anywhere_is_a_finding_at_the_marker(cli, write):
    from conftest import EXAMPLES

    text = (EXAMPLES / "woensel-west.toml").read_text().replace("huishoudens = 4200", "huishoudens = 4200  # VUL IN: nog navragen")
    path = write("a.toml", text)
    line = text.splitlines().index("huishoudens = 4200  # VUL IN: nog navragen") + 1
    result = cli("check", str(path))
    assert result.exit_code == 1
    assert f"a.toml:{line}:23: fout nog-invullen: nog in te vullen: nog navragen" in result.stdout
    assert cli("check", str(path), "--ignore", "nog-invullen").exit_code == 0


def test_a_marker_with_another_space_is_found_and_vul_in_in_prose_is_not(cli, write):
    """"VUL\u00a0IN" (a no-break space from a word processor) was passed over; "vul in" in lower
    case is ordinary Dutch, and stays so."""
    from conftest import EXAMPLES

    text = (EXAMPLES / "woensel-west.toml").read_text(encoding="utf-8")
    spaced = write("a.toml", text.replace("huishoudens = 4200", "huishoudens = 4200  # VUL\u00a0IN: navragen"))
    assert "nog in te vullen: navragen" in cli("check", str(spaced)).stdout
    prose = write("b.toml", text.replace("huishoudens = 4200", "huishoudens = 4200  # vul in wat de gemeente telt"))
    assert cli("check", str(prose)).exit_code == 0


def test_the_summary_after_input_errors_says_the_rules_did_not_run(cli, write):
    bad = write("kapot.toml", '[afspraak]\ntitel = ""\n')
    result = cli("check", str(bad))
    assert result.exit_code == 2
    assert "0 fouten" not in result.stdout
    problems = [line for line in result.stdout.splitlines() if line.startswith(str(bad))]
    assert result.stdout.rstrip().endswith(f"Niet getoetst: {len(problems)} invoerfouten in 1 bestand; de regels zijn niet uitgevoerd.")
    en = cli("check", str(bad), "--lang", "en")
    assert en.stdout.rstrip().endswith(f"Not checked: {len(problems)} input errors in 1 file; the rules were not run.")


def test_init_in_english_keeps_the_dutch_keys(cli, tmp_path):
    assert cli("init", "--no-input", "--lang", "en").exit_code == 0
    text = (tmp_path / "afspraak.toml").read_text()
    comments = " ".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    assert "The body that decides" in comments and "Het orgaan" not in comments
    assert "[[orgaan]]" in text and "bewoners_betrokken" in text 
    assert '"VUL IN: name of the municipality"' in text
    (tmp_path / "filled.toml").write_text(fill(text))
    assert cli("check", "filled.toml").exit_code == 0


def test_init_never_overwrites(cli, tmp_path):
    (tmp_path / "afspraak.toml").write_text("mijn werk\n")
    result = cli("init", "--no-input")
    assert result.exit_code == 2 and "bestaat al" in result.output
    assert (tmp_path / "afspraak.toml").read_text() == "mijn werk\n"


def test_write_new_refuses_an_existing_file_atomically(tmp_path):
    import pytest

    from afspraken.reporting.writing import write_new

    target = tmp_path / "a.toml"
    write_new(target, "een\n")
    with pytest.raises(FileExistsError):
        write_new(target, "twee\n")
    assert target.read_text() == "een\n" and sorted(p.name for p in tmp_path.iterdir()) == ["a.toml"]


def test_init_under_a_file_says_what_is_wrong(cli, tmp_path):
    (tmp_path / "bestand").write_text("x")
    result = cli("init", "bestand/nieuw.toml", "--no-input")
    assert result.exit_code == 2 and "bestand is geen map" in result.output and "bestaat al" not in result.output


def test_an_answer_that_is_not_utf8_is_asked_again_and_never_written(tmp_path):
    """stdin from a file in another encoding: Python reads such bytes as lone surrogates, and
    written as a TOML escape they made a file that `check` could not read."""
    import subprocess
    import sys
    from pathlib import Path

    import tomli

    command = Path(sys.executable).with_name("afspraken")
    done = subprocess.run(
        [str(command), "init", "n.toml"], input=b"Woensel-W\xc3\nWoensel-West\n\n\n\n\n\n", cwd=tmp_path, capture_output=True, timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert "geen geldige tekst (geen UTF-8); typ het opnieuw" in done.stderr.decode()
    text = (tmp_path / "n.toml").read_text(encoding="utf-8")
    assert 'wijk = "Woensel-West"' in text and "\\udc" not in text
    tomli.loads(text)  # the file reads again


def test_an_answer_with_a_control_or_invisible_character_is_asked_again(cli, tmp_path):
    """ESC, BEL or U+202E in a name: nothing a name needs, and it would travel into every report."""
    answers = "Woensel\x1b[2J\nWoensel-\u202eWest\nWoensel-West\n\n\n\n\n\n"
    result = cli("init", "ww.toml", input=answers)
    assert result.exit_code == 0, result.output
    assert result.stderr.count("bevat een stuurteken of onzichtbaar teken") == 2 and "\\x1b[2J" in result.stderr
    text = (tmp_path / "ww.toml").read_text(encoding="utf-8")
    assert 'wijk = "Woensel-West"' in text and "\x1b" not in text and "\u202e" not in text


def test_answers_are_read_as_utf8_whatever_the_locale(tmp_path):
    """PYTHONIOENCODING=ascii made an answer with "é" a UnicodeDecodeError traceback."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    command = Path(sys.executable).with_name("afspraken")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [str(command), "init", "n.toml"], input="Wéék\nGemeente\n\n\n\n\n\n".encode(), cwd=tmp_path, capture_output=True, timeout=30, env=env,
    )
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
    assert 'wijk = "Wéék"' in (tmp_path / "n.toml").read_text(encoding="utf-8")
