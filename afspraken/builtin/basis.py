"""Rule set ``basis``: equal voice, one point of contact, not too many professionals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import Field

from afspraken import hookimpl
from afspraken.builtin import WERKGROEPEN, count, names, number, ruleset, votes
from afspraken.model import Agreement
from afspraken.rules import Params, Rule, Text, Violation, rule, undecided, violation


class GelijkeStemParams(Params):
    per: Literal["partij", "soort"] = Field(
        "partij",
        description="Vergelijk stemmen per partij of per soort partij.",
        json_schema_extra={"en": "Compare votes per party, or per kind of party."},
    )
    bewoners_zetel: Literal["verplicht", "of-overlegrecht"] = Field(
        "verplicht",
        description="Moet elke bewonerspartij stemrecht hebben in het orgaan, of volstaat een afdwingbaar overleg ermee?",
        json_schema_extra={"en": "Must every residents' party vote in the body, or does an enforceable meeting with it suffice?"},
    )
    min_overleg_per_jaar: int = Field(
        4,
        ge=0,
        description="Hoe vaak per jaar dat overleg minstens is (bij bewoners_zetel = \"of-overlegrecht\").",
        json_schema_extra={"en": "How often a year that meeting is held at least (with bewoners_zetel = \"of-overlegrecht\")."},
    )


@rule(
    source=WERKGROEPEN,
    id="gelijke-stem",
    severity="fout",
    params=GelijkeStemParams,
    title=Text("Gelijke stem in het orgaan dat besluit", "Equal voice in the body that decides"),
    summary=Text(
        "In elk besluitvormend orgaan heeft elke partij met stemmen evenveel stemmen (opgeteld over haar leden). Een "
        "lid met stemmen = 0 heeft een raadgevende stem: een niet-ondertekenende partij met alleen zulke leden telt "
        "niet mee; een ondertekenende partij met alleen zulke leden is een bevinding. Elke ondertekenende "
        "bewonerspartij zit met stemmen in het orgaan, of heeft (met bewoners_zetel = \"of-overlegrecht\") een "
        "afdwingbaar [[overleg]] met dat orgaan van minstens min_overleg_per_jaar keer per jaar. De melding wijst naar "
        "de stemmen van de afwijkende partij.",
        "In every deciding body, each party with votes holds the same number of votes (summed over its members). A "
        "member with stemmen = 0 has an advisory seat: a non-signing party with only such members is left out; a "
        "signing party with only such members is a finding. Every signing residents' party sits in the body with "
        "votes, or (with bewoners_zetel = \"of-overlegrecht\") has an enforceable [[overleg]] with that body at least "
        "min_overleg_per_jaar times a year. The message points at the votes of the odd one out.",
    ),
    rationale=Text(
        "Een succes is altijd de verdienste van de sterkste partij; wie minder stemmen heeft, draagt wel het falen. "
        "Samenwerking werkt als alle partijen gelijkwaardig meebeslissen, bewoners voorop.",
        "Success is credited to the strongest party, failure blamed on the weakest. Partnership works when all "
        "parties decide as equals, residents included.",
    ),
    quote="Installeer een Buurtonderneming. Zorg daarin voor vertegenwoordiging van gemeente, corporatie(s), "
    "andere instellingen en bewoners. Geef alle partijen een gelijke stem.",
    fix=Text(
        "Geef elke partij in het orgaan hetzelfde totaal aan stemmen en geef de bewonerspartij een zetel.",
        "Give every party in the body the same total of votes, and give the residents' party a seat.",
    ),
    example_fail="""
[[orgaan]]
id = "stuurgroep"
naam = "Stuurgroep"
soort = "stuurgroep"
  [[orgaan.lid]]
  naam = "Wethouder"
  partij = "gemeente"
  stemmen = 2
  [[orgaan.lid]]
  naam = "Voorzitter bewonersraad"
  partij = "bewonersraad"
""",
    example_pass="""
[[orgaan]]
id = "stuurgroep"
naam = "Stuurgroep"
soort = "stuurgroep"
  [[orgaan.lid]]
  naam = "Wethouder"
  partij = "gemeente"
  [[orgaan.lid]]
  naam = "Voorzitter bewonersraad"
  partij = "bewonersraad"
  [[orgaan.lid]]
  naam = "Adviseur politie"      # raadgevende stem van een partij die niet ondertekent
  partij = "politie"
  stemmen = 0
