"""Rules on the position of the tenants' organisation (Overlegwet): advice, consultation, experts, training, budget."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from afspraken import Agreement, Params, Text, Violation, rule, violation
from afspraken_prestatieafspraken._hulp import EXT, getal, ontbreekt, waarde
from afspraken_prestatieafspraken.model import NAME

OVERLEGWET = "Wet op het overleg huurders verhuurder (Overlegwet)"
ART7_LID1 = (
    "Onder deze kosten worden in ieder geval begrepen de kosten van het uitnodigen van deskundigen en het vragen van "
    "inlichtingen en adviezen als bedoeld in artikel 5d, en de kosten van scholings- en vormingsactiviteiten als "
    "bedoeld in artikel 5e."
)


class AdviestermijnParams(Params):
    min_weken: int = Field(6, ge=0, description="Minimale adviestermijn in weken (Overlegwet art. 5: ten minste zes).")


@rule(
    id=f"{NAME}/adviestermijn",
    severity="fout",
    params=AdviestermijnParams,
    source=f"{OVERLEGWET}, art. 5 lid 1",
    title=Text("Adviestermijn van minstens zes weken", "Advice term of at least six weeks"),
    summary=Text(
        "overleg.adviestermijn_weken is minstens min_weken (standaard 6).",
        "overleg.adviestermijn_weken is at least min_weken (6 by default).",
    ),
    rationale=Text(
        "Voordat de verhuurder een voorgenomen wijziging van beleid of beheer uitvoert (ook zijn inzet bij de "
        "prestatieafspraken), krijgt de huurdersorganisatie een periode van ten minste zes weken om erover te "
        "overleggen en schriftelijk te adviseren. Een kortere termijn in de afspraken maakt dat recht leeg.",
        "Before the landlord carries out a planned change of policy or management (including its contribution to the "
        "performance agreements), the tenants' organisation gets at least six weeks to discuss it and give written "
        "advice. A shorter term in the agreements empties that right.",
    ),
    quote="De verhuurder voert een voornemen tot wijziging in het door hem gevoerde beleid of beheer […] niet uit dan "
    "nadat hij binnen een door hem aan te geven periode van ten minste zes weken na het verstrekken van de informatie "
    "[…] de huurdersorganisatie […] in staat heeft gesteld met hem over de verstrekte informatie overleg te voeren en, "
    "indien de huurdersorganisatie […] dat wenst, daarover een schriftelijk advies uit te brengen.",
    fix=Text(
        "Zet de adviestermijn op minstens zes weken: overleg.adviestermijn_weken = 6.",
        "Set the advice term to at least six weeks: overleg.adviestermijn_weken = 6.",
    ),
    example_fail="""
[extensies.prestatieafspraken.overleg]
adviestermijn_weken = 3
""",
    example_pass="""
