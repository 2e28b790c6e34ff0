"""The three rules of rule set `basis`, exactly as RULES.md defines them."""

from __future__ import annotations

from afspraken.builtin.basis import een_aanspreekpunt, gelijke_stem, niet_te_veel_professionals
from afspraken.testing import agreement_text, check_rule, keys, outcome, run_rule
from afspraken.results import Outcome

from regeltest import base, check, msg, one

BODY = """
[[orgaan]]
id = "buurtonderneming"
naam = "Buurtonderneming Voorbeeldwijk"
soort = "buurtonderneming"
mandaat = ["gemeente", "corporatie"]
{extra}
[[orgaan.lid]]
naam = "Directeur sociaal"
partij = "gemeente"
{g}
[[orgaan.lid]]
naam = "Directeur fysiek"
partij = "corporatie"
{c}
[[orgaan.lid]]
naam = "Voorzitter bewonersraad"
partij = "bewonersraad"
{b}
[[orgaan.lid]]
naam = "Coordinator welzijn"
partij = "welzijn"
"""


def body(extra: str = "", g: str = "", c: str = "", b: str = "") -> str:
    return BODY.format(extra=extra, g=g, c=c, b=b)


# gelijke-stem


def test_gelijke_stem_base_passes():
    result = check_rule(gelijke_stem)
    assert result.findings == () and outcome(result, "gelijke-stem") is Outcome.GESLAAGD


def test_gelijke_stem_unequal_votes_name_body_parties_and_counts_and_point_at_the_odd_votes():
    f = one(gelijke_stem, body(g="stemmen = 2"))
    assert keys([f]) == ["orgaan[0].lid[0].stemmen"]
    assert [loc.key for loc in f.locations[1:]] == ["orgaan[0]"]
    text = f.message("nl")
    assert "Buurtonderneming Voorbeeldwijk" in text
    assert "stemmen: Gemeente Voorbeeldstad: 2; Woonstichting Voorbeeld: 1; Bewonersraad Voorbeeldwijk: 1" in text
    assert "do not have an equal voice" in f.message("en")
    assert f.fix is not None and "Gemeente Voorbeeldstad" in f.fix("nl") and "1 stem" in f.fix("nl")


def test_gelijke_stem_sums_votes_over_members():
    # the corporation has two members with one vote each: 2 against 1
    extra_member = '[[orgaan.lid]]\nnaam = "Wijkbeheerder"\npartij = "corporatie"\n'
    f = one(gelijke_stem, body() + extra_member)
    assert "Woonstichting Voorbeeld: 2" in f.message("nl")
    assert [loc.key for loc in f.locations] == ["orgaan[0].lid[1].stemmen", "orgaan[0]", "orgaan[0].lid[4].stemmen"]  # the body second: places past MAX_PLACES are counted


def test_gelijke_stem_signing_party_with_only_an_advisory_seat_is_a_finding():
    f = one(gelijke_stem, body(b="stemmen = 0"))
    assert keys([f]) == ["orgaan[0].lid[2].stemmen"]
    assert "Bewonersraad Voorbeeldwijk" in f.message("nl") and "raadgevende stem" in f.message("nl")
    assert "advisory seat" in f.message("en")


def test_gelijke_stem_advisory_seat_of_a_non_signer_is_left_out():
    police = '[[partij]]\nid = "politie"\nnaam = "Politie"\nsoort = "overig"\nondertekent = false\n'
    member = '[[orgaan.lid]]\nnaam = "Wijkagent"\npartij = "politie"\nstemmen = 0\n'
    parties = base().split("[[partij]]", 1)[1].split("[[orgaan]]")[0]
    snippet = "[[partij]]" + parties + police + body() + member
    assert run_rule(gelijke_stem, snippet) == []
    # the same seat for a party that signs is a finding
    f = one(gelijke_stem, snippet.replace("ondertekent = false\n", ""))
    assert keys([f]) == ["orgaan[0].lid[4].stemmen"] and "Politie" in f.message("nl")
    # and a non-signer with votes is compared like any party
    f = one(gelijke_stem, snippet.replace("stemmen = 0", "stemmen = 2"))
    assert keys([f]) == ["orgaan[0].lid[4].stemmen"] and "Politie: 2" in f.message("nl")


