"""benchmarks/regels.py keeps working as the loading and checking code moves: it times every
active rule, in both orders, on a few generated agreements."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def scripts():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import genereer
        import regels
    finally:
        sys.path.pop(0)
    return genereer, regels


@pytest.mark.parametrize("per_rule", [False, True])
def test_every_active_rule_is_timed(scripts, tmp_path: Path, per_rule: bool) -> None:
    genereer, regels = scripts
    rng = random.Random(1)
    for i in range(3):
        (tmp_path / f"a{i}.toml").write_text(genereer.agreement(i, rng, many=True), encoding="utf-8")
    times = regels.one_round(tmp_path, per_rule, ())
    agreements, env = regels.loaded_agreements(tmp_path)
    assert len(agreements) == 3
    from afspraken.checking.engine import ALWAYS
    from afspraken.checking.run import Checker

    # the rules `afspraken check` runs on such a file, found the checker's way, not the script's
    result = Checker(config=False).check_path(tmp_path / "a0.toml")
    expected = {o.rule for o in result.outcomes} - set(ALWAYS)
    assert set(times) == expected and {"gelijke-stem", "eigenaar-per-actie"} <= expected
    assert all(seconds > 0 for seconds in times.values())  # each really ran
