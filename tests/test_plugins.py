"""Plugins: loading, namespacing, and fault isolation (every failure names its plugin)."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from afspraken.plugins.manager import get_plugin_manager
from afspraken.plugins.registry import Registry
from conftest import EXAMPLES

UNEQUAL = EXAMPLES / "ongelijke-stem.toml"

RULE = '''
from afspraken import hookimpl, rule, Text, violation

@rule(id="{id}", severity="waarschuwing", title=Text("t", "t"), summary=Text("s", "s"),
      rationale=Text("r", "r"), quote="q", fix=Text("f", "f"))
def check(doc, params):
    {body}

@hookimpl
def register_rules():
    return [check]
'''


def plugin(write, name: str, *, id: str | None = None, body: str = "return []", extra: str = "") -> Path:
    return write(f"{name}.py", RULE.format(id=id or f"{name}/regel", body=body) + textwrap.dedent(extra))


def test_builtins_use_the_public_hooks():
    registry = Registry(get_plugin_manager(entry_points=False))
    assert registry.rules["gelijke-stem"].plugin == "afspraken.basis"
    assert {"basis", "wijkaanpak"} <= set(registry.rulesets)
    assert {"text", "json", "sarif"} <= set(registry.formats)
    registry.everything()
    assert list(registry.failures) == []


def test_a_plugin_file_adds_a_rule(cli, write):
    plugin(write, "mijn", body='return [violation("hallo", "hello", ("afspraak", "titel"))]')
    result = cli("check", str(UNEQUAL), "--plugin", "mijn.py", "--select", "mijn/regel", "--format", "json")
    assert result.exit_code == 0  # a warning does not fail the run
    [finding] = json.loads(result.stdout)["files"][0]["findings"]
    assert finding["rule"] == "mijn/regel" and finding["key"] == "afspraak.titel" and finding["line"] == 5


def test_a_plugin_that_fails_to_import_is_named_and_the_rest_still_runs(cli, write):
    write("kapot.py", "import bestaat_niet\n")
    result = cli("check", str(UNEQUAL), "--plugin", "kapot.py")
    assert result.exit_code == 2
    assert "plugin 'kapot' faalde in import: ModuleNotFoundError: No module named 'bestaat_niet'" in result.output
    assert "gelijke-stem" in result.output  # the built-in rules still ran and reported
    assert "Traceback" not in result.output


def test_a_plugin_that_does_not_parse_is_placed_at_its_line(cli, write):
    """A SyntaxError comes from the import machinery: the place is the plugin's own line, not none."""
    path = write("scheef.py", "from afspraken import hookimpl\n\n\ndef kapot(:\n    pass\n")
    result = cli("check", str(UNEQUAL), "--plugin", "scheef.py")
    [line] = [x for x in result.output.splitlines() if "plugin 'scheef'" in x]
    assert "SyntaxError" in line and f"code: {path}:4" in line, line


