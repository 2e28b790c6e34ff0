"""The rule catalogue of RULES.md and the built-in rule-set files that activate it."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import tomli

from afspraken.builtin import basis, bestuur, modellen, ruleset, uitzonderingen, vertegenwoordiging, wijkaanpak
from afspraken.checking.run import Checker
from afspraken.reporting.explaining import parameters
from afspraken.results import Outcome
from afspraken.rules import Severity
from afspraken.testing import agreement_text, run_rule
from regeltest import DATA, EXAMPLES, SOURCE

ELECTIONS = [dt.date(*d) for d in ((2006, 3, 7), (2010, 3, 3), (2014, 3, 19), (2018, 3, 21), (2022, 3, 16), (2026, 3, 18))]
FIVE = ["initiatief", "ontwerp", "besluit", "uitvoering", "evaluatie"]

# RULES.md, table by table: id -> (default severity, parameters with their defaults)
BASIS = {
    "gelijke-stem": ("fout", {"per": "partij", "bewoners_zetel": "verplicht", "min_overleg_per_jaar": 4}),
    "een-aanspreekpunt": ("fout", {}),
    "niet-te-veel-professionals": ("fout", {"max_per_1000_bewoners": 3.0, "min_toegestaan": 3, "max_organisaties": 5}),
}
WIJKAANPAK = {
    "bewoners-aan-tafel": ("fout", {}),
    "begin-tot-eind": ("fout", {"fasen": FIVE, "min_trede": "adviseren"}),
    "participatieniveau": ("waarschuwing", {"fasen": FIVE, "min_trede_besluit": "coproduceren"}),
    "eigenaarschap": ("waarschuwing", {}),
    "buurtonderneming": ("waarschuwing", {}),
    "maatwerk": ("waarschuwing", {"max_jaren_oud": 3}),
    "vaste-gezichten": ("waarschuwing", {"min_jaren": 2}),
    "successen-vieren": ("advies", {}),
    "zere-plekken": ("advies", {}),
    "brede-vertegenwoordiging": (
        "waarschuwing",
        {"min_groepen": 3, "verplicht": ["jongeren", "nieuwkomers"], "max_zetels": 1, "max_rotatie_jaren": 8},
    ),
    "bewoners-beoordelen": ("waarschuwing", {}),
    "bewoners-aan-zet": ("advies", {}),
    "ruimte-voor-initiatief": ("advies", {}),
    "eigenaar-per-actie": ("fout", {"vereis_indicator": False}),
    "en-en": ("advies", {}),
    "kleine-dingen-eerst": ("advies", {"max_maanden": 12}),
    "geen-overdreven-controle": ("advies", {"max_per_jaar": 4}),
    "oliemannetje": ("waarschuwing", {}),
    "vitale-coalitie": ("waarschuwing", {"min_soorten": 3}),
    "lange-termijn": ("waarschuwing", {"min_jaren": 8, "min_verkiezingen": 1, "verkiezingen": ELECTIONS}),
    "kleinschalig": ("advies", {"min_aandeel_straat": 0.25}),
    "overlegrecht": ("waarschuwing", {"min_per_jaar": 4}),
}
MODELLEN = {"mandaat": ("fout", {}), "onafhankelijke-regie": ("fout", {}), "bewonersbestuur": ("fout", {})}
OURS = [*wijkaanpak.RULES, *modellen.RULES]


@pytest.fixture(scope="module")
def registry() -> Any:
    from afspraken.plugins.manager import get_plugin_manager
    from afspraken.plugins.registry import Registry

    reg = Registry(get_plugin_manager(entry_points=False))
    reg.everything()
    assert list(reg.failures) == [] and reg.problems == []
    return reg


def active(name: str, tmp_path: Path) -> dict[str, Any]:
    """rule id -> ActiveRule for a rule set, resolved with its extends chain (no config)."""
    env = Checker(regelsets=[name], entry_points=False).environment(tmp_path)
    assert env.problems == []
    return {a.rule.id: a for a in env.rules}


# --------------------------------------------------------------------------- the catalogue


def test_every_rule_of_rules_md_is_registered_with_its_severity_and_defaults(registry):
    for table in (BASIS, WIJKAANPAK, MODELLEN):
        for rule_id, (severity, defaults) in table.items():
            rule = registry.rules[rule_id]
            assert rule.severity is Severity(severity), rule_id
            assert rule.params().model_dump() == defaults, rule_id
    assert {r.id for r in OURS} == set(WIJKAANPAK) | set(MODELLEN)
    assert registry.rules["overlegrecht"].plugin == "afspraken.wijkaanpak"
    assert registry.rules["lange-termijn"].plugin == "afspraken.wijkaanpak"
    assert registry.rules["mandaat"].plugin == "afspraken.modellen"


@pytest.mark.parametrize("rule", OURS, ids=lambda r: r.id)
def test_texts_in_both_languages(rule):
    for text in (rule.title, rule.summary, rule.rationale, rule.fix):
        assert text.nl.strip() and text.en.strip() and text.nl != text.en
    assert rule.example_fail and rule.example_pass


def _plain(text: str) -> str:
    """The source as running text: hyphenated line breaks joined, whitespace collapsed."""
    text = re.sub(r"-[ \t]*\n\s*", "", text)
    return " ".join(text.split())


@pytest.mark.skipif(not SOURCE.is_file(), reason="source document not available")
@pytest.mark.parametrize("rule", [*basis.RULES, *OURS, *uitzonderingen.register_rules()], ids=lambda r: r.id)
def test_quote_is_verbatim_from_the_source(rule):
    """One quote per speaker, each attributed, each one passage of the source (never glued with [...])."""
    source = _plain(SOURCE.read_text(encoding="utf-8"))
    quotes = [(rule.quote, rule.source), *rule.also]
    for quote, by in quotes:
        assert "[...]" not in quote and quote in source, quote
        assert by.strip() and by != "Samen sterk in de wijk (werkconferentie, Utrecht, 10 juni)", by  # a speaker, not only the document
    assert len({by for _, by in quotes}) == len(quotes)  # one quote per speaker


def test_oliemannetje_quotes_in_t_veld_and_the_working_groups():
    rule = bestuur.oliemannetje
    assert "t Veld" in rule.source and "werkgroepen" in rule.also[0][1]
    assert rule.title.en.startswith("A trusted troubleshooter ('oliemannetje')")


def test_english_never_calls_the_directie_a_board():
    for rule in OURS:
        for text in (rule.summary.en, rule.rationale.en, rule.fix.en, rule.title.en):
            assert "oil man" not in text, rule.id
    assert "management" in vertegenwoordiging.overlegrecht.rationale.en


@pytest.mark.parametrize("rule", OURS, ids=lambda r: r.id)
def test_examples_fail_and_pass(rule):
    """The explain page's examples, applied to the compliant base, do what they say."""
    failing = run_rule(rule, rule.example_fail)
    assert failing and {f.rule for f in failing} == {rule.id}
    if rule in modellen.RULES and rule.id != "mandaat":
        return  # the base is a Buurtonderneming: the other models' pass examples are checked below
    assert run_rule(rule, rule.example_pass) == []


