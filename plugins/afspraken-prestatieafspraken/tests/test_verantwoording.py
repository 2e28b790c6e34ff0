"""Rules on sending on and accounting: toezending (Woningwet art. 44a lid 1), volkshuisvestingsverslag (art. 36a)."""

from __future__ import annotations

from typing import Any

import pytest

from afspraken.testing import keys, run_rule
from afspraken_prestatieafspraken.verantwoording import toezending, volkshuisvestingsverslag

from .pa_data import BASIS, EXT


def run(rule: Any, snippet: str = "", **kw: Any) -> list[Any]:
    return run_rule(rule, snippet, base=BASIS, **kw)


def verantwoording(**values: str) -> str:
    return f"[{EXT}.verantwoording]\n" + "".join(f"{k} = {v}\n" for k, v in values.items())


def test_the_example_passes() -> None:
    assert run(toezending) == []
    assert run(volkshuisvestingsverslag) == []


@pytest.mark.parametrize(("op", "late"), [("2025-12-14", False), ("2025-12-15", True), ("2026-01-10", True)])
def test_sent_before_15_december_of_the_year_of_the_bid(op: str, late: bool) -> None:
    findings = run(toezending, verantwoording(toegezonden=op))
    assert keys(findings) == ([f"{EXT}.verantwoording.toegezonden"] if late else [])
    if late:
        assert findings[0].message("nl").endswith("dat moet vóór 15 december 2025")


def test_without_a_bid_the_year_of_signing_counts() -> None:
    findings = run(toezending, verantwoording(toegezonden="2026-12-20"), without=[f"{EXT}.cyclus.bod"])
    assert "vóór 15 december 2025" in findings[0].message("nl")  # signed 9 December 2025


def test_sent_to_the_minister_the_municipality_and_the_tenants() -> None:
    [finding] = run(toezending, verantwoording(toegezonden_aan='["gemeente"]'))
    assert finding.location.key == f"{EXT}.verantwoording.toegezonden_aan"
    assert finding.message("nl") == "de afspraken zijn niet toegezonden aan de minister en 'Huurdersvereniging Voorbeeldstad'"
    assert finding.message("en") == "the agreements were not sent to the minister and 'Huurdersvereniging Voorbeeldstad'"


def test_unknown_recipient() -> None:
    findings = run(toezending, verantwoording(toegezonden_aan='["minister", "gemeente", "huurdersvereniging", "ministr"]'))
    [finding] = findings
    assert "'ministr' in verantwoording.toegezonden_aan is geen partij en niet \"minister\"" in finding.message("nl")
    assert finding.message("nl").endswith("bedoelde u 'minister'?")


@pytest.mark.parametrize("key", ["toegezonden", "toegezonden_aan"])
def test_missing_is_undecided(key: str) -> None:
    [finding] = run(toezending, without=[f"{EXT}.verantwoording.{key}"])
    assert finding.undecided and finding.location.key == f"{EXT}.verantwoording.{key}"


def test_no_section_both_undecided() -> None:
    findings = run(toezending, without=[f"{EXT}.verantwoording"])
    assert [f.undecided for f in findings] == [True, True]


def test_volkshuisvestingsverslag() -> None:
    [finding] = run(volkshuisvestingsverslag, verantwoording(volkshuisvestingsverslag="false"))
    assert not finding.undecided and "art. 36a" in finding.message("nl")
    [finding] = run(volkshuisvestingsverslag, without=[f"{EXT}.verantwoording.volkshuisvestingsverslag"])
    assert finding.undecided
    # that the report covers the agreements is in the decree, quoted word for word
    assert "art. 32 lid 1" in volkshuisvestingsverslag.source
    assert "gemaakte afspraken daarover" in volkshuisvestingsverslag.quote
