"""The rules that RULES.md version 2 adds, and the v2 edges of the rules it changes."""

from __future__ import annotations

from afspraken.builtin.bestuur import buurtonderneming
from afspraken.builtin.continuiteit import maatwerk
from afspraken.builtin.domeinen import en_en, kleine_dingen_eerst
from afspraken.builtin.initiatief import geen_overdreven_controle, ruimte_voor_initiatief, zere_plekken
from afspraken.builtin.ladder import participatieniveau
from afspraken.builtin.modellen import bewonersbestuur, onafhankelijke_regie
from afspraken.builtin.participatie import begin_tot_eind
from afspraken.builtin.uitvoering import eigenaar_per_actie
from afspraken.results import Outcome
from afspraken.testing import check_rule, keys, outcome, run_rule

from regeltest import base, check, one

# --------------------------------------------------------------------------- begin-tot-eind and the ladder


def test_begin_tot_eind_a_phase_below_min_trede_is_not_taking_part():
    f = one(begin_tot_eind, '[besluitvorming.niveau]\nbesluit = "informeren"\nevaluatie = "raadplegen"\n')
    assert keys([f]) == ["besluitvorming.niveau.besluit"]
    assert [l.key for l in f.locations] == ["besluitvorming.niveau.besluit", "besluitvorming.niveau.evaluatie"]
    assert "besluit (informeren) en evaluatie (raadplegen)" in f.message("nl") and "'adviseren'" in f.message("nl")
    assert run_rule(begin_tot_eind, '[besluitvorming.niveau]\nbesluit = "adviseren"\n') == []
    assert run_rule(begin_tot_eind, '[besluitvorming.niveau]\nbesluit = "raadplegen"\n', params={"min_trede": "raadplegen"}) == []


def test_begin_tot_eind_without_niveau_reads_bewoners_betrokken_as_before():
    assert run_rule(begin_tot_eind, without=["besluitvorming.niveau"]) == []
    f = one(begin_tot_eind, '[besluitvorming]\nbewoners_betrokken = ["initiatief"]\n', without=["besluitvorming.niveau"])
    assert keys([f]) == ["besluitvorming.bewoners_betrokken"]
    assert f.fix is not None and "ontwerp, besluit, uitvoering en evaluatie" in f.fix("nl")


def test_participatieniveau_without_niveau_cannot_be_decided():
    result = check_rule(participatieniveau, without=["besluitvorming.niveau"])
    [f] = result.findings
    assert f.undecided and keys([f]) == ["besluitvorming.niveau"] and "geef per fase de trede" in f.message("nl")
    assert outcome(result, "participatieniveau") is Outcome.ONBESLIST
    [f] = run_rule(participatieniveau, without=["besluitvorming"])
    assert f.undecided and keys([f]) == ["besluitvorming"]


def test_participatieniveau_every_phase_and_the_decision_high_enough():
    assert run_rule(participatieniveau) == []
    found, text, _ = check(participatieniveau, without=["besluitvorming.niveau.ontwerp", "besluitvorming.niveau.evaluatie"])
    assert found == ["besluitvorming.niveau"] and "ontwerp en evaluatie" in text
    f = one(participatieniveau, '[besluitvorming.niveau]\nbesluit = "adviseren"\n')
    assert keys([f]) == ["besluitvorming.niveau.besluit"] and "'adviseren'" in f.message("nl") and "'coproduceren'" in f.message("nl")
    assert run_rule(participatieniveau, '[besluitvorming.niveau]\nbesluit = "adviseren"\n', params={"min_trede_besluit": "adviseren"}) == []


def test_the_ladder_is_ordered_in_the_format():
    from afspraken.model import TREDEN

    assert TREDEN == ("informeren", "raadplegen", "adviseren", "coproduceren", "meebeslissen")


# --------------------------------------------------------------------------- In 't Veld's conditions


def test_zere_plekken():
    assert run_rule(zere_plekken) == []
    f = one(zere_plekken, without=["communicatie.voortgang_per_partij"])
    assert keys([f]) == ["communicatie.voortgang_per_partij"] and not f.undecided and "ontbreekt" in f.message("nl")
    f = one(zere_plekken, "[communicatie]\nvoortgang_per_partij = false\n")
    assert "= false" in f.message("nl")
    assert keys(run_rule(zere_plekken, without=["communicatie"])) == ["communicatie"]


