"""Rules of rule set ``wijkaanpak`` about the domains of the actions: en-en, kleine-dingen-eerst."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from afspraken.builtin import SCHRIJER, VAN_DER_LAAN, datum, names
from afspraken.model import Agreement
from afspraken.rules import Params, Rule, Text, Violation, rule, undecided, violation

# --------------------------------------------------------------------------- en-en


@rule(
    source=VAN_DER_LAAN,
    id="en-en",
    severity="advies",
    title=Text("Fysiek én sociaal", "Physical and social"),
    summary=Text(
        "De acties bestrijken zowel het domein 'fysiek' als 'sociaal' (actie.domein). Ontbreekt een van beide en "
        "hebben niet alle acties een domein, of zijn er geen acties, dan 'kan niet beoordelen'.",
        "The actions span both the 'fysiek' (physical) and the 'sociaal' (social) domein (actie.domein). When one is "
        "missing and not every action has a domein, or there are no actions, 'cannot decide'.",
    ),
    rationale=Text(
        "Investeren in stenen of in mensen is geen keuze: een wijk verbetert als het fysieke en het sociale samen opgaan.",
        "Investing in bricks or in people is not a choice: a neighbourhood improves when the physical and the social go together.",
    ),
    quote="Het is niet ‘of-of ’, het is ‘en-en’.",
    fix=Text(
        'Neem acties op in het domein "fysiek" én in het domein "sociaal".',
        'Include actions in the domein "fysiek" and in the domein "sociaal".',
    ),
    example_fail="""
[[actie]]
wat = "Herinrichting Dorpsstraat"
wie = "corporatie"
wanneer = 2025-06-30
domein = "fysiek"
""",
    example_pass="""
[[actie]]
wat = "Herinrichting Dorpsstraat"
wie = "corporatie"
wanneer = 2025-06-30
domein = "fysiek"

[[actie]]
wat = "Huiswerkbegeleiding in het buurthuis"
wie = "welzijn"
wanneer = 2024-09-01
domein = "sociaal"
""",
)
def en_en(doc: Agreement, params: Params) -> Iterator[Violation]:
    domeinen = {a.domein for a in doc.actie}
    missing = [d for d in ("fysiek", "sociaal") if d not in domeinen]
    if not missing:
        return
    fix = Text(
        f"Neem een actie op met domein = \"{missing[0]}\"" + (f" en een met domein = \"{missing[1]}\"." if len(missing) > 1 else "."),
        f"Include an action with domein = \"{missing[0]}\"" + (f" and one with domein = \"{missing[1]}\"." if len(missing) > 1 else "."),
    )
    if not doc.actie:
        yield undecided(
            "er staan geen acties in de afspraak, dus niet te zien of die fysiek én sociaal zijn",
            "the agreement has no actions, so whether they are physical and social is unknown",
            ("actie",),
            fix=fix,
        )
        return
    zonder = [i for i, a in enumerate(doc.actie) if a.domein is None]
    if zonder:
        n = len(zonder)
        yield undecided(
            f"{n} van de {len(doc.actie)} acties {'heeft' if n == 1 else 'hebben'} geen domein, en "
            + (f"het domein {missing[0]} komt" if len(missing) == 1 else f"de domeinen {names(missing, 'nl')} komen")
            + " niet voor",
            f"{n} of the {len(doc.actie)} actions {'has' if n == 1 else 'have'} no domein, and "
            + (f"the domein {missing[0]} does" if len(missing) == 1 else f"the domeinen {names(missing, 'en')} do")
            + " not occur",
            *[("actie", i) for i in zonder],
            fix=Text("Geef elke [[actie]] een domein.", "Give every [[actie]] a domein."),
        )
        return
    yield violation(
        f"geen enkele actie ligt in het domein {names(missing, 'nl')}: het is 'en-en', niet 'of-of'",
        f"no action is in the domein {names(missing, 'en')}: it is 'both', not 'either-or'",
        ("actie",),
        *[("actie", i, "domein") for i in range(len(doc.actie))],
        fix=fix,
    )


# --------------------------------------------------------------------------- kleine-dingen-eerst


class KleineDingenParams(Params):
    max_maanden: int = Field(
        12,
        ge=0,
        description="Binnen zoveel maanden na de ingangsdatum is een actie in het domein leefbaarheid klaar.",
        json_schema_extra={"en": "Within this many months of the start date an action in the domein leefbaarheid is done."},
    )


def _plus_maanden(date: dt.date, months: int) -> dt.date:
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    for day in (date.day, 30, 29, 28):  # the last day of a shorter month
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(date)  # unreachable: every month has 28 days


@rule(
    source=SCHRIJER,
    id="kleine-dingen-eerst",
    severity="advies",
    params=KleineDingenParams,
    title=Text("Kleine dingen eerst", "Small things first"),
    summary=Text(
        "Minstens één actie in het domein 'leefbaarheid' is binnen max_maanden na afspraak.ingangsdatum klaar "
        "(wanneer). Heeft geen enkele actie een domein, dan 'kan niet beoordelen'.",
        "At least one action in the domein 'leefbaarheid' (liveability) is due within max_maanden of "
        "afspraak.ingangsdatum (wanneer). When no action has a domein, 'cannot decide'.",
    ),
    rationale=Text(
        "Bewoners verliezen het vertrouwen als kleine dingen, zoals straatvuil, blijven liggen; wie die snel "
        "aanpakt, wint vertrouwen voor de grote opgaven.",
        "Residents lose trust when small things, such as litter, are left undone; tackling them quickly wins trust "
        "for the big tasks.",
    ),
    quote="Wanneer bewoners veel klagen over het straatvuil in de wijk, en er gebeurt niks op dat gebied, dan raken "
    "ze het vertrouwen kwijt.",
    fix=Text(
        'Neem een actie op met domein = "leefbaarheid" die in het eerste jaar klaar is.',
        'Include an action with domein = "leefbaarheid" that is done in the first year.',
    ),
    example_fail="""
