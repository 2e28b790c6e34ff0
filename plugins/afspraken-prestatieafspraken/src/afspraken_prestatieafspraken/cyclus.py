"""Rules on the parties and the yearly cycle (Woningwet 2015, art. 44): who signs, when, and what if it stalls."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from afspraken import Agreement, Params, Text, Violation, rule, violation
from afspraken_prestatieafspraken._hulp import (
    EXT,
    DatumParams,
    datum,
    deadline,
    ontbreekt,
    opsomming,
    tabel,
    waarde,
)
from afspraken_prestatieafspraken.model import ART44, NAME

ART44_LID4 = (
    "Indien het overleg, bedoeld in het tweede lid, niet binnen zes maanden na aanvang daarvan tot afspraken als "
    "bedoeld in dat lid leidt, leggen het college van burgemeester en wethouders, de toegelaten instelling of de "
    "organisaties en commissies, bedoeld in het tweede lid, het geschil dat aan het tot stand komen van die afspraken "
    "in de weg staat binnen vier weken na het ontstaan van het geschil schriftelijk en onderbouwd ter behandeling voor "
    "aan Onze Minister, die vervolgens een bindende uitspraak doet."
)
SOORT_NAMEN = {
    "gemeente": ("de gemeente", "the municipality"),
    "corporatie": ("de woningcorporatie", "the housing corporation"),
    "bewoners": ("de huurdersorganisatie", "the tenants' organisation"),
}


SoortPartij = Literal["gemeente", "corporatie", "bewoners", "instelling", "ondernemers", "overig"]


class DriePartijenParams(Params):
    soorten: list[SoortPartij] = Field(
        ["gemeente", "corporatie", "bewoners"],
        min_length=1,
        description="Soorten partij die elk met minstens één partij moeten ondertekenen.",
    )


@rule(
    id=f"{NAME}/drie-partijen",
    severity="fout",
    params=DriePartijenParams,
    source="Woningwet, art. 44 lid 2 en lid 4",
    title=Text("Drie gelijkwaardige partijen tekenen", "Three equal parties sign"),
    summary=Text(
        "Er is een ondertekenende partij van elk van de soorten gemeente, corporatie en bewoners (de "
        "huurdersorganisatie): elk heeft ondertekent = true.",
        "There is a signing party of each of the kinds gemeente, corporatie and bewoners (the tenants' organisation): "
        "each has ondertekent = true.",
    ),
    rationale=Text(
        "Sinds de Woningwet 2015 is de huurdersorganisatie volwaardig partij bij de prestatieafspraken: gemeente, "
        "corporatie en huurdersorganisaties voeren samen het overleg over het bod en maken samen de afspraken (art. 44 "
        "lid 2, parafrase). Elk van de drie kan een geschil aan de minister voorleggen (art. 44 lid 4). Wie niet "
        "tekent, is geen partij.",
        "Since the Housing Act 2015 the tenants' organisation is a full party to the performance agreements: "
        "municipality, corporation and tenants' organisations negotiate the bid and make the agreements together "
        "(art. 44(2), paraphrased). Each of the three may take a dispute to the minister (art. 44(4)). A party that "
        "does not sign is no party.",
    ),
    quote="[…] leggen het college van burgemeester en wethouders, de toegelaten instelling of de organisaties en "
    "commissies, bedoeld in het tweede lid, het geschil […] ter behandeling voor aan Onze Minister […]",
    fix=Text(
        "Neem de gemeente, de corporatie en de huurdersorganisatie (soort = \"bewoners\") op als [[partij]] en laat "
        "ze alle drie ondertekenen (ondertekent = true).",
        "List the municipality, the corporation and the tenants' organisation (soort = \"bewoners\") as [[partij]] "
        "and have all three sign (ondertekent = true).",
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
                f"{nl} ontbreekt: er is geen [[partij]] met soort = \"{soort}\"",
                f"{en} is missing: there is no [[partij]] with soort = \"{soort}\"",
                ("partij",),
            )
        elif not any(p.ondertekent for _, p in alle):
            wie = [f"'{p.naam}'" for _, p in alle]
            yield violation(
                f"{opsomming(wie, 'nl')} {'ondertekent' if len(wie) == 1 else 'ondertekenen'} niet (ondertekent = false), "
                f"dus {nl} is geen partij bij de afspraken",
                f"{opsomming(wie, 'en')} {'does' if len(wie) == 1 else 'do'} not sign (ondertekent = false), so {en} is no "
                "party to the agreements",
                *[("partij", i, "ondertekent") for i, _ in alle],
            )


class BodParams(DatumParams):
    uiterlijk_maand: int = Field(7, ge=1, le=12, description="Maand waarin het bod uiterlijk binnen is (standaard juli).")
    uiterlijk_dag: int = Field(1, ge=1, le=31, description="Dag waarop het bod uiterlijk binnen is (standaard 1: 1 juli, die dag telt mee).")


@rule(
    id=f"{NAME}/bod-op-tijd",
    severity="fout",
    params=BodParams,
    source="Woningwet, art. 44 lid 1",
    title=Text("Bod uiterlijk op 1 juli", "Bid by 1 July"),
    summary=Text(
        "cyclus.bod is ingevuld en valt op of vóór de uiterste datum (standaard 1 juli) van hetzelfde jaar.",
        "cyclus.bod is filled in and falls on or before the deadline (1 July by default) of the same year.",
    ),
    rationale=Text(
        "De corporatie stuurt jaarlijks, uiterlijk op 1 juli, een overzicht van haar voorgenomen werkzaamheden (het "
        "bod) aan de gemeente en aan de huurdersorganisaties (art. 44 lid 1, parafrase). Met dat bod begint het "
        "overleg, en daarmee de termijn van zes maanden in art. 44 lid 4. 'Uiterlijk op' betekent: 1 juli zelf is "
        "nog op tijd.",
        "Each year, by 1 July at the latest, the corporation sends an overview of its planned activities (the bid) "
        "to the municipality and to the tenants' organisations (art. 44(1), paraphrased). The bid starts the "
        "negotiation, and with it the six-month term of art. 44(4). 'By 1 July' means 1 July itself is still in time.",
    ),
    quote="(parafrase) De toegelaten instelling doet jaarlijks, uiterlijk op 1 juli, het college van burgemeester en "
    "wethouders een overzicht toekomen van haar voorgenomen werkzaamheden, en zendt het ook aan de huurdersorganisaties.",
    fix=Text(
        "Breng het bod uit op of vóór de uiterste datum en vul die datum in bij cyclus.bod (een TOML-datum, "
        "zonder aanhalingstekens).",
        "Make the bid on or before the deadline and fill in its date at cyclus.bod (a TOML date, without quotes).",
    ),
    example_fail="""
