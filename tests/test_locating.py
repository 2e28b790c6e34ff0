"""Tests for afspraken.reading.locating: exact positions of keys and values in TOML text."""

from __future__ import annotations

import datetime as dt
import math
import random
import re
import textwrap
import time
from typing import Any, TypeVar

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afspraken.reading import locating
from afspraken.reading.locating import Locator, KeyPath, Position


T = TypeVar("T")


@pytest.fixture(autouse=True, params=["scan", "kopindex"])
def _mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test twice: one scan of the text (no parsed data, as for a broken file), and
    with the parsed data, where a lookup reads only its own table through the header index."""
    if request.param == "kopindex":
        real = Locator.__init__

        def init(self: Locator, text: str, data: Any = None) -> None:
            if data is None:
                try:
                    data = tomli.loads(text)
                except Exception:  # noqa: BLE001 - invalid TOML: the scan, as in real use
                    data = None
            real(self, text, data)

        monkeypatch.setattr(Locator, "__init__", init)


def doc(text: str) -> str:
    """Dedent a test document and check that it is valid TOML."""
    text = textwrap.dedent(text).lstrip("\n")
    tomli.loads(text)
    return text


def all_paths(data: Any, prefix: KeyPath = ()) -> list[KeyPath]:
    """Every key and element path of parsed TOML data, parents first."""
    paths: list[KeyPath] = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        path = (*prefix, key)
        paths.append(path)
        paths.extend(all_paths(value, path))
    return paths


def offset_of(text: str, position: Position) -> int:
    """The string offset of a Position, computed independently of the module."""
    lines = text.split("\n")
    assert 1 <= position.line <= len(lines)
    assert 1 <= position.column <= len(lines[position.line - 1]) + 1
    return sum(len(line) + 1 for line in lines[: position.line - 1]) + position.column - 1


# --- tables and arrays of tables -------------------------------------------------

TABLES = doc(
    """
    formaat = 1

    [afspraak]
    titel = "Woensel-West"

    [[partij]]
    id = "gemeente"

    [[partij]]
    id = "trudo"

    [[orgaan]]
    id = "eerste"
      [[orgaan.lid]]
      naam = "A"
    [[orgaan]]
    id = "tweede"
      [[orgaan.lid]]
      naam = "B"
      stemmen = 2
      [orgaan.lid.adres]
      straat = "Celebesstraat"
      [[orgaan.lid]]
      naam = "C"
    """
)


@pytest.mark.parametrize(
    ("path", "line", "column"),
    [
        (("formaat",), 1, 1),
        (("afspraak",), 3, 1),
        (("afspraak", "titel"), 4, 1),
        (("partij",), 6, 1),
        (("partij", 0), 6, 1),
        (("partij", 0, "id"), 7, 1),
        (("partij", 1), 9, 1),
        (("partij", 1, "id"), 10, 1),
        (("orgaan", 0), 12, 1),
        (("orgaan", 0, "lid"), 14, 3),
        (("orgaan", 0, "lid", 0), 14, 3),
        (("orgaan", 0, "lid", 0, "naam"), 15, 3),
        (("orgaan", 1), 16, 1),
        (("orgaan", 1, "id"), 17, 1),
        (("orgaan", 1, "lid"), 18, 3),
        (("orgaan", 1, "lid", 0), 18, 3),
        (("orgaan", 1, "lid", 0, "stemmen"), 20, 3),
        (("orgaan", 1, "lid", 0, "adres"), 21, 3),
        (("orgaan", 1, "lid", 0, "adres", "straat"), 22, 3),
        (("orgaan", 1, "lid", 1), 23, 3),
        (("orgaan", 1, "lid", 1, "naam"), 24, 3),
    ],
)
def test_find_tables_and_arrays_of_tables(path: KeyPath, line: int, column: int) -> None:
    assert Locator(TABLES).find(path) == Position(line, column)


def test_values_and_missing_paths_in_tables() -> None:
    loc = Locator(TABLES)
    assert loc.value(("formaat",)) == Position(1, 11)
    assert loc.value(("afspraak", "titel")) == Position(4, 9)
    assert loc.value(("partij", 1, "id")) == Position(10, 6)
    assert loc.value(("orgaan", 1, "lid", 0, "stemmen")) == Position(20, 13)
    # Tables made by headers have no value position.
    assert loc.value(("afspraak",)) is None
    assert loc.value(("partij", 0)) is None
    for missing in [("partij", 2), ("orgaan", 0, "lid", 1), ("orgaan", 2), ("titel",), ("afspraak", "x"), ()]:
        assert loc.find(missing) is None
        assert loc.value(missing) is None


HEADERS = doc(
    """
    [extensies.plug]
    naam = "x"
    [ a . "b c" ]
    d = 1
    [[ 'q.r' . s ]]
    t = 2
    [x.y]
    [x]
    z = 3
    ["\\u00e9\\t"]
    """
)


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("extensies",), 1),  # implicit super-table: its first header
        (("extensies", "plug"), 1),
        (("extensies", "plug", "naam"), 2),
        (("a",), 3),
        (("a", "b c"), 3),
        (("a", "b c", "d"), 4),
        (("q.r",), 5),
        (("q.r", "s"), 5),
        (("q.r", "s", 0), 5),
        (("q.r", "s", 0, "t"), 6),
        (("x", "y"), 7),
        (("x",), 8),  # an explicit header wins over an earlier implicit one
        (("x", "z"), 9),
        (("é\t",), 10),
    ],
)
def test_headers_with_spaces_quotes_and_implicit_tables(path: KeyPath, line: int) -> None:
    assert Locator(HEADERS).find(path) == Position(line, 1)


# --- keys --------------------------------------------------------------------------

KEYS = doc(
    """
    a.b = 1
    a . c = "twee"
    "x y".z = true
    site."google.com" = 'ja'
    2025 = 1
    -_x = 2
    3.14 = "pi"
    "tab\\there" = 3
    "\\u00e9t\\u00e9" = 4
    'lit\\n' = 5
    "" = 6
    """
)


@pytest.mark.parametrize(
    ("path", "key", "value"),
    [
        (("a",), (1, 1), None),
        (("a", "b"), (1, 3), (1, 7)),
        (("a", "c"), (2, 5), (2, 9)),
        (("x y",), (3, 1), None),
        (("x y", "z"), (3, 7), (3, 11)),
        (("site",), (4, 1), None),
        (("site", "google.com"), (4, 6), (4, 21)),
        (("2025",), (5, 1), (5, 8)),
        (("-_x",), (6, 1), (6, 7)),
        (("3",), (7, 1), None),
        (("3", "14"), (7, 3), (7, 8)),
        (("tab\there",), (8, 1), (8, 15)),
        (("été",), (9, 1), (9, 19)),
        (("lit\\n",), (10, 1), (10, 11)),
        (("",), (11, 1), (11, 6)),
    ],
)
def test_dotted_quoted_and_bare_keys(path: KeyPath, key: tuple[int, int], value: tuple[int, int] | None) -> None:
    loc = Locator(KEYS)
    assert loc.find(path) == Position(*key)
    assert loc.value(path) == (None if value is None else Position(*value))


def test_numeric_bare_key_is_a_string() -> None:
    loc = Locator(KEYS)
    assert loc.find((2025,)) is None
    assert loc.find(("3.14",)) is None


# --- values ------------------------------------------------------------------------

SCALARS = doc(
    """
    hex = 0xDEAD_BEEF
    oct = 0o755
    bin = 0b1101
    big = 1_000_000
    neg = -17
    flt = +6.626e-34
    inf1 = -inf
    nan1 = nan
    yes = true
    datum = 1979-05-27
    moment = 1979-05-27 07:32:00.999-07:00
    lokaal = 1979-05-27T07:32:00
    tijd = 07:32:00
    na = "after"
    lijst = [1979-05-27 07:32:00, 2]
    """
)


def test_scalar_values() -> None:
    loc = Locator(SCALARS)
    lines = SCALARS.splitlines()
    for number, line in enumerate(lines, start=1):
        key = line.split(" = ")[0]
        assert loc.find((key,)) == Position(number, 1), key
        assert loc.value((key,)) == Position(number, len(key) + 4), key
    assert loc.find(("lijst", 0)) == Position(15, 10)
    assert loc.find(("lijst", 1)) == Position(15, 31)
    assert loc.find(("lijst", 2)) is None


MULTILINE = doc(
    "\n".join(
        [
            'intro = """',
            '[[fake]]',
            'key = 1',
            '# no comment "quoted" \\""" still inside \'\'\' \'',
            '"""',
            'na = 1',
            "lit = '''",
            '[nep]',
            'x = 2 "" \'\'',
            "'''",
            'daarna = 2',
            'quotes = """a""""',
            'einde = 3',
            'ml2 = """x\\\\"""',
            'slot = 4',
            'arr = ["""a',
            '[y]""", \'\'\'b = 1\'\'\', "c"]',
            'cont = """a \\',
            '  b = 1"""',
            'laatste = 5',
            'tail = ["""x"""", \'\'\'y\'\'\'\', 1]',
        ]
    )
)


