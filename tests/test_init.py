"""`afspraken init`: a starting draft that passes the check, never overwriting a file."""

from __future__ import annotations

import json
import re

import pytest


def fill(draft: str) -> str:
    return re.sub(r'""  # VUL IN: ([^\n]*)', lambda m: f'"{m.group(1)}"', draft)


def test_unfilled_draft_lists_every_place_to_fill_in(cli, tmp_path):
    result = cli("init", "--no-input")
    assert result.exit_code == 0
    draft = (tmp_path / "afspraak.toml").read_text()
    check = cli("check", "afspraak.toml")
    assert check.exit_code == 2
    required = ("titel", "wijk", "gemeente", "naam", "wat")  # text the format requires
    empty = [i for i, line in enumerate(draft.splitlines(), 1) if any(line.strip().startswith(f'{k} = ""') for k in required)]
    assert len(empty) >= 10
    for line in empty:
        assert f"afspraak.toml:{line}:" in check.output, (line, check.output)
    assert "'wijk' in [afspraak] mag niet leeg zijn" in check.output


@pytest.mark.parametrize("regelset", ["wijkaanpak", "buurtonderneming"])
def test_filled_in_draft_passes_every_rule(cli, tmp_path, regelset):
    cli("init", "--no-input")
    (tmp_path / "ingevuld.toml").write_text(fill((tmp_path / "afspraak.toml").read_text()))
    check = cli("check", "ingevuld.toml", "--regelset", regelset, "--fail-on", "advies", "--format", "json")
    report = json.loads(check.stdout)
    assert check.exit_code == 0, report["files"][0]["findings"] or report["files"][0]["problems"]
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary files left


def test_init_asks_for_area_municipality_and_parties(cli, tmp_path):
    answers = "Woensel-West\nEindhoven\nWoningcorporatie Trudo\nBewonersraad Woensel-West\nWelzijn Eindhoven, Stichting Één, Welzijn Eindhoven, -\n"
    result = cli("init", "ww.toml", input=answers)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "ww.toml").read_text()
    assert 'wijk = "Woensel-West"' in text and 'naam = "Gemeente Eindhoven"' in text
    assert 'id = "woningcorporatie-trudo"' in text and 'id = "stichting-een"' in text
    assert 'id = "welzijn-eindhoven"' in text and 'id = "welzijn-eindhoven-2"' in text and 'naam = "-"' not in text
    (tmp_path / "ww-ingevuld.toml").write_text(fill(text))
    assert cli("check", "ww-ingevuld.toml").exit_code == 0


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