[extensies.prestatieafspraken.cyclus]
bod = 2025-08-15
""",
    example_pass="""
[extensies.prestatieafspraken.cyclus]
bod = 2025-06-27
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
            f"het bod kwam op {datum(bod, 'nl')}, {te_laat} {'dag' if te_laat == 1 else 'dagen'} na de uiterste datum "
            f"{datum(uiterst, 'nl')}",
            f"the bid came on {datum(bod, 'en')}, {te_laat} day{'' if te_laat == 1 else 's'} after the deadline "
            f"{datum(uiterst, 'en')}",
            (*EXT, "cyclus", "bod"),
        )


class OndertekendParams(DatumParams):
    uiterlijk_maand: int = Field(12, ge=1, le=12, description="Maand waarin de afspraken uiterlijk ondertekend zijn (standaard december).")
    uiterlijk_dag: int = Field(
        15, ge=1, le=31, description="Dag waarop de afspraken uiterlijk ondertekend zijn (standaard 15; sommige bronnen noemen 1 december)."
    )


@rule(
    id=f"{NAME}/ondertekend-op-tijd",
    severity="waarschuwing",
    params=OndertekendParams,
    source="Woningwet, art. 44 lid 4; de jaarcyclus prestatieafspraken (15 december is gangbaar, geen wettelijke datum)",
    title=Text("Afspraken uiterlijk 15 december ondertekend", "Agreements signed by 15 December"),
    summary=Text(
        "cyclus.ondertekend is ingevuld, valt niet vóór het bod, en valt op of vóór de uiterste datum (standaard 15 "
        "december) van het jaar van het bod (zonder bod: van het jaar van ondertekening).",
        "cyclus.ondertekend is filled in, is not before the bid, and falls on or before the deadline (15 December by "
        "default) of the year of the bid (without a bid: of the year of signing).",
    ),
    rationale=Text(
        "De wet noemt geen ondertekendatum: komt het overleg niet binnen zes maanden na aanvang tot afspraken, dan "
        "moet het geschil binnen vier weken naar de minister (art. 44 lid 4). Met een bod op 1 juli loopt die termijn "
        "rond de jaarwisseling af. De gangbare jaarcyclus rekent daarom met ondertekening uiterlijk 15 december, zodat "
        "de afspraken op 1 januari gelden. Sommige bronnen en lokale convenanten noemen 1 december: zet dan "
        "uiterlijk_dag = 1.",
        "The law sets no signing date: if the negotiation has not led to agreements within six months of its start, "
        "the dispute goes to the minister within four weeks (art. 44(4)). With a bid on 1 July that term ends around "
        "the turn of the year. The usual yearly cycle therefore has the agreements signed by 15 December, so that "
        "they apply from 1 January. Some sources and local covenants say 1 December: set uiterlijk_dag = 1 then.",
    ),
    quote="Indien het overleg, bedoeld in het tweede lid, niet binnen zes maanden na aanvang daarvan tot afspraken als "
    "bedoeld in dat lid leidt, […]",
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
            f"de afspraken zijn ondertekend op {datum(getekend, 'nl')}, {te_laat} {'dag' if te_laat == 1 else 'dagen'} "
            f"na de uiterste datum ({datum(uiterst, 'nl')}{uitleg_nl})",
            f"the agreements were signed on {datum(getekend, 'en')}, {te_laat} day{'' if te_laat == 1 else 's'} after "
            f"the deadline ({datum(uiterst, 'en')}{uitleg_en})",
            (*EXT, "cyclus", "ondertekend"),
        )