def test_multiline_strings_hide_their_content() -> None:
    loc = Locator(MULTILINE)
    for fake in [("fake",), ("fake", 0), ("key",), ("nep",), ("x",), ("y",), ("b",)]:
        assert loc.find(fake) is None
    assert loc.value(("intro",)) == Position(1, 9)
    assert loc.find(("na",)) == Position(6, 1)
    assert loc.value(("lit",)) == Position(7, 7)
    assert loc.find(("daarna",)) == Position(11, 1)
    assert loc.value(("quotes",)) == Position(12, 10)
    assert loc.find(("einde",)) == Position(13, 1)
    assert loc.find(("slot",)) == Position(15, 1)
    assert loc.find(("arr", 0)) == Position(16, 8)
    assert loc.find(("arr", 1)) == Position(17, 9)
    assert loc.find(("arr", 2)) == Position(17, 22)
    assert loc.find(("cont",)) == Position(18, 1)
    assert loc.find(("laatste",)) == Position(20, 1)
    # Closing runs of four quotes: the extra one belongs to the content.
    assert [loc.find(("tail", i)) for i in range(3)] == [Position(21, 9), Position(21, 19), Position(21, 29)]


ARRAYS = doc(
    """
    mandaat = ["gemeente", "trudo"]
    lang = [
      1,   # een [x] = 2
      # commentaar, met = teken
      [2, [3, 4]],
      "vijf",
    ]
    leeg = []
    tabellen = [ { a = 1 }, {b = {c = 2}} ]
    genest = [[1, 2], [3]]
    enkel = [[1]]
    kolom = [
      [1]
    ]
    na_kolom = 1
    "q k" = [true]
    na_q = 1
    """
)


