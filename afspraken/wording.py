"""Text as a reader sees it: the visible words, without whitespace or invisible characters.

A waiver's ``toelichting`` of 20 spaces, 20 zero-width spaces or 20 newlines explains
nothing; checks on wording (length, stock phrases) use :func:`visible` instead of the
raw string.
"""

from __future__ import annotations

import re
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


# -- what makes a toelichting an explanation (RULES.md, "Always on"): read by the loader and the waiver rules
# A toelichting must say why, not only that: once the stock phrases are taken out ("n.v.t.",
# "niet van toepassing", ...), at least MIN_TEKENS visible characters and MIN_WOORDEN words
# must remain. This is the one place that lists the stock phrases.

STOCK_PHRASES: tuple[str, ...] = (
    "niet van toepassing",
    "nader te bepalen",
    "zie boven",
    "n.v.t.",
    "n.v.t",
    "nvt",
    "geen",
    "volgt",
)
"""Phrases that explain nothing on their own (compared case-insensitively, as whole words)."""

MIN_TEKENS = 20
MIN_WOORDEN = 4

_PHRASES = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(STOCK_PHRASES, key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)


def remainder(text: str) -> str:
    """What is left of ``text`` once the stock phrases are taken out. Compared in the
    compatibility form (NFKC): fullwidth "ｎ．ｖ．ｔ．" or a ligature is the phrase it looks like."""
    return visible(_PHRASES.sub(" ", visible(unicodedata.normalize("NFKC", text))))


def explains(text: str) -> bool:
    """Does ``text`` say more than a stock phrase: enough characters and words left?"""
    left = remainder(text)
    words = [w for w in left.split() if any(c.isalnum() for c in w)]
    return len(left) >= MIN_TEKENS and len(words) >= MIN_WOORDEN
