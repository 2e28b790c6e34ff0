"""Load an agreement: text -> TOML -> model, every problem located (reading the bytes
is :mod:`afspraken.reading.source`).

The fast path is ``tomli`` plus pydantic. Positions are computed (by
:class:`afspraken.reading.locating.Locator`) only when something has to be reported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, Optional, TypeVar, Union, cast

import tomli
from pydantic import BaseModel, ValidationError

from afspraken.reading.files import Limits
from afspraken.reading.source import Source, as_written
from afspraken.reading.messages import describe, show, suggest
from afspraken.model import MAX_AANTAL, Agreement
from afspraken.results import Location, Problem, dotted
from afspraken.rules import KeyPath, Text

if TYPE_CHECKING:
    from afspraken.reading.budget import Budget

M = TypeVar("M", bound=BaseModel)

_TOML_NL = [
    (r"Invalid value", "ongeldige waarde (staat tekst tussen aanhalingstekens?)"),
    (r"Expected '=' after a key in a key/value pair", "'=' verwacht na de sleutel"),
    (r"Cannot overwrite a value", "deze sleutel heeft al een waarde"),
    (r"Cannot declare (.*) twice", r"tabel \1 staat twee keer in het bestand"),
    (r"Unclosed array", "lijst niet afgesloten met ']'"),
    (r"Unclosed inline table", "tabel niet afgesloten met '}'"),
    (r"Unterminated string", "tekst niet afgesloten met een aanhalingsteken"),
    (r"Illegal character (.*)", r"ongeldig teken \1"),
    (r"Invalid date or datetime", "ongeldige datum"),
    (r"Invalid initial character for a key part", "ongeldig teken aan het begin van een sleutel"),
    (r"Expected newline or end of document after a statement", "nieuwe regel verwacht na de waarde"),
    (r"Invalid statement", "ongeldige regel"),
    (r"Expected ']' at the end of a table declaration", "']' verwacht aan het eind van de tabelkop"),
    (r"Expected ']]' at the end of an array declaration", "']]' verwacht aan het eind van de tabelkop"),
    (r"Duplicate inline table key (.*)", r"sleutel \1 staat twee keer in de tabel"),
    (r"Found invalid character (.*)", r"ongeldig teken \1"),
]


_KEY_AT_START = re.compile(r"\s*([A-Za-z0-9_.-]+|\"[^\"]*\")\s*=")
_DATE_VALUE = re.compile(r"=\s*\d{4}-\d{1,2}-\d{1,2}")


def _toml_message(msg: str, text: str = "", line: int = 0) -> tuple[Text, Optional[int]]:
    """tomli's message in plain words, made concrete with the line it is about;
    and a better column (the key or value at fault) where there is one."""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    key = _KEY_AT_START.match(here)
    if msg == "Cannot overwrite a value" and key:
        name = key.group(1).strip('"')
        before = [i for i, l in enumerate(lines[: line - 1], 1) if (m := _KEY_AT_START.match(l)) and m.group(1).strip('"') == name]
        also = Text(f" (ook op regel {before[-1]})", f" (also on line {before[-1]})") if before else Text("", "")
        return Text(
            f"TOML-fout: sleutel '{name}' staat twee keer in deze tabel{also.nl}",
            f"TOML error: key '{name}' appears twice in this table{also.en}",
        ), key.start(1) + 1
    date = _DATE_VALUE.search(here)
    if msg in ("Expected newline or end of document after a statement", "Invalid date or datetime") and date:
        return Text(
            "TOML-fout: ongeldige datum; schrijf een bestaande datum als JJJJ-MM-DD, zoals 2025-01-31",
            "TOML error: invalid date; write an existing date as YYYY-MM-DD, like 2025-01-31",
        ), len(here) - len(here[date.start() + 1 :].lstrip()) + 1
    if msg == "Illegal character '\\n'" or (msg.startswith("Illegal character") and here.count('"') % 2):
        return Text(
            "TOML-fout: tekst niet afgesloten: het aanhalingsteken aan het eind ontbreekt",
            "TOML error: text not closed: the quote at the end is missing",
        ), None
    for pattern, nl in _TOML_NL:
        if re.fullmatch(pattern, msg):
            return Text(f"TOML-fout: {re.sub(pattern, nl, msg)}", f"TOML error: {msg}"), None
    return Text(f"TOML-fout: {msg}", f"TOML error: {msg}"), None


def parse(source: Source) -> Union[dict[str, Any], Problem]:
    try:
        return tomli.loads(source.text)
    except RecursionError:  # tomli refuses inline arrays/tables nested over ~400 deep
        from afspraken.reading.structure import scan

        deep = scan(source.name, source.text, Limits(diepte=300), quick=False)
        message = Text("TOML-fout: lijsten of tabellen zijn te diep in elkaar genest", "TOML error: lists or tables are nested too deeply")
        return Problem(deep.location if deep else Location(source.name, 1, 1), message, "toml")
    except tomli.TOMLDecodeError as exc:
        line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        message, better = _toml_message(getattr(exc, "msg", str(exc)), source.text, line)
        return Problem(Location(source.name, line, better or column), message, "toml")
    except ValueError:  # a whole number of more than 4,300 digits: Python refuses to convert it
        return _huge_number(source)


_HUGE = re.compile(r"[+-]?[0-9][0-9_]{4300,}")


def _huge_number(source: Source) -> Problem:
    """Name the key whose number is too long to read (the first such value, not one in a string)."""
    locator = source.locator
    for m in _HUGE.finditer(source.text):
        path = locator.value_at(m.start())
        if path is None:
            continue
        start, end = locator.position(m.start()), locator.position(m.end())
        key, digits = dotted(path), sum(c.isdigit() for c in m.group())
        message = Text(
            f"'{key}' is een getal van {digits} cijfers: veel te groot (een getal in een afspraak is hoogstens {MAX_AANTAL:,})".replace(",", "."),
            f"'{key}' is a number of {digits} digits: far too large (a number in an agreement is at most {MAX_AANTAL:,})",
        )
        return Problem(Location(source.name, start.line, start.column, key, end.line, end.column), message, "waarde")
    message = Text("een getal in dit bestand is te groot om te lezen (meer dan 4.300 cijfers)", "a number in this file is too large to read (over 4,300 digits)")
    return Problem(Location(source.name, 1, 1), message, "waarde")


class Loaded(NamedTuple):
    source: Source
    agreement: Agreement


def load(
    source: Source,
    *,
    extensions: Mapping[str, type[BaseModel]] = {},
    known_rules: Optional[Collection[str]] = None,
    limits: Limits = Limits(),
) -> Union[Loaded, list[Problem]]:
    """Parse and validate one agreement; all problems at once, sorted by place."""
    from afspraken.reading.structure import scan

    over = scan(source.name, source.text, limits)
    if over is not None:
        return [over]
    data = parse(source)
    if isinstance(data, Problem):
        return [data]
    source.data = data
    formaat = data.get("formaat", 1)
    problems: list[Problem] = []
    if type(formaat) is int and formaat != 1:  # another format: its keys may mean other things
        message = Text(f"formaat {show(formaat)} wordt niet ondersteund (alleen formaat = 1)", f"unsupported format {show(formaat)} (only formaat = 1)")
        return [source.problem(("formaat",), message, "formaat", value=True)]
    if type(formaat) is not int:
        shown = show(formaat)
        message = Text(f"'formaat' moet het getal 1 zijn, niet {shown}", f"'formaat' must be the number 1, not {shown}")
        problems.append(source.problem(("formaat",), message, "formaat", value=True))
        data = {k: v for k, v in data.items() if k != "formaat"}  # checked here; the rest as usual
    agreement: Optional[Agreement] = None
    hidden = 0  # problems past MAX_PROBLEMS: counted, not located
    budget = _budget(source, MAX_PROBLEMS)  # a big file: stop collecting errors past the cap
    uncounted = False  # validation stopped at the budget: "at least", not an exact count
    try:
        agreement = _validate(Agreement, data, budget)
    except ValidationError as exc:
        problems.extend(_validation_problems(source, exc, data, Agreement))
        hidden += max(0, exc.error_count() - MAX_PROBLEMS)
        uncounted = budget is not None and budget.over
    if agreement is not None and budget is not None and _has_problems(source, data, known_rules):
        agreement = None  # not kept while the problems are located: a big file's model is ~10x its size
    hidden += _add_counted(problems, _cross_problems(cast(Source, _Capped(source, MAX_PROBLEMS + 1 - len(problems))), data))
    extension_values = {}
    for name, model in extensions.items():
        section = data.get("extensies", {}).get(name) if isinstance(data.get("extensies"), dict) else None
        if section is None:
            continue
        if budget is not None and len(problems) >= MAX_PROBLEMS:
            uncounted = True  # a big file with no room for more errors: not checked further (the last problem says so)
            break
        room = _budget(source, MAX_PROBLEMS - len(problems))
        try:
            extension_values[name] = _validate(model, section, room)
        except ValidationError as exc:
            problems.extend(_validation_problems(source, exc, data, model, prefix=("extensies", name)))
            hidden += max(0, exc.error_count() - MAX_PROBLEMS)
            uncounted = uncounted or (room is not None and room.over)
        except Exception as exc:  # noqa: BLE001 - a plugin's validator that crashed, not a user error
            error = f"{type(exc).__name__}: {exc}"
            message = Text(
                f"[extensies.{name}] kon niet worden gecontroleerd: het model van de plugin faalde ({error})",
                f"[extensies.{name}] could not be checked: the plugin's model failed ({error})",
            )
            problems.append(source.problem(("extensies", name), message, "plugin"))
    hidden += _add_counted(problems, _waiver_problems(cast(Source, _Capped(source, MAX_PROBLEMS + 1 - len(problems))), data, known_rules))
    if problems or agreement is None:
        ordered = sorted(set(problems), key=lambda p: (p.location.line, p.location.column, p.code, p.message.nl))
        return _at_most(ordered, hidden, uncounted)
    agreement._extensions.update(extension_values)
    return Loaded(source, agreement)


def validation_problems(source: Source, exc: ValidationError, model: type[BaseModel], prefix: KeyPath = ()) -> list[Problem]:
    """Located problems for a pydantic error in any TOML file (agreement, config, rule set)."""
    return list(_validation_problems(source, exc, None, model, prefix))


MAX_PROBLEMS = 200  # per file: past this, more messages help nobody, and each costs time and memory
BIG = 16 * 1024  # characters: a file this big is validated with a budget of errors (reading/budget.py)


def _budget(source: Source, errors: int) -> Optional[Budget]:
    if len(source.text) <= BIG:
        return None
    from afspraken.reading.budget import Budget

    return Budget(max(errors, 1))


def _validate(model: type[M], data: Any, budget: Optional[Budget]) -> M:
    if budget is None:
        return model.model_validate(data)
    from afspraken.reading.budget import validate

    return validate(model, data, budget)


class _Capped:
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


def _has_problems(source: Source, data: dict[str, Any], known: Optional[Collection[str]]) -> bool:
    unplaced = cast(Source, _Capped(source, 0))
    return next(_cross_problems(unplaced, data), None) is not None or next(_waiver_problems(unplaced, data, known), None) is not None


def _add_counted(problems: list[Problem], found: Iterator[Problem]) -> int:
    """Add the placed problems of one check (see :class:`_Capped`); how many more it found."""
    rest = 0
    for problem in found:
        if problem.location.line:
            problems.append(problem)
        else:
            rest += 1
    return rest


def _at_most(problems: list[Problem], hidden: int, uncounted: bool = False) -> list[Problem]:
    """The first :data:`MAX_PROBLEMS` problems, and one more that counts the rest (or, when
    validation stopped at the budget, says there are more)."""
    hidden += max(0, len(problems) - MAX_PROBLEMS)
    if not hidden and not uncounted:
        return problems
    shown = problems[:MAX_PROBLEMS]
    last = shown[-1].location
    if uncounted:
        least = Text(f" (minstens {hidden})", f" (at least {hidden})") if hidden else Text("", "")
        more = Text(
            f"en nog meer problemen{least.nl}, niet alle geteld: na deze {len(shown)} is het bestand niet verder gecontroleerd; herstel eerst deze",
            f"and more problems{least.en}, not all counted: the file was not checked past these {len(shown)}; fix these first",
        )
    else:
        more = Text(
            f"en nog {hidden} problemen, niet getoond; herstel eerst deze {len(shown)}",
            f"and {hidden} more problems, not shown; fix these {len(shown)} first",
        )
    return [*shown, Problem(Location(last.file, last.line, last.column), more, "meer", max(hidden, 1))]


def _validation_problems(
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
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return []
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)]


def _cross_problems(source: Source, data: dict[str, Any]) -> Iterator[Problem]:
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
    everything = {**organen, **partijen}
    counted = Problem(Location(source.name, 0, 0), Text("", ""), "verwijzing")  # one for all not shown

    def unknown(path: KeyPath, value: str, allowed: Mapping[str, KeyPath], what: Text) -> Problem:
        if isinstance(source, _Capped) and source.full:  # counted only: no hint to look for among every id
            return counted
        hint = suggest(value, allowed)
        known = ", ".join(allowed) or "-"
        return source.problem(
            path,
            Text(f"'{value}' is geen {what.nl} (bekend: {known}){hint.nl}", f"'{value}' is not a known {what.en} (known: {known}){hint.en}"),
            "verwijzing",
            value=True,
        )

    # A reference is a string that must be a known id; the test is inline, as most are fine.
    partij_t, orgaan_t = Text("bekende partij", "party"), Text("bekend orgaan", "body")
    any_t = Text("bekende partij of bekend orgaan", "party or body")
    for i, org in _table_list(data, "orgaan"):
        for j, lid in _table_list(org, "lid"):
            value = lid.get("partij")
            if type(value) is str and value not in partijen:
                yield unknown(("orgaan", i, "lid", j, "partij"), value, partijen, partij_t)
        mandaat = org.get("mandaat")
        for j, value in enumerate(mandaat if isinstance(mandaat, list) else []):
            if type(value) is str and value not in partijen:
                yield unknown(("orgaan", i, "mandaat", j), value, partijen, partij_t)
    for i, item in _table_list(data, "aanspreekpunt"):
        base = as_written(("aanspreekpunt", i), data)
        for key, allowed, what in (("orgaan", organen, orgaan_t), ("partij", partijen, partij_t)):
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
            if type(value) is str and value not in everything:
                yield unknown(("overleg", i, "tussen", j), value, everything, any_t)
    for i, item in _table_list(data, "actie"):
        value = item.get("wie")
        if type(value) is str and value not in everything:
            yield unknown(("actie", i, "wie"), value, everything, any_t)
    verantwoording = data.get("verantwoording")
    aan = verantwoording.get("aan") if isinstance(verantwoording, dict) else None
    for j, value in enumerate(aan if isinstance(aan, list) else []):
        if type(value) is str and value not in everything:
            yield unknown(("verantwoording", "aan", j), value, everything, any_t)
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


def _waiver_problems(source: Source, data: dict[str, Any], known: Optional[Collection[str]]) -> Iterator[Problem]:
    from afspraken.checking.waivers import MIN_TEKENS, MIN_WOORDEN, explains, remainder
    from afspraken.wording import visible

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
            hint = suggest(regel, known)
            yield source.problem(
                ("uitzondering", i, "regel"),
                Text(f"uitzondering voor onbekende regel '{regel}'{hint.nl}", f"waiver for unknown rule '{regel}'{hint.en}"),
                "verwijzing",
                value=True,
            )