[extensies.prestatieafspraken.overleg]
adviestermijn_weken = 6
""",
)
def adviestermijn(doc: Agreement, params: AdviestermijnParams) -> Iterator[Violation]:
    weken = waarde(doc, "overleg", "adviestermijn_weken")
    if weken is None:
        yield ontbreekt(
            doc,
            "de adviestermijn van de huurdersorganisatie ontbreekt",
            "the advice term of the tenants' organisation is missing",
            "overleg",
            "adviestermijn_weken",
        )
    elif weken < params.min_weken:
        yield violation(
            f"de huurdersorganisatie krijgt {weken} {'week' if weken == 1 else 'weken'} voor haar advies; "
            f"minimaal {params.min_weken}",
            f"the tenants' organisation gets {weken} week{'' if weken == 1 else 's'} to advise; at least "
            f"{params.min_weken} are required",
            (*EXT, "overleg", "adviestermijn_weken"),
        )


class OverlegParams(Params):
    min_per_jaar: int = Field(1, ge=0, description="Minimaal aantal overleggen per jaar (de Overlegwet: ten minste één).")


@rule(
    id=f"{NAME}/overleg",
    severity="fout",
    params=OverlegParams,
    source=f"{OVERLEGWET} (parafrase; controleer het artikel in de geldende tekst); Woningwet, art. 44 lid 2",
    title=Text("Overleg minstens eens per jaar", "Meetings at least once a year"),
    summary=Text(
        "overleg.per_jaar is minstens min_per_jaar (standaard 1).",
        "overleg.per_jaar is at least min_per_jaar (1 by default).",
    ),
    rationale=Text(
        "De verhuurder moet ten minste eenmaal per jaar met de huurdersorganisatie overleggen, en over het bod "
        "voeren gemeente, corporatie en huurdersorganisatie samen overleg (Woningwet art. 44 lid 2). Eén keer per "
        "jaar is het wettelijke minimum; wie de afspraken ook wil volgen, kiest vaker (bijvoorbeeld per kwartaal) "
        "en zet min_per_jaar hoger.",
        "The landlord must meet the tenants' organisation at least once a year, and municipality, corporation and "
        "tenants' organisation negotiate the bid together (Housing Act art. 44(2)). Once a year is the legal "
        "minimum; to follow up the agreements, choose more often (for instance each quarter) and raise min_per_jaar.",
    ),
    quote="(parafrase) De verhuurder voert ten minste eenmaal per jaar overleg met de huurdersorganisatie.",
    fix=Text(
        "Spreek een vast overleg af en vul in hoe vaak: overleg.per_jaar = 4.",
        "Agree on a standing meeting and fill in how often: overleg.per_jaar = 4.",
    ),
    example_fail="""
[extensies.prestatieafspraken.overleg]
per_jaar = 0
""",
    example_pass="""
[extensies.prestatieafspraken.overleg]
per_jaar = 4
""",
)
def overleg(doc: Agreement, params: OverlegParams) -> Iterator[Violation]:
    keer = waarde(doc, "overleg", "per_jaar")
    if keer is None:
        yield ontbreekt(
            doc,
            "niet bekend hoe vaak de partijen overleggen", "it is not known how often the parties meet", "overleg", "per_jaar"
        )
    elif keer < params.min_per_jaar:
        yield violation(
            f"de partijen overleggen {keer} keer per jaar; minimaal {params.min_per_jaar}",
            f"the parties meet {keer} time{'' if keer == 1 else 's'} a year; at least {params.min_per_jaar} required",
            (*EXT, "overleg", "per_jaar"),
        )


@rule(
    id=f"{NAME}/deskundige",
    severity="fout",
    source=f"{OVERLEGWET}, art. 5d en art. 7 lid 1 en 2",
    title=Text("Deskundige voor huurders op kosten van de verhuurder", "Expert for tenants at the landlord's cost"),
    summary=Text(
        "De afspraken leggen vast dat de huurdersorganisatie een deskundige mag inschakelen op kosten van de "
        "verhuurder: ondersteuning.deskundige_op_kosten_verhuurder = true.",
        "The agreements record that the tenants' organisation may call in an expert at the landlord's cost: "
        "ondersteuning.deskundige_op_kosten_verhuurder = true.",
    ),
    rationale=Text(
        "De huurdersorganisatie mag deskundigen uitnodigen en hun om inlichtingen en advies vragen (art. 5d). De "
        "verhuurder vergoedt de kosten die rechtstreeks samenhangen met en redelijkerwijs nodig zijn voor haar taken, "
        "en daaronder vallen in ieder geval de kosten van die deskundigen (art. 7 lid 1). Dat gebeurt binnen het "
        "jaarbudget van art. 7 lid 2; kosten daarboven alleen als de verhuurder instemt. Zonder eigen deskundige "
        "onderhandelt de huurdersorganisatie niet op gelijke voet over een bod vol cijfers.",
        "The tenants' organisation may invite experts and ask them for information and advice (art. 5d). The "
        "landlord reimburses the costs that are directly linked to and reasonably necessary for its tasks, and these "
        "include in any case the costs of those experts (art. 7(1)). This happens within the yearly budget of art. "
        "7(2); costs above it only with the landlord's consent. Without its own expert, the tenants' organisation "
        "does not negotiate on equal terms about a bid full of figures.",
    ),
    quote=ART7_LID1,
    fix=Text(
        "Leg vast dat de huurdersorganisatie een deskundige mag inschakelen op kosten van de verhuurder: "
        "ondersteuning.deskundige_op_kosten_verhuurder = true.",
        "Record that the tenants' organisation may call in an expert at the landlord's cost: "
        "ondersteuning.deskundige_op_kosten_verhuurder = true.",
    ),
    example_fail="""
