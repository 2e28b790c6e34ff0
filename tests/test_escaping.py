"""Nothing from a file (its name, its values) can steer a terminal or forge a line of output."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afspraken.checking.run import Checker
from afspraken.reporting import Context
from afspraken.reporting.escaping import escape, escaped
from afspraken.reporting import github, html, junit, markdown, text
from afspraken.results import Report
from conftest import EXAMPLES

# OSC (set the window title), BEL, CSI (clear screen), NEL, line/paragraph separators,
# form feed, and a newline followed by what looks like another finding.
HOSTILE = "a\x1b]0;pwned\x07\x1b[2J\x85\u2028\u2029\x0c\x9b\nnep.toml:1:1: fout forged: vals"
RAW = ("\x1b", "\x07", "\x85", "\u2028", "\u2029", "\x0c", "\x9b")


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("plain ü 😀 \\x", "plain ü 😀 \\x"),
        ("\x1b[2J", "\\x1b[2J"),
        ("\x1b]0;t\x07", "\\x1b]0;t\\x07"),
        ("a\nb\rc\td", "a\\nb\\rc\\td"),
        ("\x85\x9b\x7f\x00", "\\x85\\x9b\\x7f\\x00"),
        ("\u2028\u2029", "\\u2028\\u2029"),
        (os.fsdecode(b"bad\xff.toml"), "bad\\xff.toml"),  # a name that is not UTF-8
    ],
)
def test_escape(raw, shown):
    assert escape(raw) == shown
    assert escape(shown) == shown  # what is safe stays as it is


def test_every_format_character_is_escaped():
    """Every invisible character of Unicode category Cf this Python knows (bidirectional marks
    such as U+061C, invisible operators U+2061-2064, tag characters, the soft hyphen) is shown as
    an escape, and so are the blank Hangul fillers; the Cf signs that show, and a variation
    selector in an emoji, are not."""
    import unicodedata

    from afspraken.reporting.escaping import _SEEN

    formats = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf" and chr(c) not in _SEEN]
    assert len(formats) >= 140  # the table of this Python (Unicode 14 or later)
    raw = [c for c in formats + ["\u115f", "\u1160", "\u3164", "\uffa0", "\u034f", "\u17b4", "\u17b5"] if escape(c) == c]
    assert not raw, [f"U+{ord(c):04X}" for c in raw]
    assert escape("\U000e0041") == "\\U000e0041" and escape("\u061c") == "\\u061c" and escape("\xad") == "\\xad"
    assert escape("rood \u2764\ufe0f") == "rood \u2764\ufe0f"  # ❤️ stays a red heart
    assert escape("a\ufe00\U000e0100") == "a\\ufe00\\U000e0100"  # other variation selectors can carry hidden bytes
    assert all(escape(c) == c for c in _SEEN)  # signs that show, such as U+0600 before a number


def test_json_escapes_a_character_past_ffff_as_its_surrogate_pair():
    """JSON's \\u takes four digits: U+E0041 is the pair \\udb40\\udc41, and reads back as itself."""
    import json

    from afspraken.reporting.escaping import dumps

    text = dumps({"naam": "a\U000e0041b\u2062"})
    assert "\\udb40\\udc41" in text and "\\u2062" in text and "\U000e0041" not in text
    assert json.loads(text) == {"naam": "a\U000e0041b\u2062"}


def _report(tmp_path: Path) -> Report:
    name = tmp_path / "hostile.toml"
    body = (EXAMPLES / "ongelijke-stem.toml").read_text(encoding="utf-8")
    body = body.replace('titel = "', 'titel = "\\u001b]0;titel\\u0007\\n', 1)
    name.write_text(body, encoding="utf-8")
    checker = Checker(entry_points=False)
    good = checker.check_path(name)
    assert good.findings, "the example must have findings, so that every format shows the name"
    broken = checker.check_path(tmp_path / "missing.toml")
    # The file's name as a string holding every hostile character (most cannot be on disk).
    rename = lambda r: r._replace(path=HOSTILE + r.path)  # noqa: E731
    good = good._replace(
        path=HOSTILE,
        findings=tuple(f._replace(locations=tuple(loc._replace(file=HOSTILE) for loc in f.locations)) for f in good.findings),
    )
    broken = rename(broken)._replace(problems=tuple(p._replace(location=p.location._replace(file=HOSTILE)) for p in broken.problems))
    return checker.report([good, broken])


@pytest.mark.parametrize("fmt", [text, github, junit, markdown, html])
def test_every_text_format_escapes_a_hostile_name(fmt, tmp_path):
    report = _report(tmp_path)
    out = fmt.render(report, Context(lang="nl", color=False, show_passed=True))
    for char in RAW:
        assert char not in out, f"{fmt.__name__} let {char!r} through"
    assert HOSTILE not in out
    # no line of output starts with what the name tried to forge
    assert not any(line.lstrip().startswith("nep.toml:1:1") for line in out.splitlines())
    if fmt in (text, github):
        assert "\\x1b]0;pwned\\x07" in out  # shown, so that the reader sees what is there


def test_escaped_keeps_a_clean_report_as_it_is(tmp_path):
    checker = Checker(entry_points=False)
    report = checker.report([checker.check_path(EXAMPLES / "ongelijke-stem.toml")])
    assert escaped(report) is report


