"""Rule sets for the three models in the source: Buurtonderneming, Emmen Revisited, Development Trust."""

from __future__ import annotations

from pathlib import Path

from afspraken import hookimpl
from afspraken.builtin import ruleset
from afspraken.rules import Rule

RULES: list[Rule] = []
RULESETS = ("buurtonderneming", "emmen-revisited", "development-trust")


@hookimpl
def register_rules() -> list[Rule]:
    return RULES


@hookimpl
def register_rulesets() -> list[Path]:
    return [ruleset(name) for name in RULESETS if ruleset(name).is_file()]