WITHOUT_RESIDENTS = body().replace('[[orgaan.lid]]\nnaam = "Voorzitter bewonersraad"\npartij = "bewonersraad"\n', "")


def test_gelijke_stem_of_overlegrecht_accepts_an_enforceable_meeting_instead_of_a_seat():
    params = {"bewoners_zetel": "of-overlegrecht"}
    assert run_rule(gelijke_stem, WITHOUT_RESIDENTS, params=params) == []  # BASE: 4 a year, enforceable
    f = one(gelijke_stem, WITHOUT_RESIDENTS, params={**params, "min_overleg_per_jaar": 6})
    assert keys([f]) == ["orgaan[0]"] and "afdwingbaar overleg" in f.message("nl") and "6 keer per jaar" in f.message("nl")
    weak = WITHOUT_RESIDENTS + '[[overleg]]\ntussen = ["bewonersraad", "buurtonderneming"]\nper_jaar = 4\n'
    assert rule_keys(gelijke_stem, weak, params) == ["orgaan[0]"]  # not enforceable
    other = WITHOUT_RESIDENTS + '[[overleg]]\ntussen = ["bewonersraad", "gemeente"]\nper_jaar = 4\nafdwingbaar = true\n'
    assert rule_keys(gelijke_stem, other, params) == ["orgaan[0]"]  # not with that body
    assert rule_keys(gelijke_stem, WITHOUT_RESIDENTS) == ["orgaan[0]"]  # "verplicht": a seat it must be


def rule_keys(rule, snippet, params=None):
    return keys(run_rule(rule, snippet, params=params))


def test_gelijke_stem_signing_residents_party_must_sit_in_the_body():
    f = one(gelijke_stem, WITHOUT_RESIDENTS)
    assert keys([f]) == ["orgaan[0]"] and [l.key for l in f.locations[1:]] == ["partij[2]"]
    assert "Bewonersraad Voorbeeldwijk" in f.message("nl") and "geen zitting" in f.message("nl")


def test_gelijke_stem_non_signing_residents_party_need_not_sit():
    snippet = body().replace('[[orgaan.lid]]\nnaam = "Voorzitter bewonersraad"\npartij = "bewonersraad"\n', "")
    text = base(('naam = "Bewonersraad Voorbeeldwijk"\nsoort = "bewoners"', 'naam = "Bewonersraad Voorbeeldwijk"\nsoort = "bewoners"\nondertekent = false'))
    assert run_rule(gelijke_stem, snippet, base=text) == []


def test_gelijke_stem_only_deciding_bodies_count():
    assert run_rule(gelijke_stem, body(extra="besluitvormend = false", g="stemmen = 3")) == []


def test_gelijke_stem_body_without_members_cannot_be_decided():
    snippet = '[[orgaan]]\nid = "buurtonderneming"\nnaam = "Stuurgroep"\nsoort = "stuurgroep"\nmandaat = ["gemeente", "corporatie"]\n'
    f = one(gelijke_stem, snippet)
    assert f.undecided and keys([f]) == ["orgaan[0]"] and f.message("nl").startswith("kan niet beoordelen")
    assert outcome(check_rule(gelijke_stem, snippet), "gelijke-stem") is Outcome.ONBESLIST


def test_gelijke_stem_per_soort():
    # two institutions with one vote each: per party equal, per kind 'instelling' has 2
    second = '[[partij]]\nid = "school"\nnaam = "Basisschool"\nsoort = "instelling"\n'
    member = '[[orgaan.lid]]\nnaam = "Directeur school"\npartij = "school"\n'
    parties = base().split("[[partij]]", 1)[1].split("[[orgaan]]")[0]
    snippet = "[[partij]]" + parties + second + body() + member
    assert run_rule(gelijke_stem, snippet) == []
    f = one(gelijke_stem, snippet, params={"per": "soort"})
    assert "instelling: 2" in f.message("nl") and "gemeente: 1" in f.message("nl")


# een-aanspreekpunt


def test_een_aanspreekpunt_base_passes():
    assert run_rule(een_aanspreekpunt) == []


def test_een_aanspreekpunt_missing():
    f = one(een_aanspreekpunt, without=["aanspreekpunt"])
    assert keys([f]) == ["aanspreekpunt"] and f.location.line == 1


