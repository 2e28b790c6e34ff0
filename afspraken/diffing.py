"""Two drafts of an agreement compared in its own terms: parties, seats and votes, mandates,
actions, participation and waivers; then the findings, new, resolved and still open.

Items are matched by what they are (a party by id, a member by name, an action by what it
does), never by position: moving a section around is no change.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple, Optional

from pydantic import BaseModel

from afspraken.model import Agreement, Orgaan
from afspraken.reporting.places import identity
from afspraken.results import FileResult, Finding
from afspraken.rules import Severity, Text

# The sections of a comparison, in the order a meeting reads them.
SECTIONS: dict[str, Text] = {
    "partijen": Text("Partijen", "Parties"),
    "organen": Text("Organen, zetels en stemmen", "Bodies, seats and votes"),
    "bestuur": Text("Mandaat, aanspreekpunt, looptijd, overleg en escalatie", "Mandate, point of contact, term, meetings and escalation"),
    "acties": Text("Acties", "Actions"),
    "participatie": Text("Participatie", "Participation"),
    "uitzonderingen": Text("Uitzonderingen", "Waivers"),
    "overig": Text("Overig", "Other"),
}
ADDED, REMOVED, CHANGED = "+", "-", "~"


class Change(NamedTuple):
    """One difference between the drafts, in words."""

    section: str  # a key of SECTIONS
    sign: str  # ADDED, REMOVED or CHANGED
    text: Text


class Comparison(NamedTuple):
    """What changed from ``old`` to ``new``."""

    old: FileResult
    new: FileResult
    changes: tuple[Change, ...]
    new_findings: tuple[Finding, ...]
    resolved: tuple[Finding, ...]  # counted before; gone or explained now
    still_open: tuple[Finding, ...]  # as found in the new draft

    def worse(self, fail_on: Optional[Severity]) -> bool:
        """Did the new draft get a finding at or above ``fail_on`` that the old one did not have?"""
        return fail_on is not None and any(f.severity.rank >= fail_on.rank for f in self.new_findings)


def _show(value: Any, lang: str = "nl") -> str:
    if isinstance(value, bool):
        return ("ja" if value else "nee") if lang == "nl" else ("yes" if value else "no")
    if isinstance(value, (list, tuple)):
        return ", ".join(_show(v, lang) for v in value) if value else "-"
    return "-" if value is None else str(value)


def _same(a: Any, b: Any) -> bool:
    """Equal, where the order of a list of words does not matter (a mandate, the phases)."""
    if isinstance(a, list) and isinstance(b, list):
        try:
            return sorted(map(str, a)) == sorted(map(str, b))
        except TypeError:
            return bool(a == b)
    return bool(a == b)


def _fields(section: str, where: Text, old: Optional[BaseModel], new: Optional[BaseModel], skip: Iterable[str] = ()) -> Iterator[Change]:
    """Field by field changes of one table; a table added or removed as a whole."""
    if old is None and new is None:
        return
    if old is None or new is None:
        sign = ADDED if old is None else REMOVED
        yield Change(section, sign, Text(f"{where.nl} {'toegevoegd' if old is None else 'verwijderd'}", f"{where.en} {'added' if old is None else 'removed'}"))
        return
    a, b = _flat(old.model_dump()), _flat(new.model_dump())
    for name in sorted(a.keys() | b.keys()):
        if name.partition(".")[0] in skip or _same(a.get(name), b.get(name)):
            continue
        was, now = a.get(name), b.get(name)
        yield Change(section, CHANGED, Text(
            f"{where.nl}, {name}: {_show(was)} → {_show(now)}", f"{where.en}, {name}: {_show(was, 'en')} → {_show(now, 'en')}"
        ))


def _flat(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A nested table field by field: ``{"niveau": {"besluit": "raadplegen"}}`` -> ``{"niveau.besluit": ...}``."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict) and value:
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


class _Key(NamedTuple):
    """An item of a list by what it is: its key (an id, a name), the how-manieth with that key it
    is in the new draft (or, dropped, in the old one)."""

    key: Any
    n: int
    dropped: bool = False


def _matched(old_items: Sequence[Any], new_items: Sequence[Any], key: Any) -> tuple[dict[_Key, Any], dict[_Key, Any]]:
    """The items of two drafts by :class:`_Key`, an item of the old draft under the key of the new
    item it matches. Items with one key (two actions named alike) are matched to an equal one
    first, then in order: swapping or inserting them is no change to the others."""
    olds: dict[Any, list[Any]] = {}
    news: dict[Any, list[Any]] = {}
    for items, groups in ((old_items, olds), (new_items, news)):
        for item in items:
            groups.setdefault(key(item), []).append(item)
    a: dict[_Key, Any] = {}
    b: dict[_Key, Any] = {}
    for k in [*news, *(k for k in olds if k not in news)]:  # in the drafts' order
        before, group = olds.get(k, []), news.get(k, [])
        for n, item in enumerate(group):
            b[_Key(k, n)] = item
        pairs: dict[int, int] = {}  # new n -> old i
        if len(before) == 1 and len(group) == 1:  # nearly always: one each
            pairs[0] = 0
        elif before and group:
            alike: dict[str, list[int]] = {}
            for i, item in enumerate(before):
                alike.setdefault(item.model_dump_json(), []).append(i)
            for n, item in enumerate(group):
                same = alike.get(item.model_dump_json())
                if same:
                    pairs[n] = same.pop(0)
            taken = set(pairs.values())
            rest = [n for n in range(len(group)) if n not in pairs]
            pairs.update(zip(rest, [i for i in range(len(before)) if i not in taken]))  # then in order
        for n, i in pairs.items():
            a[_Key(k, n)] = before[i]
        for i in sorted(set(range(len(before))) - set(pairs.values())):
            a[_Key(k, i, True)] = before[i]
    return a, b


def _q(key: _Key) -> str:
    """``'Buurtfeest'``, and for the second with that name ``'Buurtfeest' (nr. 2)``."""
    return f"'{key.key}'" + (f" (nr. {key.n + 1})" if key.n else "")


def _parties(old: Agreement, new: Agreement) -> Iterator[Change]:
    a, b = _matched(old.partij, new.partij, lambda p: p.id)
    for pid in sorted(b.keys() - a.keys()):
        p = b[pid]
        signs = "" if p.ondertekent else " (tekent niet / does not sign)"
        yield Change("partijen", ADDED, Text(f"partij '{p.naam}' ({p.soort}) toegevoegd{signs}", f"party '{p.naam}' ({p.soort}) added{signs}"))
    for pid in sorted(a.keys() - b.keys()):
        p = a[pid]
        yield Change("partijen", REMOVED, Text(f"partij '{p.naam}' ({p.soort}) teruggetrokken", f"party '{p.naam}' ({p.soort}) withdrawn"))
    for pid in sorted(a.keys() & b.keys()):
        p, q = a[pid], b[pid]
        if p.ondertekent != q.ondertekent:
            nl = "ondertekent nu" if q.ondertekent else "ondertekent niet meer"
            en = "now signs" if q.ondertekent else "no longer signs"
            yield Change("partijen", CHANGED, Text(f"partij '{q.naam}' {nl}", f"party '{q.naam}' {en}"))
        if p.professionals != q.professionals:
            yield Change("partijen", CHANGED, Text(
                f"partij '{q.naam}': professionals {p.professionals} → {q.professionals}",
                f"party '{q.naam}': professionals {p.professionals} → {q.professionals}",
            ))
        yield from _fields("partijen", Text(f"partij '{q.naam}'", f"party '{q.naam}'"), p, q, skip=("ondertekent", "professionals"))


def _party_name(agreement: Agreement, pid: Optional[str]) -> str:
    if pid is None:
        return "-"
    party = agreement.partij_by_id(pid)
    return party.naam if party else pid


def _name(agreement: Agreement, ident: str) -> str:
    """A party's or body's name, as the meeting knows it."""
    found = agreement.partij_by_id(ident) or agreement.orgaan_by_id(ident)
    return found.naam if found else ident


def _votes(body: Orgaan) -> Counter[str]:
    """Votes per party id: a party renamed (the same id) keeps its votes."""
    votes: Counter[str] = Counter()
    for lid in body.lid:
        votes[lid.partij] += lid.stemmen
    return votes


def _residents(agreement: Agreement, body: Orgaan) -> int:
    """Seats held for a residents' party."""
    return sum(1 for lid in body.lid if (p := agreement.partij_by_id(lid.partij)) is not None and p.soort == "bewoners")


