"""Rule set ``wijkaanpak`` (the default, extends ``basis``): the recommendations of the working groups.

The rules about resident participation are in :mod:`afspraken.builtin.participatie`; this
module holds the rest (bodies, continuity, actions, coalition, term, scale) and is the plugin
that registers the rules of both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from pydantic import Field

from afspraken import hookimpl
from afspraken.builtin import names, number, participatie, ruleset
from afspraken.model import Agreement
from afspraken.rules import Params, Rule, Text, Violation, rule, undecided, violation


def _n(count: float, one: str, many: str, lang: str = "en") -> str:
    """'1 year', '2 years', '2,5 jaar'."""
    return f"{number(count, lang)} {one if count == 1 else many}"


def _naam(doc: Agreement, id: str) -> str:
    """The name of the partij or orgaan with this id (the id itself if unknown)."""
    found = doc.partij_by_id(id) or doc.orgaan_by_id(id)
    return found.naam if found else id


# --------------------------------------------------------------------------- buurtonderneming


@rule(
    id="buurtonderneming",
    severity="waarschuwing",
    title=Text("Een orgaan waarin alle partijen zitten", "One body in which all parties sit"),
    summary=Text(
        "Minstens één besluitvormend orgaan heeft leden namens elke ondertekenende gemeente, corporatie en instelling, "
        "namens de gemeente (ook als die niet ondertekent) en namens de bewoners (een partij van soort 'bewoners'). "
        "Voldoet geen orgaan, dan noemt de melding wat ontbreekt in het orgaan dat er het dichtst bij komt. Zonder "
        "besluitvormend orgaan volgt een bevinding; hebben de besluitvormende organen geen leden, dan 'kan niet beoordelen'.",
        "At least one deciding body has members for every signing municipality, housing corporation and institution, "
        "for the municipality (even when it does not sign) and for the residents (a party of kind 'bewoners'). When no "
        "body qualifies, the message names what the closest one lacks. Without a deciding body that is a finding; "
        "when the deciding bodies list no members, 'cannot decide'.",
    ),
    rationale=Text(
        "Samenwerking werkt als gemeente, corporaties, instellingen en bewoners aan één tafel besluiten, in plaats "
        "van ieder in een eigen overleg.",
        "Partnership works when municipality, corporations, institutions and residents decide at one table, instead "
        "of each in a meeting of its own.",
    ),
    quote="Installeer een Buurtonderneming. Zorg daarin voor vertegenwoordiging van gemeente, corporatie(s), andere "
    "instellingen en bewoners.",
    fix=Text(
        "Geef in het besluitvormende orgaan een [[orgaan.lid]] aan de gemeente, elke corporatie, elke instelling en "
        "de bewoners.",
        "Give the deciding body an [[orgaan.lid]] for the municipality, every corporation, every institution and the residents.",
    ),
    example_fail="""
[[orgaan]]
id = "buurtonderneming"
naam = "Buurtonderneming Voorbeeldwijk"
soort = "buurtonderneming"
mandaat = ["gemeente", "corporatie"]
  [[orgaan.lid]]
  naam = "Directeur sociaal"
  partij = "gemeente"
  [[orgaan.lid]]
  naam = "Directeur fysiek"
  partij = "corporatie"
""",
    example_pass="""
[[orgaan]]
id = "buurtonderneming"
naam = "Buurtonderneming Voorbeeldwijk"
soort = "buurtonderneming"
mandaat = ["gemeente", "corporatie"]
  [[orgaan.lid]]
  naam = "Directeur sociaal"
  partij = "gemeente"
  [[orgaan.lid]]
  naam = "Directeur fysiek"
  partij = "corporatie"
  [[orgaan.lid]]
  naam = "Voorzitter bewonersraad"
  partij = "bewonersraad"
  [[orgaan.lid]]
  naam = "Coordinator welzijn"
  partij = "welzijn"
