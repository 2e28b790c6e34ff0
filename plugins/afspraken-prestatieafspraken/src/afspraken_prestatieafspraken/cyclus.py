"""Rules on the parties and the yearly cycle (Woningwet 2015, art. 43-44): who takes part, the bid, the signing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from afspraken import Agreement, Params, Text, Violation, rule, violation
from afspraken_prestatieafspraken._hulp import (
    EXT,
    DatumParams,
    bedoelde_u,
    datum,
    dagen,
    deadline,
    ontbreekt,
    opsomming,
    waarde,
)
from afspraken_prestatieafspraken.bronnen import citaat
from afspraken_prestatieafspraken.model import NAME

SOORT_NAMEN = {
    "gemeente": ("de gemeente", "the municipality"),
    "corporatie": ("de woningcorporatie", "the housing corporation"),
    "bewoners": ("de huurdersorganisatie of bewonerscommissie", "the tenants' organisation or residents' committee"),
}
BOD_JAREN = 5
"""Woningwet art. 43 lid 1: the overview covers "de eerstvolgende vijf kalenderjaren"."""


SoortPartij = Literal["gemeente", "corporatie", "bewoners", "instelling", "ondernemers", "overig"]


class DriePartijenParams(Params):
    soorten: list[SoortPartij] = Field(
        ["gemeente", "corporatie", "bewoners"],
        min_length=1,
        description="Soorten partij die elk met minstens één partij moeten ondertekenen.",
        json_schema_extra={"en": 'Kinds of party that must each sign with at least one party.'},
    )


@rule(
    id=f"{NAME}/drie-partijen",
    severity="fout",
    params=DriePartijenParams,
    source="Woningwet, art. 44 lid 2 en 4",
    title=Text("Gemeente, corporatie en huurders maken de afspraken samen", "Municipality, corporation and tenants agree together"),
    summary=Text(
        "Er is een partij van elk van de soorten gemeente, corporatie en bewoners (de huurdersorganisatie, of de "
        "bewonerscommissie waar geen huurdersorganisatie is), en van elke soort tekent er minstens één (ondertekent = true).",
        "There is a party of each of the kinds gemeente, corporatie and bewoners (the tenants' organisation, or the "
        "residents' committee where there is none), and at least one of each kind signs (ondertekent = true).",
    ),
    rationale=Text(
        "De corporatie vraagt jaarlijks om overleg met de gemeente én met de huurdersorganisaties en "
        "bewonerscommissies, met het oog op te maken afspraken (art. 44 lid 2): de huurders zijn partij bij de "
        "prestatieafspraken, niet alleen toehoorder. De wet noemt naast de huurdersorganisaties ook de "
        "bewonerscommissies; is er geen huurdersorganisatie, dan zit de bewonerscommissie namens de huurders aan tafel "
        "(zo lezen wij art. 44 lid 1 en 2; schrijf beide als soort = \"bewoners\"). Weigert een partij te tekenen, dan blijft zij partij: er zijn dan "
        "geen afspraken met haar, en leidt het overleg niet binnen zes maanden na aanvang tot afspraken, dan gaat het "
        "geschil binnen vier weken naar de minister (art. 44 lid 4; zie de regel geschiltermijnen).",
        "Each year the corporation asks the municipality and the tenants' organisations and residents' committees "
        "for talks with a view to agreements (art. 44(2)): the tenants are a party to the performance agreements, "
        "not an audience. The Act names residents' committees next to tenants' organisations; where there is no "
        "tenants' organisation, the residents' committee speaks for the tenants (our reading of art. 44(1) and (2); "
        "write either as soort = \"bewoners\"). A party that refuses to sign remains a party: there are then no agreements with it, and if "
        "the talks have not led to agreements within six months of their start, the dispute goes to the minister "
        "within four weeks (art. 44(4); see the rule geschiltermijnen).",
    ),
    quote=citaat(
        "Woningwet", "44", 2,
        "De toegelaten instelling verzoekt jaarlijks, tegelijk met de toezending van het overzicht, bedoeld in artikel "
        "43, eerste lid, om een overleg met de betrokken colleges van burgemeester en wethouders en de organisaties en "
        "commissies, bedoeld in het eerste lid, met het oog op te maken afspraken",
    ),
    fix=Text(
        "Neem de gemeente, de corporatie en de huurdersorganisatie (of, waar die er niet is, de bewonerscommissie) op "
        "als [[partij]] met soort = \"bewoners\". Tekent een van hen (nog) niet, werk dan verder aan afspraken die "
        "alle drie tekenen, of gebruik de geschillenroute van art. 44 lid 4.",
        "List the municipality, the corporation and the tenants' organisation (or, where there is none, the "
        "residents' committee) as [[partij]] with soort = \"bewoners\". If one of them does not sign (yet), keep "
        "working on agreements all three sign, or use the dispute route of art. 44(4).",
    ),
    example_fail="""
