"""Spans: every finding and problem has a start and an end, as narrow as the key or value at fault."""

from __future__ import annotations

import json
import textwrap
from typing import Any

import pytest
import tomli

from afspraken.api import check_text
from afspraken.reading.locating import Locator, Position, Span
from afspraken.results import Location
from conftest import EXAMPLES

DOC = textwrap.dedent(
    '''
    formaat = 1  # comment
    [afspraak]
    titel = "a \\" b"
    wanneer = 2025-01-31 10:00:00
    lijst = [ "x", 'y' ,3 ]
    lang = [
      1,
      2,
    ]
    tabel = { a = 1, b = [1, {c = 2}] }
    punt.kop."met spatie" = true
    tekst = """
    twee
    regels"""

    [[orgaan]]
    id = "o"
      [[orgaan.lid]]
      stemmen = 2
    [ "quoted" . key ]
    x = 'lit'
    '''
).lstrip("\n")


def _text(span: Span) -> str:
    lines = DOC.split("\n")
    (l1, c1), (l2, c2) = span
    if l1 == l2:
        return lines[l1 - 1][c1 - 1 : c2 - 1]
    return "\n".join([lines[l1 - 1][c1 - 1 :], *lines[l1 : l2 - 1], lines[l2 - 1][: c2 - 1]])


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("formaat",), False, "formaat = 1"),
        (("formaat",), True, "1"),
        (("afspraak",), False, "[afspraak]"),
        (("afspraak", "titel"), True, '"a \\" b"'),
        (("afspraak", "wanneer"), True, "2025-01-31 10:00:00"),
        (("afspraak", "lijst"), True, "[ \"x\", 'y' ,3 ]"),
        (("afspraak", "lijst", 1), False, "'y'"),
        (("afspraak", "lijst", 2), True, "3"),
        (("afspraak", "lang"), True, "[\n  1,\n  2,\n]"),
        (("afspraak", "lang", 1), False, "2"),
        (("afspraak", "tabel"), False, "tabel = { a = 1, b = [1, {c = 2}] }"),
        (("afspraak", "tabel", "b"), True, "[1, {c = 2}]"),
        (("afspraak", "tabel", "b", 1, "c"), False, "c = 2"),
        (("afspraak", "punt"), False, "punt"),
        (("afspraak", "punt", "kop", "met spatie"), False, '"met spatie" = true'),
        (("afspraak", "tekst"), True, '"""\ntwee\nregels"""'),
        (("orgaan", 0), False, "[[orgaan]]"),
        (("orgaan", 0, "lid", 0), False, "[[orgaan.lid]]"),
        (("orgaan", 0, "lid", 0, "stemmen"), False, "stemmen = 2"),
        (("orgaan", 0, "lid", 0, "stemmen"), True, "2"),
        (("quoted", "key"), False, '[ "quoted" . key ]'),
        (("quoted", "key", "x"), True, "'lit'"),
    ],
)
def test_span_covers_exactly_the_key_or_value(path: tuple[Any, ...], value: bool, expected: str) -> None:
    span = Locator(DOC).span(path, value=value)
    assert span is not None
    assert _text(span) == expected


def test_unknown_paths_have_no_span_and_nearest_falls_back_to_the_table() -> None:
    locator = Locator(DOC)
    assert locator.span(("afspraak", "nergens")) is None
    assert locator.span(("afspraak",), value=True) is None  # a header table has no value
    span, found = locator.nearest_span(("orgaan", 0, "lid", 0, "naam"))
    assert found == ("orgaan", 0, "lid", 0) and _text(span) == "[[orgaan.lid]]"
    assert locator.nearest_span(("nergens",)) == (Span(Position(1, 1), Position(1, 2)), ())


