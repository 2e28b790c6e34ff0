"""A big valid file lets its parsed data go once its tables are indexed (Source.settle) and its
tables share their sets of given fields (reading/budget.py): memory, with the same results."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from afspraken.checking.run import Checker
from afspraken.reading.loading import BIG, Loaded, load
from afspraken.reading.source import Source

ROOT = Path(__file__).resolve().parents[1]


def _groot(size: int, hostile: bool) -> str:
    spec = importlib.util.spec_from_file_location("_bench_groot_settle", ROOT / "benchmarks" / "groot.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.agreement(size, hostile)  # type: ignore[no-any-return]


def test_a_big_file_has_the_same_findings_and_places_without_its_data(tmp_path, monkeypatch):
    text = _groot(60_000, hostile=True) + '[verantwoording]\naan = ["p1", "bo"]\n'  # one [aanspreekpunt] table too
    assert len(text) > BIG
    path = tmp_path / "groot.toml"
    path.write_text(text, encoding="utf-8")
    settled = Checker(entry_points=False).load(path)
    assert settled[1] is not None and settled[1].source.data is None  # let go
    monkeypatch.setattr(Source, "settle", lambda self, model: None)
    kept = Checker(entry_points=False).load(path)
    assert kept[1] is not None and kept[1].source.data is not None
    assert len(kept[0].findings) > 200  # a finding on nearly every element, each placed
    assert settled[0].findings == kept[0].findings
    assert [f.locations for f in settled[0].findings] == [f.locations for f in kept[0].findings]


def test_missing_keys_are_placed_at_their_table_after_settling():
    text = _groot(40_000, hostile=True)
    loaded = load(Source("a.toml", text))
    assert isinstance(loaded, Loaded) and loaded.source.data is None
    fresh = Source("a.toml", text)
    fresh.data = __import__("tomli").loads(text)
    for path in [("actie", 3, "wanneer"), ("partij", 2, "naam"), ("aanspreekpunt", 0, "naam"), ("aanspreekpunt", 0, "bestaat-niet"), ("orgaan", 0, "lid", 5, "x", 1), ("nergens", 4)]:
        for value in (False, True):
            assert loaded.source.at(path, value=value) == fresh.at(path, value=value), path


def test_tables_with_the_same_fields_share_one_set_and_copies_do_not():
    text = _groot(40_000, hostile=False)
    loaded = load(Source("a.toml", text))
    assert isinstance(loaded, Loaded)
    partijen = loaded.agreement.partij
    assert partijen[0].model_fields_set is partijen[1].model_fields_set  # one set for the same fields
    assert partijen[0].model_fields_set == {"id", "naam", "soort", "professionals"}
    copy = partijen[0].model_copy(update={"ondertekent": False})
    assert "ondertekent" in copy.model_fields_set and "ondertekent" not in partijen[1].model_fields_set
