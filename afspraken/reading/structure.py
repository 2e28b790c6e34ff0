"""Refuse arrays that are too long, nesting that is too deep and more tables than the file's
size warrants, located.

A parser builds every element of an array as an object, and the model then checks each;
a 10 MB line of small elements would take gigabytes, and so would a file of nothing but
``{}`` or ``[a1]`` lines. The token loop here counts elements, depth and tables on the text
itself (strings and comments skipped) and names the line where a limit
(:class:`afspraken.reading.files.Limits`, ``[limieten]`` in the config) is passed. Loading
runs it only when a quick test cannot rule a problem out: :func:`before_parsing` (tables) and
:func:`after_parsing` (arrays and depth, on the parsed data).
"""

from __future__ import annotations

import re
from typing import Any, Optional

from afspraken.reading.files import Limits
from afspraken.results import Location, Problem
from afspraken.rules import Text

_TOKEN = re.compile(
    r'"""[\s\S]*?"""(?!")|\'\'\'[\s\S]*?\'\'\'(?!\')|"[^"\\\n]*(?:\\.[^"\\\n]*)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{},]'
)
# A dot between parts of a key (a table each), or in a number (1.5) or a time: scan tells them
# apart by where a dot stands (before a digit: a key's dot only before the `=`).
_DOT = r"\.(?=[ \t]*[A-Za-z0-9_\-\"'])"
_DIGIT_DOT = re.compile(r"\.[ \t]*[0-9-]")
_TOKEN_OR_DOT = re.compile(f"{_TOKEN.pattern}|{_DOT}")
_LINE_BRACKET = re.compile(r"\n[ \t]*\[(\[?)")  # every header but one on the first line starts so; "[": a [[header]]
_DOTS = re.compile(_DOT)
_ELEMENT = re.compile(r"(?:[ \t\r\n]|#[^\n]*(?![^\n]))*([^ \t\r\n#])")  # what follows a comma: an element, if not ']'
_VALUE_BRACKET = re.compile(r"=[ \t]*[\[{]")  # a key whose value is a list or an inline table (and some in values or strings)
HEADER, DOT, INLINE = 8, 5, 2  # what a [[table]] header, a dot in a key and an inline table count as, against a list
# A key of a table whose value is a list or an inline table costs the parser ~800 bytes on top
# of the list (tomli marks it as closed, in a dict and two sets of its own): `k = []` lines
# took 70-110x their size. Keys inside a list or inline table do not. A [table] header is
# marked too (a [[header]] is not: its marks go at the next element): TABLE, measured (just under
# the limit, 2 MB of [a.b.tN] headers: 27x its size at 8, 20x at 12, 15x at 16).
VALUE, TABLE = 8, 12
_MOST = max(TABLE, INLINE + VALUE)  # the most that one character can count for


def _few_tables(text: str, limits: Limits) -> bool:
    """Whether ``text`` surely holds no more tables than allowed: an upper bound on the weighted
    count (brackets and dots in strings counted too), from a few quick counts."""
    allowed = limits.max_tables(len(text))
    if _MOST * len(text) <= allowed:  # every table takes a character at least
        return True
    bound = text.count("[") + INLINE * text.count("{") + VALUE * len(_VALUE_BRACKET.findall(text))
    if bound > allowed:
        return False
    heads = _LINE_BRACKET.findall(text)
    bound += HEADER * (len(heads) + 1) + (TABLE - HEADER) * (len(heads) - heads.count("[") + 1)
    return bound <= allowed and bound + DOT * len(_DOTS.findall(text)) <= allowed