""",
)
def gelijke_stem(doc: Agreement, params: GelijkeStemParams) -> Iterator[Violation]:
    bewoners = doc.ondertekenaars("bewoners")
    for i, orgaan in enumerate(doc.orgaan):
        if not orgaan.besluitvormend:
            continue
        if not orgaan.lid:
            yield undecided(
                f"het besluitvormende orgaan '{orgaan.naam}' heeft geen leden ([[orgaan.lid]]), dus de stemverdeling is onbekend",
                f"the deciding body '{orgaan.naam}' has no members ([[orgaan.lid]]), so the distribution of votes is unknown",
                ("orgaan", i),
            )
            continue
        per_party: dict[str, int] = defaultdict(int)
        seats: dict[str, list[int]] = defaultdict(list)
        for j, lid in enumerate(orgaan.lid):
            per_party[lid.partij] += lid.stemmen
            seats[lid.partij].append(j)
        yield from _advisory_signers(doc, i, per_party, seats)
        # Parties with only advisory seats are not compared (signers among them are reported above).
        totals: dict[str, int] = defaultdict(int)
        members: dict[str, list[int]] = defaultdict(list)
        for party, total in per_party.items():
            if total == 0:
                continue
            found = doc.partij_by_id(party)
            key = found.soort if (params.per == "soort" and found) else party
            totals[key] += total
            members[key] += seats[party]
        if len(set(totals.values())) > 1:
            label = {} if params.per == "soort" else {p.id: p.naam for p in doc.partij}
            shown = votes([(label.get(k, k), v) for k, v in totals.items()])
            # The odd ones out: parties whose total differs from the most common one
            # (on a tie, the larger total is the odd one: 2 against 1 points at the 2).
            common = max(set(totals.values()), key=lambda v: (list(totals.values()).count(v), -v))
            odd = [k for k, v in totals.items() if v != common]
            at = [("orgaan", i, "lid", j, "stemmen") for k in odd for j in members[k]]
            who = [label.get(k, k) for k in odd]
            yield violation(
                f"in '{orgaan.naam}' hebben de partijen geen gelijke stem; stemmen: {shown}",
                f"in '{orgaan.naam}' the parties do not have an equal voice; votes: {shown}",
                *at,
                ("orgaan", i),
                fix=Text(
                    f"Geef {names(who, 'nl')} in '{orgaan.naam}' samen {common} {'stem' if common == 1 else 'stemmen'}, "
                    "net als de andere partijen.",
                    f"Give {names(who, 'en')} {common} {'vote' if common == 1 else 'votes'} in total in '{orgaan.naam}', "
                    "like the other parties.",
                ),
            )
        for partij in bewoners:
            if partij.id in per_party:
                continue  # votes; or an advisory seat, reported above
            if params.bewoners_zetel == "of-overlegrecht" and _meets(doc, partij.id, orgaan.id, params.min_overleg_per_jaar):
                continue
            k = doc.partij.index(partij)
            also = (
                (f" en heeft geen afdwingbaar overleg ermee van minstens {params.min_overleg_per_jaar} keer per jaar",
                 f" and has no enforceable meeting with it at least {params.min_overleg_per_jaar} times a year")
                if params.bewoners_zetel == "of-overlegrecht"
                else ("", "")
            )
            yield violation(
                f"bewonerspartij '{partij.naam}' ondertekent, maar heeft geen zitting in het besluitvormende orgaan '{orgaan.naam}'{also[0]}",
                f"residents' party '{partij.naam}' signs, but has no seat in the deciding body '{orgaan.naam}'{also[1]}",
                ("orgaan", i),
                ("partij", k),
                fix=Text(
                    f"Geef {partij.naam} een [[orgaan.lid]] met stemmen in '{orgaan.naam}'"
                    + (f", of een afdwingbaar [[overleg]] met '{orgaan.id}' van {params.min_overleg_per_jaar} keer per jaar." if also[0] else "."),
                    f"Give {partij.naam} an [[orgaan.lid]] with votes in '{orgaan.naam}'"
                    + (f", or an enforceable [[overleg]] with '{orgaan.id}' {params.min_overleg_per_jaar} times a year." if also[0] else "."),
                ),
            )


def _advisory_signers(doc: Agreement, i: int, per_party: dict[str, int], seats: dict[str, list[int]]) -> Iterator[Violation]:
    """A signing party whose members in the body all have 0 votes: it signs, but cannot decide."""
    orgaan = doc.orgaan[i]
    for party, total in per_party.items():
        found = doc.partij_by_id(party)
        if total or found is None or not found.ondertekent:
            continue
        yield violation(
            f"'{found.naam}' ondertekent, maar heeft in '{orgaan.naam}' alleen een raadgevende stem (stemmen = 0)",
            f"'{found.naam}' signs, but has only an advisory seat in '{orgaan.naam}' (stemmen = 0)",
            *[("orgaan", i, "lid", j, "stemmen") for j in seats[party]],
            fix=Text(
                f"Geef {found.naam} in '{orgaan.naam}' evenveel stemmen als de andere partijen, of laat {found.naam} niet "
                "ondertekenen als het alleen adviseert (ondertekent = false).",
                f"Give {found.naam} as many votes in '{orgaan.naam}' as the other parties, or have {found.naam} not sign "
                "when it only advises (ondertekent = false).",
            ),
        )


def _meets(doc: Agreement, partij: str, orgaan: str, per_jaar: int) -> bool:
    """Has ``partij`` an enforceable meeting with ``orgaan`` at least ``per_jaar`` times a year?"""
    return any(
        o.afdwingbaar and o.per_jaar >= per_jaar and partij in o.tussen and orgaan in o.tussen for o in doc.overleg
    )


@rule(
    source=WERKGROEPEN,
    id="een-aanspreekpunt",
    severity="fout",
    title=Text("Eén aanspreekpunt voor bewoners", "One point of contact for residents"),
    summary=Text(
        "Er is precies één aanspreekpunt; het noemt een bestaand orgaan of een ondertekenende partij en zegt hoe het "
        "bereikbaar is. Is het een orgaan, dan heeft dat het mandaat van elke ondertekenende gemeente en corporatie. "
        "De oplossing noemt wat ontbreekt.",
        "There is exactly one point of contact; it names an existing body or a signing party and says how to reach "
        "it. When it is a body, that body holds the mandate of every signing municipality and housing corporation. "
        "The fix names what is missing.",
    ),
    rationale=Text(
        "Bewoners moeten weten bij wie ze terechtkunnen. Een aanspreekpunt zonder mandaat, of een partij die de "
        "afspraak niet ondertekent, stuurt hen alsnog van loket naar loket.",
        "Residents must know where to go. A point of contact without a mandate, or a party that does not sign the "
        "agreement, still sends them from desk to desk.",
    ),
    quote="Maak goede afspraken met je samenwerkingspartners en kom ze na. Zorg zo veel mogelijk voor één aanspreekpunt.",
    fix=Text(
        "Schrijf één [aanspreekpunt] met orgaan (of partij), naam en bereikbaar, en zet de gemeente en de corporaties "
        "in het mandaat van dat orgaan.",
        "Write one [aanspreekpunt] with orgaan (or partij), naam and bereikbaar, and list the municipality and the "
        "corporations in that body's mandaat.",
    ),
    example_fail="""
