"""Hard to break: whatever the bytes, the result is a report (exit 0, 1 or 2), never a traceback."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afspraken.checking.run import Checker
from afspraken.reporting import Context
from afspraken.reporting.jsonreport import render as render_json
from afspraken.reporting.text import render as render_text
from conftest import EXAMPLES

TEXTS = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.toml"))]
CHECKER = Checker(entry_points=False)


def check(data: bytes) -> None:
    result = CHECKER.check_path("x.toml", data, "x.toml")
    report = CHECKER.report([result])
    assert report.exit_code(None) in (0, 2)
    for problem in result.problems:  # every problem is located and worded
        assert problem.location.line >= 1 and problem.location.column >= 1
        assert problem.message("nl") and problem.message("en")
    for finding in result.findings:
        assert finding.location.line >= 1
    render_text(report, Context("en"))
    render_json(report, Context("nl"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXTS), st.data())
def test_edited_agreements_never_crash(text, data):
    lines = text.splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "dup", "junk", "swap", "cut"]))
        if action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "junk":
            lines.insert(i, data.draw(st.text(max_size=30)) + "\n")
        elif action == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif action == "cut":
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
        if not lines:
            break
    check("".join(lines).encode("utf-8", "surrogatepass"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(data):
    check(data)


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.one_of(st.integers(-5, 10**6), st.booleans(), st.text(max_size=8), st.dates()),
        lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["id", "naam", "soort", "partij", "lid", "wie", "x"]), inner, max_size=3)),
        max_leaves=12,
    ),
    st.sampled_from(["afspraak", "partij", "orgaan", "aanspreekpunt", "overleg", "actie", "bewoners", "uitzondering", "extensies"]),
)
def test_wrongly_shaped_sections_never_crash(value, section):
    from afspraken.testing import BASE, dumps

    import tomli

    data = tomli.loads(BASE)
    data[section] = value
    try:
        text = dumps(data)
    except TypeError:  # not expressible in TOML by our small writer
        return
    check(text.encode("utf-8", "surrogatepass"))
