"""Rule set ``basis``: equal voice, one point of contact, not too many professionals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import Field

from afspraken import hookimpl
from afspraken.builtin import BRON, count, names, number, ruleset
from afspraken.model import Agreement
from afspraken.rules import Params, Rule, Text, Violation, rule, undecided, violation


class GelijkeStemParams(Params):
    per: Literal["partij", "soort"] = Field(
        "partij",
        description="Vergelijk stemmen per partij of per soort partij.",
        json_schema_extra={"en": "Compare votes per party, or per kind of party."},
    )


@rule(
    source=BRON,
    id="gelijke-stem",
    severity="fout",
    params=GelijkeStemParams,
    title=Text("Gelijke stem in het orgaan dat besluit", "Equal voice in the body that decides"),
    summary=Text(
        "In elk besluitvormend orgaan heeft elke vertegenwoordigde partij evenveel stemmen (opgeteld over haar leden), "
        "en elke ondertekenende bewonerspartij heeft er zitting in.",
        "In every deciding body, each party represented holds the same number of votes (summed over its members), "
        "and every signing residents' party sits in it.",
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
""",
)
def gelijke_stem(doc: Agreement, params: GelijkeStemParams) -> Iterator[Violation]:
    bewoners = [(k, p) for k, p in enumerate(doc.partij) if p.ondertekent and p.soort == "bewoners"]
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
        totals: dict[str, int] = defaultdict(int)
        members: dict[str, list[int]] = defaultdict(list)
        for j, lid in enumerate(orgaan.lid):
            partij = doc.partij_by_id(lid.partij)
            key = partij.soort if (params.per == "soort" and partij) else lid.partij
            totals[key] += lid.stemmen
            members[key].append(j)
        if len(set(totals.values())) > 1:
            label = {} if params.per == "soort" else {p.id: p.naam for p in doc.partij}
            votes = [f"{label.get(k, k)} {v}" for k, v in totals.items()]
            # The odd ones out: parties whose total differs from the most common one
            # (on a tie, the larger total is the odd one: 2 against 1 points at the 2).
            common = max(set(totals.values()), key=lambda v: (list(totals.values()).count(v), -v))
            at = [("orgaan", i, "lid", j, "stemmen") for k, v in totals.items() if v != common for j in members[k]]
            yield violation(
                f"in '{orgaan.naam}' hebben de partijen geen gelijke stem; stemmen: {names(votes, 'nl')}",
                f"in '{orgaan.naam}' the parties do not have an equal voice; votes: {names(votes, 'en')}",
                *at,  # the votes at fault first: a change to that line shows the finding
                ("orgaan", i),
            )
        seated = {lid.partij for lid in orgaan.lid}
        for k, partij in bewoners:
            if partij.id not in seated:
                yield violation(
                    f"bewonerspartij '{partij.naam}' ondertekent, maar heeft geen zitting in het besluitvormende orgaan '{orgaan.naam}'",
                    f"residents' party '{partij.naam}' signs, but has no seat in the deciding body '{orgaan.naam}'",
                    ("orgaan", i),
                    ("partij", k),
                )


@rule(
    source=BRON,
    id="een-aanspreekpunt",
    severity="fout",
    title=Text("Eén aanspreekpunt voor bewoners", "One point of contact for residents"),
    summary=Text(
        "Er is precies één aanspreekpunt; het noemt een bestaand orgaan of een bestaande partij en zegt hoe het "
        "bereikbaar is. Is het een orgaan, dan heeft dat het mandaat van elke ondertekenende gemeente en corporatie.",
        "There is exactly one point of contact; it names an existing body or party and says how to reach it. When it "
        "is a body, that body holds the mandate of every signing municipality and housing corporation.",
    ),
    rationale=Text(
        "Bewoners moeten weten bij wie ze terechtkunnen. Een aanspreekpunt zonder mandaat stuurt hen alsnog van loket naar loket.",
        "Residents must know where to go. A point of contact without a mandate still sends them from desk to desk.",
    ),
    quote="Zorg zo veel mogelijk voor één aanspreekpunt. [...] Omdat de Buurtonderneming over de mandaten beschikt "
    "van gemeente én corporatie, is het een goed en duidelijk aanspreekpunt voor bewoners.",
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
            "er is geen [aanspreekpunt] voor bewoners", "there is no [aanspreekpunt] for residents", ("aanspreekpunt",)
        )
        return
    if len(doc.aanspreekpunt) > 1:
        found = [a.naam for a in doc.aanspreekpunt]
        yield violation(
            f"er zijn {len(found)} aanspreekpunten ({names(found, 'nl')}); bewoners hebben er één nodig",
            f"there are {len(found)} points of contact ({names(found, 'en')}); residents need one",
            *[("aanspreekpunt", i) for i in range(1, len(found))],
        )
    for i, punt in enumerate(doc.aanspreekpunt):
        at = ("aanspreekpunt", i)
        if punt.orgaan is None and punt.partij is None:
            yield violation(
                f"aanspreekpunt '{punt.naam}' noemt geen orgaan of partij",
                f"point of contact '{punt.naam}' names no body or party",
                at,
            )
        if not (punt.bereikbaar or "").strip():
            yield violation(
                f"aanspreekpunt '{punt.naam}' zegt niet hoe het bereikbaar is (bereikbaar)",
                f"point of contact '{punt.naam}' does not say how to reach it (bereikbaar)",
                (*at, "bereikbaar"),
            )
        orgaan = doc.orgaan_by_id(punt.orgaan) if punt.orgaan else None
        if orgaan is None:
            continue
        k = next(k for k, o in enumerate(doc.orgaan) if o is orgaan)
        mandaat = set(orgaan.mandaat)
        missing = [p for p in doc.ondertekenaars() if p.soort in ("gemeente", "corporatie") and p.id not in mandaat]
        if missing:
            who = [p.naam for p in missing]
            yield violation(
                f"aanspreekpunt '{orgaan.naam}' heeft geen mandaat van {names(who, 'nl')}",
                f"point of contact '{orgaan.naam}' holds no mandate from {names(who, 'en')}",
                ("orgaan", k, "mandaat"),
                (*at, "orgaan"),
            )


