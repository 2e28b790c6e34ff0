"""Bad input gets a located, plain-language error; never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from afspraken.reading.loading import Loaded, load

from afspraken.reading.source import Source, read
from afspraken.results import Problem
from afspraken.testing import BASE, agreement_text


def problems_of(path: Path) -> list[Problem]:
    source = read(path)
    if isinstance(source, Problem):
        return [source]
    result = load(source)
    assert isinstance(result, list), "expected problems, the file loaded"
    return result


def where(problems: list[Problem]) -> list[tuple[int, int, str]]:
    return [(p.location.line, p.location.column, p.code) for p in problems]


def test_the_compliant_examples_load(write):
    for text in (BASE, (Path(__file__).parents[1] / "voorbeelden" / "woensel-west.toml").read_text()):
        result = load(Source("x.toml", text))
        assert isinstance(result, Loaded)


def test_toml_syntax_error_names_line_and_column_in_dutch_and_english(write):
    path = write("a.toml", 'formaat = 1\n[afspraak\ntitel = "x"\n')
    [problem] = problems_of(path)
    assert (problem.location.file, problem.location.line, problem.location.column) == (str(path), 2, 10)
    assert problem.message("nl").startswith("TOML-fout: ']' verwacht")
    assert problem.message("en").startswith("TOML error: Expected ']'")


def test_every_problem_in_the_file_is_reported_at_once(write):
    path = write(
        "a.toml",
        """
        [afspraak]
        titel = "T"
        wijk = "W"
        gemeentee = "X"
        ingangsdatum = "2020-01-01"
        bewoners = "veel"

        [[partij]]
        id = "gemeente"
        naam = "G"
        soort = "gemeent"

        [[partij]]
        id = "gemeente"
        naam = "G2"
        soort = "corporatie"
        professionals = -1
        """,
    )
    found = where(problems_of(path))
    assert found == [
        (1, 1, "ontbreekt"),  # gemeente missing: points at the [afspraak] header
        (4, 1, "onbekende-sleutel"),  # gemeentee
        (5, 16, "type"),  # ingangsdatum is a string
        (6, 12, "type"),  # bewoners is a string
        (11, 9, "waarde"),  # soort
        (14, 6, "dubbel-id"),
        (17, 17, "type"),  # professionals < 0
    ]


def test_unknown_key_suggests_the_key_that_was_meant(write):
    path = write("a.toml", agreement_text("[afspraak]\ngemeentee = 'X'\n"))
    [problem] = problems_of(path)
    assert "gemeentee" in problem.message("nl") and "bedoelde u 'gemeente'?" in problem.message("nl")
    assert "did you mean 'gemeente'?" in problem.message("en")
    assert problem.location.line == path.read_text().splitlines().index("gemeentee = \"X\"") + 1


def test_unknown_value_suggests_the_allowed_one(write):
    path = write("a.toml", agreement_text("[[partij]]\nid = 'g'\nnaam = 'G'\nsoort = 'gemeent'\n"))
    problems = problems_of(path)
    assert any("bedoelde u 'gemeente'?" in p.message("nl") and "gemeente, corporatie" in p.message("nl") for p in problems)


def test_missing_required_key_points_at_its_table(write):
    text = agreement_text(without=["afspraak.titel"])
    path = write("a.toml", text)
    [problem] = problems_of(path)
    assert problem.code == "ontbreekt"
    assert problem.location.line == text.splitlines().index("[afspraak]") + 1
    assert "'titel'" in problem.message("nl") and "[afspraak]" in problem.message("nl")


@pytest.mark.parametrize(
    ("snippet", "bad"),
    [
        ('[[orgaan]]\nid = "buurtonderneming"\nnaam = "O"\nsoort = "wijkraad"\nmandaat = ["gemeente", "trudoo"]\n', '"trudoo"'),
        ('[[orgaan]]\nid = "buurtonderneming"\nnaam = "O"\nsoort = "wijkraad"\n[[orgaan.lid]]\nnaam = "A"\npartij = "bewonersrad"\n', '"bewonersrad"'),
        ('[aanspreekpunt]\norgaan = "wijkwinkel"\n', '"wijkwinkel"'),
        ('[[overleg]]\ntussen = ["gemeente", "niemand"]\nper_jaar = 2\n', '"niemand"'),
        ('[[actie]]\nwat = "iets"\nwie = "niemand"\n', '"niemand"'),
    ],
)
def test_broken_references_point_at_the_value(write, snippet, bad):
    text = agreement_text(snippet)
    path = write("a.toml", text)
    problems = problems_of(path)
    assert [p.code for p in problems] == ["verwijzing"]
    line = next(i for i, l in enumerate(text.splitlines(), 1) if bad in l)
    assert problems[0].location.line == line
    assert problems[0].location.column == text.splitlines()[line - 1].index(bad) + 1


def test_reference_to_a_body_where_a_party_is_required_is_an_error(write):
    # orgaan.lid.partij must be a partij, not an orgaan
    text = agreement_text('[[orgaan]]\nid = "buurtonderneming"\nnaam = "O"\nsoort = "wijkraad"\n[[orgaan.lid]]\nnaam = "A"\npartij = "buurtonderneming"\n')
    assert [p.code for p in problems_of(write("a.toml", text))] == ["verwijzing"]


def test_duplicate_id_over_partij_and_orgaan(write):
    text = agreement_text('[[orgaan]]\nid = "buurtonderneming"\nnaam = "O"\nsoort = "wijkraad"\n[[orgaan]]\nid = "gemeente"\nnaam = "O2"\nsoort = "wijkraad"\n')
    [problem] = problems_of(write("a.toml", text))
    assert problem.code == "dubbel-id" and "gemeente" in problem.message("nl")


def test_end_date_must_be_after_start_date(write):
    text = agreement_text("[afspraak]\ningangsdatum = 2020-01-01\neinddatum = 2020-01-01\n")
    [problem] = problems_of(write("a.toml", text))
    assert problem.code == "datum"
    assert problem.location.line == text.splitlines().index("einddatum = 2020-01-01") + 1
    assert problem.location.column == len("einddatum = ") + 1


def test_unsupported_format(write):
    [problem] = problems_of(write("a.toml", agreement_text("formaat = 2\n")))
    assert problem.code == "formaat" and "formaat 2" in problem.message("nl") and "unsupported format 2" in problem.message("en")


def test_not_utf8_names_line_and_column_of_the_bad_byte(write):
    path = write("a.toml", 'formaat = 1\n[afspraak]\ntitel = "caf\xe9"\n'.encode("latin-1"))
    [problem] = problems_of(path)
    assert (problem.location.line, problem.location.column, problem.code) == (3, 13, "codering")
    assert "0xe9" in problem.message("nl")


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n"])
def test_empty_file(write, content):
    [problem] = problems_of(write("a.toml", content))
    assert problem.code == "leeg" and problem.message("nl") == "het bestand is leeg"


def test_missing_file_and_folder(tmp_path):
    [missing] = problems_of(tmp_path / "nope.toml")
    assert missing.code == "bestand" and missing.message("en") == "file not found"
    [folder] = problems_of(tmp_path)
    assert folder.code == "bestand"


def test_byte_order_mark_is_accepted(write):
    path = write("a.toml", b"\xef\xbb\xbf" + BASE.encode())
    assert isinstance(load(read(path)), Loaded)  # type: ignore[arg-type]


def test_aanspreekpunt_as_table_and_as_array(write):
    loaded = load(Source("a.toml", BASE))
    assert isinstance(loaded, Loaded) and len(loaded.agreement.aanspreekpunt) == 1
    text = BASE.replace("[aanspreekpunt]", "[[aanspreekpunt]]") + '\n[[aanspreekpunt]]\npartij = "gemeente"\nnaam = "Loket"\n'
    loaded = load(Source("a.toml", text))
    assert isinstance(loaded, Loaded) and [a.naam for a in loaded.agreement.aanspreekpunt][1] == "Loket"


def test_error_inside_aanspreekpunt_table_is_located(write):
    text = agreement_text("[aanspreekpunt]\nbereikbaar = 5\n")
    [problem] = problems_of(write("a.toml", text))
    assert problem.location.line == text.splitlines().index("bereikbaar = 5") + 1


def test_aanspreekpunt_naming_both_a_body_and_a_party_is_an_error(write):
    text = agreement_text('[aanspreekpunt]\npartij = "gemeente"\n')
    [problem] = problems_of(write("a.toml", text))
    assert "zowel een orgaan als een partij" in problem.message("nl")


def test_extensies_are_free_form(write):
    text = agreement_text("[extensies.iets]\nwat = 1\n[extensies.iets.dieper]\nlijst = [1, 'a']\n")
    assert isinstance(load(Source("a.toml", text)), Loaded)


def test_wrong_types_are_strict(write):
    # TOML gives typed values: a quoted number or date is a mistake worth reporting.
    text = agreement_text('[afspraak]\nhuishoudens = "4200"\n[[partij]]\nid = "g"\nnaam = "G"\nsoort = "gemeente"\nondertekent = "ja"\n')
    problems = [p for p in problems_of(write("a.toml", text)) if p.code == "type"]
    assert [p.location.key for p in problems] == ["afspraak.huishoudens", "partij[0].ondertekent"]
    assert "geheel getal" in problems[0].message("nl") and "true of false" in problems[1].message("nl")


def test_array_of_tables_written_as_table_gets_a_hint(write):
    text = BASE.replace("[[partij]]", "[partij]", 1).split("\n[[partij]]")[0] + "\n"
    problems = problems_of(write("a.toml", text))
    assert any("[[partij]]" in p.message("nl") for p in problems)


def test_waiver_for_unknown_rule_is_an_error_in_the_file(write):
    text = agreement_text('[[uitzondering]]\nregel = "gelijke-stemm"\ntoelichting = "Een uitleg van genoeg tekens lang."\n')
    result = load(Source("a.toml", text), known_rules={"gelijke-stem"})
    assert isinstance(result, list)
    assert result[0].code == "verwijzing" and "bedoelde u 'gelijke-stem'?" in result[0].message("nl")


def test_waiver_needs_a_real_explanation(write):
    text = agreement_text('[[uitzondering]]\nregel = "gelijke-stem"\ntoelichting = "te kort"\n')
    [problem] = problems_of(write("a.toml", text))
    assert "te kort" in problem.message("nl") and "20" in problem.message("nl")


@pytest.mark.parametrize(("value", "shown"), [('"1"', '"1"'), ("1.0", "1.0"), ("true", "true")])
def test_formaat_of_the_wrong_type_is_reported_with_the_other_problems(write, value, shown):
    text = agreement_text(f"formaat = {value}\n[afspraak]\nbewoners = 'veel'\n")
    problems = problems_of(write("a.toml", text))
    assert [p.code for p in problems] == ["formaat", "type"]
    assert problems[0].message("nl") == f"'formaat' moet het getal 1 zijn, niet {shown}"


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ('[afspraak]\ntitel = "x"\ntitel = "y"\n', (3, 1), "sleutel 'titel' staat twee keer in deze tabel (ook op regel 2)"),
        ("[afspraak]\ningangsdatum = 2024-13-01\n", (2, 16), "ongeldige datum"),
        ("[afspraak]\ningangsdatum = 2024-02-30\n", (2, 16), "ongeldige datum"),
        ('[afspraak]\ntitel = "x\nwijk = "y"\n', (2, 11), "het aanhalingsteken aan het eind ontbreekt"),
        ("[afspraak]\nwijken = [1, 2\n", (3, 1), "lijst niet afgesloten"),
        ('[afspraak]\ntitel = "x"\n  [afspraak]\n', (3, 3), "tabel [afspraak] staat twee keer in het bestand"),
        ('[a."b c".d]\n[a."b c".d]\n', (2, 1), 'tabel [a."b c".d] staat twee keer'),
    ],
)
def test_toml_errors_in_plain_words_at_the_right_place(write, text, where, words):
    [problem] = problems_of(write("a.toml", text))
    assert (problem.location.line, problem.location.column) == where and words in problem.message("nl")


def test_too_deeply_nested_toml_is_a_clear_error(write):
    [problem] = problems_of(write("a.toml", "x = " + "[" * 1000 + "]" * 1000 + "\n"))
    assert problem.code == "te-diep" and "dieper dan 50" in problem.message("nl")
    assert (problem.location.line, problem.location.column) == (1, 5 + 50)  # the 51st '['


def test_deep_nesting_is_located_where_it_passes_the_limit(write):
    """Strings and comments with brackets do not count; the line is where depth 51 begins."""
    text = 'titel = "[[[[ {{{{"  # [[[[[\n[afspraak]\nx = [\n' + "[\n" * 48 + "  {a = [1]}\n" + "]\n" * 49
    [problem] = problems_of(write("a.toml", text))
    assert problem.code == "te-diep" and (problem.location.line, problem.location.column) == (52, 8)


@pytest.mark.parametrize(
    ("inner", "deep"),
    [
        ("[" * 50 + "1" + "]" * 50, False),  # exactly the limit
        ("[" * 51 + "1" + "]" * 51, True),
        ('["]]]]", ' + "{a = " * 51 + "1" + "}" * 51 + "]", True),  # brackets in a string close nothing
        ('"' + "[" * 80 + '"', False),  # nor open anything
        ("[" * 51 + "1" + "]" * 50, True),  # unbalanced: the parser refuses it
        ("[ # c\n" * 51 + "1" + "]" * 51, True),  # comments between the brackets
    ],
)
def test_the_depth_test_on_the_data_agrees_with_the_token_loop(inner, deep):
    """A big agreement has many nested brackets ([[tables]], arrays) but no deep ones: the test on
    the parsed data spares it the token loop, and must never pass nesting the loop would refuse."""
    import tomli

    from afspraken.reading.files import Limits
    from afspraken.reading.loading import load
    from afspraken.reading.source import Source
    from afspraken.reading.structure import after_parsing, scan

    text = "".join(f'[[partij]]\nid = "p{i}"\nx = [[1], {{a = [2]}}]  # [[[[\n' for i in range(60)) + f"y = {inner}\n"
    full = scan("a.toml", text, Limits())
    assert (full is not None) is deep
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError:
        return  # unbalanced: refused by the parser, located by the token loop
    assert after_parsing(data, Limits()) or not deep  # may also say so for deep tables: the loop decides
    got = load(Source("a.toml", text))
    assert any(p.code == "te-diep" for p in got if isinstance(got, list)) is deep


def test_deep_nesting_past_the_parser_is_located_too(write):
    """Even when the limit is set above what the TOML parser takes (~400), the place is named."""
    from afspraken.reading.files import Limits
    from afspraken.reading.loading import load
    from afspraken.reading.source import Source

    text = "a = 1\nx = [\n" + "[\n" * 600 + "]\n" * 601
    [problem] = load(Source("a.toml", text), limits=Limits(diepte=1000))
    assert problem.code == "toml" and problem.location.line == 2 + 300


def test_a_long_array_is_refused_with_its_place(write):
    text = "formaat = 1\nx = [" + "1," * 100_001 + "1]\n"
    [problem] = problems_of(write("a.toml", text))
    assert problem.code == "te-lang" and problem.location.line == 2 and "meer dan 100000 elementen" in problem.message("nl")
    text = "formaat = 1\n" + '[[partij]]\nnaam = "Partij met een langere naam"\n' * 100_001  # not too many for its size
    [problem] = problems_of(write("b.toml", text))
    assert problem.code == "te-lang" and problem.location.line == 200_002 and "[[partij]]" in problem.message("nl")


def test_the_list_limit_is_settable(write):
    from afspraken.checking.run import Checker

    write("afspraken.toml", "[limieten]\nlijst = 3\n")
    path = write("a.toml", "formaat = 1\n[afspraak]\nx = [1, 2, 3,]\ny = [\n  1,\n  2,\n  3,\n  4,\n  5\n]\n")
    [problem] = Checker(entry_points=False).check_path(path).problems
    assert problem.code == "te-lang" and (problem.location.line, problem.location.column) == (8, 4) and "meer dan 3" in problem.message("nl")
    path = write("b.toml", "formaat = 1\n[afspraak]\nx = [1, 2, 3, # drie\n  4 ]\n")  # 3 commas, 4 elements
    [problem] = Checker(entry_points=False).check_path(path).problems
    assert problem.code == "te-lang" and (problem.location.line, problem.location.column) == (4, 3)


PAD = "# " + "opvulling " * 2_000 + "\n"  # at the end: the same places, in a file over BIG


@pytest.mark.parametrize(
    ("text", "code", "where"),
    [
        ("x = [1, 2, 3, 4]\n", "te-lang", (2, 15)),  # one over, without a trailing comma
        ("x = [1, 2, 3,]\ny = [[1, 2, 3], {a = [1, 2, 3]}]\n", None, None),  # at the limit
        ("x = [1, {a = [1, [2, 3, 4, 5]]}]\n", "te-lang", (2, 28)),
        ("x = [[[[[1]]]]]\n", "te-diep", (2, 9)),  # the 5th '['
        ('x = [[[["]]]]]"]]]]\n', None, None),  # brackets in a string nest nothing
        ("[a.b.c.d.e.f]\ng = [1]\n", None, None),  # deep tables from a header: no limit
        ("x = [ # a\n[ # b\n[ # c\n[ # d\n[\n]]]]]\n", "te-diep", (6, 1)),  # comments between the brackets
    ],
)
def test_a_big_file_meets_the_limits_as_a_small_one_does(text, code, where):
    """Arrays and depth are read off the parsed data and located by the token loop only then
    (structure.after_parsing): the same problem at the same place in a small file and in a big one
    (validated with a budget of errors, reading/budget.py), and nothing for what is allowed."""
    from afspraken.reading.files import Limits
    from afspraken.reading.loading import BIG, load
    from afspraken.reading.source import Source

    limits = Limits(lijst=3, diepte=4)
    for body in ("formaat = 1\n" + text, "formaat = 1\n" + text + PAD):
        got = load(Source("a.toml", body), limits=limits)
        limited = [p for p in got if p.code in ("te-lang", "te-diep")] if isinstance(got, list) else []
        if code is None:
            assert limited == []
        else:
            assert [(p.code, (p.location.line, p.location.column)) for p in limited] == [(code, where)]
    assert len(body) > BIG


DEEP = "[" * 51 + "1" + "]" * 51


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda t: t + f"\n[extensies.eigen]\ny = {DEEP}\n", "te-diep"),  # free-form: the model takes any depth
        (lambda t: t.replace("formaat = 1", f"formaat = {DEEP}"), "te-diep"),  # reported before the model
        (lambda t: t.replace("formaat = 1", "formaat = 2\nx = " + DEEP), "te-diep"),
        (lambda t: t.replace("formaat = 1", "formaat = 1\nx = " + DEEP), "te-diep"),  # the model refuses x
        (lambda t: t + "\n[extensies.eigen]\ny = " + "[" * 50 + "1" + "]" * 50 + "\n", None),  # at the limit
    ],
)
def test_a_small_valid_agreement_meets_the_depth_limit_wherever_the_nesting_is(change, code):
    """A small file's data is walked only where the strict model leaves room for depth (after it
    validated) or when it did not validate: deep nesting is refused in every place all the same."""
    text = change(BASE)
    assert text != BASE and len(text) < 16 * 1024
    got = load(Source("a.toml", text))
    if code is None:
        assert isinstance(got, Loaded)
    else:
        assert isinstance(got, list) and [p.code for p in got] == [code]


SMALL = """formaat = 1
[afspraak]
titel = "x"
wijk = "w"
gemeente = "g"
ingangsdatum = 2020-01-01
[[partij]]
id = "a"
naam = "A"
soort = "gemeente"
[[orgaan]]
id = "o"
naam = "O"
soort = "stuurgroep"
mandaat = [
  "a",
  "a",
  "a",
  "a",
]
"""


def test_a_valid_agreement_meets_a_low_list_limit():
    """Too few `[[` for the quick test before parsing to look further: the array of four is found
    in the data of the agreement the model took."""
    from afspraken.reading.files import Limits

    got = load(Source("a.toml", SMALL), limits=Limits(lijst=3))
    assert isinstance(got, list) and [(p.code, p.location.line) for p in got] == [("te-lang", 19)]
    assert isinstance(load(Source("a.toml", SMALL), limits=Limits(lijst=4)), Loaded)


@pytest.mark.parametrize("diepte", [1, 2, 3, 4])
def test_a_valid_agreement_meets_a_low_depth_limit(diepte):
    """The model takes values nested four deep (orgaan, an orgaan, its lid, a lid): a depth limit
    below that refuses the inline tables of a valid agreement all the same."""
    from afspraken.reading.files import Limits
    from afspraken.reading.loading import MODEL_DEPTH

    orgaan = 'orgaan = [{id = "o", naam = "O", soort = "stuurgroep", lid = [{naam = "L", partij = "a"}]}]\n'
    text = SMALL.split("[[orgaan]]")[0].replace("formaat = 1\n", "formaat = 1\n" + orgaan)
    got = load(Source("a.toml", text), limits=Limits(diepte=diepte))
    if diepte < 4:
        assert isinstance(got, list) and [p.code for p in got] == ["te-diep"]
    else:
        assert isinstance(got, Loaded)
    assert isinstance(load(Source("a.toml", text), limits=Limits(diepte=MODEL_DEPTH)), Loaded)


def test_an_unforeseen_failure_while_reading_is_still_a_located_problem(monkeypatch):
    from afspraken.checking import run

    def boom(*args, **kwargs):
        raise RuntimeError("onverwacht")

    monkeypatch.setattr(run, "load", boom)
    result = run.Checker(entry_points=False).check_path("x.toml", b"formaat = 1\n", "x.toml")
    [problem] = result.problems
    assert problem.code == "intern" and "RuntimeError: onverwacht" in problem.message("nl")


def test_thousands_of_problems_are_capped_with_a_count(write):
    from afspraken.reading.loading import MAX_PROBLEMS

    text = "formaat = 1\n" + "".join(f"o{i}=1\n" for i in range(1500))  # under BIG: validated in full
    problems = problems_of(write("a.toml", text))
    assert len(problems) == MAX_PROBLEMS + 1
    more = problems[-1]
    assert more.code == "meer" and "niet getoond" in more.message("nl") and "more problems" in more.message("en")
    shown = int(more.message("nl").split()[2].replace(".", ""))  # "1.301": thousands grouped
    assert shown >= 1500 - MAX_PROBLEMS  # every one counted, none lost silently


def test_a_long_one_line_array_is_refused_before_the_parser_sees_it(monkeypatch):
    """The parser takes ~1 µs an element: a line of 2 million takes seconds. A line with as many
    commas as the limit is looked at before parsing; a long array over many lines only after."""
    from afspraken.reading import loading
    from afspraken.reading.files import Limits
    from afspraken.reading.source import Source

    parsed: list[int] = []
    real = loading.tomli.loads
    monkeypatch.setattr(loading.tomli, "loads", lambda text: parsed.append(len(text)) or real(text))
    limits = Limits(lijst=1_000)
    one_line = "formaat = 1\nx = [" + "1," * 1_000 + "1]\n"
    [problem] = loading.load(Source("a.toml", one_line), limits=limits)
    assert problem.code == "te-lang" and problem.location.line == 2 and parsed == []
    many_lines = "formaat = 1\nx = [\n" + "1,\n" * 1_000 + "1]\n"
    [problem] = loading.load(Source("b.toml", many_lines), limits=limits)
    assert problem.code == "te-lang" and problem.location.line == 1_003 and len(parsed) == 1
    at_the_limit = "formaat = 1\nx = [" + "1," * 999 + "1]\n"  # 1,000 elements: allowed
    assert all(p.code != "te-lang" for p in loading.load(Source("c.toml", at_the_limit), limits=limits))


def test_an_array_the_token_loop_cannot_place_is_refused_at_its_key():
    """`[[x]]` and `[["x"]]` are one array, which the token loop counts as two (by header text):
    the array is still refused, at its first header."""
    from afspraken.reading.files import Limits
    from afspraken.reading.loading import load
    from afspraken.reading.source import Source

    text = "formaat = 1\n" + "[[x]]\na = 1\n" * 8 + '[["x"]]\na = 1\n' * 8
    [problem] = load(Source("a.toml", text), limits=Limits(lijst=10))
    assert problem.code == "te-lang" and problem.location.line == 2 and "meer dan 10 elementen" in problem.message("nl")


@pytest.mark.parametrize("text", ["wijk = {" + "a." * 3000 + "a = 1}\n", "[extensies." + "a." * 3000 + "a]\n"])
def test_a_key_of_thousands_of_dotted_parts_is_located(text):
    """The parser refuses nesting of ~400 levels; dotted keys nest too, and are named at their line."""
    from afspraken.reading.loading import load
    from afspraken.reading.source import Source

    [problem] = load(Source("a.toml", "formaat = 1\n[afspraak]\ntitel = 'x'\n" + text))
    assert problem.code == "toml" and "te diep" in problem.message("nl") and problem.location.line == 4


def test_arrays_of_tables_inside_elements_are_counted_per_element():
    """`[[orgaan.lid]]` of different `[[orgaan]]`s are different arrays: 4 and 3 members with a
    limit of 6 is no list of 7 (the token loop counted them together)."""
    from afspraken.reading.files import Limits
    from afspraken.reading.structure import scan

    one = "[[orgaan]]\nid = 'o{n}'\n" + "[[orgaan.lid]]\npartij = 'p'\n" * 4
    two = "[[orgaan]]\nid = 'o2'\n" + "[[orgaan.lid]]\npartij = 'p'\n" * 3
    assert scan("a.toml", one + two, Limits(lijst=6)) is None
    problem = scan("a.toml", one + "[[orgaan.lid]]\npartij = 'p'\n" * 3, Limits(lijst=6))
    assert problem is not None and problem.code == "te-lang" and "[[orgaan.lid]]" in problem.message("nl")


def _count_comparisons(monkeypatch) -> list[str]:
    """Each word difflib compares with a "did you mean" is set as its seq1 first."""
    import difflib

    compared: list[str] = []
    original = difflib.SequenceMatcher.set_seq1

    def counting(self, a):  # type: ignore[no-untyped-def]
        compared.append(a)
        return original(self, a)

    monkeypatch.setattr(difflib.SequenceMatcher, "set_seq1", counting)
    return compared


def test_did_you_mean_among_thousands_of_ids_compares_a_few_per_unknown_id(monkeypatch):
    """Each unknown id was compared with every known one: 200 against 4,000 took 12 s.
    Counted, not timed: a few dozen comparisons each, and still the right suggestion."""
    ids = [f"partij-nummer-{i:05}" for i in range(2000)]
    text = agreement_text() + "".join(f'[[partij]]\nid = "{i}"\nnaam = "P"\nsoort = "overig"\n' for i in ids)
    wrong = [f"{i}x" for i in ids[::40]] + [f"x{i[1:]}" for i in ids[7::40]]  # a typo at the end or at the start
    text += "".join(f'[[actie]]\nwat = "a"\nwie = "{w}"\n' for w in wrong)
    text += "".join(f'[[actie]]\nwat = "b"\nwie = "{wrong[0]}"\n' for _ in range(50))  # the same one again and again
    compared = _count_comparisons(monkeypatch)
    problems = load(Source("x.toml", text))
    assert isinstance(problems, list) and len(problems) == len(wrong) + 50
    meant = [*ids[::40], *ids[7::40]] + [ids[0]] * 50
    for problem, id_ in zip(problems, meant):
        assert problem.message("en").endswith(f"; did you mean '{id_}'?")
    assert len(compared) <= len(wrong) * 100  # was len(wrong) * 2,000, and 50 * 2,000 more


def test_did_you_mean_among_a_few_ids_compares_them_all(monkeypatch):
    compared = _count_comparisons(monkeypatch)
    problems = load(Source("x.toml", agreement_text('[[actie]]\nwat = "iets"\nwie = "gemeete"\n')))
    assert isinstance(problems, list) and problems[0].message("nl").endswith("; bedoelde u 'gemeente'?")
    assert sorted(compared) == sorted(set(compared))  # each known id once


def _tomli_messages() -> list[str]:
    """Every message tomli raises, read from its source (``TOMLDecodeError(msg, ...)`` in 2.1+,
    ``suffixed_err(src, pos, msg)`` before), a sample value in place of each ``{...}``."""
    import ast

    import tomli

    source = (Path(tomli.__file__).parent / "_parser.py").read_text(encoding="utf-8")  # compiled: no getsource
    messages = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        at = {"TOMLDecodeError": 0, "suffixed_err": 2}.get(node.func.id)
        if at is None or len(node.args) <= at:
            continue
        arg = node.args[at]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            messages.append(arg.value)
        elif isinstance(arg, ast.JoinedStr):  # a key is a tuple, a character or text its repr
            messages.append(
                "".join(
                    str(part.value) if isinstance(part, ast.Constant) else ("'#'" if part.conversion == ord("r") else "('a', 'b')")
                    for part in arg.values
                )
            )
    return messages


def test_every_toml_error_tomli_can_raise_is_in_dutch():
    """A message tomli adds in a new version fails here instead of reaching a Dutch user in English."""
    from afspraken.reading.loading import _toml_message

    messages = _tomli_messages()
    assert len(messages) >= 20, messages  # the source was read
    for msg in messages:
        text, _ = _toml_message(msg)
        english = [w for w in re.findall(r"[A-Za-z]{4,}", msg) if w != "TOML"]
        assert not any(w in text.nl for w in english), (msg, text.nl)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('x = "\\ud800"\n', "ongeldige code na \\u of \\U in een tekst: dat teken bestaat niet"),
        ('x = "\\q"\n', "losse '\\' in een tekst: schrijf '\\\\' voor een backslash"),
        ("x = '''a\n", "tekst niet afgesloten: de ''' aan het eind ontbreekt"),
        ('x = "\\u12"\n', "daar horen 2, 4 of 8 tekens 0-9 of A-F"),
        ("a = {b=1}\na.c = 2\n", "tabel [a] staat al in zijn geheel tussen { } of als lijst"),
        ("[a.b]\nx = 1\n[a]\nb.c = 1\n", "tabel [a.b] heeft al een eigen kop; zet deze sleutel onder die kop"),
    ],
)
def test_escapes_and_closed_tables_in_plain_dutch(write, text, words):
    [problem] = problems_of(write("a.toml", "formaat = 1\n" + text))
    assert problem.code == "toml" and words in problem.message("nl"), problem.message("nl")
    assert "('" not in problem.message("en")  # a table as TOML writes it in English too, not as tomli's Python tuple


def test_did_you_mean_among_many_ids_is_as_close_as_comparing_them_all():
    """Past SUGGEST_ALL only the ids that share the most three-letter pieces with the word are
    compared (without case, `_` as `-`). Each suggestion is as close (difflib's ratio) as the
    best of all ids, or the id in other capitals; on a tie either is right."""
    import difflib

    from afspraken.reading.messages import SUGGEST_ALL, Suggestions

    streets = ["molenweg", "kerkstraat", "dorpsstraat", "schoolstraat", "stationsweg", "beukenlaan", "eikenlaan", "parkweg"]
    ids = [f"{s}-{n}" for s in streets for n in range(1, 151)]
    assert len(ids) > SUGGEST_ALL
    suggest = Suggestions(ids)
    for known in ids[::37]:
        for word in (known.replace("-", "_"), known.title(), known.upper(), known[:-1], known + "x", known[1:], "x" + known):
            [best] = [i for i in ids if i.casefold() == word.casefold()] or difflib.get_close_matches(word, ids, n=1, cutoff=0.6) or [None]
            got = suggest(word).en
            if best is None:
                assert got == "", (word, got)
                continue
            chosen = got.split("'")[1]
            ratio = lambda name: difflib.SequenceMatcher(None, word, name).ratio()  # noqa: E731
            assert ratio(chosen) == ratio(best), (word, chosen, best)


def test_did_you_mean_an_id_in_other_capitals():
    """difflib compares case too: TRUDO found nothing like trudo."""
    problems = load(Source("x.toml", agreement_text('[[actie]]\nwat = "iets"\nwie = "GEMEENTE"\n')))
    assert isinstance(problems, list)
    assert any(p.message("nl").endswith("; bedoelde u 'gemeente'?") for p in problems), [p.message("nl") for p in problems]
