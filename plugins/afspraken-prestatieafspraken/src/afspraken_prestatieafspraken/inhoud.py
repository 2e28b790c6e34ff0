"""Rules on the content of the agreements: the themes they cover and the actions (prestaties) they promise."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Union

from pydantic import Field

from afspraken import Agreement, Params, Text, Violation, rule, undecided, violation
from afspraken_prestatieafspraken._hulp import EXT, bedoelde_u, ontbreekt, opsomming, sectie, sleutel, tabel, waarde
from afspraken_prestatieafspraken.bronnen import GEEN_WETTEKST, citaat
from afspraken_prestatieafspraken.model import NAME, THEMA_NAMEN, THEMAS, Thema


class ThemasParams(Params):
    verplicht: list[Thema] = Field(
        list(THEMAS),
        description="Thema's die de afspraken moeten dekken (uit: " + ", ".join(THEMAS) + ").",
        json_schema_extra={"en": "Themes the agreements must cover (from: " + ", ".join(THEMAS) + ")."},
    )


@rule(
    id=f"{NAME}/themas",
    severity="waarschuwing",
    params=ThemasParams,
    source="Besluit toegelaten instellingen volkshuisvesting 2015, art. 39 lid 2 (de rijksprioriteiten); de vijf "
    "thema's zelf zijn geen wettelijke lijst maar de gangbare indeling van die prioriteiten en van het gemeentelijke "
    "volkshuisvestingsbeleid",
    title=Text("De volkshuisvestelijke thema's gedekt", "The housing themes covered"),
    summary=Text(
        "themas bevat elk verplicht thema: betaalbaarheid, beschikbaarheid, kwaliteit-en-duurzaamheid, leefbaarheid "
        "en specifieke-groepen (instelbaar).",
        "themas contains every required theme: betaalbaarheid (affordability), beschikbaarheid (availability), "
        "kwaliteit-en-duurzaamheid (quality and sustainability), leefbaarheid (liveability) and specifieke-groepen "
        "(housing for specific groups); configurable.",
    ),
    rationale=Text(
        "De vijf thema's staan niet in de wet. Ze komen uit de volkshuisvestelijke prioriteiten (rijksprioriteiten) "
        "die de minister ten minste eens per vier jaar vaststelt en die de corporatie bij haar bod betrekt (Besluit "
        "toegelaten instellingen volkshuisvesting 2015, art. 39 lid 2), en uit het volkshuisvestingsbeleid (de "
        "woonvisie) van de gemeente, waaraan de corporatie naar redelijkheid bijdraagt (Woningwet art. 42 lid 1) en "
        "waarover de afspraken gaan (art. 44 lid 2). De gangbare indeling loopt van betaalbaarheid en beschikbaarheid tot "
        "kwaliteit en duurzaamheid, leefbaarheid en de huisvesting van specifieke groepen (urgenten, ouderen, mensen "
        "met een zorgvraag, statushouders). Een thema dat niet in de afspraken staat, krijgt geen prestatie en geen "
        "verantwoording. De prioriteiten veranderen per kabinet en per gemeente: de lijst is daarom een parameter.",
        "The five themes are not in the Act. They come from the national housing priorities the minister sets at "
        "least every four years and the corporation takes into account in its bid (Besluit toegelaten instellingen "
        "volkshuisvesting 2015, art. 39(2)), and from the municipality's housing policy (its woonvisie), to which the "
        "corporation contributes reasonably (Housing Act art. 42(1)) and which the agreements are about (art. 44(2)). The usual division runs from affordability and availability to quality and sustainability, "
        "liveability and housing for specific groups (urgent cases, the elderly, people in need of care, refugees "
        "with a permit). A theme left out of the agreements gets no performance and no accountability. The "
        "priorities change with each government and each municipality, so the list is a parameter.",
    ),
    quote=citaat(
        "Btiv", "39", 2,
        "De toegelaten instelling betrekt bij het vaststellen van het overzicht, bedoeld in artikel 43, eerste lid, van "
        "de wet, de door Onze Minister vast te stellen rijksprioriteiten met betrekking tot het terrein van de "
        "volkshuisvesting.",
    ),
    fix=Text(
        "Maak afspraken over elk ontbrekend thema en zet het in themas; laat een thema bewust weg met een "
        "[[uitzondering]] (pas toe of leg uit).",
        "Make agreements on each missing theme and list it in themas; leave a theme out on purpose with an "
        "[[uitzondering]] (comply or explain).",
    ),
    example_fail="""
[extensies.prestatieafspraken]
themas = ["betaalbaarheid", "beschikbaarheid"]
""",
    example_pass="""