""",
)
def buurtonderneming(doc: Agreement, params: Params) -> Iterator[Violation]:
    besluitvormend = [(i, o) for i, o in enumerate(doc.orgaan) if o.besluitvormend]
    if not besluitvormend:
        others = [f"'{o.naam}'" for o in doc.orgaan]
        yield violation(
            "er is geen besluitvormend orgaan waarin gemeente, corporaties, instellingen en bewoners samen zitten"
            + (f" ({names(others, 'nl')} {'is' if len(others) == 1 else 'zijn'} niet besluitvormend)" if others else ""),
            "there is no deciding body in which municipality, corporations, institutions and residents sit together"
            + (f" ({names(others, 'en')} {'is' if len(others) == 1 else 'are'} not deciding)" if others else ""),
            ("orgaan",),
        )
        return
    with_members = [(i, o) for i, o in besluitvormend if o.lid]
    if not with_members:
        i, o = besluitvormend[0]
        yield undecided(
            f"het besluitvormende orgaan '{o.naam}' heeft geen leden ([[orgaan.lid]]), dus niet te zien wie erin vertegenwoordigd is",
            f"the deciding body '{o.naam}' has no members ([[orgaan.lid]]), so who is represented is unknown",
            ("orgaan", i, "lid"),
        )
        return
    gaps = [(i, o, _ontbrekend(doc, {lid.partij for lid in o.lid})) for i, o in with_members]
    if any(not missing for _, _, missing in gaps):
        return
    i, o, missing = min(gaps, key=lambda g: len(g[2]))  # the closest; ties: the first
    yield violation(
        f"in het besluitvormende orgaan '{o.naam}' {'ontbreekt' if len(missing) == 1 and not missing[0][0].startswith('de bewoners') else 'ontbreken'} "
        f"{names([m[0] for m in missing], 'nl')}",
        f"the deciding body '{o.naam}' lacks {names([m[1] for m in missing], 'en')}",
        ("orgaan", i, "lid"),
        *[m[2] for m in missing if m[2]],
    )


def _ontbrekend(doc: Agreement, present: set[str]) -> list[tuple[str, str, tuple]]:
    """Who a body with members for ``present`` lacks: (nl, en, key path or ())."""
    missing: list[tuple[str, str, tuple]] = []
    soorten = {p.soort for p in doc.partij if p.id in present}
    for k, p in enumerate(doc.partij):
        if p.ondertekent and p.soort in ("gemeente", "corporatie", "instelling") and p.id not in present:
            missing.append((p.naam, p.naam, ("partij", k)))
    if "gemeente" not in soorten and not any(p.soort == "gemeente" for p in doc.ondertekenaars()):
        missing.append(("de gemeente", "the municipality", ()))
    if "bewoners" not in soorten:
        wie = [p.naam for p in doc.ondertekenaars("bewoners")]
        k = next((k for k, p in enumerate(doc.partij) if p.soort == "bewoners"), None)
        missing.append(
            (
                f"de bewoners ({names(wie, 'nl')})" if wie else "de bewoners",
                f"the residents ({names(wie, 'en')})" if wie else "the residents",
                ("partij", k) if k is not None else (),
            )
        )
    return missing


# --------------------------------------------------------------------------- maatwerk


@rule(
    id="maatwerk",
    severity="waarschuwing",
    title=Text("Maatwerk op basis van een wijkanalyse", "Tailored to the area, based on an analysis"),
    summary=Text(
        "maatwerk.wijkanalyse is ingevuld en niet leeg. Ontbreekt [maatwerk], dan volgt een bevinding op die plek.",
        "maatwerk.wijkanalyse is present and not empty. When [maatwerk] is missing, that is a finding at its place.",
    ),
    rationale=Text(
        "Wat in de ene wijk werkt, sorteert in de andere geen effect; beleid moet rusten op kennis van deze wijk.",
        "What works in one neighbourhood has no effect in another; policy must rest on knowledge of this one.",
    ),
    quote="Zorg voor maatwerk. Kijk samen met alle betrokken partijen naar de aard van de wijk en stem daar je beleid "
    "op af. Wat in de ene wijk werkt, sorteert ergens anders geen effect. Weet daarom wat er speelt in de wijk.",
    fix=Text(
        "Noem in [maatwerk] wijkanalyse de analyse (wijkprofiel, buurtschouw) waarop het plan rust.",
        "Name in [maatwerk] wijkanalyse the analysis (area profile, neighbourhood survey) the plan rests on.",
    ),
    example_fail="""
[maatwerk]
wijkanalyse = ""
""",
    example_pass="""