def test_a_rule_that_raises_is_named_and_the_others_still_run(cli, write):
    plugin(write, "deler", body="return [1 / 0]")
    result = cli("check", str(UNEQUAL), "--plugin", "deler.py", "--select", "deler/regel", "--select", "gelijke-stem", "--format", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    [crash] = report["files"][0]["crashes"]
    assert crash["plugin"] == "deler" and crash["what"] == "regel deler/regel" and "ZeroDivisionError" in crash["error"]
    assert [f["rule"] for f in report["files"][0]["findings"]] == ["gelijke-stem"]
    outcomes = {r["rule"]: r["outcome"] for r in report["files"][0]["rules"]}
    assert outcomes["deler/regel"] == "crash"


def test_a_rule_that_returns_something_else_is_reported(cli, write):
    plugin(write, "vreemd", body='return ["geen bevinding"]')
    result = cli("check", str(UNEQUAL), "--plugin", "vreemd.py", "--select", "vreemd/regel")
    assert result.exit_code == 2
    assert "plugin 'vreemd' faalde in regel vreemd/regel: TypeError: the check returned str" in result.output


def test_a_wrong_value_yielded_is_placed_at_its_yield_not_at_the_decorator(cli, write):
    """A generator check stopped at the yield of the wrong value: that line is where to look."""
    plugin(write, "geeft", body='yield violation("goed", "good", ("afspraak", "titel"))\n    yield "oeps"')
    result = cli("check", str(UNEQUAL), "--plugin", "geeft.py", "--select", "geeft/regel", "--format", "json")
    assert result.exit_code == 2
    [crash] = json.loads(result.stdout)["files"][0]["crashes"]
    assert "TypeError: the check yielded str" in crash["error"]  # yielded, as it did
    assert crash["where"].endswith("geeft.py:7"), crash  # the second yield (written without RULE's first, empty line)
    plugin(write, "lijst", body='return ["oeps"]')  # a list: no yield to point at, so the check itself
    result = cli("check", str(UNEQUAL), "--plugin", "lijst.py", "--select", "lijst/regel", "--format", "json")
    [crash] = json.loads(result.stdout)["files"][0]["crashes"]
    assert crash["where"].endswith(("lijst.py:3", "lijst.py:5")), crash  # the decorator's line (3.11+) or the def's


def test_a_relative_rule_set_path_is_a_named_failure_saying_how_to_ship_it(cli, write, tmp_path, monkeypatch):
    """A relative path is read from wherever the user runs afspraken, so it is found only by luck:
    refused even where it happens to be there, in the run's language."""
    write("relatief.py", "from afspraken import hookimpl\n\n@hookimpl\ndef register_rulesets():\n    return ['mijnset.toml']\n")
    (tmp_path / "elders").mkdir()
    monkeypatch.chdir(tmp_path / "elders")
    result = cli("plugins", "--plugin", str(tmp_path / "relatief.py"))
    assert result.exit_code == 2
    [line] = [x for x in result.stderr.splitlines() if "plugin 'relatief'" in x]
    assert "hook register_rulesets: mijnset.toml: een relatief pad" in line and f"({tmp_path / 'elders'})" in line
    assert "Path(__file__).with_name('mijnset.toml')" in line
    (tmp_path / "elders" / "mijnset.toml").write_text('[regelset]\nnaam = "mijnset"\n', encoding="utf-8")  # there, by luck
    english = cli("plugins", "--plugin", str(tmp_path / "relatief.py"), "--lang", "en")
    assert english.exit_code == 2 and "mijnset.toml: a relative path, which would be read from the folder afspraken runs in" in english.stderr


def test_a_hook_that_raises_is_named(cli, write):
    write("hook.py", "from afspraken import hookimpl\n\n@hookimpl\ndef register_rules():\n    raise RuntimeError('stuk')\n")
    result = cli("check", str(UNEQUAL), "--plugin", "hook.py")
    assert result.exit_code == 2 and "plugin 'hook' faalde in hook register_rules: RuntimeError: stuk" in result.output
    assert "gelijke-stem" in result.output


def test_a_hook_returning_the_wrong_type_is_named(cli, write):
    write("raar.py", "from afspraken import hookimpl\n\n@hookimpl\ndef register_rules():\n    return 5\n")
    result = cli("check", str(UNEQUAL), "--plugin", "raar.py")
    assert result.exit_code == 2 and "plugin 'raar' faalde in hook register_rules: returned int, not a list of rules" in result.output


def test_third_party_rule_ids_are_namespaced(cli, write):
    plugin(write, "los", id="gelijk")
    result = cli("check", str(UNEQUAL), "--plugin", "los.py")
    assert result.exit_code == 2 and "a plugin's rule id must be 'los/<rule>', not 'gelijk'" in result.output
    [line] = [x for x in result.output.splitlines() if "'gelijk'" in x]
    assert "los.py; code: " in line and "los.py:3)" in line  # the file it came from, and where the check is


def test_a_rule_registered_twice_is_an_error(cli, write):
    write("dubbel.py", RULE.format(id="dubbel/regel", body="return []").replace("return [check]", "return [check, check]"))
    result = cli("check", str(UNEQUAL), "--plugin", "dubbel.py")
    assert result.exit_code == 2 and "rule id 'dubbel/regel' is registered twice by this plugin (first at " in result.output
    [line] = [x for x in result.output.splitlines() if "registered twice" in x]
    assert "dubbel.py:3)" in line and "dubbel.py; code: " in line and "both" not in line


def test_a_rule_crash_in_json_names_where_the_plugin_came_from(cli, write):
    plugin(write, "deler", body="return [1 / 0]")
    result = cli("check", str(UNEQUAL), "--plugin", "deler.py", "--select", "deler/regel", "--format", "json")
    [crash] = json.loads(result.stdout)["files"][0]["crashes"]
    assert crash["origin"].endswith("deler.py") and re.search(r"deler\.py:\d+$", crash["where"])


def test_two_packages_with_the_same_plugin_name_are_both_named(cli, site):
    _dist(site, "alfa", RULE.format(id="alfa/regel", body="return []"))
    other = site / "other"
    other.mkdir()
    (other / "alfa_two.py").write_text(RULE.format(id="alfa/regel", body="return []"))
    info = site / "alfa_two-2.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: alfa-two\nVersion: 2.0\n")
    (info / "entry_points.txt").write_text("[afspraken]\nalfa = alfa_plug\n")
    result = cli("check", str(UNEQUAL))
    assert result.exit_code == 2
    assert "twee geïnstalleerde pakketten leveren de plugin 'alfa'" in result.output
    result = cli("check", str(UNEQUAL), "--lang", "en")
    assert "two installed packages provide the plugin 'alfa'" in result.output
    assert "alfa-plug 1.2.3" in result.output and "alfa-two 2.0" in result.output


