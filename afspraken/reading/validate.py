"""The problems of an agreement found beyond parsing, and how many are placed.

Pydantic's errors in words and places (also for configs and rule sets), the checks of the
raw data that the model cannot make on its own (unique ids, references to ids, dates,
waivers' explanations), and the cap: at most :data:`MAX_PROBLEMS` placed per file, the rest
counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any, Optional, cast

from pydantic import BaseModel, ValidationError

from afspraken.reading.messages import Suggestions, describe, listed
from afspraken.reading.source import Source, as_written
from afspraken.results import Location, Problem, count
from afspraken.rules import KeyPath, Text

def validation_problems(source: Source, exc: ValidationError, model: type[BaseModel], prefix: KeyPath = ()) -> list[Problem]:
    """Located problems for a pydantic error in any TOML file (agreement, config, rule set)."""
    return list(model_problems(source, exc, None, model, prefix))


MAX_PROBLEMS = 200  # per file: past this, more messages help nobody, and each costs time and memory



class Capped:
    """A :class:`Source` for the loader's own checks (ids, references, waivers): it places the
    first ``room`` problems and words the rest without a place. Those are counted, not shown,
    and placing them would cost the index of keys: a file of 50,000 tables with the same id
    has 50,000 such problems."""

    def __init__(self, source: Source, room: int) -> None:
        self.source, self.name, self.room = source, source.name, room

    @property
    def full(self) -> bool:
        """Only counting now: a check may leave out what only a shown message needs."""
        return self.room <= 0

    def at(self, path: KeyPath, *, value: bool = False) -> Location:
        return self.source.at(path, value=value) if self.room > 0 else Location(self.name, 0, 0)

    def problem(self, path: KeyPath, message: Text, code: str, *, value: bool = False) -> Problem:
        if self.room <= 0:
            return Problem(Location(self.name, 0, 0), message, code)
        self.room -= 1
        return self.source.problem(path, message, code, value=value)


def has_problems(source: Source, data: dict[str, Any], known: Optional[Collection[str]]) -> bool:
    unplaced = cast(Source, Capped(source, 0))
    return next(cross_problems(unplaced, data), None) is not None or next(waiver_problems(unplaced, data, known), None) is not None


def add_counted(problems: list[Problem], source: Source, check: Callable[..., Iterator[Problem]], *args: Any) -> int:
    """Run one of the checks below with the room left under the cap: its problems placed up to
    :data:`MAX_PROBLEMS` (plus one) in all and added, the rest only counted; returns that count."""
    rest = 0
    for problem in check(cast(Source, Capped(source, MAX_PROBLEMS + 1 - len(problems))), *args):
        if problem.location.line:
            problems.append(problem)
        else:
            rest += 1
    return rest


def at_most(problems: list[Problem], hidden: int, uncounted: bool = False) -> list[Problem]:
    """The first :data:`MAX_PROBLEMS` problems, and one more that counts the rest (or, when
    validation stopped at the budget, says there are more)."""
    hidden += max(0, len(problems) - MAX_PROBLEMS)
    if not hidden and not uncounted:
        return problems
    shown = problems[:MAX_PROBLEMS]
    last = shown[-1].location
    if uncounted:
        least = Text(f" (minstens {count(hidden, 'nl')})", f" (at least {count(hidden, 'en')})") if hidden else Text("", "")
        more = Text(
            f"en nog meer problemen{least.nl}, niet alle geteld: na deze {len(shown)} is het bestand niet verder gecontroleerd; herstel eerst deze",
            f"and more problems{least.en}, not all counted: the file was not checked past these {len(shown)}; fix these first",
        )
    else:
        more = Text(
            f"en nog {count(hidden, 'nl')} problemen, niet getoond; herstel eerst deze {len(shown)}",
            f"and {count(hidden, 'en')} more problems, not shown; fix these {len(shown)} first",
        )
    return [*shown, Problem(Location(last.file, last.line, last.column), more, "meer", max(hidden, 1))]


def model_problems(
    source: Source, exc: ValidationError, data: Optional[dict[str, Any]], model: type[BaseModel], prefix: KeyPath = ()
) -> Iterator[Problem]:
    for error in exc.errors(include_url=False)[:MAX_PROBLEMS]:
        loc = as_written(tuple(error["loc"]), data)
        path = prefix + loc
        message = describe(error, path, model, loc)
        kind = error["type"]
        yield source.problem(path, message, _CODES.get(kind, "type"), value=kind not in ("missing", "extra_forbidden"))


_CODES = {"missing": "ontbreekt", "extra_forbidden": "onbekende-sleutel", "literal_error": "waarde"}


def _table_list(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if value is None:  # most tables are absent from some files
        return []
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return []
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)]


_PARTIJ, _ORGAAN = Text("bekende partij", "party"), Text("bekend orgaan", "body")
_EITHER = Text("bekende partij of bekend orgaan", "party or body")


def cross_problems(source: Source, data: dict[str, Any]) -> Iterator[Problem]:
    """Unique ids, references to existing ids, and dates: over the raw data, so that
    they are reported together with schema errors."""
    partijen: dict[str, KeyPath] = {}
    organen: dict[str, KeyPath] = {}
    for table, ids in (("partij", partijen), ("orgaan", organen)):
        for i, item in _table_list(data, table):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            path = (table, i, "id")
            earlier = partijen.get(ident) or organen.get(ident)
            if earlier is not None:
                line = source.at(earlier, value=True).line
                yield source.problem(
                    path,
                    Text(f"id '{ident}' komt twee keer voor (ook op regel {line}); ids moeten uniek zijn", f"id '{ident}' is used twice (also on line {line}); ids must be unique"),
                    "dubbel-id",
                    value=True,
                )
            else:
                ids[ident] = path
    everything: dict[str, KeyPath] = {}  # bodies and parties, made when a reference to either is unknown
    hints: dict[Text, Suggestions] = {}  # per kind of id (parties, bodies, either), made once for every unknown id

    def unknown(path: KeyPath, value: str, allowed: Mapping[str, KeyPath], what: Text) -> Problem:
        if isinstance(source, Capped) and source.full:  # counted only: no hint to look for among every id
            return Problem(Location(source.name, 0, 0), Text("", ""), "verwijzing")
        if allowed is everything and not everything:
            everything.update(organen)
            everything.update(partijen)
        suggestions = hints.get(what)  # each kind names one set of ids
        if suggestions is None:
            suggestions = hints[what] = Suggestions(allowed)
        hint = suggestions(value)
        known = listed(list(allowed)) or "-"  # past 20, counted: a file of 30,000 parties made each message 300 KB
        return source.problem(
            path,
            Text(f"'{value}' is geen {what.nl} (bekend: {known}){hint.nl}", f"'{value}' is not a known {what.en} (known: {known}){hint.en}"),
            "verwijzing",
            value=True,
        )

    # A reference is a string that must be a known id; the test is inline, as most are fine.
    for i, org in _table_list(data, "orgaan"):
        for j, lid in _table_list(org, "lid"):
            value = lid.get("partij")
            if type(value) is str and value not in partijen:
                yield unknown(("orgaan", i, "lid", j, "partij"), value, partijen, _PARTIJ)
        mandaat = org.get("mandaat")
        for j, value in enumerate(mandaat if isinstance(mandaat, list) else []):
            if type(value) is str and value not in partijen:
                yield unknown(("orgaan", i, "mandaat", j), value, partijen, _PARTIJ)
    for i, item in _table_list(data, "aanspreekpunt"):
        base = as_written(("aanspreekpunt", i), data)
        for key, allowed, what in (("orgaan", organen, _ORGAAN), ("partij", partijen, _PARTIJ)):
            value = item.get(key)
            if type(value) is str and value not in allowed:
                yield unknown((*base, key), value, allowed, what)
        if "orgaan" in item and "partij" in item:
            yield source.problem(
                (*base, "partij"),
                Text("het aanspreekpunt noemt zowel een orgaan als een partij; kies er één", "the point of contact names both a body and a party; choose one"),
                "verwijzing",
            )
    for i, item in _table_list(data, "overleg"):
        tussen = item.get("tussen")
        for j, value in enumerate(tussen if isinstance(tussen, list) else []):
            if type(value) is str and value not in partijen and value not in organen:
                yield unknown(("overleg", i, "tussen", j), value, everything, _EITHER)
    for i, item in _table_list(data, "actie"):
        value = item.get("wie")
        if type(value) is str and value not in partijen and value not in organen:
            yield unknown(("actie", i, "wie"), value, everything, _EITHER)
    verantwoording = data.get("verantwoording")
    aan = verantwoording.get("aan") if isinstance(verantwoording, dict) else None
    for j, value in enumerate(aan if isinstance(aan, list) else []):
        if type(value) is str and value not in partijen and value not in organen:
            yield unknown(("verantwoording", "aan", j), value, everything, _EITHER)
    afspraak = data.get("afspraak")
    if isinstance(afspraak, dict):
        start, end = afspraak.get("ingangsdatum"), afspraak.get("einddatum")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and _is_date(start) and _is_date(end) and end <= start:
            yield source.problem(
                ("afspraak", "einddatum"),
                Text(f"einddatum {end} ligt niet na ingangsdatum {start}", f"einddatum {end} is not after ingangsdatum {start}"),
                "datum",
                value=True,
            )


def _is_date(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def waiver_problems(source: Source, data: dict[str, Any], known: Optional[Collection[str]]) -> Iterator[Problem]:
    from afspraken.wording import MIN_TEKENS, MIN_WOORDEN, explains, remainder, visible

    rules: Optional[Suggestions] = None  # made once, for the first waiver of an unknown rule

    for i, item in _table_list(data, "uitzondering"):
        why = item.get("toelichting")
        # Fewer than MIN_TEKENS visible characters is already reported by the model.
        if isinstance(why, str) and len(visible(why)) >= MIN_TEKENS and not explains(why):
            left = remainder(why)
            shown = f"'{left}'" if left else "niets"
            message = Text(
                f"de toelichting legt niet uit waarom: zonder standaardzinnen als 'n.v.t.' blijft {shown} over; "
                f"schrijf minstens {MIN_WOORDEN} woorden en {MIN_TEKENS} tekens uitleg",
                f"the toelichting does not explain why: without stock phrases such as 'n.v.t.' "
                f"{shown if left else 'nothing'} is left; write at least {MIN_WOORDEN} words and {MIN_TEKENS} characters",
            )
            yield source.problem(("uitzondering", i, "toelichting"), message, "toelichting", value=True)
        if known is None:
            continue
        regel = item.get("regel")
        if isinstance(regel, str) and regel and regel not in known:
            if rules is None:
                rules = Suggestions(known)
            hint = rules(regel)
            yield source.problem(
                ("uitzondering", i, "regel"),
                Text(f"uitzondering voor onbekende regel '{regel}'{hint.nl}", f"waiver for unknown rule '{regel}'{hint.en}"),
                "verwijzing",
                value=True,
            )
