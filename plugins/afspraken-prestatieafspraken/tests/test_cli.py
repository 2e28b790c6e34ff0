"""End to end: the afspraken CLI on the plugin's example agreements."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from afspraken.commands import cli

from afspraken_prestatieafspraken import RULES

from .pa_data import FOUT, GOED


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_compliant_example_passes(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "--regelset", "prestatieafspraken", str(GOED)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("0 fouten, 0 waarschuwingen, 0 adviezen, 0 uitgelegd in 1 bestand.")


def test_non_compliant_example_fails_with_located_findings(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "--regelset", "prestatieafspraken", "--format", "json", str(FOUT)])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    [file] = report["files"]
    found = {(f["rule"], f["locations"][0]["key"]) for f in file["findings"]}
    ext = "extensies.prestatieafspraken"
    assert found == {
        ("prestatieafspraken/drie-partijen", "partij[2].ondertekent"),
        ("prestatieafspraken/themas", f"{ext}.themas"),
        ("prestatieafspraken/bod-op-tijd", f"{ext}.cyclus.bod"),
        ("prestatieafspraken/bod-op-tijd", f"{ext}.cyclus.bod_tot_en_met"),
        ("prestatieafspraken/bod-op-tijd", f"{ext}.cyclus.bod_naar"),
        ("prestatieafspraken/ondertekend-op-tijd", f"{ext}.cyclus.ondertekend"),
        ("prestatieafspraken/overleg", f"{ext}.overleg.verhuurder_huurders_per_jaar"),
        ("prestatieafspraken/adviestermijn", f"{ext}.overleg.adviestermijn_weken"),
        ("prestatieafspraken/deskundige", f"{ext}.ondersteuning.deskundige_op_kosten_verhuurder"),
        ("prestatieafspraken/budget-huurders", f"{ext}.ondersteuning.budget_euro"),
        ("prestatieafspraken/scholing", f"{ext}.ondersteuning.scholingsdagen_per_jaar"),
        ("prestatieafspraken/geschillenroute", f"{ext}.geschillen.route"),
        ("prestatieafspraken/toezending", f"{ext}.verantwoording.toegezonden"),
        ("prestatieafspraken/toezending", f"{ext}.verantwoording.toegezonden_aan"),
        ("prestatieafspraken/volkshuisvestingsverslag", f"{ext}.verantwoording.volkshuisvestingsverslag"),
        ("prestatieafspraken/reactie-op-advies", f"{ext}.advies[0].reactie"),
        ("prestatieafspraken/uitvoering-na-advies", f"{ext}.advies[0].uitgevoerd"),
        ("prestatieafspraken/smart-acties", f"{ext}.actie[0].indicator"),
        ("prestatieafspraken/smart-acties", f"{ext}.actie[1].eigenaar"),
    }
    lines: dict[str, int] = {}
    for f in file["findings"]:
        lines.setdefault(f["rule"], f["locations"][0]["line"])
    text = FOUT.read_text(encoding="utf-8").splitlines()
    assert text[lines["prestatieafspraken/bod-op-tijd"] - 1].startswith("bod = 2025-08-15")
    assert text[lines["prestatieafspraken/adviestermijn"] - 1].startswith("adviestermijn_weken = 3")


def test_text_output_both_files(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "--regelset", "prestatieafspraken", str(GOED), str(FOUT)])
    assert result.exit_code == 1
    assert f"{FOUT}:38:1: fout prestatieafspraken/bod-op-tijd: het bod kwam op 15 augustus 2025" in result.output
    assert str(GOED) + ":" not in result.output
    assert result.output.strip().endswith("10 fouten, 9 waarschuwingen, 0 adviezen, 0 uitgelegd in 2 bestanden.")


def test_english(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "--regelset", "prestatieafspraken", "--lang", "en", str(FOUT)])
    assert "error prestatieafspraken/bod-op-tijd: the bid came on 15 August 2025" in result.output


def test_rules_and_explain(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["rules", "--regelset", "prestatieafspraken"])
    assert result.exit_code == 0, result.output
    assert result.output.count("prestatieafspraken/") == len(RULES)
    result = runner.invoke(cli, ["explain", "prestatieafspraken/adviestermijn"])
    assert result.exit_code == 0, result.output
    assert "ten minste zes weken" in result.output and "min_weken = 6" in result.output


def test_installed_command_as_a_subprocess() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "afspraken", "check", "--regelset", "prestatieafspraken", str(GOED)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_explain_marks_paraphrases_and_names_articles(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["explain", "prestatieafspraken/themas"])
    assert "de door Onze Minister vast te stellen rijksprioriteiten" in result.output
    assert "de vijf thema's zelf zijn geen wettelijke lijst" in result.output
    result = runner.invoke(cli, ["explain", "prestatieafspraken/smart-acties"])
    assert "(geen wettekst) SMART" in result.output
    result = runner.invoke(cli, ["explain", "prestatieafspraken/geschiltermijnen"])
    assert "Woningwet, art. 44 lid 4" in result.output and "binnen vier weken na het ontstaan van het geschil" in result.output
    assert 'peildatum = "vandaag"' in result.output


def test_config_below_a_statutory_minimum_is_a_located_error(runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "afspraken.toml"
    config.write_text('regelsets = ["prestatieafspraken"]\n\n[regels."prestatieafspraken/scholing"]\nmin_dagen = 2\n', encoding="utf-8")
    result = runner.invoke(cli, ["check", "--config", str(config), str(GOED)])
    assert result.exit_code == 2, result.output
    assert f"{config}:4:13: " in result.output
    assert "'min_dagen': 2 ligt onder het wettelijke minimum van 3 (Overlegwet art. 5e lid 2)" in result.output
    config.write_text('regelsets = ["prestatieafspraken"]\n\n[regels."prestatieafspraken/scholing"]\nmin_dagen = 5\n', encoding="utf-8")
    result = runner.invoke(cli, ["check", "--config", str(config), str(GOED)])
    assert result.exit_code == 1  # the example has 4 days: a raised floor applies
    assert "minimaal 5" in result.output
