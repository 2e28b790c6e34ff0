"""Load an agreement: text -> TOML -> model, every problem located (reading the bytes
is :mod:`afspraken.reading.source`).

The fast path is ``tomli`` plus pydantic. Positions are computed (by
:class:`afspraken.reading.locating.Locator`) only when something has to be reported.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, Optional, TypeVar, Union

import tomli
from pydantic import BaseModel, ValidationError

from afspraken.reading import structure
from afspraken.reading.files import Limits, toml_lines
from afspraken.reading.source import Source
from afspraken.reading.messages import show
from afspraken.model import MAX_AANTAL, Agreement
from afspraken.results import Location, Problem, dotted
from afspraken.rules import Text
from afspraken.reading.validate import (
    MAX_PROBLEMS,
    add_counted,
    at_most,
    cross_problems,
    has_problems,
    model_problems,
    waiver_problems,
)

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
    (r"Escaped character is not a Unicode scalar value", r"ongeldige code na \\u of \\U in een tekst: dat teken bestaat niet"),
    (r"Invalid hex value", r"ongeldige code na \\x, \\u of \\U in een tekst: daar horen 2, 4 of 8 tekens 0-9 of A-F"),
    (r"Unescaped '\\' in a string", r"losse '\\' in een tekst: schrijf '\\\\' voor een backslash, of zet de tekst tussen enkele aanhalingstekens"),
    (r"Expected \"'''\"", "tekst niet afgesloten: de ''' aan het eind ontbreekt"),
    (r"Expected \"'\"", "tekst niet afgesloten: het aanhalingsteken ' aan het eind ontbreekt"),
    (r"Expected (.*)", r"\1 verwacht"),
    (r"Cannot mutate immutable namespace (.*)", r"tabel \1 staat al in zijn geheel tussen { } of als lijst en kan hier niet worden aangevuld"),
    (r"Cannot redefine namespace (.*)", r"tabel \1 heeft al een eigen kop; zet deze sleutel onder die kop"),
]
"""tomli's messages (every one of tomli 2.x: a test reads them from its source) in Dutch;
a name tomli gives as a Python tuple, ``('a', 'b')``, is shown as ``[a.b]``."""


_KEY_AT_START = re.compile(r"\s*([A-Za-z0-9_.-]+|\"[^\"]*\")\s*=")
_DATE_VALUE = re.compile(r"=\s*\d{4}-\d{1,2}-\d{1,2}")


def _tuple_name(text: str) -> str:
    """``('a', 'b.c')``, tomli's way to name a table, as TOML writes it: ``[a."b.c"]``."""
    import ast

    from afspraken.reading.messages import toml_key

    try:
        return "[" + ".".join(toml_key(str(part)) for part in ast.literal_eval(text)) + "]"
    except (ValueError, SyntaxError, TypeError):
        return text


def _toml_message(msg: str, text: str = "", line: int = 0) -> tuple[Text, Optional[int]]:
    """tomli's message in plain words, made concrete with the line it is about;
    and a better column (the key or value at fault) where there is one."""
    lines = toml_lines(text)
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
    declared = re.fullmatch(r"Cannot declare (\(.*\)) twice", msg)
    if declared:  # tomli names the table as a Python tuple: ('afspraak',)
        name = _tuple_name(declared.group(1))
        return Text(
            f"TOML-fout: tabel {name} staat twee keer in het bestand",
            f"TOML error: table {name} is declared twice",
        ), (here.find("[") + 1) or None
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
        found = re.fullmatch(pattern, msg)
        if found:
            named = msg
            if found.groups() and found.group(1).startswith("("):
                named = msg[: found.start(1)] + _tuple_name(found.group(1)) + msg[found.end(1) :]
            return Text(f"TOML-fout: {re.sub(pattern, nl, named)}", f"TOML error: {named}"), None
    return Text(f"TOML-fout: {msg}", f"TOML error: {msg}"), None


def parse(source: Source, limits: Optional[Limits] = None, whole: bool = True) -> Union[dict[str, Any], Problem]:
    """The parsed text, or the problem that stops it; ``whole``: see :func:`chunks.loads`."""
    from afspraken.reading import chunks

    try:
        return chunks.loads(source.text, whole)  # a big text in parts: Ctrl-C is answered between them
    except RecursionError:  # tomli refuses inline arrays/tables nested over ~400 deep
        from afspraken.reading.structure import scan

        over = scan(source.name, source.text, limits) if limits is not None else None
        if over is not None:  # past the configured limit ([limieten] diepte) too: that one is named
            return over
        deep = scan(source.name, source.text, Limits(diepte=300))
        message = Text("TOML-fout: lijsten of tabellen zijn te diep in elkaar genest", "TOML error: lists or tables are nested too deeply")
        return Problem(deep.location if deep else _dotted_deep(source), message, "toml")
    except tomli.TOMLDecodeError as exc:
        line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        message, better = _toml_message(getattr(exc, "msg", str(exc)), source.text, line)
        return Problem(Location(source.name, line, better or column), message, "toml")
    except ValueError:  # a whole number of more than 4,300 digits: Python refuses to convert it
        return _huge_number(source)


