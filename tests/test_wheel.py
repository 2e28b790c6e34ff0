"""The package works from a wheel in a new virtual environment, with no source tree next to it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def installed(wheel_env: Path) -> Path:
    return wheel_env


def test_the_wheel_holds_one_top_level_package_with_the_rule_sets(installed: Path):
    [wheel] = (installed.parent.parent / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top == {"afspraken"}
    assert "afspraken/regelsets/basis.toml" in names and "afspraken/regelsets/wijkaanpak.toml" in names
    assert "afspraken/reporting/rapport.schema.json" in names and "afspraken/reporting/rapport.css" in names
    assert "afspraken/docs/regels.md" in names and "afspraken/docs/rules.md" in names  # SARIF's helpUri, the editor's links


def run(bindir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "AFSPRAKEN_PLUGINS")}
    return subprocess.run([str(bindir / "afspraken"), *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_check_works_from_the_wheel(installed: Path, tmp_path: Path):
    work = tmp_path / "elders"
    work.mkdir()
    for name in ("woensel-west.toml", "ongelijke-stem.toml"):
        shutil.copy(EXAMPLES / name, work / name)
    where = subprocess.run(
        [str(installed / "python"), "-c", "import afspraken, sys; print(afspraken.__file__)"], cwd=work, capture_output=True, text=True, check=True
    ).stdout
    assert str(installed.parent) in where and str(ROOT) not in where
    good = run(installed, "check", "woensel-west.toml", cwd=work)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = run(installed, "check", ".", "--format", "sarif", cwd=work)
    assert bad.returncode == 1, bad.stderr
    log = json.loads(bad.stdout)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["gelijke-stem"]
    help_uri = next(r["helpUri"] for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "gelijke-stem")
    assert help_uri.startswith(installed.parent.as_uri()) and "/afspraken/docs/regels.md#gelijke-stem-" in help_uri


def test_lsp_without_the_extra_names_it(installed: Path, tmp_path: Path):
    result = run(installed, "lsp", cwd=tmp_path)
    assert result.returncode == 2 and "pip install 'afspraken[lsp]'" in result.stderr


def test_the_built_in_rule_sets_are_found_from_the_wheel(installed: Path, tmp_path: Path):
    result = run(installed, "rulesets", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = {r["name"] for r in json.loads(result.stdout)}
    assert {"basis", "wijkaanpak"} <= names
    rules = json.loads(run(installed, "rules", "--format", "json", cwd=tmp_path).stdout)
    assert {"gelijke-stem", "een-aanspreekpunt", "niet-te-veel-professionals"} <= {r["id"] for r in rules}


def test_the_prestatieafspraken_plugin_installs_next_to_the_wheel(installed: Path, tmp_path: Path):
    plugin = ROOT / "plugins" / "afspraken-prestatieafspraken"
    subprocess.run([str(installed / "python"), "-m", "pip", "install", "--quiet", str(plugin)], check=True, capture_output=True)
    listed = json.loads(run(installed, "plugins", "--format", "json", cwd=tmp_path).stdout)
    mine = next(p for p in listed["plugins"] if p["name"] == "prestatieafspraken")
    assert mine["kind"] == "entry point" and mine["rulesets"] == ["prestatieafspraken"] and len(mine["rules"]) >= 8
    rules = json.loads(run(installed, "rules", "--regelset", "prestatieafspraken", "--format", "json", cwd=tmp_path).stdout)
    assert all(r["id"].startswith("prestatieafspraken/") for r in rules if r["plugin"] == "prestatieafspraken")
    for example in sorted((plugin / "voorbeelden").glob("*.toml")):
        shutil.copy(example, tmp_path / example.name)
    result = run(installed, "check", "--regelset", "prestatieafspraken", ".", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    found = {Path(f["path"]).name: [x["rule"] for x in f["findings"]] for f in report["files"]}
    assert found["voorbeeldstad-2026.toml"] == []
    assert found["voorbeeldstad-concept.toml"] and all(r.startswith("prestatieafspraken/") for r in found["voorbeeldstad-concept.toml"])
