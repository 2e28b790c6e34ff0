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
