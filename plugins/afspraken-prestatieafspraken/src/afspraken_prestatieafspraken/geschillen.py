"""Rules on disputes (Woningwet art. 44 lid 4): the route in the agreements, and its deadlines as dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from afspraken import Agreement, Params, Text, Violation, rule, violation
from afspraken_prestatieafspraken._hulp import (
    EXT,
    Peildatum,
    datum,
    ontbreekt,
    opsomming,
    peildatum,
    plus_maanden,
    tabel,
    waarde,
)
from afspraken_prestatieafspraken.bronnen import citaat
from afspraken_prestatieafspraken.model import ART44, NAME

ART44_LID4 = citaat("Woningwet", "44", 4)
ZES_MAANDEN = 6
VIER_WEKEN = dt.timedelta(weeks=4)


@rule(
    id=f"{NAME}/geschillenroute",
    severity="waarschuwing",
    source="Woningwet, art. 44 lid 4; Instellingsbesluit Adviescommissie geschilbeslechting prestatieafspraken Woningwet (Stcrt. 2016, 14908)",
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




class TermijnenParams(Params):
    peildatum: Peildatum = Field(
        "vandaag",
        description="Datum waartegen lopende termijnen worden beoordeeld: \"vandaag\" (de dag van de toets) of een vaste datum.",
        json_schema_extra={"en": 'Date against which running terms are judged: "vandaag" (the day of the check) or a fixed date.'},
    )


@rule(
    id=f"{NAME}/geschiltermijnen",
    severity="waarschuwing",
    params=TermijnenParams,
    source="Woningwet, art. 44 lid 4",
    title=Text("Zes maanden voor afspraken, dan vier weken voor de minister", "Six months to agree, then four weeks to go to the minister"),
    summary=Text(
        "Rekent vanaf cyclus.overleg_aanvang (zonder: cyclus.bod) de zes maanden voor afspraken en de vier weken "
        "daarna voor het geschil; meldt afspraken die later kwamen zonder geschil, een geschil dat te laat "
        "(geschillen.voorgelegd) of te vroeg kwam, en een termijn die loopt of verstreken is zonder afspraken.",
        "Computes from cyclus.overleg_aanvang (without it: cyclus.bod) the six months to agree and the four weeks "
        "after them for the dispute; reports agreements that came later without a dispute, a dispute brought too late "
        "(geschillen.voorgelegd) or too early, and a term that is running or has passed without agreements.",
    ),
    rationale=Text(
        "Leidt het overleg niet binnen zes maanden na aanvang tot afspraken, dan leggen gemeente, corporatie of "
        "huurders het geschil binnen vier weken aan de minister voor, die een bindende uitspraak doet (art. 44 lid 4). "
        "De plugin rekent vanaf het bod, waarmee de corporatie om het overleg vraagt (art. 44 lid 2); begon het "
        "overleg later, vul dan cyclus.overleg_aanvang in. Zij neemt aan dat het geschil ontstaat als de zes maanden om "
        "zijn: met een bod op 1 juli lopen die tot 1 januari en is 29 januari de laatste dag om het geschil voor te "
        "leggen (zo noemt ook woningmarktbeleid.nl de periode 1 juli tot en met 29 januari). Wie de data niet kent, "
        "mist de termijn. Geschilbeslechting is geen plicht om te procederen, maar de termijn is kort: daarom een "
        "waarschuwing. Lopende termijnen worden beoordeeld op de dag van de toets (parameter peildatum).",
        "If the talks have not led to agreements within six months of their start, the municipality, corporation or "
        "tenants submit the dispute to the minister within four weeks, who gives a binding ruling (art. 44(4)). The "
        "plugin counts from the bid, with which the corporation asks for the talks (art. 44(2)); if the talks started "
        "later, fill in cyclus.overleg_aanvang. It takes the dispute to arise when the six months are over: with a bid "
        "on 1 July they run to 1 January and 29 January is the last day to submit the dispute (the government site "
        "woningmarktbeleid.nl also gives the period 1 July to 29 January). Whoever does not know the dates misses the "
        "term. Dispute resolution is not a duty to litigate, but the term is short: hence a warning. Running terms "
        "are judged on the day of the check (parameter peildatum).",
    ),
    quote=ART44_LID4,
    fix=Text(
        "Vul cyclus.bod (of cyclus.overleg_aanvang) en cyclus.ondertekend in; lukt het niet binnen zes maanden, leg "
        "het geschil dan binnen vier weken voor aan de minister en vul de datum in bij geschillen.voorgelegd.",
        "Fill in cyclus.bod (or cyclus.overleg_aanvang) and cyclus.ondertekend; if there is no agreement within six "
        "months, submit the dispute to the minister within four weeks and fill in its date at geschillen.voorgelegd.",
    ),
    example_fail="""
