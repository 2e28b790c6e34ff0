"""Every legal quote is verbatim (checked against the retrieved text) or marked; the README says which."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from afspraken_prestatieafspraken import RULES
from afspraken_prestatieafspraken.bronnen import (
    BRONNEN,
    GEEN_WETTEKST,
    HERKOMST,
    PARAFRASE,
    artikelen,
    citaat,
    herkomst,
    is_letterlijk,
    status,
    tekst,
)

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BRONNEN_MD = (ROOT / "BRONNEN.md").read_text(encoding="utf-8")
IDS = [r.id for r in RULES]


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_every_quote_is_verbatim_or_marked(rule: Any) -> None:
    kind = status(rule.quote)
    if kind == "letterlijk":
        assert artikelen(rule.source), f"{rule.id}: a verbatim quote needs a source naming article and lid"
        assert is_letterlijk(rule.quote, rule.source), f"{rule.id}: the quote is not in the text of {rule.source}"
        assert not rule.source.startswith(("parafrase", "geen wettekst"))
    elif kind == "parafrase":
        assert rule.source.startswith("parafrase van ")
    else:
        assert rule.source.startswith("geen wettekst: ")
    assert "(parafrase)" not in rule.quote[1:] and "letterlijk geciteerd" not in rule.rationale.nl


def test_the_check_catches_a_changed_word_and_a_wrong_article() -> None:
    juist = citaat("Overlegwet", "5e", 2, "met dien verstande dat het aantal dagen niet lager vastgesteld kan worden dan drie per jaar.")
    assert is_letterlijk(juist, "Overlegwet, art. 5e lid 2")
    assert not is_letterlijk(juist.replace("drie", "twee"), "Overlegwet, art. 5e lid 2")
    assert not is_letterlijk(juist, "Overlegwet, art. 5e lid 1")  # right words, wrong lid
    assert not is_letterlijk(juist, "Woningwet, art. 5e lid 2")  # right words, wrong law
    assert not is_letterlijk("[…] per jaar […] drie", "Overlegwet, art. 5e lid 2")  # parts out of order
    with pytest.raises(ValueError, match="not verbatim"):
        citaat("Woningwet", "44", 1, "jaarlijks vóór 1 juli")
    with pytest.raises(KeyError):
        tekst("Woningwet", "45", 1)


def test_a_source_names_articles_and_leden() -> None:
    assert artikelen("Besluit toegelaten instellingen volkshuisvesting 2015, art. 39 lid 2; de thema's") == [("Btiv", "39", 2)]
    assert artikelen("Woningwet, art. 44 lid 1; art. 43 lid 1") == [("Woningwet", "44", 1), ("Woningwet", "43", 1)]
    assert artikelen("Wet op het overleg huurders verhuurder (Overlegwet), art. 5e lid 1 en 2; art. 7 lid 1") == [
        ("Overlegwet", "5e", 1),
        ("Overlegwet", "5e", 2),
        ("Overlegwet", "7", 1),
    ]


def test_the_corrected_claims() -> None:
    by_id = {r.id: r for r in RULES}
    bod = by_id["prestatieafspraken/bod-op-tijd"]
    assert "art. 44 lid 1" in bod.source and "art. 43 lid 1" in bod.source
    assert "eerstvolgende vijf kalenderjaren" in bod.quote and "huurdersorganisaties en bewonerscommissies" in bod.quote
    themas = by_id["prestatieafspraken/themas"]
    assert "art. 39 lid 2" in themas.source and "geen wettelijke lijst" in themas.source
    assert "rijksprioriteiten" in themas.quote and "De vijf thema's staan niet in de wet" in themas.rationale.nl
    assert by_id["prestatieafspraken/smart-acties"].severity.value == "waarschuwing"
    assert "art. 5b lid 3" in by_id["prestatieafspraken/overleg"].source
    assert "geen partij" not in by_id["prestatieafspraken/drie-partijen"].rationale.nl


def test_every_text_has_a_recorded_origin() -> None:
    assert {b.herkomst for b in BRONNEN} == set(HERKOMST)
    for key, where in HERKOMST.items():
        assert f"`{key}`" in BRONNEN_MD
        for commit in re.findall(r"\b[0-9a-f]{40}\b", where):
            assert commit in BRONNEN_MD
        for url in re.findall(r"https://\S+", where):
            assert url in BRONNEN_MD


def _readme_table() -> list[list[str]]:
    section = README[README.index("### Citaten") :]
    section = section[: section.index("\n### ", 1)]
    rows = [line for line in section.splitlines() if line.startswith("| `prestatieafspraken/")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def test_the_readme_lists_every_quote_as_the_rules_have_it() -> None:
    expected = []
    for rule in RULES:
        kind = status(rule.quote)
        origin = ", ".join(f"`{k}`" for k in herkomst(rule.quote, rule.source)) if kind == "letterlijk" else "-"
        expected.append([f"`{rule.id}`", kind, rule.source, origin])
    assert _readme_table() == expected


def test_the_readme_marks_nothing_as_verbatim_that_is_not() -> None:
    verbatim = {row[0].strip("`") for row in _readme_table() if row[1] == "letterlijk"}
    assert verbatim == {r.id for r in RULES if status(r.quote) == "letterlijk"}
    assert "letterlijk geciteerd" not in README  # the old, unchecked claim


def test_markers() -> None:
    assert status(PARAFRASE + "x") == "parafrase" and status(GEEN_WETTEKST + "x") == "geen wettekst"
    assert status("De verhuurder ...") == "letterlijk"
