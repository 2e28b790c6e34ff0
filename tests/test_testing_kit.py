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


BROKEN = {
    "raises": ("return 1 / 0", "ZeroDivisionError: division by zero"),
    "returns None": ("pass", "returned None"),
    "returns a string": ('return "fout"', "returned str"),
    "returns dicts": ('return [{"message": "x"}]', "returned dict"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_run_rule_fails_loudly_naming_the_rule(case):
    from afspraken import Text, rule

    body, said = BROKEN[case]
    namespace: dict = {}
    exec(f"def check(doc, params):\n    {body}\n", namespace)
    broken = rule(id="mijn/regel", severity="fout", title=Text("t", "t"), summary=Text("s", "s"),
                  rationale=Text("r", "r"), quote="q", fix=Text("f", "f"))(namespace["check"])
    with pytest.raises(AssertionError) as info:
        run_rule(broken, "")
    assert "mijn/regel" in str(info.value) and said in str(info.value)
    if case == "returns None":
        assert "did you forget to yield?" in str(info.value)


def test_an_undecorated_check_gets_a_hint():
    def check(doc, params):
        return []

    with pytest.raises(TypeError, match="decorate it with @afspraken.rule"):
        run_rule(check, "")  # type: ignore[arg-type]


def test_check_plugin_passes_a_sound_plugin_and_lists_every_problem_of_a_broken_one(tmp_path):
    from afspraken.testing import check_plugin

    sound = tmp_path / "goed.py"
    sound.write_text(PLUGIN.format(name="goed", fail="bewoners = 100", body=CHECK, summary="Not too many."), encoding="utf-8")
    check_plugin("goed", plugins=[str(sound)])
    broken = tmp_path / "stuk.py"
    broken.write_text(PLUGIN.format(name="stuk", fail="bewoners = 100", body="    return 1 / 0\n", summary=""), encoding="utf-8")
    with pytest.raises(AssertionError) as info:
        check_plugin("stuk", plugins=[str(broken)])
    text = str(info.value)
    assert "stuk/te-veel: example_fail: the rule failed: ZeroDivisionError" in text
    assert "stuk/te-veel: example_pass: the rule failed" in text
    assert "summary needs both a Dutch and an English text" in text
    with pytest.raises(AssertionError, match="no plugin 'bestaat-niet' is loaded"):
        check_plugin("bestaat-niet")


PLUGIN = '''
from afspraken import Text, hookimpl, rule, violation

@rule(id="{name}/te-veel", severity="fout", title=Text("Te veel", "Too many"),
      summary=Text("Niet te veel professionals.", "{summary}"), rationale=Text("r", "r"), quote="Bewoners eerst.",
      fix=Text("Minder.", "Fewer."),
      example_fail="""
[afspraak]
{fail}
""",
      example_pass="# niets")
def check(doc, params):
{body}

@hookimpl
def register_rules():
    return [check]
'''
CHECK = "    if (doc.afspraak.bewoners or 0) < 1000:\n        yield violation('te weinig', 'too few', ('afspraak', 'bewoners'))\n"


def test_the_pytest_plugin_imports_nothing_heavy_until_a_fixture_is_used():
    import subprocess
    import sys

    code = "import sys, afspraken.testing.fixtures; print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'tomli', 'afspraken.checking', 'click'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_testing_extra_pulls_in_pytest():
    from importlib.metadata import requires

    assert any(r.startswith("pytest") and r.replace('"', "'").endswith("extra == 'testing'") for r in requires("afspraken") or [])


def test_run_rule_of_a_plugin_that_failed_to_import_names_the_import_failure(tmp_path, monkeypatch):
    import afspraken.testing as kit
    from afspraken.plugins.manager import get_plugin_manager
    from afspraken.plugins.registry import Registry

    (tmp_path / "mijnregels.py").write_text("import bestaat_niet_hoor\n", encoding="utf-8")
    registry = Registry(get_plugin_manager(("mijnregels.py",), entry_points=False, base=tmp_path))
    monkeypatch.setattr(kit, "_REGISTRY", {(): registry})
    with pytest.raises(AssertionError, match="plugin 'mijnregels' failed in import: ModuleNotFoundError: No module named 'bestaat_niet_hoor'"):
        kit.run_rule("mijnregels/iets")
    with pytest.raises(LookupError, match="no rule 'anders/iets'"):
        kit.run_rule("anders/iets")


def test_explain_a_rule_of_a_plugin_that_failed_says_the_plugin_failed(cli, write):
    write("mijnregels.py", "import bestaat_niet_hoor\n")
    result = cli("explain", "mijnregels/iets", "--plugin", "mijnregels.py")
    assert result.exit_code == 2
    assert "plugin 'mijnregels' kon niet laden" in result.output and "ModuleNotFoundError" in result.output


@pytest.mark.parametrize(
    ("case", "body", "said"),
    [
        ("undecided only", "    yield undecided('weet niet', 'unknown', ('afspraak', 'bewoners'))\n",
         "example_fail gives only 'could not decide'"),
        ("a key that does not exist", "    if (doc.afspraak.bewoners or 0) < 1000:\n        yield violation('x', 'x', ('afspraakk', 'bewoners'))\n",
         "a finding points at afspraakk.bewoners, which does not exist"),
        ("no place at all", "    if (doc.afspraak.bewoners or 0) < 1000:\n        yield violation('x', 'x')\n",
         "a finding has no place"),
    ],
)
def test_check_plugin_flags_examples_that_prove_nothing(tmp_path, case, body, said):
    from afspraken.testing import check_plugin

    path = tmp_path / "lui.py"
    text = PLUGIN.format(name="lui", fail="bewoners = 100", body=body, summary="Not too many.")
    path.write_text(text.replace("import Text,", "import Text, undecided,"), encoding="utf-8")
    with pytest.raises(AssertionError, match=said):
        check_plugin("lui", plugins=[str(path)])


def test_check_plugin_reports_a_raising_rule_once(tmp_path):
    from afspraken.testing import check_plugin

    path = tmp_path / "stuk.py"
    path.write_text(PLUGIN.format(name="stuk", fail="bewoners = 100", body="    return 1 / 0\n", summary="s"), encoding="utf-8")
    with pytest.raises(AssertionError) as info:
        check_plugin("stuk", plugins=[str(path)])
    assert str(info.value).count("example_fail") == 1, str(info.value)


@pytest.mark.parametrize(
    "made, says",
    [
        ('violation("x", "y", ("afspraak",), fix="gewoon tekst")', "fix is 'gewoon tekst'"),
        ('violation("", "", ("afspraak",))', "has an empty Dutch text"),
        ('violation("x", " ", ("afspraak",))', "has an empty English text"),
        ('violation("x", "y", "actie.0.wanneer")', "place 'actie.0.wanneer' is no key path"),
        ('violation("x", "y", ("actie", None))', "is no key path"),
        ('Violation("tekst")', "message is 'tekst'"),
    ],
)
def test_a_malformed_violation_is_the_rules_failure_not_the_reports(made, says, tmp_path):
    """A fix as a plain string once passed the kit and then broke every text and JSON report
    (blaming the formats). Now the rule fails, named, and the other rules' findings stay."""
    plugin = tmp_path / "slordig.py"
    plugin.write_text(
        "from afspraken import Text, Violation, hookimpl, rule, violation\n"
        "@rule(id='slordig/regel', title=Text('t', 't'), summary=Text('s', 's'), rationale=Text('r', 'r'),\n"
        "      quote='q', fix=Text('f', 'f'), severity='advies')\n"
        f"def regel(doc, params):\n    yield {made}\n"
        "@hookimpl\ndef register_rules():\n    return [regel]\n"
    )
    import afspraken
    from conftest import EXAMPLES

    report = afspraken.check(str(EXAMPLES / "woensel-west.toml"), plugins=[str(plugin)], select=["slordig/regel", "gelijke-stem"], config=False)
    [crash] = report.crashes or report.files[0].crashes
    assert crash.subject == "slordig/regel" and says in crash.error
    text = afspraken.render(report, "text")  # the report itself still renders
    assert "slordig/regel" in text
    with pytest.raises(AssertionError, match="slordig/regel"):  # and the testing kit says so too
        run_rule(afspraken.Checker(plugins=[str(plugin)], config=False).registry.rules["slordig/regel"])


def test_check_plugin_asks_for_the_english_of_each_parameter(tmp_path):
    """`explain --lang en` shows a parameter's English description; without one it showed the Dutch."""
    from afspraken.testing import check_plugin

    plugin = tmp_path / "eentalig.py"
    plugin.write_text(
        "from pydantic import Field\n"
        "from afspraken import Params, Text, hookimpl, rule\n"
        "class P(Params):\n    drempel: int = Field(1, description='Alleen Nederlands.')\n"
        "@rule(id='eentalig/regel', title=Text('t', 't'), summary=Text('s', 's'), rationale=Text('r', 'r'), quote='q',\n"
        "      fix=Text('f', 'f'), severity='advies', params=P, example_fail='x = 1', example_pass='x = 1')\n"
        "def regel(doc, params):\n    return []\n"
        "@hookimpl\ndef register_rules():\n    return [regel]\n"
    )
    with pytest.raises(AssertionError, match="parameter 'drempel' has no English description"):
        check_plugin("eentalig", plugins=[str(plugin)])


BUDGET = '''
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from afspraken import Text, hookimpl, rule, violation


class Budget(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    bedrag: int


@rule(id="budget/genoeg", severity="fout", title=Text("Genoeg", "Enough"), summary=Text("Genoeg geld.", "Enough money."),
      rationale=Text("Bewoners beslissen.", "Residents decide."), quote="Geef bewoners geld.", fix=Text("Meer.", "More."),
      example_fail="[extensies.budget]\\nbedrag = 1\\n", example_pass="[extensies.budget]\\nbedrag = 5000\\n")
def genoeg(doc, params):
    budget = doc.extensie("budget", Budget)
    if budget is not None and budget.bedrag < 1000:
        yield violation("te weinig", "too little", ("extensies", "budget", "bedrag"))


@hookimpl
def register_rules():
    return [genoeg]


@hookimpl
def register_extensions():
    return {"budget": Budget}


@hookimpl
def register_rulesets():
    return [Path(__file__).with_name("budget.toml")]
'''
RULESET = '[regelset]\nnaam = "budget"\nbeschrijving = "Budget"\nbron = "Test"\n\n[regels."budget/genoeg"]\nernst = "fout"\n'


def test_check_plugin_validates_the_extension_of_a_plugin_given_as_a_file(tmp_path):
    """The examples are checked with the plugin's own [extensies.*] model, also when the
    plugin is a file (plugins=[...]), not installed; run_rule and load_agreement take it too."""
    from afspraken.testing import check_plugin, load_agreement, run_rule

    (tmp_path / "budget.py").write_text(BUDGET, encoding="utf-8")
    (tmp_path / "budget.toml").write_text(RULESET, encoding="utf-8")
    plugins = [str(tmp_path / "budget.py")]
    check_plugin("budget", plugins=plugins)
    assert [f.location.key for f in run_rule("budget/genoeg", "[extensies.budget]\nbedrag = 1", plugins=plugins)] == ["extensies.budget.bedrag"]
    with pytest.raises(AssertionError, match="bedrag"):
        load_agreement("[extensies.budget]\nbedrag = 'x'", plugins=plugins)


def test_check_plugin_reports_a_rule_set_that_cannot_be_read(tmp_path):
    from afspraken.testing import check_plugin

    (tmp_path / "budget.py").write_text(BUDGET, encoding="utf-8")
    (tmp_path / "budget.toml").write_text(RULESET.replace('naam = "budget"', 'naam = ["budget"'), encoding="utf-8")
    with pytest.raises(AssertionError, match=r"rule set budget: .*budget\.toml:\d+:\d+: TOML error.*given with --plugin or in the config"):
        check_plugin("budget", plugins=[str(tmp_path / "budget.py")])
