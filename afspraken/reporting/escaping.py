"""One escaping for every text-like output: nothing from a file can steer a terminal or forge a line.

C0 and C1 control characters (ESC, BEL, so CSI and OSC sequences; newlines, tab, form
feed, NEL), DEL, the Unicode line and paragraph separators (U+2028, U+2029), and bytes
of a file name that are not UTF-8 (lone surrogates from ``os.fsdecode``) are shown as
backslash escapes: ``\\x1b``, ``\\n``, ``\\u2028``, ``\\xff``; so are the format characters
(bidirectional controls such as U+202E, zero-width ones such as U+200B, the soft hyphen, tag
characters) and blank letters such as the Hangul fillers. Every other character, backslash
included, is left as it is.
"""

from __future__ import annotations

import json
import re
from typing import Any, Optional, TypeVar

from afspraken.rules import Text

# The invisible format characters (Unicode category Cf, as of Unicode 15.1): bidirectional
# controls (U+061C, U+200E/200F, U+202A-202E, U+2066-2069) reorder what a reader sees (a name can
# look like another, "Trojan Source"); zero-width and invisible ones (U+00AD, U+200B-200D,
# U+2060-2064, U+FEFF, tag characters U+E0001-E007F, which can carry hidden text) hide that two
# names differ. Also the Hangul fillers, the combining grapheme joiner and the Khmer inherent
# vowels U+17B4/17B5: letters and marks, but blank (what wording._BLANK does not count); and the
# variation selectors but the two of emoji, which can carry hidden bytes too. Left alone: the Cf
# signs that are seen (the Arabic number signs U+0600-0605 and the like, _SEEN below) and
# U+FE0E/FE0F (U+FE0F is in every emoji with a colour).
_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0"
    "\ufe00-\ufe0d\U000e0100-\U000e01ef"
)
_SEEN = "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
"""Format characters (Cf) that show: signs written before numbers, in Arabic, Syriac and Kaithi."""
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_INVISIBLE}\udc80-\udcff]")
# In JSON text (only ever inside its strings): what json.dumps(ensure_ascii=False) leaves raw.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029{_INVISIBLE}\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Latin-1 characters each pattern leaves alone: deleted from a text's Latin-1 bytes, what is
# left is what it would match. bytes.translate is ~4x faster than the regex search.
_KEEP = bytes(b for b in range(256) if not _UNSAFE.match(chr(b)))  # derived: one list of what is unsafe
_JSON_KEEP = bytes(b for b in range(256) if not _JSON_UNSAFE.match(chr(b)))


def is_safe(text: str) -> bool:
    """Whether :func:`escape` leaves ``text`` as it is: the common case, checked fast."""
    try:
        return not text.encode("latin-1").translate(None, _KEEP)
    except UnicodeEncodeError:  # a character past U+00FF (or a lone surrogate): the full search
        return _UNSAFE.search(text) is None


def _json_safe(text: str) -> bool:
    try:
        return not text.encode("latin-1").translate(None, _JSON_KEEP)
    except UnicodeEncodeError:
        return _JSON_UNSAFE.search(text) is None


def _one(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def escape(text: str) -> str:
    """``text`` safe to print on one line of a terminal or a line-based file."""
    return text if is_safe(text) else _UNSAFE.sub(_one, text)


def _json_one(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that was not UTF-8: the text \xff (a lone surrogate is no valid JSON)
        return f"\\\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\\\u{code:04x}"
    if code > 0xFFFF:  # a JSON escape of a character past U+FFFF is its UTF-16 surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"  # a JSON escape: the same character when read, never a raw one on a terminal


def dumps(value: Any, indent: Optional[int] = None) -> str:
    """JSON for JSON, SARIF and GitLab: the exact text (read back, every string is the same),
    but DEL, C1 controls (a raw U+009B is a CSI), U+2028/2029 and bidirectional and zero-width
    characters as ``\\uXXXX``, and a file name's non-UTF-8 byte as the text ``\\xff``."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return text if _json_safe(text) else _JSON_UNSAFE.sub(_json_one, text)


T = TypeVar("T")


def escaped(report: T) -> T:
    """A copy of a :class:`~afspraken.results.Report` with every string in it escaped
    (names, titles, messages, waivers' explanations, plugin errors). A format calls this
    first; the report itself is left as it is (JSON and SARIF carry the exact text)."""
    try:
        if _clean(report):  # nearly always: the same object, nothing rebuilt
            return report
    except TypeError:  # a str field holding something else: let _map sort it out
        pass
    return _map(report)  # type: ignore[no-any-return]


def _clean(value: Any) -> bool:
    """Whether no string that :func:`_map` would escape needs escaping: one walk without
    recursion or copies, one regex search over all strings joined."""
    stack = [value]
    strings: list[str] = []
    pop, push, add = stack.pop, stack.extend, strings.append
    while stack:
        v = pop()
        kind = type(v)
        if kind is str:
            add(v)
        elif kind is Text:
            add(v[0])
            add(v[1])
        elif kind is int or kind is bool or v is None:
            pass
        elif isinstance(v, tuple):
            if _is_location(kind):  # the most common node: only two of its six fields are text
                add(v[0])
                add(v[3])
            else:
                push(v)
        elif isinstance(v, str):
            add(v)
        elif isinstance(v, dict):
            push(v.values())
    return is_safe("".join(strings))


def _map(value: Any) -> Any:
    kind = type(value)
    if kind is str:
        return _UNSAFE.sub(_one, value) if _search(value) else value
    if kind is int or kind is bool or value is None:  # the most common leaves, at once
        return value
    if isinstance(value, tuple):
        items = [_map(v) for v in value]
        for a, b in zip(items, value):
            if a is not b:
                return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
        return value  # nothing changed: keep the object (cheap for clean reports)
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        mapped = {k: _map(v) for k, v in value.items()}
        return value if all(mapped[k] is v for k, v in value.items()) else mapped
    return value


_search = _UNSAFE.search


_LOCATIONS: dict[type, bool] = {}


def _is_location(kind: type) -> bool:
    # Named, not imported: afspraken.results imports this module (for crash texts).
    known = _LOCATIONS.get(kind)
    if known is None:
        known = _LOCATIONS[kind] = kind.__module__ == "afspraken.results" and kind.__qualname__ == "Location"
    return known
