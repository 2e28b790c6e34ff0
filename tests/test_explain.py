"""Rules explain themselves: `rules`, `explain`, and the generated reference pages."""

from __future__ import annotations

import json

import pytest

from afspraken.reporting.explaining import reference
from afspraken.reporting.links import PAGES
from conftest import ROOT


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_reference_page_is_in_step_with_the_code(lang):
    page = ROOT / "docs" / PAGES[lang]
    assert page.read_text(encoding="utf-8") == reference(lang), "run: python -m afspraken.reporting.explaining"


def test_every_listed_rule_can_be_explained_in_both_languages(cli):
    rules = json.loads(cli("rules", "--alle", "--format", "json").stdout)
    assert len(rules) >= 24
    for item in rules:
        for lang in ("nl", "en"):
            result = cli("explain", item["id"], "--lang", lang)
            assert result.exit_code == 0, (item["id"], result.output)
            text = result.stdout
            assert item["id"] in text and "\u201c" in text  # the quote from the source
            assert ("Oplossing:" if lang == "nl" else "How to fix it:") in text


def test_rules_lists_the_active_rule_sets_and_the_always_on_rules(cli):
    rules = {r["id"]: r for r in json.loads(cli("rules", "--format", "json").stdout)}
    assert rules["overlegrecht"]["ruleset"] == "wijkaanpak" and rules["gelijke-stem"]["ruleset"] == "basis"
    assert rules["uitzondering-verlopen"]["ruleset"] == "altijd"
    assert "mandaat" not in rules
    model = {r["id"]: r for r in json.loads(cli("rules", "--regelset", "buurtonderneming", "--format", "json").stdout)}
    assert model["mandaat"]["ruleset"] == "buurtonderneming" and model["overlegrecht"]["severity"] == "fout"


def test_rules_as_markdown(cli):
    text = cli("rules", "--format", "markdown", "--lang", "en").stdout
    assert text.startswith("| id | title | severity | rule set | plugin |") and "| gelijke-stem | Equal voice" in text