def _scalars(data: Any, path: tuple[Any, ...] = ()) -> Any:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _scalars(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _scalars(v, (*path, i))
    else:
        yield path, data


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.name)
def test_every_value_span_reads_back_as_its_value(example: Any) -> None:
    """The text under each value's span, parsed on its own, is that value: no span is too wide or too narrow."""
    text = example.read_text(encoding="utf-8")
    locator, lines = Locator(text), text.split("\n")
    for path, value in _scalars(tomli.loads(text)):
        span = locator.span(path, value=True)
        assert span is not None, path
        (l1, c1), (l2, c2) = span
        under = "\n".join([lines[l1 - 1][c1 - 1 :], *lines[l1 : l2 - 1], lines[l2 - 1][: c2 - 1]]) if l2 > l1 else lines[l1 - 1][c1 - 1 : c2 - 1]
        assert tomli.loads(f"v = {under}")["v"] == value, (path, under)


def test_gelijke_stem_points_at_the_votes_at_fault() -> None:
    result = check_text((EXAMPLES / "ongelijke-stem.toml").read_text(encoding="utf-8"), select=["gelijke-stem"])
    (finding,) = result.findings
    assert finding.location[1:] == (48, 3, "orgaan[0].lid[0].stemmen", 48, 14)
    assert finding.locations[1][1:] == (38, 1, "orgaan[0]", 38, 11)  # the body, as "see also"


def test_every_finding_and_problem_of_the_examples_has_a_span() -> None:
    for example in sorted(EXAMPLES.glob("*.toml")):
        result = check_text(example.read_text(encoding="utf-8"), name=example.name)
        for loc in [l for f in result.findings for l in f.locations] + [p.location for p in result.problems]:
            assert loc.end_line >= loc.line >= 1
            assert loc.end_line > loc.line or loc.end_column > loc.column


def test_a_type_error_spans_the_value_and_a_missing_key_the_header(write: Any) -> None:
    result = check_text('formaat = 1\n[afspraak]\ntitel = "t"\nwijk = 12345\n')
    spans = {p.location.key: (p.location.line, p.location.column, *p.location.end) for p in result.problems}
    assert spans["afspraak.wijk"] == (4, 8, 4, 13)
    assert spans["afspraak.gemeente"] == (2, 1, 2, 11)


def test_a_location_without_an_end_is_one_character() -> None:
    assert Location("f", 3, 5).end == (3, 6)
    assert Location("--regelset", 0, 0).end == (0, 0)


def test_json_carries_the_span(cli: Any) -> None:
    result = cli("check", str(EXAMPLES / "ongelijke-stem.toml"), "--format", "json", "--select", "gelijke-stem")
    finding = json.loads(result.output)["files"][0]["findings"][0]
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (48, 3, 48, 14)
    assert [(l["line"], l["end_column"]) for l in finding["locations"]] == [(48, 14), (38, 11)]


def test_toon_bron_underlines_the_span(cli: Any) -> None:
    result = cli("check", str(EXAMPLES / "ongelijke-stem.toml"), "--select", "gelijke-stem", "--toon-bron")
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if "gelijke-stem" in line)
    assert lines[at + 1 : at + 4] == ["       |", "    48 |   stemmen = 2", "       |   ^^^^^^^^^^^"]
    plain = cli("check", str(EXAMPLES / "ongelijke-stem.toml"), "--select", "gelijke-stem")
    assert "^^^" not in plain.output  # not on a pipe unless asked


def test_toon_bron_escapes_control_characters_from_the_file(cli: Any, write: Any) -> None:
    path = write("a.toml", b'formaat = 1 # \x1b[31mrood\r\n[afspraak]\n')
    lines = cli("check", str(path), "--toon-bron").output.splitlines()
    assert not any("\x1b" in line or "\r" in line for line in lines)
    assert lines[1:4] == ["      |", "    1 | formaat = 1 # \\x1b[31mrood", "      |               ^^^^"]


def test_toon_bron_shows_a_tab_as_spaces_with_the_carets_under_the_value(cli: Any, write: Any) -> None:
    path = write("a.toml", b'formaat = 1\r\n[afspraak]\n\ttitel = 3\n')
    lines = cli("check", str(path), "--toon-bron").output.splitlines()
    at = lines.index("    3 |     titel = 3")
    assert lines[at + 1] == "      |             ^"


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Any:
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield (*prefix, key)
        yield from _paths(value, (*prefix, key))


