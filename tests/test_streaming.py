"""Text, JSON, SARIF and github output are written as results arrive, not at the end."""

from __future__ import annotations

import json

import pytest

import afspraken
from afspraken.testing import agreement_text


@pytest.fixture
def report(tmp_path):
    for i in range(3):
        (tmp_path / f"wijk{i}.toml").write_text(agreement_text("[afspraak]\nbewoners = 1000\n"), encoding="utf-8")
    return afspraken.check(tmp_path, config=False)


@pytest.mark.parametrize("name", ["text", "json", "sarif", "github"])
def test_each_file_is_written_before_the_next_is_checked(name, report, capsys):
    from afspraken.api import _registry, context
    from afspraken.reporting.output import Target, write

    registry = _registry(())
    fmt = registry.formats[name]
    ctx = context(report, registry, "nl", fail_on=None)
    assert fmt.stream is not None
    seen: list[str] = []

    def arriving():
        for result in report.files:
            out = capsys.readouterr().out
            seen.append(out)
            yield result

    code = write(arriving(), report._replace(files=()), [Target(fmt, None, ctx)], problems_to_stderr=False, fail_on=None)
    assert code == 0
    rest = capsys.readouterr().out
    # When file k+1 is asked for, file k is already in the output.
    for k in range(1, 3):
        assert report.files[k - 1].path.replace("\\", "/").rsplit("/", 1)[-1] in seen[k]
        assert report.files[k].path.rsplit("/", 1)[-1] not in "".join(seen[: k + 1])
    whole = "".join(seen) + rest
    assert whole == fmt.render(report, ctx)  # the same bytes as rendering the whole report
    if name in ("json", "sarif"):
        json.loads(whole)


def test_streamed_json_and_sarif_are_the_documents_render_gives(report):
    for name in ("json", "sarif"):
        data = json.loads(afspraken.render(report, name))
        assert data  # valid JSON
    data = json.loads(afspraken.render(report, "json"))
    assert [f["path"] for f in data["files"]] == [r.path for r in report.files]
    assert data["summary"]["files"] == 3 and data["summary"]["fout"] == 3 and data["exit_code"] == 1
    sarif = json.loads(afspraken.render(report, "sarif"))
    assert len(sarif["runs"][0]["results"]) == 3 and sarif["runs"][0]["invocations"][0]["executionSuccessful"]
