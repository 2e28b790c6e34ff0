"""Configuration and rule sets: discovery, overrides, and clear errors."""

from __future__ import annotations

import json

from afspraken.testing import agreement_text

TOO_MANY = agreement_text("[afspraak]\nbewoners = 3000\n")  # 10 professionals on 3,000 residents: 3.33 per 1,000


def findings(result) -> list[str]:
    report = json.loads(result.stdout)
    return [f["rule"] for file in report["files"] for f in file["findings"]]


def test_config_is_found_from_the_files_folder_upward(cli, write):
    write("afspraken.toml", "[regels.niet-te-veel-professionals]\nmax_per_1000_bewoners = 4.0\n")
    write("wijken/noord/a.toml", TOO_MANY)
    write("elders/b.toml", TOO_MANY)
    assert findings(cli("check", "wijken", "--format", "json")) == []
    # --config overrides discovery; a config elsewhere is not used
    write("strenger/afspraken.toml", "[regels.niet-te-veel-professionals]\nmax_per_1000_bewoners = 2.0\n")
    assert findings(cli("check", "wijken", "--format", "json", "--config", "strenger/afspraken.toml")) == ["niet-te-veel-professionals"]


def test_nearest_config_wins_per_file(cli, write):
    write("afspraken.toml", "[regels.niet-te-veel-professionals]\nmax_per_1000_bewoners = 4.0\n")
    write("streng/afspraken.toml", "[regels.niet-te-veel-professionals]\nmax_per_1000_bewoners = 1.0\n")
    write("a.toml", TOO_MANY)
    write("streng/b.toml", TOO_MANY)
    report = json.loads(cli("check", "a.toml", "streng/b.toml", "--format", "json").stdout)
    assert [len(f["findings"]) for f in report["files"]] == [0, 1]


def test_pyproject_tool_section(cli, write):
    write("pyproject.toml", "[project]\nname = 'x'\n\n[tool.afspraken]\nregelsets = ['basis']\n[tool.afspraken.regels.niet-te-veel-professionals]\nernst = 'advies'\n")
    write("a.toml", TOO_MANY)
    result = cli("check", "a.toml", "--format", "json")
    assert result.exit_code == 0  # advies does not fail the run
    report = json.loads(result.stdout)
    assert report["rulesets"] == ["basis"] and report["files"][0]["findings"][0]["severity"] == "advies"


def test_severity_uit_switches_a_rule_off(cli, write):
    write("afspraken.toml", "[regels.niet-te-veel-professionals]\nernst = 'uit'\n")
    write("a.toml", TOO_MANY)
    result = cli("check", "a.toml", "--format", "json")
    assert findings(result) == []
    rules = [r["rule"] for r in json.loads(result.stdout)["files"][0]["rules"]]
    assert "niet-te-veel-professionals" not in rules and "gelijke-stem" in rules


def test_unknown_rule_in_config_is_located(cli, write):
    write("afspraken.toml", "regelsets = ['basis']\n\n[regels.gelijke-stemm]\nernst = 'fout'\n")
    write("a.toml", agreement_text())
    result = cli("check", "a.toml")
    assert result.exit_code == 2
    assert "afspraken.toml:3:1: onbekende regel 'gelijke-stemm'; bedoelde u 'gelijke-stem'?" in result.output


def test_wrong_parameter_name_and_type_are_located(cli, write):
    write("afspraken.toml", "[regels.niet-te-veel-professionals]\nmax_per_1000 = 2\nmax_organisaties = 'vijf'\n")
    write("a.toml", agreement_text())
    result = cli("check", "a.toml")
    assert result.exit_code == 2
    assert "afspraken.toml:2:1: onbekende sleutel 'max_per_1000'" in result.output
    assert "bedoelde u 'max_per_1000_bewoners'?" in result.output
    assert "afspraken.toml:3:20: 'max_organisaties' moet een geheel getal zijn" in result.output


def test_wrong_severity_and_unknown_config_key(cli, write):
    write("afspraken.toml", "regelset = ['basis']\n[regels.gelijke-stem]\nernst = 'heel erg'\n")
    write("a.toml", agreement_text())
    result = cli("check", "a.toml")
    assert "afspraken.toml:1:1: onbekende sleutel 'regelset'" in result.output and "bedoelde u 'regelsets'?" in result.output
    result = cli("check", "a.toml", "--config", "afspraken.toml")
    assert result.exit_code == 2


def test_regelset_option_takes_a_name_or_a_file(cli, write):
    write("mijn.toml", "[regelset]\nnaam = 'mijn'\nbreidt_uit = ['basis']\n[regels.niet-te-veel-professionals]\nmax_per_1000_bewoners = 2.0\n")
    write("a.toml", agreement_text("[afspraak]\nbewoners = 4000\n"))  # 2.5 per 1,000
    assert findings(cli("check", "a.toml", "--format", "json", "--regelset", "basis")) == []
    result = cli("check", "a.toml", "--format", "json", "--regelset", "mijn.toml")
    assert findings(result) == ["niet-te-veel-professionals"]
    assert json.loads(result.stdout)["rulesets"] == ["basis", "mijn"]


def test_unknown_ruleset(cli, write):
    write("a.toml", agreement_text())
    result = cli("check", "a.toml", "--regelset", "wijkaanpakk")
    assert result.exit_code == 2 and "onbekende regelset 'wijkaanpakk'" in result.output and "bedoelde u 'wijkaanpak'?" in result.output


