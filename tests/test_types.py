"""Type hints throughout: the package type-checks with mypy."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


def test_the_package_type_checks():
    pytest.importorskip("mypy")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "afspraken"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


STRICT_PLUGIN = '''
"""A plugin, typed strictly, that uses the public API only."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from afspraken import Agreement, Params, Rule, Text, Violation, hookimpl, rule, violation
from afspraken.helpers import names
from afspraken.testing import run_rule


class Grens(Params):
    max_partijen: int = Field(10, description="Hoogstens zoveel partijen.")


@rule(
    id="mijn/partijen", severity="advies", title=Text("Partijen", "Parties"), summary=Text("s", "s"),
    rationale=Text("r", "r"), quote="q", fix=Text("f", "f"), params=Grens,
)
def partijen(doc: Agreement, params: Grens) -> Iterator[Violation]:
    if len(doc.partij) > params.max_partijen:
        yield violation(f"te veel: {names([p.naam for p in doc.partij], 'nl')}", "too many", ("partij",))


@hookimpl
def register_rules() -> list[Rule[Grens]]:
    return [partijen]


def test_partijen() -> None:
    assert run_rule(partijen, "") == []
'''


def test_a_plugin_using_the_public_api_passes_mypy_strict(tmp_path):
    pytest.importorskip("mypy")
    (tmp_path / "mijnplugin.py").write_text(STRICT_PLUGIN, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "mijnplugin.py"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_the_guides_plugin_passes_mypy_strict(tmp_path):
    pytest.importorskip("mypy")
    import re

    from conftest import ROOT

    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name in ("src/afspraken_wijkbudget/__init__.py", "tests/test_wijkbudget.py"):
        code = re.search(rf"<!-- file: afspraken-wijkbudget/{re.escape(name)} -->\n```python\n(.*?)```", guide, re.S)
        assert code, name
        (tmp_path / name.split("/")[-1]).write_text(code.group(1), encoding="utf-8")
    (tmp_path / "__init__.py").rename(tmp_path / "afspraken_wijkbudget.py")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "afspraken_wijkbudget.py", "test_wijkbudget.py"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout
