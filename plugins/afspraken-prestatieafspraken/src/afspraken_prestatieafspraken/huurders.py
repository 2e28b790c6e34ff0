"""Rules on the position of the tenants' organisation (Overlegwet): advice, consultation, experts, training, budget."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, field_validator

from afspraken import Agreement, Params, Text, Violation, rule, violation
from afspraken_prestatieafspraken._hulp import EXT, getal, niet_onder_wet, ontbreekt, waarde
from afspraken_prestatieafspraken.bronnen import citaat
from afspraken_prestatieafspraken.model import NAME

OVERLEGWET = "Wet op het overleg huurders verhuurder (Overlegwet)"
ART7_LID1 = citaat(
    "Overlegwet", "7", 1,
    "Onder deze kosten worden in ieder geval begrepen de kosten van het uitnodigen van deskundigen en het vragen van "
    "inlichtingen en adviezen als bedoeld in artikel 5d, en de kosten van scholings- en vormingsactiviteiten als "
    "bedoeld in artikel 5e.",
)
MIN_ADVIESTERMIJN = 6  # art. 5 lid 1: "ten minste zes weken"
MIN_OVERLEG = 1  # art. 5b lid 3: "ten minste een maal per jaar"
MIN_SCHOLINGSDAGEN = 3  # art. 5e lid 2: "niet lager [...] dan drie per jaar"


class AdviestermijnParams(Params):
    min_weken: int = Field(
        MIN_ADVIESTERMIJN,
        description="Minimale adviestermijn in weken. De wet: ten minste zes (Overlegwet art. 5 lid 1); hoger mag, lager niet.",
        json_schema_extra={"en": 'Minimum advice term in weeks. The law: at least six (Overlegwet art. 5(1)); higher is allowed, lower is not.'},
    )

    @field_validator("min_weken")
    @classmethod
    def _wet(cls, value: int) -> int:
        return niet_onder_wet(value, MIN_ADVIESTERMIJN, "min_weken", "Overlegwet art. 5 lid 1")


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
        "Voordat de verhuurder een voorgenomen wijziging van zijn beleid of beheer uitvoert, krijgt de "
        "huurdersorganisatie een periode van ten minste zes weken om erover te overleggen en schriftelijk te adviseren (art. 5 lid 1). Een kortere termijn in de afspraken maakt dat recht "
        "leeg. Een parameter mag de termijn verlengen, niet verkorten.",
        "Before the landlord carries out a planned change of its policy or management, the tenants' organisation gets "
        "at least six weeks to discuss it and give written advice (art. 5(1)). A shorter term in the agreements empties that right. A parameter may lengthen the term, "
        "not shorten it.",
    ),
    quote=citaat(
        "Overlegwet", "5", 1,
        "De verhuurder voert een voornemen tot wijziging in het door hem gevoerde beleid of beheer",
        "niet uit dan nadat hij binnen een door hem aan te geven periode van ten minste zes weken na het verstrekken van "
        "de informatie",
        "de huurdersorganisatie",
        "in staat heeft gesteld met hem over de verstrekte informatie overleg te voeren en, indien de huurdersorganisatie",
        "dat wenst, daarover een schriftelijk advies uit te brengen.",
    ),
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
    min_per_jaar: int = Field(
        MIN_OVERLEG,
        description="Minimaal aantal overleggen per jaar tussen verhuurder en huurdersorganisaties. De wet: ten minste "
        "één (Overlegwet art. 5b lid 3); hoger mag, lager niet.",
        json_schema_extra={
            "en": "Minimum number of meetings a year between landlord and tenants' organisations. The law: at least "
            "one (Overlegwet art. 5b(3)); higher is allowed, lower is not."
        },
    )

    @field_validator("min_per_jaar")
    @classmethod
    def _wet(cls, value: int) -> int:
        return niet_onder_wet(value, MIN_OVERLEG, "min_per_jaar", "Overlegwet art. 5b lid 3")


@rule(
    id=f"{NAME}/overleg",
    severity="fout",
    params=OverlegParams,
    source=f"{OVERLEGWET}, art. 5b lid 3",
    title=Text(
        "Verhuurder en huurdersorganisatie overleggen minstens eens per jaar",
        "Landlord and tenants' organisation meet at least once a year",
    ),
    summary=Text(
        "overleg.verhuurder_huurders_per_jaar is minstens min_per_jaar (standaard 1): het overleg van de Overlegwet "
        "tussen de verhuurder (de corporatie) en de huurdersorganisaties en bewonerscommissies. Het overleg van de drie "
        "partijen (overleg.per_jaar) toetst deze regel niet: daarvoor noemt de wet geen aantal.",
        "overleg.verhuurder_huurders_per_jaar is at least min_per_jaar (1 by default): the Consultation Act meeting "
        "between the landlord (the corporation) and the tenants' organisations and residents' committees. The "
        "three-party meetings (overleg.per_jaar) are not checked: the law sets no number for them.",
    ),
    rationale=Text(
        "De Overlegwet verplicht de verhuurder om ten minste eenmaal per jaar met de betrokken huurdersorganisaties en "
        "bewonerscommissies te overleggen, los van het overleg over informatie en adviesaanvragen (art. 5b lid 3). Dat "
        "is een plicht tussen verhuurder en huurders; de gemeente hoort daar niet bij. Voor het overleg van gemeente, "
        "corporatie en huurders over het bod en de afspraken (Woningwet art. 44 lid 2) noemt de wet geen aantal; "
        "overleg.per_jaar legt dat vast zonder dat een regel het toetst.",
        "The Consultation Act obliges the landlord to meet the tenants' organisations and residents' committees "
        "concerned at least once a year, apart from meetings on information and requests for advice (art. 5b(3)). "
        "That duty is between landlord and tenants; the municipality is not part of it. For the meetings of "
        "municipality, corporation and tenants on the bid and the agreements (Housing Act art. 44(2)) the law sets "
        "no number; overleg.per_jaar records it without a rule checking it.",
    ),
    quote=citaat(
        "Overlegwet", "5b", 3,
        "De verhuurder voert ten minste een maal per jaar met de betrokken huurdersorganisaties en de betrokken "
        "bewonerscommissies overleg, niet zijnde een overleg over verstrekte informatie als bedoeld in het eerste lid "
        "of de artikelen 3 en 4.",
    ),
    fix=Text(
        "Leg vast hoe vaak de corporatie met de huurdersorganisatie overlegt (minstens eens per jaar): "
        "overleg.verhuurder_huurders_per_jaar = 4.",
        "Record how often the corporation meets the tenants' organisation (at least once a year): "
        "overleg.verhuurder_huurders_per_jaar = 4.",
    ),
    example_fail="""
