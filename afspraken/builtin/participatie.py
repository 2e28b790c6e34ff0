"""Rules of rule set ``wijkaanpak`` about resident participation: bewoners-aan-tafel, begin-tot-eind, eigenaarschap, bewoners-aan-zet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Optional

from pydantic import Field

from afspraken.builtin import IN_T_VELD, WERKGROEPEN, name_of, names
from afspraken.model import FASEN, TREDEN, Agreement, Fase, Partij, Trede
from afspraken.rules import Params, Rule, Text, Violation, rule, violation


def _bewoners_partijen(doc: Agreement) -> list[Partij]:
    return doc.ondertekenaars("bewoners")


def _norm(text: str) -> str:
    """Compare names and groups case- and whitespace-insensitively."""
    return " ".join(text.split()).casefold()


# --------------------------------------------------------------------------- bewoners-aan-tafel


@rule(
    source=WERKGROEPEN,
    id="bewoners-aan-tafel",
    severity="fout",
    title=Text("Bewoners aan tafel", "Residents at the table"),
    summary=Text(
        "Minstens één ondertekenende partij is van soort 'bewoners'. Een bewonerspartij met ondertekent = false "
        "telt niet mee.",
        "At least one signing party is of kind 'bewoners' (residents). A residents' party with ondertekent = false "
        "does not count.",
    ),
    rationale=Text(
        "Een afspraak over de wijk zonder bewoners als partij zet hen voor voldongen feiten.",
        "An agreement about the neighbourhood without residents as a party presents them with a fait accompli.",
    ),
    quote="Start bij wijkverbetering altijd met een gesprek met buurtbewoners. Plaats ze niet voor voldongen feiten "
    "en laat hun mening zwaar meewegen.",
    fix=Text(
        'Voeg een [[partij]] met soort = "bewoners" toe (bewonersraad, huurdersorganisatie) die de afspraak ondertekent.',
        "Add a [[partij]] with soort = \"bewoners\" (residents' council, tenants' organisation) that signs the agreement.",
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

[[partij]]
id = "bewonersraad"
naam = "Bewonersraad Voorbeeldwijk"
soort = "bewoners"
ondertekent = false

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

[[partij]]
id = "bewonersraad"
naam = "Bewonersraad Voorbeeldwijk"
soort = "bewoners"
ondertekent = true

[[partij]]
id = "welzijn"
naam = "Stichting Welzijn Voorbeeld"
soort = "instelling"
""",
)
def bewoners_aan_tafel(doc: Agreement, params: Params) -> Iterator[Violation]:
    if _bewoners_partijen(doc):
        return
    niet = [(k, p) for k, p in enumerate(doc.partij) if p.soort == "bewoners"]
    if niet:
        wie = [p.naam for _, p in niet]
        one = len(wie) == 1
        yield violation(
            f"{names(wie, 'nl')} {'is een bewonerspartij' if one else 'zijn bewonerspartijen'}, maar "
            f"{'ondertekent' if one else 'ondertekenen'} de afspraak niet; er zit dus geen bewonerspartij aan tafel",
            f"{names(wie, 'en')} " + ("is a residents' party" if one else "are residents' parties") + ", but "
            f"{'does' if one else 'do'} not sign the agreement; so no residents' party is at the table",
            *[("partij", k, "ondertekent") for k, _ in niet],
            fix=Text(f"Laat {names(wie, 'nl')} ondertekenen (ondertekent = true).", f"Have {names(wie, 'en')} sign (ondertekent = true)."),
        )
        return
    wie = [p.naam for p in doc.ondertekenaars()]
    yield violation(
        "geen enkele ondertekenende partij is van soort 'bewoners'"
        + (f"; de afspraak wordt getekend door {names(wie, 'nl')}" if wie else "; niemand ondertekent de afspraak"),
        "no signing party is of kind 'bewoners' (residents)"
        + (f"; the agreement is signed by {names(wie, 'en')}" if wie else "; nobody signs the agreement"),
        ("partij",),
    )


# --------------------------------------------------------------------------- begin-tot-eind


class FasenParams(Params):
    fasen: list[Fase] = Field(
        default_factory=lambda: list(FASEN),
        description="Fasen waarin bewoners betrokken moeten zijn (initiatief, ontwerp, besluit, uitvoering, evaluatie).",
        json_schema_extra={"en": "The phases residents must be involved in."},
    )
    min_trede: Trede = Field(
        "adviseren",
        description="Laagste trede van de participatieladder die als betrokken telt (waar [besluitvorming.niveau] die geeft).",
        json_schema_extra={"en": "Lowest rung of the participation ladder that counts as involved (where [besluitvorming.niveau] gives it)."},
    )


@rule(
    source=WERKGROEPEN,
    id="begin-tot-eind",
    severity="fout",
    params=FasenParams,
    title=Text("Bewoners betrokken van begin tot eind", "Residents involved from start to finish"),
    summary=Text(
        "besluitvorming.bewoners_betrokken noemt elke fase uit de parameter fasen (standaard alle vijf); de melding "
        "noemt de ontbrekende fasen. Geeft [besluitvorming.niveau] de trede van een fase, dan telt een fase onder "
        "min_trede als niet betrokken: geïnformeerd worden over een besluit is er niet aan meedoen. Ontbreekt "
        "[besluitvorming] of is de lijst leeg, dan ontbreken alle fasen.",
        "besluitvorming.bewoners_betrokken lists every phase in the parameter fasen (all five by default); the "
        "message names the missing phases. Where [besluitvorming.niveau] gives a phase's rung, a phase below "
        "min_trede counts as not involved: being informed of a decision is not taking part in it. When "
        "[besluitvorming] is missing or the list is empty, every phase is missing.",
    ),
    rationale=Text(
        "Bewoners die pas bij de uitvoering aanschuiven, worden voor voldongen feiten geplaatst; wie alleen het "
        "initiatief mag nemen, ziet zijn plan zonder hem afgemaakt.",
        "Residents who join only at the execution stage are presented with a fait accompli; those who may only take "
        "the initiative see their plan finished without them.",
    ),
    quote="Betrek bewoners van begin tot eind bij besluitvorming.",
    fix=Text(
        "Zet alle fasen in [besluitvorming] bewoners_betrokken, en beschrijf hoe bewoners in elke fase meedoen.",
        "List every phase in [besluitvorming] bewoners_betrokken, and describe how residents take part in each.",
    ),
    example_fail="""
[besluitvorming]
bewoners_betrokken = ["initiatief", "uitvoering"]
""",
    example_pass="""
[besluitvorming]
bewoners_betrokken = ["initiatief", "ontwerp", "besluit", "uitvoering", "evaluatie"]
""",
)
def begin_tot_eind(doc: Agreement, params: FasenParams) -> Iterator[Violation]:
    bv = doc.besluitvorming
    betrokken = list(bv.bewoners_betrokken) if bv else []
    niveau = bv.niveau if bv else None
    fasen = list(dict.fromkeys(params.fasen))
    # "geen voldongen feiten": a phase below min_trede is not taking part.
    low = [f for f in fasen if f in betrokken and niveau and _below(niveau.trede(f), params.min_trede)]
    missing = [f for f in fasen if f not in betrokken]
    fix = (
        Text(
            f"Zet {names(missing, 'nl')} in bewoners_betrokken en beschrijf hoe bewoners daarin meedoen.",
            f"Add {names(missing, 'en')} to bewoners_betrokken and describe how residents take part in them.",
        )
        if missing
        else None
    )
    if missing and bv is None:
        yield violation(
            f"er is geen [besluitvorming], dus bewoners zijn in geen enkele fase betrokken; nodig: {names(missing, 'nl')}",
            f"there is no [besluitvorming], so residents are involved in no phase; required: {names(missing, 'en')}",
            ("besluitvorming",),
            fix=fix,
        )
    elif missing and not betrokken:
        yield violation(
            f"bewoners zijn in geen enkele fase betrokken (bewoners_betrokken is leeg); nodig: {names(missing, 'nl')}",
            f"residents are involved in no phase (bewoners_betrokken is empty); required: {names(missing, 'en')}",
            ("besluitvorming", "bewoners_betrokken"),
            fix=fix,
        )
    elif missing:
        wel = [f for f in FASEN if f in betrokken]
        yield violation(
            f"bewoners zijn niet betrokken bij {'de fase' if len(missing) == 1 else 'de fasen'} {names(missing, 'nl')} "
            f"(wel bij {names(wel, 'nl')})",
            f"residents are not involved in the {'phase' if len(missing) == 1 else 'phases'} {names(missing, 'en')} "
            f"(they are in {names(wel, 'en')})",
            ("besluitvorming", "bewoners_betrokken"),
            fix=fix,
        )
    if low and niveau is not None:
        shown = [f"{f} ({niveau.trede(f)})" for f in low]
        yield violation(
            f"bewoners staan in {'de fase' if len(low) == 1 else 'de fasen'} {names(shown, 'nl')} onder de trede "
            f"'{params.min_trede}': geïnformeerd of geraadpleegd worden is geen meedoen",
            f"residents are below the rung '{params.min_trede}' in the {'phase' if len(low) == 1 else 'phases'} "
            f"{names(shown, 'en')}: being informed or consulted is not taking part",
            *[("besluitvorming", "niveau", f) for f in low],
            fix=Text(
                f"Laat bewoners in {names(low, 'nl')} minstens '{params.min_trede}' (zet dat in [besluitvorming.niveau]).",
                f"Let residents reach at least '{params.min_trede}' in {names(low, 'en')} (set it in [besluitvorming.niveau]).",
            ),
        )


