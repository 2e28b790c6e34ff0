"""The resident-participation rules of rule set ``wijkaanpak`` (afspraken.builtin.participatie)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from afspraken.builtin.participatie import begin_tot_eind, bewoners_aan_tafel, bewoners_aan_zet, eigenaarschap
from afspraken.builtin.vertegenwoordiging import bewoners_beoordelen, brede_vertegenwoordiging, overlegrecht
from afspraken.testing import run_rule
from regeltest import base, check, msg, one

SIGNS_NOT = ('soort = "bewoners"\n', 'soort = "bewoners"\nondertekent = false\n')


# --------------------------------------------------------------------------- bewoners-aan-tafel


def test_bewoners_aan_tafel_base_passes():
    assert run_rule(bewoners_aan_tafel) == []


def test_bewoners_aan_tafel_residents_party_that_does_not_sign():
    f = one(bewoners_aan_tafel, base=base(SIGNS_NOT))
    assert f.location.key == "partij[2].ondertekent"
    assert "Bewonersraad Voorbeeldwijk" in f.message("nl") and "ondertekent de afspraak niet" in f.message("nl")
    assert "Bewonersraad Voorbeeldwijk" in f.message("en")


def test_bewoners_aan_tafel_no_residents_party_at_all():
    keys, text, _ = check(bewoners_aan_tafel, base=base(('soort = "bewoners"', 'soort = "overig"')))
    assert keys == ["partij"]
    assert "geen enkele ondertekenende partij is van soort 'bewoners'" in text
    assert "Gemeente Voorbeeldstad" in text and "Bewonersraad Voorbeeldwijk" in text  # who does sign


# --------------------------------------------------------------------------- begin-tot-eind


def test_begin_tot_eind_base_passes():
    assert run_rule(begin_tot_eind) == []


def test_begin_tot_eind_names_the_missing_phases():
    keys, text, _ = check(begin_tot_eind, '[besluitvorming]\nbewoners_betrokken = ["initiatief", "uitvoering"]')
    assert keys == ["besluitvorming.bewoners_betrokken"]
    assert "ontwerp, besluit en evaluatie" in text and "wel bij initiatief en uitvoering" in text


def test_begin_tot_eind_one_missing_phase():
    snippet = '[besluitvorming]\nbewoners_betrokken = ["initiatief", "ontwerp", "besluit", "uitvoering"]'
    f = one(begin_tot_eind, snippet)
    assert f.location.key == "besluitvorming.bewoners_betrokken"
    assert "de fase evaluatie" in f.message("nl") and "the phase evaluatie" in f.message("en")


def test_begin_tot_eind_empty_list():
    keys, text, _ = check(begin_tot_eind, "[besluitvorming]\nbewoners_betrokken = []")
    assert keys == ["besluitvorming.bewoners_betrokken"]
    assert "geen enkele fase" in text and "initiatief, ontwerp, besluit, uitvoering en evaluatie" in text


def test_begin_tot_eind_missing_section():
    keys, text, _ = check(begin_tot_eind, without=("besluitvorming",))
    assert keys == ["besluitvorming"] and "er is geen [besluitvorming]" in text


def test_begin_tot_eind_parameter_fasen():
    snippet = '[besluitvorming]\nbewoners_betrokken = ["initiatief", "uitvoering"]'
    assert run_rule(begin_tot_eind, snippet, params={"fasen": ["initiatief", "uitvoering"]}) == []
    assert run_rule(begin_tot_eind, without=("besluitvorming",), params={"fasen": []}) == []
    _, text, _ = check(begin_tot_eind, snippet, params={"fasen": ["uitvoering", "evaluatie"]})
    assert "de fase evaluatie" in text and "ontwerp" not in text
    with pytest.raises(ValidationError):
        begin_tot_eind.params.model_validate({"fasen": ["vergadering"]})


# --------------------------------------------------------------------------- eigenaarschap


def test_eigenaarschap_base_passes():
    assert run_rule(eigenaarschap) == []


def test_eigenaarschap_false():
    f = one(eigenaarschap, "[besluitvorming]\neigenaarschap_bewoners = false")
    assert f.location.key == "besluitvorming.eigenaarschap_bewoners"
    assert "= false" in f.message("nl") and "Bewonersraad Voorbeeldwijk" in f.message("nl")


def test_eigenaarschap_missing_key_and_missing_section():
    f = one(eigenaarschap, without=("besluitvorming.eigenaarschap_bewoners",))
    assert f.location.key == "besluitvorming.eigenaarschap_bewoners" and "ontbreekt" in f.message("nl")
    f = one(eigenaarschap, without=("besluitvorming",))
    assert f.location.key == "besluitvorming" and "er is geen [besluitvorming]" in f.message("nl")


# --------------------------------------------------------------------------- brede-vertegenwoordiging

TWEE_ORGANEN = """
[[orgaan]]
id = "buurtonderneming"
naam = "Buurtonderneming Voorbeeldwijk"
soort = "buurtonderneming"
mandaat = ["gemeente", "corporatie"]
  [[orgaan.lid]]
  naam = "Directeur sociaal"
  partij = "gemeente"
  [[orgaan.lid]]
  naam = "A. Yilmaz"
  partij = "bewonersraad"
  [[orgaan.lid]]
  naam = "Directeur fysiek"
  partij = "corporatie"