def _bodies(old: Agreement, new: Agreement) -> Iterator[Change]:
    a, b = _matched(old.orgaan, new.orgaan, lambda o: o.id)
    for oid in sorted(b.keys() - a.keys()):
        o = b[oid]
        yield Change("organen", ADDED, Text(f"orgaan '{o.naam}' toegevoegd ({len(o.lid)} leden)", f"body '{o.naam}' added ({len(o.lid)} members)"))
    for oid in sorted(a.keys() - b.keys()):
        yield Change("organen", REMOVED, Text(f"orgaan '{a[oid].naam}' opgeheven", f"body '{a[oid].naam}' removed"))
    for oid in sorted(a.keys() & b.keys()):
        p, q = a[oid], b[oid]
        where = Text(f"orgaan '{q.naam}'", f"body '{q.naam}'")
        yield from _members(old, new, p, q, where)
        was, now = _votes(p), _votes(q)
        for party in sorted(was.keys() | now.keys()):
            if was[party] != now[party]:
                name = _party_name(new if party in now else old, party)  # by its name in the draft that has it
                verb = ("krijgt meer stemmen", "gains votes") if now[party] > was[party] else ("verliest stemmen", "loses votes")
                yield Change("organen", CHANGED, Text(
                    f"{where.nl}: '{name}' {verb[0]}: {was[party]} → {now[party]}",
                    f"{where.en}: '{name}' {verb[1]}: {was[party]} → {now[party]}",
                ))
        r0, r1 = _residents(old, p), _residents(new, q)
        if r0 != r1:
            yield Change("organen", CHANGED, Text(f"{where.nl}: zetels voor bewoners {r0} → {r1}", f"{where.en}: residents' seats {r0} → {r1}"))
        if not _same(p.mandaat, q.mandaat):
            gave = [_party_name(new, x) for x in q.mandaat if x not in p.mandaat]
            took = [_party_name(old, x) for x in p.mandaat if x not in q.mandaat]
            for name in gave:
                yield Change("bestuur", ADDED, Text(f"{where.nl}: mandaat van '{name}' erbij", f"{where.en}: mandate from '{name}' added"))
            for name in took:
                yield Change("bestuur", REMOVED, Text(f"{where.nl}: mandaat van '{name}' vervallen", f"{where.en}: mandate from '{name}' withdrawn"))
        yield from _fields("organen", where, p, q, skip=("lid", "mandaat"))


