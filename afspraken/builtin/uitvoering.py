"""Rules of rule set ``wijkaanpak`` about carrying it out: eigenaar-per-actie, lange-termijn, kleinschalig."""

from __future__ import annotations

import math
from collections.abc import Iterator

from pydantic import Field

from afspraken.builtin import WERKGROEPEN, datum, name_of, number
from afspraken.model import Agreement
from afspraken.builtin.looptijd import lange_termijn
from afspraken.rules import Params, Rule, Text, Violation, rule, undecided, violation

# --------------------------------------------------------------------------- eigenaar-per-actie


class EigenaarParams(Params):
    vereis_indicator: bool = Field(
        False,
        description="Vraag ook per actie een indicator en een streefwaarde.",
        json_schema_extra={"en": "Also require an indicator and a target value (streefwaarde) per action."},
    )


@rule(
    source=WERKGROEPEN,
    id="eigenaar-per-actie",
    severity="fout",
    params=EigenaarParams,
    title=Text("Elke actie een eigenaar en een datum", "Every action has an owner and a date"),
    summary=Text(
        "Elke [[actie]] heeft een eigenaar (wie) die erop aan te spreken is: een ondertekenende partij of een orgaan. "
        "Ze heeft een datum wanneer binnen de looptijd: op of na afspraak.ingangsdatum en, als die er is, op of voor "
        "afspraak.einddatum. Met vereis_indicator ook een indicator en een streefwaarde. Zonder acties is er niets "
        "te toetsen en slaagt de regel (bewoners-aan-zet meldt dat er geen acties zijn).",
        "Every [[actie]] has an owner (wie) who can be held to account: a signing party or a body. It has a date "
        "wanneer within the term: on or after afspraak.ingangsdatum and, when there is one, on or before "
        "afspraak.einddatum. With vereis_indicator also an indicator and a streefwaarde (target). Without actions "
        "there is nothing to check and the rule passes (bewoners-aan-zet reports the missing actions).",
    ),
    rationale=Text(
        "Alleen wie weet wat hij wanneer moet doen, kan erop worden aangesproken; een partij die niet tekent, is "
        "nergens aan gebonden.",
        "Only someone who knows what to do and by when can be held to it; a party that does not sign is bound to nothing.",
    ),
    quote="Spreek mensen aan op hun verantwoordelijkheid. Maak goede afspraken over wie waarvoor verantwoordelijk is. "
    "Spreek mensen er vervolgens op aan als ze de afspraken niet nakomen.",
    fix=Text(
        "Geef elke [[actie]] een wie (een ondertekenende partij of een orgaan) en een wanneer (TOML-datum) binnen de looptijd.",
        "Give every [[actie]] a wie (a signing party or a body) and a wanneer (TOML date) within the term.",
    ),
    example_fail="""
[[actie]]
wat = "Herinrichting Dorpsstraat"
wie = "corporatie"
""",
    example_pass="""
[[actie]]
wat = "Herinrichting Dorpsstraat"
wie = "corporatie"
wanneer = 2025-06-30
""",
)
def eigenaar_per_actie(doc: Agreement, params: EigenaarParams) -> Iterator[Violation]:
    begin, eind = doc.afspraak.ingangsdatum, doc.afspraak.einddatum
    vereis_indicator = params.vereis_indicator
    unsigned = {p.id for p in doc.partij if not p.ondertekent}  # usually none: most owners need no lookup
    words: dict[str, str] = {}  # begin and eind in words: made once, when a message needs them
    for i, actie in enumerate(doc.actie):
        wat, wanneer = actie.wat, actie.wanneer
        partij = doc.partij_by_id(actie.wie) if actie.wie in unsigned else None
        if actie.wie is None:
            yield violation(
                f"actie '{wat}' heeft geen eigenaar (wie)",
                f"action '{wat}' has no owner (wie)",
                ("actie", i),
                fix=Text(
                    f"Zet bij actie '{wat}' wie = de id van een ondertekenende partij of een orgaan.",
                    f"Set wie = the id of a signing party or a body for action '{wat}'.",
                ),
            )
        elif partij is not None and not partij.ondertekent:
            yield violation(
                f"actie '{wat}' ligt bij {partij.naam}, maar die partij ondertekent de afspraak niet en is er dus niet op aan te spreken",
                f"action '{wat}' is owned by {partij.naam}, but that party does not sign the agreement, so it cannot be held to it",
                ("actie", i, "wie"),
                ("partij", doc.index_of(partij), "ondertekent"),
                fix=Text(
                    f"Laat {partij.naam} ondertekenen, of leg actie '{wat}' bij een ondertekenende partij of een orgaan.",
                    f"Have {partij.naam} sign, or give action '{wat}' to a signing party or a body.",
                ),
            )
        if wanneer is not None and wanneer >= begin and (eind is None or wanneer <= eind) and not vereis_indicator:
            continue  # the common case: nothing to say, so no names to look up
        if not words:
            for lang in ("nl", "en"):
                words[f"begin_{lang}"] = datum(begin, lang)
                words[f"eind_{lang}"] = datum(eind, lang) if eind else ""
        owner = name_of(doc, actie.wie) if actie.wie else ""
        wie, of = (f" van {owner}", f" of {owner}") if owner else ("", "")
        if wanneer is None:
            yield violation(
                f"actie '{wat}'{wie} heeft geen datum (wanneer)",
                f"action '{wat}'{of} has no date (wanneer)",
                ("actie", i, "wanneer"),
                fix=Text(
                    f"Geef actie '{wat}' een wanneer tussen {words['begin_nl']} en {words['eind_nl']}."
                    if eind
                    else f"Geef actie '{wat}' een wanneer op of na {words['begin_nl']}.",
                    f"Give action '{wat}' a wanneer between {words['begin_en']} and {words['eind_en']}."
                    if eind
                    else f"Give action '{wat}' a wanneer on or after {words['begin_en']}.",
                ),
            )
        elif wanneer < begin:
            yield violation(
                f"actie '{wat}'{wie} is gepland op {datum(wanneer, 'nl')}, vóór de ingangsdatum {words['begin_nl']}",
                f"action '{wat}'{of} is due on {datum(wanneer, 'en')}, before the start date {words['begin_en']}",
                ("actie", i, "wanneer"),
                ("afspraak", "ingangsdatum"),
                fix=Text(
                    f"Plan actie '{wat}' op of na {words['begin_nl']}.",
                    f"Schedule action '{wat}' on or after {words['begin_en']}.",
                ),
            )
        elif eind is not None and wanneer > eind:
            yield violation(
                f"actie '{wat}'{wie} is gepland op {datum(wanneer, 'nl')}, na de einddatum {words['eind_nl']}",
                f"action '{wat}'{of} is due on {datum(wanneer, 'en')}, after the end date {words['eind_en']}",
                ("actie", i, "wanneer"),
                ("afspraak", "einddatum"),
                fix=Text(
                    f"Plan actie '{wat}' op of voor {words['eind_nl']}, of verleng de looptijd.",
                    f"Schedule action '{wat}' on or before {words['eind_en']}, or extend the term.",
                ),
            )
        if vereis_indicator:
            gaps = [k for k in ("indicator", "streefwaarde") if getattr(actie, k) in (None, "")]
            if gaps:
                yield violation(
                    f"actie '{wat}'{wie} heeft geen {' en geen '.join(gaps)}",
                    f"action '{wat}'{of} has no {' and no '.join(gaps)}",
                    ("actie", i, gaps[0]),
                    fix=Text(
                        f"Geef actie '{wat}' een {' en een '.join(gaps)}.",
                        f"Give action '{wat}' an {' and a '.join(gaps)}.",
                    ),
                )