def _below(trede: Optional[Trede], minimum: Trede) -> bool:
    return trede is not None and TREDEN.index(trede) < TREDEN.index(minimum)


# --------------------------------------------------------------------------- eigenaarschap


@rule(
    source=WERKGROEPEN,
    id="eigenaarschap",
    severity="waarschuwing",
    title=Text("Bewoners blijven eigenaar", "Residents remain owners"),
    summary=Text(
        "besluitvorming.eigenaarschap_bewoners = true. Ontbreekt [besluitvorming] of de sleutel, dan is het niet "
        "afgesproken en volgt een bevinding.",
        "besluitvorming.eigenaarschap_bewoners = true. When [besluitvorming] or the key is missing, it has not been "
        "agreed, which is a finding.",
    ),
    rationale=Text(
        "Wie een oplossing aandraagt en die na het besluit uit handen moet geven, draagt geen tweede keer iets aan.",
        "Residents who propose a solution and must hand it over after the decision will not propose a second one.",
    ),
    quote="Zorg dat ze ook ná de besluitvorming eigenaar blijven van de oplossingen die ze aandragen.",
    fix=Text(
        "Zet eigenaarschap_bewoners = true in [besluitvorming] en leg vast hoe bewoners eigenaar blijven.",
        "Set eigenaarschap_bewoners = true in [besluitvorming] and record how residents stay owners.",
    ),
    example_fail="""
[besluitvorming]
eigenaarschap_bewoners = false
""",
    example_pass="""
[besluitvorming]
eigenaarschap_bewoners = true
""",
)
def eigenaarschap(doc: Agreement, params: Params) -> Iterator[Violation]:
    bv = doc.besluitvorming
    if bv is not None and bv.eigenaarschap_bewoners is True:
        return
    wie = [p.naam for p in _bewoners_partijen(doc)]
    nl_wie = f" ({names(wie, 'nl')})" if wie else ""
    en_wie = f" ({names(wie, 'en')})" if wie else ""
    if bv is None:
        yield violation(
            f"er is geen [besluitvorming], dus niet afgesproken dat bewoners{nl_wie} na het besluit eigenaar blijven van hun oplossingen",
            f"there is no [besluitvorming], so it is not agreed that residents{en_wie} remain owners of their solutions after the decision",
            ("besluitvorming",),
        )
    elif bv.eigenaarschap_bewoners is None:
        yield violation(
            f"eigenaarschap_bewoners ontbreekt: niet afgesproken dat bewoners{nl_wie} na het besluit eigenaar blijven van hun oplossingen",
            f"eigenaarschap_bewoners is missing: it is not agreed that residents{en_wie} remain owners of their solutions after the decision",
            ("besluitvorming", "eigenaarschap_bewoners"),
        )
    else:
        yield violation(
            f"eigenaarschap_bewoners = false: bewoners{nl_wie} blijven na het besluit geen eigenaar van hun oplossingen",
            f"eigenaarschap_bewoners = false: residents{en_wie} do not remain owners of their solutions after the decision",
            ("besluitvorming", "eigenaarschap_bewoners"),
        )


