"""Rules on what happens after signing: the agreements are sent on (Woningwet art. 44a) and accounted for (art. 36a)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from afspraken import Agreement, Params, Text, Violation, rule, violation
from afspraken_prestatieafspraken._hulp import EXT, bedoelde_u, datum, ontbreekt, opsomming, waarde
from afspraken_prestatieafspraken.bronnen import citaat
from afspraken_prestatieafspraken.model import NAME

MINISTER = "minister"
"""The recipient in verantwoording.toegezonden_aan that is not a party."""


@rule(
    id=f"{NAME}/toezending",
    severity="waarschuwing",
    source="Woningwet, art. 44a lid 1",
    title=Text("Afspraken vóór 15 december naar minister, gemeente en huurders", "Agreements sent to minister, municipality and tenants before 15 December"),
    summary=Text(
        "verantwoording.toegezonden valt vóór 15 december van het jaar van het bod, en verantwoording.toegezonden_aan "
        "noemt \"minister\", elke gemeente en elke huurdersorganisatie of bewonerscommissie.",
        "verantwoording.toegezonden falls before 15 December of the year of the bid, and "
        "verantwoording.toegezonden_aan names \"minister\", every municipality and every tenants' organisation or "
        "residents' committee.",
    ),
    rationale=Text(
        "De corporatie stuurt de gemaakte afspraken jaarlijks vóór 15 december aan de minister, aan de gemeenten waar "
        "zij werkt en aan de huurdersorganisaties en bewonerscommissies. Zo weten alle betrokkenen, en de minister als "
        "toezichthouder, wat er is afgesproken. 'Voor 15 december' betekent: 14 december is de laatste dag. De "
        "geciteerde tekst is die van juli 2015; controleer de geldende tekst op wetten.overheid.nl.",
        "Each year, before 15 December, the corporation sends the agreements made to the minister, to the "
        "municipalities it works in and to the tenants' organisations and residents' committees. That way everyone "
        "involved, and the minister as supervisor, knows what was agreed. 'Before 15 December' means 14 December is "
        "the last day. The text quoted is that of July 2015; check the current text on wetten.overheid.nl.",
    ),
    quote=citaat(
        "Woningwet", "44a", 1,
        "De toegelaten instelling doet jaarlijks voor 15 december volgend op de in artikel 44, eerste lid, bedoelde "
        "datum aan Onze Minister, aan de colleges van burgemeester en wethouders van de gemeenten waar zij feitelijk "
        "werkzaam is, en aan de in het belang van de huurders van haar woongelegenheden werkzame huurdersorganisaties "
        "en bewonerscommissies",
        "toekomen:",
        "b. indien van toepassing: de op grond van artikel 44, tweede lid, gemaakte afspraken",
    ),
    fix=Text(
        "Stuur de ondertekende afspraken vóór 15 december aan de minister, de gemeente en de huurders, en vul in: "
        "verantwoording.toegezonden (datum) en verantwoording.toegezonden_aan = [\"minister\", ...ids van de partijen].",
        "Send the signed agreements before 15 December to the minister, the municipality and the tenants, and fill "
        "in verantwoording.toegezonden (date) and verantwoording.toegezonden_aan = [\"minister\", ...party ids].",
    ),
    example_fail="""
[extensies.prestatieafspraken.verantwoording]
toegezonden = 2025-12-15
toegezonden_aan = ["minister", "gemeente"]
""",
    example_pass="""