def _members(old: Agreement, new: Agreement, p: Orgaan, q: Orgaan, where: Text) -> Iterator[Change]:
    a, b = _matched(p.lid, q.lid, lambda m: m.naam)
    for name in sorted(b.keys() - a.keys()):
        party = _party_name(new, b[name].partij)
        yield Change("organen", ADDED, Text(f"{where.nl}: zetel voor {_q(name)} namens '{party}'", f"{where.en}: seat for {_q(name)} for '{party}'"))
    for name in sorted(a.keys() - b.keys()):
        party = _party_name(old, a[name].partij)
        yield Change("organen", REMOVED, Text(f"{where.nl}: zetel van {_q(name)} namens '{party}' vervallen", f"{where.en}: seat of {_q(name)} for '{party}' removed"))
    for name in sorted(a.keys() & b.keys()):
        if a[name].partij != b[name].partij:
            was, now = _party_name(old, a[name].partij), _party_name(new, b[name].partij)
            yield Change("organen", CHANGED, Text(
                f"{where.nl}: zetel van {_q(name)} gaat van '{was}' naar '{now}'", f"{where.en}: the seat of {_q(name)} moves from '{was}' to '{now}'"
            ))
        if a[name].rol != b[name].rol:
            yield Change("organen", CHANGED, Text(
                f"{where.nl}: rol van {_q(name)}: {_show(a[name].rol)} → {_show(b[name].rol)}",
                f"{where.en}: role of {_q(name)}: {_show(a[name].rol)} → {_show(b[name].rol)}",
            ))


