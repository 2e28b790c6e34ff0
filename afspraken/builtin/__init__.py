"""The built-in rules: plugins that use the same hooks as a third party's.

The rule-set TOML files live in the repository's ``rules/`` folder and are
installed as ``afspraken/regelsets/``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from afspraken.helpers import MAX_NAMES, amount, count, name_of, names, number, others  # noqa: F401 - the rules' helpers, public in afspraken.helpers
from afspraken.helpers import date as datum  # noqa: F401 - '1 januari 2024', '1 January 2024'

BRON = "Samen sterk in de wijk (werkconferentie, Utrecht, 10 juni)"
"""The source document of the built-in rules (``bron/samen-sterk-in-de-wijk.txt``)."""

WERKGROEPEN = f"aanbevelingen van de werkgroepen; {BRON}"
IN_T_VELD = f"Roel in \u2019t Veld, dagvoorzitter; {BRON}"
VAN_DER_LAAN = f"minister Eberhard van der Laan; {BRON}"
SCHRIJER = f"Dominic Schrijer, wethouder Rotterdam; {BRON}"
BOSCH = f"wethouder H. Bosch; {BRON}"
SLEEKING = f"Ton Sleeking, wethouder Emmen, over Emmen Revisited; {BRON}"
WOENSEL_WEST = f"Paul van Haren (Trudo), Buurtonderneming Woensel-West; {BRON}"

def ruleset_dir() -> Path:
    installed = Path(__file__).resolve().parent.parent / "regelsets"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "rules"  # source checkout, editable install


def ruleset(name: str) -> Path:
    return ruleset_dir() / f"{name}.toml"


def votes(items: Sequence[tuple[str, int]], lang: str = "nl") -> str:
    """Names with their votes: 'Gemeente Amsterdam, stadsdeel West: 2; Trudo: 1'; past
    ``MAX_NAMES``, the rest counted ('; en 480 andere')."""
    if len(items) <= MAX_NAMES:
        return "; ".join([f"{name}: {n}" for name, n in items])
    return "; ".join([f"{name}: {n}" for name, n in items[: MAX_NAMES - 1]]) + ";" + others(len(items) - MAX_NAMES + 1, lang)
