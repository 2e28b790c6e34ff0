"""Drawing the participation profile (checking/profile.py) for the HTML and Markdown reports.

The HTML gets inline SVG: no scripts, no external files, black on white with outlines and
patterns instead of colour, so it reads in print and in greyscale. Every number is also
written as text (a table), for screen readers and for readers of the Markdown.
"""

from __future__ import annotations

import html
from typing import Optional

from afspraken.checking.profile import Body, Phase, Profile, percent
from afspraken.results import count
from afspraken.rules import Text

TITLE = Text("Participatieprofiel", "Participation profile")
INTRO = Text(
    "Een beschrijving van hoe bewoners meedoen, geen cijfer: de trede op de participatieladder per fase, het "
    "aandeel stemmen van bewoners in elk orgaan dat besluit, en het aandeel acties dat bij bewoners ligt.",
    "A description of how residents take part, not a grade: the rung on the participation ladder per phase, the "
    "residents' share of the votes in each deciding body, and the share of actions residents own.",
)
LADDER = Text("Participatieladder per fase", "Participation ladder per phase")
VOTES = Text("Stemmen van bewoners per besluitvormend orgaan", "Residents' votes per deciding body")
ACTIONS = Text("Acties van bewoners", "Actions owned by residents")
RUNGS = {
    "informeren": Text("informeren", "informing"),
    "raadplegen": Text("raadplegen", "consulting"),
    "adviseren": Text("adviseren", "advising"),
    "coproduceren": Text("coproduceren", "co-producing"),
    "meebeslissen": Text("meebeslissen", "co-deciding"),
}
HEAD = {
    "phase": Text("Fase", "Phase"),
    "rung": Text("Trede", "Rung"),
    "body": Text("Orgaan", "Body"),
    "votes": Text("Stemmen van bewoners", "Residents' votes"),
    "actions": Text("Acties", "Actions"),
    "ladder": Text("Ladder", "Ladder"),
    "share": Text("Aandeel", "Share"),
}


def rung_text(phase: Phase, lang: str) -> str:
    """'meebeslissen (5 van 5)', 'betrokken, trede onbekend', 'niet betrokken'."""
    if phase.trede is not None:
        return f"{RUNGS[phase.trede](lang)} ({phase.step} {'van' if lang == 'nl' else 'of'} 5)"
    if phase.betrokken:
        return "betrokken, trede onbekend" if lang == "nl" else "involved, rung unknown"
    return "niet betrokken" if lang == "nl" else "not involved"


def share_text(part: int, whole: int, share: Optional[float], lang: str, what: Text) -> str:
    """'1 van 4 stemmen (25%)'."""
    if not whole:
        return "geen" if lang == "nl" else "none"
    return f"{count(part, lang)} {'van' if lang == 'nl' else 'of'} {count(whole, lang)} {what(lang)} ({percent(share)})"


def rules_text(p: Profile, lang: str) -> str:
    if lang == "nl":
        return f"Van de regels over bewoners die draaiden, slaagden er {p.regels_geslaagd} van {p.regels}."
    return f"Of the rules about residents that ran, {p.regels_geslaagd} of {p.regels} passed."


SHOWN_BODIES = 20
"""Deciding bodies drawn and listed in HTML and Markdown (JSON has them all): 19,000 bodies made
an HTML report 41x the agreement's size."""


def shown_bodies(p: Profile) -> tuple[Body, ...]:
    return p.organen[:SHOWN_BODIES]


def more_bodies(p: Profile, lang: str) -> Optional[str]:
    """'en nog 18.980 besluitvormende organen' past :data:`SHOWN_BODIES`."""
    rest = len(p.organen) - SHOWN_BODIES
    if rest <= 0:
        return None
    return f"en nog {count(rest, 'nl')} besluitvormende organen" if lang == "nl" else f"and {count(rest, 'en')} more deciding bodies"


def rows(p: Profile, lang: str) -> tuple[list[list[str]], list[list[str]], str]:
    """The numbers as text: phases, bodies (the first SHOWN_BODIES) and the actions line."""
    phases = [[f.fase, rung_text(f, lang)] for f in p.fasen]
    bodies = [[b.naam, share_text(b.bewoners, b.totaal, b.share, lang, Text("stemmen", "votes"))] for b in shown_bodies(p)]
    actions = share_text(p.acties_bewoners, p.acties, p.actions_share, lang, Text("acties", "actions"))
    return phases, bodies, actions