def test_unknown_hook_name_is_an_error_naming_the_plugin(cli, write):
    write("typo.py", "from afspraken import hookimpl\n\n@hookimpl\ndef register_rule():\n    return []\n")
    result = cli("check", str(UNEQUAL), "--plugin", "typo.py")
    assert result.exit_code == 2 and "plugin 'typo' faalde in import" in result.output and "register_rule" in result.output


def _dist(site: Path, name: str, module_body: str) -> None:
    site.mkdir(exist_ok=True)
    (site / f"{name}_plug.py").write_text(module_body)
    info = site / f"{name}_plug-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}-plug\nVersion: 1.2.3\n")
    (info / "entry_points.txt").write_text(f"[afspraken]\n{name} = {name}_plug\n")


@pytest.fixture
def site(tmp_path, monkeypatch):
    path = tmp_path / "site"
    path.mkdir()
    monkeypatch.syspath_prepend(str(path))
    return path


def test_entry_point_plugins_are_loaded_and_listed(cli, site):
    _dist(site, "alfa", RULE.format(id="alfa/regel", body="return []"))
    data = json.loads(cli("plugins", "--format", "json").stdout)
    alfa = next(p for p in data["plugins"] if p["name"] == "alfa")
    assert alfa["version"] == "1.2.3" and alfa["kind"] == "entry point" and alfa["rules"] == ["alfa/regel"]


def test_afspraken_plugins_limits_loading(cli, site, monkeypatch):
    _dist(site, "alfa", RULE.format(id="alfa/regel", body="return []"))
    _dist(site, "beta", "raise ImportError('beta is stuk')\n")
    result = cli("check", str(UNEQUAL))
    assert result.exit_code == 2 and "plugin 'beta' faalde in import: ImportError: beta is stuk" in result.output
    monkeypatch.setenv("AFSPRAKEN_PLUGINS", "alfa")
    result = cli("plugins", "--format", "json")
    assert result.exit_code == 0 and "alfa" in [p["name"] for p in json.loads(result.stdout)["plugins"]]
    monkeypatch.setenv("AFSPRAKEN_PLUGINS", "")
    names = [p["name"] for p in json.loads(cli("plugins", "--format", "json").stdout)["plugins"]]
    assert "alfa" not in names and "afspraken.basis" in names
    monkeypatch.setenv("AFSPRAKEN_PLUGINS", "gamma")
    result = cli("check", str(UNEQUAL))
    assert result.exit_code == 2 and "er is geen geïnstalleerde plugin die 'gamma' heet" in result.output
    assert "names it" not in result.output  # in Dutch runs, Dutch
    result = cli("check", str(UNEQUAL), "--lang", "en")
    assert result.exit_code == 2 and "no installed plugin is called 'gamma'" in result.output


def test_config_plugins_are_loaded_next_to_the_config(cli, write):
    plugin(write, "gemeente_regels", body='return [violation("x", "x", ("afspraak",))]')
    write("afspraken.toml", "plugins = ['gemeente_regels']\n[regels.'gemeente_regels/regel']\nernst = 'fout'\n")
    write("a.toml", (EXAMPLES / "woensel-west.toml").read_text())
    result = cli("check", "a.toml", "--format", "json")
    assert result.exit_code == 1, result.output
    assert [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]] == ["gemeente_regels/regel"]


@pytest.mark.parametrize("body", ["return None", 'return violation("x", "x")', "return 'fout'"])
def test_a_rule_returning_one_thing_instead_of_a_list_is_reported_clearly(cli, write, body):
    plugin(write, "enkel", body=body)
    result = cli("check", str(UNEQUAL), "--plugin", "enkel.py", "--select", "enkel/regel", "--lang", "en")
    assert result.exit_code == 2
    assert "plugin 'enkel' failed in rule enkel/regel: TypeError: the check returned" in result.output
    assert "not a list (or generator) of afspraken.Violation" in result.output


def test_naming_an_installed_plugin_again_loads_it_once(cli, site, write):
    _dist(site, "alfa", RULE.format(id="alfa/regel", body="return []"))
    for spec in ("alfa", "alfa_plug"):  # its entry-point name, or its module
        result = cli("plugins", "--plugin", spec, "--format", "json")
        assert result.exit_code == 0, result.output
        alfa = next(p for p in json.loads(result.stdout)["plugins"] if p["name"] == "alfa")
        assert alfa["rules"] == ["alfa/regel"]


