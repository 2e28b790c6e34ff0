"""Rule set ``wijkaanpak`` (the default for a wijkafspraak, wijkactieplan or convenant; extends ``basis``): the working groups' recommendations.

The rules sit in modules by theme; this module is the plugin that registers them.
"""

from __future__ import annotations

from pathlib import Path

from afspraken import hookimpl
from afspraken.builtin import (
    bestuur,
    continuiteit,
    domeinen,
    initiatief,
    ladder,
    participatie,
    ruleset,
    uitvoering,
    vertegenwoordiging,
)
from afspraken.rules import Rule

RULES: list[Rule] = [
    *participatie.RULES,
    *ladder.RULES,
    *vertegenwoordiging.RULES,
    *bestuur.RULES,
    *continuiteit.RULES,
    *initiatief.RULES,
    *uitvoering.RULES,
    *domeinen.RULES,
]


@hookimpl
def register_rules() -> list[Rule]:
    return RULES


@hookimpl
def register_rulesets() -> list[Path]:
    return [ruleset("wijkaanpak")]
