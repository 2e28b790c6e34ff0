"""One broken plugin never hides the healthy ones: every kind of breakage next to a healthy plugin."""

from __future__ import annotations

import json

import pytest

from test_plugins import RULE, _dist, site  # noqa: F401 - the fixture

BROKEN = {
    "kapot": "raise ImportError('kapot is stuk')\n",
    "haak": "from afspraken import hookimpl\n\n@hookimpl\ndef register_rules():\n    raise RuntimeError('haak is stuk')\n",
    "kaal": "from afspraken import hookimpl\n\ndef check(doc, params):\n    return []\n\n@hookimpl\ndef register_rules():\n    return [check]\n",
    "syntaxis": (
        "from pathlib import Path\nfrom afspraken import hookimpl\n\n@hookimpl\ndef register_rulesets():\n"
        "    return [Path(__file__).with_name('syntaxis.toml')]\n"
    ),
}


@pytest.fixture
def broken(site, monkeypatch):  # noqa: F811
    import sys

    for name in ("alfa", *BROKEN):  # each test imports its own copies
        monkeypatch.delitem(sys.modules, f"{name}_plug", raising=False)
    _dist(site, "alfa", RULE.format(id="alfa/regel", body="return []"))
    for name, body in BROKEN.items():
        _dist(site, name, body)
    (site / "syntaxis.toml").write_text('[regelset]\nnaam = "syntaxis"\nbreidt_uit = ["basis"\n', encoding="utf-8")
    return site


def test_rules_explain_and_rulesets_still_work(cli, broken):
    listed = cli("rules", "--alle", "--format", "json")
    assert listed.exit_code == 0, listed.stderr
    ids = {r["id"] for r in json.loads(listed.stdout)}
    assert {"alfa/regel", "gelijke-stem"} <= ids
    for name in ("kapot", "haak", "kaal"):
        assert f"plugin '{name}'" in listed.stderr
    explained = cli("explain", "gelijke-stem")
    assert explained.exit_code == 0 and "gelijke-stem" in explained.stdout and "plugin 'kapot'" in explained.stderr
    sets = cli("rulesets")  # lists what works; exit 2 because the rule set syntaxis is broken (plugins.md)
    assert sets.exit_code == 2 and "wijkaanpak" in sets.stdout and "syntaxis.toml" in sets.stderr
    plugins = cli("plugins", "--format", "json")
    assert plugins.exit_code == 2  # the command for plugins says they are not all well
    data = json.loads(plugins.stdout)
    assert "alfa" in [p["name"] for p in data["plugins"]]
    assert {f["plugin"] for f in data["failures"]} >= {"kapot", "haak", "kaal"}


def test_a_plugin_error_names_distribution_entry_point_and_code_and_says_what_to_do(cli, broken):
    result = cli("rules")
    [line] = [x for x in result.stderr.splitlines() if "plugin 'kapot'" in x]
    assert "ImportError: kapot is stuk" in line
    assert "distribution kapot-plug 1.2.3, entry point kapot = kapot_plug" in line
    assert "kapot_plug.py:1" in line
    [line] = [x for x in result.stderr.splitlines() if "plugin 'haak'" in x]
    assert "hook register_rules: RuntimeError: haak is stuk" in line and "haak_plug.py:5" in line
    assert result.stderr.rstrip().splitlines()[-1].startswith("Zet AFSPRAKEN_TRACEBACK=1")
    english = cli("rules", "--lang", "en")
    assert english.stderr.rstrip().splitlines()[-1].startswith("Set AFSPRAKEN_TRACEBACK=1")


def test_an_undecorated_rule_gets_a_hint(cli, broken):
    result = cli("rules")
    [line] = [x for x in result.stderr.splitlines() if "plugin 'kaal'" in x]
    assert "returned function" in line and "decorate the function with @afspraken.rule" in line


def test_a_plugins_rule_set_with_a_toml_error_is_located_in_the_chosen_language(cli, broken):
    dutch = cli("rulesets")
    [line] = [x for x in dutch.stderr.splitlines() if "syntaxis.toml" in x]
    assert "syntaxis.toml:4:1: TOML-fout" in line
    english = cli("rulesets", "--lang", "en")
    [line_en] = [x for x in english.stderr.splitlines() if "syntaxis.toml" in x]
    assert "syntaxis.toml:4:1: TOML error" in line_en