def test_a_file_plugin_with_the_name_of_an_installed_one_is_an_error_naming_both(cli, site, write):
    _dist(site, "alfa", RULE.format(id="alfa/regel", body="return []"))
    plugin(write, "alfa", id="alfa/regel")
    result = cli("check", str(UNEQUAL), "--plugin", "alfa.py")
    assert result.exit_code == 2
    assert "er is al een plugin 'alfa' geladen uit alfa-plug 1.2.3" in result.output and "alfa.py is niet geladen" in result.output
    result = cli("check", str(UNEQUAL), "--plugin", "alfa.py", "--lang", "en")
    assert "a plugin called 'alfa' is already loaded from alfa-plug 1.2.3" in result.output and "alfa.py is not loaded" in result.output


def test_traceback_only_when_asked(cli, write, monkeypatch):
    plugin(write, "deler", body="return [1 / 0]")
    args = ("check", str(UNEQUAL), "--plugin", "deler.py", "--select", "deler/regel")
    assert "Traceback" not in cli(*args).output
    monkeypatch.setenv("AFSPRAKEN_TRACEBACK", "1")
    result = cli(*args)
    assert "Traceback (most recent call last)" in result.output and "deler.py" in result.output and "return [1 / 0]" in result.output


def test_traceback_is_printed_on_lines_of_its_own_without_the_hint_to_ask_for_it(cli, write, monkeypatch):
    plugin(write, "deler", body="return [1 / 0]")
    monkeypatch.setenv("AFSPRAKEN_TRACEBACK", "1")
    output = cli("check", str(UNEQUAL), "--plugin", "deler.py", "--select", "deler/regel").output
    lines = output.splitlines()
    assert any(line.strip() == "Traceback (most recent call last):" for line in lines)
    assert any(line.strip() == "return [1 / 0]" for line in lines) and "\\n" not in output
    assert "AFSPRAKEN_TRACEBACK" not in output and "AFSPRAKEN_PLUGINS" in output


def test_run_rule_with_an_unknown_id_says_which_exist():
    from afspraken.testing import run_rule

    with pytest.raises(LookupError, match="no rule 'gelijke-stemm' is registered; installed rules: .*gelijke-stem"):
        run_rule("gelijke-stemm")


def test_a_format_that_fails_is_named(cli, write):
    write(
        "slecht.py",
        "from afspraken import OutputFormat, Text, hookimpl\n\n"
        "def render(report, ctx):\n    raise ValueError('kapot')\n\n"
        "@hookimpl\ndef register_formats():\n    return [OutputFormat('slecht', Text('s', 's'), render)]\n",
    )
    result = cli("check", str(UNEQUAL), "--plugin", "slecht.py", "--format", "slecht")
    assert result.exit_code == 2 and "plugin 'slecht' faalde in formaat slecht: ValueError: kapot" in result.output
    assert "Traceback" not in result.output


def test_rule_metadata_of_the_wrong_type_is_reported_at_import(cli, write):
    write("titel.py", RULE.format(id="titel/regel", body="return []").replace('title=Text("t", "t")', 'title="alleen Nederlands"'))
    result = cli("check", str(UNEQUAL), "--plugin", "titel.py")
    assert result.exit_code == 2
    assert "plugin 'titel' faalde in import: TypeError: rule titel/regel: title must be afspraken.Text(nl, en), not str" in result.output


def test_a_severity_typo_in_rule_names_the_rule():
    from afspraken import Text, rule

    with pytest.raises(ValueError, match="rule 'mijn/regel': severity 'foutje' is none of 'fout', 'waarschuwing', 'advies'"):
        rule(id="mijn/regel", severity="foutje", title=Text("t", "t"), summary=Text("s", "s"),
             rationale=Text("r", "r"), quote="q", fix=Text("f", "f"))


def test_a_packages_init_given_with_plugin_is_named_for_its_folder(tmp_path, monkeypatch):
    """``--plugin pakket/__init__.py`` is plugin ``pakket``, not ``__init__`` (whose rules
    ``pakket/...`` would all be refused for their namespace)."""
    from afspraken.checking.run import Checker

    (tmp_path / "pakket").mkdir()
    (tmp_path / "pakket" / "__init__.py").write_text(
        "from afspraken import Text, hookimpl, rule\n"
        "@rule(id='pakket/regel', title=Text('t', 't'), summary=Text('s', 's'), rationale=Text('r', 'r'),\n"
        "      quote='q', fix=Text('f', 'f'), severity='advies')\n"
        "def regel(doc, params):\n    return []\n"
        "@hookimpl\ndef register_rules():\n    return [regel]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    checker = Checker(plugins=("pakket/__init__.py",), config=False)
    assert "pakket/regel" in checker.registry.rules and "pakket" in checker.registry.pm.info
    assert not list(checker.registry.failures)
