"""The other rules of rule set ``wijkaanpak`` (afspraken.builtin.wijkaanpak)."""

from __future__ import annotations

import datetime as dt

from afspraken.builtin.bestuur import buurtonderneming, oliemannetje, vitale_coalitie
from afspraken.builtin.continuiteit import maatwerk, successen_vieren, vaste_gezichten
from afspraken.builtin.uitvoering import eigenaar_per_actie, kleinschalig, lange_termijn
from afspraken.testing import run_rule
from regeltest import base, check, one

OPEN_ENDED = ("afspraak.einddatum",)

# --------------------------------------------------------------------------- buurtonderneming

ORGAAN = """
[[orgaan]]
id = "buurtonderneming"
naam = "Buurtonderneming Voorbeeldwijk"
soort = "buurtonderneming"
besluitvormend = {besluitvormend}
mandaat = ["gemeente", "corporatie"]
{leden}
"""


def orgaan(*partijen: str, besluitvormend: str = "true") -> str:
    leden = "".join(f'  [[orgaan.lid]]\n  naam = "Lid {p}"\n  partij = "{p}"\n' for p in partijen)
    return ORGAAN.format(besluitvormend=besluitvormend, leden=leden)


def test_buurtonderneming_base_passes():
    assert run_rule(buurtonderneming) == []


def test_buurtonderneming_missing_institution():
    keys, text, findings = check(buurtonderneming, orgaan("gemeente", "corporatie", "bewonersraad"))
    assert keys == ["orgaan[0].lid"]
    assert "in het besluitvormende orgaan 'Buurtonderneming Voorbeeldwijk' ontbreekt Stichting Welzijn Voorbeeld" in text
    assert [loc.key for loc in findings[0].locations] == ["orgaan[0].lid", "partij[3]"]


def test_buurtonderneming_missing_residents_and_corporation():
    keys, text, _ = check(buurtonderneming, orgaan("gemeente", "welzijn"))
    assert keys == ["orgaan[0].lid"]
    assert "ontbreken Woonstichting Voorbeeld en de bewoners (Bewonersraad Voorbeeldwijk)" in text


def test_buurtonderneming_missing_municipality():
    _, text, _ = check(buurtonderneming, orgaan("corporatie", "bewonersraad", "welzijn"))
    assert "ontbreekt Gemeente Voorbeeldstad" in text


def test_buurtonderneming_municipality_needed_even_when_it_does_not_sign():
    niet = base(('soort = "gemeente"\n', 'soort = "gemeente"\nondertekent = false\n'))
    f = one(buurtonderneming, orgaan("corporatie", "bewonersraad", "welzijn"), base=niet)
    assert f.message("nl").endswith("ontbreekt de gemeente") and f.message("en").endswith("lacks the municipality")
    assert run_rule(buurtonderneming, orgaan("gemeente", "corporatie", "bewonersraad", "welzijn"), base=niet) == []


def test_buurtonderneming_non_signing_institution_need_not_sit():
    snippet_base = base(('soort = "instelling"\n', 'soort = "instelling"\nondertekent = false\n'))
    assert run_rule(buurtonderneming, orgaan("gemeente", "corporatie", "bewonersraad"), base=snippet_base) == []


def test_buurtonderneming_no_deciding_body():
    keys, text, _ = check(buurtonderneming, orgaan("gemeente", "corporatie", "bewonersraad", "welzijn", besluitvormend="false"))
    assert keys == ["orgaan"]
    assert "er is geen besluitvormend orgaan" in text and "'Buurtonderneming Voorbeeldwijk' is niet besluitvormend" in text


def test_buurtonderneming_body_without_members_cannot_be_decided():
    f = one(buurtonderneming, orgaan())
    assert f.undecided and f.location.key == "orgaan[0].lid"
    assert f.message("nl").startswith("kan niet beoordelen: ") and "Buurtonderneming Voorbeeldwijk" in f.message("nl")


