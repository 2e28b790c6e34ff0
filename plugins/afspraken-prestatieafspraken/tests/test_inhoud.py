"""Rules on the content: themas and smart-acties."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from afspraken.testing import keys, rule_ids, run_rule
from afspraken_prestatieafspraken.inhoud import smart_acties, themas

from .pa_data import BASIS, EXT


def run(rule: Any, snippet: str = "", **kw: Any) -> list[Any]:
    return run_rule(rule, snippet, base=BASIS, **kw)


ACTIE = f"[[{EXT}.actie]]"


# --- themas ---------------------------------------------------------------------------


def test_themas_passes() -> None:
    assert run(themas) == []


def test_themas_missing_themes_are_named() -> None:
    findings = run(themas, themas.example_fail)
    assert rule_ids(findings) == ["prestatieafspraken/themas"]
    assert keys(findings) == [f"{EXT}.themas"]
    assert findings[0].message("nl") == (
        "3 van de 5 thema's ontbreken in de afspraken: 'kwaliteit en duurzaamheid', 'leefbaarheid' en "
        "'huisvesting van specifieke groepen'"
    )
    assert "'quality and sustainability', 'liveability' and 'housing for specific groups'" in findings[0].message("en")


def test_themas_empty_list_is_a_violation_not_undecided() -> None:
    [finding] = run(themas, f"[{EXT}]\nthemas = []\n")
    assert not finding.undecided
    assert finding.message("nl").startswith("5 van de 5 thema's ontbreken")


def test_themas_param_verplicht() -> None:
    assert run(themas, themas.example_fail, params={"verplicht": ["betaalbaarheid", "beschikbaarheid"]}) == []
    with pytest.raises(ValidationError):
        themas.params.model_validate({"verplicht": ["duurzaamheid"]})


@pytest.mark.parametrize("without", [f"{EXT}.themas", EXT])
def test_themas_missing_is_undecided(without: str) -> None:
    [finding] = run(themas, without=[without])
    assert finding.undecided and finding.location.key == f"{EXT}.themas"


# --- smart-acties ---------------------------------------------------------------------


def test_smart_passes() -> None:
    assert run(smart_acties) == []


def test_smart_example_pass_and_fail() -> None:
    assert run(smart_acties, smart_acties.example_pass) == []
    [finding] = run(smart_acties, smart_acties.example_fail)
    assert finding.location.key == f"{EXT}.actie[0].indicator"
    assert finding.message("nl") == (
        "actie 'Meer sociale huurwoningen' is niet SMART: indicator, streefwaarde en jaar ontbreken"
    )


@pytest.mark.parametrize("missing", ["indicator", "streefwaarde", "jaar", "eigenaar"])
def test_smart_each_missing_part_is_found(missing: str) -> None:
    parts = {"indicator": '"aantal woningen"', "streefwaarde": "10", "jaar": "2026", "eigenaar": '"gemeente"'}
    body = "\n".join(f"{k} = {v}" for k, v in parts.items() if k != missing)
    findings = run(smart_acties, f'{ACTIE}\nwat = "Iets"\n{body}\n')
    assert keys(findings) == [f"{EXT}.actie[0].{missing}"]
    assert findings[0].message("nl") == f"actie 'Iets' is niet SMART: {missing} ontbreekt"


def test_smart_blank_text_counts_as_missing() -> None:
    findings = run(smart_acties, f'{ACTIE}\nwat = "Iets"\nindicator = "  "\nstreefwaarde = 1\njaar = 2026\neigenaar = "gemeente"\n')
    assert keys(findings) == [f"{EXT}.actie[0].indicator"]


def test_smart_owner_must_be_a_party() -> None:
    snippet = f'{ACTIE}\nwat = "Iets"\nindicator = "x"\nstreefwaarde = 1\njaar = 2026\neigenaar = "woonstichtng"\n'
    [finding] = run(smart_acties, snippet)
    assert finding.location.key == f"{EXT}.actie[0].eigenaar"
    assert finding.message("nl") == (
        "eigenaar 'woonstichtng' van actie 'Iets' is geen partij (partijen: gemeente, woonstichting, "
        "huurdersvereniging); bedoelde u 'woonstichting'?"
    )


def test_smart_owner_may_not_be_a_body() -> None:
    snippet = f"""
        [[orgaan]]
        id = "stuurgroep"
        naam = "Stuurgroep Wonen"
        soort = "stuurgroep"
        besluitvormend = false

        {ACTIE}
        wat = "Iets"
        indicator = "x"
        streefwaarde = 1
        jaar = 2026
        eigenaar = "stuurgroep"
    """
    [finding] = run(smart_acties, snippet)
    assert finding.location.key == f"{EXT}.actie[0].eigenaar"
    assert "is een orgaan ('Stuurgroep Wonen'), geen partij" in finding.message("nl")


def test_smart_owner_must_sign() -> None:
    snippet = """
        [[partij]]
        id = "gemeente"
        naam = "Gemeente Voorbeeldstad"
        soort = "gemeente"

        [[partij]]
        id = "woonstichting"
        naam = "Woonstichting Voorbeeld"
        soort = "corporatie"
        ondertekent = false

        [[partij]]
        id = "huurdersvereniging"
        naam = "Huurdersvereniging Voorbeeldstad"
        soort = "bewoners"
    """
    findings = run(smart_acties, snippet)
    assert keys(findings) == [f"{EXT}.actie[{i}].eigenaar" for i in (0, 1, 3)]
    assert [loc.key for loc in findings[0].locations] == [f"{EXT}.actie[0].eigenaar", "partij[1].ondertekent"]


def test_smart_no_actions() -> None:
    [finding] = run(smart_acties, f"[{EXT}]\nactie = []\n")
    assert finding.location.key == f"{EXT}.actie"
    assert not finding.undecided
    assert finding.message("nl").startswith("de afspraken bevatten 0 acties; minimaal 1")
    assert run(smart_acties, f"[{EXT}]\nactie = []\n", params={"min_acties": 0}) == []


def test_smart_min_acties() -> None:
    findings = run(smart_acties, params={"min_acties": 10})
    assert keys(findings) == [f"{EXT}.actie"]
    assert "6 acties; minimaal 10" in findings[0].message("nl")


def test_smart_without_section_is_undecided() -> None:
    [finding] = run(smart_acties, without=[EXT])
    assert finding.undecided and finding.location.key == f"{EXT}.actie"