@pytest.mark.parametrize("where", ["location key", "location file", "english message", "explanation", "meta", "problem"])
def test_escaped_finds_one_hostile_string_anywhere(where):
    """The quick check of a clean report must not overlook a single bad string in any place."""
    from afspraken.results import FileResult, Finding, Location, Problem
    from afspraken.rules import Severity, Text

    bad = "x\u202ey\n"
    loc = Location("a.toml", 3, 1, "partij.naam", 3, 9)
    finding = Finding("regel", Severity.FOUT, Text("nl", "en"), (loc, loc._replace(line=4)), explained=Text("ok", "ok"))
    changed = {
        "location key": lambda r: r._replace(findings=(finding._replace(locations=(loc, loc._replace(key=bad))),)),
        "location file": lambda r: r._replace(findings=(finding._replace(locations=(loc._replace(file=bad),)),)),
        "english message": lambda r: r._replace(findings=(finding._replace(message=Text("nl", bad)),)),
        "explanation": lambda r: r._replace(findings=(finding._replace(explained=Text(bad, "ok")),)),
        "meta": lambda r: r._replace(meta={"titel": "t", "wijk": bad}),
        "problem": lambda r: r._replace(problems=(Problem(loc, Text(bad, "en"), "waarde"),)),
    }[where]
    clean = FileResult("a.toml", findings=(finding,), meta={"titel": "t"})
    assert escaped(clean) is clean
    hostile = changed(clean)
    shown = escaped(hostile)
    assert shown != hostile
    strings = list(_strings(shown))
    assert bad not in strings and escape(bad) in strings and escape(bad) == "x\\u202ey\\n"


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def test_hostile_name_on_a_terminal(tmp_path):
    """The installed command, on a pseudo-terminal: no raw ESC/BEL from the name reaches it."""
    pty = pytest.importorskip("pty")
    name = "x\x1b]0;pwned\x07\x1b[2J.toml"
    (tmp_path / name).write_bytes(b"formaat = 1\n[afspraak]\ntitel = \"\x1b[31mrood\"\n")
    script = (
        "import os, pty, sys\n"
        "pid, fd = pty.fork()\n"
        "if pid == 0:\n"
        "    os.execv(sys.executable, [sys.executable, '-m', 'afspraken', 'check', sys.argv[1]])\n"
        "out = b''\n"
        "while True:\n"
        "    try:\n"
        "        chunk = os.read(fd, 65536)\n"
        "    except OSError:\n"
        "        break\n"
        "    if not chunk:\n"
        "        break\n"
        "    out += chunk\n"
        "os.waitpid(pid, 0)\n"
        "sys.stdout.buffer.write(out)\n"
    )
    import subprocess

    done = subprocess.run([sys.executable, "-c", script, name], cwd=tmp_path, capture_output=True, timeout=60)
    out = done.stdout
    assert b"pwned" in out  # the name is shown ...
    assert b"\x1b]" not in out and b"\x07" not in out and b"\x1b[2J" not in out  # ... but not obeyed


# The fast check (Latin-1 bytes, then the regex only past U+00FF) must agree with the regex
# everywhere: over every Latin-1 character, every character escape() changes, and random text.
_EDGES = "".join(map(chr, range(0x100))) + "\u2028\u2029\u200b\u200f\u202a\u202e\u2060\u2066\u2069\ufeff\udc80\udcff\ud800\u061c\u2064\U000e0041\u3164"


@given(st.text(alphabet=st.sampled_from(_EDGES) | st.characters(), max_size=40))
@settings(max_examples=300, deadline=None)
def test_the_fast_checks_agree_with_the_patterns(text):
    from afspraken.reporting import escaping

    assert escaping.is_safe(text) == (escaping._UNSAFE.search(text) is None)
    assert escaping._json_safe(text) == (escaping._JSON_UNSAFE.search(text) is None)


@pytest.mark.parametrize("char", list(_EDGES))
def test_the_fast_check_sees_each_character_as_the_pattern_does(char):
    from afspraken.reporting import escaping

    for text in (char, "plain é " + char, char + "\u20ac"):  # alone, in Latin-1 text, and with a wider character
        assert escaping.is_safe(text) == (escaping._UNSAFE.search(text) is None)
        assert escaping._json_safe(text) == (escaping._JSON_UNSAFE.search(text) is None)


def test_the_source_excerpt_escapes_as_every_format_does(tmp_path):
    """--toon-bron printed bidi controls raw (a line could show as another): the excerpt uses
    the one escaping too."""
    import subprocess
    import sys
    from pathlib import Path

    bad = tmp_path / "bidi.toml"
    bad.write_text("formaat = 1\n[afspraak]\nwijk = 5  # \u202eRLO \u2066LRI \u200b\n", encoding="utf-8")
    command = Path(sys.executable).parent / "afspraken"
    out = subprocess.run([str(command), "check", "--toon-bron", "--no-color", str(bad)], capture_output=True, text=True, timeout=60).stdout
    assert "wijk = 5" in out and "\\u202e" in out and "\\u2066" in out
    assert not any(c in out for c in "\u202e\u2066\u200b")
