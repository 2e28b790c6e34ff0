"""Results built by position: the hot paths make Location, Finding, RuleOutcome, Violation and
Text with ``tuple.__new__`` (no Python ``__new__`` per object), so they must fill every field in
order. These tests fail when a field is added, removed or moved without those paths."""

from __future__ import annotations

import tomli

from afspraken.checking.engine import _finding
from afspraken.reading.source import Source
from afspraken.results import Finding, Location, RuleOutcome
from afspraken.rules import Severity, Text, Violation, violation

TEXT = '[afspraak]\ntitel = "x"\n\n[[actie]]\nwat = "a"\n\n[[actie]]\nwat = "b"\n'


def test_the_fields_the_fast_paths_fill_in_order() -> None:
    assert Location._fields == ("file", "line", "column", "key", "end_line", "end_column")
    assert Finding._fields == ("rule", "severity", "message", "locations", "undecided", "explained", "fix", "more_locations", "amount")
    assert RuleOutcome._fields == ("rule", "outcome", "severity")
    assert Violation._fields == ("message", "at", "undecided", "fix")
    assert Text._fields == ("nl", "en")


def test_built_by_position_equals_built_by_name() -> None:
    v = violation("actie b mist iets", "action b lacks something", ("actie", 1, "wanneer"), fix=Text("doe x", "do x"))
    assert v == Violation(message=Text(nl="actie b mist iets", en="action b lacks something"), at=(("actie", 1, "wanneer"),), fix=Text("doe x", "do x"))
    assert type(v) is Violation and type(v.message) is Text and v.undecided is False

    source = Source("a.toml", TEXT, tomli.loads(TEXT))
    place = source.at(("actie", 1, "wanneer"))
    assert place == Location(file="a.toml", line=7, column=1, key="actie[1].wanneer", end_line=7, end_column=10)
    assert type(place) is Location

    found = _finding(source, "r", Severity.FOUT, v, None)
    assert found == Finding(rule="r", severity=Severity.FOUT, message=v.message, locations=(place,), fix=v.fix)
    assert type(found) is Finding and found.amount == 1 and found.more_locations == 0 and found.explained is None
