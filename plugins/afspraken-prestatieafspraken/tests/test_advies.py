"""Rules on a written advice: reactie-op-advies (Overlegwet art. 5 lid 2) and uitvoering-na-advies (art. 5 lid 3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from afspraken.testing import keys, run_rule
from afspraken_prestatieafspraken.advies import reactie_op_advies, uitvoering_na_advies

from .pa_data import BASIS, EXT


def advies(**values: Any) -> str:
    """One [[advies]] table replacing the example's; dates as TOML dates, the rest quoted."""
    lines = [f"[[{EXT}.advies]]", 'onderwerp = "Sloop Noordflat"']
    for key, value in values.items():
        lines.append(f"{key} = {value}" if isinstance(value, (dt.date, int)) else f'{key} = "{value}"')
    return "\n".join(lines) + "\n"


def reactie(peildatum: dt.date = dt.date(2026, 6, 1), **values: Any) -> list[Any]:
    return run_rule(reactie_op_advies, advies(**values), base=BASIS, params={"peildatum": peildatum})


def uitvoering(**values: Any) -> list[Any]:
    return run_rule(uitvoering_na_advies, advies(**values), base=BASIS)


D = dt.date


# --- reactie-op-advies: advice received 1 September 2025, reasons due by 15 September -----------------------------


def test_the_example_passes() -> None:
    assert run_rule(reactie_op_advies, base=BASIS) == []
    assert run_rule(uitvoering_na_advies, base=BASIS) == []


@pytest.mark.parametrize("gevolgd", ["deels", "nee"])
@pytest.mark.parametrize(("op", "late"), [(D(2025, 9, 2), False), (D(2025, 9, 15), False), (D(2025, 9, 16), True)])
def test_reasons_within_fourteen_days(gevolgd: str, op: dt.date, late: bool) -> None:
    findings = reactie(advies_ontvangen=D(2025, 9, 1), gevolgd=gevolgd, reactie=op)
    assert keys(findings) == ([f"{EXT}.advies[0].reactie"] if late else [])
    if late:
        wie = "niet" if gevolgd == "nee" else "maar deels"
        assert findings[0].message("nl") == (
            f"de redenen voor het {wie} volgen van het advies 'Sloop Noordflat' kwamen op 16 september 2025, 1 dag na "
            "de termijn van veertien dagen (uiterlijk 15 september 2025)"
        )


def test_a_followed_advice_needs_no_reasons() -> None:
    assert reactie(advies_ontvangen=D(2025, 9, 1), gevolgd="ja") == []


@pytest.mark.parametrize(("peil", "missed"), [(D(2025, 9, 15), False), (D(2025, 9, 16), True)])
def test_no_reasons_yet_judged_on_the_peildatum(peil: dt.date, missed: bool) -> None:
    findings = reactie(peil, advies_ontvangen=D(2025, 9, 1), gevolgd="nee")
    assert keys(findings) == ([f"{EXT}.advies[0].gevolgd"] if missed else [])
    if missed:
        assert "heeft op 16 september 2025 de redenen niet meegedeeld; dat moest uiterlijk 15 september 2025" in findings[0].message("nl")
        assert "does not follow the advice 'Sloop Noordflat'" in findings[0].message("en")


def test_missing_data_is_undecided() -> None:
    [finding] = reactie(advies_ontvangen=D(2025, 9, 1))
    assert finding.undecided and finding.location.key == f"{EXT}.advies[0].gevolgd"
    [finding] = reactie(gevolgd="deels")
    assert finding.undecided and finding.location.key == f"{EXT}.advies[0].advies_ontvangen"


def test_no_advice_nothing_to_judge() -> None:
    assert run_rule(reactie_op_advies, base=BASIS, without=[f"{EXT}.advies"]) == []
    assert run_rule(uitvoering_na_advies, base=BASIS, without=[f"{EXT}.advies"]) == []


# --- uitvoering-na-advies: the earliest moment of art. 5 lid 3 ----------------------------------------------------


def test_after_a_notice_of_no_objection() -> None:  # onder a
    assert uitvoering(geen_bezwaar=D(2025, 9, 10), uitgevoerd=D(2025, 9, 10)) == []
    [finding] = uitvoering(geen_bezwaar=D(2025, 9, 10), uitgevoerd=D(2025, 9, 9))
    assert finding.location.key == f"{EXT}.advies[0].uitgevoerd"
    assert "10 september 2025 (onder a: na de mededeling van geen bezwaar)" in finding.message("nl")


def test_after_the_advice_term() -> None:  # onder b: 1 August + 6 weeks = 12 September
    assert uitvoering(informatie=D(2025, 8, 1), termijn_weken=6, uitgevoerd=D(2025, 9, 13)) == []
    [finding] = uitvoering(informatie=D(2025, 8, 1), termijn_weken=6, uitgevoerd=D(2025, 9, 12))
    assert "13 september 2025 (onder b: na afloop van de adviestermijn van 6 weken op 12 september 2025)" in finding.message("nl")


def test_the_term_is_at_least_six_weeks_whatever_was_set() -> None:
    [finding] = uitvoering(informatie=D(2025, 8, 1), termijn_weken=3, uitgevoerd=D(2025, 8, 25))
    assert "de gestelde 3 weken is korter dan de wet toestaat" in finding.message("nl")


def test_the_term_defaults_to_the_agreed_advice_term() -> None:  # the example sets overleg.adviestermijn_weken = 6
    [finding] = uitvoering(informatie=D(2025, 8, 1), uitgevoerd=D(2025, 9, 12))
    assert "adviestermijn van 6 weken" in finding.message("nl")


def test_three_days_after_the_reasons_arrived() -> None:  # onder c
    assert uitvoering(gevolgd="nee", reactie=D(2025, 9, 5), uitgevoerd=D(2025, 9, 8)) == []
    [finding] = uitvoering(gevolgd="nee", reactie=D(2025, 9, 5), uitgevoerd=D(2025, 9, 7))
    assert "8 september 2025 (onder c: drie dagen na ontvangst van de reactie op 5 september 2025)" in finding.message("nl")
    # received later than sent: the three days run from receipt
    [finding] = uitvoering(gevolgd="nee", reactie=D(2025, 9, 5), reactie_ontvangen=D(2025, 9, 6), uitgevoerd=D(2025, 9, 8))
    assert "9 september 2025" in finding.message("nl")


def test_the_earliest_moment_counts() -> None:
    # b allows 13 September, c allows 8 September: 8 September is in time
    assert uitvoering(informatie=D(2025, 8, 1), termijn_weken=6, reactie=D(2025, 9, 5), uitgevoerd=D(2025, 9, 8)) == []


def test_no_moment_known_is_undecided() -> None:
    [finding] = uitvoering(uitgevoerd=D(2025, 9, 8))
    assert finding.undecided and finding.location.key == f"{EXT}.advies[0].uitgevoerd"


def test_not_carried_out_nothing_to_judge() -> None:
    assert uitvoering(gevolgd="nee") == []