@rule(
    id=f"{NAME}/geschillenroute",
    severity="waarschuwing",
    source="Woningwet, art. 44 lid 4; Adviescommissie geschilbeslechting prestatieafspraken Woningwet (ingesteld 2016)",
    title=Text("Geschillenroute van art. 44 Woningwet", "Dispute route of art. 44 Housing Act"),
    summary=Text(
        f"geschillen.route bevat \"{ART44}\": komen partijen niet tot afspraken, dan kan elk van hen het geschil aan "
        "de minister voorleggen.",
        f"geschillen.route contains \"{ART44}\": if the parties cannot agree, each of them may take the dispute to "
        "the minister.",
    ),
    rationale=Text(
        "Leidt het overleg niet binnen zes maanden tot afspraken, dan leggen gemeente, corporatie of "
        "huurdersorganisatie het geschil binnen vier weken aan de minister voor, die (na advies van de "
        "Adviescommissie geschilbeslechting prestatieafspraken) een bindende uitspraak doet. Die termijn is kort: "
        "wie de route pas zoekt als het geschil er is, is te laat. Eigen stappen vooraf (bestuurlijk overleg, "
        "mediation) mogen, maar de wettelijke route hoort erbij.",
        "If the negotiation does not lead to agreements within six months, the municipality, corporation or tenants' "
        "organisation submits the dispute to the minister within four weeks, who (advised by the dispute committee "
        "for performance agreements) gives a binding ruling. That term is short: whoever looks up the route once the "
        "dispute is there is too late. Own steps first (administrative talks, mediation) are fine, but the statutory "
        "route belongs in the list.",
    ),
    quote=ART44_LID4,
    fix=Text(
        f"Schrijf de geschillenregeling uit in {tabel('geschillen')} met route = [\"bestuurlijk-overleg\", \"{ART44}\"] "
        "(eigen stappen eerst, de wettelijke route als laatste).",
        f"Write the dispute procedure in {tabel('geschillen')} with route = [\"bestuurlijk-overleg\", \"{ART44}\"] "
        "(own steps first, the statutory route last).",
    ),
    example_fail="""
[extensies.prestatieafspraken.geschillen]
route = ["bestuurlijk-overleg", "mediation"]
""",
    example_pass="""
[extensies.prestatieafspraken.geschillen]
route = ["bestuurlijk-overleg", "mediation", "art44-woningwet"]
""",
)
def geschillenroute(doc: Agreement, params: Params) -> Iterator[Violation]:
    route = waarde(doc, "geschillen", "route")
    if route is None:
        yield ontbreekt(doc, "er is geen geschillenregeling", "there is no dispute procedure", "geschillen", "route")
    elif ART44 not in route:
        stappen = opsomming(route, "nl") or "geen stappen"
        yield violation(
            f"de geschillenroute ({stappen}) noemt de procedure van art. 44 Woningwet niet (\"{ART44}\")",
            f"the dispute route ({opsomming(route, 'en') or 'no steps'}) does not name the art. 44 Housing Act procedure (\"{ART44}\")",
            (*EXT, "geschillen", "route"),
        )


RULES = [drie_partijen, bod_op_tijd, ondertekend_op_tijd, geschillenroute]
