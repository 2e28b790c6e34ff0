"""Rule set ``basis``: equal voice, one point of contact, not too many professionals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import Field

from afspraken import hookimpl
from afspraken.builtin import WERKGROEPEN, count, names, number, ruleset
from afspraken.model import Agreement
from afspraken.builtin.stem import gelijke_stem
from afspraken.rules import Params, Rule, Text, Violation, rule, undecided, violation


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
bereikbaar = ""   # niet ingevuld
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
                ("partij", doc.index_of(partij), "ondertekent"),
                fix=Text(
                    f"Laat {partij.naam} ondertekenen, of maak een ondertekenende partij of een orgaan het aanspreekpunt.",
                    f"Have {partij.naam} sign, or make a signing party or a body the point of contact.",
                ),
            )
        orgaan = doc.orgaan_by_id(punt.orgaan) if punt.orgaan else None
        if orgaan is None:
            continue
        mandaat = set(orgaan.mandaat)  # a set: a long mandaat list stays linear
        missing = [p for p in doc.ondertekenaars() if p.soort in ("gemeente", "corporatie") and p.id not in mandaat]
        if missing:
            who = [p.naam for p in missing]
            ids = [p.id for p in missing]
            yield violation(
                f"aanspreekpunt '{orgaan.naam}' heeft geen mandaat van {names(who, 'nl')}",
                f"point of contact '{orgaan.naam}' holds no mandate from {names(who, 'en')}",
                ("orgaan", doc.index_of(orgaan), "mandaat"),
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
bewoners = 2000   # met 10 professionals in [[partij]]: 5 per 1.000 bewoners
""",
    example_pass="""
[afspraak]
bewoners = 4000   # met 10 professionals in [[partij]]: 2,5 per 1.000 bewoners
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
    bewoners = doc.afspraak.bewoners
    if total > params.min_toegestaan and not bewoners:
        state = ("ontbreekt", "is missing") if bewoners is None else ("is 0", "is 0")
        yield undecided(
            f"afspraak.bewoners {state[0]}, dus {count(total, 'nl')} professionals zijn niet af te zetten tegen het aantal bewoners",
            f"afspraak.bewoners {state[1]}, so {count(total, 'en')} professionals cannot be set against the number of residents",
            ("afspraak", "bewoners"),
            *_most_first(inzet),
            fix=Text("Vul in [afspraak] bewoners in: het aantal bewoners van het gebied.", "Fill in bewoners in [afspraak]: the number of residents of the area."),
        )
    elif bewoners and total > params.min_toegestaan and total * 1000 / bewoners > params.max_per_1000_bewoners:
        ratio = total * 1000 / bewoners
        shown = {lang: number(ratio, lang, unlike=params.max_per_1000_bewoners) for lang in ("nl", "en")}
        limit = {lang: number(params.max_per_1000_bewoners, lang) for lang in ("nl", "en")}
        allowed = max(params.min_toegestaan, int(params.max_per_1000_bewoners * bewoners / 1000))
        most = _most_first(inzet)
        yield violation(
            f"{count(total, 'nl')} professionals op {count(bewoners, 'nl')} bewoners is {shown['nl']} per 1.000 bewoners; het maximum is {limit['nl']}",
            f"{count(total, 'en')} professionals for {count(bewoners, 'en')} residents is {shown['en']} per 1,000 residents; the maximum is {limit['en']}",
            *most[:1],
            ("afspraak", "bewoners"),  # second: the places past MAX_PLACES are only counted
            *most[1:],
            fix=Text(
                f"Breng de inzet terug tot hoogstens {count(allowed, 'nl')} professionals, {count(total - allowed, 'nl')} minder dan nu.",
                f"Bring the deployment down to at most {count(allowed, 'en')} professionals, {count(total - allowed, 'en')} fewer than now.",
            ),
        )
    if len(inzet) > params.max_organisaties:
        orgs = [naam for _, naam, _ in inzet]
        yield violation(
            f"{count(len(inzet), 'nl')} organisaties zetten professionals in ({names(orgs, 'nl')}); het maximum is {params.max_organisaties}",
            f"{count(len(inzet), 'en')} organisations deploy professionals ({names(orgs, 'en')}); the maximum is {params.max_organisaties}",
            *[at for at, _, _ in inzet],
            fix=Text(
                f"Bundel de inzet in hoogstens {params.max_organisaties} organisaties ({count(len(inzet) - params.max_organisaties, 'nl')} minder).",
                f"Pool the work in at most {params.max_organisaties} organisations ({count(len(inzet) - params.max_organisaties, 'en')} fewer).",
            ),
        )


def _most_first(inzet: list[tuple[tuple[str | int, ...], str, int]]) -> list[tuple[str | int, ...]]:
    """The keys of the deployments, the largest first (for a message only: it sorts)."""
    return [at for at, _, _ in sorted(inzet, key=lambda x: -x[2])]


RULES: list[Rule] = [gelijke_stem, een_aanspreekpunt, niet_te_veel_professionals]


@hookimpl
def register_rules() -> list[Rule]:
    return RULES


@hookimpl
def register_rulesets() -> list[Path]:
    return [ruleset("basis")]