class ProfessionalsParams(Params):
    max_per_1000_bewoners: float = Field(
        3.0,
        ge=0,
        description="Maximaal aantal professionals per 1.000 bewoners.",
        json_schema_extra={"en": "Most professionals per 1,000 residents."},
    )
    max_organisaties: int = Field(
        5,
        ge=0,
        description="Maximaal aantal organisaties met professionals in het gebied.",
        json_schema_extra={"en": "Most organisations with professionals in the area."},
    )


@rule(
    source=BRON,
    id="niet-te-veel-professionals",
    severity="fout",
    params=ProfessionalsParams,
    title=Text("Niet te veel professionals in de wijk", "Not too many professionals in the neighbourhood"),
    summary=Text(
        "Het totaal van partij.professionals per 1.000 bewoners (afspraak.bewoners) is ten hoogste het maximum, en "
        "het aantal organisaties met professionals in het gebied ook.",
        "The total of partij.professionals per 1,000 residents (afspraak.bewoners) is at most the maximum, and so is "
        "the number of organisations with professionals in the area.",
    ),
    rationale=Text(
        "Met te veel professionals wordt samenwerken lastiger en zien bewoners door de bomen het bos niet meer.",
        "With too many professionals, working together gets harder and residents can no longer see the wood for the trees.",
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
    inzet = [(i, p) for i, p in enumerate(doc.partij) if p.professionals > 0]
    total = sum(p.professionals for _, p in inzet)
    keys = [("partij", i, "professionals") for i, _ in sorted(inzet, key=lambda x: -x[1].professionals)]
    bewoners = doc.afspraak.bewoners
    if total and bewoners is None:
        yield undecided(
            f"afspraak.bewoners ontbreekt, dus {total} professionals zijn niet af te zetten tegen het aantal bewoners",
            f"afspraak.bewoners is missing, so {total} professionals cannot be set against the number of residents",
            ("afspraak", "bewoners"),
            *keys,
        )
    elif total and bewoners is not None and (bewoners == 0 or total * 1000 / bewoners > params.max_per_1000_bewoners):
        ratio = total * 1000 / bewoners if bewoners else float("inf")
        shown = {
            lang: ("∞" if bewoners == 0 else number(ratio, lang, unlike=params.max_per_1000_bewoners))
            for lang in ("nl", "en")
        }
        limit = {lang: number(params.max_per_1000_bewoners, lang) for lang in ("nl", "en")}
        yield violation(
            f"{count(total, 'nl')} professionals op {count(bewoners, 'nl')} bewoners is {shown['nl']} per 1.000 bewoners; het maximum is {limit['nl']}",
            f"{count(total, 'en')} professionals for {count(bewoners, 'en')} residents is {shown['en']} per 1,000 residents; the maximum is {limit['en']}",
            *keys,
            ("afspraak", "bewoners"),
        )
    if len(inzet) > params.max_organisaties:
        orgs = [p.naam for _, p in inzet]
        yield violation(
            f"{len(inzet)} organisaties zetten professionals in ({names(orgs, 'nl')}); het maximum is {params.max_organisaties}",
            f"{len(inzet)} organisations deploy professionals ({names(orgs, 'en')}); the maximum is {params.max_organisaties}",
            *[("partij", i, "professionals") for i, _ in inzet[params.max_organisaties :]],
        )


RULES: list[Rule] = [gelijke_stem, een_aanspreekpunt, niet_te_veel_professionals]


@hookimpl
def register_rules() -> list[Rule]:
    return RULES


@hookimpl
def register_rulesets() -> list[Path]:
    return [ruleset("basis")]
