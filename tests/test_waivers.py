"""Comply or explain (pas toe of leg uit): waivers in [[uitzondering]]."""

from __future__ import annotations

import datetime as dt
import json
import sys

import pytest

from afspraken.checking.run import Checker
from afspraken.results import Finding, Location, Outcome
from afspraken.rules import Severity, Text
from afspraken.testing import agreement_text

SMALL = "[afspraak]\nbewoners = 3000\n"  # breaks niet-te-veel-professionals (3.3 per 1,000)
WHY = "De wijk krijgt tijdelijk extra inzet tijdens de herstructurering van 2025."


def waiver(rule: str = "niet-te-veel-professionals", tot: str = "2030-12-31") -> str:
    return f'\n[[uitzondering]]\nregel = "{rule}"\ntoelichting = "{WHY}"\n' + (f"tot = {tot}\n" if tot else "")


def result_of(text: str, today: dt.date = dt.date(2026, 1, 1), **options):
    return Checker(today=today, **options).check_path("a.toml", text.encode(), "a.toml")


def test_waived_finding_is_reported_as_explained_and_does_not_fail(write):
    result = result_of(agreement_text(SMALL + waiver()))
    [finding] = [f for f in result.findings if f.rule == "niet-te-veel-professionals"]
    assert finding.explained is not None and finding.explained("nl") == WHY and not finding.counts
    assert {o.rule: o.outcome for o in result.outcomes}["niet-te-veel-professionals"] is Outcome.UITGELEGD
    assert not any(f.rule.startswith("uitzondering-") for f in result.findings)


def test_cli_exit_code_summary_and_text(cli, write):
    write("a.toml", agreement_text(SMALL + waiver()))
    result = cli("check", "a.toml")
    assert result.exit_code == 0
    assert "uitgelegd (fout) niet-te-veel-professionals" in result.output and f"toelichting: {WHY}" in result.output
    assert result.output.rstrip().endswith("0 fouten, 0 waarschuwingen, 0 adviezen, 1 uitgelegd in 1 bestand.")
    report = json.loads(cli("check", "a.toml", "--format", "json").stdout)
    assert report["summary"]["uitgelegd"] == 1 and report["summary"]["fout"] == 0
    assert report["files"][0]["findings"][0]["explained"] == WHY


@pytest.mark.skipif(sys.version_info < (3, 11), reason="sarif-kit needs Python 3.11+")
def test_sarif_suppression_in_source(cli, write):
    from sarif_kit import validation_errors

    write("a.toml", agreement_text(SMALL + waiver()))
    log = json.loads(cli("check", "a.toml", "--format", "sarif").stdout)
    assert validation_errors(log) == []
    [result] = log["runs"][0]["results"]
    assert result["suppressions"] == [{"kind": "inSource", "status": "accepted", "justification": WHY}]


def test_unused_waiver(write):
    text = agreement_text(waiver())  # the base has 2.2 per 1,000: nothing to waive
    result = result_of(text)
    [finding] = result.findings
    assert finding.rule == "uitzondering-ongebruikt" and finding.counts and finding.severity.value == "waarschuwing"
    assert finding.location.key == "uitzondering[0].regel"
    assert text.splitlines()[finding.location.line - 1].startswith("regel = ")


def test_expired_waiver_counts_the_finding_again(write):
    text = agreement_text(SMALL + waiver(tot="2025-12-31"))
    result = result_of(text, today=dt.date(2026, 1, 1))
    rules = sorted((f.rule, f.counts) for f in result.findings)
    assert rules == [("niet-te-veel-professionals", True), ("uitzondering-verlopen", True)]
    expired = next(f for f in result.findings if f.rule == "uitzondering-verlopen")
    assert expired.location.key == "uitzondering[0].tot" and "tot en met 31 december 2025" in expired.message("nl")
    assert "until 31 December 2025" in expired.message("en")
    still_valid = result_of(text, today=dt.date(2025, 12, 31))
    assert [f.rule for f in still_valid.findings if f.counts] == []


