"""Rule of rule set ``wijkaanpak`` about the participation ladder: participatieniveau."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from afspraken.builtin import SLEEKING, names
from afspraken.model import FASEN, TREDEN, Agreement, Fase, Trede
from afspraken.rules import Params, Rule, Text, Violation, rule, undecided, violation


class NiveauParams(Params):
    fasen: list[Fase] = Field(
        default_factory=lambda: list(FASEN),
        description="Fasen waarvoor [besluitvorming.niveau] een trede moet geven.",
        json_schema_extra={"en": "Phases for which [besluitvorming.niveau] must give a rung."},
    )
    min_trede_besluit: Trede = Field(
        "coproduceren",
        description="Laagste trede die bewoners in de fase besluit bereiken.",
        json_schema_extra={"en": "Lowest rung residents reach in the besluit (decision) phase."},
    )


@rule(
    source=SLEEKING,
    id="participatieniveau",
    severity="waarschuwing",
    params=NiveauParams,
    title=Text("De trede op de participatieladder per fase", "The rung on the participation ladder per phase"),
    summary=Text(
        "[besluitvorming.niveau] noemt een trede (informeren < raadplegen < adviseren < coproduceren < meebeslissen) "
        "voor elke fase uit fasen, en in de fase besluit bereiken bewoners minstens min_trede_besluit. Zonder niveau: "
        "'kan niet beoordelen'.",
        "[besluitvorming.niveau] names a rung (informeren < raadplegen < adviseren < coproduceren < meebeslissen) for "
        "every phase in fasen, and in the besluit (decision) phase residents reach at least min_trede_besluit. "
        "Without niveau: 'cannot decide'.",
    ),
    rationale=Text(
        "Betrokken zijn zegt nog niet hoe: wie alleen geïnformeerd wordt, doet niet mee. Pas de trede per fase laat "
        "zien of bewoners meebeslissen of alleen inspraak hebben.",
        "Being involved does not say how: residents who are only informed do not take part. Only the rung per phase "
        "shows whether residents decide along or merely have a say.",
    ),
    quote="Het is een model dat verder gaat dan inspraak, het gaat om samenspraak.",
    fix=Text(
        "Geef in [besluitvorming.niveau] per fase de trede, en laat bewoners bij het besluit minstens coproduceren.",
        "Give the rung per phase in [besluitvorming.niveau], and let residents at least co-produce the decision.",
    ),
    example_fail="""
[besluitvorming.niveau]
initiatief = "adviseren"
besluit = "raadplegen"
""",
    example_pass="""
[besluitvorming.niveau]
initiatief = "meebeslissen"
ontwerp = "coproduceren"
besluit = "meebeslissen"
uitvoering = "coproduceren"
evaluatie = "adviseren"
""",
)
def participatieniveau(doc: Agreement, params: NiveauParams) -> Iterator[Violation]:
    bv = doc.besluitvorming
    niveau = bv.niveau if bv else None
    fasen = list(dict.fromkeys(params.fasen))
    if niveau is None:
        yield undecided(
            "geef per fase de trede ([besluitvorming.niveau] ontbreekt), dan is te zien hoe ver bewoners meedoen",
            "give the rung per phase ([besluitvorming.niveau] is missing), to show how far residents take part",
            ("besluitvorming", "niveau") if bv else ("besluitvorming",),
            fix=Text(
                f"Schrijf een [besluitvorming.niveau] met een trede voor {names(fasen, 'nl')}.",
                f"Write a [besluitvorming.niveau] with a rung for {names(fasen, 'en')}.",
            ),
        )
        return
    missing = [f for f in fasen if niveau.trede(f) is None]
    if missing:
        yield violation(
            f"[besluitvorming.niveau] noemt geen trede voor {'de fase' if len(missing) == 1 else 'de fasen'} {names(missing, 'nl')}",
            f"[besluitvorming.niveau] gives no rung for the {'phase' if len(missing) == 1 else 'phases'} {names(missing, 'en')}",
            ("besluitvorming", "niveau"),
            fix=Text(
                f"Zet in [besluitvorming.niveau] een trede voor {names(missing, 'nl')} ({', '.join(TREDEN)}).",
                f"Set a rung for {names(missing, 'en')} in [besluitvorming.niveau] ({', '.join(TREDEN)}).",
            ),
        )
    besluit = niveau.trede("besluit")
    if besluit is not None and TREDEN.index(besluit) < TREDEN.index(params.min_trede_besluit):
        yield violation(
            f"bij het besluit staan bewoners op de trede '{besluit}'; afgesproken is minstens '{params.min_trede_besluit}'",
            f"at the decision residents are on the rung '{besluit}'; at least '{params.min_trede_besluit}' is required",
            ("besluitvorming", "niveau", "besluit"),
            fix=Text(
                f"Laat bewoners bij het besluit minstens {params.min_trede_besluit} (besluit = \"{params.min_trede_besluit}\").",
                f"Let residents reach at least {params.min_trede_besluit} at the decision (besluit = \"{params.min_trede_besluit}\").",
            ),
        )


RULES: list[Rule] = [participatieniveau]