def test_buurtonderneming_one_complete_body_is_enough_and_the_closest_is_reported():
    stuurgroep = '\n[[orgaan]]\nid = "stuurgroep"\nnaam = "Stuurgroep"\nsoort = "stuurgroep"\n'
    leden = "".join(f'  [[orgaan.lid]]\n  naam = "S {p}"\n  partij = "{p}"\n' for p in ("gemeente", "corporatie", "bewonersraad"))
    assert run_rule(buurtonderneming, orgaan("gemeente") + stuurgroep + leden + '  [[orgaan.lid]]\n  naam = "W"\n  partij = "welzijn"\n') == []
    keys, text, _ = check(buurtonderneming, orgaan("gemeente") + stuurgroep + leden)
    assert keys == ["orgaan[1].lid"] and "'Stuurgroep' ontbreekt Stichting Welzijn Voorbeeld" in text


# --------------------------------------------------------------------------- maatwerk


def test_maatwerk_base_passes():
    assert run_rule(maatwerk) == []


def test_maatwerk_empty_or_blank():
    for value in ('""', '"   "'):
        f = one(maatwerk, f"[maatwerk]\nwijkanalyse = {value}")
        assert f.location.key == "maatwerk.wijkanalyse" and "wijkanalyse van Voorbeeldwijk" in f.message("nl")


def test_maatwerk_missing_key_and_missing_section():
    f = one(maatwerk, without=("maatwerk.wijkanalyse",))
    assert f.location.key == "maatwerk.wijkanalyse"
    f = one(maatwerk, without=("maatwerk",))
    assert f.location.key == "maatwerk" and "er is geen [maatwerk]" in f.message("nl")


# --------------------------------------------------------------------------- vaste-gezichten


def test_vaste_gezichten_base_passes():
    assert run_rule(vaste_gezichten) == []


def test_vaste_gezichten_too_short():
    f = one(vaste_gezichten, "[continuiteit]\nminimale_bezetting_jaren = 1")
    assert f.location.key == "continuiteit.minimale_bezetting_jaren"
    assert "minimaal 1 jaar" in f.message("nl") and "minimum is 2 jaar" in f.message("nl")


def test_vaste_gezichten_no_fixed_contacts():
    f = one(vaste_gezichten, "[continuiteit]\nvaste_contactpersonen = false")
    assert f.location.key == "continuiteit.vaste_contactpersonen" and "= false" in f.message("nl")
    f = one(vaste_gezichten, without=("continuiteit.vaste_contactpersonen",))
    assert f.location.key == "continuiteit.vaste_contactpersonen" and "ontbreekt" in f.message("nl")


def test_vaste_gezichten_missing_tenure_and_missing_section():
    f = one(vaste_gezichten, without=("continuiteit.minimale_bezetting_jaren",))
    assert f.location.key == "continuiteit.minimale_bezetting_jaren" and "geen minimale bezettingsduur" in f.message("nl")
    f = one(vaste_gezichten, without=("continuiteit",))
    assert f.location.key == "continuiteit" and "minimale bezetting van 2 jaar" in f.message("nl")


def test_vaste_gezichten_parameter():
    f = one(vaste_gezichten, params={"min_jaren": 4})
    assert "minimaal 3 jaar" in f.message("nl") and "minimum is 4 jaar" in f.message("nl")
    assert run_rule(vaste_gezichten, "[continuiteit]\nminimale_bezetting_jaren = 1", params={"min_jaren": 1}) == []


# --------------------------------------------------------------------------- successen-vieren


def test_successen_vieren_base_passes():
    assert run_rule(successen_vieren) == []


def test_successen_vieren_not_celebrated():
    f = one(successen_vieren, "[communicatie]\nsuccessen_vieren = false")
    assert f.location.key == "communicatie.successen_vieren"
    f = one(successen_vieren, without=("communicatie.successen_vieren",))
    assert f.location.key == "communicatie.successen_vieren" and "ontbreekt" in f.message("nl")


def test_successen_vieren_no_channel():
    for value in ("[]", '["  "]'):
        f = one(successen_vieren, f"[communicatie]\nkanalen = {value}")
        assert f.location.key == "communicatie.kanalen" and "geen kanaal" in f.message("nl")


def test_successen_vieren_missing_section():
    f = one(successen_vieren, without=("communicatie",))
    assert f.location.key == "communicatie"


# --------------------------------------------------------------------------- eigenaar-per-actie