def test_ruimte_voor_initiatief():
    assert run_rule(ruimte_voor_initiatief) == []
    assert run_rule(ruimte_voor_initiatief, without=["bewoners.uitdaagrecht"]) == []  # a budget is enough
    assert run_rule(ruimte_voor_initiatief, without=["bewoners.budget_eigen_initiatief"]) == []  # so is the right
    f = one(ruimte_voor_initiatief, without=["bewoners.budget_eigen_initiatief", "bewoners.uitdaagrecht"])
    assert keys([f]) == ["bewoners"] and not f.undecided
    f = one(ruimte_voor_initiatief, "[bewoners]\nbudget_eigen_initiatief = 0\nuitdaagrecht = false\n")
    assert keys(run_rule(ruimte_voor_initiatief, "[bewoners]\nbudget_eigen_initiatief = 0\nuitdaagrecht = false\n")) == ["bewoners.budget_eigen_initiatief"]
    assert "budget_eigen_initiatief is 0 en uitdaagrecht = false" in f.message("nl")


def test_geen_overdreven_controle():
    assert run_rule(geen_overdreven_controle) == []  # no [verantwoording]: passes
    assert run_rule(geen_overdreven_controle, "[verantwoording]\nper_jaar = 4\n") == []
    f = one(geen_overdreven_controle, "[verantwoording]\nper_jaar = 12\n")
    assert keys([f]) == ["verantwoording.per_jaar"] and "12 keer per jaar" in f.message("nl")
    assert run_rule(geen_overdreven_controle, "[verantwoording]\nper_jaar = 12\n", params={"max_per_jaar": 12}) == []


# --------------------------------------------------------------------------- domains


def test_en_en():
    assert run_rule(en_en) == []
    physical = base(('domein = "sociaal"', 'domein = "economie"'))
    f = one(en_en, base=physical)
    assert not f.undecided and keys([f]) == ["actie"] and "sociaal" in f.message("nl")
    f = one(en_en, without=["actie"])
    assert f.undecided
    unknown = base(('domein = "sociaal"\n', ""))
    f = one(en_en, base=unknown)
    assert f.undecided and keys([f]) == ["actie[1]"] and f.message("nl").startswith("kan niet beoordelen")


def test_kleine_dingen_eerst():
    assert run_rule(kleine_dingen_eerst) == []  # the clean-up day on 15 June 2024, within a year
    late = base(("wanneer = 2024-06-15", "wanneer = 2025-06-15"))
    f = one(kleine_dingen_eerst, base=late)
    assert keys([f]) == ["actie[2].wanneer"] and "1 januari 2025" in f.message("nl") and "15 juni 2025" in f.message("nl")
    assert run_rule(kleine_dingen_eerst, base=late, params={"max_maanden": 18}) == []
    nothing = base(('domein = "leefbaarheid"', 'domein = "sociaal"'))
    assert keys(run_rule(kleine_dingen_eerst, base=nothing)) == ["actie"]
    no_domains = base(('domein = "leefbaarheid"\n', ""), ('domein = "sociaal"\n', ""), ('domein = "fysiek"\n', ""))
    [f] = run_rule(kleine_dingen_eerst, base=no_domains)
    assert f.undecided


# --------------------------------------------------------------------------- eigenaar-per-actie


def test_eigenaar_per_actie_wie_may_be_missing_in_the_file_and_is_reported_here():
    found, text, _ = check(eigenaar_per_actie, base=base(('wie = "welzijn"\n', "")))
    assert found == ["actie[1]"] and "heeft geen eigenaar" in text


def test_eigenaar_per_actie_the_owner_must_sign_or_be_an_orgaan():
    not_signing = base(('soort = "instelling"', 'soort = "instelling"\nondertekent = false'))
    found, text, findings = check(eigenaar_per_actie, base=not_signing)
    assert found == ["actie[1].wie"] and "Stichting Welzijn Voorbeeld" in text and "ondertekent" in text
    assert findings[0].locations[1].key == "partij[3].ondertekent"
    assert run_rule(eigenaar_per_actie, base=base(('wie = "welzijn"', 'wie = "buurtonderneming"'))) == []


def test_eigenaar_per_actie_indicator_when_required():
    assert run_rule(eigenaar_per_actie, params={"vereis_indicator": True}) != []
    found, text, _ = check(eigenaar_per_actie, params={"vereis_indicator": True})
    assert found == ["actie[0].indicator", "actie[1].indicator", "actie[2].indicator"] and "geen indicator en geen streefwaarde" in text
    measured = base(('wanneer = 2024-09-01\n', 'wanneer = 2024-09-01\nindicator = "deelnemers"\nstreefwaarde = 40\n'))
    assert keys(run_rule(eigenaar_per_actie, base=measured, params={"vereis_indicator": True})) == ["actie[0].indicator", "actie[2].indicator"]


# --------------------------------------------------------------------------- maatwerk


def test_maatwerk_analysis_not_too_old():
    assert run_rule(maatwerk) == []
    f = one(maatwerk, "[maatwerk]\nanalysedatum = 2019-06-01\n")
    assert keys([f]) == ["maatwerk.analysedatum"] and "1 juni 2019" in f.message("nl") and "3 jaar" in f.message("nl")
    assert run_rule(maatwerk, "[maatwerk]\nanalysedatum = 2021-01-01\n") == []  # exactly 3 years
    assert run_rule(maatwerk, without=["maatwerk.analysedatum"]) == []


