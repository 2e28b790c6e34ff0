"""Writing reports never damages the user's files."""

from __future__ import annotations

import json
import os
import stat

import pytest

from afspraken.reporting.writing import OutputError, write_report
from conftest import EXAMPLES

GOOD = EXAMPLES / "woensel-west.toml"


def test_report_replaces_an_old_report_keeping_its_mode(tmp_path):
    target = tmp_path / "rapport.txt"
    target.write_text("oud\n")
    os.chmod(target, 0o640)
    write_report(target, "nieuw\n")
    assert target.read_text() == "nieuw\n" and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.txt"]


def test_new_report_gets_the_usual_mode(tmp_path):
    old = os.umask(0o022)
    try:
        write_report(tmp_path / "r.txt", "x\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.txt").stat().st_mode) == 0o644


def test_a_symlink_is_written_through_not_replaced(tmp_path):
    (tmp_path / "echt.html").write_text("oud")
    (tmp_path / "link.html").symlink_to(tmp_path / "echt.html")
    write_report(tmp_path / "link.html", "nieuw")
    assert (tmp_path / "link.html").is_symlink() and (tmp_path / "echt.html").read_text() == "nieuw"


def test_a_pipe_or_device_is_written_into(tmp_path):
    write_report(type(tmp_path)(os.devnull), "weg\n")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_an_existing_toml_file_is_never_overwritten_by_a_report(tmp_path):
    agreement = tmp_path / "andere.toml"
    agreement.write_text(GOOD.read_text())
    with pytest.raises(OutputError) as info:
        write_report(agreement, "rapport")
    assert "een rapport overschrijft dat niet" in info.value.message("nl")
    assert agreement.read_text() == GOOD.read_text()


def test_unwritable_places_are_clear_errors(tmp_path):
    (tmp_path / "bestand").write_text("x")
    with pytest.raises(OutputError) as info:
        write_report(tmp_path / "bestand" / "r.txt", "x")
    assert "kan niet schrijven" in info.value.message("nl")


def test_cli_refuses_to_write_a_report_over_another_agreement(cli, write):
    other = write("andere.toml", GOOD.read_text())
    result = cli("check", str(GOOD), "--output", str(other))
    assert result.exit_code == 2 and "TOML-bestand" in result.output and other.read_text() == GOOD.read_text()
    assert cli("schema", "--output", str(other)).exit_code == 2 and other.read_text() == GOOD.read_text()


def test_output_format_follows_the_file_name(cli, tmp_path):
    assert cli("check", str(GOOD), "--output", "rapport.html").exit_code == 0
    assert (tmp_path / "rapport.html").read_text().startswith("<!DOCTYPE html>")
    cli("check", str(GOOD), "--output", "r.json")
    assert json.loads((tmp_path / "r.json").read_text())["schema"] == "afspraken-rapport"
    result = cli("check", str(GOOD), "--output", "-")
    assert "0 fouten" in result.stdout and not (tmp_path / "-").exists()


def test_empty_file_name_after_colon_is_a_usage_error(cli):
    result = cli("check", str(GOOD), "--format", "sarif:")
    assert result.exit_code == 2 and "geef een bestandsnaam" in result.output


def test_new_file_without_hard_links_still_never_replaces(tmp_path, monkeypatch):
    from afspraken.reporting import writing

    def no_links(src, dst):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(writing.os, "link", no_links)
    writing.write_new(tmp_path / "a.toml", "een\n")
    with pytest.raises(FileExistsError):
        writing.write_new(tmp_path / "a.toml", "twee\n")
    assert (tmp_path / "a.toml").read_text() == "een\n" and sorted(p.name for p in tmp_path.iterdir()) == ["a.toml"]


def test_ctrl_c_while_the_temporary_file_is_made_leaves_nothing(tmp_path, monkeypatch):
    """The name is known before the file exists: an interrupt that lands inside the call that
    creates it (the file made, the call not yet returned) still leaves no file behind."""
    from afspraken.reporting import writing

    real_open = os.open

    def open_then_interrupted(name, flags, mode=0o777):
        real_open(name, flags, mode)
        raise KeyboardInterrupt

    monkeypatch.setattr(writing.os, "open", open_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        writing.ReportFile(tmp_path / "r.json")
    assert [p.name for p in tmp_path.iterdir()] != []  # the file was made ...
    writing.remove_pending()  # ... and what the Ctrl-C handler calls removes it
    assert list(tmp_path.iterdir()) == []