def _governance(old: Agreement, new: Agreement) -> Iterator[Change]:
    a, b = old.afspraak, new.afspraak
    for name, nl, en in (("ingangsdatum", "ingangsdatum", "start date"), ("einddatum", "einddatum", "end date")):
        if getattr(a, name) != getattr(b, name):
            was, now = _show(getattr(a, name)), _show(getattr(b, name))
            yield Change("bestuur", CHANGED, Text(f"looptijd, {nl}: {was} → {now}", f"term, {en}: {was} → {now}"))
    # a point of contact by the body or party behind it, not by position: swapping two is no change,
    # a new name is a change of it
    who = lambda c: c.orgaan or c.partij or c.naam  # noqa: E731
    contacts_a, contacts_b = _matched(old.aanspreekpunt, new.aanspreekpunt, who)
    for k in sorted(contacts_a.keys() | contacts_b.keys()):
        p, q = contacts_a.get(k), contacts_b.get(k)
        named = _q(k._replace(key=q.naam if q is not None else p.naam if p is not None else k.key))
        yield from _fields("bestuur", Text(f"aanspreekpunt {named}", f"point of contact {named}"), p, q)
    key = lambda o: tuple(sorted(o.tussen))  # noqa: E731 - a meeting is known by who meets
    ma, mb = _matched(old.overleg, new.overleg, key)
    for k in sorted(ma.keys() | mb.keys()):
        names = " + ".join(_name(new if k in mb else old, x) for x in k.key) + (f" (nr. {k.n + 1})" if k.n else "")
        yield from _fields("bestuur", Text(f"overleg {names}", f"meeting {names}"), ma.get(k), mb.get(k), skip=("tussen",))
    yield from _fields("bestuur", Text("escalatie", "escalation"), old.escalatie, new.escalatie)


def _actions(old: Agreement, new: Agreement) -> Iterator[Change]:
    a, b = _matched(old.actie, new.actie, lambda x: x.wat)
    for wat in sorted(b.keys() - a.keys()):
        x = b[wat]
        yield Change("acties", ADDED, Text(
            f"actie {_q(wat)} (wie: {_party_name(new, x.wie)}, wanneer: {_show(x.wanneer)})", f"action {_q(wat)} (who: {_party_name(new, x.wie)}, when: {_show(x.wanneer)})"
        ))
    for wat in sorted(a.keys() - b.keys()):
        yield Change("acties", REMOVED, Text(f"actie {_q(wat)} geschrapt", f"action {_q(wat)} dropped"))
    for wat in sorted(a.keys() & b.keys()):
        p, q = a[wat], b[wat]
        if p.wie != q.wie:
            was, now = _party_name(old, p.wie), _party_name(new, q.wie)
            yield Change("acties", CHANGED, Text(f"actie {_q(wat)}: nieuwe eigenaar {was} → {now}", f"action {_q(wat)}: new owner {was} → {now}"))
        if p.wanneer != q.wanneer:
            yield Change("acties", CHANGED, Text(f"actie {_q(wat)}: nieuwe datum {_show(p.wanneer)} → {_show(q.wanneer)}", f"action {_q(wat)}: new date {_show(p.wanneer)} → {_show(q.wanneer)}"))
        yield from _fields("acties", Text(f"actie {_q(wat)}", f"action {_q(wat)}"), p, q, skip=("wie", "wanneer"))


def _participation(old: Agreement, new: Agreement) -> Iterator[Change]:
    # Every field of [besluitvorming] (the phases, ownership, and the participation rungs where the
    # model has them) and of [bewoners], compared generically so that new fields are covered too.
    yield from _fields("participatie", Text("besluitvorming", "decision-making"), old.besluitvorming, new.besluitvorming)
    yield from _fields("participatie", Text("bewoners", "residents"), old.bewoners, new.bewoners)


def _waivers(old: Agreement, new: Agreement) -> Iterator[Change]:
    a, b = _matched(old.uitzondering, new.uitzondering, lambda w: w.regel)
    for regel in sorted(b.keys() - a.keys()):
        w = b[regel]
        until = f" tot {w.tot}" if w.tot else ""
        yield Change("uitzonderingen", ADDED, Text(f"uitzondering voor {_q(regel)}{until}: {w.toelichting}", f"waiver for {_q(regel)}{until.replace('tot', 'until')}: {w.toelichting}"))
    for regel in sorted(a.keys() - b.keys()):
        yield Change("uitzonderingen", REMOVED, Text(f"uitzondering voor {_q(regel)} ingetrokken", f"waiver for {_q(regel)} withdrawn"))
    for regel in sorted(a.keys() & b.keys()):
        yield from _fields("uitzonderingen", Text(f"uitzondering voor {_q(regel)}", f"waiver for {_q(regel)}"), a[regel], b[regel], skip=("regel",))


