"""First contact: bare `afspraken`, reports written to files, shell completion."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import EXAMPLES, ROOT


def test_bare_command_prints_help_and_exits_0():
    done = subprocess.run([sys.executable, "-m", "afspraken"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "check" in done.stdout and "init" in done.stdout and "Fout" not in done.stdout + done.stderr


def test_reports_to_files_still_tell_the_summary_and_where(cli, tmp_path):
    result = cli("check", str(EXAMPLES / "ongelijke-stem.toml"), "--format", "html:r.html", "--format", "json:r.json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "1 fout, 0 waarschuwingen" in result.stderr
    assert "rapport geschreven: r.html" in result.stderr and "rapport geschreven: r.json" in result.stderr
    assert (tmp_path / "r.html").exists()


def test_output_option_alone_also_tells_and_quiet_silences_it(cli):
    result = cli("check", str(EXAMPLES / "woensel-west.toml"), "--output", "r.md", "--lang", "en")
    assert "report written: r.md" in result.stderr and "0 errors" in result.stderr
    quiet = cli("check", str(EXAMPLES / "woensel-west.toml"), "--output", "r2.md", "--quiet")
    assert quiet.stderr == "" and quiet.exit_code == 0


def test_report_on_screen_prints_no_extra_summary(cli):
    result = cli("check", str(EXAMPLES / "woensel-west.toml"), "--format", "json")
    assert "rapport geschreven" not in result.stderr


def _complete(*words: str) -> list[str]:
    env = {**os.environ, "COMP_WORDS": " ".join(["afspraken", *words]), "COMP_CWORD": str(len(words)), "_AFSPRAKEN_COMPLETE": "bash_complete"}
    done = subprocess.run([sys.executable, "-m", "afspraken"], capture_output=True, text=True, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    return [line.split(",", 1)[1] for line in done.stdout.splitlines()]


def test_completion_of_rules_rulesets_and_formats():
    assert _complete("explain", "gelijk") == ["gelijke-stem"]
    assert "niet-te-veel-professionals" in _complete("check", "--select", "niet")
    assert set(_complete("check", "--regelset", "b")) == {"basis", "buurtonderneming"}
    assert _complete("check", "--format", "sa") == ["sarif"]