# --------------------------------------------------------------------------- SVG

_W_LABEL, _COL, _STEP, _TOP = 118, 74, 20, 8


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def ladder_svg(p: Profile, lang: str, uid: str = "1") -> str:
    """Five columns (phases) of five rungs; the rungs reached are filled. A phase that is involved
    without a known rung is drawn hatched; one that is not involved is left empty."""
    width = _W_LABEL + _COL * len(p.fasen) + 4
    height = _TOP + _STEP * 5 + 40
    out = [
        f'<svg class="profile-svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(LADDER(lang))}">',
        f'<defs><pattern id="arcering-{_e(uid)}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2"/></pattern></defs>',
    ]
    for level, name in enumerate(RUNGS, start=1):
        y = _TOP + _STEP * (5 - level)
        out.append(f'<text x="{_W_LABEL - 6}" y="{y + 14}" text-anchor="end" font-size="11">{_e(RUNGS[name](lang))}</text>')
    for i, phase in enumerate(p.fasen):
        x = _W_LABEL + _COL * i
        for level in range(1, 6):
            y = _TOP + _STEP * (5 - level)
            if phase.step >= level:
                fill = "#222"
            elif phase.trede is None and phase.betrokken:
                fill = f"url(#arcering-{_e(uid)})"
            else:
                fill = "#fff"
            out.append(f'<rect x="{x + 6}" y="{y + 2}" width="{_COL - 12}" height="{_STEP - 4}" fill="{fill}" stroke="#000" stroke-width="1"/>')
        mark = str(phase.step) if phase.step else ("?" if phase.betrokken else "\u2013")
        base = _TOP + _STEP * 5
        out.append(f'<text x="{x + _COL / 2}" y="{base + 14}" text-anchor="middle" font-size="11">{_e(phase.fase)}</text>')
        out.append(f'<text x="{x + _COL / 2}" y="{base + 30}" text-anchor="middle" font-size="11" font-weight="bold">{_e(mark)}</text>')
    out.append("</svg>")
    return "".join(out)


def bars_svg(p: Profile, lang: str) -> str:
    """One bar per deciding body (residents' share of the votes) and one for the actions."""
    items: list[tuple[str, Optional[float], str]] = [
        (b.naam, b.share, share_text(b.bewoners, b.totaal, b.share, lang, Text("stemmen", "votes"))) for b in shown_bodies(p)
    ]
    items.append((ACTIONS(lang), p.actions_share, share_text(p.acties_bewoners, p.acties, p.actions_share, lang, Text("acties", "actions"))))
    bar, row = 220, 36
    width, height = 8 + bar + 8 + 200, 8 + row * len(items)
    out = [
        f'<svg class="profile-svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(VOTES(lang))}; {_e(ACTIONS(lang))}">'
    ]
    for i, (name, share, text) in enumerate(items):
        y = 8 + row * i
        shown = name if len(name) <= 48 else name[:47] + "\u2026"
        out.append(f'<text x="8" y="{y + 10}" font-size="11">{_e(shown)}</text>')
        out.append(f'<rect x="8" y="{y + 14}" width="{bar}" height="14" fill="#fff" stroke="#000" stroke-width="1"/>')
        if share:
            out.append(f'<rect x="8" y="{y + 14}" width="{round(bar * share, 1)}" height="14" fill="#222"/>')
        out.append(f'<text x="{8 + bar + 8}" y="{y + 25}" font-size="11">{_e(text)}</text>')
    out.append("</svg>")
    return "".join(out)


# --------------------------------------------------------------------------- Markdown

_FULL, _EMPTY, _HATCH = "\u25a0", "\u25a1", "\u25a8"


def ladder_cells(phase: Phase) -> str:
    """'■■■■□' for rung 4; '▨▨▨▨▨' for involved without a rung; '□□□□□' when not involved."""
    if phase.step:
        return _FULL * phase.step + _EMPTY * (5 - phase.step)
    return (_HATCH if phase.betrokken else _EMPTY) * 5


def share_cells(share: Optional[float], width: int = 10) -> str:
    if share is None:
        return ""
    filled = round(share * width)
    return _FULL * filled + _EMPTY * (width - filled)


def body_rows(bodies: tuple[Body, ...], lang: str) -> list[list[str]]:
    return [
        [b.naam, share_cells(b.share), share_text(b.bewoners, b.totaal, b.share, lang, Text("stemmen", "votes"))] for b in bodies
    ]
