"""Rules of rule set ``wijkaanpak`` about tailoring and continuity: maatwerk, vaste-gezichten, successen-vieren."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from afspraken.builtin import WERKGROEPEN, amount, datum
from afspraken.model import Agreement
from afspraken.rules import Params, Rule, Text, Violation, rule, violation

# --------------------------------------------------------------------------- maatwerk


class MaatwerkParams(Params):
    max_jaren_oud: int = Field(
        3,
        ge=0,
        description="Hoeveel jaar vóór de ingangsdatum de wijkanalyse (analysedatum) hoogstens gemaakt is.",
        json_schema_extra={"en": "How many years before the start date the analysis (analysedatum) was made at most."},
    )


@rule(
    source=WERKGROEPEN,
    id="maatwerk",
    severity="waarschuwing",
    params=MaatwerkParams,
    title=Text("Maatwerk op basis van een wijkanalyse", "Tailored to the area, based on an analysis"),
    summary=Text(
        "maatwerk.wijkanalyse is ingevuld en niet leeg; staat er een maatwerk.analysedatum bij, dan ligt die hoogstens "
        "max_jaren_oud jaar vóór de ingangsdatum. Ontbreekt [maatwerk], dan volgt een bevinding op die plek.",
        "maatwerk.wijkanalyse is present and not empty; when maatwerk.analysedatum is given, it is at most "
        "max_jaren_oud years before the start date. When [maatwerk] is missing, that is a finding at its place.",
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
def maatwerk(doc: Agreement, params: MaatwerkParams) -> Iterator[Violation]:
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
    datum_analyse = doc.maatwerk.analysedatum if doc.maatwerk else None
    begin = doc.afspraak.ingangsdatum
    if datum_analyse is not None:
        year = max(dt.MINYEAR, begin.year - params.max_jaren_oud)  # a huge parameter cannot go before year 1
        try:
            grens = begin.replace(year=year)
        except ValueError:  # 29 February
            grens = begin.replace(year=year, day=28)
        if datum_analyse < grens:
            yield violation(
                f"de wijkanalyse is van {datum(datum_analyse, 'nl')}, meer dan {params.max_jaren_oud} jaar vóór de "
                f"ingangsdatum {datum(begin, 'nl')}",
                f"the analysis dates from {datum(datum_analyse, 'en')}, more than {amount(params.max_jaren_oud, 'year', 'years')} "
                f"before the start date {datum(begin, 'en')}",
                ("maatwerk", "analysedatum"),
                fix=Text(
                    f"Maak een nieuwe wijkanalyse van {wijk}, van {datum(grens, 'nl')} of later.",
                    f"Make a new analysis of {wijk}, dated {datum(grens, 'en')} or later.",
                ),
            )


# --------------------------------------------------------------------------- vaste-gezichten


class VasteGezichtenParams(Params):
    min_jaren: int = Field(
        2,
        ge=0,
        description="Minimum voor continuiteit.minimale_bezetting_jaren.",
        json_schema_extra={"en": "Minimum for continuiteit.minimale_bezetting_jaren."},
    )


@rule(
    source=WERKGROEPEN,
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
            f"there is no [continuiteit]: no fixed contact persons and no minimum tenure of {amount(minimum, 'year', 'years')} agreed",
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
            f"no minimum tenure is agreed (minimale_bezetting_jaren); the minimum is {amount(minimum, 'year', 'years')}",
            ("continuiteit", "minimale_bezetting_jaren"),
        )
    elif jaren < minimum:
        yield violation(
            f"mensen blijven minimaal {jaren} jaar op hun plek; het minimum is {minimum} jaar",
            f"people stay in their post for at least {amount(jaren, 'year', 'years')}; the minimum is {amount(minimum, 'year', 'years')}",
            ("continuiteit", "minimale_bezetting_jaren"),
            fix=Text(f"Zet minimale_bezetting_jaren op minstens {minimum}.", f"Set minimale_bezetting_jaren to at least {minimum}."),
        )


# --------------------------------------------------------------------------- successen-vieren


@rule(
    source=WERKGROEPEN,
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


RULES: list[Rule] = [maatwerk, vaste_gezichten, successen_vieren]
