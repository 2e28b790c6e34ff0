"""Helpers for rule authors: messages in Dutch and English that read well.

Public and stable; the built-in rules use the same functions::

    from afspraken.helpers import date, names, number, suggest

    names(["gemeente", "corporatie", "bewoners"], "nl")  # 'gemeente, corporatie en bewoners'
    number(2.5, "nl")                                     # '2,5'
    count(8500, "nl")                                     # '8.500'
    date(dt.date(2025, 7, 1), "nl")                       # '1 juli 2025'
    suggest("gemeete", ["gemeente", "corporatie"])        # Text("; bedoelde u 'gemeente'?", "; did you mean 'gemeente'?")
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from afspraken.reading.messages import MAX_NAMES, suggest
from afspraken.results import count

if TYPE_CHECKING:
    from afspraken.model import Agreement

__all__ = ["MAX_NAMES", "MONTHS", "amount", "count", "date", "name_of", "names", "number", "others", "suggest"]

MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
}
"""Month names, January first."""


def names(items: Iterable[str], lang: str) -> str:
    """``a, b en c`` / ``a, b and c``; past :data:`MAX_NAMES`, ``a, b, … en 480 andere``."""
    items = list(items)
    if len(items) > MAX_NAMES:
        return ", ".join(items[: MAX_NAMES - 1]) + others(len(items) - MAX_NAMES + 1, lang)
    if len(items) <= 1:
        return "".join(items)
    joiner = " en " if lang == "nl" else " and "
    return ", ".join(items[:-1]) + joiner + items[-1]


def others(n: int, lang: str) -> str:
    """`` en 480 andere`` / `` and 480 others``: the names past :data:`MAX_NAMES`, counted."""
    return f" en {count(n, 'nl')} andere" if lang == "nl" else f" and {count(n, 'en')} others"


def number(value: float, lang: str, *, unlike: float | None = None) -> str:
    """1.5 -> '1,5' in Dutch, 26665 -> '26.665'; whole numbers without decimals. With ``unlike``, enough
    decimals that a value just over a limit does not read as the limit (3.0004 vs 3)."""
    decimals = 1
    while unlike is not None and value != unlike and decimals < 4 and round(value, decimals) == unlike:
        decimals += 1
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.{decimals}f}"  # 26665 -> 26,665
    return text.translate(_DUTCH) if lang == "nl" else text


_DUTCH = str.maketrans(",.", ".,")  # 26,665.5 -> 26.665,5


def amount(value: float, one: str, many: str, lang: str = "en") -> str:
    """'1 jaar', '2 groepen', '2,5 years'."""
    return f"{number(value, lang)} {one if value == 1 else many}"


def date(value: dt.date, lang: str) -> str:
    """``2025-07-01`` -> ``1 juli 2025`` / ``1 July 2025``."""
    return f"{value.day} {MONTHS['en' if lang == 'en' else 'nl'][value.month - 1]} {value.year}"


def name_of(doc: Agreement, id: str) -> str:
    """The name of the partij or orgaan with this id (the id itself if unknown)."""
    found = doc.partij_by_id(id) or doc.orgaan_by_id(id)
    return found.naam if found else id