[maatwerk]
wijkanalyse = "Wijkprofiel Voorbeeldwijk 2023"
""",
)
def maatwerk(doc: Agreement, params: Params) -> Iterator[Violation]:
    wijk = doc.afspraak.wijk
    if doc.maatwerk is None:
        yield violation(
            f"er is geen [maatwerk]: de afspraak noemt geen wijkanalyse van {wijk}",
            f"there is no [maatwerk]: the agreement names no analysis of {wijk}",
            ("maatwerk",),
        )
    elif not (doc.maatwerk.wijkanalyse or "").strip():
        yield violation(
            f"maatwerk.wijkanalyse is leeg of ontbreekt: de afspraak noemt geen wijkanalyse van {wijk}",
            f"maatwerk.wijkanalyse is empty or missing: the agreement names no analysis of {wijk}",
            ("maatwerk", "wijkanalyse"),
        )


# --------------------------------------------------------------------------- vaste-gezichten


class VasteGezichtenParams(Params):
    min_jaren: int = Field(2, ge=0, description="Minimum voor continuiteit.minimale_bezetting_jaren.")


@rule(
    id="vaste-gezichten",
    severity="waarschuwing",
    params=VasteGezichtenParams,
    title=Text("Vaste gezichten", "Familiar faces"),
    summary=Text(
        "continuiteit.vaste_contactpersonen = true en continuiteit.minimale_bezetting_jaren is minstens min_jaren. "
        "Ontbreekt [continuiteit], dan volgt één bevinding op die plek.",
        "continuiteit.vaste_contactpersonen = true and continuiteit.minimale_bezetting_jaren is at least min_jaren. "
        "When [continuiteit] is missing, that is one finding at its place.",
    ),
    rationale=Text(
        "Vertrouwen groeit tussen mensen en kost tijd; steeds nieuwe gezichten beginnen steeds opnieuw.",
        "Trust grows between people and takes time; ever new faces start over every time.",
    ),
    quote="Werk zo veel mogelijk met dezelfde mensen. In de wijken werken veel partijen samen en het kost tijd om in "
    "een goede vertrouwensband te investeren.",
    fix=Text(
        "Zet in [continuiteit] vaste_contactpersonen = true en minimale_bezetting_jaren op minstens het minimum.",
        "Set vaste_contactpersonen = true and minimale_bezetting_jaren to at least the minimum in [continuiteit].",
    ),
    example_fail="""
[continuiteit]
vaste_contactpersonen = true
minimale_bezetting_jaren = 1
""",
    example_pass="""
[continuiteit]
vaste_contactpersonen = true
minimale_bezetting_jaren = 3
""",
)
def vaste_gezichten(doc: Agreement, params: VasteGezichtenParams) -> Iterator[Violation]:
    c, minimum = doc.continuiteit, params.min_jaren
    if c is None:
        yield violation(
            f"er is geen [continuiteit]: geen vaste contactpersonen en geen minimale bezetting van {minimum} jaar afgesproken",
            f"there is no [continuiteit]: no fixed contact persons and no minimum tenure of {_n(minimum, 'year', 'years')} agreed",
            ("continuiteit",),
        )
        return
    if c.vaste_contactpersonen is not True:
        state = ("ontbreekt", "is missing") if c.vaste_contactpersonen is None else ("= false", "= false")
        yield violation(
            f"vaste_contactpersonen {state[0]}: de partijen werken niet aantoonbaar met vaste contactpersonen",
            f"vaste_contactpersonen {state[1]}: the parties do not demonstrably work with fixed contact persons",
            ("continuiteit", "vaste_contactpersonen"),
        )
    jaren = c.minimale_bezetting_jaren
    if jaren is None:
        yield violation(
            f"er is geen minimale bezettingsduur afgesproken (minimale_bezetting_jaren); het minimum is {minimum} jaar",
            f"no minimum tenure is agreed (minimale_bezetting_jaren); the minimum is {_n(minimum, 'year', 'years')}",
            ("continuiteit", "minimale_bezetting_jaren"),
        )
    elif jaren < minimum:
        yield violation(
            f"mensen blijven minimaal {jaren} jaar op hun plek; het minimum is {minimum} jaar",
            f"people stay in their post for at least {_n(jaren, 'year', 'years')}; the minimum is {_n(minimum, 'year', 'years')}",
            ("continuiteit", "minimale_bezetting_jaren"),
        )


# --------------------------------------------------------------------------- successen-vieren


@rule(
    id="successen-vieren",
    severity="advies",
    title=Text("Successen vieren en delen", "Celebrate and share successes"),
    summary=Text(
        "communicatie.successen_vieren = true en communicatie.kanalen noemt minstens één kanaal. Ontbreekt "
        "[communicatie], dan volgt een bevinding op die plek.",
        "communicatie.successen_vieren = true and communicatie.kanalen names at least one channel. When "
        "[communicatie] is missing, that is a finding at its place.",
    ),
    rationale=Text(
        "Laten zien wat goed gaat, en wie daaraan bijdroeg, houdt mensen gemotiveerd en geeft de wijk trots.",
        "Showing what goes well, and who contributed, keeps people motivated and gives the neighbourhood pride.",
    ),
    quote="Vier successen en communiceer erover. Laat het zien als er dingen goed gaan. Geef de mensen die eraan "
    "hebben bijgedragen de credits die ze verdienen en creëer een gevoel van trots.",
    fix=Text(
        "Zet in [communicatie] successen_vieren = true en noem de kanalen (wijkkrant, buurtfeest, website).",
        "Set successen_vieren = true in [communicatie] and name the channels (local paper, street party, website).",
    ),
    example_fail="""