[extensies.prestatieafspraken.overleg]
verhuurder_huurders_per_jaar = 0
""",
    example_pass="""
[extensies.prestatieafspraken.overleg]
verhuurder_huurders_per_jaar = 4
""",
)
def overleg(doc: Agreement, params: OverlegParams) -> Iterator[Violation]:
    keer = waarde(doc, "overleg", "verhuurder_huurders_per_jaar")
    if keer is None:
        yield ontbreekt(
            doc,
            "niet bekend hoe vaak de verhuurder met de huurdersorganisatie overlegt",
            "it is not known how often the landlord meets the tenants' organisation",
            "overleg",
            "verhuurder_huurders_per_jaar",
        )
    elif keer < params.min_per_jaar:
        yield violation(
            f"de verhuurder overlegt {keer} keer per jaar met de huurdersorganisatie; minimaal {params.min_per_jaar}",
            f"the landlord meets the tenants' organisation {keer} time{'' if keer == 1 else 's'} a year; at least "
            f"{params.min_per_jaar} required",
            (*EXT, "overleg", "verhuurder_huurders_per_jaar"),
        )


@rule(
    id=f"{NAME}/deskundige",
    severity="fout",
    source=f"{OVERLEGWET}, art. 5d lid 1; art. 7 lid 1 en 2",
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
        MIN_SCHOLINGSDAGEN,
        description="Minimaal aantal dagen per jaar waarop de bestuursleden scholing kunnen ontvangen. De wet: ten minste "
        "drie (Overlegwet art. 5e lid 2); hoger mag, lager niet.",
        json_schema_extra={
            "en": "Minimum number of training days a year for the board members. The law: at least three "
            "(Overlegwet art. 5e(2)); higher is allowed, lower is not."
        },
    )

    @field_validator("min_dagen")
    @classmethod
    def _wet(cls, value: int) -> int:
        return niet_onder_wet(value, MIN_SCHOLINGSDAGEN, "min_dagen", "Overlegwet art. 5e lid 2")


@rule(
    id=f"{NAME}/scholing",
    severity="fout",
    params=ScholingParams,
    source=f"{OVERLEGWET}, art. 5e lid 1 en 2; art. 7 lid 1",
    title=Text("Minstens drie scholingsdagen per jaar voor het bestuur", "At least three training days a year for the board"),
    summary=Text(
        "ondersteuning.scholingsdagen_per_jaar (de dagen per jaar waarop de leden van het bestuur van de "
        "huurdersorganisatie scholing en vorming kunnen ontvangen) is minstens min_dagen: standaard 3, het wettelijke "
        "minimum; een hogere norm mag, een lagere niet.",
        "ondersteuning.scholingsdagen_per_jaar (the days a year on which the board members of the tenants' "
        "organisation can receive training) is at least min_dagen: 3 by default, the statutory minimum; a higher "
        "norm is allowed, a lower one is not.",
    ),
    rationale=Text(
        "De verhuurder biedt de leden van het bestuur van de huurdersorganisatie jaarlijks de gelegenheid tot scholing "
        "en vorming, gedurende een aantal dagen dat verhuurder en huurdersorganisatie samen vaststellen, en dat aantal "
        "is niet lager dan drie per jaar (art. 5e). De kosten daarvan vergoedt de verhuurder (art. 7 lid 1). "
        "Vrijwilligers die over begrotingen, huurbeleid en verduurzaming onderhandelen, hebben die kennis nodig. Een "
        "samenwerkingsovereenkomst mag meer dagen afspreken: zet min_dagen dan hoger.",
        "The landlord offers the board members of the tenants' organisation the opportunity for training each year, "
        "for a number of days landlord and tenants' organisation fix together, and that number is not lower than "
        "three a year (art. 5e). The landlord pays the costs (art. 7(1)). Volunteers who negotiate budgets, rent "
        "policy and sustainability need that knowledge. A cooperation agreement may agree on more days: raise "
        "min_dagen then.",
    ),
    quote=citaat(
        "Overlegwet", "5e", 2,
        "De verhuurder en de huurdersorganisatie stellen het aantal dagen, bedoeld in het eerste lid, vast",
        "met dien verstande dat het aantal dagen niet lager vastgesteld kan worden dan drie per jaar.",
    ),
    fix=Text(
        "Spreek ten minste drie scholingsdagen per jaar voor het bestuur af: ondersteuning.scholingsdagen_per_jaar = 3.",
        "Agree on at least three training days a year for the board: ondersteuning.scholingsdagen_per_jaar = 3.",
    ),
    example_fail="""