def test_an_unknown_rule_set_names_the_plugins_that_did_not_load(cli, broken, write):
    """`--regelset kapot` when plugin kapot failed to import: the rule set is unknown because
    of that, and the message says so instead of leaving the reader to connect the two."""
    from afspraken.testing import agreement_text

    write("a.toml", agreement_text())
    result = cli("check", "a.toml", "--regelset", "kapot")
    assert result.exit_code == 2
    assert "onbekende regelset 'kapot'" in result.output and "plugin 'kapot' kon niet laden en heeft geen regelsets aangemeld" in result.output
    english = cli("check", "a.toml", "--regelset", "kapot", "--lang", "en")
    assert "plugin 'kapot' failed to load and registered no rule sets" in english.output
    assert "haak" not in result.output.split("onbekende regelset")[1].splitlines()[0]  # its register_rules failed, not its rule sets
    write("sets.py", "from afspraken import hookimpl\n\n@hookimpl\ndef register_rulesets():\n    raise RuntimeError('stuk')\n")
    hooked = cli("check", "a.toml", "--regelset", "sets", "--plugin", "sets.py", env={"AFSPRAKEN_PLUGINS": ""})
    line = hooked.output.split("onbekende regelset 'sets'")[1].splitlines()[0]
    assert "plugin 'sets' kon zijn regelsets niet aanmelden" in line and "kon niet laden" not in line, line


def test_check_still_fails_with_2_naming_the_broken_plugins(cli, broken, write):
    from afspraken.testing import agreement_text

    write("a.toml", agreement_text())
    result = cli("check", "a.toml")
    assert result.exit_code == 2 and "plugin 'kapot'" in result.output


def test_rules_says_how_many_installed_rules_are_not_active(cli):
    import afspraken.plugins.registry as registry

    every = len(registry.Registry().rules)
    active = json.loads(cli("rules", "--format", "json").stdout)
    result = cli("rules")
    assert f"{every - len(active)} geïnstalleerde regel(s) niet actief; toon alle regels met: afspraken rules --alle" in result.stdout
    assert "niet actief" not in cli("rules", "--alle").stdout


def test_a_broken_plugin_rule_set_names_the_plugin_and_only_fails_a_run_that_uses_it(cli, broken, monkeypatch):
    from test_plugins import UNEQUAL

    monkeypatch.setenv("AFSPRAKEN_PLUGINS", "alfa syntaxis")  # the other broken plugins would make every run exit 2

    plain = cli("check", str(UNEQUAL), "--format", "json")
    assert plain.exit_code != 2, plain.stderr
    [line] = [x for x in plain.stderr.splitlines() if "syntaxis.toml" in x]
    assert "waarschuwing" in line and "plugin 'syntaxis'" in line and "AFSPRAKEN_PLUGINS" in line
    by_name = cli("check", str(UNEQUAL), "--regelset", "naam-van-binnen")  # its naam cannot be read: the file is named
    assert by_name.exit_code == 2 and "niet te lezen, dus onbekend van naam: syntaxis (plugin 'syntaxis')" in by_name.output, by_name.output
    used = cli("check", str(UNEQUAL), "--regelset", "syntaxis", "--format", "json")
    assert used.exit_code == 2 and "waarschuwing" not in used.stderr  # an error, said once
    problems = json.loads(used.stdout)["problems"]
    assert any("syntaxis.toml" in p["file"] and "plugin 'syntaxis'" in p["message"] for p in problems), problems
    listed = cli("plugins")
    assert listed.exit_code == 2
    assert "regelsets die niet te lezen zijn (zie stderr): syntaxis" in listed.stdout
    assert "plugin 'syntaxis'" in listed.stderr and "waarschuwing" not in listed.stderr  # an error here: exit 2