@pytest.mark.parametrize(
    ("path", "line", "column"),
    [
        (("mandaat", 0), 1, 12),
        (("mandaat", 1), 1, 24),
        (("lang", 0), 3, 3),
        (("lang", 1), 5, 3),
        (("lang", 1, 0), 5, 4),
        (("lang", 1, 1), 5, 7),
        (("lang", 1, 1, 0), 5, 8),
        (("lang", 1, 1, 1), 5, 11),
        (("lang", 2), 6, 3),
        (("tabellen", 0), 9, 14),
        (("tabellen", 0, "a"), 9, 16),
        (("tabellen", 1), 9, 25),
        (("tabellen", 1, "b"), 9, 26),
        (("tabellen", 1, "b", "c"), 9, 31),
        (("genest", 0), 10, 11),
        (("genest", 0, 1), 10, 15),
        (("genest", 1), 10, 19),
        (("genest", 1, 0), 10, 20),
        (("enkel", 0), 11, 10),
        (("enkel", 0, 0), 11, 11),
        (("kolom", 0), 13, 3),
        (("kolom", 0, 0), 13, 4),
        (("na_kolom",), 15, 1),
        (("q k", 0), 16, 10),
        (("na_q",), 17, 1),
    ],
)
def test_array_elements(path: KeyPath, line: int, column: int) -> None:
    loc = Locator(ARRAYS)
    assert loc.find(path) == Position(line, column)
    if isinstance(path[-1], int):  # an element's value is where it is
        assert loc.value(path) == Position(line, column)