def test_cycle_in_breidt_uit(cli, write):
    write("a.toml", agreement_text())
    write("x.toml", "[regelset]\nbreidt_uit = ['y.toml']\n")
    write("y.toml", "[regelset]\nbreidt_uit = ['x.toml']\n")
    result = cli("check", "a.toml", "--regelset", "x.toml")
    assert result.exit_code == 2
    assert "kringverwijzing in breidt_uit" in result.output and "x.toml -> " in result.output
    assert "y.toml:2:15:" in result.output  # points at the entry that closes the cycle


def test_ruleset_file_errors_are_located(cli, write):
    write("a.toml", agreement_text())
    write("r.toml", "[regelset]\nbreidt_uit = ['basis']\nbeschrijvng = 'x'\n[regels.gelijke-stem]\nper = 'persoon'\n")
    result = cli("check", "a.toml", "--regelset", "r.toml")
    assert result.exit_code == 2
    assert "r.toml:3:1: onbekende sleutel 'beschrijvng'" in result.output


def test_ruleset_parameter_error_is_located(cli, write):
    write("a.toml", agreement_text())
    write("r.toml", "[regelset]\nbreidt_uit = ['basis']\n[regels.gelijke-stem]\nper = 'persoon'\n")
    result = cli("check", "a.toml", "--regelset", "r.toml")
    assert result.exit_code == 2 and "r.toml:4:7: 'per' heeft een ongeldige waarde \"persoon\"" in result.output


def test_config_can_switch_on_a_rule_outside_the_rule_set(cli, write):
    write("afspraken.toml", "regelsets = ['basis']\n[regels.niet-te-veel-professionals]\nernst = 'waarschuwing'\n")
    write("a.toml", TOO_MANY)
    result = cli("check", "a.toml", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["files"][0]["findings"][0]["severity"] == "waarschuwing"


def test_parameter_out_of_range_is_worded_in_dutch(cli, write):
    write("afspraken.toml", "[regels.kleinschalig]\nmin_aandeel_straat = 1.5\n")
    write("a.toml", agreement_text())
    result = cli("check", "a.toml")
    assert result.exit_code == 2 and "afspraken.toml:2:22: 'min_aandeel_straat' moet hoogstens 1.0 zijn, niet 1.5" in result.output


def test_a_broken_setting_does_not_stop_the_other_rules(cli, write):
    write("afspraken.toml", "[regels.gelijke-stemm]\nernst = 'fout'\n")
    write("a.toml", TOO_MANY)
    result = cli("check", "a.toml", "--format", "json")
    assert result.exit_code == 2  # the setting is wrong ...
    assert findings(result) == ["niet-te-veel-professionals"]  # ... and the rules still ran


def test_option_problems_have_no_fake_line(cli, write):
    write("a.toml", agreement_text())
    result = cli("check", "a.toml", "--regelset", "onbekend", "--select", "niets")
    assert "--regelset: onbekende regelset 'onbekend'" in result.output
    assert "--select/--ignore: onbekende regel 'niets'" in result.output


def test_every_mistake_in_a_config_is_reported_at_once(cli, write):
    write("afspraken.toml", "taal = 'en'\n[regels.gelijke-stem]\nper = 3\nernst = 'kritiek'\n[regels.onbekend]\nernst = 'fout'\n")
    write("a.toml", agreement_text())
    result = cli("check", "a.toml")
    assert result.exit_code == 2
    for expected in ("afspraken.toml:1:1: onbekende sleutel 'taal'", "afspraken.toml:3:7: 'per'", "afspraken.toml:4:9: ernst 'kritiek' bestaat niet", "afspraken.toml:5:1: onbekende regel 'onbekend'"):
        assert expected in result.output, (expected, result.output)


def test_every_mistake_in_a_rule_set_is_reported_at_once(cli, write):
    write("a.toml", agreement_text())
    write("r.toml", "[regelset]\nauteur = 'ik'\nbreidt_uit = ['basis']\n[regels.gelijke-stem]\nper = 'persoon'\n[regels.niet-bestaand]\n")
    result = cli("check", "a.toml", "--regelset", "r.toml")
    assert "r.toml:2:1: onbekende sleutel 'auteur'" in result.output
    assert "r.toml:5:7: 'per' heeft een ongeldige waarde" in result.output and "r.toml:6:1: onbekende regel 'niet-bestaand'" in result.output


def test_rule_sets_next_to_each_other_extend_by_name(cli, write):
    write("a.toml", agreement_text("[afspraak]\nbewoners = 4000\n"))
    write("sets/streng.toml", "[regelset]\nbreidt_uit = ['midden']\n[regels.niet-te-veel-professionals]\nmax_per_1000_bewoners = 2.0\n")
    write("sets/midden.toml", "[regelset]\nbreidt_uit = ['basis']\n")
    result = cli("check", "a.toml", "--regelset", "sets/streng.toml", "--format", "json")
    assert json.loads(result.stdout)["rulesets"] == ["basis", "midden", "streng"] and findings(result) == ["niet-te-veel-professionals"]
    write("sets/zelf.toml", "[regelset]\nbreidt_uit = ['zelf']\n")
    result = cli("check", "a.toml", "--regelset", "sets/zelf.toml")
    assert "kringverwijzing in breidt_uit: sets/zelf.toml -> sets/zelf.toml" in result.output
