"""Rule of rule set ``wijkaanpak`` about the residents' right to meet: overlegrecht."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from afspraken.builtin import MAX_NAMES, WOENSEL_WEST, name_of, names, others
from afspraken.model import Agreement, Overleg
from afspraken.rules import Params, Text, Violation, rule, violation


# --------------------------------------------------------------------------- overlegrecht


class OverlegrechtParams(Params):
    min_per_jaar: int = Field(
        4,
        ge=0,
        description="Hoe vaak per jaar de bewoners minstens recht op overleg hebben.",
        json_schema_extra={"en": "How often a year residents have at least a right to meet."},
    )


@rule(
    source=WOENSEL_WEST,
    id="overlegrecht",
    severity="waarschuwing",
    params=OverlegrechtParams,
    title=Text("Afdwingbaar overlegrecht voor bewoners", "Enforceable right of consultation for residents"),
    summary=Text(
        "Elke ondertekenende bewonerspartij heeft afdwingbaar overleg (afdwingbaar = true) van minstens min_per_jaar "
        "keer per jaar met een besluitvormend orgaan, of met de gemeente en elke ondertekenende corporatie, in één "
        "overleg of in afzonderlijke. Voldoet geen overleg, "
        "dan noemt de melding wat ontbreekt bij het overleg dat er het dichtst bij komt (frequentie, "
        "afdwingbaarheid), of dat zo'n overleg er niet is. Zonder ondertekenende bewonerspartij is er geen overlegrecht: "
        "een bevinding.",
        "Every signing residents' party has an enforceable meeting (afdwingbaar = true) at least min_per_jaar times a "
        "year with a deciding body, or with the municipality and every signing housing corporation, in one meeting or "
        "in separate ones. When no meeting "
        "qualifies, the message says what the closest one lacks (frequency, enforceability), or that there is no "
        "such meeting. Without a signing residents' party there is no right of consultation: a finding.",
    ),
    rationale=Text(
        "Een recht op overleg dat de andere partijen kunnen overslaan, is geen recht. In Woensel-West spreekt de "
        "bewonersraad de directie van de Buurtonderneming vier keer per jaar, en kan dat afdwingen.",
        "A right to consultation the other parties can skip is no right. In Woensel-West the residents' council "
        "meets the management of the Buurtonderneming four times a year, and can enforce that.",
    ),
    quote="De Bewonersraad is gesprekspartner van de directie van de Buurtonderneming en heeft een (afdwingbaar) "
    "recht om vier maal per jaar met de directie van de Buurtonderneming te spreken over werkinhoud, efficiëntie, "
    "effectiviteit en de meerwaarde van de Buurtonderneming.",
    fix=Text(
        "Leg een [[overleg]] vast tussen de bewonerspartij en het besluitvormende orgaan, met per_jaar = 4 (of meer) "
        "en afdwingbaar = true.",
        "Record an [[overleg]] between the residents' party and the deciding body, with per_jaar = 4 (or more) and "
        "afdwingbaar = true.",
    ),
    example_fail="""
[[overleg]]
tussen = ["bewonersraad", "buurtonderneming"]
per_jaar = 2
""",
    example_pass="""