def test_array_values_and_bounds() -> None:
    loc = Locator(ARRAYS)
    assert loc.value(("mandaat",)) == Position(1, 11)
    assert loc.value(("lang",)) == Position(2, 8)
    assert loc.value(("leeg",)) == Position(8, 8)
    assert loc.value(("tabellen", 0, "a")) == Position(9, 20)
    assert loc.value(("tabellen", 1, "b")) == Position(9, 30)
    assert loc.value(("tabellen", 1, "b", "c")) == Position(9, 35)
    for missing in [("mandaat", 2), ("lang", 3), ("leeg", 0), ("enkel", 1), ("x",), ("a",), ("c",)]:
        assert loc.find(missing) is None


INLINE = doc(
    """
    p = { a = 1, b = { c = 2 }, "d e" = [1, 2], f.g = "h" }
    leeg = {}
    na = 1
    """
)


def test_inline_tables() -> None:
    loc = Locator(INLINE)
    assert loc.value(("p",)) == Position(1, 5)
    expected = {
        ("p", "a"): ((1, 7), (1, 11)),
        ("p", "b"): ((1, 14), (1, 18)),
        ("p", "b", "c"): ((1, 20), (1, 24)),
        ("p", "d e"): ((1, 29), (1, 37)),
        ("p", "d e", 1): ((1, 41), (1, 41)),
        ("p", "f", "g"): ((1, 47), (1, 51)),
    }
    for path, (key, value) in expected.items():
        assert loc.find(path) == Position(*key), path
        assert loc.value(path) == Position(*value), path
    assert loc.find(("p", "f")) == Position(1, 45)
    assert loc.value(("leeg",)) == Position(2, 8)
    assert loc.find(("na",)) == Position(3, 1)
    assert loc.find(("a",)) is None and loc.find(("c",)) is None


def test_multiline_inline_table_of_toml_1_1() -> None:
    text = "t = {\n  a = 1,\n  b = [2, 3]  # c\n}\nna = 4\n"
    loc = Locator(text)
    assert loc.find(("t", "a")) == Position(2, 3)
    assert loc.find(("t", "b", 1)) == Position(3, 11)
    assert loc.find(("na",)) == Position(5, 1)


# --- text encoding details -------------------------------------------------------


@pytest.mark.parametrize("text", [TABLES, HEADERS, KEYS, SCALARS, MULTILINE, ARRAYS, INLINE])
def test_crlf_gives_the_same_positions(text: str) -> None:
    crlf = text.replace("\n", "\r\n")
    lf_loc, crlf_loc = Locator(text), Locator(crlf)
    paths = all_paths(tomli.loads(text))
    assert paths
    for path in paths:
        assert crlf_loc.find(path) == lf_loc.find(path) is not None, path
        assert crlf_loc.value(path) == lf_loc.value(path), path


def test_columns_count_characters_not_bytes() -> None:
    text = doc(
        """
        p = { naam = "Ĳsselmeer – één", b = 1 }
        "straße" = "x"
        "😀" = [1, 2]
        \tsleutel\t=\t"waarde"
        """
    )
    loc = Locator(text)
    assert loc.find(("p", "b")) == Position(1, 33)
    assert loc.value(("p", "b")) == Position(1, 37)
    assert loc.value(("straße",)) == Position(2, 12)
    assert loc.find(("😀", 1)) == Position(3, 11)
    assert loc.find(("sleutel",)) == Position(4, 2)
    assert loc.value(("sleutel",)) == Position(4, 12)


# --- nearest -----------------------------------------------------------------------


def test_nearest() -> None:
    loc = Locator(TABLES)
    assert loc.nearest(("partij", 1, "id")) == (Position(10, 1), ("partij", 1, "id"))
    assert loc.nearest(("afspraak", "titel", "x")) == (Position(4, 1), ("afspraak", "titel"))
    assert loc.nearest(("afspraak", "onbekend")) == (Position(3, 1), ("afspraak",))
    assert loc.nearest(("orgaan", 1, "lid", 5, "naam")) == (Position(18, 3), ("orgaan", 1, "lid"))
    assert loc.nearest(("partij", 7)) == (Position(6, 1), ("partij",))
    assert loc.nearest(("onbekend", "x")) == (Position(1, 1), ())
    assert loc.nearest(()) == (Position(1, 1), ())
    assert Locator("").nearest(("a",)) == (Position(1, 1), ())