[extensies.prestatieafspraken.ondersteuning]
deskundige_op_kosten_verhuurder = false
""",
    example_pass="""
[extensies.prestatieafspraken.ondersteuning]
deskundige_op_kosten_verhuurder = true
""",
)
def deskundige(doc: Agreement, params: Params) -> Iterator[Violation]:
    recht = waarde(doc, "ondersteuning", "deskundige_op_kosten_verhuurder")
    if recht is None:
        yield ontbreekt(
            doc,
            "niet vastgelegd of de huurdersorganisatie een deskundige mag inschakelen op kosten van de verhuurder",
            "it is not recorded whether the tenants' organisation may call in an expert at the landlord's cost",
            "ondersteuning",
            "deskundige_op_kosten_verhuurder",
        )
    elif not recht:
        yield violation(
            "de huurdersorganisatie mag geen deskundige inschakelen op kosten van de verhuurder, terwijl de Overlegwet "
            "die kosten bij de verhuurder legt (art. 5d en 7)",
            "the tenants' organisation may not call in an expert at the landlord's cost, while the Consultation Act "
            "puts those costs on the landlord (art. 5d and 7)",
            (*EXT, "ondersteuning", "deskundige_op_kosten_verhuurder"),
        )


class ScholingParams(Params):
    min_dagen: int = Field(
        3, ge=0, description="Minimaal aantal scholingsdagen per jaar (een instelbare norm; de Overlegwet noemt geen aantal dat wij konden nagaan)."
    )


@rule(
    id=f"{NAME}/scholing",
    severity="waarschuwing",
    params=ScholingParams,
    source=f"{OVERLEGWET}, art. 5e en art. 7 lid 1; het aantal dagen is een instelbare norm",
    title=Text("Scholing voor de huurdersorganisatie", "Training for the tenants' organisation"),
    summary=Text(
        "ondersteuning.scholingsdagen_per_jaar is minstens min_dagen (standaard 3).",
        "ondersteuning.scholingsdagen_per_jaar is at least min_dagen (3 by default).",
    ),
    rationale=Text(
        "De Overlegwet rekent de kosten van scholings- en vormingsactiviteiten van de huurdersorganisatie (art. 5e) "
        "tot de kosten die de verhuurder vergoedt (art. 7 lid 1). Vrijwilligers die over begrotingen, huurbeleid en "
        "verduurzaming onderhandelen, hebben die kennis nodig. Het minimum van drie dagen per jaar is een norm, geen "
        "getal uit de wettekst: controleer wat uw samenwerkingsovereenkomst zegt en stel min_dagen daarop in.",
        "The Consultation Act counts the costs of training and education of the tenants' organisation (art. 5e) "
        "among the costs the landlord reimburses (art. 7(1)). Volunteers who negotiate budgets, rent policy and "
        "sustainability need that knowledge. The minimum of three days a year is a norm, not a figure from the law: "
        "check what your cooperation agreement says and set min_dagen to it.",
    ),
    quote="[…] en de kosten van scholings- en vormingsactiviteiten als bedoeld in artikel 5e.",
    fix=Text(
        "Spreek scholing af en vul het aantal dagen in: ondersteuning.scholingsdagen_per_jaar = 3.",
        "Agree on training and fill in the number of days: ondersteuning.scholingsdagen_per_jaar = 3.",
    ),
    example_fail="""
[extensies.prestatieafspraken.ondersteuning]
scholingsdagen_per_jaar = 1
""",
    example_pass="""