# --------------------------------------------------------------------------- kleinschalig


class KleinschaligParams(Params):
    min_aandeel_straat: float = Field(
        0.25,
        ge=0,
        le=1,
        description="Minimaal aandeel acties op straatniveau als de afspraak groter dan een buurt is.",
        json_schema_extra={"en": "Smallest share of actions at street level (0 to 1)."},
    )


@rule(
    source=WERKGROEPEN,
    id="kleinschalig",
    severity="advies",
    params=KleinschaligParams,
    title=Text("Werk kleinschalig", "Work on a small scale"),
    summary=Text(
        "afspraak.schaal is 'straat' of 'buurt', of minstens min_aandeel_straat van de acties heeft schaal = "
        "'straat' (acties zonder schaal tellen als niet op straatniveau; zonder acties is het aandeel 0). Ontbreekt "
        "afspraak.schaal en is het aandeel te laag, dan 'kan niet beoordelen'.",
        "afspraak.schaal is 'straat' or 'buurt', or at least min_aandeel_straat of the actions have schaal = "
        "'straat' (actions without a scale count as not at street level; without actions the share is 0). When "
        "afspraak.schaal is missing and the share is too low, 'cannot decide'.",
    ),
    rationale=Text(
        "Kleinschaligheid vergroot de betrokkenheid: pak zaken aan op het niveau van de straat en ga naar de bewoners toe.",
        "Small scale increases involvement: tackle things at street level and go to the residents.",
    ),
    quote="Werk kleinschalig. De praktijk wijst uit dat kleinschaligheid de betrokkenheid vergroot. Schroom er niet "
    "voor om zaken op het niveau van de straat in plaats van de wijk aan te pakken. Ga naar de bewoners toe.",
    fix=Text(
        'Werk op buurt- of straatniveau, of geef meer acties schaal = "straat".',
        'Work at neighbourhood or street level, or give more actions schaal = "straat".',
    ),
    example_fail="""
[afspraak]
schaal = "gemeente"

[[actie]]
wat = "Nieuw beleidsplan wonen"
wie = "gemeente"
wanneer = 2025-01-01
schaal = "gemeente"
""",
    example_pass="""
[afspraak]
schaal = "gemeente"

[[actie]]
wat = "Speelplek Dorpsstraat"
wie = "gemeente"
wanneer = 2025-01-01
schaal = "straat"
""",
)
def kleinschalig(doc: Agreement, params: KleinschaligParams) -> Iterator[Violation]:
    schaal = doc.afspraak.schaal
    if schaal in ("straat", "buurt"):
        return
    n = len(doc.actie)
    straat = [i for i, a in enumerate(doc.actie) if a.schaal == "straat"]
    minimum = params.min_aandeel_straat
    if (len(straat) / n if n else 0.0) >= minimum:
        return
    pct = {lang: number(100 * minimum, lang) for lang in ("nl", "en")}
    if n:
        pct_straat = {lang: number(round(100 * len(straat) / n, 1), lang) for lang in ("nl", "en")}
        share = {
            "nl": f"acties op straatniveau: {len(straat)} van {n} ({pct_straat['nl']}%)",
            "en": f"actions at street level: {len(straat)} of {n} ({pct_straat['en']}%)",
        }
    else:
        share = {"nl": "er zijn geen acties", "en": "there are no actions"}
    op_straat = set(straat)  # a set: many street-level actions stay linear
    others = [("actie", i, "schaal") for i in range(n) if i not in op_straat]
    if schaal is None:
        yield undecided(
            f"afspraak.schaal ontbreekt; {share['nl']}; minimaal {pct['nl']}%",
            f"afspraak.schaal is missing; {share['en']}; at least {pct['en']}% required",
            ("afspraak", "schaal"),
            *others,
        )
        return
    nodig = max(1, math.ceil(minimum * n - 1e-9) - len(straat)) if n else 1
    yield violation(
        f"de afspraak werkt op schaal '{schaal}'; {share['nl']}; minimaal {pct['nl']}%",
        f"the agreement works at scale '{schaal}'; {share['en']}; at least {pct['en']}% required",
        ("afspraak", "schaal"),
        *others,
        fix=Text(
            f'Geef nog {nodig} {"actie" if nodig == 1 else "acties"} schaal = "straat", of werk op buurt- of straatniveau.',
            f'Give {nodig} more {"action" if nodig == 1 else "actions"} schaal = "straat", or work at neighbourhood or street level.',
        ),
    )


RULES: list[Rule] = [eigenaar_per_actie, lange_termijn, kleinschalig]