[extensies.prestatieafspraken.verantwoording]
toegezonden = 2025-12-12
toegezonden_aan = ["minister", "gemeente", "huurdersvereniging"]
""",
)
def toezending(doc: Agreement, params: Params) -> Iterator[Violation]:
    op = waarde(doc, "verantwoording", "toegezonden")
    if op is None:
        yield ontbreekt(
            doc, "niet bekend wanneer de afspraken zijn toegezonden", "it is not known when the agreements were sent", "verantwoording", "toegezonden"
        )
    else:
        bod = waarde(doc, "cyclus", "bod")
        getekend = waarde(doc, "cyclus", "ondertekend")
        jaar = bod.year if bod is not None else getekend.year if getekend is not None else op.year
        grens = dt.date(jaar, 12, 15)
        if op >= grens:
            yield violation(
                f"de afspraken zijn toegezonden op {datum(op, 'nl')}; dat moet vóór {datum(grens, 'nl')}",
                f"the agreements were sent on {datum(op, 'en')}; they are due before {datum(grens, 'en')}",
                (*EXT, "verantwoording", "toegezonden"),
            )
    aan = waarde(doc, "verantwoording", "toegezonden_aan")
    if aan is None:
        yield ontbreekt(
            doc,
            "niet bekend aan wie de afspraken zijn toegezonden (de minister, de gemeente en de huurders)",
            "it is not known to whom the agreements were sent (the minister, the municipality and the tenants)",
            "verantwoording",
            "toegezonden_aan",
        )
        return
    partijen = {p.id: p for p in doc.partij}
    at = (*EXT, "verantwoording", "toegezonden_aan")
    for onbekend in [i for i in aan if i != MINISTER and i not in partijen]:
        hint_nl, hint_en = bedoelde_u(onbekend, [MINISTER, *partijen])
        yield violation(
            f"'{onbekend}' in verantwoording.toegezonden_aan is geen partij en niet \"{MINISTER}\"{hint_nl}",
            f"'{onbekend}' in verantwoording.toegezonden_aan is not a party nor \"{MINISTER}\"{hint_en}",
            at,
        )
    gemist_nl = [] if MINISTER in aan else ["de minister"]
    gemist_en = [] if MINISTER in aan else ["the minister"]
    for p in doc.partij:
        if p.soort in ("gemeente", "bewoners") and p.id not in aan:
            gemist_nl.append(f"'{p.naam}'")
            gemist_en.append(f"'{p.naam}'")
    if gemist_nl:
        yield violation(
            f"de afspraken zijn niet toegezonden aan {opsomming(gemist_nl, 'nl')}",
            f"the agreements were not sent to {opsomming(gemist_en, 'en')}",
            at,
        )


@rule(
    id=f"{NAME}/volkshuisvestingsverslag",
    severity="waarschuwing",
    source="Woningwet, art. 36a lid 1 en 2; Besluit toegelaten instellingen volkshuisvesting 2015, art. 32 lid 1",
    title=Text("Verantwoording in het volkshuisvestingsverslag", "Accounted for in the housing report"),
    summary=Text(
        "verantwoording.volkshuisvestingsverslag = true: de corporatie legt in haar jaarlijkse "
        "volkshuisvestingsverslag verantwoording af over deze afspraken.",
        "verantwoording.volkshuisvestingsverslag = true: the corporation accounts for these agreements in its yearly "
        "housing report (volkshuisvestingsverslag).",
    ),
    rationale=Text(
        "De corporatie stelt jaarlijks een volkshuisvestingsverslag op, waaruit elke gemeente kan afleiden wat haar "
        "aangaat, en doet daarin verslag van de wijze waarop zij het belang van de volkshuisvesting diende (art. 36a "
        "lid 1 en 2). Het verslag gaat in elk geval over de uitvoering van de afspraken die uit het overleg over het "
        "bod zijn voortgekomen (Besluit toegelaten instellingen volkshuisvesting 2015, art. 32 lid 1 onder a). Leg "
        "daarom in de afspraken vast dat de corporatie er zo verantwoording over aflegt. De geciteerde teksten zijn die "
        "van juni en juli 2015; controleer de geldende tekst op wetten.overheid.nl.",
        "The corporation draws up a housing report (volkshuisvestingsverslag) every year, from which each "
        "municipality can see what concerns it, and reports in it on how it served the interest of public housing "
        "(art. 36a(1) and (2)). The report covers in any case how the agreements that came out of the talks on the "
        "bid were carried out (Besluit toegelaten instellingen volkshuisvesting 2015, art. 32(1)(a)). So record in the "
        "agreements that the corporation accounts for them that way. The texts quoted are those of June and July "
        "2015; check the current text on wetten.overheid.nl.",
    ),
    quote=citaat(
        "Woningwet", "36a", 2,
        "In het volkshuisvestingsverslag wordt verslag gedaan van de wijze waarop in het verslagjaar het belang van de "
        "volkshuisvesting is gediend",
    )
    + " […] "
    + citaat(
        "Btiv", "32", 1,
        "Het volkshuisvestingsverslag, bedoeld in artikel 36a, eerste lid, van de wet, omvat in elk geval een "
        "uiteenzetting inzake het verslagjaar over: a. de uitvoering van het in de gemeenten waar de toegelaten "
        "instelling feitelijk werkzaam is geldende volkshuisvestingsbeleid, en van in het in artikel 44, tweede lid, "
        "van de wet bedoelde overleg gemaakte afspraken daarover;",
    ),
    fix=Text(
        "Spreek af dat de corporatie in haar volkshuisvestingsverslag verantwoording aflegt over de afspraken: "
        "verantwoording.volkshuisvestingsverslag = true.",
        "Agree that the corporation accounts for the agreements in its housing report: "
        "verantwoording.volkshuisvestingsverslag = true.",
    ),
    example_fail="""
[extensies.prestatieafspraken.verantwoording]
volkshuisvestingsverslag = false
""",
    example_pass="""
[extensies.prestatieafspraken.verantwoording]
volkshuisvestingsverslag = true
""",
)
def volkshuisvestingsverslag(doc: Agreement, params: Params) -> Iterator[Violation]:
    verslag = waarde(doc, "verantwoording", "volkshuisvestingsverslag")
    if verslag is None:
        yield ontbreekt(
            doc,
            "niet vastgelegd of de corporatie in haar volkshuisvestingsverslag verantwoording aflegt over de afspraken",
            "it is not recorded whether the corporation accounts for the agreements in its housing report",
            "verantwoording",
            "volkshuisvestingsverslag",
        )
    elif not verslag:
        yield violation(
            "de corporatie legt in haar volkshuisvestingsverslag geen verantwoording af over de afspraken "
            "(Woningwet art. 36a)",
            "the corporation does not account for the agreements in its housing report (Housing Act art. 36a)",
            (*EXT, "verantwoording", "volkshuisvestingsverslag"),
        )


RULES = [toezending, volkshuisvestingsverslag]
