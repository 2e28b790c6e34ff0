"""The built-in rules: plugins that use the same hooks as a third party's.

The rule-set TOML files live in the repository's ``rules/`` folder and are
installed as ``afspraken/regelsets/``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

    from afspraken.model import Agreement


BRON = "Samen sterk in de wijk (werkconferentie, Utrecht, 10 juni)"
"""The source document of the built-in rules (``bron/samen-sterk-in-de-wijk.txt``)."""

WERKGROEPEN = f"aanbevelingen van de werkgroepen; {BRON}"
IN_T_VELD = f"Roel in \u2019t Veld, dagvoorzitter; {BRON}"
VAN_DER_LAAN = f"minister Eberhard van der Laan; {BRON}"
SCHRIJER = f"Dominic Schrijer, wethouder Rotterdam; {BRON}"
BOSCH = f"wethouder H. Bosch; {BRON}"
SLEEKING = f"Ton Sleeking, wethouder Emmen, over Emmen Revisited; {BRON}"
WOENSEL_WEST = f"Paul van Haren (Trudo), Buurtonderneming Woensel-West; {BRON}"

_MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def datum(date: dt.date, lang: str) -> str:
    """A date in running text: '1 januari 2024', '1 January 2024'."""
    month = (_MONTHS if lang == "en" else _MAANDEN)[date.month - 1]
    return f"{date.day} {month} {date.year}"


def ruleset_dir() -> Path:
    installed = Path(__file__).resolve().parent.parent / "regelsets"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "rules"  # source checkout, editable install


def ruleset(name: str) -> Path:
    return ruleset_dir() / f"{name}.toml"


def number(value: float, lang: str, *, unlike: float | None = None) -> str:
    """1.5 -> '1,5' in Dutch; whole numbers without decimals. With ``unlike``, enough
    decimals that a value just over a limit does not read as the limit (3.0004 vs 3)."""
    decimals = 1
    while unlike is not None and value != unlike and decimals < 4 and round(value, decimals) == unlike:
        decimals += 1
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "nl" else text


def count(value: int, lang: str) -> str:
    """8500 -> '8.500' in Dutch, '8,500' in English."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "nl" else text


def amount(value: float, one: str, many: str, lang: str = "en") -> str:
    """'1 jaar', '2 groepen', '2,5 years'."""
    return f"{number(value, lang)} {one if value == 1 else many}"


def name_of(doc: Agreement, id: str) -> str:
    """The name of the partij or orgaan with this id (the id itself if unknown)."""
    found = doc.partij_by_id(id) or doc.orgaan_by_id(id)
    return found.naam if found else id


def votes(items: Sequence[tuple[str, int]]) -> str:
    """Names with their votes: 'Gemeente Amsterdam, stadsdeel West: 2; Trudo: 1'."""
    return "; ".join(f"{name}: {n}" for name, n in items)


def names(items: Sequence[str], lang: str) -> str:
    """'a, b en c' / 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    joiner = " en " if lang == "nl" else " and "
    return ", ".join(items[:-1]) + joiner + items[-1]