[[orgaan]]
id = "wijkraad"
naam = "Wijkraad Voorbeeldwijk"
soort = "wijkraad"
  [[orgaan.lid]]
  naam = "{tweede}"
  partij = "{partij}"
"""


def test_brede_vertegenwoordiging_base_passes():
    assert run_rule(brede_vertegenwoordiging) == []


def test_brede_vertegenwoordiging_too_few_groups():
    f = one(brede_vertegenwoordiging, '[bewoners]\ngroepen = ["jongeren", "ouderen", "nieuwkomers"]', params={"min_groepen": 4})
    assert f.location.key == "bewoners.groepen"
    assert "3 groepen (jongeren, ouderen en nieuwkomers); minimaal 4" in f.message("nl")
    f = one(brede_vertegenwoordiging, '[bewoners]\ngroepen = ["jongeren", "ouderen"]', params={"verplicht": ["jongeren"]})
    assert "2 groepen (jongeren en ouderen); minimaal 3" in f.message("nl")


def test_brede_vertegenwoordiging_nieuwkomers_are_required_too():
    f = one(brede_vertegenwoordiging, '[bewoners]\ngroepen = ["huurders", "ouderen", "jongeren"]')
    assert f.location.key == "bewoners.groepen" and "noemt nieuwkomers niet" in f.message("nl")
    assert f.fix is not None and "nieuwkomers" in f.fix("nl")


def test_brede_vertegenwoordiging_required_group_missing():
    f = one(brede_vertegenwoordiging, '[bewoners]\ngroepen = ["huurders", "ouderen", "nieuwkomers"]')
    assert f.location.key == "bewoners.groepen"
    assert "noemt jongeren niet" in f.message("nl") and "does not list jongeren" in f.message("en")


def test_brede_vertegenwoordiging_groups_compared_without_case_and_spaces():
    assert run_rule(brede_vertegenwoordiging, '[bewoners]\ngroepen = ["Jongeren", "ouderen ", "Nieuwkomers"]') == []
    f = one(brede_vertegenwoordiging, '[bewoners]\ngroepen = ["jongeren", "JONGEREN", "nieuwkomers", " Nieuwkomers"]')
    assert "2 groepen" in f.message("nl")


def test_brede_vertegenwoordiging_empty_groups():
    keys, text, _ = check(brede_vertegenwoordiging, "[bewoners]\ngroepen = []")
    assert keys == ["bewoners.groepen", "bewoners.groepen"]
    assert "0 groepen" in text and "jongeren" in text


def test_brede_vertegenwoordiging_rotation_too_long_or_missing():
    f = one(brede_vertegenwoordiging, "[bewoners]\nrotatie_jaren = 12")
    assert f.location.key == "bewoners.rotatie_jaren"
    assert "12 jaar" in f.message("nl") and "maximum is 8 jaar" in f.message("nl")
    assert run_rule(brede_vertegenwoordiging, "[bewoners]\nrotatie_jaren = 8") == []
    f = one(brede_vertegenwoordiging, without=("bewoners.rotatie_jaren",))
    assert f.location.key == "bewoners.rotatie_jaren" and "rotatie_jaren" in f.message("nl")


def test_brede_vertegenwoordiging_missing_section_is_one_finding_at_its_place():
    f = one(brede_vertegenwoordiging, without=("bewoners",))
    assert f.location.key == "bewoners" and not f.undecided
    assert "er is geen [bewoners]" in f.message("nl") and "minstens 3, waaronder jongeren" in f.message("nl")


def test_brede_vertegenwoordiging_buurtburgemeester():
    snippet = TWEE_ORGANEN.format(tweede="a.  YILMAZ", partij="bewonersraad")  # same person, other spelling
    keys, text, findings = check(brede_vertegenwoordiging, snippet)
    assert keys == ["orgaan[1].lid[0].naam"]
    assert "A. Yilmaz heeft namens de bewoners zitting in 2 besluitvormende organen" in text
    assert "'Buurtonderneming Voorbeeldwijk' en 'Wijkraad Voorbeeldwijk'" in text and "afgesproken is hoogstens 1" in text
    assert "buurtburgemeester" not in text  # neutral wording about a named volunteer
    assert [loc.key for loc in findings[0].locations] == ["orgaan[1].lid[0].naam", "orgaan[0].lid[1].naam"]


@pytest.mark.parametrize("spelling", ["A. Yil\\u200bmaz", "A. Yilm\\u200daz", "Ａ. Ｙｉｌｍａｚ", "A.\\u00a0Yilmaz"])
def test_brede_vertegenwoordiging_the_same_person_with_an_invisible_or_fullwidth_letter(spelling):
    """A zero-width character, a no-break space or fullwidth letters made one person count as another."""
    snippet = TWEE_ORGANEN.format(tweede=spelling, partij="bewonersraad")
    keys, text, findings = check(brede_vertegenwoordiging, snippet)
    assert keys == ["orgaan[1].lid[0].naam"], (spelling, text)


def test_brede_vertegenwoordiging_advisory_bodies_do_not_count():
    snippet = TWEE_ORGANEN.format(tweede="A. Yilmaz", partij="bewonersraad").replace(
        'soort = "wijkraad"', 'soort = "wijkraad"\nbesluitvormend = false'
    )
    assert run_rule(brede_vertegenwoordiging, snippet) == []


def test_brede_vertegenwoordiging_seats_parameter_and_who_counts():
    snippet = TWEE_ORGANEN.format(tweede="A. Yilmaz", partij="bewonersraad")
    assert run_rule(brede_vertegenwoordiging, snippet, params={"max_zetels": 2}) == []
    # a different person, or the same name sitting for another party, is no neighbourhood mayor
    assert run_rule(brede_vertegenwoordiging, TWEE_ORGANEN.format(tweede="B. Smit", partij="bewonersraad")) == []
    assert run_rule(brede_vertegenwoordiging, TWEE_ORGANEN.format(tweede="A. Yilmaz", partij="welzijn")) == []


def test_brede_vertegenwoordiging_two_seats_in_one_body_count_once():
    snippet = TWEE_ORGANEN.format(tweede="B. Smit", partij="bewonersraad").replace(
        '  naam = "Directeur fysiek"\n  partij = "corporatie"', '  naam = "A. Yilmaz"\n  partij = "bewonersraad"'
    )
    assert run_rule(brede_vertegenwoordiging, snippet) == []


def test_brede_vertegenwoordiging_parameters_change_the_outcome():
    _, text, _ = check(brede_vertegenwoordiging, params={"min_groepen": 5})
    assert "4 groepen" in text and "minimaal 5" in text
    _, text, _ = check(brede_vertegenwoordiging, params={"verplicht": ["jongeren", "eigenaren"]})
    assert "noemt eigenaren niet" in text
    _, text, _ = check(brede_vertegenwoordiging, params={"max_rotatie_jaren": 3})
    assert "4 jaar" in text and "maximum is 3 jaar" in text
    assert run_rule(brede_vertegenwoordiging, "[bewoners]\ngroepen = []", params={"min_groepen": 0, "verplicht": []}) == []


# --------------------------------------------------------------------------- bewoners-beoordelen


def test_bewoners_beoordelen_base_passes():
    assert run_rule(bewoners_beoordelen) == []


def test_bewoners_beoordelen_empty():
    f = one(bewoners_beoordelen, "[bewoners]\nbeoordelen_professionals = []")
    assert f.location.key == "bewoners.beoordelen_professionals"
    text = f.message("nl")
    assert "Gemeente Voorbeeldstad, Woonstichting Voorbeeld en Stichting Welzijn Voorbeeld" in text
    assert "Bewonersraad" not in text  # deploys no professionals


def test_bewoners_beoordelen_one_is_enough_and_missing_section():
    assert run_rule(bewoners_beoordelen, '[bewoners]\nbeoordelen_professionals = ["functionering"]') == []
    f = one(bewoners_beoordelen, without=("bewoners",))
    assert f.location.key == "bewoners" and "er is geen [bewoners]" in f.message("nl")


# --------------------------------------------------------------------------- bewoners-aan-zet


def test_bewoners_aan_zet_base_passes():
    assert run_rule(bewoners_aan_zet) == []


def test_bewoners_aan_zet_no_action_owned_by_residents():
    keys, text, findings = check(bewoners_aan_zet, base=base(('wie = "bewonersraad"', 'wie = "buurtonderneming"')))
    assert keys == ["actie"]
    assert "geen van de 3 acties" in text
    assert "Woonstichting Voorbeeld, Stichting Welzijn Voorbeeld en Buurtonderneming Voorbeeldwijk" in text
    assert [loc.key for loc in findings[0].locations[1:]] == ["actie[0].wie", "actie[1].wie", "actie[2].wie"]


def test_bewoners_aan_zet_a_single_action():
    snippet = '[[actie]]\nwat = "Speeltuin"\nwie = "gemeente"\nwanneer = 2025-01-01'
    f = one(bewoners_aan_zet, snippet)
    assert f.message("nl") == "de enige actie ligt niet bij bewoners; eigenaar is Gemeente Voorbeeldstad"
    assert f.message("en") == "the only action is not owned by residents; the owner is Gemeente Voorbeeldstad"


RESIDENT_LED = """
[[orgaan]]
id = "buurtonderneming"
naam = "Bewonersbedrijf Voorbeeldwijk"
soort = "overig"
  [[orgaan.lid]]
  naam = "A. Yilmaz"
  partij = "bewonersraad"
  [[orgaan.lid]]
  naam = "Adviseur gemeente"
  partij = "gemeente"
  stemmen = 0

