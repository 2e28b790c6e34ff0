"""No valid input crashes a rule: agreements generated from the model's own fields
(every type, bound and optional key it accepts), every installed rule run on each."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from pydantic import ValidationError

from afspraken.model import Agreement
from afspraken.plugins.manager import get_plugin_manager
from afspraken.plugins.registry import Registry
from afspraken.rules import Violation
from strategies import for_model

REGISTRY = Registry(get_plugin_manager())
RULES = sorted(REGISTRY.rules.values(), key=lambda r: r.id)
EXTENSIONS = REGISTRY.extensions
# What the strategies build from the models, so never wrong (a custom validator's errors may be).
GENERATED_RIGHT = {"missing", "extra_forbidden", "literal_error", "int_type", "string_type", "date_type", "bool_type",
                   "list_type", "greater_than_equal", "less_than_equal", "string_pattern_mismatch", "too_short", "string_too_short"}


@st.composite
def agreements(draw: st.DrawFn) -> Agreement:
    data = draw(for_model(Agreement))
    try:  # types, bounds, patterns and lengths come from the model; its own validators may still say no
        agreement = Agreement.model_validate(data)
        for name, model in EXTENSIONS.items():
            if draw(st.booleans()):
                agreement._extensions[name] = model.model_validate(draw(for_model(model)))
    except ValidationError as exc:
        assert all(e["type"] not in GENERATED_RIGHT for e in exc.errors()), exc  # the strategies' own mistake
        reject()
    return agreement


def _run_all(agreement: Agreement) -> None:
    for rule in RULES:
        try:
            result = list(rule.check(agreement, rule.defaults()))
        except Exception as exc:  # the failure names the rule, hypothesis shows the agreement
            raise AssertionError(f"rule {rule.id} raised {type(exc).__name__}: {exc}") from exc
        assert all(isinstance(v, Violation) for v in result), rule.id


def test_there_are_rules_to_run() -> None:
    assert len(RULES) >= 10 and "lange-termijn" in REGISTRY.rules


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(agreements())
def test_no_rule_raises_on_an_agreement_the_model_accepts(agreement: Agreement) -> None:
    _run_all(agreement)


@pytest.mark.parametrize(
    ("start", "end"),
    [(dt.date(1900, 1, 1), dt.date(2199, 12, 31)), (dt.date(2199, 12, 30), dt.date(2199, 12, 31)), (dt.date(2024, 2, 29), dt.date(2199, 2, 28))],
)
def test_terms_at_the_edges_of_the_date_range_do_not_crash(start: dt.date, end: dt.date) -> None:
    base: dict[str, Any] = {
        "afspraak": {"titel": "t", "wijk": "w", "gemeente": "g", "ingangsdatum": start, "einddatum": end},
        "partij": [{"id": "g", "naam": "G", "soort": "gemeente", "professionals": 10_000_000}],
        "actie": [{"wat": "x", "wie": "g", "wanneer": end}],
        "uitzondering": [{"regel": "lange-termijn", "toelichting": "x" * 20, "tot": end}],
    }
    _run_all(Agreement.model_validate(base))


# What the model refuses is a located error naming the key, never an "interne fout".


def _problems(text: str) -> list[tuple[int, int, str, str]]:
    from afspraken.api import check_text

    result = check_text("formaat = 1\n" + text, name="a.toml")
    return [(p.location.line, p.location.column, p.location.key, p.message("nl")) for p in result.problems]


def test_a_number_too_long_to_read_names_its_key() -> None:
    (problem,) = _problems("[afspraak]\ntitel = '1'\nbewoners = " + "9" * 5000 + "\n")
    assert problem[:3] == (4, 12, "afspraak.bewoners")
    assert "5000 cijfers" in problem[3] and "interne fout" not in problem[3]


def test_a_number_too_long_to_read_in_a_list_names_the_element_not_a_string() -> None:
    digits = "1" + "0" * 4400
    (problem,) = _problems(f'[afspraak]\nnaam = "{digits}"\nx = [1, -{digits}]\n')
    assert problem[:3] == (4, 9, "afspraak.x[1]")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("bewoners = 10_000_001", "'bewoners' moet hoogstens 10000000 zijn, niet 10000001"),
        ("bewoners = 0x" + "f" * 5000, "'bewoners' moet hoogstens 10000000 zijn, niet ~10^6020"),
        ("einddatum = 9999-12-31", "'einddatum' moet hoogstens 2199-12-31 zijn, niet 9999-12-31"),
        ("ingangsdatum = 0001-01-01", "'ingangsdatum' moet minstens 1900-01-01 zijn, niet 0001-01-01"),
    ],
)
def test_values_beyond_what_is_meaningful_are_located_errors(line: str, expected: str) -> None:
    problems = _problems(f"[afspraak]\n{line}\n")
    assert (3, len(line.split("=")[0]) + 3, f"afspraak.{line.split()[0]}", expected) in problems
