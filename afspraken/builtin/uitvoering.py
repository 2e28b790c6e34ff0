"""Rules of rule set ``wijkaanpak`` about carrying it out: eigenaar-per-actie, lange-termijn, kleinschalig."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator

from pydantic import Field

from afspraken.builtin import WERKGROEPEN, amount, datum, name_of, names, number
from afspraken.model import Agreement
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
    for i, actie in enumerate(doc.actie):
        wat = actie.wat
        partij = doc.partij_by_id(actie.wie) if actie.wie else None
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
                ("partij", doc.partij.index(partij), "ondertekent"),
                fix=Text(
                    f"Laat {partij.naam} ondertekenen, of leg actie '{wat}' bij een ondertekenende partij of een orgaan.",
                    f"Have {partij.naam} sign, or give action '{wat}' to a signing party or a body.",
                ),
            )
        wie = f" van {name_of(doc, actie.wie)}" if actie.wie else ""
        of = f" of {name_of(doc, actie.wie)}" if actie.wie else ""
        if actie.wanneer is None:
            yield violation(
                f"actie '{wat}'{wie} heeft geen datum (wanneer)",
                f"action '{wat}'{of} has no date (wanneer)",
                ("actie", i, "wanneer"),
                fix=Text(
                    f"Geef actie '{wat}' een wanneer tussen {datum(begin, 'nl')} en {datum(eind, 'nl')}."
                    if eind
                    else f"Geef actie '{wat}' een wanneer op of na {datum(begin, 'nl')}.",
                    f"Give action '{wat}' a wanneer between {datum(begin, 'en')} and {datum(eind, 'en')}."
                    if eind
                    else f"Give action '{wat}' a wanneer on or after {datum(begin, 'en')}.",
                ),
            )
        elif actie.wanneer < begin:
            yield violation(
                f"actie '{wat}'{wie} is gepland op {datum(actie.wanneer, 'nl')}, vóór de ingangsdatum {datum(begin, 'nl')}",
                f"action '{wat}'{of} is due on {datum(actie.wanneer, 'en')}, before the start date {datum(begin, 'en')}",
                ("actie", i, "wanneer"),
                ("afspraak", "ingangsdatum"),
                fix=Text(
                    f"Plan actie '{wat}' op of na {datum(begin, 'nl')}.",
                    f"Schedule action '{wat}' on or after {datum(begin, 'en')}.",
                ),
            )
        elif eind is not None and actie.wanneer > eind:
            yield violation(
                f"actie '{wat}'{wie} is gepland op {datum(actie.wanneer, 'nl')}, na de einddatum {datum(eind, 'nl')}",
                f"action '{wat}'{of} is due on {datum(actie.wanneer, 'en')}, after the end date {datum(eind, 'en')}",
                ("actie", i, "wanneer"),
                ("afspraak", "einddatum"),
                fix=Text(
                    f"Plan actie '{wat}' op of voor {datum(eind, 'nl')}, of verleng de looptijd.",
                    f"Schedule action '{wat}' on or before {datum(eind, 'en')}, or extend the term.",
                ),
            )
        if params.vereis_indicator:
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


# --------------------------------------------------------------------------- lange-termijn

VERKIEZINGEN = (
    dt.date(2006, 3, 7),
    dt.date(2010, 3, 3),
    dt.date(2014, 3, 19),
    dt.date(2018, 3, 21),
    dt.date(2022, 3, 16),
    dt.date(2026, 3, 18),
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
        description="Bekende data van de gemeenteraadsverkiezingen; daarna volgt er (bij wet) elke 4 jaar een, verwacht in de derde week van maart.",
        json_schema_extra={"en": "Known dates of the municipal elections; after the last, one follows every 4 years (by law), expected in the third week of March."},
    )


def _duur(begin: dt.date, eind: dt.date) -> tuple[int, int]:
    """Whole years and remaining days of the term ``begin`` t/m ``eind`` (both inclusive)."""
    na = eind + dt.timedelta(days=1)
    jaren = 0
    while _plus_jaren(begin, jaren + 1) <= na:
        jaren += 1
    return jaren, (na - _plus_jaren(begin, jaren)).days


def _plus_jaren(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February in a year that has none
        return dt.date(date.year + years, 3, 1)


def verwacht(year: int) -> dt.date:
    """The expected date of a municipal election: the Wednesday of the third week of March (15-21 March)."""
    first = dt.date(year, 3, 15)
    return first + dt.timedelta(days=(2 - first.weekday()) % 7)


def verkiezingen_tot(bekend: list[dt.date], eind: dt.date) -> list[tuple[dt.date, bool]]:
    """Known elections, then expected ones every 4 years up to ``eind``: (date, expected)."""
    out = [(d, False) for d in sorted(set(bekend))]
    if out:
        year = out[-1][0].year + 4
        while verwacht(year) <= eind:
            out.append((verwacht(year), True))
            year += 4
    return out


def _verkiezingen(dates: list[tuple[dt.date, bool]], lang: str) -> str:
    """'geen gemeenteraadsverkiezingen', '1 gemeenteraadsverkiezing (18 maart 2026)', '2 ... (a en b, verwacht)'."""
    one, many = (
        ("gemeenteraadsverkiezing", "gemeenteraadsverkiezingen")
        if lang == "nl"
        else ("municipal election", "municipal elections")
    )
    if not dates:
        return f"{'geen' if lang == 'nl' else 'no'} {many}"
    label = ", verwacht" if lang == "nl" else ", expected"
    shown = [datum(d, lang) + (label if guess else "") for d, guess in dates]
    return f"{len(dates)} {one if len(dates) == 1 else many} ({names(shown, lang)})"


@rule(
    source=WERKGROEPEN,
    id="lange-termijn",
    severity="waarschuwing",
    params=LangeTermijnParams,
    title=Text("Een langetermijnopgave", "A long-term task"),
    summary=Text(
        "De looptijd (ingangsdatum t/m einddatum, beide inclusief) duurt minstens min_jaren jaar en omvat minstens "
        "min_verkiezingen gemeenteraadsverkiezingen. Een verkiezing telt als ze strikt binnen de looptijd valt "
        "(ingangsdatum < verkiezingsdatum < einddatum): de afspraak moet na de verkiezing doorlopen. Na de laatste "
        "bekende datum (parameter verkiezingen) is er bij wet elke 4 jaar een verkiezing, verwacht in de derde week "
        "van maart; een melding die daarop rust, zegt 'verwacht'. Zonder einddatum (onbepaalde tijd) slaagt de regel. "
        "Begint de looptijd vóór de eerste bekende datum en zijn er te weinig geteld, dan 'kan niet beoordelen'.",
        "The term (ingangsdatum to einddatum, both inclusive) lasts at least min_jaren years and spans at least "
        "min_verkiezingen municipal elections. An election counts when it falls strictly inside the term "
        "(ingangsdatum < election date < einddatum): the agreement must run on after the election. After the last "
        "known date (parameter verkiezingen) there is an election every 4 years by law, expected in the third week "
        "of March; a message that relies on one says 'expected'. Without an einddatum (open-ended) the rule passes. "
        "When the term starts before the first known date and too few are counted, 'cannot decide'.",
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
        "nl": f"{datum(begin, 'nl')} t/m {datum(eind, 'nl')} ({jaren} jaar"
        + (f" en {dagen} {'dag' if dagen == 1 else 'dagen'})" if dagen else ")"),
        "en": f"{datum(begin, 'en')} to {datum(eind, 'en')} ({amount(jaren, 'year', 'years')}"
        + (f" and {amount(dagen, 'day', 'days')})" if dagen else ")"),
    }
    at = (("afspraak", "einddatum"), ("afspraak", "ingangsdatum"))
    if _plus_jaren(begin, params.min_jaren) > eind + dt.timedelta(days=1):
        until = _plus_jaren(begin, params.min_jaren) - dt.timedelta(days=1)
        yield violation(
            f"de looptijd {term['nl']} is korter dan {params.min_jaren} jaar",
            f"the term {term['en']} is shorter than {amount(params.min_jaren, 'year', 'years')}",
            *at,
            fix=Text(
                f"Laat de afspraak lopen tot minstens {datum(until, 'nl')} (einddatum), of voor onbepaalde tijd.",
                f"Let the agreement run until at least {datum(until, 'en')} (einddatum), or open-ended.",
            ),
        )
    alle = verkiezingen_tot(params.verkiezingen, eind)
    binnen = [(d, guess) for d, guess in alle if begin < d < eind]
    if len(binnen) >= params.min_verkiezingen:
        return
    geteld = {lang: _verkiezingen(binnen, lang) for lang in ("nl", "en")}
    if not alle or begin < alle[0][0]:
        rand = (
            ("de parameter verkiezingen is leeg", "the parameter verkiezingen is empty")
            if not alle
            else (
                f"begint vóór de eerst bekende verkiezing ({datum(alle[0][0], 'nl')})",
                f"starts before the first known election ({datum(alle[0][0], 'en')})",
            )
        )
        yield undecided(
            f"de looptijd {term['nl']} omvat {geteld['nl']} (minimaal {params.min_verkiezingen}), maar {rand[0]}; "
            "vul de parameter verkiezingen aan",
            f"the term {term['en']} spans {geteld['en']} (at least {params.min_verkiezingen}), but {rand[1]}; "
            "extend the parameter verkiezingen",
            *at,
        )
        return
    volgende = [(d, guess) for d, guess in verkiezingen_tot(params.verkiezingen, _plus_jaren(eind, 8)) if d > begin]
    nodig = volgende[params.min_verkiezingen - 1] if 0 < params.min_verkiezingen <= len(volgende) else None
    fix = None
    if nodig is not None:
        d, guess = nodig
        label = (" (verwacht)", " (expected)") if guess else ("", "")
        fix = Text(
            f"Laat de afspraak doorlopen na de verkiezing van {datum(d, 'nl')}{label[0]}: einddatum later dan die datum.",
            f"Let the agreement run on past the election of {datum(d, 'en')}{label[1]}: an einddatum after that date.",
        )
    yield violation(
        f"de looptijd {term['nl']} omvat {geteld['nl']}; minimaal {params.min_verkiezingen}",
        f"the term {term['en']} spans {geteld['en']}; at least {params.min_verkiezingen} required",
        *at,
        fix=fix,
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
    others = [("actie", i, "schaal") for i in range(n) if i not in straat]
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
