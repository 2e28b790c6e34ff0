"""Rule of rule set ``basis`` about votes: gelijke-stem (advisory seats, the residents' seat)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Literal, Optional

from pydantic import Field

from afspraken.builtin import MAX_NAMES, WERKGROEPEN, names, votes
from afspraken.model import Agreement
from afspraken.rules import Params, Text, Violation, rule, undecided, violation


class GelijkeStemParams(Params):
    per: Literal["partij", "soort"] = Field(
        "partij",
        description="Vergelijk stemmen per partij of per soort partij.",
        json_schema_extra={"en": "Compare votes per party, or per kind of party."},
    )
    bewoners_zetel: Literal["verplicht", "of-overlegrecht"] = Field(
        "verplicht",
        description="Moet elke bewonerspartij stemrecht hebben in het orgaan, of volstaat een afdwingbaar overleg ermee?",
        json_schema_extra={"en": "Must every residents' party vote in the body, or does an enforceable meeting with it suffice?"},
    )
    min_overleg_per_jaar: int = Field(
        4,
        ge=0,
        description="Hoe vaak per jaar dat overleg minstens is (bij bewoners_zetel = \"of-overlegrecht\").",
        json_schema_extra={"en": "How often a year that meeting is held at least (with bewoners_zetel = \"of-overlegrecht\")."},
    )


@rule(
    source=WERKGROEPEN,
    id="gelijke-stem",
    severity="fout",
    params=GelijkeStemParams,
    title=Text("Gelijke stem in het orgaan dat besluit", "Equal voice in the body that decides"),
    summary=Text(
        "In elk besluitvormend orgaan heeft elke partij met stemmen evenveel stemmen (opgeteld over haar leden). Een "
        "lid met stemmen = 0 heeft een raadgevende stem: een niet-ondertekenende partij met alleen zulke leden telt "
        "niet mee; een ondertekenende partij met alleen zulke leden is een bevinding. Elke ondertekenende "
        "bewonerspartij zit met stemmen in het orgaan, of heeft (met bewoners_zetel = \"of-overlegrecht\") een "
        "afdwingbaar [[overleg]] met dat orgaan van minstens min_overleg_per_jaar keer per jaar. De melding wijst naar "
        "de stemmen van de afwijkende partij.",
        "In every deciding body, each party with votes holds the same number of votes (summed over its members). A "
        "member with stemmen = 0 has an advisory seat: a non-signing party with only such members is left out; a "
        "signing party with only such members is a finding. Every signing residents' party sits in the body with "
        "votes, or (with bewoners_zetel = \"of-overlegrecht\") has an enforceable [[overleg]] with that body at least "
        "min_overleg_per_jaar times a year. The message points at the votes of the odd one out.",
    ),
    rationale=Text(
        "Een succes is altijd de verdienste van de sterkste partij; wie minder stemmen heeft, draagt wel het falen. "
        "Samenwerking werkt als alle partijen gelijkwaardig meebeslissen, bewoners voorop.",
        "Success is credited to the strongest party, failure blamed on the weakest. Partnership works when all "
        "parties decide as equals, residents included.",
    ),
    quote="Installeer een Buurtonderneming. Zorg daarin voor vertegenwoordiging van gemeente, corporatie(s), "
    "andere instellingen en bewoners. Geef alle partijen een gelijke stem.",
    fix=Text(
        "Geef elke partij in het orgaan hetzelfde totaal aan stemmen en geef de bewonerspartij een zetel.",
        "Give every party in the body the same total of votes, and give the residents' party a seat.",
    ),
    example_fail="""
[[orgaan]]
id = "stuurgroep"
naam = "Stuurgroep"
soort = "stuurgroep"
  [[orgaan.lid]]
  naam = "Wethouder"
  partij = "gemeente"
  stemmen = 2
  [[orgaan.lid]]
  naam = "Voorzitter bewonersraad"
  partij = "bewonersraad"
""",
    example_pass="""
[[orgaan]]
id = "stuurgroep"
naam = "Stuurgroep"
soort = "stuurgroep"
  [[orgaan.lid]]
  naam = "Wethouder"
  partij = "gemeente"
  [[orgaan.lid]]
  naam = "Voorzitter bewonersraad"
  partij = "bewonersraad"
  [[orgaan.lid]]
  naam = "Adviseur politie"      # raadgevende stem van een partij die niet ondertekent
  partij = "politie"
  stemmen = 0
