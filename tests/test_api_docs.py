"""docs/api.md works as written: each example runs, in a fresh temporary folder."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

DOC = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
EXAMPLES = dict(re.findall(r"<!-- example: (\S+) -->\n```python\n(.*?)```", DOC, re.S))


def test_the_guide_has_its_examples():
    assert set(EXAMPLES) == {"upload", "findings", "stream", "reuse"}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_runs(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    exec(compile(EXAMPLES[name], f"docs/api.md:{name}", "exec"), {"tmp_path": tmp_path, "__name__": "example"})


def test_the_upload_example_does_not_touch_internals():
    used = set(re.findall(r"afspraken\.(\w+)", EXAMPLES["upload"]))
    assert used <= {"check", "render", "Document"}, used
    assert "from afspraken." not in EXAMPLES["upload"]