def test_eigenaar_per_actie_base_passes():
    assert run_rule(eigenaar_per_actie) == []


def test_eigenaar_per_actie_without_date_points_at_the_action():
    f = one(eigenaar_per_actie, base=base(("wanneer = 2024-09-01\n", "")))
    assert f.location.key == "actie[1].wanneer"  # missing: the line is that of its [[actie]]
    assert "actie 'Huiswerkbegeleiding in het buurthuis' van Stichting Welzijn Voorbeeld heeft geen datum" in f.message("nl")


def test_eigenaar_per_actie_before_the_start():
    f = one(eigenaar_per_actie, base=base(("wanneer = 2024-09-01", "wanneer = 2023-12-31")))
    assert f.location.key == "actie[1].wanneer"
    assert "31 december 2023, vóór de ingangsdatum 1 januari 2024" in f.message("nl")
    assert [loc.key for loc in f.locations] == ["actie[1].wanneer", "afspraak.ingangsdatum"]


def test_eigenaar_per_actie_after_the_end():
    f = one(eigenaar_per_actie, base=base(("wanneer = 2025-06-30", "wanneer = 2035-01-01")))
    assert f.location.key == "actie[0].wanneer"
    assert "'Herinrichting Dorpsstraat' van Woonstichting Voorbeeld" in f.message("nl") and "na de einddatum 31 december 2034" in f.message("nl")


def test_eigenaar_per_actie_boundaries_open_end_and_no_actions():
    assert run_rule(eigenaar_per_actie, base=base(("wanneer = 2024-09-01", "wanneer = 2024-01-01"), ("wanneer = 2025-06-30", "wanneer = 2034-12-31"))) == []
    assert run_rule(eigenaar_per_actie, base=base(("wanneer = 2025-06-30", "wanneer = 2050-01-01")), without=OPEN_ENDED) == []
    assert run_rule(eigenaar_per_actie, without=("actie",)) == []


def test_eigenaar_per_actie_each_action_its_own_finding():
    keys, _, _ = check(eigenaar_per_actie, base=base(("wanneer = 2025-06-30\n", ""), ("wanneer = 2024-06-15", "wanneer = 2040-01-01")))
    assert keys == ["actie[0].wanneer", "actie[2].wanneer"]


# --------------------------------------------------------------------------- oliemannetje


def test_oliemannetje_base_passes():
    assert run_rule(oliemannetje) == []


def test_oliemannetje_missing():
    f = one(oliemannetje, without=("escalatie",))
    assert f.location.key == "escalatie" and "er is geen [escalatie]" in f.message("nl")


def test_oliemannetje_without_authority():
    f = one(oliemannetje, without=("escalatie.gezag",))
    assert f.location.key == "escalatie.gezag" and "mr. J. van den Berg" in f.message("nl")
    f = one(oliemannetje, '[escalatie]\ngezag = " "')
    assert f.location.key == "escalatie.gezag"


def test_oliemannetje_not_for_residents():
    f = one(oliemannetje, '[escalatie]\ntoegankelijk_voor = ["gemeente", "corporatie"]')
    assert f.location.key == "escalatie.toegankelijk_voor"
    assert "bewoners kunnen mr. J. van den Berg niet inschakelen (alleen gemeente en corporatie)" in f.message("nl")
    f = one(oliemannetje, "[escalatie]\ntoegankelijk_voor = []")
    assert "toegankelijk_voor is leeg" in f.message("nl")


def test_oliemannetje_not_after_own_attempt():
    f = one(oliemannetje, "[escalatie]\nna_eigen_poging = false")
    assert f.location.key == "escalatie.na_eigen_poging" and "= false" in f.message("nl")
    f = one(oliemannetje, without=("escalatie.na_eigen_poging",))
    assert f.location.key == "escalatie.na_eigen_poging" and "ontbreekt" in f.message("nl")


# --------------------------------------------------------------------------- vitale-coalitie


def signs_not(soort: str) -> tuple[str, str]:
    return (f'soort = "{soort}"\n', f'soort = "{soort}"\nondertekent = false\n')


def test_vitale_coalitie_base_passes():
    assert run_rule(vitale_coalitie) == []


