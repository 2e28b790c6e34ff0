"""Text as a reader sees it: the visible words, without whitespace or invisible characters.

A waiver's ``toelichting`` of 20 spaces, 20 zero-width spaces or 20 newlines explains
nothing; checks on wording (length, stock phrases) use :func:`visible` instead of the
raw string.
"""

from __future__ import annotations

import unicodedata

# Letters and symbols that show nothing: Hangul fillers, the Braille blank, and the like.
_BLANK = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u034f", "\u17b4", "\u17b5"}


def visible(text: str) -> str:
    """``text`` with invisible characters removed and every run of whitespace as one space."""
    kept: list[str] = []
    for char in text:
        if char.isspace() or char in _BLANK:
            kept.append(" ")
        elif unicodedata.category(char) in ("Cf", "Cc", "Cs", "Co", "Cn"):
            continue  # zero-width spaces and joiners, direction marks, soft hyphen, control characters
        else:
            kept.append(char)
    return " ".join("".join(kept).split())


def words(text: str) -> list[str]:
    """The visible words of ``text``."""
    return visible(text).split()
