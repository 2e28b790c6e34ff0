"""The fuzzing campaign, kept: every reproducer it (or the campaign of issue 10) found, and a
short campaign with a fixed seed against the installed tool (``fuzz/kampagne.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "fuzz"))
import kampagne  # noqa: E402

REPRODUCERS = sorted((ROOT / "tests" / "data" / "fuzz").glob("*.toml"))
# What each reproducer must give: the exit code with --fail-on nooit (0: judged, 2: refused) and a
# piece of the first message, so that a reproducer cannot pass by being ignored.
EXPECTED = {
    "diep-genest.toml": (2, "dieper dan"),
    "getal-4301-cijfers.toml": (2, "'afspraak.bewoners' is een getal van 4301 cijfers"),
    "hex-getal-6000-cijfers.toml": (2, "'bewoners' moet hoogstens 10000000 zijn"),
    "kapotte-afspraak-kop.toml": (2, "TOML-fout"),
    "lange-termijn-begin-9999.toml": (2, "'ingangsdatum' moet hoogstens 2199-12-31 zijn"),
    "lange-termijn-eind-9999.toml": (2, "'einddatum' moet hoogstens 2199-12-31 zijn"),
    "naam-met-nieuwe-regel.toml": (0, "in 'Buurtonderneming\\nnep.toml:1:1: fout x: vervalst\\x1b[31m'"),
    "professionals-400-cijfers.toml": (2, "'professionals' moet hoogstens 10000000 zijn, niet ~10^399"),
}


def test_every_reproducer_has_an_expectation() -> None:
    assert {p.name for p in REPRODUCERS} == set(EXPECTED)


@pytest.mark.parametrize("path", REPRODUCERS, ids=lambda p: p.name)
def test_a_reproducer_is_handled(path: Path) -> None:
    tool = kampagne.command()
    code, out, err, _ = kampagne.run([path.relative_to(ROOT)], ROOT, tool, timeout=60)  # a hang check, not a timing
    assert kampagne.judge([path.relative_to(ROOT)], code, out, err) == []
    text = subprocess.run([*tool, "check", str(path), "--fail-on", "nooit"], capture_output=True, text=True, timeout=60)
    expected_code, piece = EXPECTED[path.name]
    assert text.returncode == expected_code
    first = text.stdout.splitlines()[0]
    assert piece in first and "\x1b" not in text.stdout and "Traceback" not in text.stderr


def test_a_big_hostile_agreement_finishes() -> None:
    """The >20 s files of the campaign (gelijke-stem, mandaat, rendering): now linear. A hang
    check with a generous limit, not a timing."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import groot
    finally:
        sys.path.pop(0)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "groot.toml"
        path.write_text(groot.agreement(600_000, hostile=True), encoding="utf-8")
        done = subprocess.run([*kampagne.command(), "check", str(path), "--format", "json", "--fail-on", "nooit"], capture_output=True, text=True, timeout=120)
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["summary"]["fout"] > 1000  # judged in full, every finding located
    assert all(f["line"] >= 1 for f in report["files"][0]["findings"])


# -- the judge itself: each kind of trouble is seen ---------------------------------------------


def _report(**file: object) -> str:
    entry = {"path": "a.toml", "problems": [], "crashes": [], **file}
    return json.dumps({"files": [entry], "crashes": [], "notes": []})


@pytest.mark.parametrize(
    ("code", "out", "err", "reason"),
    [
        (2, _report(), "Traceback (most recent call last):", "traceback"),
        (1, _report(), "", "exitcode"),
        (-11, _report(), "", "exitcode"),
        (2, _report(crashes=[{"message": "plugin 'x' faalde"}]), "", "crash"),
        (2, _report(problems=[{"line": 0, "message": "x"}]), "", "ongelokaliseerd"),
        (2, _report(problems=[{"line": 1, "message": "interne fout: KeyError"}]), "", "ongelokaliseerd"),
        (0, json.dumps({"files": [], "crashes": [], "notes": []}), "", "stil-overgeslagen"),
        (0, "niet json", "", "geen-json"),
        (-999, "", "", "te-traag"),
    ],
)
def test_the_judge_sees_each_kind_of_trouble(code: int, out: str, err: str, reason: str) -> None:
    found = kampagne.judge([Path("a.toml")], code, out, err)
    assert reason in [f.reason for f in found]


def test_the_judge_accepts_a_clean_run_and_a_noted_skip() -> None:
    assert kampagne.judge([Path("a.toml")], 2, _report(problems=[{"line": 3, "message": "x"}]), "") == []
    skipped = json.dumps({"files": [], "crashes": [], "notes": [{"file": "a.toml", "code": "overgeslagen"}]})
    assert kampagne.judge([Path("a.toml")], 0, skipped, "") == []


def test_the_mutations_are_deterministic_and_varied() -> None:
    first, again = list(kampagne.files(60, seed=3)), list(kampagne.files(60, seed=3))
    assert first == again
    kinds = {what.split("+")[0] for what, _ in first}
    assert kinds == {m.__name__ for m in kampagne.MUTATIONS}


@pytest.mark.slow
def test_a_short_campaign_finds_nothing(tmp_path: Path) -> None:
    """A few hundred mutated files, fixed seed, against the installed tool (as CI runs it)."""
    found = kampagne.campaign(300, seed=2026, work=tmp_path, tool=kampagne.command(), log=lambda _: None, slow=30)
    assert found == [], "\n".join(f"{f.reason}: {f.file}: {f.detail[:200]}" for f in found)
