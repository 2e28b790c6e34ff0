"""Rules on the tenants' organisation: adviestermijn, overleg, deskundige, scholing, budget-huurders."""

from __future__ import annotations

from typing import Any

import pytest

from afspraken.testing import keys, rule_ids, run_rule
from afspraken_prestatieafspraken.huurders import adviestermijn, budget_huurders, deskundige, overleg, scholing

from .pa_data import BASIS, EXT

# (rule, key below the section, a failing value, the message it gives, the parameter, a value that lets it pass)
CASES = [
    (adviestermijn, "overleg.adviestermijn_weken", "3", "de huurdersorganisatie krijgt 3 weken voor haar advies; minimaal 6", "min_weken", 3),
    (overleg, "overleg.per_jaar", "0", "de partijen overleggen 0 keer per jaar; minimaal 1", "min_per_jaar", 0),
    (scholing, "ondersteuning.scholingsdagen_per_jaar", "1", "de huurdersorganisatie krijgt 1 dag scholing per jaar; minimaal 3", "min_dagen", 1),
    (budget_huurders, "ondersteuning.budget_euro", "0", "het jaarbudget van de huurdersorganisatie is € 0; minimaal € 1", "min_euro", 0.0),
]
ALL = [adviestermijn, overleg, deskundige, scholing, budget_huurders]


def run(rule: Any, snippet: str = "", **kw: Any) -> list[Any]:
    return run_rule(rule, snippet, base=BASIS, **kw)


def _set(dotted: str, value: str) -> str:
    table, key = dotted.rsplit(".", 1)
    return f"[{EXT}.{table}]\n{key} = {value}\n"


@pytest.mark.parametrize("rule", ALL, ids=lambda r: r.id)
def test_passes_on_the_compliant_example(rule: Any) -> None:
    assert run(rule) == []


@pytest.mark.parametrize("rule", ALL, ids=lambda r: r.id)
def test_examples(rule: Any) -> None:
    assert run(rule, rule.example_pass) == []
    assert rule_ids(run(rule, rule.example_fail)) == [rule.id]


@pytest.mark.parametrize(("rule", "key", "value", "message", "param", "lower"), CASES, ids=[c[0].id for c in CASES])
def test_below_the_minimum(rule: Any, key: str, value: str, message: str, param: str, lower: Any) -> None:
    findings = run(rule, _set(key, value))
    assert rule_ids(findings) == [rule.id]
    assert keys(findings) == [f"{EXT}.{key}"]
    assert findings[0].message("nl") == message
    assert not findings[0].undecided
    assert run(rule, _set(key, value), params={param: lower}) == []


@pytest.mark.parametrize(("rule", "key", "value", "message", "param", "lower"), CASES, ids=[c[0].id for c in CASES])
def test_exactly_the_minimum_passes(rule: Any, key: str, value: str, message: str, param: str, lower: Any) -> None:
    minimum = rule.params().model_dump()[param]
    assert run(rule, _set(key, repr(minimum))) == []


@pytest.mark.parametrize("rule", ALL, ids=lambda r: r.id)
@pytest.mark.parametrize("level", ["key", "table", "section"])
def test_missing_is_undecided_and_points_at_the_key(rule: Any, level: str) -> None:
    key = {r.id: k for r, k, *_ in CASES}.get(rule.id, "ondersteuning.deskundige_op_kosten_verhuurder")
    without = {"key": f"{EXT}.{key}", "table": f"{EXT}.{key.split('.')[0]}", "section": EXT}[level]
    [finding] = run(rule, without=[without])
    assert finding.undecided
    assert finding.location.key == f"{EXT}.{key}"
    assert finding.message("nl").startswith("kan niet beoordelen: ")
    assert f"vul {EXT}.{key} in" in finding.message("nl")
    assert ("het bestand heeft nog geen [extensies.prestatieafspraken]" in finding.message("nl")) == (level == "section")


def test_deskundige_false() -> None:
    findings = run(deskundige, _set("ondersteuning.deskundige_op_kosten_verhuurder", "false"))
    assert keys(findings) == [f"{EXT}.ondersteuning.deskundige_op_kosten_verhuurder"]
    assert "Overlegwet die kosten bij de verhuurder legt (art. 5d en 7)" in findings[0].message("nl")


def test_budget_amounts_in_dutch_and_english() -> None:
    [finding] = run(budget_huurders, _set("ondersteuning.budget_euro", "12500.5"), params={"min_euro": 20000})
    assert finding.message("nl") == "het jaarbudget van de huurdersorganisatie is € 12.500,50; minimaal € 20.000"
    assert finding.message("en") == "the yearly budget of the tenants' organisation is € 12,500.50; at least € 20,000 required"