# --------------------------------------------------------------------------- advisory seats in the models


def test_buurtonderneming_counts_voting_members_only():
    advisory = base(('partij = "welzijn"\n', 'partij = "welzijn"\nstemmen = 0\n'))
    found, text, _ = check(buurtonderneming, base=advisory)
    assert found == ["orgaan[0].lid"] and "Stichting Welzijn Voorbeeld" in text


def test_bewonersbestuur_lets_others_advise():
    board = """
[[orgaan]]
id = "buurtonderneming"
naam = "Bestuur Wijktrust"
soort = "overig"
  [[orgaan.lid]]
  naam = "A. Yilmaz"
  partij = "bewonersraad"
  [[orgaan.lid]]
  naam = "Adviseur gemeente"
  partij = "gemeente"
  stemmen = 0
"""
    assert run_rule(bewonersbestuur, board) == []
    assert keys(run_rule(bewonersbestuur, board.replace("  stemmen = 0\n", ""))) == ["orgaan[0].lid[1].partij"]


def test_onafhankelijke_regie_checks_the_members():
    bureau = """
[[orgaan]]
id = "buurtonderneming"
naam = "Programmabureau"
soort = "programmabureau"
onafhankelijk = true
  [[orgaan.lid]]
  naam = "Programmamanager"
  partij = "gemeente"
  [[orgaan.lid]]
  naam = "Projectleider"
  partij = "gemeente"
"""
    f = one(onafhankelijke_regie, bureau)
    assert keys([f]) == ["orgaan[0].lid[0].partij"] and "alle leden met stemmen zitten namens Gemeente Voorbeeldstad" in f.message("nl")
    mixed = bureau.replace('naam = "Projectleider"\n  partij = "gemeente"', 'naam = "Projectleider"\n  partij = "corporatie"')
    assert run_rule(onafhankelijke_regie, mixed) == []
    unlisted = bureau.split("  [[orgaan.lid]]")[0]
    assert run_rule(onafhankelijke_regie, unlisted) == []  # members not listed: independence as stated


# --------------------------------------------------------------------------- fixes that fit the finding


def _fix(rule_id: str, snippet: str = "", **kw):
    from afspraken.testing import run_rule

    findings = run_rule(rule_id, snippet, **kw)
    assert findings and all(f.fix is not None for f in findings), findings
    return " | ".join(f.fix("nl") for f in findings)


def test_the_fix_names_what_is_missing_in_this_finding():
    assert "Zet corporatie in mandaat van orgaan 'buurtonderneming'" in _fix("mandaat", '[[orgaan]]\nid = "buurtonderneming"\nnaam = "B"\nsoort = "buurtonderneming"\nmandaat = ["gemeente"]\n')
    assert "op minstens 4" in _fix("overlegrecht", '[[overleg]]\ntussen = ["bewonersraad", "buurtonderneming"]\nper_jaar = 2\nafdwingbaar = true\n')
    assert "afdwingbaar = true" in _fix("overlegrecht", '[[overleg]]\ntussen = ["bewonersraad", "buurtonderneming"]\nper_jaar = 4\nafdwingbaar = false\n')
    assert 'Zet "bewoners" in escalatie.toegankelijk_voor' in _fix("oliemannetje", '[escalatie]\ntoegankelijk_voor = ["gemeente"]\n')
    assert "Laat Woonstichting Voorbeeld ondertekenen" in _fix("vitale-coalitie", base=base(('naam = "Woonstichting Voorbeeld"\nsoort = "corporatie"', 'naam = "Woonstichting Voorbeeld"\nsoort = "corporatie"\nondertekent = false')))
    assert 'wie = "bewonersraad"' in _fix("bewoners-aan-zet", base=base(('wie = "bewonersraad"', 'wie = "gemeente"')))
    assert "minimale_bezetting_jaren op minstens 2" in _fix("vaste-gezichten", "[continuiteit]\nminimale_bezetting_jaren = 1\n")
    wide = base(('schaal = "buurt"\nhuishoudens', 'schaal = "gemeente"\nhuishoudens'), ('schaal = "straat"\ndomein = "fysiek"', 'schaal = "wijk"\ndomein = "fysiek"'), ('schaal = "straat"\ndomein = "leefbaarheid"', 'schaal = "wijk"\ndomein = "leefbaarheid"'))
    assert "Geef nog 1 actie schaal" in _fix("kleinschalig", base=wide)
    assert "nog 2 groep" in _fix("brede-vertegenwoordiging", '[bewoners]\ngroepen = ["jongeren"]\n', params={"verplicht": []})
