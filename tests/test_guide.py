"""The plugin author's guide (docs/plugins.md) works as written: its files form a plugin that
installs next to afspraken in a fresh virtual environment, passes its own tests, and checks agreements."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

GUIDE = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")


def guide_files() -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```", GUIDE, re.S)}


def test_the_guide_has_every_file_of_the_plugin():
    assert set(guide_files()) == {
        "afspraken-wijkbudget/pyproject.toml",
        "afspraken-wijkbudget/README.md",
        "afspraken-wijkbudget/src/afspraken_wijkbudget/__init__.py",
        "afspraken-wijkbudget/src/afspraken_wijkbudget/wijkbudget.toml",
        "afspraken-wijkbudget/tests/test_wijkbudget.py",
    }


@pytest.fixture(scope="module")
def plugin_env(wheel_env: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("gids")
    for name, text in guide_files().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    pip = [str(wheel_env / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, str(folder / "afspraken-wijkbudget"), "pytest"], check=True, capture_output=True)
    return wheel_env, folder


def run(bindir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "AFSPRAKEN_PLUGINS")}
    return subprocess.run([str(bindir / args[0]), *args[1:]], cwd=cwd, capture_output=True, text=True, env=env)


def test_the_guides_plugin_passes_its_own_tests(plugin_env):
    bindir, folder = plugin_env
    result = run(bindir, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests", cwd=folder / "afspraken-wijkbudget")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "7 passed" in result.stdout


def test_the_guides_plugin_is_listed_and_checks(plugin_env, tmp_path):
    bindir, _ = plugin_env
    listed = json.loads(run(bindir, "afspraken", "plugins", "--format", "json", cwd=tmp_path).stdout)
    plugin = next(p for p in listed["plugins"] if p["name"] == "wijkbudget")
    assert plugin["version"] == "0.1.0" and plugin["rules"] == ["wijkbudget/bewoners-beslissen"]
    assert plugin["rulesets"] == ["wijkbudget"] and plugin["extensions"] == ["wijkbudget"]
    assert set(plugin["hooks"]) == {"register_extensions", "register_rules", "register_rulesets"}
    text = (EXAMPLES / "woensel-west.toml").read_text()
    (tmp_path / "goed.toml").write_text(text + '\n[extensies.wijkbudget]\nbedrag = 30000\nbeslist_door = ["bewonersraad"]\n')
    (tmp_path / "klein.toml").write_text(text + '\n[extensies.wijkbudget]\nbedrag = 15000\nbeslist_door = ["bewonersraad"]\n')
    (tmp_path / "kapot.toml").write_text(text + "\n[extensies.wijkbudget]\nbedrag = -1\n")
    assert run(bindir, "afspraken", "check", "--regelset", "wijkbudget", "goed.toml", cwd=tmp_path).returncode == 0
    small = run(bindir, "afspraken", "check", "--regelset", "wijkbudget", "klein.toml", cwd=tmp_path)
    assert small.returncode == 1 and "fout wijkbudget/bewoners-beslissen: het wijkbudget is 15000 euro" in small.stdout
    broken = run(bindir, "afspraken", "check", "--regelset", "wijkbudget", "kapot.toml", cwd=tmp_path)
    line = text.count("\n") + 3
    assert broken.returncode == 2 and f"kapot.toml:{line}:10: 'bedrag' moet minstens 0 zijn" in broken.stdout
    explained = run(bindir, "afspraken", "explain", "wijkbudget/bewoners-beslissen", cwd=tmp_path)
    assert "eigenaar blijven van de oplossingen" in explained.stdout and "min_bedrag = 10000" in explained.stdout


def test_the_guides_model_reference_is_current():
    from afspraken.schema import model_reference

    section = GUIDE.split("<!-- model reference:", 1)[1].split("-->", 1)[1].split("<!-- end of model reference -->")[0]
    assert section.strip() == model_reference().strip(), "regenerate with afspraken.schema.model_reference()"


def test_the_guides_helper_examples_run():
    section = GUIDE.split("## 8. Helpers for messages", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]
    exec(compile(code, "docs/plugins.md", "exec"), {})
