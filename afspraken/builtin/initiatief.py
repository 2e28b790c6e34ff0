"""Rules of rule set ``wijkaanpak`` from In 't Veld's conditions: zere-plekken,
ruimte-voor-initiatief, geen-overdreven-controle."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from afspraken.builtin import IN_T_VELD, count
from afspraken.model import Agreement
from afspraken.rules import Params, Rule, Text, Violation, rule, violation

# --------------------------------------------------------------------------- zere-plekken


@rule(
    source=IN_T_VELD,
    id="zere-plekken",
    severity="advies",
    title=Text("De vinger op de zere plekken", "A finger on the sore spots"),
    summary=Text(
        "communicatie.voortgang_per_partij = true: de voortgang wordt per partij gemeld, wat elke partij wel en niet "
        "deed. Ontbreekt de sleutel of [communicatie], dan is het niet afgesproken: een bevinding.",
        "communicatie.voortgang_per_partij = true: progress is reported per party, what each did and did not do. "
        "When the key or [communicatie] is missing, it has not been agreed: a finding.",
    ),
    rationale=Text(
        "Mensen blijven gemotiveerd als successen benoemd worden, en als ook zichtbaar is welke partij iets liet liggen.",
        "People stay motivated when successes are named, and when it also shows which party left something undone.",
    ),
    quote="Er zijn stimulansen nodig om mensen gemotiveerd te houden, dit bereik je onder meer door successen te "
    "benoemen en je vinger op de zere plekken te leggen: name fame en name and blame.",
    fix=Text(
        "Zet in [communicatie] voortgang_per_partij = true en meld per partij wat die wel en niet deed.",
        "Set voortgang_per_partij = true in [communicatie] and report per party what it did and did not do.",
    ),
    example_fail="""
[communicatie]
successen_vieren = true
kanalen = ["wijkkrant"]
voortgang_per_partij = false
""",
    example_pass="""
[communicatie]
successen_vieren = true
kanalen = ["wijkkrant"]
voortgang_per_partij = true
""",
)
def zere_plekken(doc: Agreement, params: Params) -> Iterator[Violation]:
    c = doc.communicatie
    if c is None:
        yield violation(
            "er is geen [communicatie]: niet afgesproken dat de voortgang per partij gemeld wordt",
            "there is no [communicatie]: it is not agreed that progress is reported per party",
            ("communicatie",),
            fix=Text("Schrijf een [communicatie] met voortgang_per_partij = true.", "Write a [communicatie] with voortgang_per_partij = true."),
        )
    elif c.voortgang_per_partij is not True:
        state = ("ontbreekt", "is missing") if c.voortgang_per_partij is None else ("= false", "= false")
        yield violation(
            f"voortgang_per_partij {state[0]}: niet afgesproken dat per partij gemeld wordt wat die wel en niet deed",
            f"voortgang_per_partij {state[1]}: it is not agreed to report per party what it did and did not do",
            ("communicatie", "voortgang_per_partij"),
        )


# --------------------------------------------------------------------------- ruimte-voor-initiatief


@rule(
    source=IN_T_VELD,
    id="ruimte-voor-initiatief",
    severity="advies",
    title=Text("Ruimte voor eigen initiatief", "Room for residents' own initiative"),
    summary=Text(
        "Bewoners krijgen ruimte om zelf te handelen: bewoners.budget_eigen_initiatief is groter dan 0, of "
        "bewoners.uitdaagrecht = true. Ontbreken beide, dan is het niet afgesproken: een bevinding.",
        "Residents get room to act on their own: bewoners.budget_eigen_initiatief is more than 0, or "
        "bewoners.uitdaagrecht = true. When both are missing, it has not been agreed: a finding.",
    ),
    rationale=Text(
        "Wie bewoners alleen laat meepraten, houdt alles in eigen hand. Een eigen budget of het recht om een taak "
        "over te nemen geeft bewoners de ruimte om het ongebruikelijke te doen.",
        "Letting residents only have a say keeps everything in one's own hands. A budget of their own, or the right "
        "to take over a task, gives residents room to do the unusual.",
    ),
    quote="Je moet je ongebruikelijk durven te gedragen.",
    fix=Text(
        "Geef bewoners in [bewoners] een budget_eigen_initiatief (euro per jaar) of uitdaagrecht = true.",
        "Give residents a budget_eigen_initiatief (euros a year) or uitdaagrecht = true in [bewoners].",
    ),
    example_fail="""