def scan(name: str, text: str, limits: Limits) -> Optional[Problem]:
    """The first place where ``text`` passes a limit, or ``None``: the token loop (strings and
    comments skipped), on the text alone."""
    stack: list[list[int]] = []  # per open array or inline table: [commas, is_array, offset of the last comma]
    tables: dict[str, int] = {}  # [[name]] -> how many
    # VALUE counted in the current element of each [[name]]: the parser forgets those marks at
    # the next [[name]] (only the last element's are held at once), so they are taken back there.
    marks: dict[str, int] = {}
    section: Optional[str] = None  # the [[name]] of the section the statements are in (None: a [table] or the top)
    count, allowed = 0, limits.max_tables(len(text))  # tables and lists, weighted
    skip_to = -1
    for match in _TOKEN_OR_DOT.finditer(text):
        pos = match.start()
        if pos < skip_to:
            continue
        char = text[pos]
        if char in "\"'#":
            continue
        if char == ".":
            if _DIGIT_DOT.match(text, pos) and not _in_key(text, pos, stack):
                continue  # a number's or a time's
            count += DOT
            if count > allowed:
                return _too_many_tables(name, text, pos, limits)
            continue
        if char in "[{":
            if not stack and char == "[" and not text[text.rfind("\n", 0, pos) + 1 : pos].strip():
                skip_to = _line_end(text, pos)  # a table header, not a value
                count += HEADER if text.startswith("[[", pos) else TABLE
                # `[a.b.c.d]` may make a table of each part: past the second part (`[[orgaan.lid]]`
                # makes one element, counted as the header) each dot counts as in a key.
                count += DOT * max(0, text.count(".", pos, skip_to) - 1)
                if count > allowed:
                    return _too_many_tables(name, text, pos, limits)
                section = None
                if text.startswith("[[", pos):
                    header = text[pos + 2 : skip_to].split("]]")[0].strip()
                    count -= marks.pop(header, 0)  # (those of [[name.sub]] stay counted: more, never less)
                    section = header
                    tables[header] = tables.get(header, 0) + 1
                    for sub in [key for key in tables if key.startswith(header + ".")]:
                        del tables[sub]  # a new element: its [[header.sub]] arrays begin again
                    if tables[header] > limits.lijst:
                        return _too_many(name, text, pos, limits, f"[[{header}]]")
                continue
            count += 1 if char == "[" else INLINE
            if not stack:  # not nested: the value of a key
                count += VALUE
                if section is not None:
                    marks[section] = marks.get(section, 0) + VALUE
            if count > allowed:
                return _too_many_tables(name, text, pos, limits)
            stack.append([0, char == "[", pos])
            if len(stack) > limits.diepte:
                return _problem(
                    name, text, pos,
                    Text(
                        f"lijsten of tabellen zijn hier dieper dan {limits.diepte} in elkaar genest"
                        " (grens: [limieten] diepte in de instellingen)",
                        f"lists or tables are nested deeper than {limits.diepte} here (limit: [limieten] diepte in the settings)",
                    ),
                    "te-diep",
                )
        elif char in "]}":
            if stack:
                top = stack.pop()
                if top[1] and top[0] == limits.lijst:  # one element more than the limit, if one follows the last comma
                    after = _ELEMENT.match(text, top[2] + 1, pos)
                    if after is not None:
                        return _too_many(name, text, after.start(1), limits, "")
        elif stack:  # a comma
            top = stack[-1]
            top[0] += 1
            top[2] = pos
            if top[1] and top[0] > limits.lijst:  # more commas than the limit: surely more elements
                return _too_many(name, text, pos, limits, "")
    return None


def _in_key(text: str, pos: int, stack: list[list[int]]) -> bool:
    """Whether the dot at ``pos`` is in a key: before the `=` of its line, or in an inline table
    since its `{` or last comma (a quoted `=` before it is taken for the key's end)."""
    if not stack:
        return text.rfind("=", text.rfind("\n", 0, pos) + 1, pos) < 0
    top = stack[-1]
    return not top[1] and text.rfind("=", top[2], pos) < 0


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _too_many(name: str, text: str, pos: int, limits: Limits, what: str) -> Problem:
    return _problem(name, text, pos, too_long(limits, what), "te-lang")


def too_long(limits: Limits, what: str = "") -> Text:
    nl = f"de lijst {what} heeft" if what else "deze lijst heeft"
    en = f"the list {what} has" if what else "this list has"
    return Text(
        f"{nl} meer dan {limits.lijst} elementen (grens: [limieten] lijst in de instellingen)",
        f"{en} more than {limits.lijst} elements (limit: [limieten] lijst in the settings)",
    )


