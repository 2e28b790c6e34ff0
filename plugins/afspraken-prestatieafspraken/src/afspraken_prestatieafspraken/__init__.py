"""afspraken-prestatieafspraken: rules for performance agreements (prestatieafspraken).

Performance agreements are made each year by the municipality, a housing
corporation and its tenants' organisation under the Housing Act 2015
(Woningwet, art. 42-44) and the Consultation Act (Wet op het overleg huurders
verhuurder). This plugin adds, through the ordinary ``afspraken`` hooks:

- the data model of ``[extensies.prestatieafspraken]`` (:mod:`.model`);
- sixteen rules with ids ``prestatieafspraken/<regel>`` (:mod:`.cyclus`,
  :mod:`.geschillen`, :mod:`.inhoud`, :mod:`.huurders`, :mod:`.advies`,
  :mod:`.verantwoording`), quoting the texts in :mod:`.bronnen`;
- the rule set ``prestatieafspraken`` (``prestatieafspraken.toml``).
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.resources import files
from typing import Any

from pydantic import BaseModel

from afspraken import hookimpl
from afspraken_prestatieafspraken import advies, cyclus, geschillen, huurders, inhoud, verantwoording
from afspraken_prestatieafspraken.model import NAME, Prestatieafspraken

__version__ = "0.1.0"

RULES = [*cyclus.RULES, *geschillen.RULES, *inhoud.RULES, *huurders.RULES, *advies.RULES, *verantwoording.RULES]


@hookimpl
def register_rules() -> list[Any]:
    return RULES


@hookimpl
def register_rulesets() -> list[Any]:
    return [files(__package__) / "prestatieafspraken.toml"]


@hookimpl
def register_extensions() -> Mapping[str, type[BaseModel]]:
    return {NAME: Prestatieafspraken}
