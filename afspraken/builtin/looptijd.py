"""Rule of rule set ``wijkaanpak`` about the term: lange-termijn (and the municipal elections it spans)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from afspraken.builtin import WERKGROEPEN, amount, datum, names
from afspraken.model import Agreement
from afspraken.rules import Params, Text, Violation, rule, undecided, violation

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


def _looptijd(begin: dt.date, eind: dt.date) -> dict[str, str]:
    """The term in words: '1 januari 2025 t/m 31 december 2027 (3 jaar)'; only for a message."""
    jaren, dagen = _duur(begin, eind)
    return {
        "nl": f"{datum(begin, 'nl')} t/m {datum(eind, 'nl')} ({jaren} jaar"
        + (f" en {dagen} {'dag' if dagen == 1 else 'dagen'})" if dagen else ")"),
        "en": f"{datum(begin, 'en')} to {datum(eind, 'en')} ({amount(jaren, 'year', 'years')}"
        + (f" and {amount(dagen, 'day', 'days')})" if dagen else ")"),
    }


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
    at = (("afspraak", "einddatum"), ("afspraak", "ingangsdatum"))
    if _plus_jaren(begin, params.min_jaren) > _dag_na(eind):
        term = _looptijd(begin, eind)
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
    term = _looptijd(begin, eind)
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
