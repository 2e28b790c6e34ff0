"""The test suite's own fixtures live in the repository; only the quote tests need ../shared."""

from __future__ import annotations

import re

import pytest

from conftest import DATA, ROOT, SHARED, SPEC, needs_shared


def test_the_specifications_example_is_in_the_repository():
    kept = DATA / "woensel-west-spec.toml"
    assert kept.is_file()
    spec = SPEC / "woensel-west.toml"
    if spec.is_file():  # beside the repository: the copy is the specification's current text
        assert kept.read_bytes() == spec.read_bytes(), "copy ../shared/spec/woensel-west.toml to tests/data/woensel-west-spec.toml"


def test_no_test_reads_shared_except_the_quote_tests():
    users = []
    for path in (ROOT / "tests").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        allowed = ("conftest.py", "regeltest.py", "test_data.py", "test_regelsets_ingebouwd.py")  # the last holds the quote tests
        if re.search(r"[\"']shared[\"']|SHARED\b|\.\./shared", text) and path.name not in allowed:
            users.append(path.name)
    assert users == []


def test_a_missing_source_fails_in_ci_and_skips_elsewhere(monkeypatch, tmp_path):
    missing = tmp_path / "bron.txt"
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="plain clone"):
        needs_shared(missing)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        needs_shared(missing)
    assert SHARED.name == "shared"


def test_slow_tests_are_marked(pytestconfig):
    markers = pytestconfig.getini("markers")
    assert any(m.startswith("slow:") for m in markers)