CORPUS = sorted(EXAMPLES.glob("*.toml")) + sorted((EXAMPLES.parent / "tests" / "data" / "identiek" / "corpus").glob("*.toml"))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_the_header_index_gives_the_spans_a_whole_scan_gives(path: Any) -> None:
    from afspraken.reading.headers import tables

    text = path.read_text(encoding="utf-8")
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError:
        pytest.skip("not TOML")
    assert tables(text, data) is not None  # the fast way is taken for these files
    scan, indexed = Locator(text), Locator(text, data)
    assert indexed._get_index()._tables is not None  # the header index is used
    for p in _paths(data):
        assert indexed.span(p) == scan.span(p), p
        assert indexed.span(p, value=True) == scan.span(p, value=True), p
    for p in [("afspraak", "nergens"), ("partij", 0, "nergens", 1), ("nergens",)]:
        assert indexed.nearest_span(p) == scan.nearest_span(p)


@pytest.mark.parametrize(
    "text",
    [
        'a = """\n[b]\nx = 1\n"""\n[b]\ny = 2\n',  # a header in a multi-line string
        "a = [\n  [1]\n]\n[c]\nx = 1\n",  # a header-like line in a multi-line array
        '[[t]]\nx = 1\n[t.u]\ny = 2\n[[t]]\nx = 3\n',
        '[a]\nb.c = 1\n[a.b.d]\ne = 2\n',  # a table defined by a dotted key, extended by a header
    ],
)
def test_the_header_index_is_not_fooled(text: str) -> None:
    data = tomli.loads(text)
    scan, indexed = Locator(text), Locator(text, data)
    for p in _paths(data):
        assert indexed.span(p) == scan.span(p), p


def test_a_lookup_reads_only_its_own_table() -> None:
    """Linear in the size of a file: finding a key in the last of 3,000 tables reads that table
    (by the header index), not the 2,999 before it; and each table at most once."""
    text = "formaat = 1\n" + "".join(f'[[actie]]\nwat = "a{i}"\nwie = "p"\nlijst = [1, 2]\n' for i in range(3000))
    locator = Locator(text, tomli.loads(text))
    span = locator.span(("actie", 2999, "wie"), value=True)
    assert span is not None and span.start.line == 4 + 4 * 2999
    index = locator._get_index()
    assert index._pending is None and index._tables is not None
    assert not index._read_tables  # one key: a regular expression, no scan
    assert locator.span(("actie", 1500, "lijst", 1)) is not None
    assert index._read_tables == {("actie", 1500)}  # scanned: only that table
    assert len(index.keys) < 20  # the 3,000 elements are offsets in one array, not 3,000 paths in a dict


@pytest.mark.parametrize(
    "text, paths",
    [
        # A header-like line in a multi-line array, naming a table that dotted keys define.
        ("titel.nl = 'x'\nlijst = [\n  ['titel']\n]\n[t]\nk = 1\n", [("titel",), ("titel", "nl"), ("lijst", 0), ("t", "k")]),
        ("a.b = 1\nl = [\n  [[1]]\n]\n[t]\nk = 1\n", [("a",), ("l", 0), ("l", 0, 0), ("t", "k")]),
        ("true.x = 1\nl = [\n  [true]\n]\n[t]\nk = 1\n", [("true",), ("l", 0), ("t", "k")]),
        # An inline table over several lines (TOML 1.1): its keys are not the table's.
        ("[a]\nt = {\n  k = 1,\n  z = 2\n}\nk = 3\n", [("a", "k"), ("a", "t", "k"), ("a", "t", "z"), ("a", "t")]),
        ("[a]\nt = {z = 1,\nk = 1}\nk = 3\n", [("a", "k"), ("a", "t", "k"), ("a", "t")]),  # the `{` not at the line's end
    ],
)
def test_values_that_look_like_headers_or_keys_do_not_misplace(text: str, paths: list[tuple[Any, ...]]) -> None:
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError:
        pytest.skip("this tomli reads TOML 1.0 only")
    for p in paths:
        scan, indexed = Locator(text), Locator(text, data)
        assert indexed.span(p) == scan.span(p), p
        assert indexed.span(p, value=True) == scan.span(p, value=True), p