def test_plugins_lists_a_rule_set_that_reads_but_cannot_be_used_and_exits_2(cli, site, monkeypatch):  # noqa: F811
    """plugins.md: `afspraken plugins` lists the rule sets that fail next to their plugin and
    exits 2. Not only one that does not parse: also one with an unknown rule or ernst, which
    shows only when the set is used (as `rulesets` and `check --regelset` do)."""
    import sys

    monkeypatch.delitem(sys.modules, "schema_plug", raising=False)
    body = (
        "from pathlib import Path\nfrom afspraken import hookimpl\n\n@hookimpl\ndef register_rulesets():\n"
        "    return [Path(__file__).with_name('schemaset.toml')]\n"
    )
    _dist(site, "schema", body)
    (site / "schemaset.toml").write_text(
        '[regelset]\nnaam = "schemaset"\nbeschrijving = "x"\n\n[regels."gelijke-stemm"]\nernst = "fout"\n', encoding="utf-8"
    )
    listed = cli("plugins")
    assert listed.exit_code == 2, listed.output
    assert "regelsets met fouten (zie stderr): schemaset" in listed.stdout
    [line] = [x for x in listed.stderr.splitlines() if "schemaset.toml" in x]
    assert "schemaset.toml:5:1: onbekende regel 'gelijke-stemm'" in line and "plugin 'schema'" in line
    data = json.loads(cli("plugins", "--format", "json", "--lang", "en").stdout)
    [plugin] = [p for p in data["plugins"] if p["name"] == "schema"]
    assert plugin["faulty_rulesets"] == ["schemaset"] and plugin["rulesets"] == ["schemaset"]
    monkeypatch.setenv("AFSPRAKEN_PLUGINS", "")  # without it: every plugin well, exit 0
    assert cli("plugins").exit_code == 0


def test_a_wrong_rule_definition_points_at_the_plugins_line(tmp_path):
    """The guide promises the file:line in the plugin's code, not afspraken's own."""
    import afspraken

    plugin = tmp_path / "fout2.py"
    plugin.write_text(
        "from afspraken import Text, hookimpl, rule\n\n"
        "@rule(id='fout2/x', title='str', summary=Text('s', 's'), rationale=Text('r', 'r'), quote='q', fix=Text('f', 'f'), severity='advies')\n"
        "def x(doc, params):\n    return []\n"
    )
    [failure] = afspraken.Checker(plugins=[str(plugin)], config=False, entry_points=False).registry.failures
    assert failure.where in (f"{plugin}:3", f"{plugin}:4"), failure  # the decorator's line (3.11+) or the def's (3.10)


def test_a_mistake_in_a_plugins_rule_set_names_the_plugin(tmp_path):
    """An unknown rule or a wrong ernst in a rule set a plugin ships is located in its file and
    says whose rule set it is, as a rule set that does not parse already did."""
    import afspraken

    (tmp_path / "mijnset.toml").write_text(
        '[regelset]\nnaam = "mijnset"\nbeschrijving = "test"\n\n[regels."gelijke-stemm"]\nernst = "fout"\n\n[regels.lange-termijn]\nernst = "streng"\n'
    )
    plugin = tmp_path / "mijnplugin.py"
    plugin.write_text(
        "from pathlib import Path\nfrom afspraken import hookimpl\n\n@hookimpl\ndef register_rulesets():\n"
        "    return [Path(__file__).with_name('mijnset.toml')]\n"
    )
    from conftest import EXAMPLES

    report = afspraken.check(str(EXAMPLES / "woensel-west.toml"), plugins=[str(plugin)], regelsets=["mijnset"], config=False, entry_points=False)
    said = [p.message("nl") for p in report.problems]
    assert any("gelijke-stemm" in m and "regelset van plugin 'mijnplugin'" in m for m in said), said
    assert any("streng" in m and "regelset van plugin 'mijnplugin'" in m for m in said), said


def test_rulesets_reports_a_set_that_names_an_unknown_rule(cli, write):
    """A rule set that reads fine but names a rule nobody registered is broken as `check
    --regelset` finds it: listed by `afspraken rulesets` with the problem on stderr, exit 2."""
    write("sets.py", "from pathlib import Path\nfrom afspraken import hookimpl\n\n@hookimpl\ndef register_rulesets():\n    return [Path(__file__).with_name('sets.toml')]\n")
    write("sets.toml", '[regelset]\nnaam = "sets"\nbeschrijving = "x"\nbron = "y"\nbreidt_uit = ["basis"]\n\n[regels."sets/bestaat-niet"]\nernst = "fout"\n')
    result = cli("rulesets", "--plugin", "sets.py")
    assert result.exit_code == 2
    assert "sets.toml:7:1: onbekende regel 'sets/bestaat-niet'" in result.stderr
