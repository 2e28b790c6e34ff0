"""Rules of rule set ``wijkaanpak`` about carrying it out: eigenaar-per-actie, lange-termijn, kleinschalig."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from afspraken.builtin import BRON, amount, name_of, names, number
from afspraken.model import Agreement
from afspraken.rules import Params, Rule, Text, Violation, rule, undecided, violation

# --------------------------------------------------------------------------- eigenaar-per-actie


@rule(
    source=BRON,
    id="eigenaar-per-actie",
    severity="fout",
    title=Text("Elke actie een eigenaar en een datum", "Every action has an owner and a date"),
    summary=Text(
        "Elke [[actie]] heeft een datum wanneer, en die ligt binnen de looptijd: op of na afspraak.ingangsdatum en, "
        "als die er is, op of voor afspraak.einddatum (wie is al verplicht in het formaat). Zonder acties is er niets "
        "te toetsen en slaagt de regel (bewoners-aan-zet meldt dat er geen acties zijn).",
        "Every [[actie]] has a date wanneer, within the term: on or after afspraak.ingangsdatum and, when there is "
        "one, on or before afspraak.einddatum (wie is already required by the format). Without actions there is "
        "nothing to check and the rule passes (bewoners-aan-zet reports the missing actions).",
    ),
    rationale=Text(
        "Alleen wie weet wat hij wanneer moet doen, kan erop worden aangesproken.",
        "Only someone who knows what to do and by when can be held to it.",
    ),
    quote="Spreek mensen aan op hun verantwoordelijkheid. Maak goede afspraken over wie waarvoor verantwoordelijk is. "
    "Spreek mensen er vervolgens op aan als ze de afspraken niet nakomen.",
    fix=Text(
        "Geef elke [[actie]] een wanneer (TOML-datum) binnen de looptijd van de afspraak.",
        "Give every [[actie]] a wanneer (TOML date) within the agreement's term.",
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
def eigenaar_per_actie(doc: Agreement, params: Params) -> Iterator[Violation]:
    begin, eind = doc.afspraak.ingangsdatum, doc.afspraak.einddatum
    for i, actie in enumerate(doc.actie):
        if actie.wanneer is not None and begin <= actie.wanneer and (eind is None or actie.wanneer <= eind):
            continue  # the common case: nothing to say, no names to look up
        wat, wie = actie.wat, name_of(doc, actie.wie)
        if actie.wanneer is None:
            yield violation(
                f"actie '{wat}' van {wie} heeft geen datum (wanneer)",
                f"action '{wat}' of {wie} has no date (wanneer)",
                ("actie", i, "wanneer"),
            )
        elif actie.wanneer < begin:
            yield violation(
                f"actie '{wat}' van {wie} is gepland op {actie.wanneer}, vóór de ingangsdatum {begin}",
                f"action '{wat}' of {wie} is due on {actie.wanneer}, before the start date {begin}",
                ("actie", i, "wanneer"),
                ("afspraak", "ingangsdatum"),
            )
        elif eind is not None and actie.wanneer > eind:
            yield violation(
                f"actie '{wat}' van {wie} is gepland op {actie.wanneer}, na de einddatum {eind}",
                f"action '{wat}' of {wie} is due on {actie.wanneer}, after the end date {eind}",
                ("actie", i, "wanneer"),
                ("afspraak", "einddatum"),
            )


# --------------------------------------------------------------------------- lange-termijn

VERKIEZINGEN = (
    dt.date(2006, 3, 7),
    dt.date(2010, 3, 3),
    dt.date(2014, 3, 19),
    dt.date(2018, 3, 21),
    dt.date(2022, 3, 16),
    dt.date(2026, 3, 18),
    dt.date(2030, 3, 20),  # expected, not yet fixed
)


class LangeTermijnParams(Params):
    min_jaren: int = Field(
        8, ge=0, description="Minimale looptijd in jaren.", json_schema_extra={"en": "Shortest term in years."}
    )
    min_verkiezingen: int = Field(
        1,
        ge=0,
        description="Minimaal aantal gemeenteraadsverkiezingen binnen de looptijd.",
        json_schema_extra={"en": "Fewest municipal elections within the term."},
    )
    verkiezingen: list[dt.date] = Field(
        default_factory=lambda: list(VERKIEZINGEN),
        description="Data van de gemeenteraadsverkiezingen (de laatste is verwacht, nog niet vastgesteld).",
        json_schema_extra={"en": "Dates of the municipal elections (the last one expected, not yet fixed)."},
    )


def _duur(begin: dt.date, eind: dt.date) -> tuple[int, int]:
    """Whole years and remaining days of the term ``begin`` t/m ``eind`` (both inclusive)."""
    na = _dag_na(eind)
    jaren = max(0, na.year - begin.year)
    while jaren and _plus_jaren(begin, jaren) > na:
        jaren -= 1
    return jaren, (na - _plus_jaren(begin, jaren)).days


def _dag_na(date: dt.date) -> dt.date:
    """The day after ``date``; never past the last date Python knows (9999-12-31)."""
    return date if date == dt.date.max else date + dt.timedelta(days=1)


def _plus_jaren(date: dt.date, years: int) -> dt.date:
    """``years`` later on the same day (1 March for 29 February); at most 9999-12-31."""
    year = date.year + years
    if year > dt.MAXYEAR:
        return dt.date.max
    try:
        return date.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return dt.date(year, 3, 1)


def _verkiezingen(dates: list[dt.date], lang: str) -> str:
    """'geen gemeenteraadsverkiezingen', '1 gemeenteraadsverkiezing (2026-03-18)', '2 ... (a en b)'."""
    one, many = (
        ("gemeenteraadsverkiezing", "gemeenteraadsverkiezingen")
        if lang == "nl"
        else ("municipal election", "municipal elections")
    )
    if not dates:
        return f"{'geen' if lang == 'nl' else 'no'} {many}"
    return f"{len(dates)} {one if len(dates) == 1 else many} ({names([str(d) for d in dates], lang)})"


@rule(
    source=BRON,
    id="lange-termijn",
    severity="waarschuwing",
    params=LangeTermijnParams,
    title=Text("Een langetermijnopgave", "A long-term task"),
    summary=Text(
        "De looptijd (ingangsdatum t/m einddatum, beide inclusief) duurt minstens min_jaren jaar en omvat minstens "
        "min_verkiezingen gemeenteraadsverkiezingen. Een verkiezing telt als ze strikt binnen de looptijd valt "
        "(ingangsdatum < verkiezingsdatum < einddatum): de afspraak moet na de verkiezing doorlopen. Zonder einddatum "
        "(onbepaalde tijd) slaagt de regel. Loopt de looptijd buiten de bekende verkiezingsdata (parameter "
        "verkiezingen) en zijn er te weinig geteld, dan 'kan niet beoordelen'.",
        "The term (ingangsdatum to einddatum, both inclusive) lasts at least min_jaren years and spans at least "
        "min_verkiezingen municipal elections. An election counts when it falls strictly inside the term "
        "(ingangsdatum < election date < einddatum): the agreement must run on after the election. Without an "
        "einddatum (open-ended) the rule passes. When the term reaches beyond the known election dates (parameter "
        "verkiezingen) and too few are counted, 'cannot decide'.",
    ),
    rationale=Text(
        "Wijkverbetering duurt lang en resultaat zie je niet meteen. Een afspraak die met de raadsperiode afloopt, "
        "hangt af van de volgende coalitie.",
        "Neighbourhood improvement takes long and results do not show at once. An agreement that ends with the "
        "council's term depends on the next coalition.",
    ),
    quote="Realiseer je dat wijkverbetering een langetermijnopgave is. De uitvoering van verbeterplannen duurt lang "
    "en je ziet niet meteen resultaat. Blijf doorgaan en kijk over verkiezingen en bestuurswisselingen heen.",
    fix=Text(
        "Kies een looptijd van minstens het minimum aantal jaren die over de volgende gemeenteraadsverkiezingen heen loopt.",
        "Choose a term of at least the minimum number of years that runs past the next municipal elections.",
    ),
    example_fail="""