[communicatie]
successen_vieren = true
kanalen = []
""",
    example_pass="""
[communicatie]
successen_vieren = true
kanalen = ["wijkkrant", "buurtfeest"]
""",
)
def successen_vieren(doc: Agreement, params: Params) -> Iterator[Violation]:
    c = doc.communicatie
    if c is None:
        yield violation(
            "er is geen [communicatie]: niet afgesproken dat successen gevierd en gedeeld worden",
            "there is no [communicatie]: it is not agreed that successes are celebrated and shared",
            ("communicatie",),
        )
        return
    if c.successen_vieren is not True:
        state = ("ontbreekt", "is missing") if c.successen_vieren is None else ("= false", "= false")
        yield violation(
            f"successen_vieren {state[0]}: niet afgesproken dat successen gevierd worden",
            f"successen_vieren {state[1]}: it is not agreed that successes are celebrated",
            ("communicatie", "successen_vieren"),
        )
    if not [k for k in c.kanalen if k.strip()]:
        yield violation(
            "communicatie.kanalen is leeg: de afspraak noemt geen kanaal om successen te delen",
            "communicatie.kanalen is empty: the agreement names no channel to share successes",
            ("communicatie", "kanalen"),
        )


# --------------------------------------------------------------------------- eigenaar-per-actie


@rule(
    id="eigenaar-per-actie",
    severity="fout",
    title=Text("Elke actie een eigenaar en een datum", "Every action has an owner and a date"),
    summary=Text(
        "Elke [[actie]] heeft een datum wanneer, en die ligt binnen de looptijd: op of na afspraak.ingangsdatum en, "
        "als die er is, op of voor afspraak.einddatum (wie is al verplicht in het formaat). Zonder acties is er niets "
        "te toetsen en slaagt de regel (bewoners-aan-zet meldt dat er geen acties zijn).",
        "Every [[actie]] has a date wanneer, within the term: on or after afspraak.ingangsdatum and, when there is "
        "one, on or before afspraak.einddatum (wie is already required by the format). Without actions there is "
        "nothing to check and the rule passes (bewoners-aan-zet reports the missing actions).",
    ),
    rationale=Text(
        "Alleen wie weet wat hij wanneer moet doen, kan erop worden aangesproken.",
        "Only someone who knows what to do and by when can be held to it.",
    ),
    quote="Spreek mensen aan op hun verantwoordelijkheid. Maak goede afspraken over wie waarvoor verantwoordelijk is. "
    "Spreek mensen er vervolgens op aan als ze de afspraken niet nakomen.",
    fix=Text(
        "Geef elke [[actie]] een wanneer (TOML-datum) binnen de looptijd van de afspraak.",
        "Give every [[actie]] a wanneer (TOML date) within the agreement's term.",
    ),
    example_fail="""
[[actie]]
wat = "Herinrichting Dorpsstraat"
wie = "corporatie"
""",
    example_pass="""
