"""Rule set ``wijkaanpak`` (the default; extends ``basis``): the working groups' recommendations.

The rules sit in modules by theme; this module is the plugin that registers them.
"""

from __future__ import annotations

from pathlib import Path

from afspraken import hookimpl
from afspraken.builtin import (
    bestuur,
    continuiteit,
    participatie,
    ruleset,
    uitvoering,
    vertegenwoordiging,
)
from afspraken.rules import Rule

RULES: list[Rule] = [
    *participatie.RULES,
    *vertegenwoordiging.RULES,
    *bestuur.RULES,
    *continuiteit.RULES,
    *uitvoering.RULES,
]


@hookimpl
def register_rules() -> list[Rule]:
    return RULES


@hookimpl
def register_rulesets() -> list[Path]:
    return [ruleset("wijkaanpak")]
