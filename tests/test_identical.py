"""Speed-ups keep the output byte for byte: text, JSON and SARIF of a fixed corpus
(generated agreements, ones with ~24 findings, the examples, broken files) against
the output the code gave before (``tests/data/identiek/``).

When a change of output is intended, write the new expected files and review the diff:

    AFSPRAKEN_GOLDEN=schrijf python -m pytest tests/test_identical.py
    git diff tests/data/identiek/
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from afspraken import api
from afspraken.reporting import Context
from afspraken.reporting import jsonreport, sarif, text

HERE = Path(__file__).parent / "data" / "identiek"
GENERATED = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module", params=["hier", "kindproces"])
def outputs(request: pytest.FixtureRequest) -> dict[str, str]:
    """The outputs of the corpus; ``kindproces``: every file checked in a child process, as the
    command checks a big file (checking/isolation.py): the same bytes."""
    from afspraken.checking import isolation

    if request.param == "kindproces" and not isolation.available():
        pytest.skip("no fork here (or threads running): every file is checked in this process")
    cwd = os.getcwd()
    os.chdir(HERE)  # paths in the output as a user in that folder sees them
    try:
        stream = api.iter_check(["corpus"], today=dt.date(2026, 1, 1), jobs=1)
        stream.checker.apart_from = 0 if request.param == "kindproces" else None
        report = stream.report()
        assert len(report.files) >= 20
        rules = api.context(report, api._registry(()), "nl").rules
        ctx = Context(lang="nl", rules=rules, tool_version="9.9.9", generated=GENERATED, rule_url="https://example.org/{id}")
        return {
            "tekst.txt": text.render(report, ctx),
            "tekst-en-bron.txt": text.render(report, Context(lang="en", rules=rules, show_source=True, show_passed=True)),
            "rapport.json": jsonreport.render(report, ctx),
            "rapport.sarif": re.sub(r'"%SRCROOT%": \{"uri": "[^"]*"\}', '"%SRCROOT%": {"uri": "file:///ROOT/"}', sarif.render(report, ctx)),
        }
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("name", ["tekst.txt", "tekst-en-bron.txt", "rapport.json", "rapport.sarif"])
def test_output_is_byte_identical_to_before(outputs: dict[str, str], name: str) -> None:
    expected = HERE / name
    if os.environ.get("AFSPRAKEN_GOLDEN") == "schrijf":
        expected.write_bytes(outputs[name].encode("utf-8"))
    assert outputs[name].encode("utf-8") == expected.read_bytes(), f"{name} changed; see the docstring if that is intended"


def test_the_corpus_has_many_findings_and_broken_files(outputs: dict[str, str]) -> None:
    import json

    summary = json.loads(outputs["rapport.json"])["summary"]
    assert summary["fout"] > 100 and summary["not_evaluated"] == 2