[[actie]]
wat = "Herinrichting Dorpsstraat"
wie = "corporatie"
wanneer = 2025-06-30
""",
)
def eigenaar_per_actie(doc: Agreement, params: Params) -> Iterator[Violation]:
    begin, eind = doc.afspraak.ingangsdatum, doc.afspraak.einddatum
    for i, actie in enumerate(doc.actie):
        wat, wie = actie.wat, _naam(doc, actie.wie)
        if actie.wanneer is None:
            yield violation(
                f"actie '{wat}' van {wie} heeft geen datum (wanneer)",
                f"action '{wat}' of {wie} has no date (wanneer)",
                ("actie", i),
            )
        elif actie.wanneer < begin:
            yield violation(
                f"actie '{wat}' van {wie} is gepland op {actie.wanneer}, vóór de ingangsdatum {begin}",
                f"action '{wat}' of {wie} is due on {actie.wanneer}, before the start date {begin}",
                ("actie", i, "wanneer"),
                ("afspraak", "ingangsdatum"),
            )
        elif eind is not None and actie.wanneer > eind:
            yield violation(
                f"actie '{wat}' van {wie} is gepland op {actie.wanneer}, na de einddatum {eind}",
                f"action '{wat}' of {wie} is due on {actie.wanneer}, after the end date {eind}",
                ("actie", i, "wanneer"),
                ("afspraak", "einddatum"),
            )


# --------------------------------------------------------------------------- oliemannetje


@rule(
    id="oliemannetje",
    severity="waarschuwing",
    title=Text("Een oliemannetje met gezag", "An 'oil man' with authority"),
    summary=Text(
        "[escalatie] bestaat, heeft gezag, toegankelijk_voor bevat 'bewoners', en na_eigen_poging = true.",
        "[escalatie] exists, has gezag (authority), toegankelijk_voor includes 'bewoners', and na_eigen_poging = true.",
    ),
    rationale=Text(
        "Loopt een proces vast, dan helpt iemand met gezag die iedereen, ook bewoners, kan inschakelen; maar pas "
        "nadat de partijen het zelf hebben geprobeerd.",
        "When a process gets stuck, a person with authority whom anyone, residents included, can call in helps; but "
        "only after the parties tried themselves.",
    ),
    quote="Er zijn oliemannetjes met gezag nodig die door iedereen, ook door bewoners, in de wijk ingeschakeld kunnen "
    "worden om knelpunten weg te nemen. [...] Maar: probeer eerst het probleem zelf op te lossen.",
    fix=Text(
        'Schrijf een [escalatie] met naam, gezag, toegankelijk_voor = ["bewoners", ...] en na_eigen_poging = true.',
        'Write an [escalatie] with naam, gezag, toegankelijk_voor = ["bewoners", ...] and na_eigen_poging = true.',
    ),
    example_fail="""
[escalatie]
naam = "mr. J. van den Berg"
gezag = "oud-burgemeester"
toegankelijk_voor = ["gemeente", "corporatie"]
na_eigen_poging = true
""",
    example_pass="""
[escalatie]
naam = "mr. J. van den Berg"
gezag = "oud-burgemeester"
toegankelijk_voor = ["bewoners", "gemeente", "corporatie"]
na_eigen_poging = true
""",
)
def oliemannetje(doc: Agreement, params: Params) -> Iterator[Violation]:
    e = doc.escalatie
    if e is None:
        yield violation(
            "er is geen [escalatie]: niemand met gezag die bewoners en partijen kunnen inschakelen als het vastloopt",
            "there is no [escalatie]: nobody with authority whom residents and parties can call in when things get stuck",
            ("escalatie",),
        )
        return
    if not (e.gezag or "").strip():
        yield violation(
            f"bij {e.naam} staat niet waarom die gezag heeft (gezag ontbreekt)",
            f"{e.naam}: it does not say why this person carries authority (gezag is missing)",
            ("escalatie", "gezag"),
        )
    if "bewoners" not in e.toegankelijk_voor:
        wie = list(e.toegankelijk_voor)
        yield violation(
            f"bewoners kunnen {e.naam} niet inschakelen"
            + (f" (alleen {names(wie, 'nl')})" if wie else " (toegankelijk_voor is leeg)"),
            f"residents cannot call in {e.naam}" + (f" (only {names(wie, 'en')})" if wie else " (toegankelijk_voor is empty)"),
            ("escalatie", "toegankelijk_voor"),
        )
    if e.na_eigen_poging is not True:
        state = ("ontbreekt", "is missing") if e.na_eigen_poging is None else ("= false", "= false")
        yield violation(
            f"na_eigen_poging {state[0]}: niet afgesproken dat de partijen het eerst zelf proberen voordat zij {e.naam} inschakelen",
            f"na_eigen_poging {state[1]}: it is not agreed that the parties try themselves before calling in {e.naam}",
            ("escalatie", "na_eigen_poging"),
        )


# --------------------------------------------------------------------------- vitale-coalitie


class VitaleCoalitieParams(Params):
    min_soorten: int = Field(3, ge=0, description="Minimaal aantal soorten partijen onder de ondertekenaars.")


@rule(
    id="vitale-coalitie",
    severity="waarschuwing",
    params=VitaleCoalitieParams,
    title=Text("Een vitale coalitie", "A vital coalition"),
    summary=Text(
        "De ondertekenende partijen zijn van minstens min_soorten verschillende soorten, waaronder 'gemeente' en "
        "'corporatie'.",
        "The signing parties are of at least min_soorten different kinds, including 'gemeente' (municipality) and "
        "'corporatie' (housing corporation).",
    ),
    rationale=Text(
        "Wijkverbetering vraagt brede samenwerking: gemeente en corporatie geven andere partijen ruimte en vertrouwen.",
        "Neighbourhood improvement needs broad partnership: municipality and corporation give other parties room and trust.",
    ),
    quote="Investeer in vitale coalities. Zoek naar brede samenwerkingsverbanden. Geef als gemeente of corporatie "
    "andere partijen de ruimte en vertrouwen.",
    fix=Text(
        "Laat gemeente, corporatie(s) en andere soorten partijen (bewoners, instellingen, ondernemers) de afspraak ondertekenen.",
        "Have municipality, corporation(s) and other kinds of parties (residents, institutions, businesses) sign the agreement.",
    ),
    example_fail="""