def _other(old: Agreement, new: Agreement) -> Iterator[Change]:
    yield from _fields("overig", Text("afspraak", "agreement"), old.afspraak, new.afspraak, skip=("ingangsdatum", "einddatum"))
    for name in ("communicatie", "maatwerk", "verantwoording", "continuiteit"):
        yield from _fields("overig", Text(name, name), getattr(old, name), getattr(new, name))
    if old.extensies != new.extensies:
        yield Change("overig", CHANGED, Text("[extensies] gewijzigd", "[extensies] changed"))


def changes(old: Agreement, new: Agreement) -> list[Change]:
    """Every difference in the terms of the agreement, grouped by section (in SECTIONS order)."""
    found = [*_parties(old, new), *_bodies(old, new), *_governance(old, new), *_actions(old, new), *_participation(old, new), *_waivers(old, new), *_other(old, new)]
    order = list(SECTIONS)
    return sorted(found, key=lambda c: order.index(c.section))  # stable: within a section as found


def _keyed(findings: Iterable[Finding], data: Optional[dict[str, Any]]) -> dict[tuple[str, str, int], Finding]:
    """Each counted finding by (rule, place by identity, n-th of that pair): never by line number."""
    seen: Counter[tuple[str, str]] = Counter()
    out = {}
    for f in findings:
        pair = (f.rule, identity(data, f.location.key))
        out[(pair[0], pair[1], seen[pair])] = f
        seen[pair] += 1
    return out


def compare(
    old: FileResult, new: FileResult, old_agreement: Agreement, new_agreement: Agreement,
    old_data: Optional[dict[str, Any]] = None, new_data: Optional[dict[str, Any]] = None,
) -> Comparison:
    before = _keyed((f for f in old.findings if f.counts), old_data)
    after = _keyed((f for f in new.findings if f.counts), new_data)
    # A finding about a whole list points at one of its items (the first action, the second point
    # of contact): reordered, that is another item, yet the finding is the same. Left over on both
    # sides with the same rule and the same words (in any order), it is still open, not new and resolved.
    gone: dict[tuple[str, tuple[str, ...]], list[tuple[str, str, int]]] = {}
    for k, f in before.items():
        if k not in after:
            gone.setdefault(_worded(f), []).append(k)
    moved: set[tuple[str, str, int]] = set()
    for k, f in after.items():
        if k not in before and gone.get(_worded(f)):
            gone[_worded(f)].pop(0)
            moved.add(k)
    resolved = {k for keys in gone.values() for k in keys}
    return Comparison(
        old, new, tuple(changes(old_agreement, new_agreement)),
        new_findings=tuple(f for k, f in after.items() if k not in before and k not in moved),
        resolved=tuple(f for k, f in before.items() if k in resolved),
        still_open=tuple(f for k, f in after.items() if k in before or k in moved),
    )


def _worded(f: Finding) -> tuple[str, tuple[str, ...]]:
    """A finding by its rule and the items of the lists in its message, in any order: "(A en B)"
    is "(B en A)", but "Gemeente: 2; Trudo: 1" is not "Gemeente: 1; Trudo: 2", nor "'A' (1 mei)
    en 'B' (1 juni)" "'A' (1 juni) en 'B' (1 mei)": an item keeps what it says of a name."""
    parts: list[str] = []
    for part in _LIST.split(f.message("nl")):
        opened = part.rfind(" (")
        if opened >= 0 and ")" not in part[opened:]:  # "aanspreekpunten (A": the list starts inside
            parts += [part[:opened], part[opened + 2 :]]
        else:
            parts.append(part[:-1] if part.endswith(")") and "(" not in part else part)  # "B)": the list ends
    return f.rule, tuple(sorted(p for p in parts if p))


_LIST = re.compile(r"\s*(?:[,;]|\sen\s)\s*")  # what separates the items of a list in a message
