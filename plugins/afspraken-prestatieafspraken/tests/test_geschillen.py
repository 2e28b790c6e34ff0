"""Rules on disputes: geschillenroute, and geschiltermijnen (Woningwet art. 44 lid 4 as dates)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import pytest
from pydantic import ValidationError

from afspraken.testing import keys, rule_ids, run_rule
from afspraken_prestatieafspraken._hulp import plus_maanden
from afspraken_prestatieafspraken.geschillen import TermijnenParams, geschillenroute, geschiltermijnen

from .pa_data import BASIS, EXT


def run(rule: Any, snippet: str = "", **kw: Any) -> list[Any]:
    return run_rule(rule, snippet, base=BASIS, **kw)


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


# --- geschiltermijnen: a bid on 1 July 2025 starts the talks; six months end on 1 January 2026, four weeks later
# (29 January 2026) is the last day to bring the dispute to the minister --------------------------------------------


def cyclus(ondertekend: Optional[str] = None, voorgelegd: Optional[str] = None, aanvang: Optional[str] = None) -> str:
    lines = [f"[{EXT}.cyclus]", "bod = 2025-07-01"]
    lines += [f"overleg_aanvang = {aanvang}"] if aanvang else []
    lines += [f"ondertekend = {ondertekend}"] if ondertekend else []
    lines += [f"[{EXT}.geschillen]", f"voorgelegd = {voorgelegd}"] if voorgelegd else []
    return "\n".join(lines) + "\n"


def termijnen(snippet: str, peildatum: Any = dt.date(2026, 6, 1), **kw: Any) -> list[Any]:
    without = [] if "ondertekend" in snippet else [f"{EXT}.cyclus.ondertekend"]  # the example is signed
    return run(geschiltermijnen, snippet, params={"peildatum": peildatum}, without=without, **kw)


def test_termijnen_pass_on_the_compliant_example() -> None:
    assert run(geschiltermijnen) == []


@pytest.mark.parametrize("ondertekend", ["2025-12-09", "2026-01-01"])
def test_signed_within_six_months(ondertekend: str) -> None:
    assert termijnen(cyclus(ondertekend)) == []


def test_signed_after_six_months_without_a_dispute() -> None:
    [finding] = termijnen(cyclus("2026-01-02"))
    assert not finding.undecided
    assert [loc.key for loc in finding.locations] == [f"{EXT}.cyclus.ondertekend", f"{EXT}.cyclus.bod"]
    assert finding.message("nl") == (
        "de afspraken zijn ondertekend op 2 januari 2026, later dan zes maanden na aanvang van het overleg, zonder dat "
        "een geschil aan de minister is voorgelegd (geschillen.voorgelegd); zes maanden na aanvang van het overleg "
        "(1 juli 2025) is 1 januari 2026; het geschil gaat uiterlijk 29 januari 2026 naar de minister"
    )
    assert "the dispute goes to the minister by 29 January 2026" in finding.message("en")


@pytest.mark.parametrize("voorgelegd", ["2026-01-02", "2026-01-29"])
def test_dispute_brought_in_time(voorgelegd: str) -> None:
    assert termijnen(cyclus(voorgelegd=voorgelegd)) == []
    assert termijnen(cyclus("2026-04-01", voorgelegd)) == []  # signed after the minister's ruling


def test_dispute_brought_too_late() -> None:
    [finding] = termijnen(cyclus(voorgelegd="2026-01-30"))
    assert finding.location.key == f"{EXT}.geschillen.voorgelegd"
    assert finding.message("nl").startswith("het geschil is voorgelegd op 30 januari 2026, na de termijn:")


def test_dispute_brought_before_the_six_months_ended() -> None:
    [finding] = termijnen(cyclus(voorgelegd="2025-12-01"))
    assert finding.location.key == f"{EXT}.geschillen.voorgelegd"
    assert "vóór het einde van de zes maanden" in finding.message("nl")


@pytest.mark.parametrize(
    ("peildatum", "expected"),
    [
        (dt.date(2025, 12, 20), None),  # still within the six months
        (dt.date(2026, 1, 1), None),  # the last day of the six months
        (dt.date(2026, 1, 2), "leg het geschil voor aan de minister"),
        (dt.date(2026, 1, 29), "leg het geschil voor aan de minister"),  # the last day for the dispute
        (dt.date(2026, 1, 30), "de termijn is verstreken"),
    ],
)
def test_no_agreements_yet_judged_on_the_peildatum(peildatum: dt.date, expected: Optional[str]) -> None:
    findings = termijnen(cyclus(), peildatum=peildatum)
    if expected is None:
        assert findings == []
    else:
        [finding] = findings
        assert expected in finding.message("nl")
        assert "uiterlijk 29 januari 2026 naar de minister" in finding.message("nl")


def test_the_start_of_the_talks_overrides_the_bid() -> None:
    assert termijnen(cyclus("2026-02-20", aanvang="2025-09-01")) == []
    [finding] = termijnen(cyclus("2026-03-02", aanvang="2025-09-01"))
    assert [loc.key for loc in finding.locations] == [f"{EXT}.cyclus.ondertekend", f"{EXT}.cyclus.overleg_aanvang"]
    assert "uiterlijk 29 maart 2026 naar de minister" in finding.message("nl")


def test_six_months_from_the_31st() -> None:
    assert plus_maanden(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
    assert plus_maanden(dt.date(2023, 8, 31), 6) == dt.date(2024, 2, 29)
    assert plus_maanden(dt.date(2025, 7, 1), 6) == dt.date(2026, 1, 1)


def test_no_start_date_is_undecided() -> None:
    [finding] = run(geschiltermijnen, without=[f"{EXT}.cyclus.bod"])
    assert finding.undecided and finding.location.key == f"{EXT}.cyclus.bod"
    assert "cyclus.overleg_aanvang" in finding.message("nl")


def test_peildatum_default_is_the_day_of_the_check() -> None:
    today = dt.date.today()
    bod = today - dt.timedelta(days=400)  # six months and four weeks have certainly passed
    findings = run(geschiltermijnen, f"[{EXT}.cyclus]\nbod = {bod.isoformat()}\n", without=[f"{EXT}.cyclus.ondertekend"])
    assert len(findings) == 1 and "de termijn is verstreken" in findings[0].message("nl")
    assert f"op {today.day} " in findings[0].message("nl")


def test_peildatum_is_vandaag_or_a_date() -> None:
    assert TermijnenParams.model_validate({"peildatum": "vandaag"}).peildatum == "vandaag"
    assert TermijnenParams.model_validate({"peildatum": dt.date(2026, 1, 5)}).peildatum == dt.date(2026, 1, 5)
    with pytest.raises(ValidationError):
        TermijnenParams.model_validate({"peildatum": "morgen"})
    assert geschiltermijnen.params is TermijnenParams