def test_een_aanspreekpunt_more_than_one_points_at_the_second():
    text = base(("[aanspreekpunt]", "[[aanspreekpunt]]")) + '\n[[aanspreekpunt]]\npartij = "gemeente"\nnaam = "Loket Gemeente"\nbereikbaar = "14 040"\n'
    f = one(een_aanspreekpunt, base=text)
    assert keys([f]) == ["aanspreekpunt[1]"]
    assert "2 aanspreekpunten" in f.message("nl") and "Loket Gemeente" in f.message("nl")
    lines = agreement_text(base=text).splitlines()
    assert lines[f.location.line - 1] == "[[aanspreekpunt]]" and lines[:f.location.line - 1].count("[[aanspreekpunt]]") == 1


def test_een_aanspreekpunt_without_reachability_points_at_the_table():
    f = one(een_aanspreekpunt, without=["aanspreekpunt.bereikbaar"])
    assert keys([f]) == ["aanspreekpunt.bereikbaar"] and "Wijkwinkel Voorbeeldwijk" in f.message("nl")
    lines = agreement_text(without=["aanspreekpunt.bereikbaar"]).splitlines()
    assert lines[f.location.line - 1] == "[aanspreekpunt]"  # missing: its table


def test_een_aanspreekpunt_empty_reachability_points_at_the_key():
    f = one(een_aanspreekpunt, '[aanspreekpunt]\nbereikbaar = "  "\n')
    lines = agreement_text('[aanspreekpunt]\nbereikbaar = "  "\n').splitlines()
    assert lines[f.location.line - 1].startswith("bereikbaar = ")


def test_een_aanspreekpunt_names_neither_body_nor_party():
    f = one(een_aanspreekpunt, without=["aanspreekpunt.orgaan"])
    assert keys([f]) == ["aanspreekpunt"] and "geen orgaan of partij" in f.message("nl")


def test_een_aanspreekpunt_body_needs_the_mandates_of_gemeente_and_every_corporatie():
    found, text, findings = check(een_aanspreekpunt, body().replace('mandaat = ["gemeente", "corporatie"]', 'mandaat = ["gemeente"]'))
    assert found == ["orgaan[0].mandaat"] and "Woonstichting Voorbeeld" in text
    assert [l.key for l in findings[0].locations[1:]] == ["aanspreekpunt.orgaan"]
    assert findings[0].fix is not None and "Zet corporatie in mandaat van orgaan 'buurtonderneming'" in findings[0].fix("nl")
    found, text, _ = check(een_aanspreekpunt, body().replace('mandaat = ["gemeente", "corporatie"]\n', ""))
    assert found == ["orgaan[0].mandaat"] and "Gemeente Voorbeeldstad en Woonstichting Voorbeeld" in text


def test_een_aanspreekpunt_party_as_contact_needs_no_mandate():
    assert run_rule(een_aanspreekpunt, '[aanspreekpunt]\norgaan = ""\n', without=["aanspreekpunt.orgaan"]) != []  # empty id is invalid input
    snippet = '[aanspreekpunt]\npartij = "gemeente"\n'
    assert run_rule(een_aanspreekpunt, snippet, without=["aanspreekpunt.orgaan"]) == []


def test_een_aanspreekpunt_party_as_contact_must_sign():
    text = base(('soort = "instelling"', 'soort = "instelling"\nondertekent = false'))
    found, message, _ = check(een_aanspreekpunt, '[aanspreekpunt]\npartij = "welzijn"\n', without=["aanspreekpunt.orgaan"], base=text)
    assert found == ["aanspreekpunt.partij"] and "Stichting Welzijn Voorbeeld" in message and "ondertekent" in message


# niet-te-veel-professionals


def test_professionals_base_passes():
    assert run_rule(niet_te_veel_professionals) == []  # 10 on 4,500: 2.2 per 1,000


def test_professionals_too_many_per_1000():
    f = one(niet_te_veel_professionals, "[afspraak]\nbewoners = 3000\n")
    assert keys([f]) == ["partij[1].professionals"]  # the party with the most
    assert "10 professionals op 3.000 bewoners is 3,3 per 1.000" in f.message("nl")
    assert "10 professionals for 3,000 residents is 3.3 per 1,000" in f.message("en")


def test_professionals_just_over_the_maximum_does_not_read_as_the_maximum():
    f = one(niet_te_veel_professionals, "[afspraak]\nbewoners = 3333\n")  # 3.0003 per 1,000
    assert "is 3,0003 per 1.000 bewoners; het maximum is 3" in f.message("nl")