# --------------------------------------------------------------------------- bewoners-aan-zet


@rule(
    source=IN_T_VELD,
    id="bewoners-aan-zet",
    severity="advies",
    title=Text("Bewoners aan zet", "Residents take the lead"),
    summary=Text(
        "Minstens één [[actie]] heeft als wie een partij van soort 'bewoners', of een orgaan waarvan alle leden met "
        "stemmen namens bewoners zitten. Staan er geen acties in de afspraak, dan is dat ook een bevinding.",
        "At least one [[actie]] has as wie (owner) a party of kind 'bewoners', or a body whose voting members all sit "
        "for residents. An agreement without any actions is a finding too.",
    ),
    rationale=Text(
        "Wie uitgaat van talent, geeft bewoners zelf acties in handen in plaats van alles door professionals te laten doen.",
        "Starting from talent means putting actions in residents' own hands instead of having professionals do everything.",
    ),
    quote="Ik vind dat bewoners niet alleen méé moeten doen, ze moeten ook doen.",
    fix=Text(
        "Maak een bewonerspartij eigenaar (wie) van minstens één actie.",
        "Make a residents' party the owner (wie) of at least one action.",
    ),
    example_fail="""
[[actie]]
wat = "Jaarlijkse schoonmaakdag"
wie = "gemeente"
wanneer = 2024-06-15
""",
    example_pass="""
[[actie]]
wat = "Jaarlijkse schoonmaakdag"
wie = "bewonersraad"
wanneer = 2024-06-15
""",
)
def bewoners_aan_zet(doc: Agreement, params: Params) -> Iterator[Violation]:
    if not doc.actie:
        yield violation(
            "er staan geen acties ([[actie]]) in de afspraak, dus ook geen actie die bewoners zelf trekken",
            "the agreement has no actions ([[actie]]), so no action led by residents either",
            ("actie",),
        )
        return
    bewoners = doc.bewonerseigenaren()
    if any(a.wie in bewoners for a in doc.actie):
        return
    eigenaren = list(dict.fromkeys(name_of(doc, a.wie) for a in doc.actie if a.wie))
    n = len(doc.actie)
    een = len(eigenaren) == 1
    owners = (
        (f"; eigenaar {'is' if een else 'zijn'} {names(eigenaren, 'nl')}", f"; the owner{' is' if een else 's are'} {names(eigenaren, 'en')}")
        if eigenaren
        else ("", "")
    )
    yield violation(
        ("de enige actie ligt niet bij bewoners" if n == 1 else f"geen van de {n} acties ligt bij bewoners") + owners[0],
        ("the only action is not owned by residents" if n == 1 else f"none of the {n} actions is owned by residents") + owners[1],
        ("actie",),
        *[("actie", i, "wie") for i in range(n)],
        fix=_aan_zet_fix(doc),
    )


def _aan_zet_fix(doc: Agreement) -> Text:
    party = next((p for p in doc.partij if p.soort == "bewoners"), None)
    if party is None:
        return Text(
            "Neem een bewonerspartij op en maak die eigenaar (wie) van minstens één actie.",
            "Add a residents' party and make it the owner (wie) of at least one action.",
        )
    return Text(
        f'Maak {party.naam} eigenaar van minstens één actie (wie = "{party.id}").',
        f'Make {party.naam} the owner of at least one action (wie = "{party.id}").',
    )


RULES: list[Rule] = [bewoners_aan_tafel, begin_tot_eind, eigenaarschap, bewoners_aan_zet]