def test_vitale_coalitie_corporation_does_not_sign():
    f = one(vitale_coalitie, base=base(signs_not("corporatie")))
    assert f.location.key == "partij[1].ondertekent"
    assert "geen corporatie ondertekent de afspraak (Woonstichting Voorbeeld ondertekent niet)" in f.message("nl")


def test_vitale_coalitie_municipality_does_not_sign():
    f = one(vitale_coalitie, base=base(signs_not("gemeente")))
    assert f.location.key == "partij[0].ondertekent" and "Gemeente Voorbeeldstad" in f.message("nl")


def test_vitale_coalitie_too_few_kinds():
    keys, text, _ = check(vitale_coalitie, base=base(signs_not("bewoners"), signs_not("instelling")))
    assert keys == ["partij"]
    assert "2 soorten (gemeente en corporatie)" in text and "minstens 3" in text


def test_vitale_coalitie_parameter():
    _, text, _ = check(vitale_coalitie, params={"min_soorten": 5})
    assert "4 soorten" in text and "minstens 5" in text
    assert run_rule(vitale_coalitie, base=base(signs_not("bewoners"), signs_not("instelling")), params={"min_soorten": 2}) == []


# --------------------------------------------------------------------------- lange-termijn


def term(begin: str, eind: str) -> str:
    return f"[afspraak]\ningangsdatum = {begin}\neinddatum = {eind}\n"


def test_lange_termijn_base_passes():
    assert run_rule(lange_termijn) == []


def test_lange_termijn_too_short():
    f = one(lange_termijn, term("2024-01-01", "2027-12-31"))  # spans the 2026 election
    assert f.location.key == "afspraak.einddatum"
    assert "de looptijd 1 januari 2024 t/m 31 december 2027 (4 jaar) is korter dan 8 jaar" in f.message("nl")
    assert "1 January 2024 to 31 December 2027 (4 years)" in f.message("en")


def test_lange_termijn_exactly_the_minimum():
    assert run_rule(lange_termijn, term("2024-01-01", "2031-12-31")) == []
    assert run_rule(lange_termijn, term("2024-02-29", "2032-02-28")) == []
    f = one(lange_termijn, term("2024-01-01", "2031-12-30"))
    assert "(7 jaar en 364 dagen) is korter dan 8 jaar" in f.message("nl")  # a day short
    assert "(7 years and 364 days) is shorter than 8 years" in f.message("en")


def test_lange_termijn_elections_strictly_inside():
    # from election day to election day: neither counts (the agreement must run on after an election)
    f = one(lange_termijn, term("2022-03-16", "2026-03-18"), params={"min_jaren": 0})
    assert f.location.key == "afspraak.einddatum" and not f.undecided
    assert "omvat geen gemeenteraadsverkiezingen; minimaal 1" in f.message("nl")
    assert run_rule(lange_termijn, term("2022-03-16", "2026-03-19"), params={"min_jaren": 0}) == []


def test_lange_termijn_names_the_elections_it_spans():
    f = one(lange_termijn, term("2009-01-01", "2019-12-31"), params={"min_verkiezingen": 4})
    assert "(11 jaar) omvat 3 gemeenteraadsverkiezingen (3 maart 2010, 19 maart 2014 en 21 maart 2018); minimaal 4" in f.message("nl")
    assert "3 March 2010, 19 March 2014 and 21 March 2018" in f.message("en")


def test_lange_termijn_beyond_the_known_elections_extrapolates_every_four_years():
    # 2024-2034: 18 March 2026 (known), 20 March 2030 and 15 March 2034 (expected: the Wednesday of the third week of March)
    assert run_rule(lange_termijn, params={"min_verkiezingen": 3}) == []
    f = one(lange_termijn, term("2024-01-01", "2033-12-31"), params={"min_verkiezingen": 3})
    assert not f.undecided and f.location.key == "afspraak.einddatum"
    assert "2 gemeenteraadsverkiezingen (18 maart 2026 en 20 maart 2030, verwacht)" in f.message("nl")
    assert "(18 March 2026 and 20 March 2030, expected)" in f.message("en")
    assert f.fix is not None and "15 maart 2034 (verwacht)" in f.fix("nl")
    f = one(lange_termijn, term("2031-01-01", "2033-12-31"), params={"min_jaren": 0})  # after 2030: still decided
    assert not f.undecided and "omvat geen gemeenteraadsverkiezingen" in f.message("nl")
    assert run_rule(lange_termijn, term("2031-01-01", "2040-12-31")) == []  # 2034 and 2038, expected
    f = one(lange_termijn, term("1995-01-01", "2005-12-31"))
    assert f.undecided and "begint vóór de eerst bekende verkiezing (7 maart 2006)" in f.message("nl")


