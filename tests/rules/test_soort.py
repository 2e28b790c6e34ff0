"""The rule set follows the kind of agreement (RULES.md, "Choosing the rule set by kind of agreement")."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from afspraken.checking.run import Checker
from afspraken.rules import Severity
from afspraken.testing import agreement_text

from regeltest import EXAMPLES

PLUGIN_SET = Path(__file__).resolve().parents[2] / "plugins" / "afspraken-prestatieafspraken" / "src" / "afspraken_prestatieafspraken"


def write(tmp_path: Path, soort: str) -> Path:
    path = tmp_path / "a.toml"
    path.write_text(agreement_text(f'[afspraak]\nsoort = "{soort}"\n'), encoding="utf-8")
    return path


@pytest.mark.parametrize("soort", ["wijkafspraak", "wijkactieplan", "convenant"])
def test_wijkaanpak_is_the_default_for_neighbourhood_agreements(soort, tmp_path):
    result = Checker(entry_points=False).check_path(write(tmp_path, soort))
    assert result.rulesets == ("basis", "wijkaanpak") and result.findings == ()


def test_a_soort_that_no_set_claims_gets_basis_and_advice(tmp_path):
    # entry_points=False: the prestatieafspraken plugin is not loaded, so nothing claims the kind
    result = Checker(entry_points=False).check_path(write(tmp_path, "prestatieafspraak"))
    assert result.rulesets == ("basis",)
    [advice] = result.findings
    assert advice.rule == "geen-regelset-voor-soort" and advice.severity is Severity.ADVIES and not advice.undecided
    assert advice.location.key == "afspraak.soort" and "prestatieafspraak" in advice.message("nl")
    assert "afspraken-prestatieafspraken" in advice.message("nl") and advice.fix is not None
    assert {o.rule for o in result.outcomes} == {"gelijke-stem", "een-aanspreekpunt", "niet-te-veel-professionals", "geen-regelset-voor-soort"}


def test_an_empty_plugin_list_means_no_plugin_set_claims_a_kind(tmp_path, monkeypatch):
    monkeypatch.setenv("AFSPRAKEN_PLUGINS", "")
    result = Checker().check_path(write(tmp_path, "prestatieafspraak"))
    assert [f.rule for f in result.findings] == ["geen-regelset-voor-soort"]


def test_a_plugin_set_that_claims_the_kind_is_chosen(tmp_path):
    plugin = tmp_path / "pa.py"
    shutil.copy(PLUGIN_SET / "prestatieafspraken.toml", tmp_path / "pa.toml")
    text = (tmp_path / "pa.toml").read_text(encoding="utf-8")
    # the plugin's rules are not loaded here: keep only its [regelset] table, to test the choice alone
    (tmp_path / "pa.toml").write_text(text.split("\n[regels.")[0], encoding="utf-8")
    plugin.write_text(
        "from pathlib import Path\nfrom afspraken import hookimpl\n\n@hookimpl\ndef register_rulesets():\n"
        "    return [Path(__file__).with_name('pa.toml')]\n",
        encoding="utf-8",
    )
    checker = Checker(entry_points=False, plugins=[str(plugin)])
    result = checker.check_path(write(tmp_path, "prestatieafspraak"))
    assert result.rulesets == ("prestatieafspraken",) and result.findings == ()
    assert checker.check_path(write(tmp_path, "convenant")).rulesets == ("basis", "wijkaanpak")


def test_a_named_rule_set_wins_over_the_soort(tmp_path):
    result = Checker(entry_points=False, regelsets=["wijkaanpak"]).check_path(write(tmp_path, "prestatieafspraak"))
    assert result.rulesets == ("basis", "wijkaanpak") and "geen-regelset-voor-soort" not in [f.rule for f in result.findings]


def test_two_sets_claiming_one_soort_is_an_error_naming_both(tmp_path, cli, write):
    write("rival.toml", '[regelset]\nnaam = "rivaal"\nstandaard_voor = ["convenant"]\nbreidt_uit = ["basis"]\n')
    write("rival.py", "from pathlib import Path\nfrom afspraken import hookimpl\n\n@hookimpl\ndef register_rulesets():\n    return [Path(__file__).with_name('rival.toml')]\n")
    write("a.toml", agreement_text('[afspraak]\nsoort = "convenant"\n'))
    result = cli("check", "a.toml", "--plugin", "rival.py")
    assert result.exit_code == 2
    assert "'wijkaanpak' en 'rivaal' zijn allebei de standaard voor soort 'convenant'" in result.output
    assert "rival.toml:3:" in result.output
    listing = cli("rulesets", "--plugin", "rival.py")
    assert "zijn allebei de standaard" in listing.output


def test_an_unknown_soort_in_standaard_voor_is_a_located_error(cli, write):
    write("mijn.toml", '[regelset]\nnaam = "mijn"\nstandaard_voor = ["buurtfeest"]\n')
    write("a.toml", agreement_text())
    result = cli("check", "a.toml", "--regelset", "mijn.toml")
    assert result.exit_code == 2 and "mijn.toml:3:19:" in result.output and "buurtfeest" in result.output


def test_rulesets_shows_what_each_set_is_the_default_for(cli):
    items = {i["name"]: i for i in json.loads(cli("rulesets", "--format", "json").stdout)}
    assert items["wijkaanpak"]["default_for"] == ["wijkafspraak", "wijkactieplan", "convenant"]
    assert items["basis"]["default_for"] == [] and items["buurtonderneming"]["default_for"] == []
    text = cli("rulesets").output
    assert "standaard voor: wijkafspraak, wijkactieplan, convenant" in text


# --------------------------------------------------------------------------- Woensel-West as the source describes it

AS_DESCRIBED = """
[[orgaan]]
id = "buurtonderneming"
naam = "Buurtonderneming Woensel-West"
soort = "buurtonderneming"
mandaat = ["gemeente", "trudo"]

  [[orgaan.lid]]
  naam = "P. Jansen"
  partij = "gemeente"
  rol = "directeur sociaal"

  [[orgaan.lid]]
  naam = "M. de Vries"
  partij = "trudo"
  rol = "directeur fysiek"