def test_waiver_for_unknown_rule_and_short_explanation_are_errors_in_the_file(cli, write):
    write("a.toml", agreement_text(waiver("niet-te-veel-profesionals")))
    result = cli("check", "a.toml")
    assert result.exit_code == 2 and "bedoelde u 'niet-te-veel-professionals'?" in result.output
    write("b.toml", agreement_text('[[uitzondering]]\nregel = "kleinschalig"\ntoelichting = "past niet"\n'))
    result = cli("check", "b.toml")
    assert result.exit_code == 2 and "'toelichting' is te kort (9 tekens)" in result.output


def test_waiver_for_a_rule_that_did_not_run_is_not_called_unused(write):
    result = result_of(agreement_text(waiver("kleinschalig")), select=["gelijke-stem"])
    assert result.findings == ()


def test_always_on_rules_can_be_switched_off_in_config(cli, write):
    write("afspraken.toml", "[regels.uitzondering-ongebruikt]\nernst = 'uit'\n")
    write("a.toml", agreement_text(waiver()))
    report = json.loads(cli("check", "a.toml", "--format", "json").stdout)
    assert report["files"][0]["findings"] == []


def test_expired_waiver_for_a_rule_that_now_finds_nothing_says_so(write):
    result = result_of(agreement_text(waiver(tot="2025-12-31")))
    [finding] = result.findings
    assert finding.rule == "uitzondering-verlopen" and "vindt nu niets meer" in finding.message("nl")


def test_waiver_holds_through_its_last_day(write):
    text = agreement_text(SMALL + waiver(tot="2026-01-01"))
    assert [f.rule for f in result_of(text, today=dt.date(2026, 1, 1)).findings if f.counts] == []
    assert "uitzondering-verlopen" in [f.rule for f in result_of(text, today=dt.date(2026, 1, 2)).findings]


def test_waiver_for_a_rule_outside_the_rule_sets_is_unused(write):
    result = result_of(agreement_text(waiver("mandaat")))
    [finding] = result.findings
    assert finding.rule == "uitzondering-ongebruikt" and "hoort niet bij de gekozen regelsets (basis, wijkaanpak)" in finding.message("nl")
    assert result_of(agreement_text(waiver("mandaat")), regelsets=["buurtonderneming"]).findings[0].rule == "uitzondering-ongebruikt"


def test_the_waiver_module_returns_its_judgement_and_changes_nothing_it_is_given():
    from afspraken.checking import waivers
    from afspraken.testing import load_agreement

    loaded = load_agreement(SMALL + waiver() + waiver("kleinschalig") + waiver("lange-termijn", tot="2020-01-01"))
    finding = Finding("niet-te-veel-professionals", Severity.FOUT, Text("x", "x"), (Location("a.toml", 1, 1),))
    findings = [finding]
    ran = {"niet-te-veel-professionals": Outcome.BEVINDING, "kleinschalig": Outcome.GESLAAGD}
    settings = waivers.Settings({waivers.UNUSED: Severity.WAARSCHUWING, waivers.EXPIRED: Severity.WAARSCHUWING}, ["wijkaanpak"], set(), False)
    judged = waivers.judge(loaded.source, loaded.agreement, findings, ran, settings, dt.date(2026, 1, 1))
    assert findings == [finding] and ran == {"niet-te-veel-professionals": Outcome.BEVINDING, "kleinschalig": Outcome.GESLAAGD}
    assert judged.explained == {"niet-te-veel-professionals"}
    assert [(f.rule, f.explained is not None) for f in judged.findings] == [
        ("niet-te-veel-professionals", True), (waivers.UNUSED, False), (waivers.EXPIRED, False),
    ]
    assert judged.outcomes[waivers.UNUSED][0] is Outcome.BEVINDING
    assert set(waivers.RULES) == set(waivers.ALWAYS)