def test_lange_termijn_election_dates_are_a_parameter():
    extra = [dt.date(2034, 3, 15)]
    assert run_rule(lange_termijn, params={"min_verkiezingen": 3, "verkiezingen": [dt.date(2026, 3, 18), dt.date(2030, 3, 20), *extra]}) == []
    f = one(lange_termijn, params={"verkiezingen": []})
    assert f.undecided and "maar de parameter verkiezingen is leeg" in f.message("nl")
    assert run_rule(lange_termijn, params={"verkiezingen": [], "min_verkiezingen": 0}) == []


def test_lange_termijn_parameters_and_open_end():
    assert run_rule(lange_termijn, term("2024-01-01", "2027-12-31"), params={"min_jaren": 4}) == []
    f = one(lange_termijn, params={"min_jaren": 12})
    assert "(11 jaar) is korter dan 12 jaar" in f.message("nl")
    assert run_rule(lange_termijn, without=OPEN_ENDED, params={"min_jaren": 100, "min_verkiezingen": 50}) == []


# --------------------------------------------------------------------------- kleinschalig


def schaal(afspraak: str) -> tuple[str, str]:
    return ('schaal = "buurt"\nhuishoudens', f'schaal = "{afspraak}"\nhuishoudens')


def test_kleinschalig_base_passes():
    assert run_rule(kleinschalig) == []
    assert run_rule(kleinschalig, without=("actie",)) == []  # "buurt" is small enough on its own
    assert run_rule(kleinschalig, base=base(schaal("straat")), without=("actie",)) == []


def test_kleinschalig_large_scale_with_enough_street_actions_passes():
    assert run_rule(kleinschalig, base=base(schaal("wijk"))) == []  # 2 of 3 actions at street level


def test_kleinschalig_large_scale_without_street_actions():
    straat = base(schaal("gemeente"), ('schaal = "straat"\ndomein = "fysiek"', 'schaal = "wijk"\ndomein = "fysiek"'))
    assert run_rule(kleinschalig, base=straat) == []  # 1 of 3 (33%) is enough
    keys, text, findings = check(kleinschalig, base=straat.replace('schaal = "straat"', 'schaal = "wijk"'))
    assert keys == ["afspraak.schaal"]
    assert "de afspraak werkt op schaal 'gemeente'; acties op straatniveau: 0 van 3 (0%); minimaal 25%" in text
    assert [loc.key for loc in findings[0].locations[1:]] == ["actie[0].schaal", "actie[1].schaal", "actie[2].schaal"]


def test_kleinschalig_no_actions():
    f = one(kleinschalig, base=base(schaal("wijk")), without=("actie",))
    assert f.location.key == "afspraak.schaal" and "er zijn geen acties" in f.message("nl")
    assert run_rule(kleinschalig, base=base(schaal("wijk")), without=("actie",), params={"min_aandeel_straat": 0.0}) == []


def test_kleinschalig_missing_scale_cannot_be_decided():
    assert run_rule(kleinschalig, without=("afspraak.schaal",)) == []  # enough street actions
    f = one(kleinschalig, without=("afspraak.schaal",), params={"min_aandeel_straat": 0.9})
    assert f.undecided and f.location.key == "afspraak.schaal"
    assert "acties op straatniveau: 2 van 3 (66,7%)" in f.message("nl") and "minimaal 90%" in f.message("nl")


def test_kleinschalig_parameter():
    f = one(kleinschalig, base=base(schaal("wijk")), params={"min_aandeel_straat": 0.75})
    assert "acties op straatniveau: 2 van 3 (66,7%)" in f.message("nl") and "minimaal 75%" in f.message("nl")
    assert "actions at street level: 2 of 3 (66.7%)" in f.message("en")