def test_keys_of_a_table_the_file_has_once_are_kept_and_keys_of_elements_are_not() -> None:
    """Findings point at ``afspraak.einddatum`` again and again: found once, then known (a
    search per finding through a table padded with 1 MB of comments took 5 ms each). A key of
    one element of an array of tables is asked once or twice: not kept, so a big file with a
    finding on every element does not keep every path."""
    text = "[afspraak]\n" + "# x\n" * 100 + "einddatum = 2021-01-01\n" + "".join(f'[[actie]]\nwat = "a{i}"\nwie = "p"\n' for i in range(50))
    locator = Locator(text, tomli.loads(text))
    index = locator._get_index()
    first = locator.span(("afspraak", "einddatum"))
    assert ("afspraak", "einddatum") in index.keys and ("afspraak", "einddatum") in index.values
    assert locator.span(("afspraak", "einddatum")) == first and first is not None and first.start.line == 102
    wie = locator.span(("actie", 7, "wie"), value=True)
    assert wie is not None and wie.start.line == 103 + 3 * 7 + 2
    assert ("actie", 7, "wie") not in index.keys and index._last is not None and index._last[0] == ("actie", 7, "wie")


def test_line_separators_inside_strings_and_comments_end_no_line(tmp_path) -> None:
    """U+2028, U+2029 and NEL may stand raw in a TOML string or comment; str.splitlines() ends a
    line there, which put every later finding one line too low (and its source line wrong)."""
    from afspraken.checking.run import Checker
    from afspraken.testing import agreement_text

    text = agreement_text('[afspraak]\ntitel = "Wijk\u2028Noord\u0085Zuid"  # a\u2029b\n') + "# VUL IN: controleren\n"
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    [marker] = [f for f in Checker(config=False).check_path(tmp_path / "a.toml").findings if f.rule == "nog-invullen"]
    assert marker.location.line == text.count("\n")  # the last line
    duplicate = '[afspraak]\ntitel = "a\u2028b"\nwijk = "W"\nwijk = "X"\n'
    (tmp_path / "b.toml").write_text(duplicate, encoding="utf-8")
    [problem] = Checker(config=False).check_path(tmp_path / "b.toml").problems
    assert problem.location.line == 4 and "sleutel 'wijk' staat twee keer in deze tabel (ook op regel 3)" in problem.message("nl")


def test_a_long_line_is_shown_around_its_span_only(tmp_path) -> None:
    """A finding on a line of 40,000 elements showed the whole line for every finding (gigabytes
    in HTML); the source shown is the span with some characters either side."""
    from afspraken.reporting.sources import AROUND, MAX_MARKED, Sources
    from afspraken.results import Location

    line = "lijst = [" + ", ".join(str(i) for i in range(10_000)) + "]"
    (tmp_path / "a.toml").write_text("[extensies.x]\n" + line + "\n", encoding="utf-8")
    at = line.index("5000")
    [snippet] = Sources().snippet(Location(str(tmp_path / "a.toml"), 2, at + 1, "extensies.x.lijst[5000]", 2, at + 5))
    assert snippet.marked == "5000" and snippet.before.startswith("…") and snippet.after.endswith("…")
    assert len(snippet.before) == AROUND + 1 and len(snippet.after) == AROUND + 1 and MAX_MARKED > 4
    assert snippet.before.endswith(line[at - 10 : at])