[[partij]]
id = "gemeente"
naam = "Gemeente Voorbeeldstad"
soort = "gemeente"

[[partij]]
id = "corporatie"
naam = "Woonstichting Voorbeeld"
soort = "corporatie"
ondertekent = false

[[partij]]
id = "bewonersraad"
naam = "Bewonersraad Voorbeeldwijk"
soort = "bewoners"

[[partij]]
id = "welzijn"
naam = "Stichting Welzijn Voorbeeld"
soort = "instelling"
""",
    example_pass="""
[[partij]]
id = "gemeente"
naam = "Gemeente Voorbeeldstad"
soort = "gemeente"

[[partij]]
id = "corporatie"
naam = "Woonstichting Voorbeeld"
soort = "corporatie"
ondertekent = true

[[partij]]
id = "bewonersraad"
naam = "Bewonersraad Voorbeeldwijk"
soort = "bewoners"

[[partij]]
id = "welzijn"
naam = "Stichting Welzijn Voorbeeld"
soort = "instelling"
""",
)
def vitale_coalitie(doc: Agreement, params: VitaleCoalitieParams) -> Iterator[Violation]:
    ondertekenaars = doc.ondertekenaars()
    soorten = list(dict.fromkeys(p.soort for p in ondertekenaars))
    if len(soorten) < params.min_soorten:
        nl, en = _n(len(soorten), "soort", "soorten", "nl"), _n(len(soorten), "kind", "kinds")
        yield violation(
            f"de ondertekenende partijen zijn van {nl} ({names(soorten, 'nl') or '-'}); "
            f"een vitale coalitie telt er minstens {params.min_soorten}",
            f"the signing parties are of {en} ({names(soorten, 'en') or '-'}); a vital coalition has at least {params.min_soorten}",
            ("partij",),
        )
    wie = [p.naam for p in ondertekenaars]
    for soort, en in (("gemeente", "municipality"), ("corporatie", "housing corporation")):
        if soort in soorten:
            continue
        niet = [k for k, p in enumerate(doc.partij) if p.soort == soort]
        at = [("partij", k, "ondertekent") for k in niet] or [("partij",)]
        yield violation(
            f"geen {soort} ondertekent de afspraak"
            + (f" ({names([doc.partij[k].naam for k in niet], 'nl')} ondertekent niet)" if niet else "")
            + (f"; ondertekenaars: {names(wie, 'nl')}" if wie else ""),
            f"no {en} (soort '{soort}') signs the agreement"
            + (f" ({names([doc.partij[k].naam for k in niet], 'en')} does not sign)" if niet else "")
            + (f"; signed by: {names(wie, 'en')}" if wie else ""),
            *at,
        )


# --------------------------------------------------------------------------- lange-termijn

VERKIEZINGEN = (
    dt.date(2006, 3, 7),
    dt.date(2010, 3, 3),
    dt.date(2014, 3, 19),
    dt.date(2018, 3, 21),
    dt.date(2022, 3, 16),
    dt.date(2026, 3, 18),
    dt.date(2030, 3, 20),  # expected, not yet fixed
)


class LangeTermijnParams(Params):
    min_jaren: int = Field(8, ge=0, description="Minimale looptijd in jaren.")
    min_verkiezingen: int = Field(1, ge=0, description="Minimaal aantal gemeenteraadsverkiezingen binnen de looptijd.")
    verkiezingen: list[dt.date] = Field(
        default_factory=lambda: list(VERKIEZINGEN),
        description="Data van de gemeenteraadsverkiezingen (de laatste is verwacht, nog niet vastgesteld).",
    )


def _plus_jaren(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February in a year that has none
        return dt.date(date.year + years, 3, 1)


def _verkiezingen(dates: list[dt.date], lang: str) -> str:
    """'geen gemeenteraadsverkiezingen', '1 gemeenteraadsverkiezing (2026-03-18)', '2 ... (a en b)'."""
    one, many = ("gemeenteraadsverkiezing", "gemeenteraadsverkiezingen") if lang == "nl" else ("municipal election", "municipal elections")
    if not dates:
        return f"{'geen' if lang == 'nl' else 'no'} {many}"
    return f"{len(dates)} {one if len(dates) == 1 else many} ({names([str(d) for d in dates], lang)})"


@rule(
    id="lange-termijn",
    severity="waarschuwing",
    params=LangeTermijnParams,
    title=Text("Een langetermijnopgave", "A long-term task"),
    summary=Text(
        "De looptijd (ingangsdatum t/m einddatum, beide inclusief) duurt minstens min_jaren jaar en omvat minstens "
        "min_verkiezingen gemeenteraadsverkiezingen. Een verkiezing telt als ze strikt binnen de looptijd valt "
        "(ingangsdatum < verkiezingsdatum < einddatum): de afspraak moet na de verkiezing doorlopen. Zonder einddatum "
        "(onbepaalde tijd) slaagt de regel. Loopt de looptijd buiten de bekende verkiezingsdata (parameter "
        "verkiezingen) en zijn er te weinig geteld, dan 'kan niet beoordelen'.",
        "The term (ingangsdatum to einddatum, both inclusive) lasts at least min_jaren years and spans at least "
        "min_verkiezingen municipal elections. An election counts when it falls strictly inside the term "
        "(ingangsdatum < election date < einddatum): the agreement must run on after the election. Without an "
        "einddatum (open-ended) the rule passes. When the term reaches beyond the known election dates (parameter "
        "verkiezingen) and too few are counted, 'cannot decide'.",
    ),
    rationale=Text(
        "Wijkverbetering duurt lang en resultaat zie je niet meteen. Een afspraak die met de raadsperiode afloopt, "
        "hangt af van de volgende coalitie.",
        "Neighbourhood improvement takes long and results do not show at once. An agreement that ends with the "
        "council's term depends on the next coalition.",
    ),
    quote="Realiseer je dat wijkverbetering een langetermijnopgave is. De uitvoering van verbeterplannen duurt lang "
    "en je ziet niet meteen resultaat. Blijf doorgaan en kijk over verkiezingen en bestuurswisselingen heen.",
    fix=Text(
        "Kies een looptijd van minstens het minimum aantal jaren die over de volgende gemeenteraadsverkiezingen heen loopt.",
        "Choose a term of at least the minimum number of years that runs past the next municipal elections.",
    ),
    example_fail="""
