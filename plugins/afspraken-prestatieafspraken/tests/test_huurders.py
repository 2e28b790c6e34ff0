"""Rules on the tenants' organisation: adviestermijn, overleg, deskundige, scholing, budget-huurders."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from afspraken.testing import keys, rule_ids, run_rule
from afspraken_prestatieafspraken.huurders import adviestermijn, budget_huurders, deskundige, overleg, scholing

from .pa_data import BASIS, EXT

# (rule, key below the section, a failing value, the message it gives, the parameter, a value that lets it pass)
CASES = [
    (
        overleg,
        "overleg.verhuurder_huurders_per_jaar",
        "0",
        "de verhuurder overlegt 0 keer per jaar met de huurdersorganisatie; minimaal 1",
        "min_per_jaar",
        None,
    ),
    (adviestermijn, "overleg.adviestermijn_weken", "3", "de huurdersorganisatie krijgt 3 weken voor haar advies; minimaal 6", "min_weken", None),
    (
        scholing,
        "ondersteuning.scholingsdagen_per_jaar",
        "2",
        "het bestuur van de huurdersorganisatie kan 2 dagen per jaar scholing ontvangen; minimaal 3 (het wettelijke minimum)",
        "min_dagen",
        None,
    ),
    (budget_huurders, "ondersteuning.budget_euro", "0", "het jaarbudget van de huurdersorganisatie is € 0; minimaal € 1", "min_euro", 0.0),
]
# The statutory minimums (None above): a parameter may raise them, never lower them.
STATUTORY = [(overleg, "min_per_jaar", 1, "Overlegwet art. 5b lid 3"), (adviestermijn, "min_weken", 6, "Overlegwet art. 5 lid 1"),
             (scholing, "min_dagen", 3, "Overlegwet art. 5e lid 2")]
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
    if lower is not None:
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


@pytest.mark.parametrize(("rule", "param", "minimum", "article"), STATUTORY, ids=[c[0].id for c in STATUTORY])
def test_a_statutory_minimum_cannot_be_lowered(rule: Any, param: str, minimum: int, article: str) -> None:
    assert rule.params().model_dump()[param] == minimum
    with pytest.raises(ValidationError) as info:
        rule.params.model_validate({param: minimum - 1})
    [error] = info.value.errors()
    assert error["type"] == "onder_wettelijk_minimum"
    assert error["msg"].startswith(f"{minimum - 1} ligt onder het wettelijke minimum van {minimum} ({article})")


@pytest.mark.parametrize(("rule", "param", "minimum", "article"), STATUTORY, ids=[c[0].id for c in STATUTORY])
def test_a_statutory_minimum_can_be_raised(rule: Any, param: str, minimum: int, article: str) -> None:
    key = {r.id: k for r, k, *_ in CASES}[rule.id]
    assert run(rule, _set(key, str(minimum))) == []
    [finding] = run(rule, _set(key, str(minimum)), params={param: minimum + 2})
    assert f"minimaal {minimum + 2}" in finding.message("nl")


def test_scholing_names_the_board_and_the_law() -> None:
    assert "leden van het bestuur" in scholing.rationale.nl and "niet lager dan drie per jaar" in scholing.rationale.nl
    assert "norm" not in scholing.source
    [finding] = run(scholing, _set("ondersteuning.scholingsdagen_per_jaar", "4"), params={"min_dagen": 5})
    assert "(het wettelijke minimum)" not in finding.message("nl")  # 5 is the agreement's own norm, not the law's


def test_overleg_is_between_landlord_and_tenants_not_the_three_parties() -> None:
    assert "art. 5b lid 3" in overleg.source
    # the three-party meetings have no statutory number: zero of them is not this rule's business
    assert run(overleg, _set("overleg.per_jaar", "0")) == []
    [finding] = run(overleg, without=[f"{EXT}.overleg.verhuurder_huurders_per_jaar"])
    assert finding.undecided and "de verhuurder met de huurdersorganisatie overlegt" in finding.message("nl")
