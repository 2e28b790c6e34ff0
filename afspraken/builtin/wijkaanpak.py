"""Rule set ``wijkaanpak``: the recommendations of the working groups (extends ``basis``)."""

from __future__ import annotations

from pathlib import Path

from afspraken import hookimpl
from afspraken.builtin import ruleset
from afspraken.rules import Rule

RULES: list[Rule] = []


@hookimpl
def register_rules() -> list[Rule]:
    return RULES


@hookimpl
def register_rulesets() -> list[Path]:
    return [ruleset("wijkaanpak")]
