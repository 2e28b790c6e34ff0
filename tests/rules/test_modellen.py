"""The model-defining rules: mandaat, onafhankelijke-regie, bewonersbestuur (afspraken.builtin.modellen)."""

from __future__ import annotations

from afspraken.builtin.modellen import bewonersbestuur, mandaat, onafhankelijke_regie
from afspraken.testing import run_rule
from regeltest import base, check, one

BUURTONDERNEMING = 'soort = "buurtonderneming"\n'


def orgaan_soort(soort: str, extra: str = "") -> tuple[str, str]:
    return (BUURTONDERNEMING, f'soort = "{soort}"\n{extra}')


# --------------------------------------------------------------------------- mandaat


def test_mandaat_base_passes():
    assert run_rule(mandaat) == []


def test_mandaat_missing_corporation():
    f = one(mandaat, base=base(('mandaat = ["gemeente", "corporatie"]', 'mandaat = ["gemeente"]')))
    assert f.location.key == "orgaan[0].mandaat"
    assert f.message("nl") == "buurtonderneming 'Buurtonderneming Voorbeeldwijk' heeft geen mandaat van Woonstichting Voorbeeld"
    assert [loc.key for loc in f.locations] == ["orgaan[0].mandaat", "partij[1]"]


def test_mandaat_empty():
    f = one(mandaat, base=base(('mandaat = ["gemeente", "corporatie"]', "mandaat = []")))
    assert "geen mandaat van Gemeente Voorbeeldstad en Woonstichting Voorbeeld" in f.message("nl")


def test_mandaat_every_signing_corporation():
    tweede = '\n[[partij]]\nid = "tweede"\nnaam = "Woonbron"\nsoort = "corporatie"\n'
    text = base(("\n[[orgaan]]", tweede + "\n[[orgaan]]"))
    f = one(mandaat, base=text)
    assert f.location.key == "orgaan[0].mandaat" and "geen mandaat van Woonbron" in f.message("nl")
    assert run_rule(mandaat, base=text.replace("id = \"tweede\"\n", "id = \"tweede\"\nondertekent = false\n")) == []


def test_mandaat_no_buurtonderneming_body():
    f = one(mandaat, base=base(orgaan_soort("stuurgroep")))
    assert f.location.key == "orgaan"
    assert "geen orgaan van soort 'buurtonderneming'" in f.message("nl")
    assert "'Buurtonderneming Voorbeeldwijk' (stuurgroep)" in f.message("nl")


def test_mandaat_needs_a_signing_municipality_and_corporation():
    f = one(mandaat, base=base(('soort = "corporatie"\n', 'soort = "corporatie"\nondertekent = false\n')))
    assert f.location.key == "partij" and "geen corporatie ondertekent" in f.message("nl")


# --------------------------------------------------------------------------- onafhankelijke-regie


def test_onafhankelijke_regie_passes_with_an_independent_programme_office():
    assert run_rule(onafhankelijke_regie, base=base(orgaan_soort("programmabureau", "onafhankelijk = true\n"))) == []


def test_onafhankelijke_regie_base_has_no_programme_office():
    f = one(onafhankelijke_regie)
    assert f.location.key == "orgaan"
    assert "geen orgaan van soort 'programmabureau'" in f.message("nl")
    assert "'Buurtonderneming Voorbeeldwijk' (buurtonderneming)" in f.message("nl")


def test_onafhankelijke_regie_programme_office_not_independent():
    f = one(onafhankelijke_regie, base=base(orgaan_soort("programmabureau")))
    assert f.location.key == "orgaan[0].onafhankelijk"
    assert "programmabureau 'Buurtonderneming Voorbeeldwijk' is niet onafhankelijk" in f.message("nl")
    f = one(onafhankelijke_regie, base=base(orgaan_soort("programmabureau", "onafhankelijk = false\n")))
    assert f.location.key == "orgaan[0].onafhankelijk"


def test_onafhankelijke_regie_independence_of_another_kind_of_body_does_not_count():
    f = one(onafhankelijke_regie, base=base(orgaan_soort("stuurgroep", "onafhankelijk = true\n")))
    assert f.location.key == "orgaan"


# --------------------------------------------------------------------------- bewonersbestuur

BESTUUR = """
[[orgaan]]
id = "buurtonderneming"
naam = "Bestuur Wijktrust"
soort = "overig"
besluitvormend = {besluitvormend}
mandaat = ["gemeente", "corporatie"]
{leden}
"""


def bestuur(*leden: tuple[str, str], besluitvormend: str = "true") -> str:
    text = "".join(f'  [[orgaan.lid]]\n  naam = "{naam}"\n  partij = "{partij}"\n' for naam, partij in leden)
    return BESTUUR.format(besluitvormend=besluitvormend, leden=text)


def test_bewonersbestuur_passes_when_residents_govern():
    assert run_rule(bewonersbestuur, bestuur(("A. Yilmaz", "bewonersraad"), ("J. de Boer", "bewonersraad"))) == []


def test_bewonersbestuur_base_names_every_other_member():
    keys, text, findings = check(bewonersbestuur)
    assert keys == ["orgaan[0].lid[0].partij"]
    assert (
        "in het besluitvormende orgaan 'Buurtonderneming Voorbeeldwijk' zitten Directeur sociaal (Gemeente Voorbeeldstad), "
        "Directeur fysiek (Woonstichting Voorbeeld) en Coordinator welzijn (Stichting Welzijn Voorbeeld) niet namens bewoners"
    ) in text
    assert [loc.key for loc in findings[0].locations] == ["orgaan[0].lid[0].partij", "orgaan[0].lid[1].partij", "orgaan[0].lid[3].partij"]


def test_bewonersbestuur_one_other_member():
    f = one(bewonersbestuur, bestuur(("A. Yilmaz", "bewonersraad"), ("Wethouder wonen", "gemeente")))
    assert f.location.key == "orgaan[0].lid[1].partij"
    assert "zit Wethouder wonen (Gemeente Voorbeeldstad) niet namens bewoners" in f.message("nl")


def test_bewonersbestuur_no_deciding_body_and_no_members():
    f = one(bewonersbestuur, bestuur(("Wethouder wonen", "gemeente"), besluitvormend="false"))
    assert f.location.key == "orgaan" and "geen besluitvormend orgaan" in f.message("nl")
    f = one(bewonersbestuur, bestuur())
    assert f.undecided and f.location.key == "orgaan[0].lid" and "Bestuur Wijktrust" in f.message("nl")


def test_bewonersbestuur_advisory_bodies_may_hold_others():
    advies = '\n[[orgaan]]\nid = "klankbord"\nnaam = "Klankbordgroep"\nsoort = "overig"\nbesluitvormend = false\n  [[orgaan.lid]]\n  naam = "W"\n  partij = "gemeente"\n'
    assert run_rule(bewonersbestuur, bestuur(("A. Yilmaz", "bewonersraad")) + advies) == []