[[overleg]]
tussen = ["bewonersraad", "buurtonderneming"]
per_jaar = 4
afdwingbaar = true
""",
)
def overlegrecht(doc: Agreement, params: OverlegrechtParams) -> Iterator[Violation]:
    bewoners = doc.ondertekenaars("bewoners")
    if not bewoners:
        yield violation(
            "geen ondertekenende bewonerspartij, dus niemand heeft namens de bewoners recht op overleg",
            "no signing residents' party, so nobody has a right of consultation on behalf of the residents",
            ("overleg",),
        )
        return
    shared = _Shared(doc)  # once per agreement: the rule stays linear with many residents' parties
    for partij in bewoners:
        yield from _overlegrecht(doc, partij.id, params.min_per_jaar, shared)


SHOWN = 5  # meetings named in a message; more are counted ("en 12 andere")


class _Shared:
    """What every residents' party is checked against: the counterparts, each party's meetings,
    and the list of meetings a message names."""

    def __init__(self, doc: Agreement) -> None:
        self.counterparts = _counterparts(doc)
        self.relevant = set().union(*self.counterparts)
        self.meetings: dict[str, list[int]] = {}
        for i, o in enumerate(doc.overleg):
            for x in dict.fromkeys(o.tussen):
                self.meetings.setdefault(x, []).append(i)
        self._doc = doc
        self._listed: tuple[list[str], list[str]] | None = None

    def listed(self) -> tuple[list[str], list[str]]:
        if self._listed is None:
            doc, shown = self._doc, self._doc.overleg[:SHOWN]
            andere = [names([name_of(doc, x) for x in o.tussen], "nl") for o in shown]
            other = [names([name_of(doc, x) for x in o.tussen], "en") for o in shown]
            more = len(doc.overleg) - len(shown)
            if more > 0:
                andere.append(f"en {more} andere")
                other.append(f"and {more} more")
            self._listed = (andere, other)
        return self._listed


def _counterparts(doc: Agreement) -> tuple[set[str], set[str], set[str]]:
    """Deciding bodies; the gemeente parties; the corporaties that must be met (every signing one)."""
    besluitvormend = {o.id for o in doc.orgaan if o.besluitvormend}
    gemeenten = {p.id for p in doc.partij if p.soort == "gemeente"}
    corporaties = {p.id for p in doc.ondertekenaars("corporatie")}
    return besluitvormend, gemeenten, corporaties


def _overlegrecht(doc: Agreement, partij: str, min_per_jaar: int, shared: _Shared) -> Iterator[Violation]:
    besluitvormend, gemeenten, corporaties = shared.counterparts
    relevant = shared.relevant
    meetings = [(i, doc.overleg[i]) for i in shared.meetings.get(partij, ())]
    candidates = [(i, o) for i, o in meetings if not relevant.isdisjoint(o.tussen)]
    good = [o for _, o in candidates if o.afdwingbaar and o.per_jaar >= min_per_jaar]
    met = {x for o in good for x in o.tussen}
    # With a deciding body; or with the gemeente and every signing corporatie, in one meeting or separate ones.
    if met & besluitvormend or (met & gemeenten and corporaties <= met):
        return
    if candidates:
        # Count what each meeting lacks first; messages only for the closest (ties: the first).
        open_gaps = [(i, n) for i, o in candidates if (n := _lacks(o, min_per_jaar))]
        if open_gaps:
            closest, _ = min(open_gaps, key=lambda c: c[1])
            yield from _overleg_gaps(doc, closest, partij, min_per_jaar)
            return
        # Every meeting is fine, but together they do not reach the gemeente and every corporatie.
        missing = ([] if met & gemeenten else [name_of(doc, g) for g in sorted(gemeenten)][:1] or ["de gemeente"])
        missing += [name_of(doc, c) for c in sorted(corporaties - met)]
        wie = name_of(doc, partij)
        yield violation(
            f"{wie} heeft afdwingbaar overleg, maar niet met een besluitvormend orgaan en niet met {names(missing, 'nl')}",
            f"{wie} has enforceable meetings, but not with a deciding body nor with {names(missing, 'en')}",
            ("overleg",),
            fix=Text(
                f"Leg ook een afdwingbaar [[overleg]] vast tussen {wie} en {names(missing, 'nl')}, minstens {min_per_jaar} keer per jaar.",
                f"Also record an enforceable [[overleg]] between {wie} and {names(missing, 'en')}, at least {min_per_jaar} times a year.",
            ),
        )
        return
    wie = name_of(doc, partij)
    andere, other = shared.listed()
    yield violation(
        f"{wie} heeft geen vast overleg met een besluitvormend orgaan of met gemeente en corporatie"
        + (f" (er is alleen overleg tussen {'; '.join(andere)})" if andere else " (er is geen [[overleg]])"),
        f"{wie} has no standing meeting with a deciding body or with municipality and housing corporation"
        + (f" (the only meetings are between {'; '.join(other)})" if other else " (there is no [[overleg]])"),
        ("overleg",),
        fix=Text(
            f"Leg een [[overleg]] vast tussen {partij} en het besluitvormende orgaan, met per_jaar = {min_per_jaar} (of meer) "
            "en afdwingbaar = true.",
            f"Record an [[overleg]] between {partij} and the deciding body, with per_jaar = {min_per_jaar} (or more) and "
            "afdwingbaar = true.",
        ),
    )


def _lacks(overleg: Overleg, min_per_jaar: int) -> int:
    """How many findings :func:`_overleg_gaps` gives for this meeting: too rare, not enforceable."""
    return (overleg.per_jaar < min_per_jaar) + (not overleg.afdwingbaar)


def _some(doc: Agreement, head: list[str], total: int, lang: str) -> str:
    """:func:`names` of ``total`` ids of which ``head`` are the first (at least MAX_NAMES of them)."""
    if total <= MAX_NAMES:
        return names([name_of(doc, x) for x in head[:total]], lang)
    return ", ".join([name_of(doc, x) for x in head[: MAX_NAMES - 1]]) + others(total - MAX_NAMES + 1, lang)


def _overleg_gaps(doc: Agreement, i: int, partij: str, min_per_jaar: int) -> Iterator[Violation]:
    overleg = doc.overleg[i]
    if overleg.per_jaar >= min_per_jaar and overleg.afdwingbaar:
        return  # the common case: nothing to say, no names to look up
    tussen = overleg.tussen
    own = tussen.count(partij)  # in C: a meeting of thousands, once per residents' party, stays fast
    wie = {lang: names([name_of(doc, partij)] * own, lang) for lang in ("nl", "en")}
    if len(tussen) > own:  # the others: only the names shown are looked up
        head = [x for x in tussen[: MAX_NAMES + own] if x != partij]
        met = {lang: _some(doc, head, len(tussen) - own, lang) for lang in ("nl", "en")}
    else:
        met = wie
    if overleg.per_jaar < min_per_jaar:
        times = "once" if overleg.per_jaar == 1 else f"{overleg.per_jaar} times"
        yield violation(
            f"het overleg van {wie['nl']} met {met['nl']} is {overleg.per_jaar} keer per jaar; "
            f"het overlegrecht vraagt minstens {min_per_jaar} keer",
            f"the meeting of {wie['en']} with {met['en']} is held {times} a year; "
            f"the right of consultation requires at least {min_per_jaar}",
            ("overleg", i, "per_jaar"),
            fix=Text(
                f"Zet per_jaar van het overleg van {wie['nl']} met {met['nl']} op minstens {min_per_jaar}.",
                f"Set per_jaar of the meeting of {wie['en']} with {met['en']} to at least {min_per_jaar}.",
            ),
        )
    if not overleg.afdwingbaar:
        yield violation(
            f"het recht van {wie['nl']} op overleg met {met['nl']} is niet afdwingbaar (afdwingbaar = true ontbreekt)",
            f"the right of {wie['en']} to meet {met['en']} is not enforceable (afdwingbaar = true is missing)",
            ("overleg", i, "afdwingbaar"),
            fix=Text(
                f"Zet afdwingbaar = true bij het overleg van {wie['nl']} met {met['nl']}.",
                f"Set afdwingbaar = true for the meeting of {wie['en']} with {met['en']}.",
            ),
        )
