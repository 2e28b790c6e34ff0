"""What makes a waiver's toelichting an explanation (RULES.md, "Always on").

A toelichting must say why, not only that: once the stock phrases are taken out
("n.v.t.", "niet van toepassing", ...), at least :data:`MIN_TEKENS` visible
characters and :data:`MIN_WOORDEN` words must remain. This module is the one
place that lists the stock phrases.
"""

from __future__ import annotations

import re

from afspraken.wording import visible

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
    """What is left of ``text`` once the stock phrases are taken out."""
    return visible(_PHRASES.sub(" ", visible(text)))


def explains(text: str) -> bool:
    """Does ``text`` say more than a stock phrase: enough characters and words left?"""
    left = remainder(text)
    words = [w for w in left.split() if any(c.isalnum() for c in w)]
    return len(left) >= MIN_TEKENS and len(words) >= MIN_WOORDEN
