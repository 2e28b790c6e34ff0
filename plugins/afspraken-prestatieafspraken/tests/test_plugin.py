"""The plugin as a whole: registration through the entry point, rule metadata, the rule set."""

from __future__ import annotations

from typing import Any

import pytest
import tomli

from afspraken.plugins.manager import get_plugin_manager
from afspraken.plugins.registry import Registry
from afspraken.testing import run_rule
from afspraken_prestatieafspraken import RULES, __version__
from afspraken_prestatieafspraken.model import Prestatieafspraken

from .pa_data import BASIS

IDS = [r.id for r in RULES]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry(get_plugin_manager())


def test_loaded_through_the_entry_point(registry: Registry) -> None:
    info = registry.pm.info["prestatieafspraken"]
    assert info.kind == "entry point" and info.version == __version__
    assert not [c for c in registry.failures if c.plugin == "prestatieafspraken"]
    assert {r for r in registry.rules if r.startswith("prestatieafspraken/")} == set(IDS)
    assert all(registry.rules[i].plugin == "prestatieafspraken" for i in IDS)
    assert registry.extensions["prestatieafspraken"] is Prestatieafspraken
    assert registry.extension_owner["prestatieafspraken"] == ["prestatieafspraken"]


def test_at_least_eight_rules_all_namespaced() -> None:
    assert len(RULES) >= 8
    assert len(set(IDS)) == len(IDS)
    assert all(i.startswith("prestatieafspraken/") for i in IDS)


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_metadata_is_complete(rule: Any) -> None:
    for text in (rule.title, rule.summary, rule.rationale, rule.fix):
        assert text.nl.strip() and text.en.strip() and text.nl != text.en
    assert rule.quote.strip()
    assert "Samen sterk in de wijk" not in rule.source  # the default source is the core's, not ours
    assert any(name in rule.source for name in ("Woningwet", "Overlegwet", "Besluit toegelaten instellingen", "SMART"))
    assert rule.example_fail and rule.example_pass
    for name, field in rule.params.model_fields.items():
        assert field.description, f"{rule.id}: parameter {name} has no description"


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_examples_do_what_they_say(rule: Any) -> None:
    assert run_rule(rule, rule.example_pass, base=BASIS) == []
    findings = run_rule(rule, rule.example_fail, base=BASIS)
    assert findings and {f.rule for f in findings} == {rule.id}
    assert not any(f.undecided for f in findings)


def test_the_rule_set_lists_every_rule_with_its_defaults(registry: Registry) -> None:
    found = registry.rulesets["prestatieafspraken"]
    assert found.plugin == "prestatieafspraken"
    data = tomli.loads(found.path.read_text(encoding="utf-8"))
    assert data["regelset"]["naam"] == "prestatieafspraken"
    assert data["regelset"]["breidt_uit"] == []
    assert sorted(data["regels"]) == sorted(IDS)
    by_id = {r.id: r for r in RULES}
    for rule_id, table in data["regels"].items():
        rule = by_id[rule_id]
        assert table["ernst"] == rule.severity.value
        params = {k: v for k, v in table.items() if k != "ernst"}
        assert rule.params.model_validate(params) == rule.params(), f"{rule_id}: the rule set changes a default"


def test_the_rule_set_activates_all_rules() -> None:
    from afspraken.checking.run import Checker
    from .pa_data import GOED

    checker = Checker(regelsets=["prestatieafspraken"])
    env = checker.environment(GOED.parent)
    assert env.problems == []
    assert sorted(a.rule.id for a in env.rules) == sorted(IDS)