[afspraak]
ingangsdatum = 2024-01-01
einddatum = 2025-12-31
""",
    example_pass="""
[afspraak]
ingangsdatum = 2024-01-01
einddatum = 2034-12-31
""",
)
def lange_termijn(doc: Agreement, params: LangeTermijnParams) -> Iterator[Violation]:
    begin, eind = doc.afspraak.ingangsdatum, doc.afspraak.einddatum
    if eind is None:
        return
    jaren = round(((eind - begin).days + 1) / 365.25, 1)
    term = {"nl": f"{begin} t/m {eind} ({number(jaren, 'nl')} jaar)", "en": f"{begin} to {eind} ({_n(jaren, 'year', 'years')})"}
    at = (("afspraak", "einddatum"), ("afspraak", "ingangsdatum"))
    if _plus_jaren(begin, params.min_jaren) > eind + dt.timedelta(days=1):
        yield violation(
            f"de looptijd {term['nl']} is korter dan {params.min_jaren} jaar",
            f"the term {term['en']} is shorter than {_n(params.min_jaren, 'year', 'years')}",
            *at,
        )
    bekend = sorted(set(params.verkiezingen))
    binnen = [d for d in bekend if begin < d < eind]
    if len(binnen) >= params.min_verkiezingen:
        return
    geteld = {lang: _verkiezingen(binnen, lang) for lang in ("nl", "en")}
    if not bekend or begin < bekend[0] or eind > bekend[-1]:
        if not bekend:
            rand = ("de parameter verkiezingen is leeg", "the parameter verkiezingen is empty")
        elif begin < bekend[0]:
            rand = (f"begint vóór de eerst bekende verkiezing ({bekend[0]})", f"starts before the first known election ({bekend[0]})")
        else:
            rand = (f"loopt door na de laatst bekende verkiezing ({bekend[-1]})", f"runs on past the last known election ({bekend[-1]})")
        yield undecided(
            f"de looptijd {term['nl']} omvat {geteld['nl']} uit de parameter verkiezingen (minimaal "
            f"{params.min_verkiezingen}), maar {rand[0]}; vul de parameter verkiezingen aan",
            f"the term {term['en']} spans {geteld['en']} from the parameter verkiezingen (at least "
            f"{params.min_verkiezingen}), but {rand[1]}; extend the parameter verkiezingen",
            *at,
        )
        return
    yield violation(
        f"de looptijd {term['nl']} omvat {geteld['nl']}; minimaal {params.min_verkiezingen}",
        f"the term {term['en']} spans {geteld['en']}; at least {params.min_verkiezingen} required",
        *at,
    )


# --------------------------------------------------------------------------- kleinschalig


class KleinschaligParams(Params):
    min_aandeel_straat: float = Field(
        0.25, ge=0, le=1, description="Minimaal aandeel acties op straatniveau als de afspraak groter dan een buurt is."
    )


@rule(
    id="kleinschalig",
    severity="advies",
    params=KleinschaligParams,
    title=Text("Werk kleinschalig", "Work on a small scale"),
    summary=Text(
        "afspraak.schaal is 'straat' of 'buurt', of minstens min_aandeel_straat van de acties heeft schaal = "
        "'straat' (acties zonder schaal tellen als niet op straatniveau; zonder acties is het aandeel 0). Ontbreekt "
        "afspraak.schaal en is het aandeel te laag, dan 'kan niet beoordelen'.",
        "afspraak.schaal is 'straat' or 'buurt', or at least min_aandeel_straat of the actions have schaal = "
        "'straat' (actions without a scale count as not at street level; without actions the share is 0). When "
        "afspraak.schaal is missing and the share is too low, 'cannot decide'.",
    ),
    rationale=Text(
        "Kleinschaligheid vergroot de betrokkenheid: pak zaken aan op het niveau van de straat en ga naar de bewoners toe.",
        "Small scale increases involvement: tackle things at street level and go to the residents.",
    ),
    quote="Werk kleinschalig. De praktijk wijst uit dat kleinschaligheid de betrokkenheid vergroot. Schroom er niet "
    "voor om zaken op het niveau van de straat in plaats van de wijk aan te pakken. Ga naar de bewoners toe.",
    fix=Text(
        "Werk op buurt- of straatniveau, of geef meer acties schaal = \"straat\".",
        "Work at neighbourhood or street level, or give more actions schaal = \"straat\".",
    ),
    example_fail="""