[[actie]]
wat = "Schoonmaakactie Dorpsstraat"
wie = "bewonersraad"
wanneer = 2026-06-30
domein = "leefbaarheid"
""",
    example_pass="""
[[actie]]
wat = "Schoonmaakactie Dorpsstraat"
wie = "bewonersraad"
wanneer = 2024-06-30
domein = "leefbaarheid"
""",
)
def kleine_dingen_eerst(doc: Agreement, params: KleineDingenParams) -> Iterator[Violation]:
    begin = doc.afspraak.ingangsdatum
    grens = _plus_maanden(begin, params.max_maanden)
    if any(a.domein == "leefbaarheid" and a.wanneer is not None and a.wanneer <= grens for a in doc.actie):
        return
    fix = Text(
        f"Neem een actie op met domein = \"leefbaarheid\" en wanneer uiterlijk {datum(grens, 'nl')}.",
        f"Include an action with domein = \"leefbaarheid\" and wanneer no later than {datum(grens, 'en')}.",
    )
    if not any(a.domein for a in doc.actie):
        yield undecided(
            "geen enkele actie heeft een domein, dus niet te zien of er snel iets aan de leefbaarheid gebeurt",
            "no action has a domein, so whether something is soon done about liveability is unknown",
            ("actie",),
            fix=fix,
        )
        return
    later = [(i, a) for i, a in enumerate(doc.actie) if a.domein == "leefbaarheid"]
    if later:
        when = [f"'{a.wat}' ({datum(a.wanneer, 'nl') if a.wanneer else 'geen datum'})" for _, a in later]
        when_en = [f"'{a.wat}' ({datum(a.wanneer, 'en') if a.wanneer else 'no date'})" for _, a in later]
        yield violation(
            f"geen actie voor de leefbaarheid is uiterlijk {datum(grens, 'nl')} klaar ({params.max_maanden} maanden na "
            f"de ingangsdatum); wel gepland: {names(when, 'nl')}",
            f"no action for liveability is done by {datum(grens, 'en')} ({params.max_maanden} months after the start "
            f"date); planned: {names(when_en, 'en')}",
            *[("actie", i, "wanneer") for i, _ in later],
            fix=fix,
        )
        return
    yield violation(
        f"geen enkele actie ligt in het domein leefbaarheid; de kleine dingen (zoals straatvuil) horen binnen "
        f"{params.max_maanden} maanden aangepakt te worden",
        f"no action is in the domein leefbaarheid; the small things (such as litter) should be tackled within "
        f"{params.max_maanden} months",
        ("actie",),
        fix=fix,
    )


RULES: list[Rule] = [en_en, kleine_dingen_eerst]
