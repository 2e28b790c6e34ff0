"""The participation profile: computed once per agreement, in the JSON, drawn in HTML and Markdown."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from afspraken.checking.run import Checker
from afspraken.checking.profile import Profile
from afspraken.reporting import Context, html, jsonreport, markdown
from afspraken.testing import agreement_text

from conftest import EXAMPLES

GENERATED = dt.datetime(2026, 3, 5, 14, 7, tzinfo=dt.timezone.utc)


def result_of(text: str, tmp_path: Path):
    path = tmp_path / "a.toml"
    path.write_text(text, encoding="utf-8")
    checker = Checker(entry_points=False)
    result = checker.check_path(path)
    ctx = Context(lang="nl", rules=checker.environment(tmp_path).registry.rules, tool_version="9.9.9", generated=GENERATED)
    return result, checker.report([result]), ctx


def test_the_profile_describes_ladder_votes_and_actions(tmp_path):
    result, _, _ = result_of(agreement_text(), tmp_path)
    p = result.profile
    assert isinstance(p, Profile)
    assert [(f.fase, f.trede, f.betrokken) for f in p.fasen] == [
        ("initiatief", "meebeslissen", True),
        ("ontwerp", "coproduceren", True),
        ("besluit", "meebeslissen", True),
        ("uitvoering", "coproduceren", True),
        ("evaluatie", "adviseren", True),
    ]
    assert [f.step for f in p.fasen] == [5, 4, 5, 4, 3]
    [body] = p.organen
    assert (body.id, body.bewoners, body.totaal, body.share) == ("buurtonderneming", 1, 4, 0.25)
    assert (p.acties_bewoners, p.acties) == (1, 3)
    assert p.regels_geslaagd == p.regels and p.regels >= 8


def test_without_niveau_a_phase_is_involved_with_an_unknown_rung_or_not_involved(tmp_path):
    text = agreement_text('[besluitvorming]\nbewoners_betrokken = ["uitvoering"]\n', without=["besluitvorming.niveau"])
    result, _, _ = result_of(text, tmp_path)
    assert [(f.trede, f.betrokken, f.step) for f in result.profile.fasen] == [
        (None, False, 0), (None, False, 0), (None, False, 0), (None, True, 0), (None, False, 0)
    ]
    assert result.profile.regels_geslaagd < result.profile.regels  # begin-tot-eind and participatieniveau did not pass


def test_advisory_seats_and_resident_led_bodies(tmp_path):
    text = agreement_text(
        '[[orgaan]]\nid = "buurtonderneming"\nnaam = "Bewonersbedrijf"\nsoort = "overig"\n'
        '[[orgaan.lid]]\nnaam = "A"\npartij = "bewonersraad"\nstemmen = 2\n'
        '[[orgaan.lid]]\nnaam = "B"\npartij = "gemeente"\nstemmen = 0\n'
    )
    result, _, _ = result_of(text, tmp_path)
    [body] = result.profile.organen
    assert (body.bewoners, body.totaal, body.share) == (2, 2, 1.0)
    assert result.profile.acties_bewoners == 1  # the actions of the corporation and welzijn are not residents'


def test_the_profile_is_in_the_json(tmp_path):
    result, report, ctx = result_of(agreement_text(), tmp_path)
    data = json.loads(jsonreport.render(report, ctx))
    assert data["schema_version"] == 2
    profile = data["files"][0]["profile"]
    assert profile["phases"][2] == {"phase": "besluit", "rung": "meebeslissen", "involved": True}
    assert profile["bodies"] == [{"id": "buurtonderneming", "name": "Buurtonderneming Voorbeeldwijk", "resident_votes": 1, "votes": 4, "share": 0.25}]
    assert profile["actions"] == {"residents": 1, "total": 3, "share": 1 / 3}
    broken, report, ctx = result_of("formaat = 1\n", tmp_path)
    assert json.loads(jsonreport.render(report, ctx))["files"][0]["profile"] is None


def test_html_draws_the_profile_as_inline_svg_with_the_numbers_as_text(tmp_path):
    result, report, ctx = result_of(agreement_text(), tmp_path)
    out = html.render(report, ctx)
    section = out[out.index('<section class="profile">') :]
    section = section[: section.index("</section>")]
    svgs = re.findall(r"<svg .*?</svg>", section)
    assert len(svgs) == 2 and all('role="img"' in s and "aria-label=" in s for s in svgs)
    assert "<script" not in section and "href=" not in section and "http" not in section
    ladder = svgs[0]
    assert ladder.count('fill="#222"') == 5 + 4 + 5 + 4 + 3  # the rungs reached, filled black: greyscale
    assert "meebeslissen (5 van 5)" in section and "adviseren (3 van 5)" in section  # numbers also as text
    assert "1 van 4 stemmen (25%)" in section and "1 van 3 acties (33%)" in section
    assert "Van de regels over bewoners die draaiden, slaagden er" in section


def test_two_agreements_in_one_page_have_distinct_pattern_ids(tmp_path):
    checker = Checker(entry_points=False)
    paths = [EXAMPLES / "woensel-west.toml", EXAMPLES / "concept-met-gaten.toml"]
    report = checker.report([checker.check_path(p) for p in paths])
    ctx = Context(lang="en", rules=checker.environment(EXAMPLES).registry.rules, tool_version="9.9.9", generated=GENERATED)
    out = html.render(report, ctx)
    ids = re.findall(r'<pattern id="([^"]+)"', out)
    assert len(ids) == 2 and len(set(ids)) == 2
    assert "involved, rung unknown" in out and "not involved" in out and "Participation profile" in out


def test_markdown_draws_the_profile_with_squares_and_text(tmp_path):
    result, report, ctx = result_of(agreement_text(), tmp_path)
    out = markdown.render(report, ctx)
    assert "### Participatieprofiel" in out
    assert "| besluit | ■■■■■ | meebeslissen (5 van 5) |" in out and "| evaluatie | ■■■□□ | adviseren (3 van 5) |" in out
    assert "| Buurtonderneming Voorbeeldwijk | ■■□□□□□□□□ | 1 van 4 stemmen (25%) |" in out
    assert "**Acties van bewoners:** ■■■□□□□□□□ 1 van 3 acties (33%)" in out


def test_the_profile_is_worked_out_only_for_reports_that_show_it(tmp_path, monkeypatch):
    """Text, SARIF, JUnit, GitHub and GitLab do not show the profile: a check for them skips it
    (~5% of the work); a run with JSON, HTML or Markdown among its reports has it."""
    from click.testing import CliRunner

    import afspraken.checking.engine as engine
    from afspraken.commands import cli

    worked_out = []
    real = engine.profile
    monkeypatch.setattr(engine, "profile", lambda *a: worked_out.append(1) or real(*a))
    (tmp_path / "a.toml").write_text((EXAMPLES / "woensel-west.toml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for fmt in ["text", "sarif", "junit", "github", "gitlab"]:
        assert CliRunner().invoke(cli, ["check", "a.toml", "--format", fmt]).exit_code == 0
    assert worked_out == []
    result = CliRunner().invoke(cli, ["check", "a.toml", "--format", "text", "--format", "json:r.json"])
    assert result.exit_code == 0 and worked_out == [1]
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["files"][0]["profile"]["phases"]
    assert Checker(entry_points=False).check_path(tmp_path / "a.toml").profile is not None  # the API: by default
    assert Checker(entry_points=False, profiles=False).check_path(tmp_path / "a.toml").profile is None


def test_html_and_markdown_show_twenty_bodies_and_count_the_rest(tmp_path):
    """JSON keeps every deciding body; the drawn reports stop at 20 (19,000 bodies made an HTML
    report 41x the agreement's size)."""
    bodies = "".join(
        f'\n[[orgaan]]\nid = "o{i}"\nnaam = "Orgaan {i}"\nsoort = "overig"\nbesluitvormend = true\n'
        f'[[orgaan.lid]]\nnaam = "L{i}"\npartij = "gemeente"\nstemmen = 1\n'
        for i in range(25)
    )
    result, report, ctx = result_of(agreement_text() + bodies, tmp_path)
    assert len(result.profile.organen) == 26  # the base agreement's body too
    from afspraken.reporting.profile import TITLE

    page, text = html.render(report, ctx), markdown.render(report, ctx)
    drawn = page.split('class="profile"', 1)[1].split("</section>", 1)[0]
    listed = text.split(f"### {TITLE('nl')}", 1)[1].split("\n### ", 1)[0]
    for out in (drawn, listed):
        assert "en nog 6 besluitvormende organen" in out and "Orgaan 18" in out and "Orgaan 19" not in out
    assert len(json.loads(jsonreport.render(report, ctx))["files"][0]["profile"]["bodies"]) == 26