[aanspreekpunt]
orgaan = "buurtonderneming"
naam = "Wijkwinkel"
""",
    example_pass="""
[aanspreekpunt]
orgaan = "buurtonderneming"   # met mandaat = ["gemeente", "trudo"]
naam = "Wijkwinkel"
bereikbaar = "ma-vr 9-17 uur, Celebesstraat 1"
""",
)
def een_aanspreekpunt(doc: Agreement, params: Params) -> Iterator[Violation]:
    if not doc.aanspreekpunt:
        yield violation(
            "er is geen [aanspreekpunt] voor bewoners",
            "there is no [aanspreekpunt] for residents",
            ("aanspreekpunt",),
            fix=Text(
                "Schrijf een [aanspreekpunt] met orgaan (of partij), naam en bereikbaar.",
                "Write an [aanspreekpunt] with orgaan (or partij), naam and bereikbaar.",
            ),
        )
        return
    if len(doc.aanspreekpunt) > 1:
        found = [a.naam for a in doc.aanspreekpunt]
        yield violation(
            f"er zijn {len(found)} aanspreekpunten ({names(found, 'nl')}); bewoners hebben er één nodig",
            f"there are {len(found)} points of contact ({names(found, 'en')}); residents need one",
            *[("aanspreekpunt", i) for i in range(1, len(found))],
            fix=Text(
                f"Kies één aanspreekpunt en schrap de andere ({names(found[1:], 'nl')}).",
                f"Choose one point of contact and remove the others ({names(found[1:], 'en')}).",
            ),
        )
    for i, punt in enumerate(doc.aanspreekpunt):
        at = ("aanspreekpunt", i)
        if punt.orgaan is None and punt.partij is None:
            yield violation(
                f"aanspreekpunt '{punt.naam}' noemt geen orgaan of partij",
                f"point of contact '{punt.naam}' names no body or party",
                at,
                fix=Text(
                    f"Zet in [aanspreekpunt] orgaan = (id van het orgaan) of partij = (id van een ondertekenende partij).",
                    f"Set orgaan = (id of the body) or partij = (id of a signing party) in [aanspreekpunt].",
                ),
            )
        if not (punt.bereikbaar or "").strip():
            yield violation(
                f"aanspreekpunt '{punt.naam}' zegt niet hoe het bereikbaar is (bereikbaar)",
                f"point of contact '{punt.naam}' does not say how to reach it (bereikbaar)",
                (*at, "bereikbaar"),
                fix=Text(
                    f"Zet bij '{punt.naam}' bereikbaar = openingstijden, adres, telefoon of mail.",
                    f"Set bereikbaar = opening hours, address, phone or mail for '{punt.naam}'.",
                ),
            )
        partij = doc.partij_by_id(punt.partij) if punt.partij else None
        if partij is not None and not partij.ondertekent:
            yield violation(
                f"aanspreekpunt '{punt.naam}' is {partij.naam}, maar die partij ondertekent de afspraak niet",
                f"point of contact '{punt.naam}' is {partij.naam}, but that party does not sign the agreement",
                (*at, "partij"),
                ("partij", doc.partij.index(partij), "ondertekent"),
                fix=Text(
                    f"Laat {partij.naam} ondertekenen, of maak een ondertekenende partij of een orgaan het aanspreekpunt.",
                    f"Have {partij.naam} sign, or make a signing party or a body the point of contact.",
                ),
            )
        orgaan = doc.orgaan_by_id(punt.orgaan) if punt.orgaan else None
        if orgaan is None:
            continue
        k = doc.orgaan.index(orgaan)
        missing = [
            p for p in doc.ondertekenaars() if p.soort in ("gemeente", "corporatie") and p.id not in orgaan.mandaat
        ]
        if missing:
            who = [p.naam for p in missing]
            ids = [p.id for p in missing]
            yield violation(
                f"aanspreekpunt '{orgaan.naam}' heeft geen mandaat van {names(who, 'nl')}",
                f"point of contact '{orgaan.naam}' holds no mandate from {names(who, 'en')}",
                ("orgaan", k, "mandaat"),
                (*at, "orgaan"),
                fix=Text(
                    f"Zet {names(ids, 'nl')} in mandaat van orgaan '{orgaan.id}'.",
                    f"Add {names(ids, 'en')} to the mandaat of body '{orgaan.id}'.",
                ),
            )


class ProfessionalsParams(Params):
    max_per_1000_bewoners: float = Field(
        3.0,
        ge=0,
        description="Maximaal aantal professionals per 1.000 bewoners.",
        json_schema_extra={"en": "Most professionals per 1,000 residents."},
    )
    min_toegestaan: int = Field(
        3,
        ge=0,
        description="Zoveel professionals zijn altijd toegestaan, hoe klein het gebied ook is.",
        json_schema_extra={"en": "This many professionals are always allowed, however small the area."},
    )
    max_organisaties: int = Field(
        5,
        ge=0,
        description="Maximaal aantal organisaties met professionals in het gebied.",
        json_schema_extra={"en": "Most organisations with professionals in the area."},
    )


@rule(
    source=WERKGROEPEN,
    id="niet-te-veel-professionals",
    severity="fout",
    params=ProfessionalsParams,
    title=Text("Niet te veel professionals in de wijk", "Not too many professionals in the neighbourhood"),
    summary=Text(
        "Tel de professionals in het gebied: partij.professionals van elke partij die geen bewonerspartij is (de eigen "
        "mensen van bewoners horen niet bij de 'industrie van professionals'), plus orgaan.professionals (de eigen "
        "staf van bijvoorbeeld een programmabureau). Dat aantal per 1.000 bewoners (afspraak.bewoners) is ten hoogste "
        "het maximum, tenzij het aantal ten hoogste min_toegestaan is. Het aantal organisaties met professionals is "
        "ten hoogste max_organisaties. Ontbreekt afspraak.bewoners of is het 0, dan 'kan niet beoordelen'.",
        "Count the professionals in the area: partij.professionals of every party that is not a residents' party "
        "(residents' own staff are not the 'industry of professionals'), plus orgaan.professionals (the own staff of, "
        "say, a programme office). That count per 1,000 residents (afspraak.bewoners) is at most the maximum, unless "
        "the count is at most min_toegestaan. The number of organisations with professionals is at most "
        "max_organisaties. When afspraak.bewoners is missing or 0, 'cannot decide'.",
    ),
    rationale=Text(
        "Met te veel professionals wordt samenwerken lastiger en zien bewoners door de bomen het bos niet meer. Een "
        "dorp met een paar deeltijdkrachten wordt daarmee nog niet overspoeld.",
        "With too many professionals, working together gets harder and residents can no longer see the wood for the "
        "trees. A village with a few part-timers is not over-run by them.",
    ),
    quote="Voorkom dat er te veel professionals actief zijn in de wijk. Als er te veel professionals actief zijn, is "
    "het lastiger om tot een goede samenwerking te komen en zien bewoners soms door de bomen het bos niet meer.",
    fix=Text(
        "Bundel de inzet in minder organisaties en minder mensen, of vul afspraak.bewoners in als dat ontbreekt.",
        "Pool the work in fewer organisations and fewer people, or fill in afspraak.bewoners if it is missing.",
    ),
    example_fail="""