[bewoners]
budget_eigen_initiatief = 0
uitdaagrecht = false
""",
    example_pass="""
[bewoners]
budget_eigen_initiatief = 25000
uitdaagrecht = false
""",
)
def ruimte_voor_initiatief(doc: Agreement, params: Params) -> Iterator[Violation]:
    b = doc.bewoners
    if b is None:
        yield violation(
            "er is geen [bewoners]: geen budget voor eigen initiatieven en geen uitdaagrecht afgesproken",
            "there is no [bewoners]: no budget for residents' own initiatives and no right to challenge agreed",
            ("bewoners",),
        )
        return
    if (b.budget_eigen_initiatief or 0) > 0 or b.uitdaagrecht is True:
        return
    budget = (
        ("budget_eigen_initiatief ontbreekt", "budget_eigen_initiatief is missing")
        if b.budget_eigen_initiatief is None
        else (f"budget_eigen_initiatief is {count(b.budget_eigen_initiatief, 'nl')}", f"budget_eigen_initiatief is {count(b.budget_eigen_initiatief, 'en')}")
    )
    recht = ("uitdaagrecht ontbreekt", "uitdaagrecht is missing") if b.uitdaagrecht is None else ("uitdaagrecht = false", "uitdaagrecht = false")
    at = ("bewoners", "budget_eigen_initiatief") if b.budget_eigen_initiatief is not None else ("bewoners",)
    yield violation(
        f"bewoners krijgen geen ruimte om zelf te handelen: {budget[0]} en {recht[0]}",
        f"residents get no room to act on their own: {budget[1]} and {recht[1]}",
        at,
        *([("bewoners", "uitdaagrecht")] if b.uitdaagrecht is not None else []),
    )


# --------------------------------------------------------------------------- geen-overdreven-controle


class ControleParams(Params):
    max_per_jaar: int = Field(
        4,
        ge=0,
        description="Hoogstens zoveel voortgangsrapportages per jaar.",
        json_schema_extra={"en": "At most this many progress reports a year."},
    )


@rule(
    source=IN_T_VELD,
    id="geen-overdreven-controle",
    severity="advies",
    params=ControleParams,
    title=Text("Geen overdreven controle", "No excessive control"),
    summary=Text(
        "verantwoording.per_jaar is ten hoogste max_per_jaar. Zonder [verantwoording] of per_jaar slaagt de regel.",
        "verantwoording.per_jaar is at most max_per_jaar. Without [verantwoording] or per_jaar the rule passes.",
    ),
    rationale=Text(
        "Te veel controle belemmert creativiteit en laat mensen geen ruimte om te scheppen; resultaat in een wijk "
        "groeit langzaam.",
        "Too much control stifles creativity and leaves people no room to create; results in a neighbourhood grow slowly.",
    ),
    quote="Er is een neiging tot overdreven controle van projecten, wat hij illustreert door te zeggen dat het niet "
    "slim is om elke avond een plantje uit de grond te halen om te zien of de worteltjes gegroeid zijn.",
    fix=Text(
        "Vraag minder vaak om verantwoording (verantwoording.per_jaar).",
        "Ask for progress reports less often (verantwoording.per_jaar).",
    ),
    example_fail="""
[verantwoording]
per_jaar = 12
""",
    example_pass="""
[verantwoording]
per_jaar = 2
""",
)
def geen_overdreven_controle(doc: Agreement, params: ControleParams) -> Iterator[Violation]:
    v = doc.verantwoording
    if v is None or v.per_jaar is None or v.per_jaar <= params.max_per_jaar:
        return
    yield violation(
        f"de partijen moeten {v.per_jaar} keer per jaar verantwoording afleggen; het maximum is {params.max_per_jaar}",
        f"the parties must report {v.per_jaar} times a year; the maximum is {params.max_per_jaar}",
        ("verantwoording", "per_jaar"),
        fix=Text(
            f"Zet verantwoording.per_jaar op hoogstens {params.max_per_jaar}.",
            f"Set verantwoording.per_jaar to at most {params.max_per_jaar}.",
        ),
    )


RULES: list[Rule] = [zere_plekken, ruimte_voor_initiatief, geen_overdreven_controle]