def test_nearest_finds_lazily_indexed_array_elements() -> None:
    loc = Locator(ARRAYS)
    assert loc.nearest(("mandaat", 1, "x")) == (Position(1, 24), ("mandaat", 1))
    assert loc.nearest(("mandaat", 5)) == (Position(1, 1), ("mandaat",))


# --- laziness, size, robustness ----------------------------------------------------


def test_index_is_built_lazily_and_once(monkeypatch: pytest.MonkeyPatch) -> None:
    builds: list[str] = []
    real = locating._Index

    def counting(text: str, data: object = None) -> locating._Index:
        builds.append(text)
        return real(text, data)

    monkeypatch.setattr(locating, "_Index", counting)
    loc = Locator(TABLES)
    assert builds == []
    loc.find(("formaat",))
    loc.value(("afspraak", "titel"))
    loc.nearest(("partij", 9))
    assert builds == [TABLES]


def realistic_document() -> tuple[str, dict[KeyPath, tuple[Position, Position | None]]]:
    """A ~6 KB agreement, with the expected key and value positions of its paths."""
    lines = ["# Samenwerkingsafspraken (gegenereerd)", "formaat = 1", ""]
    expected: dict[KeyPath, tuple[Position, Position | None]] = {("formaat",): (Position(2, 1), Position(2, 11))}

    def add(line: str, path: KeyPath | None = None, indent: int = 0) -> None:
        lines.append(" " * indent + line)
        if path is not None:
            key, _, value = line.partition(" = ")
            value_at = Position(len(lines), indent + len(key) + 4) if value else None
            expected[path] = (Position(len(lines), indent + 1), value_at)

    add("[afspraak]", ("afspraak",))
    add('titel = "Samenwerkingsafspraken Buurtonderneming Woensel-West"', ("afspraak", "titel"))
    add("ingangsdatum = 2009-01-01", ("afspraak", "ingangsdatum"))
    partijen = [f"partij-{i}" for i in range(20)]
    for i, naam in enumerate(partijen):
        add("")
        add("[[partij]]", ("partij", i))
        add(f'id = "{naam}"', ("partij", i, "id"))
        add(f'naam = "Stichting Één {i} — Woensel"  # toelichting', ("partij", i, "naam"))
        add('soort = "instelling"', ("partij", i, "soort"))
        add(f"professionals = {i}", ("partij", i, "professionals"))
    for i in range(18):
        add("")
        add("[[actie]]", ("actie", i))
        add(f'wat = "Herinrichting straat {i}"', ("actie", i, "wat"))
        add(f'wie = "{partijen[i]}"', ("actie", i, "wie"))
        add(f"wanneer = 2010-06-{i + 10}", ("actie", i, "wanneer"))
        add('schaal = "straat"  # of: buurt, wijk', ("actie", i, "schaal"))
    for o in range(5):
        add("")
        add("[[orgaan]]", ("orgaan", o))
        add(f'mandaat = ["{partijen[o]}", "{partijen[o + 1]}"]', ("orgaan", o, "mandaat"))
        for j in range(4):
            add("[[orgaan.lid]]", ("orgaan", o, "lid", j), indent=2)
            add(f'naam = "Lid {o}.{j}"', ("orgaan", o, "lid", j, "naam"), indent=2)
            add("stemmen = 1", ("orgaan", o, "lid", j, "stemmen"), indent=2)
            add(f'rol = "lid namens {partijen[j]}"', ("orgaan", o, "lid", j, "rol"), indent=2)
    add("")
    add("[besluitvorming]", ("besluitvorming",))
    add('bewoners_betrokken = ["initiatief", "ontwerp", "besluit"]', ("besluitvorming", "bewoners_betrokken"))
    return "\n".join(lines) + "\n", expected