def _dotted_deep(source: Source) -> Location:
    """Where a key of hundreds of dotted parts (``a.a.a... = 1``, nesting the parser refuses too)
    passes 300 parts: the first line with that many dots and brackets."""
    for number, line in enumerate(source.text.split("\n"), 1):
        if line.count(".") + line.count("{") + line.count("[") >= 300:
            marks = [i for i, char in enumerate(line) if char in ".{["]
            return Location(source.name, number, marks[299] + 1)
    return Location(source.name, 1, 1)


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
    whole: bool = True,
) -> Union[Loaded, list[Problem]]:
    """Parse and validate one agreement; all problems at once, sorted by place. ``whole=False``:
    a text that is not parsed in parts raises :class:`afspraken.reading.chunks.NotInParts`."""
    # Limits: before parsing what the parser must not build; arrays and depth from the parsed data.
    over = structure.before_parsing(source.name, source.text, limits)
    if over is not None:
        return [over]
    data = parse(source, limits, whole)
    if isinstance(data, Problem):
        return [data]
    source.data = data
    # Arrays and depth (walking every file's data took ~0.1x the floor): now, or for a small file
    # only where the strict model leaves room for them (see _deferred).
    deferred = _deferred(source.text, limits)
    over = None if deferred else _over_limits(source, data, data, limits)
    if over is not None:
        return [over]
    formaat = data.get("formaat", 1)
    if deferred and (type(formaat) is not int or formaat != 1):  # reported before the model validates
        over = _over_limits(source, data, data, limits)
        if over is not None:
            return [over]
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
        over = _over_limits(source, data, data, limits) if deferred else None
        if over is not None:
            return [over]
        problems.extend(model_problems(source, exc, data, Agreement))
        hidden += max(0, exc.error_count() - MAX_PROBLEMS)
        uncounted = budget is not None and budget.over
    if agreement is not None and deferred and "extensies" in data:  # free-form: any depth
        over = _over_limits(source, data, {"extensies": data["extensies"]}, limits)
        if over is not None:
            return [over]
    if agreement is not None and budget is not None and has_problems(source, data, known_rules):
        agreement = None  # not kept while the problems are located: a big file's model is ~10x its size
    hidden += add_counted(problems, source, cross_problems, data)
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
            problems.extend(model_problems(source, exc, data, model, prefix=("extensies", name)))
            hidden += max(0, exc.error_count() - MAX_PROBLEMS)
            uncounted = uncounted or (room is not None and room.over)
        except Exception as exc:  # noqa: BLE001 - a plugin's validator that crashed, not a user error
            error = f"{type(exc).__name__}: {exc}"
            message = Text(
                f"[extensies.{name}] kon niet worden gecontroleerd: het model van de plugin faalde ({error})",
                f"[extensies.{name}] could not be checked: the plugin's model failed ({error})",
            )
            problems.append(source.problem(("extensies", name), message, "plugin"))
    hidden += add_counted(problems, source, waiver_problems, data, known_rules)
    if problems or agreement is None:
        ordered = sorted(set(problems), key=lambda p: (p.location.line, p.location.column, p.code, p.message.nl))
        return at_most(ordered, hidden, uncounted)
    agreement._extensions.update(extension_values)
    if budget is not None:  # a big file: its places from the index and the model, its data not kept
        source.settle(agreement)
    return Loaded(source, agreement)


MODEL_DEPTH = 8
"""More levels of containers than the strict model takes anywhere but in [extensies] (it takes 5:
the agreement, its orgaan array, an orgaan, its lid array, a lid), with room to grow."""


def _deferred(text: str, limits: Limits) -> bool:
    """Whether the limits on arrays and depth may wait until the model has validated, and then
    be read only in [extensies]: a small file, shorter than two characters an element of the
    longest array allowed, with a depth limit above what the model takes."""
    return len(text) <= BIG and len(text) <= 2 * limits.lijst and limits.diepte >= MODEL_DEPTH


def _over_limits(source: Source, data: Any, part: Any, limits: Limits) -> Optional[Problem]:
    """Where ``part`` of the data passes [limieten] lijst or diepte (located by the token loop,
    or as a long array), or ``None``: also when only tables from headers are deep, which is allowed."""
    if not structure.after_parsing(part, limits):
        return None
    over = structure.scan(source.name, source.text, limits)
    path = None if over is not None else structure.long_array(data, limits.lijst)
    return source.problem(path, structure.too_long(limits), "te-lang") if path is not None else over


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

