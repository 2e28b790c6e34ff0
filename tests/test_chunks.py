"""A big text is parsed in parts, so that Ctrl-C is answered while it is parsed (reading/chunks.py):
the result, and every error, is exactly what one call of tomli gives."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import tomli

from afspraken.reading import chunks

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "voorbeelden").glob("*.toml")) + [Path(__file__).parent / "data" / "woensel-west-spec.toml"]
LINES = [
    "[[partij]]", "[partij]", "partij = []", "[partij.x]", "[[partij.x]]", "[[actie]]", "[actie]", "actie = [{a = 1}]",
    "[afspraak]", "[[orgaan]]", "x = [", "]", '[["actie"]]', "[[ actie ]]", "y = 1", "[nieuw]", "[[nieuw]]",
    "[afspraak.z]", "a.b = 1", "[[1]]", "z = [\n[[1]]\n]", 'x = """', '"""', "'''", 'w = """\n[[partij]]\n"""',
]


def _outcome(parse: Any, text: str) -> tuple[Any, Any]:
    try:
        return parse(text), None
    except Exception as exc:  # noqa: BLE001 - compared, whatever it is
        return None, (type(exc).__name__, str(exc))


def test_mutated_agreements_parse_in_parts_exactly_as_in_one_call(monkeypatch):
    rng = random.Random(7)
    texts = [path.read_text(encoding="utf-8") for path in EXAMPLES]
    joined = 0
    for _ in range(1_500):
        lines = rng.choice(texts).split("\n")
        for _ in range(rng.randrange(1, 4)):
            i, roll = rng.randrange(len(lines)), rng.random()
            if roll < 0.5:
                lines.insert(i, rng.choice(LINES))
            elif roll < 0.7:
                lines.insert(i, lines[rng.randrange(len(lines))])
            elif roll < 0.85:
                del lines[i]
            else:
                j = rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
        text = ("\r\n" if rng.random() < 0.1 else "\n").join(lines)
        monkeypatch.setattr(chunks, "PART", rng.choice([60, 200, 800]))
        expected = _outcome(tomli.loads, text)
        assert _outcome(chunks.loads, text) == expected, text
        places, firsts = chunks.cuts(text)
        joined += expected[1] is None and bool(places) and chunks._joined(text, places, firsts) is not None
    assert joined > 300  # most were joined from parts: the test looks at that path


def test_a_big_agreement_is_parsed_in_parts_of_about_a_megabyte(monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("_bench_groot", ROOT / "benchmarks" / "groot.py")
    assert spec is not None and spec.loader is not None
    groot = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(groot)
    text = groot.agreement(4_000_000, hostile=True)
    sizes: list[int] = []
    real = tomli.loads
    monkeypatch.setattr(chunks.tomli, "loads", lambda part: sizes.append(len(part)) or real(part))
    assert chunks.loads(text) == real(text)
    # A part ends at a repeated [[name]] line past ~1 MB: one body with 16,000 [[orgaan.lid]] makes one longer.
    assert len(sizes) >= 3 and sum(sizes) == len(text) and max(sizes) < 2 * chunks.PART, sizes


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text + "\n[afspraak]\ntitel = 'nog eens'\n",  # a table defined again at the end: an error
        lambda text: text.replace("[[actie]]", "[actie]", 1),  # the first action a table: actie is no array
        lambda text: text.replace("[[partij]]", '[["partij"]]'),  # no line to cut at
    ],
)
def test_what_parts_cannot_say_is_parsed_in_one_call(monkeypatch, change):
    import importlib.util

    spec = importlib.util.spec_from_file_location("_bench_groot", ROOT / "benchmarks" / "groot.py")
    assert spec is not None and spec.loader is not None
    groot = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(groot)
    monkeypatch.setattr(chunks, "PART", 50_000)
    text = change(groot.agreement(400_000, hostile=False))
    assert _outcome(chunks.loads, text) == _outcome(tomli.loads, text)


@pytest.mark.parametrize(
    "before",
    [
        "partij = [1]\nw = \'\'\'\n[[partij]]\n\'\'\'\n",  # a header-like line in a multi-line string
        "1 = [5]\nz = [\n[[1]]\n]\n",  # `[[1]]` as a value in a multi-line array
        "true = [5]\nz = [\n[[true]]\n]\n",
    ],
)
def test_a_header_like_line_that_is_no_header_never_joins_parts(monkeypatch, before):
    """A static array, then a line that looks like its first `[[name]]` but is in a string or an
    array, then real `[[name]]` tables past a cut: tomli refuses the text, and so must the parts."""
    monkeypatch.setattr(chunks, "PART", 60)
    name = before.split(" ")[0]
    tables = "".join(f"[[{name}]]\nv = {i}\n[[actie]]\nw = {i}\n" for i in range(40))
    text = before + tables
    assert _outcome(chunks.loads, text) == _outcome(tomli.loads, text)
    assert _outcome(tomli.loads, text)[1] is not None


def test_many_different_names_are_not_each_looked_up(monkeypatch):
    """Each name's first `[[name]]` line is a search of the text: past chunks.NAMES names the text
    is parsed in one call, instead of a search per header (quadratic: 52 s for 3 MB)."""
    monkeypatch.setattr(chunks, "PART", 10_000)
    text = "# " + "x" * 20_000 + "\n" + "".join(f"[[a{i}]]\nv = {i}\n" for i in range(5_000)) + "[[a1]]\nv = 1\n" * 2
    searches: list[str] = []
    real = chunks.re.search
    monkeypatch.setattr(chunks.re, "search", lambda pattern, *args: searches.append(pattern) or real(pattern, *args))
    at = text.index("\n[[", 10_000)
    names = [line[2:-2] for line in text[at + 1 :].split("\n")[::2][: chunks.NAMES]]
    assert chunks.cuts(text) == ([], {name: text.index(f"\n[[{name}]]\n") for name in names})
    assert len(searches) == chunks.NAMES
    assert chunks.loads(text) == tomli.loads(text)