@pytest.mark.parametrize("rule", [modellen.onafhankelijke_regie, modellen.bewonersbestuur], ids=lambda r: r.id)
def test_model_examples_pass(rule):
    assert run_rule(rule, rule.example_pass) == []


@pytest.mark.parametrize("rule", OURS, ids=lambda r: r.id)
def test_explained_settings_can_be_copied_into_a_config(rule):
    """`afspraken explain` prints [regels.<id>] with the defaults; that text must be valid TOML and valid parameters."""
    body = "\n".join([f"[regels.{rule.id}]", f'ernst = "{rule.severity.value}"', *(f"{n} = {d}" for n, d, _ in parameters(rule))])
    table = tomli.loads(body)["regels"][rule.id]
    assert table.pop("ernst") == rule.severity.value
    assert rule.params.model_validate(table) == rule.params()


# --------------------------------------------------------------------------- the rule-set files


def load(name: str) -> dict[str, Any]:
    return tomli.loads(ruleset(name).read_text(encoding="utf-8"))


def test_wijkaanpak_toml_writes_out_every_rule_with_its_defaults(registry):
    data = load("wijkaanpak")
    assert data["regelset"]["naam"] == "wijkaanpak" and data["regelset"]["breidt_uit"] == ["basis"]
    assert set(data["regels"]) == set(WIJKAANPAK)
    for rule_id, (severity, defaults) in WIJKAANPAK.items():
        table = dict(data["regels"][rule_id])
        assert table.pop("ernst") == severity, rule_id
        assert table == defaults, rule_id  # every parameter written out, with its default
        assert registry.rules[rule_id].params.model_validate(table) == registry.rules[rule_id].params()


