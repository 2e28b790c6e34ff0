"""CI formats: GitLab Code Quality, and GitHub's annotation cap and job summary."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from afspraken.reporting import Context, github, gitlab
from afspraken.results import FileResult, Finding, Location, Problem, Report
from afspraken.rules import Severity, Text
from conftest import EXAMPLES


def check(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str, env: dict[str, str] | None = None):
    from afspraken.commands import cli

    monkeypatch.chdir(cwd)
    return CliRunner().invoke(cli, ["check", *args], catch_exceptions=False, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "wijk" / "a").mkdir(parents=True)
    shutil.copy(EXAMPLES / "ongelijke-stem.toml", root / "wijk" / "a" / "ongelijk.toml")
    shutil.copy(EXAMPLES / "met-uitzondering.toml", root / "wijk" / "uitzondering.toml")
    (root / "wijk" / "kapot.toml").write_text("formaat = 1\n[afspraak]\nwijk = 3\n", encoding="utf-8")
    return root


def test_gitlab_code_quality(repo, monkeypatch):
    result = check(repo, monkeypatch, "wijk", "--format", "gitlab", "--fail-on", "advies")
    assert result.exit_code == 2  # kapot.toml
    issues = json.loads(result.stdout)
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["lines"]["begin"] >= 1
        assert not issue["location"]["path"].startswith(("/", "."))
    by_check = {i["check_name"]: i for i in issues}
    assert by_check["gelijke-stem"]["severity"] == "major" and by_check["gelijke-stem"]["location"]["path"] == "wijk/a/ongelijk.toml"
    assert by_check["invoerfout"]["severity"] == "critical" and by_check["invoerfout"]["location"]["path"] == "wijk/kapot.toml"
    assert "kleinschalig" not in by_check  # explained by a waiver: accepted, left out
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    from_sub = json.loads(check(repo / "wijk" / "a", monkeypatch, ".", "../kapot.toml", "../uitzondering.toml", "--format", "gitlab").stdout)
    assert sorted((i["location"]["path"], i["fingerprint"]) for i in from_sub) == sorted((i["location"]["path"], i["fingerprint"]) for i in issues)


def test_gitlab_severity_mapping():
    at = Location("a.toml", 3, 1)
    findings = tuple(Finding(f"r{i}", s, Text("m", "m"), (at,)) for i, s in enumerate((Severity.FOUT, Severity.WAARSCHUWING, Severity.ADVIES)))
    report = Report((FileResult("a.toml", findings=findings), FileResult("b.toml", problems=(Problem(Location("b.toml", 0, 0), Text("x", "x"), "bestand"),))))
    assert [i["severity"] for i in gitlab.as_list(report, Context())] == ["major", "minor", "info", "critical"]


def test_gitlab_is_a_listed_format(cli):
    result = cli("check", "--format", "gitlabb", "x.toml")
    assert result.exit_code == 2 and "gitlab" in result.output


def _many(n_warnings: int, n_errors: int) -> Report:
    findings = [Finding("maatwerk", Severity.WAARSCHUWING, Text(f"w{i}", f"w{i}"), (Location("a.toml", i + 1, 1),)) for i in range(n_warnings)]
    findings += [Finding("gelijke-stem", Severity.FOUT, Text(f"e{i}", f"e{i}"), (Location("a.toml", 100 + i, 2),)) for i in range(n_errors)]
    return Report((FileResult("a.toml", findings=tuple(findings)),))


def test_github_shows_at_most_ten_annotations_per_kind_then_says_where_the_rest_is():
    lines = github.render(_many(25, 3), Context()).splitlines()
    warnings = [line for line in lines if line.startswith("::warning ")]
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(warnings) == 10 and len(errors) == 3
    plain = [line for line in lines if not line.startswith("::")]
    assert len(plain) == 15 + 1  # the rest as log lines, then the summary line
    assert plain[0] == "a.toml:11:1: warning maatwerk: w10"
    assert "nog 15 meldingen" in plain[-1] and "volledige rapport" in plain[-1]
    assert github.render(_many(10, 10), Context()).count("\n") == 20  # exactly 10 each: no summary line


@pytest.mark.parametrize(("warnings", "nl", "en"), [(11, "nog 1 melding staat niet", "1 more finding is not"), (1_244, "nog 1.234 meldingen staan niet", "1,234 more findings are not")])
def test_github_summary_line_counts_the_rest_in_words_of_each_language(warnings, nl, en):
    """One melding in the singular; thousands grouped as each language writes them."""
    assert nl in github.render(_many(warnings, 0), Context()).splitlines()[-1]
    assert en in github.render(_many(warnings, 0), Context(lang="en")).splitlines()[-1]


def test_github_summary_line_points_at_the_run(monkeypatch):
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "gemeente/afspraken")
    monkeypatch.setenv("GITHUB_RUN_ID", "42")
    last = github.render(_many(11, 0), Context(lang="en")).splitlines()[-1]
    assert "1 more finding is not annotated" in last and last.endswith("(https://github.com/gemeente/afspraken/actions/runs/42)")


def test_github_job_summary_is_appended(repo, monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("# Eerdere stap\n", encoding="utf-8")
    result = check(repo, monkeypatch, "wijk/a", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1 and result.stdout.startswith("::error file=wijk/a/ongelijk.toml,")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Eerdere stap\n")  # appended, not replaced
    assert "gelijke-stem" in text and "## " in text
    check(repo, monkeypatch, "wijk/a", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert summary.read_text(encoding="utf-8").count("gelijke-stem") == 2 * text.count("gelijke-stem")


def test_github_summary_is_a_new_file_in_an_existing_folder_without_warning(repo, monkeypatch, tmp_path):
    summary = tmp_path / "nieuw.md"
    result = check(repo, monkeypatch, "wijk/a", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1 and result.stderr == ""
    assert "gelijke-stem" in summary.read_text(encoding="utf-8")


def test_github_summary_never_goes_into_a_checked_agreement(repo, monkeypatch):
    """GITHUB_STEP_SUMMARY naming the agreement (or another name of it: a hard link) appended the
    report into the TOML file; now it is left as it was, with one warning, and the same exit code."""
    agreement = repo / "wijk" / "a" / "ongelijk.toml"
    before = agreement.read_bytes()
    result = check(repo, monkeypatch, "wijk/a", "--format", "github", env={"GITHUB_STEP_SUMMARY": "wijk/a/ongelijk.toml"})
    assert agreement.read_bytes() == before and result.exit_code == 1
    assert result.stderr == "waarschuwing: de samenvatting voor GitHub (GITHUB_STEP_SUMMARY=wijk/a/ongelijk.toml) is niet geschreven: dit is een TOML-bestand (een afspraak?)\n"
    os.link(agreement, repo / "samenvatting.md")
    result = check(repo, monkeypatch, "wijk/a", "--format", "github", "--lang", "en", env={"GITHUB_STEP_SUMMARY": "samenvatting.md"})
    assert agreement.read_bytes() == before and result.exit_code == 1
    assert "(GITHUB_STEP_SUMMARY=samenvatting.md) was not written: this is wijk/a/ongelijk.toml, one of the files checked" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_github_summary_to_a_pipe_without_reader_warns_and_does_not_hang(repo):
    fifo = repo / "pijp"
    os.mkfifo(fifo)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AFSPRAKEN_", "GITHUB_"))} | {"GITHUB_STEP_SUMMARY": str(fifo)}
    done = subprocess.run(
        [sys.executable, "-m", "afspraken", "check", "wijk/a", "--format", "github"], cwd=repo, env=env, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 1 and done.stdout.startswith("::error ")
    assert f"(GITHUB_STEP_SUMMARY={fifo}) is niet geschreven: dit is een pipe waar niemand uit leest" in done.stderr


def test_github_summary_never_goes_into_an_agreement_that_is_not_checked(repo, monkeypatch, tmp_path):
    """As --output refuses them: another name (a hard link) of an agreement this run does not
    check, and an agreement saved under another name."""
    elsewhere = tmp_path / "ander.toml"
    elsewhere.write_bytes((EXAMPLES / "woensel-west.toml").read_bytes())
    os.link(elsewhere, tmp_path / "samenvatting.md")
    result = check(repo, monkeypatch, "wijk/a", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(tmp_path / "samenvatting.md")})
    assert elsewhere.read_bytes() == (EXAMPLES / "woensel-west.toml").read_bytes() and result.exit_code == 1
    assert "is niet geschreven: dit bestand heeft 2 namen (harde koppelingen)" in result.stderr
    saved = tmp_path / "afspraak.txt"
    saved.write_bytes((EXAMPLES / "woensel-west.toml").read_bytes())
    result = check(repo, monkeypatch, "wijk/a", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(saved)})
    assert saved.read_bytes() == (EXAMPLES / "woensel-west.toml").read_bytes()
    assert "is niet geschreven: dit bestand bevat een afspraak" in result.stderr


def test_the_closing_line_points_at_the_summary_only_when_it_was_written(repo, monkeypatch, tmp_path):
    for i in range(11):  # 11 findings: one past what GitHub annotates, so the closing line is there
        shutil.copy(EXAMPLES / "ongelijke-stem.toml", repo / "wijk" / "a" / f"kopie{i}.toml")
    written = check(repo, monkeypatch, "wijk/a", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(tmp_path / "s.md")})
    assert "het volledige rapport: de samenvatting van deze job" in written.stdout.splitlines()[-1]
    refused = check(repo, monkeypatch, "wijk/a", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(tmp_path)})
    assert "is niet geschreven: dit is een map" in refused.stderr
    assert "samenvatting van deze job" not in refused.stdout and "--format html:rapport.html" in refused.stdout.splitlines()[-1]


@pytest.mark.parametrize(
    ("where", "why"),
    [(".", "dit is een map, geen bestand"), ("geen-map/samenvatting.md", "de map "), ("/dev/full", "dit is geen gewoon bestand")],
)
def test_github_summary_that_cannot_be_written_warns_once(repo, monkeypatch, where, why):
    if where == "/dev/full" and not os.path.exists(where):
        pytest.skip("no /dev/full")
    result = check(repo, monkeypatch, "wijk/a", "--format", "github", env={"GITHUB_STEP_SUMMARY": where})
    assert result.exit_code == 1 and result.stdout.startswith("::error ")
    [line] = result.stderr.splitlines()
    assert line.startswith(f"waarschuwing: de samenvatting voor GitHub (GITHUB_STEP_SUMMARY={where}) is niet geschreven: {why}"), line
    assert not (repo / "geen-map").exists()


def test_github_without_summary_variable_writes_no_file(repo, monkeypatch):
    before = sorted(p.name for p in repo.rglob("*"))
    check(repo, monkeypatch, "wijk/a", "--format", "github")
    assert sorted(p.name for p in repo.rglob("*")) == before


def test_github_sarif_and_gitlab_paths_agree_from_a_sub_folder_of_a_git_repository(tmp_path, monkeypatch):
    """GitHub resolves ``file=`` against the workspace (the repository root), as SARIF and GitLab do."""

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    (root / "wijk" / "a").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    shutil.copy(EXAMPLES / "ongelijke-stem.toml", root / "wijk" / "a" / "ongelijk.toml")
    (root / "wijk" / "kapot.toml").write_text("formaat = 1\n[afspraak]\nwijk = 3\n", encoding="utf-8")
    sub = root / "wijk" / "a"
    args = (".", "../kapot.toml", str(root / "wijk" / "a" / "ongelijk.toml"))  # relative and absolute

    annotations = check(sub, monkeypatch, *args, "--format", "github").stdout.splitlines()
    github_files = {dict(p.split("=", 1) for p in line.split("::")[1].split(" ", 1)[1].split(","))["file"] for line in annotations}
    gitlab_files = {i["location"]["path"] for i in json.loads(check(sub, monkeypatch, *args, "--format", "gitlab").stdout)}
    sarif = json.loads(check(sub, monkeypatch, *args, "--format", "sarif").stdout)
    sarif_files = {loc["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"] for loc in r["locations"]}

    assert github_files == {"wijk/a/ongelijk.toml", "wijk/kapot.toml"}
    assert github_files == gitlab_files == sarif_files