[extensies.prestatieafspraken.cyclus]
bod = 2025-06-27
ondertekend = 2026-03-02
""",
    example_pass="""
[extensies.prestatieafspraken.cyclus]
bod = 2025-06-27
ondertekend = 2025-12-09
""",
)
def geschiltermijnen(doc: Agreement, params: TermijnenParams) -> Iterator[Violation]:
    aanvang = waarde(doc, "cyclus", "overleg_aanvang")
    veld = "overleg_aanvang"
    if aanvang is None:
        aanvang, veld = waarde(doc, "cyclus", "bod"), "bod"
    if aanvang is None:
        yield ontbreekt(
            doc,
            "niet bekend wanneer het overleg begon (vul cyclus.bod of cyclus.overleg_aanvang in)",
            "it is not known when the talks started (fill in cyclus.bod or cyclus.overleg_aanvang)",
            "cyclus",
            "bod",
        )
        return
    zes = plus_maanden(aanvang, ZES_MAANDEN)
    vier = zes + VIER_WEKEN
    getekend = waarde(doc, "cyclus", "ondertekend")
    voorgelegd = waarde(doc, "geschillen", "voorgelegd")
    termijn_nl = (
        f"zes maanden na aanvang van het overleg ({datum(aanvang, 'nl')}) is {datum(zes, 'nl')}; het geschil gaat "
        f"uiterlijk {datum(vier, 'nl')} naar de minister"
    )
    termijn_en = (
        f"six months after the talks started ({datum(aanvang, 'en')}) is {datum(zes, 'en')}; the dispute goes to the "
        f"minister by {datum(vier, 'en')}"
    )
    begin = (*EXT, "cyclus", veld)
    if voorgelegd is not None:
        at = (*EXT, "geschillen", "voorgelegd")
        if voorgelegd <= zes and (getekend is None or getekend > voorgelegd):
            yield violation(
                f"het geschil is voorgelegd op {datum(voorgelegd, 'nl')}, vóór het einde van de zes maanden; {termijn_nl}",
                f"the dispute was submitted on {datum(voorgelegd, 'en')}, before the six months had passed; {termijn_en}",
                at,
                begin,
            )
        elif voorgelegd > vier:
            yield violation(
                f"het geschil is voorgelegd op {datum(voorgelegd, 'nl')}, na de termijn: {termijn_nl}",
                f"the dispute was submitted on {datum(voorgelegd, 'en')}, after the term: {termijn_en}",
                at,
                begin,
            )
        return
    if getekend is not None:
        if getekend > zes:
            yield violation(
                f"de afspraken zijn ondertekend op {datum(getekend, 'nl')}, later dan zes maanden na aanvang van het "
                f"overleg, zonder dat een geschil aan de minister is voorgelegd (geschillen.voorgelegd); {termijn_nl}",
                f"the agreements were signed on {datum(getekend, 'en')}, more than six months after the talks started, "
                f"without a dispute submitted to the minister (geschillen.voorgelegd); {termijn_en}",
                (*EXT, "cyclus", "ondertekend"),
                begin,
            )
        return
    peil = peildatum(params.peildatum)
    if peil > vier:
        yield violation(
            f"er zijn op {datum(peil, 'nl')} geen ondertekende afspraken en geen geschil voorgelegd, en de termijn is "
            f"verstreken: {termijn_nl}",
            f"on {datum(peil, 'en')} there are no signed agreements and no dispute was submitted, and the term has "
            f"passed: {termijn_en}",
            (*EXT, "cyclus", "ondertekend"),
            begin,
        )
    elif peil > zes:
        yield violation(
            f"er zijn op {datum(peil, 'nl')} geen ondertekende afspraken, zes maanden na aanvang van het overleg: leg "
            f"het geschil voor aan de minister; {termijn_nl}",
            f"on {datum(peil, 'en')} there are no signed agreements, six months after the talks started: submit the "
            f"dispute to the minister; {termijn_en}",
            (*EXT, "cyclus", "ondertekend"),
            begin,
        )


RULES = [geschillenroute, geschiltermijnen]
