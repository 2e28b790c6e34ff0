"""Rules on the parties and the yearly cycle: drie-partijen, bod-op-tijd, ondertekend-op-tijd, geschillenroute."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from afspraken.testing import keys, rule_ids, run_rule
from afspraken_prestatieafspraken.cyclus import BodParams, bod_op_tijd, drie_partijen, geschillenroute, ondertekend_op_tijd

from .pa_data import BASIS, EXT


def run(rule: Any, snippet: str = "", **kw: Any) -> list[Any]:
    return run_rule(rule, snippet, base=BASIS, **kw)


# --- drie-partijen --------------------------------------------------------------------


def test_drie_partijen_passes() -> None:
    assert run(drie_partijen) == []


def test_drie_partijen_tenants_do_not_sign() -> None:
    findings = run(drie_partijen, drie_partijen.example_fail)
    assert rule_ids(findings) == ["prestatieafspraken/drie-partijen"]
    assert keys(findings) == ["partij[2].ondertekent"]
    assert "'Huurdersvereniging Voorbeeldstad' ondertekent niet" in findings[0].message("nl")
    assert "de huurdersorganisatie is geen partij" in findings[0].message("nl")


def test_drie_partijen_no_tenants_at_all() -> None:
    snippet = """
        [[partij]]
        id = "gemeente"
        naam = "Gemeente Voorbeeldstad"
        soort = "gemeente"

        [[partij]]
        id = "woonstichting"
        naam = "Woonstichting Voorbeeld"
        soort = "corporatie"

        [[partij]]
        id = "huurdersvereniging"
        naam = "Huurdersvereniging Voorbeeldstad"
        soort = "overig"
    """
    findings = run(drie_partijen, snippet)
    assert keys(findings) == ["partij"]
    assert findings[0].message("nl").startswith("de huurdersorganisatie ontbreekt")
    assert not findings[0].undecided


def test_drie_partijen_one_of_two_corporations_signing_is_enough() -> None:
    snippet = """
        [[partij]]
        id = "gemeente"
        naam = "Gemeente Voorbeeldstad"
        soort = "gemeente"

        [[partij]]
        id = "woonstichting"
        naam = "Woonstichting Voorbeeld"
        soort = "corporatie"

        [[partij]]
        id = "andere-corporatie"
        naam = "Woonbedrijf Elders"
        soort = "corporatie"
        ondertekent = false

        [[partij]]
        id = "huurdersvereniging"
        naam = "Huurdersvereniging Voorbeeldstad"
        soort = "bewoners"
    """
    assert run(drie_partijen, snippet) == []


def test_drie_partijen_param_soorten() -> None:
    findings = run(drie_partijen, params={"soorten": ["gemeente", "instelling"]})
    assert keys(findings) == ["partij"]
    assert "soort = \"instelling\"" in findings[0].message("nl")
    with pytest.raises(ValidationError):
        drie_partijen.params.model_validate({"soorten": ["huurders"]})


# --- bod-op-tijd ----------------------------------------------------------------------


def test_bod_passes() -> None:
    assert run(bod_op_tijd) == []


@pytest.mark.parametrize(("bod", "late"), [("2025-07-01", False), ("2025-07-02", True), ("2025-01-15", False)])
def test_bod_on_1_july_is_in_time(bod: str, late: bool) -> None:
    findings = run(bod_op_tijd, f"[{EXT}.cyclus]\nbod = {bod}\n")
    assert keys(findings) == ([f"{EXT}.cyclus.bod"] if late else [])


def test_bod_late_message() -> None:
    [finding] = run(bod_op_tijd, bod_op_tijd.example_fail)
    assert finding.rule == "prestatieafspraken/bod-op-tijd"
    assert finding.message("nl") == "het bod kwam op 15 augustus 2025, 45 dagen na de uiterste datum 1 juli 2025"
    assert finding.message("en") == "the bid came on 15 August 2025, 45 days after the deadline 1 July 2025"


@pytest.mark.parametrize("without", [f"{EXT}.cyclus.bod", f"{EXT}.cyclus", EXT])
def test_bod_missing_is_undecided(without: str) -> None:
    [finding] = run(bod_op_tijd, without=[without])
    assert finding.undecided
    assert finding.location.key == f"{EXT}.cyclus.bod"
    assert f"vul {EXT}.cyclus.bod in" in finding.message("nl")


def test_bod_param_deadline() -> None:
    findings = run(bod_op_tijd, params={"uiterlijk_maand": 6, "uiterlijk_dag": 1})
    assert keys(findings) == [f"{EXT}.cyclus.bod"]
    assert "uiterste datum 1 juni 2025" in findings[0].message("nl")


def test_date_params_must_exist() -> None:
    with pytest.raises(ValidationError, match="30 februari bestaat niet"):
        BodParams(uiterlijk_maand=2, uiterlijk_dag=30)
    with pytest.raises(ValidationError):
        BodParams(uiterlijk_maand=13)
    assert BodParams(uiterlijk_maand=2, uiterlijk_dag=29).uiterlijk_dag == 29


# --- ondertekend-op-tijd --------------------------------------------------------------


def test_ondertekend_passes() -> None:
    assert run(ondertekend_op_tijd) == []


def test_ondertekend_late_in_january_counts_against_the_year_of_the_bid() -> None:
    [finding] = run(ondertekend_op_tijd, ondertekend_op_tijd.example_fail)
    assert finding.location.key == f"{EXT}.cyclus.ondertekend"
    assert finding.message("nl") == (
        "de afspraken zijn ondertekend op 20 januari 2026, 36 dagen na de uiterste datum "
        "(15 december 2025, in het jaar van het bod)"
    )


def test_ondertekend_on_15_december_is_in_time() -> None:
    assert run(ondertekend_op_tijd, f"[{EXT}.cyclus]\nbod = 2025-06-27\nondertekend = 2025-12-15\n") == []
    findings = run(ondertekend_op_tijd, f"[{EXT}.cyclus]\nbod = 2025-06-27\nondertekend = 2025-12-16\n")
    assert keys(findings) == [f"{EXT}.cyclus.ondertekend"]


def test_ondertekend_1_december_variant() -> None:
    findings = run(ondertekend_op_tijd, params={"uiterlijk_dag": 1})
    assert keys(findings) == [f"{EXT}.cyclus.ondertekend"]
    assert "8 dagen na de uiterste datum (1 december 2025" in findings[0].message("nl")


def test_ondertekend_before_the_bid() -> None:
    findings = run(ondertekend_op_tijd, f"[{EXT}.cyclus]\nbod = 2025-06-27\nondertekend = 2025-05-01\n")
    assert keys(findings) == [f"{EXT}.cyclus.ondertekend"]
    assert [loc.key for loc in findings[0].locations] == [f"{EXT}.cyclus.ondertekend", f"{EXT}.cyclus.bod"]
    assert "vóór het bod" in findings[0].message("nl")


def test_ondertekend_without_bid_uses_the_year_of_signing() -> None:
    assert run(ondertekend_op_tijd, without=[f"{EXT}.cyclus.bod"]) == []
    findings = run(ondertekend_op_tijd, f"[{EXT}.cyclus]\nondertekend = 2025-12-20\n", without=[f"{EXT}.cyclus.bod"])
    assert keys(findings) == [f"{EXT}.cyclus.ondertekend"]


def test_ondertekend_missing_is_undecided() -> None:
    [finding] = run(ondertekend_op_tijd, without=[f"{EXT}.cyclus.ondertekend"])
    assert finding.undecided and finding.location.key == f"{EXT}.cyclus.ondertekend"


# --- geschillenroute ------------------------------------------------------------------


def test_geschillenroute_passes() -> None:
    assert run(geschillenroute) == []


def test_geschillenroute_without_art44() -> None:
    findings = run(geschillenroute, geschillenroute.example_fail)
    assert rule_ids(findings) == ["prestatieafspraken/geschillenroute"]
    assert keys(findings) == [f"{EXT}.geschillen.route"]
    assert "(bestuurlijk-overleg en mediation) noemt de procedure van art. 44 Woningwet niet" in findings[0].message("nl")


def test_geschillenroute_empty_list() -> None:
    [finding] = run(geschillenroute, f"[{EXT}.geschillen]\nroute = []\n")
    assert not finding.undecided
    assert "(geen stappen)" in finding.message("nl")


@pytest.mark.parametrize("without", [f"{EXT}.geschillen.route", f"{EXT}.geschillen", EXT])
def test_geschillenroute_missing_is_undecided(without: str) -> None:
    [finding] = run(geschillenroute, without=[without])
    assert finding.undecided and finding.location.key == f"{EXT}.geschillen.route"