def _too_many_tables(name: str, text: str, pos: int, limits: Limits) -> Problem:
    allowed = f"{limits.max_tables(len(text)):,}"
    per_mb = f"{limits.tabellen:,}"
    return _problem(
        name, text, pos,
        Text(
            f"hier komt het bestand boven {allowed.replace(',', '.')} tabellen en lijsten, te veel voor zijn grootte"
            f" (grens: [limieten] tabellen = {per_mb.replace(',', '.')} per MB in de instellingen;"
            f" een lijst telt voor 1, een inline-tabel voor {INLINE}, een punt in een sleutel voor {DOT}, een kop [[a]] voor {HEADER},"
            f" een kop [a] voor {TABLE}, een sleutel met een lijst of inline-tabel als waarde nog eens {VALUE})",
            f"here the file passes {allowed} tables and lists, too many for its size"
            f" (limit: [limieten] tabellen = {per_mb} per MB in the settings;"
            f" a list counts 1, an inline table {INLINE}, a dot in a key {DOT}, a [[a]] header {HEADER},"
            f" an [a] header {TABLE}, a key whose value is a list or inline table {VALUE} more)",
        ),
        "te-veel",
    )


def _problem(name: str, text: str, pos: int, message: Text, code: str) -> Problem:
    line = text.count("\n", 0, pos) + 1
    column = pos - text.rfind("\n", 0, pos)
    return Problem(Location(name, line, column), message, code)


# How loading uses the scan: in two halves, so that a file never pays for the token loop
# unless it passes a limit. What the parser must not be given is refused before parsing (the
# quick counts); the length of arrays and the depth of nesting are read off the parsed data
# (containers only: cheaper than a regular expression over the text, and exact) and located by
# the token loop only when one is passed. The parser takes no more than ~400 levels (tomli
# raises RecursionError), and an array of scalars costs at most ~12 bytes per character of text.


def before_parsing(name: str, text: str, limits: Limits) -> Optional[Problem]:
    """The first place where ``text`` passes the limit on tables, or ``None`` (cheap unless
    the quick counts cannot rule it out; then the token loop, which checks every limit)."""
    # A text shorter than 2 * lijst holds fewer `[[` than lijst (count() takes ~1 µs a KB).
    few_arrays = len(text) < 2 * limits.lijst or text.count("[[") < limits.lijst
    if few_arrays and _few_tables(text, limits) and not _long_line(text, limits.lijst):
        return None
    return scan(name, text, limits)


def _long_line(text: str, lijst: int) -> bool:
    """Whether one line holds at least as many commas as the limit takes elements: a long
    one-line array, refused before the parser spends seconds on it (~1 µs an element). Such a
    line has ~2 characters an element, so it covers a whole stretch of ``lijst`` characters
    without a newline: only those stretches are looked at (a few ``find`` calls for a big file)."""
    step, start = lijst, 0
    while start + step <= len(text):
        if text.find("\n", start, start + step) >= 0:
            start += step
            continue
        begin = text.rfind("\n", 0, start) + 1
        end = text.find("\n", start + step)
        end = len(text) if end < 0 else end
        if text.count(",", begin, end) >= lijst:
            return True
        start = end + 1
    return False


def after_parsing(data: Any, limits: Limits) -> bool:
    """Whether the parsed data may pass the limits: an array longer than ``limits.lijst``, or
    anything nested deeper than ``limits.diepte`` (tables from headers included: the token
    loop then decides whether arrays and inline tables do). One pass, level by level."""
    lijst = limits.lijst
    level, depth = [data], 0
    while level:
        below: list[Any] = []
        add = below.append
        for node in level:
            if type(node) is dict:
                for value in node.values():
                    if type(value) is dict or type(value) is list:
                        add(value)
            else:
                if len(node) > lijst:
                    return True
                for value in node:
                    if type(value) is dict or type(value) is list:
                        add(value)
        depth += 1
        if depth > limits.diepte + 1:
            return True
        level = below
    return False


def long_array(data: Any, lijst: int) -> Optional[tuple[Any, ...]]:
    """The path of the first array longer than ``lijst``: for one the token loop cannot place,
    as ``[[x]]`` and ``[["x"]]`` tables, which it counts apart."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if type(node) is list and len(node) > lijst:
            return path
        for key, value in node.items() if type(node) is dict else enumerate(node):
            if type(value) is dict or type(value) is list:
                stack.append((value, (*path, key)))
    return None
