"""A finding's place in words and its source lines, the span marked."""

from __future__ import annotations

from typing import NamedTuple

from afspraken.reporting.places import describe, identity
from afspraken.reporting.sources import Snippet, Sources
from afspraken.results import Location

DATA = {
    "partij": [{"id": "gemeente", "naam": "Gemeente Eindhoven"}, {"id": "trudo", "naam": "Trudo"}],
    "orgaan": [{"id": "bo", "naam": "Buurtonderneming Woensel-West", "lid": [{"naam": "P. Jansen", "partij": "gemeente"}, {"partij": "trudo"}]}],
    "overleg": [{"tussen": ["trudo", "bo"]}],
    "actie": [{"wat": "Buurtfeest", "wie": "trudo"}],
    "aanspreekpunt": {"naam": "Wijkwinkel"},
}


def test_places_in_words():
    assert describe(DATA, "orgaan[0].lid[0].stemmen") == "orgaan 'Buurtonderneming Woensel-West', lid 'P. Jansen', stemmen"
    assert describe(DATA, "orgaan[0].lid[1]") == "orgaan 'Buurtonderneming Woensel-West', lid 2"  # no name: its number
    assert describe(DATA, "overleg[0].per_jaar") == "overleg 'bo + trudo', per_jaar"
    assert describe(DATA, "actie[0].wie") == "actie 'Buurtfeest', wie"
    assert describe(DATA, "aanspreekpunt[0].naam") == "aanspreekpunt, naam"  # a single table, read as a list of one
    assert describe(DATA, "afspraak.bewoners") == "afspraak, bewoners"
    assert describe(None, "partij[3].naam") == "partij 4, naam"


def test_identity_does_not_depend_on_order():
    moved = {**DATA, "partij": list(reversed(DATA["partij"]))}
    assert identity(DATA, "partij[0].professionals") == identity(moved, "partij[1].professionals") == "partij 'gemeente'/professionals"
    assert identity(DATA, "partij[0]") != identity(DATA, "partij[1]")


class Span(NamedTuple):  # a Location with an end, as the locator gives one
    file: str
    line: int
    column: int
    key: str = ""
    end_line: int = 0
    end_column: int = 0


def test_source_lines_with_the_span_marked(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text('[afspraak]\ntitel = "Wijk"\nbewoners = 8500\n\n[[partij]]\nnaam = """Een\n  lange naam"""\n', encoding="utf-8")
    src = Sources()
    # without an end: from the column to the end of the line
    assert src.snippet(Location(str(path), 3, 12, "afspraak.bewoners")) == [Snippet(3, "bewoners = ", "8500", "")]
    # with an end: exactly the span, over lines
    assert src.snippet(Span(str(path), 2, 9, "afspraak.titel", 2, 15)) == [Snippet(2, 'titel = ', '"Wijk"', "")]
    assert src.snippet(Span(str(path), 2, 1, "afspraak.titel", 2, 6)) == [Snippet(2, "", "titel", ' = "Wijk"')]
    assert src.snippet(Span(str(path), 6, 8, "partij[0].naam", 7, 16)) == [
        Snippet(6, "naam = ", '"""Een', ""),
        Snippet(7, "  ", 'lange naam"""', ""),
    ]
    # a section that is not in the file has no line to show; a file that is gone neither
    assert src.snippet(Location(str(path), 1, 1, "maatwerk")) == []
    assert src.snippet(Location(str(tmp_path / "weg.toml"), 1, 1, "")) == []
    assert src.place(Location(str(path), 3, 12, "afspraak.bewoners")) == "afspraak, bewoners"


def test_the_fast_ways_to_an_existing_prefix_agree_with_walking_the_path():
    """``_existing`` answers the common two- and three-part places without its loop: the same
    longest existing prefix, also for a missing key, a wrong index or a key that is no table."""
    import tomli

    from afspraken.reading.source import _existing
    from afspraken.testing import agreement_text

    def walked(node, path):
        for i, part in enumerate(path):
            if isinstance(node, dict) and isinstance(part, str) and part in node:
                node = node[part]
            elif isinstance(node, list) and type(part) is int and 0 <= part < len(node):
                node = node[part]
            else:
                return path[:i]
        return path

    data = tomli.loads(agreement_text())
    tried = 0
    for first in [*data, "nergens"]:
        for second in ["id", "naam", "nergens", 0, 1, 7, -1, True]:
            for third in [None, "id", "naam", "wie", "nergens", 0, "lid"]:
                path = (first, second) if third is None else (first, second, third)
                assert _existing(data, path) == walked(data, path), path
                tried += 1
    assert tried > 500
