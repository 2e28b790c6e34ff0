"""Quoted TOML key names decoded, shared by the locator and the header index."""

from __future__ import annotations

import re
from functools import lru_cache

_ESCAPE = r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|([\s\S]))"
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b", '"': '"', "\\": "\\"}


@lru_cache(maxsize=None)
def _escape() -> re.Pattern[str]:
    return re.compile(_ESCAPE)  # compiled on first use: most runs never need a position


def _unescape(m: re.Match[str]) -> str:
    code = m.group(1) or m.group(2) or m.group(3)
    if code:
        try:
            return chr(int(code, 16))
        except (ValueError, OverflowError):
            return m.group()
    return _SIMPLE_ESCAPES.get(m.group(4), m.group())


def key_name(token: str) -> str:
    """Decode a quoted key token."""
    body = token[1:-1]
    if token[0] == "'" or "\\" not in body:
        return body
    return _escape().sub(_unescape, body)