[afspraak]
bewoners = 2000

[[partij]]
id = "welzijn"
professionals = 9
""",
    example_pass="""
[afspraak]
bewoners = 2000

[[partij]]
id = "welzijn"
professionals = 5
""",
)
def niet_te_veel_professionals(doc: Agreement, params: ProfessionalsParams) -> Iterator[Violation]:
    # Residents' own staff do not count; a body's own staff (a programme office) does.
    inzet: list[tuple[tuple[str | int, ...], str, int]] = [
        (("partij", i, "professionals"), p.naam, p.professionals)
        for i, p in enumerate(doc.partij)
        if p.professionals > 0 and p.soort != "bewoners"
    ]
    inzet += [(("orgaan", i, "professionals"), o.naam, o.professionals) for i, o in enumerate(doc.orgaan) if o.professionals > 0]
    total = sum(n for _, _, n in inzet)
    keys = [at for at, _, _ in sorted(inzet, key=lambda x: -x[2])]
    bewoners = doc.afspraak.bewoners
    if total > params.min_toegestaan and not bewoners:
        state = ("ontbreekt", "is missing") if bewoners is None else ("is 0", "is 0")
        yield undecided(
            f"afspraak.bewoners {state[0]}, dus {count(total, 'nl')} professionals zijn niet af te zetten tegen het aantal bewoners",
            f"afspraak.bewoners {state[1]}, so {count(total, 'en')} professionals cannot be set against the number of residents",
            ("afspraak", "bewoners"),
            *keys,
            fix=Text("Vul in [afspraak] bewoners in: het aantal bewoners van het gebied.", "Fill in bewoners in [afspraak]: the number of residents of the area."),
        )
    elif bewoners and total > params.min_toegestaan and total * 1000 / bewoners > params.max_per_1000_bewoners:
        ratio = total * 1000 / bewoners
        shown = {lang: number(ratio, lang, unlike=params.max_per_1000_bewoners) for lang in ("nl", "en")}
        limit = {lang: number(params.max_per_1000_bewoners, lang) for lang in ("nl", "en")}
        allowed = max(params.min_toegestaan, int(params.max_per_1000_bewoners * bewoners / 1000))
        yield violation(
            f"{count(total, 'nl')} professionals op {count(bewoners, 'nl')} bewoners is {shown['nl']} per 1.000 bewoners; het maximum is {limit['nl']}",
            f"{count(total, 'en')} professionals for {count(bewoners, 'en')} residents is {shown['en']} per 1,000 residents; the maximum is {limit['en']}",
            *keys,
            ("afspraak", "bewoners"),
            fix=Text(
                f"Breng de inzet terug tot hoogstens {count(allowed, 'nl')} professionals, {count(total - allowed, 'nl')} minder dan nu.",
                f"Bring the deployment down to at most {count(allowed, 'en')} professionals, {count(total - allowed, 'en')} fewer than now.",
            ),
        )
    if len(inzet) > params.max_organisaties:
        orgs = [naam for _, naam, _ in inzet]
        yield violation(
            f"{len(inzet)} organisaties zetten professionals in ({names(orgs, 'nl')}); het maximum is {params.max_organisaties}",
            f"{len(inzet)} organisations deploy professionals ({names(orgs, 'en')}); the maximum is {params.max_organisaties}",
            *[at for at, _, _ in inzet],
            fix=Text(
                f"Bundel de inzet in hoogstens {params.max_organisaties} organisaties ({len(inzet) - params.max_organisaties} minder).",
                f"Pool the work in at most {params.max_organisaties} organisations ({len(inzet) - params.max_organisaties} fewer).",
            ),
        )


RULES: list[Rule] = [gelijke_stem, een_aanspreekpunt, niet_te_veel_professionals]


@hookimpl
def register_rules() -> list[Rule]:
    return RULES


@hookimpl
def register_rulesets() -> list[Path]:
    return [ruleset("basis")]
