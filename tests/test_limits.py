"""[limieten] tabellen: a file may hold only so many tables and lists for its size, so that
parsing it takes memory in proportion (issue 13, item 8); refused before parsing, located."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from afspraken.reading.files import MB, Limits
from afspraken.reading.loading import load
from afspraken.reading.source import Source
from afspraken.reading.structure import before_parsing, scan

ROOT = Path(__file__).resolve().parents[1]
SPEC = Path(__file__).resolve().parent / "data" / "woensel-west-spec.toml"  # a copy of the spec's example


def _benchmark(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_too_many_tables_is_refused_where_the_count_passes_the_limit():
    """A header counts 8: with room for 100, the 13th header (line 14) passes it."""
    text = "formaat = 1\n" + "[[partij]]\n" * 20
    [problem] = load(Source("a.toml", text), limits=Limits(tabellen=100))
    assert problem.code == "te-veel" and (problem.location.line, problem.location.column) == (14, 1)
    assert "te veel voor zijn grootte" in problem.message("nl") and "[limieten] tabellen = 100 per MB" in problem.message("nl")
    assert "too many for its size" in problem.message("en") and "[limieten] tabellen = 100 per MB" in problem.message("en")


@pytest.mark.parametrize(
    ("line", "where"),
    [
        ("x = [" + "{}, " * 60 + "]", (3, 6 + 4 * 45)),  # the outer list, a key's value, counts 1 + 8, an inline table 2: the 46th passes 100
        ("x = [" + "[], " * 120 + "]", (3, 6 + 4 * 91)),  # a list 1: the 92nd inner one passes
        ("k = []\n" * 20, (14, 5)),  # a key whose value is a list: 1 + 8, the 12th (line 14) passes
        ("a.b.c.d = 1\n" * 30, (9, 6)),  # a dot 5: the 21st, the third on line 9, passes
    ],
)
def test_every_kind_of_table_counts_and_strings_and_comments_do_not(line, where):
    text = 'formaat = 1\ntitel = "a.b [{ [[ {{ . . ."  # [[[ {{{ a.b.c\n' + line + "\n"
    problem = scan("a.toml", text, Limits(tabellen=100))
    assert problem is not None and problem.code == "te-veel" and (problem.location.line, problem.location.column) == where


def test_keys_with_list_values_are_refused_where_real_agreements_are_not():
    """``k = []`` lines under [extensies]: the parser keeps ~800 bytes per such key besides the list
    (it took 70-110x the file's size); refused with a located message that names the limit and the weight."""
    head = 'formaat = 1\n[afspraak]\ntitel = "T"\n[extensies]\n'
    text = head + "".join(f"k{i} = []\n" for i in range(40_000))
    problem = scan("a.toml", text, Limits())
    assert problem is not None and problem.code == "te-veel" and problem.location.line > 5
    line = text.splitlines()[problem.location.line - 1]
    assert line.startswith("k") and line[problem.location.column - 1 :] == "[]"  # at the value that passes the limit
    assert "een sleutel met een lijst of inline-tabel als waarde nog eens 8" in problem.message("nl")
    assert "a key whose value is a list or inline table 8 more" in problem.message("en")
    inline = head + "".join(f"k{i} = {{}}\n" for i in range(40_000))
    assert scan("a.toml", inline, Limits()) is not None
    nested = head + "k = [" + ", ".join(["[]"] * 60_000) + "]\n"  # lists inside a list: no key of their own
    assert scan("a.toml", nested, Limits()) is None


def test_the_limit_scales_with_the_size_of_the_file():
    """Room per MB, and a file under 1 MB has the room of 1 MB: the same density is refused in a small
    file only when it passes the floor, in a big one only when it passes its share."""
    limits = Limits(tabellen=1_000)
    assert scan("a.toml", "x = [" + "[]," * 991 + "]\n", limits) is None  # 1 + 8 for x, 991 lists: at the floor
    assert scan("a.toml", "x = [" + "[]," * 992 + "]\n", limits) is not None
    padding = "#" + "x" * (3 * MB) + "\n"  # a comment holds no tables: 3 MB of room for 3,000
    assert scan("a.toml", padding + "x = [" + "[]," * 2_900 + "]\n", limits) is None
    assert scan("a.toml", padding + "x = [" + "[]," * 3_100 + "]\n", limits) is not None


def test_the_quick_test_agrees_with_the_full_count():
    """The quick counts (brackets, header lines, dots) are an upper bound: they may send a file to
    the token loop but never pass one the loop would refuse."""
    rng = random.Random(13)
    pieces = ["[[t]]\n", "[t.u]\n", "a.b = 1\n", "x = [1, 2]\n", "y = {a = 1}\n", 'z = "[[ {{ a.b"\n', "# [[ {{ a.b\n", "f = 1.5\n"]
    pieces += ['e = "\\"[[ {{ \\\\"\n', "w = [[1], {a = []}]\n", "v = [\n[\n[\n]]]\n"]  # escaped quotes; nesting over lines
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40)))
        limits = Limits(tabellen=rng.randrange(8, 200))
        full = scan("a.toml", text, limits)
        assert before_parsing("a.toml", text, limits) == full, text