[extensies.prestatieafspraken.ondersteuning]
scholingsdagen_per_jaar = 3
""",
)
def scholing(doc: Agreement, params: ScholingParams) -> Iterator[Violation]:
    dagen = waarde(doc, "ondersteuning", "scholingsdagen_per_jaar")
    if dagen is None:
        yield ontbreekt(
            doc,
            "niet bekend hoeveel dagen scholing de huurdersorganisatie krijgt",
            "it is not known how many days of training the tenants' organisation gets",
            "ondersteuning",
            "scholingsdagen_per_jaar",
        )
    elif dagen < params.min_dagen:
        yield violation(
            f"de huurdersorganisatie krijgt {dagen} {'dag' if dagen == 1 else 'dagen'} scholing per jaar; minimaal {params.min_dagen}",
            f"the tenants' organisation gets {dagen} day{'' if dagen == 1 else 's'} of training a year; at least {params.min_dagen} required",
            (*EXT, "ondersteuning", "scholingsdagen_per_jaar"),
        )


class BudgetParams(Params):
    min_euro: float = Field(
        1.0, ge=0, description="Minimaal jaarbudget in euro. De wet noemt geen bedrag; 1 betekent: er moet een budget zijn."
    )


@rule(
    id=f"{NAME}/budget-huurders",
    severity="waarschuwing",
    params=BudgetParams,
    source=f"{OVERLEGWET}, art. 7 lid 2",
    title=Text("Jaarbudget voor de huurdersorganisatie", "Yearly budget for the tenants' organisation"),
    summary=Text(
        "ondersteuning.budget_euro is ingevuld en minstens min_euro.",
        "ondersteuning.budget_euro is filled in and at least min_euro.",
    ),
    rationale=Text(
        "Verhuurder en huurdersorganisatie stellen de kosten per kalenderjaar vast op een bedrag dat de "
        "huurdersorganisatie naar eigen inzicht besteedt, en waarover zij binnen twee maanden na het jaar "
        "verantwoording aflegt. Zonder vastgesteld bedrag moet de huurdersorganisatie voor elke uitgave toestemming "
        "vragen aan de partij met wie zij onderhandelt. De wet noemt geen hoogte: stel min_euro in op uw eigen norm.",
        "Landlord and tenants' organisation fix the costs per calendar year at an amount the tenants' organisation "
        "spends as it sees fit, and accounts for within two months after the year. Without a fixed amount, the "
        "tenants' organisation must ask the party it negotiates with for permission for every expense. The law sets "
        "no amount: set min_euro to your own norm.",
    ),
    quote="De verhuurder en de huurdersorganisatie komen overeen dat de in een kalenderjaar gemaakte kosten, bedoeld "
    "in het eerste lid, worden vastgesteld op een bepaald bedrag, dat de huurdersorganisatie naar eigen inzicht kan besteden.",
    fix=Text(
        "Spreek een jaarbudget af en vul het bedrag in: ondersteuning.budget_euro = 25000.",
        "Agree on a yearly budget and fill in the amount: ondersteuning.budget_euro = 25000.",
    ),
    example_fail="""
[extensies.prestatieafspraken.ondersteuning]
budget_euro = 0
""",
    example_pass="""
[extensies.prestatieafspraken.ondersteuning]
budget_euro = 25000
""",
)
def budget_huurders(doc: Agreement, params: BudgetParams) -> Iterator[Violation]:
    budget = waarde(doc, "ondersteuning", "budget_euro")
    if budget is None:
        yield ontbreekt(
            doc,
            "het jaarbudget van de huurdersorganisatie ontbreekt",
            "the yearly budget of the tenants' organisation is missing",
            "ondersteuning",
            "budget_euro",
        )
    elif budget < params.min_euro:
        yield violation(
            f"het jaarbudget van de huurdersorganisatie is € {getal(budget, 'nl')}; minimaal € {getal(params.min_euro, 'nl')}",
            f"the yearly budget of the tenants' organisation is € {getal(budget, 'en')}; at least € {getal(params.min_euro, 'en')} required",
            (*EXT, "ondersteuning", "budget_euro"),
        )


RULES = [adviestermijn, overleg, deskundige, scholing, budget_huurders]