def test_a_multi_line_string_keeps_the_header_index_and_fools_it_not() -> None:
    """A big agreement with one multi-line toelichting scanned the whole text token by token
    (~35x its size in memory): lines inside the string are now passed over, not refused."""
    text = (
        '[afspraak]\ntoelichting = """\n[[actie]]\nwie = "nep"\n[afspraak]\n"""\nwie = "echt"\n'
        "opmerking = '''\n[x]\n'''  # \"\"\" not a string here\n"
        '[[actie]]\nwat = "a \\"\\"\\" [y]"\nwie = "g"\n'
    )
    data = tomli.loads(text)
    scan, indexed = Locator(text, None), Locator(text, data)
    assert indexed._get_index()._tables is not None
    for p in [*_paths(data), ("afspraak", "nergens")]:
        assert indexed.span(p) == scan.span(p), p
        assert indexed.span(p, value=True) == scan.span(p, value=True), p
    wie = indexed.span(("afspraak", "wie"))
    assert wie is not None and wie.start.line == 7


def test_quoted_array_of_tables_headers_keep_the_index_and_a_fake_one_is_caught() -> None:
    """``[["actie"]]`` is an ordinary header: indexed. The same line inside a multi-line array is
    a value, and would be one element too many for the array of tables: no index then."""
    text = '[["actie"]]\nwat = "a"\n[[ "actie" ]]\nwat = "b"\nwie = "g"\n'
    data = tomli.loads(text)
    indexed = Locator(text, data)
    assert indexed._get_index()._tables is not None
    for p in _paths(data):
        assert indexed.span(p) == Locator(text).span(p), p
    fake = 'lijst = [\n[["actie"]]\n]\n[["actie"]]\nwat = "a"\n'
    data = tomli.loads(fake)
    assert Locator(fake, data)._get_index()._tables is None
    assert Locator(fake, data).span(("actie", 0, "wat")) == Locator(fake).span(("actie", 0, "wat"))


def test_the_text_reports_source_line_is_also_cut_around_its_span() -> None:
    from afspraken.reporting.snippet import Sources as TextSources, render
    from afspraken.reporting.sources import AROUND
    from afspraken.results import Location

    line = "lijst = [" + ", ".join(str(i) for i in range(10_000)) + "]"
    at = line.index("5000")
    shown = render(Location("a.toml", 1, at + 1, "lijst[5000]", 1, at + 5), TextSources({"a.toml": line + "\n"}))
    source, carets = shown[1], shown[2]
    assert "…" + line[at - AROUND : at + 4 + AROUND] + "…" in source and len(source) < 3 * AROUND
    assert carets.endswith(" " * (AROUND + 1) + "^^^^")


@pytest.mark.parametrize(
    "text, path",
    [
        # An inline table over lines whose first line also holds a `}`: its keys are not the table's.
        ("a = { b = {}, \n c = 1 }\nc = 2\n", ("c",)),
        ('[t]\na = { b = "}",\n c = 1 }\nc = 2\n', ("t", "c")),
        ("[t]\na = { # }\n c = 1 }\nc = 2\n", ("t", "c")),
        ('a = { b = "}",\n c = 1 }\n"c" = 2\n', ("c",)),
        ("[t]\na = {x = {}, b = [\n1,\n],\nc = 1}\nc = 2\n", ("t", "c")),
        # A quoted [["x"]] inside a multi-line array, x an inline array of tables: no index.
        ('x = [{}]\ny = [\n[["x"]]\n]\nz = 1\n', ("x", 0)),
        ("x = [{}]\ny = [\n[['x']] # c\n]\nz = 1\n", ("z",)),
        ('x = [{}]\ny = [\n[["x"]\n]]\nz = 1\n', ("y", 0, 0)),
    ],
)
def test_inline_tables_and_arrays_over_lines_fool_the_index_not(text: str, path: tuple[Any, ...]) -> None:
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError:
        pytest.skip("this tomli reads TOML 1.0 only")
    assert Locator(text, data).span(path) == Locator(text).span(path)
    assert Locator(text, data).span(path, value=True) == Locator(text).span(path, value=True)