def test_the_table_limit_is_settable_in_the_config(write):
    from afspraken.checking.run import Checker

    write("afspraken.toml", "[limieten]\ntabellen = 40\n")
    path = write("a.toml", "formaat = 1\n[afspraak]\n[[partij]]\n[[partij]]\n[[partij]]\n[[partij]]\n[[partij]]\n")
    [problem] = Checker(entry_points=False).check_path(path).problems
    assert problem.code == "te-veel" and problem.location.line == 6 and "tabellen = 40 per MB" in problem.message("nl")  # [afspraak] 16, each [[partij]] 8
    write("afspraken.toml", "[limieten]\ntabellen = 0\n")  # not a limit: reported, the default used
    result = Checker(entry_points=False).check_path(path)
    assert not any(p.code == "te-veel" for p in result.problems)


def test_real_agreements_are_far_below_the_limit():
    """Real agreements count ~100,000 a MB (the spec's example and voorbeelden/, since a key with a
    list value and an [a] header count more), the generated corpus (also --veel) 65,000-75,000:
    at 55% of the default they still pass, measured at their own density (repeated past 1 MB, so
    that the floor does not hide it)."""
    genereer = _benchmark("genereer")
    rng = random.Random(1)
    texts = {
        "woensel-west": SPEC.read_text(encoding="utf-8"),
        "voorbeelden": "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "voorbeelden").glob("*.toml"))),
        "corpus": "".join(genereer.agreement(i, rng) for i in range(40)),
        "corpus --veel": "".join(genereer.agreement(i, rng, many=True) for i in range(40)),
    }
    half = Limits(tabellen=Limits().tabellen * 55 // 100)
    for name, text in texts.items():
        big = text * (MB // len(text) + 2)
        assert scan(name, big, half) is None, name


def test_the_big_benchmark_agreements_pass_the_default():
    """benchmarks/groot.py's agreements (many small tables, ~110,000-120,000 a MB) stay within it,
    with room to spare."""
    groot = _benchmark("groot")
    for hostile in (False, True):
        text = groot.agreement(2 * MB, hostile)
        assert scan("groot.toml", text, Limits(tabellen=Limits().tabellen * 2 // 3)) is None


MEMORY_SHAPES = [
    "ints", "words", "keys", "tables", "deep-near", "headers-near", "dotted-near", "inline-near", "errors-near", "unknown-keys",
    "party-keys", "wrong-elements", "references", "same-ids", "value-lists", "value-lists-near",
]
# Times the file's size. The worst measured at 1 MB: ~22x on Python 3.11, ~21x on 3.13 and 24.8-25.0x
# on 3.10 (inline tables just under the limit: 3.10's objects are bigger), so 25 failed there now
# and then. Before the limits and the budget: 100x-530x.
MAX_RATIO = 27


@pytest.mark.slow
def test_memory_stays_in_proportion_to_the_file():
    """Peak RSS of the installed command on 1 MB files of the costliest shapes, above a run on a tiny
    file, divided by the size (the worst measured ~21x: tables just under the limit, an error or a finding
    each, about as costly as benchmarks/groot.py's big agreement, 20x). Memory, unlike time, is the same
    from run to run: the margin is for another Python or pydantic, not for a busy machine."""
    memory = _benchmark("memory")
    command = [str(Path(sys.executable).with_name("afspraken")), "check", "--format", "json"]
    if not Path(command[0]).exists():
        pytest.skip("the afspraken command is not installed next to this Python")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tiny = folder / "klein.toml"
        tiny.write_text(memory.HEAD, encoding="utf-8")
        base, _ = memory.peak_kb(command, tiny)
        ratios = {}
        for name, text in memory.shapes(MB).items():
            if name not in MEMORY_SHAPES:
                continue
            path = folder / f"{name}.toml"
            path.write_text(text, encoding="utf-8")
            peak, _ = memory.peak_kb(command, path)
            ratios[name] = (peak - base) * 1024 / path.stat().st_size
    assert set(ratios) == set(MEMORY_SHAPES)
    assert max(ratios.values()) <= MAX_RATIO, ratios


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("".join(f"{i}.0.0.0.0 = 1\n" for i in range(10)), True),  # dotted keys of digits: tables too
        ("x = {" + ", ".join(f"{i}.0.0 = 1" for i in range(15)) + "}\n", True),  # in an inline table
        ("".join(f"[h{i}.a.a.a.a.a]\n" for i in range(5)), True),  # a header of many parts: a table each
        ("".join(f"x{i} = 1.5\n" for i in range(40)), False),  # numbers are no keys
        ("x = {" + ", ".join(f"a{i} = 1.5" for i in range(40)) + "}\n", False),
        ("x = [" + ", ".join("1.5" for _ in range(60)) + "]\n", False),
        ("".join(f"t{i} = 07:32:00.999\n" for i in range(40)), False),  # nor times
        ("".join(f"[[orgaan]]\n[[orgaan.lid]]\n" for _ in range(5)), False),  # one element a header
    ],
)
def test_a_dot_counts_where_it_makes_a_table(text, refused):
    """A 2 MB file of `0.0.0...= 1` keys or `[h.a.a.a...]` headers took 230x and 650x its size: their
    dots were not counted (a dot before a digit, a dot in a header); a number's dot is no table."""
    problem = scan("a.toml", "formaat = 1\n" + text, Limits(tabellen=100))
    assert (problem is not None and problem.code == "te-veel") is refused, problem


@pytest.mark.parametrize(
    ("setting", "shown"),
    [("bestand_mb = 1e303", "'bestand_mb' moet hoogstens"), ("tabellen = 1e400", "'tabellen'"), ("lijst = 100000000000000000000", "'lijst' moet hoogstens")],
)
def test_a_limit_too_large_to_mean_anything_is_reported_and_the_default_used(cli, write, setting, shown):
    """1e303 MB overflowed when counted in bytes: a traceback, exit 1, nothing checked."""
    from conftest import EXAMPLES

    write("afspraken.toml", f"[limieten]\n{setting}\n")
    write("a.toml", (EXAMPLES / "ongelijke-stem.toml").read_text(encoding="utf-8"))
    result = cli("check", "a.toml")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "afspraken.toml:2:" in result.output and shown in result.output, result.output
    assert "gelijke-stem" in result.output  # checked, with the default limits


def test_stdin_is_read_up_to_the_limit_its_config_sets(cli, write, tmp_path, monkeypatch):
    """With bestand_mb raised, stdin was still read up to the default 20 MB only: a bigger
    agreement was judged on its first 20 MB as if that were all of it, without a word."""
    from conftest import EXAMPLES

    monkeypatch.chdir(tmp_path)
    write("afspraken.toml", "[limieten]\nbestand_mb = 25\n")
    body = (EXAMPLES / "woensel-west.toml").read_text(encoding="utf-8")
    padding = ("# " + "x" * 97 + "\n") * (21 * 1024 * 1024 // 100)  # 21 MB of comment
    tail = '\n[[actie]]\nwat = "Na de 20 MB"\nwie = "niemand-bekend"\nwanneer = 2026-01-01\n'
    result = cli("check", "-", input=body + padding + tail)
    assert result.exit_code == 2 and "niemand-bekend" in result.output, result.output[-500:]  # the end was read


def test_stdin_under_the_largest_limit_is_read_in_pieces(tmp_path):
    """read(n) on a real pipe sets aside all n bytes first: with bestand_mb = 1000000 it asked
    for 1 TB (a MemoryError traceback). A subprocess: the test runner's stdin is no pipe."""
    import subprocess
    import sys

    from conftest import EXAMPLES

    (tmp_path / "afspraken.toml").write_text("[limieten]\nbestand_mb = 1000000\n", encoding="utf-8")
    body = (EXAMPLES / "woensel-west.toml").read_bytes()
    (tmp_path / "b.toml").write_bytes(body)
    command = [sys.executable, "-m", "afspraken"]
    for args in (["check", "-"], ["diff", "b.toml", "-"]):
        done = subprocess.run([*command, *args], input=body, cwd=tmp_path, capture_output=True, timeout=60)
        assert done.returncode == 0 and b"Traceback" not in done.stderr, (args, done.stderr[-400:])