[extensies.prestatieafspraken]
themas = ["betaalbaarheid", "beschikbaarheid", "kwaliteit-en-duurzaamheid", "leefbaarheid", "specifieke-groepen"]
""",
)
def themas(doc: Agreement, params: ThemasParams) -> Iterator[Violation]:
    gedekt = waarde(doc, "themas")
    if gedekt is None:
        yield ontbreekt(
            doc, "niet bekend welke thema's de afspraken dekken", "it is not known which themes the agreements cover", "themas"
        )
        return
    missend = [t for t in params.verplicht if t not in gedekt]
    if missend:
        nl = opsomming([f"'{THEMA_NAMEN[t][0]}'" for t in missend], "nl")
        en = opsomming([f"'{THEMA_NAMEN[t][1]}'" for t in missend], "en")
        yield violation(
            f"{len(missend)} van de {len(params.verplicht)} thema's {'ontbreekt' if len(missend) == 1 else 'ontbreken'} "
            f"in de afspraken: {nl}",
            f"{len(missend)} of the {len(params.verplicht)} themes {'is' if len(missend) == 1 else 'are'} missing from "
            f"the agreements: {en}",
            (*EXT, "themas"),
        )


class SmartParams(Params):
    min_acties: int = Field(1, ge=0, description="Minimaal aantal acties (prestaties) in de afspraken.",
        json_schema_extra={"en": 'Minimum number of actions (prestaties) in the agreements.'})


SMART = ("indicator", "streefwaarde", "jaar", "eigenaar")


@rule(
    id=f"{NAME}/smart-acties",
    severity="waarschuwing",
    params=SmartParams,
    source="geen wettekst: de SMART-criteria, goede praktijk voor prestatieafspraken",
    title=Text("Elke actie is SMART", "Every action is SMART"),
    summary=Text(
        "Er zijn minstens min_acties acties; elke [[extensies.prestatieafspraken.actie]] heeft een indicator, een "
        "streefwaarde, een jaar en een eigenaar, en die eigenaar is een ondertekenende [[partij]].",
        "There are at least min_acties actions; every [[extensies.prestatieafspraken.actie]] has an indicator, a "
        "target, a year and an owner, and that owner is a signing [[partij]].",
    ),
    rationale=Text(
        "Prestatieafspraken zijn er om prestaties te leveren en daarover verantwoording af te leggen: jaarlijks aan "
        "elkaar, en bij de visitatie van de corporatie. Een actie zonder indicator, streefwaarde, jaar of eigenaar "
        "is niet te controleren en dus niet af te spreken. De eigenaar moet een partij zijn die tekent: alleen die "
        "kan erop worden aangesproken. SMART is goede praktijk, geen eis uit de wet: daarom een waarschuwing.",
        "Performance agreements exist to deliver results and to account for them: yearly to each other, and in the "
        "corporation's peer review (visitatie). An action without an indicator, target, year or owner cannot be "
        "checked, so it is not really agreed. The owner must be a signing party: only a party can be held to it. SMART is "
        "good practice, not a requirement of the law: hence a warning.",
    ),
    quote=GEEN_WETTEKST + "SMART: Specifiek, Meetbaar, Acceptabel, Realistisch, Tijdgebonden.",
    fix=Text(
        "Geef elke actie een indicator, een streefwaarde, een jaar en als eigenaar het id van een ondertekenende partij.",
        "Give every action an indicator, a target, a year and, as owner, the id of a signing party.",
    ),
    example_fail="""
[[extensies.prestatieafspraken.actie]]
wat = "Meer sociale huurwoningen"
eigenaar = "woonstichting"
""",
    example_pass="""
[[extensies.prestatieafspraken.actie]]
wat = "Meer sociale huurwoningen"
indicator = "aantal opgeleverde sociale huurwoningen"
streefwaarde = 120
jaar = 2026
eigenaar = "woonstichting"
""",
)
def smart_acties(doc: Agreement, params: SmartParams) -> Iterator[Violation]:
    ext = sectie(doc)
    if ext is None:
        if params.min_acties > 0:
            yield undecided(
                f"er zijn geen acties; schrijf ze als [[{sleutel('actie')}]] (het bestand heeft nog geen {tabel()})",
                f"there are no actions; write them as [[{sleutel('actie')}]] (the file has no {tabel()} yet)",
                (*EXT, "actie"),
            )
        return
    if len(ext.actie) < params.min_acties:
        yield violation(
            f"de afspraken bevatten {len(ext.actie)} {'actie' if len(ext.actie) == 1 else 'acties'}; "
            f"minimaal {params.min_acties} (schrijf ze als [[{sleutel('actie')}]])",
            f"the agreements hold {len(ext.actie)} action{'' if len(ext.actie) == 1 else 's'}; at least "
            f"{params.min_acties} are needed (write them as [[{sleutel('actie')}]])",
            (*EXT, "actie"),
        )
    partijen = {p.id: p for p in doc.partij}
    for i, actie in enumerate(ext.actie):
        at: tuple[Union[str, int], ...] = (*EXT, "actie", i)
        missend = [k for k in SMART if _leeg(getattr(actie, k))]
        if missend:
            yield violation(
                f"actie '{actie.wat}' is niet SMART: {opsomming(missend, 'nl')} "
                f"{'ontbreekt' if len(missend) == 1 else 'ontbreken'}",
                f"action '{actie.wat}' is not SMART: {opsomming(missend, 'en')} {'is' if len(missend) == 1 else 'are'} missing",
                (*at, missend[0]),
            )
        if actie.eigenaar is None:
            continue
        partij = partijen.get(actie.eigenaar)
        if partij is None:
            hint_nl, hint_en = bedoelde_u(actie.eigenaar, partijen)
            orgaan = doc.orgaan_by_id(actie.eigenaar)
            wat_nl = f"een orgaan ('{orgaan.naam}'), geen partij" if orgaan else "geen partij"
            wat_en = f"a body ('{orgaan.naam}'), not a party" if orgaan else "not a party"
            yield violation(
                f"eigenaar '{actie.eigenaar}' van actie '{actie.wat}' is {wat_nl} (partijen: {', '.join(partijen)}){hint_nl}",
                f"owner '{actie.eigenaar}' of action '{actie.wat}' is {wat_en} (parties: {', '.join(partijen)}){hint_en}",
                (*at, "eigenaar"),
            )
        elif not partij.ondertekent:
            k = doc.index_of(partij)
            yield violation(
                f"eigenaar '{partij.naam}' van actie '{actie.wat}' ondertekent de afspraken niet en kan er dus niet op "
                "worden aangesproken",
                f"owner '{partij.naam}' of action '{actie.wat}' does not sign the agreements, so it cannot be held to it",
                (*at, "eigenaar"),
                ("partij", k, "ondertekent"),
            )


def _leeg(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


RULES = [themas, smart_acties]
