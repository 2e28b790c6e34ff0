"""The pre-commit hook checks changed agreement files in a scratch git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is needed for pre-commit")


def test_pre_commit_hook_checks_changed_agreements(tmp_path: Path):
    pytest.importorskip("pre_commit")
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    shutil.copy(EXAMPLES / "woensel-west.toml", repo / "goed.toml")
    shutil.copy(EXAMPLES / "ongelijke-stem.toml", repo / "fout.toml")
    (repo / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "afspraken", "--color", "never", "--files", *files]
        return subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=env)

    good = run("goed.toml", "pyproject.toml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    bad = run("goed.toml", "fout.toml")
    assert bad.returncode == 1
    assert "fout.toml:48:3: fout gelijke-stem:" in bad.stdout and "goed.toml" not in bad.stdout.split("Failed")[1]


OTHER_TOML = {
    "ruff.toml": "line-length = 100\n[lint]\nselect = ['E']\n",
    "Cargo.toml": "[package]\nname = 'x'\nversion = '0.1.0'\n",
    "config/instellingen.toml": "[server]\npoort = 8080\n",
    ".taplo.toml": "[formatting]\nalign_entries = true\n",
    "pyproject.toml": "[project]\nname = 'x'\n[tool.ruff]\nline-length = 100\n",
    "afspraken.toml": 'regelsets = ["wijkaanpak"]\n',
    "regels/eigen.toml": '[regelset]\nnaam = "eigen"\nbreidt_uit = ["wijkaanpak"]\n',
}


def test_try_repo_all_files_checks_only_agreements_and_never_fails_on_other_toml(tmp_path: Path):
    """`pre-commit try-repo --all-files` in a repository full of other TOML: one summary, only agreements checked."""
    pytest.importorskip("pre_commit")
    repo = tmp_path / "repo"
    (repo / "wijken" / "west").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    for name, text in OTHER_TOML.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    shutil.copy(EXAMPLES / "woensel-west.toml", repo / "wijken" / "west" / "goed.toml")
    shutil.copy(EXAMPLES / "met-uitzondering.toml", repo / "wijken" / "uitgelegd.toml")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "afspraken", "--color", "never", "--all-files", "--verbose"]

    good = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout and "onbekende sleutel" not in good.stdout
    assert "in 2 bestanden" in good.stdout and good.stdout.count("in 2 bestanden") == 1  # one run, one summary
    assert "ruff.toml: geen afspraak" in good.stdout and "regels/eigen.toml: een regelset" in good.stdout
    assert "afspraken.toml: de instellingen van afspraken, geen afspraak" in good.stdout

    shutil.copy(EXAMPLES / "ongelijke-stem.toml", repo / "wijken" / "fout.toml")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    bad = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "wijken/fout.toml:" in bad.stdout and "fout gelijke-stem" in bad.stdout
    assert "in 3 bestanden" in bad.stdout


def test_a_named_file_that_is_not_an_agreement_is_a_note(cli, write):
    write("ruff.toml", OTHER_TOML["ruff.toml"])
    write("goed.toml", (EXAMPLES / "woensel-west.toml").read_text(encoding="utf-8"))
    result = cli("check", "ruff.toml", "goed.toml")
    assert result.exit_code == 0
    assert "ruff.toml: geen afspraak: alleen sleutels van een ander programma (line-length, lint): overgeslagen" in result.stderr
    assert "in 1 bestand" in result.stdout
    english = cli("check", "ruff.toml", "--lang", "en")
    assert english.exit_code == 0 and "ruff.toml: not an agreement" in english.stderr