"""


def test_woensel_west_as_the_source_describes_it_has_no_error_in_buurtonderneming(tmp_path):
    """A directie of gemeente and corporation with both mandates; the Bewonersraad as gesprekspartner
    with an enforceable right to meet four times a year (and no vote in the directie)."""
    text = (EXAMPLES / "woensel-west.toml").read_text(encoding="utf-8")
    head, rest = text.split("[[orgaan]]", 1)
    described = head + AS_DESCRIBED.lstrip("\n") + "\n[aanspreekpunt]" + rest.split("[aanspreekpunt]", 1)[1]
    path = tmp_path / "woensel-west.toml"
    path.write_text(described, encoding="utf-8")
    result = Checker(regelsets=["buurtonderneming"], entry_points=False).check_path(path)
    assert result.problems == ()
    assert [f.rule for f in result.findings if f.severity is Severity.FOUT] == []
    # the one table for all parties is still advised: a warning, not an error
    assert [(f.rule, f.severity) for f in result.findings] == [("buurtonderneming", Severity.WAARSCHUWING)]
    # in wijkaanpak the residents' seat is required: gelijke-stem finds it missing
    default = Checker(regelsets=["wijkaanpak"], entry_points=False).check_path(path)
    assert "gelijke-stem" in [f.rule for f in default.findings]


GOODWIN = """
[[orgaan]]
id = "buurtonderneming"
naam = "Bestuur Wijktrust"
soort = "overig"
  [[orgaan.lid]]
  naam = "A. Yilmaz"
  partij = "bewonersraad"
  [[orgaan.lid]]
  naam = "J. de Boer"
  partij = "bewonersraad"

[aanspreekpunt]
partij = "bewonersraad"
naam = "Wijktrust"
bereikbaar = "elke werkdag in het wijkcentrum"

[[overleg]]
tussen = ["bewonersraad", "gemeente", "corporatie"]
per_jaar = 4
afdwingbaar = true
"""


def test_development_trust_no_longer_contradicts_itself(tmp_path):
    """A board of residents only: bewonersbestuur passes, and buurtonderneming (all parties at one table) is off."""
    path = tmp_path / "trust.toml"
    path.write_text(agreement_text(GOODWIN, without=["aanspreekpunt.orgaan"]), encoding="utf-8")
    result = Checker(regelsets=["development-trust"], entry_points=False).check_path(path)
    assert result.problems == () and [f.rule for f in result.findings if f.severity is Severity.FOUT] == []
    assert "buurtonderneming" not in {o.rule for o in result.outcomes}
    assert {o.rule: o.outcome.value for o in result.outcomes}["bewonersbestuur"] == "geslaagd"