[extensies.prestatieafspraken.ondersteuning]
scholingsdagen_per_jaar = 2
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
            "niet bekend op hoeveel dagen per jaar het bestuur van de huurdersorganisatie scholing kan ontvangen",
            "it is not known on how many days a year the board of the tenants' organisation can receive training",
            "ondersteuning",
            "scholingsdagen_per_jaar",
        )
    elif dagen < params.min_dagen:
        wet_nl = " (het wettelijke minimum)" if params.min_dagen == MIN_SCHOLINGSDAGEN else ""
        wet_en = " (the statutory minimum)" if params.min_dagen == MIN_SCHOLINGSDAGEN else ""
        yield violation(
            f"het bestuur van de huurdersorganisatie kan {dagen} {'dag' if dagen == 1 else 'dagen'} per jaar scholing "
            f"ontvangen; minimaal {params.min_dagen}{wet_nl}",
            f"the board of the tenants' organisation can receive {dagen} day{'' if dagen == 1 else 's'} of training a "
            f"year; at least {params.min_dagen} required{wet_en}",
            (*EXT, "ondersteuning", "scholingsdagen_per_jaar"),
        )


class BudgetParams(Params):
    min_euro: float = Field(
        1.0, ge=0, description="Minimaal jaarbudget in euro. De wet noemt geen bedrag; 1 betekent: er moet een budget zijn.",
        json_schema_extra={"en": 'Minimum yearly budget in euro. The law names no amount; 1 means: there must be a budget.'}
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
    quote=citaat(
        "Overlegwet", "7", 2,
        "De verhuurder en de huurdersorganisatie komen overeen dat de in een kalenderjaar gemaakte kosten, bedoeld in "
        "het eerste lid, worden vastgesteld op een bepaald bedrag, dat de huurdersorganisatie naar eigen inzicht kan besteden.",
    ),
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