@pytest.mark.parametrize(
    ("name", "own"),
    [
        ("buurtonderneming", {"mandaat": "fout", "overlegrecht": "fout"}),
        ("emmen-revisited", {"onafhankelijke-regie": "fout"}),
        ("development-trust", {"bewonersbestuur": "fout", "buurtonderneming": "uit"}),
    ],
)
def test_model_rule_sets_extend_wijkaanpak(name, own, registry, tmp_path):
    data = load(name)
    meta = data["regelset"]
    assert meta["naam"] == name and meta["breidt_uit"] == ["wijkaanpak"]
    assert meta["beschrijving"].strip() and "Samen sterk in de wijk" in meta["bron"]
    assert {k: v["ernst"] for k, v in data["regels"].items() if "ernst" in v} == own
    assert name in registry.rulesets
    env = Checker(regelsets=[name], entry_points=False).environment(tmp_path)
    assert env.rulesets == ["basis", "wijkaanpak", name]
    rules = active(name, tmp_path)
    expected = {**{k: v[0] for k, v in {**BASIS, **WIJKAANPAK}.items()}, **own}
    assert {k: a.severity.value for k, a in rules.items()} == {k: v for k, v in expected.items() if v != "uit"}
    changed = {"gelijke-stem": {"bewoners_zetel": "of-overlegrecht"}} if name == "buurtonderneming" else {}
    for rule_id, a in rules.items():  # parameters as in RULES.md, whatever set they come from
        defaults = {**{**BASIS, **WIJKAANPAK, **MODELLEN}[rule_id][1], **changed.get(rule_id, {})}
        assert a.params.model_dump() == defaults, rule_id


def test_wijkaanpak_is_the_default_and_has_no_model_rules(tmp_path):
    env = Checker(entry_points=False).environment(tmp_path)
    assert env.problems == [] and env.rulesets == ["basis", "wijkaanpak"]
    rules = {a.rule.id: a.severity.value for a in env.rules}
    assert rules == {k: v[0] for k, v in {**BASIS, **WIJKAANPAK}.items()}
    assert rules["overlegrecht"] == "waarschuwing" and rules["buurtonderneming"] == "waarschuwing"


# --------------------------------------------------------------------------- Woensel-West


@pytest.fixture(params=[EXAMPLES / "woensel-west.toml", DATA / "woensel-west-spec.toml"], ids=["voorbeelden", "spec"])
def woensel_west(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """The example of the repository, and a copy of the one of the specification (RULES v2)."""
    original = request.param
    if not original.is_file():
        pytest.skip(f"{original} not available")
    path = tmp_path / "woensel-west.toml"  # away from any afspraken.toml in the repository
    shutil.copy(original, path)
    return path


@pytest.mark.parametrize("name", ["wijkaanpak", "buurtonderneming"])
def test_woensel_west_passes(name, woensel_west):
    result = Checker(regelsets=[name], entry_points=False).check_path(woensel_west)
    assert result.problems == () and result.crashes == ()
    assert [(f.rule, f.message("nl")) for f in result.findings] == []
    expected = {**BASIS, **WIJKAANPAK, **({"mandaat": None} if name == "buurtonderneming" else {})}
    assert {o.rule: o.outcome for o in result.outcomes} == {r: Outcome.GESLAAGD for r in expected}


@pytest.mark.parametrize(("name", "rule_id", "key"), [("emmen-revisited", "onafhankelijke-regie", "orgaan"), ("development-trust", "bewonersbestuur", "orgaan[0].lid[0].partij")])
def test_woensel_west_is_not_the_other_models(name, rule_id, key, woensel_west):
    result = Checker(regelsets=[name], entry_points=False).check_path(woensel_west)
    assert [(f.rule, f.location.key, f.severity) for f in result.findings] == [(rule_id, key, Severity.FOUT)]


def test_overlegrecht_is_an_error_only_in_buurtonderneming(tmp_path):
    path = tmp_path / "afspraak.toml"
    path.write_text(agreement_text('[[overleg]]\ntussen = ["bewonersraad", "buurtonderneming"]\nper_jaar = 2\nafdwingbaar = true'), encoding="utf-8")
    for name, severity in (("wijkaanpak", Severity.WAARSCHUWING), ("buurtonderneming", Severity.FOUT)):
        result = Checker(regelsets=[name], entry_points=False).check_path(path)
        assert [(f.rule, f.location.key, f.severity) for f in result.findings] == [("overlegrecht", "overleg[0].per_jaar", severity)]
