"""The participation profile (RULES.md): a description of how residents take part, not a grade.

Computed once per checked agreement and carried in its :class:`~afspraken.results.FileResult`:
the rung of the participation ladder per phase, the residents' share of the votes in each
deciding body, the share of actions residents own, and how many of the rules that concern
residents passed. No single number claims to predict what residents feel.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple, Optional

if TYPE_CHECKING:
    from afspraken.model import Agreement
    from afspraken.results import RuleOutcome

# The rules about residents' part in the agreement (counted in the profile when they ran).
RESIDENT_RULES = (
    "gelijke-stem",
    "bewoners-aan-tafel",
    "begin-tot-eind",
    "participatieniveau",
    "eigenaarschap",
    "brede-vertegenwoordiging",
    "bewoners-beoordelen",
    "bewoners-aan-zet",
    "ruimte-voor-initiatief",
    "overlegrecht",
    "bewonersbestuur",
)


class Phase(NamedTuple):
    """One phase: its rung (from ``[besluitvorming.niveau]``), and whether residents are involved."""

    fase: str
    trede: Optional[str]  # None: the rung is not given
    betrokken: bool

    @property
    def step(self) -> int:
        """1-5 for a rung; 0 when not involved or the rung is unknown."""
        from afspraken.model import TREDEN

        return TREDEN.index(self.trede) + 1 if self.trede in TREDEN else 0  # type: ignore[arg-type]


class Body(NamedTuple):
    """A deciding body: the votes that sit for residents, of all votes."""

    id: str
    naam: str
    bewoners: int
    totaal: int

    @property
    def share(self) -> Optional[float]:
        return self.bewoners / self.totaal if self.totaal else None


class Profile(NamedTuple):
    fasen: tuple[Phase, ...]
    organen: tuple[Body, ...]
    acties_bewoners: int
    acties: int
    regels_geslaagd: int  # resident rules that passed
    regels: int  # resident rules that ran (passed, finding, explained, undecided)

    @property
    def actions_share(self) -> Optional[float]:
        return self.acties_bewoners / self.acties if self.acties else None


def profile(doc: Agreement, outcomes: Iterable[RuleOutcome] = ()) -> Profile:
    from afspraken.model import FASEN
    from afspraken.results import Outcome

    bv = doc.besluitvorming
    betrokken = set(bv.bewoners_betrokken) if bv else set()
    niveau = bv.niveau if bv else None
    fasen = tuple(Phase(f, niveau.trede(f) if niveau else None, f in betrokken) for f in FASEN)
    bewoners = {p.id for p in doc.partij if p.soort == "bewoners"}
    organen = tuple(
        Body(o.id, o.naam, sum(lid.stemmen for lid in o.lid if lid.partij in bewoners), sum(lid.stemmen for lid in o.lid))
        for o in doc.orgaan
        if o.besluitvormend
    )
    owners = doc.bewonerseigenaren()
    eigen = sum(1 for a in doc.actie if a.wie in owners)
    ran = [o for o in outcomes if o.rule in RESIDENT_RULES and o.outcome is not Outcome.CRASH]
    passed = sum(1 for o in ran if o.outcome is Outcome.GESLAAGD)
    return Profile(fasen, organen, eigen, len(doc.actie), passed, len(ran))


def percent(share: Optional[float]) -> str:
    """0.5 -> '50%'; no share -> '-'."""
    return "-" if share is None else f"{round(100 * share)}%"


def as_dict(p: Profile) -> dict[str, object]:
    """The profile in the JSON report (docs/json.md)."""
    return {
        "phases": [{"phase": f.fase, "rung": f.trede, "involved": f.betrokken} for f in p.fasen],
        "bodies": [
            {"id": b.id, "name": b.naam, "resident_votes": b.bewoners, "votes": b.totaal, "share": b.share} for b in p.organen
        ],
        "actions": {"residents": p.acties_bewoners, "total": p.acties, "share": p.actions_share},
        "resident_rules": {"passed": p.regels_geslaagd, "evaluated": p.regels},
    }