[[actie]]
wat = "Buurtmoestuin"
wie = "buurtonderneming"
wanneer = 2025-01-01
"""


def test_bewoners_aan_zet_a_resident_led_orgaan_counts():
    assert run_rule(bewoners_aan_zet, RESIDENT_LED) == []  # the advisory seat of the gemeente has no vote
    mixed = RESIDENT_LED.replace("  stemmen = 0\n", "")
    f = one(bewoners_aan_zet, mixed)
    assert "Bewonersbedrijf Voorbeeldwijk" in f.message("nl")


def test_bewoners_aan_zet_no_actions_at_all():
    f = one(bewoners_aan_zet, without=("actie",))
    assert f.location.key == "actie" and "geen acties" in f.message("nl")


def test_bewoners_aan_zet_a_residents_party_that_does_not_sign_still_counts():
    assert run_rule(bewoners_aan_zet, base=base(SIGNS_NOT)) == []


# --------------------------------------------------------------------------- overlegrecht

OVERLEG = """
[[overleg]]
tussen = {tussen}
per_jaar = {per_jaar}
afdwingbaar = {afdwingbaar}
"""


def overleg(tussen: str = '["bewonersraad", "buurtonderneming"]', per_jaar: int = 4, afdwingbaar: str = "true") -> str:
    return OVERLEG.format(tussen=tussen, per_jaar=per_jaar, afdwingbaar=afdwingbaar)


def test_overlegrecht_base_passes():
    assert run_rule(overlegrecht) == []


def test_overlegrecht_too_rare():
    f = one(overlegrecht, overleg(per_jaar=2))
    assert f.location.key == "overleg[0].per_jaar"
    text = f.message("nl")
    assert "Bewonersraad Voorbeeldwijk met Buurtonderneming Voorbeeldwijk is 2 keer per jaar" in text
    assert "minstens 4 keer" in text


def test_overlegrecht_not_enforceable():
    f = one(overlegrecht, overleg(afdwingbaar="false"))
    assert f.location.key == "overleg[0].afdwingbaar"
    assert "niet afdwingbaar" in f.message("nl") and "Buurtonderneming Voorbeeldwijk" in f.message("nl")


def test_overlegrecht_both_gaps():
    keys, _, _ = check(overlegrecht, overleg(per_jaar=1, afdwingbaar="false"))
    assert keys == ["overleg[0].per_jaar", "overleg[0].afdwingbaar"]


def test_overlegrecht_with_gemeente_and_corporatie_together():
    assert run_rule(overlegrecht, overleg(tussen='["bewonersraad", "gemeente", "corporatie"]')) == []
    keys, text, _ = check(overlegrecht, overleg(tussen='["bewonersraad", "gemeente"]'))
    assert keys == ["overleg"]
    assert "Bewonersraad Voorbeeldwijk heeft afdwingbaar overleg, maar niet met een besluitvormend orgaan en niet met Woonstichting Voorbeeld" in text
    keys, text, _ = check(overlegrecht, overleg(tussen='["bewonersraad", "welzijn"]'))
    assert keys == ["overleg"] and "Bewonersraad Voorbeeldwijk heeft geen vast overleg" in text
    assert "alleen overleg tussen Bewonersraad Voorbeeldwijk en Stichting Welzijn Voorbeeld" in text


def test_overlegrecht_separate_meetings_with_gemeente_and_corporatie_count():
    two = overleg(tussen='["bewonersraad", "gemeente"]') + '\n[[overleg]]\ntussen = ["bewonersraad", "corporatie"]\nper_jaar = 4\nafdwingbaar = true\n'
    assert run_rule(overlegrecht, two) == []
    weak = two[: two.rindex("per_jaar = 4")] + "per_jaar = 2\nafdwingbaar = true\n"
    keys, text, _ = check(overlegrecht, weak)
    assert keys == ["overleg[1].per_jaar"] and "2 keer per jaar" in text


def test_overlegrecht_every_signing_residents_party():
    second = '[[partij]]\nid = "huurders"\nnaam = "Huurdersvereniging"\nsoort = "bewoners"\n'
    text = base(('[[orgaan]]', second + '\n[[orgaan]]'))
    keys, message, _ = check(overlegrecht, base=text)
    assert keys == ["overleg"] and "Huurdersvereniging heeft geen vast overleg" in message


def test_overlegrecht_body_must_decide():
    snippet_base = base(('soort = "buurtonderneming"\n', 'soort = "buurtonderneming"\nbesluitvormend = false\n'))
    keys, _, _ = check(overlegrecht, base=snippet_base)
    assert keys == ["overleg"]


def test_overlegrecht_no_meeting_and_no_residents():
    f = one(overlegrecht, without=("overleg",))
    assert f.location.key == "overleg" and "er is geen [[overleg]]" in f.message("nl")
    f = one(overlegrecht, base=base(SIGNS_NOT))
    assert f.location.key == "overleg" and "geen ondertekenende bewonerspartij" in f.message("nl")


def test_overlegrecht_reports_the_closest_meeting():
    snippet = overleg(per_jaar=1, afdwingbaar="false") + overleg(tussen='["bewonersraad", "gemeente", "corporatie"]', afdwingbaar="false")
    keys, text, _ = check(overlegrecht, snippet)
    assert keys == ["overleg[1].afdwingbaar"]
    assert "Gemeente Voorbeeldstad en Woonstichting Voorbeeld" in text


def test_overlegrecht_parameter():
    f = one(overlegrecht, params={"min_per_jaar": 6})
    assert f.location.key == "overleg[0].per_jaar" and "4 keer per jaar" in f.message("nl") and "minstens 6" in f.message("nl")
    assert run_rule(overlegrecht, overleg(per_jaar=2), params={"min_per_jaar": 2}) == []


def test_messages_in_both_languages_differ():
    findings = run_rule(overlegrecht, overleg(per_jaar=1, afdwingbaar="false"))
    assert msg(findings, "nl") != msg(findings, "en") and "is held once a year" in msg(findings, "en")
    assert "is held 2 times a year" in msg(run_rule(overlegrecht, overleg(per_jaar=2)), "en")