[[partij]]
id = "gemeente"
naam = "Gemeente Voorbeeldstad"
soort = "gemeente"

[[partij]]
id = "woonstichting"
naam = "Woonstichting Voorbeeld"
soort = "corporatie"

[[partij]]
id = "huurdersvereniging"
naam = "Huurdersvereniging Voorbeeldstad"
soort = "bewoners"
ondertekent = false
""",
    example_pass="""
[[partij]]
id = "gemeente"
naam = "Gemeente Voorbeeldstad"
soort = "gemeente"

[[partij]]
id = "woonstichting"
naam = "Woonstichting Voorbeeld"
soort = "corporatie"

[[partij]]
id = "huurdersvereniging"
naam = "Huurdersvereniging Voorbeeldstad"
soort = "bewoners"
""",
)
def drie_partijen(doc: Agreement, params: DriePartijenParams) -> Iterator[Violation]:
    for soort in params.soorten:
        nl, en = SOORT_NAMEN.get(soort, (f"een partij van soort '{soort}'", f"a party of soort '{soort}'"))
        alle = [(i, p) for i, p in enumerate(doc.partij) if p.soort == soort]
        if not alle:
            yield violation(
                f"{nl} ontbreekt als partij: er is geen [[partij]] met soort = \"{soort}\"",
                f"{en} is missing as a party: there is no [[partij]] with soort = \"{soort}\"",
                ("partij",),
            )
        elif not any(p.ondertekent for _, p in alle):
            wie = [f"'{p.naam}'" for _, p in alle]
            een = len(wie) == 1
            yield violation(
                f"{opsomming(wie, 'nl')} {'tekent' if een else 'tekenen'} niet (ondertekent = false): de afspraken zijn "
                f"dus niet met {nl} gemaakt. {'Zij blijft' if een else 'Zij blijven'} partij bij het overleg; leidt dat "
                "niet binnen zes maanden na aanvang tot afspraken, dan gaat het geschil naar de minister "
                "(Woningwet art. 44 lid 4)",
                f"{opsomming(wie, 'en')} {'does' if een else 'do'} not sign (ondertekent = false), so the agreements "
                f"were not made with {en}. {'It remains a party' if een else 'They remain parties'} to the talks; if "
                "these do not lead to agreements within six months of their start, the dispute goes to the minister "
                "(Housing Act art. 44(4))",
                *[("partij", i, "ondertekent") for i, _ in alle],
            )


class BodParams(DatumParams):
    uiterlijk_maand: int = Field(7, ge=1, le=12, description="Maand waarop het bod er uiterlijk is (standaard juli).",
        json_schema_extra={"en": 'Month by which the bid (bod) must be in (default July).'})
    uiterlijk_dag: int = Field(1, ge=1, le=31, description="Dag waarop het bod er uiterlijk is (standaard 1: op 1 juli, die dag telt mee).",
        json_schema_extra={"en": 'Day by which the bid must be in (default 1: on 1 July, that day included).'})


@rule(
    id=f"{NAME}/bod-op-tijd",
    severity="fout",
    params=BodParams,
    source="Woningwet, art. 44 lid 1; art. 43 lid 1",
    title=Text("Bod op 1 juli bij gemeente en huurders, voor vijf jaar", "Bid with municipality and tenants by 1 July, for five years"),
    summary=Text(
        "cyclus.bod valt op of vóór 1 juli (instelbaar); cyclus.bod_tot_en_met dekt de vijf kalenderjaren na het jaar "
        "van het bod; cyclus.bod_naar noemt elke gemeente en elke huurdersorganisatie of bewonerscommissie.",
        "cyclus.bod falls on or before 1 July (configurable); cyclus.bod_tot_en_met covers the five calendar years "
        "after the year of the bid; cyclus.bod_naar names every municipality and every tenants' organisation or "
        "residents' committee.",
    ),
    rationale=Text(
        "Het bod is het overzicht van voorgenomen werkzaamheden van de corporatie (art. 43 lid 1). Het gaat over de "
        "eerstvolgende vijf kalenderjaren, en de corporatie zorgt dat niet alleen de gemeente maar ook de "
        "huurdersorganisaties en bewonerscommissies er jaarlijks op 1 juli over beschikken (art. 44 lid 1). Met het bod "
        "vraagt de corporatie om het overleg over de afspraken (art. 44 lid 2). 'Op 1 juli beschikken' betekent: een "
        "bod dat op 1 juli binnen is, is op tijd.",
        "The bid is the corporation's overview of planned activities (art. 43(1)). It covers the next five calendar "
        "years, and the corporation sees to it that not only the municipality but also the tenants' organisations and "
        "residents' committees have it each year on 1 July (art. 44(1)). With the bid the corporation asks for the "
        "talks on the agreements (art. 44(2)). 'Have it on 1 July' means a bid received on 1 July is in time.",
    ),
    quote=citaat(
        "Woningwet", "44", 1,
        "De toegelaten instelling draagt er zorg voor dat de colleges van burgemeester en wethouders",
        "en de in het belang van de huurders van haar woongelegenheden werkzame huurdersorganisaties en bewonerscommissies",
        "jaarlijks op 1 juli beschikken over het overzicht, bedoeld in artikel 43, eerste lid.",
    )
    + " […] "
    + citaat("Woningwet", "43", 1, "Het overzicht heeft betrekking op de eerstvolgende vijf kalenderjaren"),
    fix=Text(
        "Breng het bod uit op of vóór 1 juli, voor de vijf jaren daarna, aan de gemeente én de huurders; vul in: "
        "cyclus.bod (datum), cyclus.bod_tot_en_met (jaartal) en cyclus.bod_naar (ids van de partijen).",
        "Make the bid on or before 1 July, for the five years after, to the municipality and the tenants; fill in "
        "cyclus.bod (date), cyclus.bod_tot_en_met (year) and cyclus.bod_naar (party ids).",
    ),
    example_fail="""