""",
)
def gelijke_stem(doc: Agreement, params: GelijkeStemParams) -> Iterator[Violation]:
    bewoners = doc.ondertekenaars("bewoners")
    per_soort = params.per == "soort"
    for i, orgaan in enumerate(doc.orgaan):
        if not orgaan.besluitvormend:
            continue
        if not orgaan.lid:
            yield undecided(
                f"het besluitvormende orgaan '{orgaan.naam}' heeft geen leden ([[orgaan.lid]]), dus de stemverdeling is onbekend",
                f"the deciding body '{orgaan.naam}' has no members ([[orgaan.lid]]), so the distribution of votes is unknown",
                ("orgaan", i),
            )
            continue
        per_party: dict[str, int] = defaultdict(int)
        seats: dict[str, list[int]] = defaultdict(list)
        for j, lid in enumerate(orgaan.lid):
            per_party[lid.partij] += lid.stemmen
            seats[lid.partij].append(j)
        if 0 in per_party.values():  # advisory seats are rare
            yield from _advisory_signers(doc, i, per_party, seats)
        # Parties with only advisory seats are not compared (signers among them are reported above).
        if per_soort:
            totals, members = _per_soort(doc, per_party, seats)
        else:
            totals, members = {party: n for party, n in per_party.items() if n}, seats
        if len(set(totals.values())) > 1:
            label = {} if per_soort else {p.id: p.naam for p in doc.partij}
            # The odd ones out: parties whose total differs from the most common one
            # (on a tie, the larger total is the odd one: 2 against 1 points at the 2).
            tally = Counter(totals.values())  # counted once: a body of many parties stays linear
            common = max(tally, key=lambda v: (tally[v], -v))
            odd = [k for k, v in totals.items() if v != common]
            shown = list(totals.items())
            if len(shown) > MAX_NAMES:  # past MAX_NAMES the rest is counted: the odd ones first, so they are named
                shown.sort(key=lambda item: item[1] == common)
            listed = [(label.get(k, k), v) for k, v in shown]
            at = [("orgaan", i, "lid", j, "stemmen") for k in odd for j in members[k]]
            who = [label.get(k, k) for k in odd]
            yield violation(
                f"in '{orgaan.naam}' hebben de partijen geen gelijke stem; stemmen: {votes(listed, 'nl')}",
                f"in '{orgaan.naam}' the parties do not have an equal voice; votes: {votes(listed, 'en')}",
                *at[:1],
                ("orgaan", i),  # second: the places past MAX_PLACES are only counted
                *at[1:],
                fix=Text(
                    f"Geef {names(who, 'nl')} in '{orgaan.naam}' samen {common} {'stem' if common == 1 else 'stemmen'}, "
                    "net als de andere partijen.",
                    f"Give {names(who, 'en')} {common} {'vote' if common == 1 else 'votes'} in total in '{orgaan.naam}', "
                    "like the other parties.",
                ),
            )
        met: Optional[set[str]] = None  # who meets this body as the rule set allows: found once, when needed
        for partij in bewoners:
            if partij.id in per_party:
                continue  # votes; or an advisory seat, reported above
            if params.bewoners_zetel == "of-overlegrecht":
                met = _meeting(doc, orgaan.id, params.min_overleg_per_jaar) if met is None else met
                if partij.id in met:
                    continue
            k = doc.index_of(partij)
            also = (
                (f" en heeft geen afdwingbaar overleg ermee van minstens {params.min_overleg_per_jaar} keer per jaar",
                 f" and has no enforceable meeting with it at least {params.min_overleg_per_jaar} times a year")
                if params.bewoners_zetel == "of-overlegrecht"
                else ("", "")
            )
            yield violation(
                f"bewonerspartij '{partij.naam}' ondertekent, maar heeft geen zitting in het besluitvormende orgaan '{orgaan.naam}'{also[0]}",
                f"residents' party '{partij.naam}' signs, but has no seat in the deciding body '{orgaan.naam}'{also[1]}",
                ("orgaan", i),
                ("partij", k),
                fix=Text(
                    f"Geef {partij.naam} een [[orgaan.lid]] met stemmen in '{orgaan.naam}'"
                    + (f", of een afdwingbaar [[overleg]] met '{orgaan.id}' van {params.min_overleg_per_jaar} keer per jaar." if also[0] else "."),
                    f"Give {partij.naam} an [[orgaan.lid]] with votes in '{orgaan.naam}'"
                    + (f", or an enforceable [[overleg]] with '{orgaan.id}' {params.min_overleg_per_jaar} times a year." if also[0] else "."),
                ),
            )


def _advisory_signers(doc: Agreement, i: int, per_party: dict[str, int], seats: dict[str, list[int]]) -> Iterator[Violation]:
    """A signing party whose members in the body all have 0 votes: it signs, but cannot decide."""
    orgaan = doc.orgaan[i]
    for party, total in per_party.items():
        if total:
            continue  # votes: no need to look the party up
        found = doc.partij_by_id(party)
        if found is None or not found.ondertekent:
            continue
        yield violation(
            f"'{found.naam}' ondertekent, maar heeft in '{orgaan.naam}' alleen een raadgevende stem (stemmen = 0)",
            f"'{found.naam}' signs, but has only an advisory seat in '{orgaan.naam}' (stemmen = 0)",
            *[("orgaan", i, "lid", j, "stemmen") for j in seats[party]],
            fix=Text(
                f"Geef {found.naam} in '{orgaan.naam}' evenveel stemmen als de andere partijen, of laat {found.naam} niet "
                "ondertekenen als het alleen adviseert (ondertekent = false).",
                f"Give {found.naam} as many votes in '{orgaan.naam}' as the other parties, or have {found.naam} not sign "
                "when it only advises (ondertekent = false).",
            ),
        )


def _per_soort(doc: Agreement, per_party: dict[str, int], seats: dict[str, list[int]]) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Votes and seats per kind of party (soort), of the parties with votes."""
    totals: dict[str, int] = defaultdict(int)
    members: dict[str, list[int]] = defaultdict(list)
    for party, total in per_party.items():
        if total == 0:
            continue
        found = doc.partij_by_id(party)
        key = found.soort if found else party
        totals[key] += total
        members[key] += seats[party]
    return totals, members


def _meeting(doc: Agreement, orgaan: str, per_jaar: int) -> set[str]:
    """Everyone in an enforceable meeting with ``orgaan`` at least ``per_jaar`` times a year (once
    per body, not once per residents' party: many parties and meetings stay linear)."""
    return {x for o in doc.overleg if o.afdwingbaar and o.per_jaar >= per_jaar and orgaan in o.tussen for x in o.tussen}