[afspraak]
ingangsdatum = 2024-01-01
einddatum = 2025-12-31
""",
    example_pass="""
[afspraak]
ingangsdatum = 2024-01-01
einddatum = 2034-12-31
""",
)
def lange_termijn(doc: Agreement, params: LangeTermijnParams) -> Iterator[Violation]:
    begin, eind = doc.afspraak.ingangsdatum, doc.afspraak.einddatum
    if eind is None:
        return
    jaren, dagen = _duur(begin, eind)
    term = {
        "nl": f"{begin} t/m {eind} ({jaren} jaar"
        + (f" en {dagen} {'dag' if dagen == 1 else 'dagen'})" if dagen else ")"),
        "en": f"{begin} to {eind} ({amount(jaren, 'year', 'years')}"
        + (f" and {amount(dagen, 'day', 'days')})" if dagen else ")"),
    }
    at = (("afspraak", "einddatum"), ("afspraak", "ingangsdatum"))
    if _plus_jaren(begin, params.min_jaren) > _dag_na(eind):
        yield violation(
            f"de looptijd {term['nl']} is korter dan {params.min_jaren} jaar",
            f"the term {term['en']} is shorter than {amount(params.min_jaren, 'year', 'years')}",
            *at,
        )
    bekend = sorted(set(params.verkiezingen))
    binnen = [d for d in bekend if begin < d < eind]
    if len(binnen) >= params.min_verkiezingen:
        return
    geteld = {lang: _verkiezingen(binnen, lang) for lang in ("nl", "en")}
    if not bekend or begin < bekend[0] or eind > bekend[-1]:
        if not bekend:
            rand = ("de parameter verkiezingen is leeg", "the parameter verkiezingen is empty")
        elif begin < bekend[0]:
            rand = (
                f"begint vóór de eerst bekende verkiezing ({bekend[0]})",
                f"starts before the first known election ({bekend[0]})",
            )
        else:
            rand = (
                f"loopt door na de laatst bekende verkiezing ({bekend[-1]})",
                f"runs on past the last known election ({bekend[-1]})",
            )
        yield undecided(
            f"de looptijd {term['nl']} omvat {geteld['nl']} uit de parameter verkiezingen (minimaal "
            f"{params.min_verkiezingen}), maar {rand[0]}; vul de parameter verkiezingen aan",
            f"the term {term['en']} spans {geteld['en']} from the parameter verkiezingen (at least "
            f"{params.min_verkiezingen}), but {rand[1]}; extend the parameter verkiezingen",
            *at,
        )
        return
    yield violation(
        f"de looptijd {term['nl']} omvat {geteld['nl']}; minimaal {params.min_verkiezingen}",
        f"the term {term['en']} spans {geteld['en']}; at least {params.min_verkiezingen} required",
        *at,
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
    source=BRON,
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
    others = [("actie", i, "schaal") for i in range(n) if i not in straat]
    if schaal is None:
        yield undecided(
            f"afspraak.schaal ontbreekt; {share['nl']}; minimaal {pct['nl']}%",
            f"afspraak.schaal is missing; {share['en']}; at least {pct['en']}% required",
            ("afspraak", "schaal"),
            *others,
        )
        return
    yield violation(
        f"de afspraak werkt op schaal '{schaal}'; {share['nl']}; minimaal {pct['nl']}%",
        f"the agreement works at scale '{schaal}'; {share['en']}; at least {pct['en']}% required",
        ("afspraak", "schaal"),
        *others,
    )


RULES: list[Rule] = [eigenaar_per_actie, lange_termijn, kleinschalig]