[extensies.prestatieafspraken.cyclus]
bod = 2025-08-15
bod_tot_en_met = 2027
bod_naar = ["gemeente"]
""",
    example_pass="""
[extensies.prestatieafspraken.cyclus]
bod = 2025-06-27
bod_tot_en_met = 2030
bod_naar = ["gemeente", "huurdersvereniging"]
""",
)
def bod_op_tijd(doc: Agreement, params: BodParams) -> Iterator[Violation]:
    bod = waarde(doc, "cyclus", "bod")
    if bod is None:
        yield ontbreekt(doc, "de datum van het bod ontbreekt", "the date of the bid is missing", "cyclus", "bod")
        return
    uiterst = deadline(bod.year, params.uiterlijk_maand, params.uiterlijk_dag)
    if bod > uiterst:
        te_laat = (bod - uiterst).days
        yield violation(
            f"het bod kwam op {datum(bod, 'nl')}, {dagen(te_laat, 'nl')} na de uiterste datum {datum(uiterst, 'nl')}",
            f"the bid came on {datum(bod, 'en')}, {dagen(te_laat, 'en')} after the deadline {datum(uiterst, 'en')}",
            (*EXT, "cyclus", "bod"),
        )
    yield from _horizon(doc, bod.year)
    yield from _ontvangers(doc)


def _horizon(doc: Agreement, jaar: int) -> Iterator[Violation]:
    tot = waarde(doc, "cyclus", "bod_tot_en_met")
    eind = jaar + BOD_JAREN
    if tot is None:
        yield ontbreekt(
            doc,
            f"niet bekend tot welk jaar het bod loopt (de wet: de eerstvolgende vijf kalenderjaren, {jaar + 1} tot en met {eind})",
            f"it is not known up to which year the bid runs (the Act: the next five calendar years, {jaar + 1} to {eind})",
            "cyclus",
            "bod_tot_en_met",
        )
    elif tot < eind:
        yield violation(
            f"het bod loopt tot en met {tot}; het hoort de eerstvolgende vijf kalenderjaren te dekken, {jaar + 1} tot en met {eind}",
            f"the bid runs up to {tot}; it should cover the next five calendar years, {jaar + 1} to {eind}",
            (*EXT, "cyclus", "bod_tot_en_met"),
        )


def _ontvangers(doc: Agreement) -> Iterator[Violation]:
    naar = waarde(doc, "cyclus", "bod_naar")
    if naar is None:
        yield ontbreekt(
            doc,
            "niet bekend aan wie het bod ging (de gemeente én de huurdersorganisaties of bewonerscommissies)",
            "it is not known who received the bid (the municipality and the tenants' organisations or residents' committees)",
            "cyclus",
            "bod_naar",
        )
        return
    partijen = {p.id: p for p in doc.partij}
    for onbekend in [i for i in naar if i not in partijen]:
        hint_nl, hint_en = bedoelde_u(onbekend, partijen)
        yield violation(
            f"'{onbekend}' in cyclus.bod_naar is geen partij (partijen: {', '.join(partijen)}){hint_nl}",
            f"'{onbekend}' in cyclus.bod_naar is not a party (parties: {', '.join(partijen)}){hint_en}",
            (*EXT, "cyclus", "bod_naar"),
        )
    gemist = [p for p in doc.partij if p.soort in ("gemeente", "bewoners") and p.id not in naar]
    if gemist:
        wie_nl = opsomming([f"'{p.naam}'" for p in gemist], "nl")
        wie_en = opsomming([f"'{p.naam}'" for p in gemist], "en")
        yield violation(
            f"het bod ging niet naar {wie_nl}; de gemeente en de huurders krijgen het allebei (Woningwet art. 44 lid 1)",
            f"the bid did not go to {wie_en}; the municipality and the tenants both receive it (Housing Act art. 44(1))",
            (*EXT, "cyclus", "bod_naar"),
        )


class OndertekendParams(DatumParams):
    uiterlijk_maand: int = Field(12, ge=1, le=12, description="Maand waarin de afspraken uiterlijk ondertekend zijn (standaard december).",
        json_schema_extra={"en": 'Month by which the agreements are signed (default December).'})
    uiterlijk_dag: int = Field(
        15, ge=1, le=31, description="Dag waarop de afspraken uiterlijk ondertekend zijn (standaard 15; sommige bronnen noemen 1 december).",
        json_schema_extra={"en": 'Day by which the agreements are signed (default 15; some sources say 1 December).'}
    )


@rule(
    id=f"{NAME}/ondertekend-op-tijd",
    severity="waarschuwing",
    params=OndertekendParams,
    source="Woningwet, art. 44a lid 1 (toezending vóór 15 december); de ondertekendatum zelf is een norm uit de jaarcyclus, geen wettelijke datum",
    title=Text("Afspraken uiterlijk 15 december ondertekend", "Agreements signed by 15 December"),
    summary=Text(
        "cyclus.ondertekend is ingevuld, valt niet vóór het bod, en valt op of vóór de uiterste datum (standaard 15 "
        "december) van het jaar van het bod (zonder bod: van het jaar van ondertekening).",
        "cyclus.ondertekend is filled in, is not before the bid, and falls on or before the deadline (15 December by "
        "default) of the year of the bid (without a bid: of the year of signing).",
    ),
    rationale=Text(
        "De wet noemt geen ondertekendatum. Wel stuurt de corporatie de gemaakte afspraken vóór 15 december aan de "
        "minister, de gemeenten en de huurders (art. 44a lid 1; de regel toezending toetst dat), en leidt het overleg "
        "niet binnen zes maanden na aanvang tot afspraken, dan gaat het geschil naar de minister (art. 44 lid 4; de "
        "regel geschiltermijnen). De gangbare jaarcyclus rekent daarom met ondertekening uiterlijk 15 december, zodat "
        "de afspraken op 1 januari gelden. Sommige bronnen en lokale convenanten noemen 1 december: zet dan "
        "uiterlijk_dag = 1.",
        "The Act sets no signing date. It does have the corporation send the agreements made to the minister, the "
        "municipalities and the tenants before 15 December (art. 44a(1); the rule toezending checks that), and if the "
        "talks have not led to agreements within six months of their start, the dispute goes to the minister (art. "
        "44(4); the rule geschiltermijnen). The usual yearly cycle therefore has the agreements signed by 15 "
        "December, so that they apply from 1 January. Some sources and local covenants say 1 December: set "
        "uiterlijk_dag = 1 then.",
    ),
    quote=citaat(
        "Woningwet", "44a", 1,
        "De toegelaten instelling doet jaarlijks voor 15 december volgend op de in artikel 44, eerste lid, bedoelde "
        "datum aan Onze Minister",
        "toekomen:",
        "b. indien van toepassing: de op grond van artikel 44, tweede lid, gemaakte afspraken",
    ),
    fix=Text(
        "Plan de ondertekening na het bod en op of vóór de uiterste datum, en vul die datum in bij "
        "cyclus.ondertekend (een TOML-datum, zonder aanhalingstekens).",
        "Plan the signing after the bid and on or before the deadline, and fill in its date at cyclus.ondertekend "
        "(a TOML date, without quotes).",
    ),
    example_fail="""
