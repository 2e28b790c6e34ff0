"""Small helpers shared by the rules: reading the section, dates and lists in Dutch and English."""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
from collections.abc import Iterable
from typing import Any, Literal, Optional, Union, cast

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from afspraken import Agreement, Params, Violation, undecided
from afspraken_prestatieafspraken.model import NAME, Prestatieafspraken

EXT: tuple[str, ...] = ("extensies", NAME)
"""Key path of the section: every finding about it points below here."""

_MAANDEN_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")


def sectie(doc: Agreement) -> Optional[Prestatieafspraken]:
    """The validated ``[extensies.prestatieafspraken]``, or ``None`` when the file has none."""
    return cast(Optional[Prestatieafspraken], doc.extensie(NAME))


def waarde(doc: Agreement, *path: str) -> Any:
    """The value at ``path`` below the section, or ``None`` when it (or a table above it) is missing."""
    current: Any = sectie(doc)
    for name in path:
        if current is None:
            return None
        current = getattr(current, name)
    return current


def sleutel(*path: str) -> str:
    """How a key is shown in a message: ``extensies.prestatieafspraken.cyclus.bod``."""
    return ".".join((*EXT, *path))


def tabel(*path: str) -> str:
    """How a table is shown in a message: ``[extensies.prestatieafspraken.cyclus]``."""
    return "[" + sleutel(*path) + "]"


def ontbreekt(doc: Agreement, wat_nl: str, wat_en: str, *path: str) -> Violation:
    """"Cannot decide: <what> is missing; fill in <key>", pointing at the key that should hold it.

    When the whole section is missing, the message says so: that is the thing to fix first.
    """
    nl, en = f"{wat_nl}; vul {sleutel(*path)} in", f"{wat_en}; fill in {sleutel(*path)}"
    if sectie(doc) is None:
        nl += f" (het bestand heeft nog geen {tabel()})"
        en += f" (the file has no {tabel()} yet)"
    return undecided(nl, en, (*EXT, *path))


def datum(value: dt.date, lang: str) -> str:
    """``2025-07-01`` -> ``1 juli 2025`` / ``1 July 2025``."""
    if lang == "en":
        return f"{value.day} {calendar.month_name[value.month]} {value.year}"
    return f"{value.day} {_MAANDEN_NL[value.month - 1]} {value.year}"


def deadline(jaar: int, maand: int, dag: int) -> dt.date:
    """The deadline in ``jaar``; 29 February becomes 28 February in a common year."""
    return dt.date(jaar, maand, min(dag, calendar.monthrange(jaar, maand)[1]))


def opsomming(items: Iterable[str], lang: str) -> str:
    """``a, b en c`` / ``a, b and c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" and " if lang == "en" else " en ") + items[-1]


def getal(value: float, lang: str) -> str:
    """``30000.0`` -> ``30.000`` (nl) / ``30,000`` (en); decimals only when there are any."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    if lang == "en":
        return text
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def bedoelde_u(word: str, options: Iterable[str]) -> tuple[str, str]:
    """``("; bedoelde u 'x'?", "; did you mean 'x'?")`` for the closest option, or empty strings."""
    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    if not match:
        return "", ""
    return f"; bedoelde u '{match[0]}'?", f"; did you mean '{match[0]}'?"


class DatumParams(Params):
    """A yearly deadline as month and day (a TOML date would carry a year that means nothing here)."""

    uiterlijk_maand: int = Field(1, ge=1, le=12, description="Maand van de uiterste datum (1-12).")
    uiterlijk_dag: int = Field(1, ge=1, le=31, description="Dag van de uiterste datum (1-31).")

    @field_validator("uiterlijk_dag")
    @classmethod
    def _bestaat(cls, dag: int, info: Any) -> int:
        maand = info.data.get("uiterlijk_maand")
        if isinstance(maand, int) and 1 <= maand <= 12 and dag > calendar.monthrange(2000, maand)[1]:
            raise PydanticCustomError(
                "datum_bestaat_niet",
                "{datum} bestaat niet ({dag} {month} does not exist)",
                {"maand": maand, "dag": dag, "datum": f"{dag} {_MAANDEN_NL[maand - 1]}", "month": calendar.month_name[maand]},
            )
        return dag


def niet_onder_wet(waarde: int, minimum: int, naam: str, bron: str) -> int:
    """A parameter may raise a statutory minimum, never lower it: below it is a config error, with the article."""
    if waarde < minimum:
        raise PydanticCustomError(
            "onder_wettelijk_minimum",
            "{waarde} ligt onder het wettelijke minimum van {minimum} ({bron}); een hogere waarde mag, een lagere niet "
            "({waarde} is below the statutory minimum of {minimum}; a higher value is allowed, a lower one is not)",
            {"naam": naam, "waarde": waarde, "minimum": minimum, "bron": bron},
        )
    return waarde


Peildatum = Union[Literal["vandaag"], dt.date]


def peildatum(value: Peildatum) -> dt.date:
    """The date deadlines are judged against: the day of the check, or a fixed date (for tests and reports)."""
    return value if isinstance(value, dt.date) else dt.date.today()


def plus_maanden(datum_: dt.date, maanden: int) -> dt.date:
    """``datum_`` plus whole months; the 31st becomes the last day of a shorter month."""
    jaar, maand = divmod(datum_.month - 1 + maanden, 12)
    jaar += datum_.year
    return dt.date(jaar, maand + 1, min(datum_.day, calendar.monthrange(jaar, maand + 1)[1]))


def dagen(n: int, lang: str) -> str:
    """``1 dag`` / ``3 dagen`` / ``1 day`` / ``3 days``."""
    if lang == "en":
        return f"{n} day{'' if n == 1 else 's'}"
    return f"{n} {'dag' if n == 1 else 'dagen'}"