def test_waiver_without_an_end_date_is_advice_also_when_unused(write):
    text = agreement_text(SMALL + waiver(tot=""))
    [open_ended] = [f for f in result_of(text).findings if f.rule == "uitzondering-zonder-einddatum"]
    assert open_ended.severity.value == "advies" and open_ended.location.key == "uitzondering[0].regel"
    assert "geen einddatum" in open_ended.message("nl") and "niet-te-veel-professionals" in open_ended.message("nl")
    unused = sorted(f.rule for f in result_of(agreement_text(waiver(tot=""))).findings)
    assert unused == ["uitzondering-ongebruikt", "uitzondering-zonder-einddatum"]
    assert [f.rule for f in result_of(agreement_text(SMALL + waiver())).findings if f.counts] == []


@pytest.mark.parametrize(
    "why",
    [
        "Niet van toepassing in deze wijk.",
        "n.v.t. in deze wijk, zie boven, volgt",
        "NVT NVT NVT NVT NVT NVT NVT NVT",
        "Nader te bepalen; zie boven. Geen.",
        "n.v.t.\u200b \u200b \u200b niet\u00a0van\u00a0toepassing hier",
        "\uff4e\uff0e\uff56\uff0e\uff54\uff0e " * 4,  # fullwidth: n.v.t. as it looks, not as it is coded
        "\uff2e\uff36\uff34 ｎｉｅｔ ｖａｎ ｔｏｅｐａｓｓｉｎｇ ｈｉｅｒ",
    ],
)
def test_a_stock_phrase_is_no_explanation_and_is_located_at_the_toelichting(why, write):
    text = agreement_text(SMALL + f'\n[[uitzondering]]\nregel = "niet-te-veel-professionals"\ntoelichting = "{why}"\ntot = 2030-12-31\n')
    result = result_of(text)
    [problem] = result.problems
    assert problem.code == "toelichting" and problem.location.key == "uitzondering[0].toelichting"
    assert text.splitlines()[problem.location.line - 1].startswith("toelichting = ")
    assert "legt niet uit waarom" in problem.message("nl") and "does not explain" in problem.message("en")


def test_a_real_explanation_with_a_stock_phrase_in_it_passes(write):
    why = "N.v.t.: de corporatie zet tijdelijk extra mensen in tijdens de sloop van 2025."
    text = agreement_text(SMALL + f'\n[[uitzondering]]\nregel = "niet-te-veel-professionals"\ntoelichting = "{why}"\ntot = 2030-12-31\n')
    assert result_of(text).problems == ()


def test_the_stock_phrases_live_in_one_place():
    from afspraken.checking import waivers

    assert {"n.v.t.", "nvt", "niet van toepassing", "zie boven", "nader te bepalen", "geen", "volgt"} <= set(waivers.STOCK_PHRASES)
    assert waivers.remainder("n.v.t. in deze wijk") == "in deze wijk" and not waivers.explains("n.v.t. in deze wijk")
    assert waivers.remainder("Geenszins volgtijdelijk") == "Geenszins volgtijdelijk"  # whole words only


@pytest.mark.parametrize(
    "toelichting",
    [" " * 20, "\u200b" * 20, "\\n" * 20, "\u00a0\u2060\ufeff" * 8, "ok" + "\u200b" * 30, "a  b  c  d  e  f  g  h  i", "\u3164" * 25],
)
def test_a_toelichting_needs_visible_words(toelichting):
    text = agreement_text(SMALL) + f'\n[[uitzondering]]\nregel = "niet-te-veel-professionals"\ntoelichting = "{toelichting}"\n'
    result = result_of(text)
    [problem] = result.problems
    assert "zichtbare tekens" in problem.message("nl") and problem.location.key.endswith("toelichting")
    assert "visible characters" in problem.message("en")


def test_visible_words_are_counted_once_each():
    from afspraken.wording import visible, words

    assert visible("  De\u200b wijk\n\n\tkrijgt\u00ad  ") == "De wijk krijgt"
    assert words("één\u2028twee\u2029drie") == ["één", "twee", "drie"]
    assert result_of(agreement_text(SMALL + waiver())).evaluated  # a real explanation still counts