[extensies.prestatieafspraken.cyclus]
bod = 2025-06-27
ondertekend = 2026-01-20
""",
    example_pass="""
[extensies.prestatieafspraken.cyclus]
bod = 2025-06-27
ondertekend = 2025-12-09
""",
)
def ondertekend_op_tijd(doc: Agreement, params: OndertekendParams) -> Iterator[Violation]:
    getekend = waarde(doc, "cyclus", "ondertekend")
    bod = waarde(doc, "cyclus", "bod")
    if getekend is None:
        yield ontbreekt(doc, "de datum van ondertekening ontbreekt", "the signing date is missing", "cyclus", "ondertekend")
        return
    if bod is not None and getekend < bod:
        yield violation(
            f"de afspraken zijn ondertekend op {datum(getekend, 'nl')}, vóór het bod van {datum(bod, 'nl')}; "
            "de afspraken volgen op het bod",
            f"the agreements were signed on {datum(getekend, 'en')}, before the bid of {datum(bod, 'en')}; "
            "the agreements follow the bid",
            (*EXT, "cyclus", "ondertekend"),
            (*EXT, "cyclus", "bod"),
        )
        return
    jaar = bod.year if bod is not None else getekend.year
    uiterst = deadline(jaar, params.uiterlijk_maand, params.uiterlijk_dag)
    if getekend > uiterst:
        te_laat = (getekend - uiterst).days
        uitleg_nl = ", in het jaar van het bod" if bod is not None else ""
        uitleg_en = ", in the year of the bid" if bod is not None else ""
        yield violation(
            f"de afspraken zijn ondertekend op {datum(getekend, 'nl')}, {dagen(te_laat, 'nl')} "
            f"na de uiterste datum ({datum(uiterst, 'nl')}{uitleg_nl})",
            f"the agreements were signed on {datum(getekend, 'en')}, {dagen(te_laat, 'en')} after "
            f"the deadline ({datum(uiterst, 'en')}{uitleg_en})",
            (*EXT, "cyclus", "ondertekend"),
        )


RULES = [drie_partijen, bod_op_tijd, ondertekend_op_tijd]
