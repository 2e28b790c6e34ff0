"""afspraken.testing, as plugin authors use it: helpers and the pytest fixtures (entry point pytest11)."""

from __future__ import annotations

import json

import pytest

from afspraken.testing import BASE, agreement_text, keys, load_agreement, rule_ids, run_rule


def test_base_agreement_passes_every_built_in_rule_set(afspraken_cli, afspraak):
    path = afspraak()
    for regelset in ("wijkaanpak", "buurtonderneming"):
        result = afspraken_cli("check", path, "--regelset", regelset, "--fail-on", "advies")
        assert result.exit_code == 0, result.output


def test_snippets_merge_tables_and_replace_arrays():
    text = agreement_text("[afspraak]\nbewoners = 10\n[[partij]]\nid = 'g'\nnaam = 'G'\nsoort = 'gemeente'\n", without=["escalatie"])
    assert "bewoners = 10" in text and 'titel = "Samenwerkingsafspraken Voorbeeldwijk"' in text
    assert text.count("[[partij]]") == 1 and "[escalatie]" not in text


def test_invalid_snippet_lists_every_problem():
    with pytest.raises(AssertionError) as info:
        load_agreement("[afspraak]\nbewoners = 'veel'\nwijkk = 'x'\n")
    assert "bewoners" in str(info.value) and "wijkk" in str(info.value)


def test_run_rule_by_id_with_params_and_keys():
    findings = run_rule("niet-te-veel-professionals", params={"max_per_1000_bewoners": 1.0})
    assert rule_ids(findings) == ["niet-te-veel-professionals"] and keys(findings) == ["partij[1].professionals"]


def test_fixtures_write_and_check(afspraak, afspraken_cli):
    path = afspraak("[afspraak]\nbewoners = 1000\n", name="sub/te-veel.toml")
    assert path.read_text() != BASE
    result = afspraken_cli("check", path, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["files"][0]["findings"][0]["rule"] == "niet-te-veel-professionals"