def test_realistic_6kb_document() -> None:
    text, expected = realistic_document()
    assert len(text) >= 6000
    data = tomli.loads(text)
    assert len(data["partij"]) == 20 and len(data["orgaan"][4]["lid"]) == 4
    loc = Locator(text)
    for path, (key, value) in expected.items():
        assert loc.find(path) == key, path
        assert loc.value(path) == value, path
    mandaat = loc.value(("orgaan", 2, "mandaat"))  # `mandaat = ["partij-2", "partij-3"]`
    assert mandaat is not None and mandaat.column == 11
    assert loc.find(("orgaan", 2, "mandaat", 1)) == Position(mandaat.line, 24)
    for path in all_paths(data):
        assert loc.find(path) is not None, path
    assert loc.find(("orgaan", 5)) is None


def test_truncated_documents_do_not_crash() -> None:
    for text in [TABLES, MULTILINE, ARRAYS, INLINE, HEADERS]:
        for end in range(len(text)):
            loc = Locator(text[:end])
            for path in [("orgaan", 1, "lid", 0), ("arr", 1), ("p", "b", "c"), ("a", "b c", "d")]:
                loc.find(path)
                loc.value(path)
                position, prefix = loc.nearest(path)
                assert position.line >= 1 and position.column >= 1
                assert prefix == path[: len(prefix)]


@pytest.mark.parametrize(
    "text",
    [
        '"' + '\\"' * 20_000,
        "'''" + "a'" * 20_000,
        '"""' + '\\"' * 20_000,
        "a = [" + "1, " * 20_000,
        "[" * 20_000,
        "{" * 20_000,
        "a = " + '"x' * 20_000,
        "x." * 20_000 + " = 1",
    ],
    ids=["basic", "literal", "multiline", "array", "brackets", "braces", "strings", "dotted"],
)
def test_pathological_input_is_fast(text: str) -> None:
    started = time.perf_counter()
    Locator(text).nearest(("a", 0, "b"))
    assert time.perf_counter() - started < 1.0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab =.,[]{}"\'#\\\n\r\t1-:é', max_size=60), st.lists(st.sampled_from(["a", "b", 0, 1]), max_size=3))
def test_arbitrary_text_never_raises(text: str, path: list[str | int]) -> None:
    loc = Locator(text)
    for result in (loc.find(tuple(path)), loc.value(tuple(path)), loc.nearest(tuple(path))[0]):
        if result is not None:
            assert 0 <= offset_of(text, result) <= len(text)


# --- property: serialize random data, then find every value ------------------------

BARE = re.compile(r"[A-Za-z0-9_-]+")
TRICKY_STRINGS = [
    "[[fake]]\nkey = 1\n",
    'a"""b',
    "x'''y",
    'ends with "',
    "# not a comment",
    "back\\slash",
    "tab\there",
    "{ a = 1 }",
]

keys = st.one_of(
    st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True),
    st.text(st.characters(codec="utf-8"), max_size=6),
)
scalars = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=12),
    st.sampled_from(TRICKY_STRINGS),
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates(),
    st.datetimes(),
    st.times(),
)


