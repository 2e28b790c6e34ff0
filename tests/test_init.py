"""`afspraken init`: a starting draft that passes the check, never overwriting a file."""

from __future__ import annotations

import json

from afspraken.template import PLACEHOLDER


def test_init_without_input_writes_a_draft_that_passes_every_default_rule(cli, tmp_path):
    result = cli("init", "--no-input")
    assert result.exit_code == 0
    draft = (tmp_path / "afspraak.toml").read_text()
    assert PLACEHOLDER in draft and "# " in draft  # commented, with placeholders
    filled = draft.replace(f"{PLACEHOLDER}: ", "")
    (tmp_path / "ingevuld.toml").write_text(filled)
    for name in ("afspraak.toml", "ingevuld.toml"):
        check = cli("check", name, "--format", "json", "--fail-on", "advies")
        report = json.loads(check.stdout)
        assert check.exit_code == 0, report["files"][0]["findings"] or report["files"][0]["problems"]
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary files left


def test_init_asks_for_area_municipality_and_parties(cli, tmp_path):
    answers = "Woensel-West\nEindhoven\nWoningcorporatie Trudo\nBewonersraad Woensel-West\nWelzijn Eindhoven, GGD Brabant\n"
    result = cli("init", "ww.toml", input=answers)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "ww.toml").read_text()
    assert 'wijk = "Woensel-West"' in text and 'naam = "Gemeente Eindhoven"' in text
    assert 'id = "woningcorporatie-trudo"' in text and 'id = "ggd-brabant"' in text
    assert cli("check", "ww.toml").exit_code == 0


def test_init_never_overwrites(cli, tmp_path):
    (tmp_path / "afspraak.toml").write_text("mijn werk\n")
    result = cli("init", "--no-input")
    assert result.exit_code == 2 and "bestaat al" in result.output
    assert (tmp_path / "afspraak.toml").read_text() == "mijn werk\n"


def test_write_new_refuses_an_existing_file_atomically(tmp_path):
    import pytest

    from afspraken.writing import write_new

    target = tmp_path / "a.toml"
    write_new(target, "een\n")
    with pytest.raises(FileExistsError):
        write_new(target, "twee\n")
    assert target.read_text() == "een\n" and sorted(p.name for p in tmp_path.iterdir()) == ["a.toml"]
