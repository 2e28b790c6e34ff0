"""The command checks a big file with the garbage collector off (its millions of parsed objects
have no cycles to find), and the collector is on again afterwards, also when the check fails; a
Checker made by a program leaves the collector alone unless asked."""

from __future__ import annotations

import gc

import pytest

from afspraken.checking import run
from afspraken.reading.source import Source


def _seen_during_load(monkeypatch: pytest.MonkeyPatch, text: str, fail: bool = False, off_from: int | None = run.BIG_FILE) -> list[bool]:
    seen: list[bool] = []

    def load(source, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        if fail:
            raise RuntimeError("stuk")
        return []

    monkeypatch.setattr(run, "load", load)
    checker = run.Checker(entry_points=False, config=False)
    checker.collector_off_from = off_from
    checker.check_source(Source("a.toml", text))
    return seen


def test_the_collector_is_off_for_a_big_file_only(monkeypatch):
    assert gc.isenabled()
    assert _seen_during_load(monkeypatch, "formaat = 1\n") == [True]
    assert _seen_during_load(monkeypatch, "formaat = 1\n" + "#" * run.BIG_FILE) == [False]
    assert gc.isenabled()


def test_the_collector_is_on_again_after_a_failure(monkeypatch):
    assert _seen_during_load(monkeypatch, "formaat = 1\n" + "#" * run.BIG_FILE, fail=True) == [False]
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off(monkeypatch):
    gc.disable()
    try:
        _seen_during_load(monkeypatch, "formaat = 1\n" + "#" * run.BIG_FILE)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_checker_of_a_program_leaves_the_collector_alone(monkeypatch):
    assert _seen_during_load(monkeypatch, "formaat = 1\n" + "#" * run.BIG_FILE, off_from=None) == [True]


def test_the_command_asks_for_it(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from afspraken.commands import cli

    seen: list[bool] = []
    monkeypatch.setattr(run, "load", lambda source, **kwargs: seen.append(gc.isenabled()) or [])
    (tmp_path / "groot.toml").write_text("formaat = 1\n" + "#" * run.BIG_FILE, encoding="utf-8")
    (tmp_path / "klein.toml").write_text("formaat = 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    CliRunner().invoke(cli, ["check", "groot.toml", "klein.toml", "--jobs", "1"], catch_exceptions=False)
    assert seen == [False, True] and gc.isenabled()