def _extend(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    tables = st.dictionaries(keys, children, max_size=4)
    return st.one_of(st.lists(children, max_size=4), tables, st.lists(tables, min_size=1, max_size=3))


documents = st.dictionaries(keys, st.recursive(scalars, _extend, max_leaves=10), max_size=6)


def _escape(text: str, multiline: bool = False) -> str:
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n" and multiline:
            out.append(char)
        elif char == "\t":
            out.append(char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


def _plain(text: str, multiline: bool = False) -> bool:
    """Whether `text` can be written as a literal string."""
    allowed = "\t\n" if multiline else "\t"
    return "'" not in text and not any((ord(c) < 0x20 and c not in allowed) or ord(c) == 0x7F for c in text)


def _is_array_of_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


class Writer:
    """A small random TOML writer that records where every value must end up."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd  # layout choices; one draw keeps generation fast
        self.lines: list[str] = []
        self.values: list[tuple[KeyPath, str]] = []  # value literals, in text order
        self.keys: dict[KeyPath, str] = {}  # path -> text at its first definition
        self.headers: list[KeyPath] = []

    def choose(self, *options: T) -> T:
        return self.rnd.choice(options)

    def key(self, name: str) -> str:
        if BARE.fullmatch(name) and self.choose(True, True, False):
            return name
        if _plain(name) and self.choose(True, False):
            return f"'{name}'"
        return f'"{_escape(name)}"'

    def comment(self) -> str:
        return self.choose("", "", "  # [[fake]] key = 1")

    def scalar(self, value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            forms = [str(value), f"{value:_}"] + ([f"0x{value:X}", f"0o{value:o}", f"0b{value:b}", f"+{value}"] if value >= 0 else [])
            return self.choose(*forms)
        if isinstance(value, float):
            return ("-inf" if value < 0 else "inf") if math.isinf(value) else repr(value)
        if isinstance(value, dt.datetime):
            return value.isoformat(sep=self.choose("T", " "))
        if isinstance(value, (dt.date, dt.time)):
            return value.isoformat()
        forms = [f'"{_escape(value)}"', f'"""\n{_escape(value, multiline=True)}"""']
        forms += [f"'{value}'"] if _plain(value) and "\n" not in value else []
        forms += [f"'''\n{value}'''"] if _plain(value, multiline=True) and "\r" not in value else []
        return self.choose(*forms)

    def render(self, path: KeyPath, value: Any) -> str:
        """An inline value; records its literal (containers before their items)."""
        slot = len(self.values)
        self.values.append((path, ""))
        if isinstance(value, list):
            items = [self.render((*path, i), item) for i, item in enumerate(value)]
            if self.choose(False, True):
                body = "".join(f"\n  {item},{self.comment()}" for item in items)
                text = f"[{self.comment()}{body}\n]"
            else:
                text = "[" + ", ".join(items) + self.choose("", ", " if items else "") + "]"
        elif isinstance(value, dict):
            pairs = [self.pair(path, parts, item) for parts, item in self.flatten([], value)]
            text = "{" + ", ".join(pairs) + "}" if pairs else self.choose("{}", "{ }")
        else:
            text = self.scalar(value)
        self.values[slot] = (path, text)
        return text

    def flatten(self, prefix: list[str], table: dict[str, Any]) -> list[tuple[list[str], Any]]:
        """Key/value pairs of `table`, some sub-tables written as dotted keys."""
        pairs: list[tuple[list[str], Any]] = []
        for name, value in table.items():
            if isinstance(value, dict) and value and self.choose(False, True):
                pairs.extend(self.flatten([*prefix, name], value))
            else:
                pairs.append(([*prefix, name], value))
        return pairs

    def pair(self, base: KeyPath, parts: list[str], value: Any) -> str:
        written = [self.key(part) for part in parts]
        for i, text in enumerate(written):
            self.keys.setdefault((*base, *parts[: i + 1]), text)
        key = self.choose(".", " . ").join(written)
        return key + self.choose(" = ", "=", " =\t") + self.render((*base, *parts), value)

    def header(self, path: KeyPath, brackets: str) -> None:
        names = self.choose(".", " . ").join(self.key(part) for part in path if isinstance(part, str))
        for end in range(1, len(path) + 1):
            if isinstance(path[end - 1], str):
                self.keys.setdefault(path[:end], "[")
        self.headers.append(path)
        self.lines.append(self.choose("", "  ", "\t") + brackets[: len(brackets) // 2] + names + brackets[len(brackets) // 2 :] + self.comment())

    def table(self, path: KeyPath, table: dict[str, Any], header: str | None) -> None:
        """A table's key/values, then its sub-tables under their own headers."""
        inline: list[tuple[str, Any, str]] = []
        later: list[tuple[str, Any, str]] = []
        for name, value in table.items():
            how = self.choose("header", "dotted", "inline") if isinstance(value, dict) else "inline"
            how = self.choose("headers", "inline") if _is_array_of_tables(value) else how
            (later if how.startswith("header") else inline).append((name, value, how))
        if header and (inline or not later or self.choose(True, False)):  # `[a]` may stay implicit
            self.header(path, header)
        for name, value, how in inline:
            pairs = self.flatten([name], value) if how == "dotted" and value else [([name], value)]
            for parts, item in pairs:
                self.lines.append(self.choose("", "  ") + self.pair(path, parts, item) + self.comment())
        for name, value, how in later:
            if how == "header":
                self.table((*path, name), value, "[]")
            else:
                for i, item in enumerate(value):
                    self.keys.setdefault((*path, name), "[[")
                    self.keys[(*path, name, i)] = "[["
                    self.header((*path, name, i), "[[]]")
                    self.table((*path, name, i), item, None)
            if self.choose(True, False):
                self.lines.append("")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents, st.randoms(use_true_random=False))
def test_property_every_value_is_found(data: dict[str, Any], rnd: random.Random) -> None:
    writer = Writer(rnd)
    writer.table((), data, None)
    text = "\n".join(writer.lines) + "\n"
    newline = rnd.choice(["\n", "\r\n"])
    text = text.replace("\n", newline)
    assert tomli.loads(text) == data  # the writer wrote valid TOML for `data`

    loc = Locator(text)
    previous = -1
    for path, literal in writer.values:
        position = loc.value(path)
        assert position is not None, path
        offset = offset_of(text, position)
        assert text.startswith(literal.replace("\n", newline), offset), (path, literal)
        assert offset > previous, path  # values appear in writing order
        previous = offset
        if isinstance(path[-1], int):
            assert loc.find(path) == position
    for path, start in writer.keys.items():
        position = loc.find(path)
        assert position is not None, path
        assert text.startswith(start, offset_of(text, position)), (path, start)
    for path in writer.headers:
        assert loc.value(path) is None
    for path in all_paths(data):
        assert loc.find(path) is not None, path
        assert loc.nearest((*path, "\0missing")) == (loc.find(path), path)


def test_line_and_column_by_blocks_agree_with_counting_from_the_start():
    """Past a few positions, lines are counted from the 4 KB block that holds the offset: the
    same answer as counting from the start, also for lines longer than a block or empty ones."""
    import random

    rng = random.Random(3)
    for _ in range(40):
        text = "".join(
            "x" * rng.choice([0, 1, 80, 4095, 4096, 4097, 9000]) + rng.choice(["\n", "", "\n\n"]) for _ in range(rng.randrange(1, 300))
        ) or "a"
        locator = Locator(text)
        for offset in [rng.randrange(len(text)) for _ in range(40)]:
            assert locator._line_column(offset) == (text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents, st.randoms(use_true_random=False), st.lists(st.sampled_from(['# """ x', "# '''", 'q = "a\'\'\'b"', "r = 'x\"\"\"y'", 's = """a\'\'\'b"""', 't = """"""']), max_size=4))
def test_multi_line_strings_are_found_from_their_own_line_alone(data: dict[str, Any], rnd: random.Random, extra: list[str]) -> None:
    """The header index reads only the line before each triple quote; the same strings as
    reading every comment and string of the text (the oracle)."""
    from afspraken.reading.headers import _every_multiline, _multiline

    writer = Writer(rnd)
    writer.table((), data, None)
    lines = writer.lines
    for i, line in enumerate(extra):  # comments and one-line strings that hold triple quotes
        key = f"{line.split(' ')[0]}{i}{line[1:]}" if not line.startswith("#") else line
        lines.insert(0, key)
    text = "\n".join(lines) + "\n"
    tomli.loads(text)  # valid TOML
    assert _multiline(text) == _every_multiline(text)


def test_multi_line_strings_on_one_long_line_are_found_in_linear_time() -> None:
    """Thousands of triple quotes on one line: each is looked for from where the last string
    ended, not from the start of the line (that took 17x the old time on a 283 KB line)."""
    from afspraken.reading.headers import _every_multiline, _multiline

    class Counted(str):
        scanned = 0

        def rfind(self, sub: str, start: int = 0, end: int | None = None) -> int:  # type: ignore[override]
            Counted.scanned += (len(self) if end is None else end) - start
            return super().rfind(sub, start, end)

        def find(self, sub: str, start: int = 0, end: int | None = None) -> int:  # type: ignore[override]
            found = super().find(sub, start, end)
            Counted.scanned += (found if found >= 0 else len(self) if end is None else end) - start
            return found

    for item in ['"\'\'\'"', "''''''", '"""x"""', "'''x''', \"\"\"y\"\"\""]:
        text = Counted("l = [" + ",".join([item] * 4000) + "]\n")
        Counted.scanned = 0
        assert _multiline(text) == _every_multiline(str(text))
        assert Counted.scanned <= 4 * len(text)