def test_professionals_exactly_at_the_maximum_passes():
    assert run_rule(niet_te_veel_professionals, "[afspraak]\nbewoners = 3334\n") == []  # 2.999


def test_professionals_parameter():
    assert run_rule(niet_te_veel_professionals, "[afspraak]\nbewoners = 3000\n", params={"max_per_1000_bewoners": 3.5}) == []
    assert run_rule(niet_te_veel_professionals, params={"max_per_1000_bewoners": 2}) != []


def test_professionals_missing_residents_cannot_be_decided():
    f = one(niet_te_veel_professionals, without=["afspraak.bewoners"])
    assert f.undecided and keys([f]) == ["afspraak.bewoners"] and "afspraak.bewoners ontbreekt" in f.message("nl")


def test_professionals_zero_residents_cannot_be_decided():
    f = one(niet_te_veel_professionals, "[afspraak]\nbewoners = 0\n")
    assert f.undecided and keys([f]) == ["afspraak.bewoners"] and "afspraak.bewoners is 0" in f.message("nl")
    assert "∞" not in f.message("nl")


def test_professionals_residents_own_staff_do_not_count():
    staff = base(('soort = "bewoners"', 'soort = "bewoners"\nprofessionals = 20'))
    assert run_rule(niet_te_veel_professionals, base=staff) == []
    assert run_rule(niet_te_veel_professionals, params={"max_organisaties": 3}, base=staff) == []


def test_professionals_a_bodys_own_staff_count():
    office = base(('mandaat = ["gemeente", "corporatie"]', 'mandaat = ["gemeente", "corporatie"]\nprofessionals = 5'))
    f = one(niet_te_veel_professionals, base=office)  # 15 on 4,500: 3.3 per 1,000
    assert keys([f])[0] == "orgaan[0].professionals" and "15 professionals" in f.message("nl")
    f = one(niet_te_veel_professionals, params={"max_organisaties": 3, "max_per_1000_bewoners": 4.0}, base=office)
    assert "Buurtonderneming Voorbeeldwijk" in f.message("nl")


def test_professionals_a_village_with_a_few_part_timers_is_not_over_run():
    village = "[afspraak]\nbewoners = 800\n[[partij]]\nid = 'gemeente'\nnaam = 'G'\nsoort = 'gemeente'\nprofessionals = 1\n[[partij]]\nid = 'corporatie'\nnaam = 'C'\nsoort = 'corporatie'\nprofessionals = 1\n[[partij]]\nid = 'bewonersraad'\nnaam = 'B'\nsoort = 'bewoners'\n[[partij]]\nid = 'welzijn'\nnaam = 'W'\nsoort = 'instelling'\nprofessionals = 1\n"
    assert run_rule(niet_te_veel_professionals, village) == []  # 3 on 800 is 3.75 per 1,000, but 3 <= min_toegestaan
    f = one(niet_te_veel_professionals, village, params={"min_toegestaan": 2})
    assert "3,8 per 1.000" in f.message("nl")
    assert run_rule(niet_te_veel_professionals, village.replace("bewoners = 800\n", "bewoners = 0\n")) == []  # allowed anyway


def test_professionals_none_deployed_needs_no_resident_count():
    snippet = "[[partij]]\nid = 'gemeente'\nnaam = 'G'\nsoort = 'gemeente'\n[[partij]]\nid = 'corporatie'\nnaam = 'C'\nsoort = 'corporatie'\n[[partij]]\nid = 'bewonersraad'\nnaam = 'B'\nsoort = 'bewoners'\n[[partij]]\nid = 'welzijn'\nnaam = 'W'\nsoort = 'instelling'\n"
    assert run_rule(niet_te_veel_professionals, snippet, without=["afspraak.bewoners"]) == []


def test_professionals_too_many_organisations():
    found, text, _ = check(niet_te_veel_professionals, params={"max_organisaties": 2})
    assert found == ["partij[0].professionals"]
    assert [l.key for l in _[0].locations] == ["partij[0].professionals", "partij[1].professionals", "partij[3].professionals"]
    assert "3 organisaties zetten professionals in" in text and "Stichting Welzijn Voorbeeld" in text and "maximum is 2" in msg(_)
