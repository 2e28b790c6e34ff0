"""Before parsing: refuse arrays that are too long and nesting that is too deep, located.

A parser builds every element of an array as an object, and the model then checks each;
a 10 MB line of small elements would take gigabytes. This scan counts elements and depth
on the text itself (strings and comments skipped) and names the line where a limit
(:class:`afspraken.reading.files.Limits`, ``[limieten]`` in the config) is passed.
"""

from __future__ import annotations

import re
from typing import Optional

from afspraken.reading.files import Limits
from afspraken.results import Location, Problem
from afspraken.rules import Text

_TOKEN = re.compile(
    r'"""[\s\S]*?"""(?!")|\'\'\'[\s\S]*?\'\'\'(?!\')|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{},]'
)
# An opening bracket right after '=', ',' or another opening bracket: the only way to nest.
_NESTED = re.compile(r"[\[{,=](?=[ \t\r\n]*[\[{])")
# For the quick depth test: strings and comments (as _TOKEN reads them), everything but brackets, innermost pairs.
_TEXTS = re.compile(_TOKEN.pattern.rsplit("|", 1)[0])
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_PAIR = re.compile(r"\[\]|\{\}")


def scan(name: str, text: str, limits: Limits, *, quick: bool = True) -> Optional[Problem]:
    """The first place where ``text`` passes a limit, or ``None``."""
    if quick and text.count(",") < limits.lijst and text.count("[[") < limits.lijst and _shallow(text, limits.diepte):
        return None  # cannot pass a limit: too few commas and table arrays, nesting not too deep
    return _scan(name, text, limits)


def _shallow(text: str, depth: int) -> bool:
    """Whether the brackets outside strings and comments nest at most ``depth`` deep (headers
    included, so never a false yes): the token loop below is the cost of a big file, so it runs
    only when this cheap test cannot rule out a problem."""
    if len(_NESTED.findall(text)) < depth:  # a small file: too few nested brackets to count
        return True
    rest = _NOT_BRACKET.sub("", _TEXTS.sub("", text))
    for _ in range(depth):  # each pass takes away the innermost pairs: one level
        if not rest:
            return True
        rest = _PAIR.sub("", rest)
    return not rest  # too deep, or unbalanced (broken TOML): let the token loop say where


def _scan(name: str, text: str, limits: Limits) -> Optional[Problem]:
    stack: list[list[int]] = []  # per open array or inline table: [commas, is_array]
    tables: dict[str, int] = {}  # [[name]] -> how many
    skip_to = -1
    for match in _TOKEN.finditer(text):
        pos = match.start()
        if pos < skip_to:
            continue
        char = text[pos]
        if char in "\"'#":
            continue
        if char in "[{":
            if not stack and char == "[" and not text[text.rfind("\n", 0, pos) + 1 : pos].strip():
                skip_to = _line_end(text, pos)  # a table header, not a value
                if text.startswith("[[", pos):
                    header = text[pos + 2 : skip_to].split("]]")[0].strip()
                    tables[header] = tables.get(header, 0) + 1
                    if tables[header] > limits.lijst:
                        return _too_many(name, text, pos, limits, f"[[{header}]]")
                continue
            stack.append([0, char == "["])
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
                stack.pop()
        elif stack:  # a comma
            top = stack[-1]
            top[0] += 1
            if top[1] and top[0] > limits.lijst:  # more commas than the limit: surely more elements
                return _too_many(name, text, pos, limits, "")
    return None


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _too_many(name: str, text: str, pos: int, limits: Limits, what: str) -> Problem:
    nl = f"de lijst {what} heeft" if what else "deze lijst heeft"
    en = f"the list {what} has" if what else "this list has"
    return _problem(
        name, text, pos,
        Text(
            f"{nl} meer dan {limits.lijst} elementen (grens: [limieten] lijst in de instellingen)",
            f"{en} more than {limits.lijst} elements (limit: [limieten] lijst in the settings)",
        ),
        "te-lang",
    )


def _problem(name: str, text: str, pos: int, message: Text, code: str) -> Problem:
    line = text.count("\n", 0, pos) + 1
    column = pos - text.rfind("\n", 0, pos)
    return Problem(Location(name, line, column), message, code)
