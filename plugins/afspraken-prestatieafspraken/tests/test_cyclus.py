"""Rules on the parties and the yearly cycle: drie-partijen, bod-op-tijd, ondertekend-op-tijd."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from afspraken.testing import keys, rule_ids, run_rule
from afspraken_prestatieafspraken.cyclus import BodParams, bod_op_tijd, drie_partijen, ondertekend_op_tijd

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
    message = findings[0].message("nl")
    assert message.startswith("'Huurdersvereniging Voorbeeldstad' tekent niet (ondertekent = false)")
    # refusing to sign does not end party status: it opens the dispute route of art. 44 lid 4
    assert "geen partij" not in message
    assert "Zij blijft partij bij het overleg" in message and "art. 44 lid 4" in message
    assert "It remains a party to the talks" in findings[0].message("en")


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
    assert findings[0].message("nl").startswith("de huurdersorganisatie of bewonerscommissie ontbreekt als partij")
    assert not findings[0].undecided


def test_drie_partijen_a_bewonerscommissie_takes_the_tenants_seat() -> None:
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
        naam = "Bewonerscommissie Noordflat"  # no tenants' organisation: the committee takes the seat
        soort = "bewoners"
    """
    assert run(drie_partijen, snippet) == []


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
    [finding] = run(bod_op_tijd, f"[{EXT}.cyclus]\nbod = 2025-08-15\n")
    assert finding.rule == "prestatieafspraken/bod-op-tijd"
    assert finding.message("nl") == "het bod kwam op 15 augustus 2025, 45 dagen na de uiterste datum 1 juli 2025"
    assert finding.message("en") == "the bid came on 15 August 2025, 45 days after the deadline 1 July 2025"


def test_bod_example_fail_reports_date_horizon_and_recipients() -> None:
    findings = run(bod_op_tijd, bod_op_tijd.example_fail)
    assert keys(findings) == [f"{EXT}.cyclus.bod", f"{EXT}.cyclus.bod_tot_en_met", f"{EXT}.cyclus.bod_naar"]
    assert not any(f.undecided for f in findings)


@pytest.mark.parametrize(("tot", "short"), [(2030, False), (2031, False), (2029, True), (2026, True)])
def test_bod_covers_the_next_five_calendar_years(tot: int, short: bool) -> None:
    findings = run(bod_op_tijd, f"[{EXT}.cyclus]\nbod = 2025-06-27\nbod_tot_en_met = {tot}\n")
    assert keys(findings) == ([f"{EXT}.cyclus.bod_tot_en_met"] if short else [])
    if short:
        assert findings[0].message("nl") == (
            f"het bod loopt tot en met {tot}; het hoort de eerstvolgende vijf kalenderjaren te dekken, 2026 tot en met 2030"
        )


def test_bod_horizon_missing_is_reported_with_the_years() -> None:
    [finding] = run(bod_op_tijd, without=[f"{EXT}.cyclus.bod_tot_en_met"])
    assert finding.undecided and finding.location.key == f"{EXT}.cyclus.bod_tot_en_met"
    assert "de eerstvolgende vijf kalenderjaren, 2026 tot en met 2030" in finding.message("nl")


def test_bod_goes_to_the_tenants_too() -> None:
    [finding] = run(bod_op_tijd, f"[{EXT}.cyclus]\nbod_naar = [\"gemeente\"]\n")
    assert finding.location.key == f"{EXT}.cyclus.bod_naar"
    assert finding.message("nl").startswith("het bod ging niet naar 'Huurdersvereniging Voorbeeldstad'")
    [finding] = run(bod_op_tijd, f"[{EXT}.cyclus]\nbod_naar = [\"huurdersvereniging\"]\n")
    assert finding.message("nl").startswith("het bod ging niet naar 'Gemeente Voorbeeldstad'")


def test_bod_naar_unknown_id() -> None:
    [finding] = run(bod_op_tijd, f"[{EXT}.cyclus]\nbod_naar = [\"gemeente\", \"huurdersvereniging\", \"huurdersverenging\"]\n")
    assert "'huurdersverenging' in cyclus.bod_naar is geen partij" in finding.message("nl")
    assert finding.message("nl").endswith("bedoelde u 'huurdersvereniging'?")


def test_bod_naar_missing_is_undecided() -> None:
    [finding] = run(bod_op_tijd, without=[f"{EXT}.cyclus.bod_naar"])
    assert finding.undecided and finding.location.key == f"{EXT}.cyclus.bod_naar"


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