[afspraak]
schaal = "gemeente"

[[actie]]
wat = "Nieuw beleidsplan wonen"
wie = "gemeente"
wanneer = 2025-01-01
schaal = "gemeente"
""",
    example_pass="""
[afspraak]
schaal = "gemeente"

[[actie]]
wat = "Speelplek Dorpsstraat"
wie = "gemeente"
wanneer = 2025-01-01
schaal = "straat"
""",
)
def kleinschalig(doc: Agreement, params: KleinschaligParams) -> Iterator[Violation]:
    schaal = doc.afspraak.schaal
    if schaal in ("straat", "buurt"):
        return
    n = len(doc.actie)
    straat = [i for i, a in enumerate(doc.actie) if a.schaal == "straat"]
    minimum = params.min_aandeel_straat
    if (len(straat) / n if n else 0.0) >= minimum:
        return
    pct = {lang: number(100 * minimum, lang) for lang in ("nl", "en")}
    if n:
        pct_straat = {lang: number(round(100 * len(straat) / n, 1), lang) for lang in ("nl", "en")}
        share = {
            "nl": f"acties op straatniveau: {len(straat)} van {n} ({pct_straat['nl']}%)",
            "en": f"actions at street level: {len(straat)} of {n} ({pct_straat['en']}%)",
        }
    else:
        share = {"nl": "er zijn geen acties", "en": "there are no actions"}
    others = [("actie", i, "schaal") for i in range(n) if i not in straat]
    if schaal is None:
        yield undecided(
            f"afspraak.schaal ontbreekt; {share['nl']}; minimaal {pct['nl']}%",
            f"afspraak.schaal is missing; {share['en']}; at least {pct['en']}% required",
            ("afspraak", "schaal"),
            *others,
        )
        return
    yield violation(
        f"de afspraak werkt op schaal '{schaal}'; {share['nl']}; minimaal {pct['nl']}%",
        f"the agreement works at scale '{schaal}'; {share['en']}; at least {pct['en']}% required",
        ("afspraak", "schaal"),
        *others,
    )


RULES: list[Rule] = [
    buurtonderneming,
    maatwerk,
    vaste_gezichten,
    successen_vieren,
    eigenaar_per_actie,
    oliemannetje,
    vitale_coalitie,
    lange_termijn,
    kleinschalig,
]


@hookimpl
def register_rules() -> list[Rule]:
    return [*participatie.RULES, *RULES]


@hookimpl
def register_rulesets() -> list[Path]:
    return [ruleset("wijkaanpak")]
