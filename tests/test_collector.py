"""A big file is checked with the garbage collector off (its millions of parsed objects have no
cycles to find), and the collector is on again afterwards, also when the check fails."""

from __future__ import annotations

import gc

import pytest

from afspraken.checking import run
from afspraken.reading.source import Source


def _seen_during_load(monkeypatch: pytest.MonkeyPatch, text: str, fail: bool = False) -> list[bool]:
    seen: list[bool] = []

    def load(source, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        if fail:
            raise RuntimeError("stuk")
        return []

    monkeypatch.setattr(run, "load", load)
    run.Checker(entry_points=False, config=False).check_source(Source("a.toml", text))
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
