"""Plain-language messages (Dutch and English) for errors in a TOML file.

Pydantic reports errors as ``(type, loc, input, ctx)``; this module turns each
into a sentence a policy officer understands, with a "did you mean" where a
close key or value exists.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any, Optional

from pydantic import BaseModel

from afspraken.rules import KeyPath, Text

_TYPES_NL = {
    str: ("tekst", "text"),
    bool: ("true/false", "true/false"),
    int: ("een geheel getal", "a whole number"),
    float: ("een getal", "a number"),
    dt.datetime: ("een datum met tijd", "a date with a time"),
    dt.date: ("een datum", "a date"),
    dt.time: ("een tijd", "a time"),
    list: ("een lijst", "a list"),
    dict: ("een tabel", "a table"),
}

_EXPECTED = {
    "string_type": (Text("tekst", "text"), 'tussen aanhalingstekens, zoals "Wijkwinkel"', 'in quotes, like "Wijkwinkel"'),
    "int_type": (Text("een geheel getal", "a whole number"), "zoals 12", "like 12"),
    "float_type": (Text("een getal", "a number"), "zoals 2.5", "like 2.5"),
    "bool_type": (Text("true of false", "true or false"), "zonder aanhalingstekens", "without quotes"),
    "date_type": (Text("een datum", "a date"), "zonder aanhalingstekens, zoals 2025-01-31", "without quotes, like 2025-01-31"),
    "list_type": (Text("een lijst", "a list"), 'zoals ["a", "b"]', 'like ["a", "b"]'),
    "model_type": (Text("een tabel", "a table"), "", ""),
    "dict_type": (Text("een tabel", "a table"), "", ""),
}


_ID_KEYS = {"id", "wie", "partij", "orgaan", "tussen", "mandaat", "regel"}


def type_name(value: object) -> Text:
    for typ, (nl, en) in _TYPES_NL.items():
        if isinstance(value, typ):
            return Text(nl, en)
    return Text(type(value).__name__, type(value).__name__)


MAX_NAMES = 20
"""Names listed in a message (:func:`afspraken.helpers.names`, :func:`listed`); past this, the rest are counted."""


def listed(items: list[str], shown: int = MAX_NAMES) -> str:
    """``a, b, c``; past ``shown`` items ``a, b, … (+480)``, in no language (names, ids)."""
    if len(items) <= shown:
        return ", ".join(items)
    return ", ".join(items[:shown]) + f", … (+{len(items) - shown})"


SUGGEST_ALL = 200
"""Up to this many known names (a neighbourhood's parties and bodies), a "did you mean"
compares the word with each of them."""
CANDIDATES = 40
"""Past :data:`SUGGEST_ALL`, the names compared: those that share the most three-letter pieces
with the word (without case, ``_`` and spaces as ``-``), relative to their length."""


class Suggestions:
    """"Did you mean" among a fixed set of names, for many words: each comparison is a
    difflib ratio of ~15 µs, so 200 unknown ids against 4,000 known ones took 12 s."""

    def __init__(self, options: Iterable[str]) -> None:
        self.options = list(options)
        self._pieces: dict[str, list[int]] = {}  # three-letter piece -> the options that have it
        self._sizes: list[int] = []  # per option, its number of pieces
        self._seen: dict[str, Text] = {}  # the same wrong id is often used many times
        self._folded: Optional[dict[str, str]] = None  # without case -> the option

    def candidates(self, word: str) -> list[str]:
        """The names compared with ``word``: all of them, or the most alike in a big set."""
        if len(self.options) <= SUGGEST_ALL:
            return self.options
        if not self._sizes:
            for i, option in enumerate(self.options):
                pieces = _pieces(option)
                self._sizes.append(len(pieces))
                for piece in pieces:
                    self._pieces.setdefault(piece, []).append(i)
        from collections import Counter
        from heapq import nlargest
        from itertools import chain

        own = _pieces(word)
        shared = Counter(chain.from_iterable(self._pieces.get(p, ()) for p in own))  # counted in C
        sizes, n = self._sizes, len(own)
        # The most pieces in common first (a C sort key), then relative to length among those
        best = nlargest(CANDIDATES, shared.most_common(8 * CANDIDATES), key=lambda item: item[1] / (n + sizes[item[0]]))
        return [self.options[i] for i, _ in best]

    def __call__(self, word: str) -> Text:
        """'; bedoelde u "x"?' for the closest option, or nothing."""
        hint = self._seen.get(word)
        if hint is None:
            import difflib  # only when something is wrong

            if self._folded is None:
                self._folded = {}
                for option in self.options:
                    self._folded.setdefault(option.casefold(), option)
            same = self._folded.get(word.casefold())  # TRUDO for trudo: difflib compares case too, and finds nothing
            match = [same] if same is not None else difflib.get_close_matches(word, self.candidates(word), n=1, cutoff=0.6)
            hint = Text(f"; bedoelde u '{match[0]}'?", f"; did you mean '{match[0]}'?") if match else Text("", "")
            self._seen[word] = hint
        return hint


_SEPARATORS = str.maketrans({"_": "-", " ": "-"})


def _pieces(name: str) -> set[str]:
    """The three-letter pieces of ``name`` without case, ``_`` and spaces as ``-``, padded so that
    its first and last letters count too."""
    key = f" {name.casefold().translate(_SEPARATORS)} "
    return {key[i : i + 3] for i in range(len(key) - 2)}


def suggest(word: str, options: Iterable[str]) -> Text:
    """'; bedoelde u "x"?' for the closest option, or nothing."""
    return Suggestions(options)(word)


def toml_key(key: str) -> str:
    """A key as TOML needs it: bare when it can be, quoted otherwise (``"plugin/regel"``)."""
    import json

    return key if key and all(c.isalnum() or c in "-_" for c in key) and key.isascii() else json.dumps(key)


def where(path: KeyPath) -> Text:
    """How to name the table that holds the last key of ``path``."""
    table = [p for p in path[:-1]]
    names = [toml_key(p) for p in table if isinstance(p, str)]
    if not names:
        return Text("het bestand", "the file")
    if isinstance(table[-1], int):  # array of tables element
        label = ".".join(names)
        return Text(f"[[{label}]] nr. {table[-1] + 1}", f"[[{label}]] no. {table[-1] + 1}")
    return Text(f"[{'.'.join(names)}]", f"[{'.'.join(names)}]")


def key_name(path: KeyPath) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return ""


def fields_at(model: type[BaseModel], path: KeyPath) -> Optional[Mapping[str, Any]]:
    """The fields of the model that holds the last key of ``path`` (for suggestions)."""
    current: Any = model
    for part in path[:-1]:
        current = _unwrap(current)
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = field.annotation
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current.model_fields
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional, list[...] and Annotated down to the model class."""
    for _ in range(6):
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else args[0]
        elif origin in (list, tuple):
            annotation = typing.get_args(annotation)[0]
        else:
            break
    return annotation


def _choices(ctx: Mapping[str, Any]) -> list[str]:
    return re.findall(r"'([^']*)'", str(ctx.get("expected", "")))


def describe(error: Mapping[str, Any], path: KeyPath, model: type[BaseModel], model_path: Optional[KeyPath] = None) -> Text:
    """One pydantic error as a plain sentence.

    ``path`` names the key in the file; ``model_path`` (default ``path``) is the
    same key relative to ``model``, for "did you mean" suggestions.
    """
    kind = error["type"]
    key = key_name(path)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    at = where(path)
    if kind == "missing":
        return Text(
            f"verplichte sleutel '{key}' ontbreekt in {at.nl}", f"required key '{key}' is missing from {at.en}"
        )
    if kind == "extra_forbidden":
        fields = fields_at(model, path if model_path is None else model_path) or {}
        hint = suggest(key, fields)
        return Text(f"onbekende sleutel '{key}' in {at.nl}{hint.nl}", f"unknown key '{key}' in {at.en}{hint.en}")
    if kind == "literal_error":
        choices = _choices(ctx)
        hint = suggest(str(value), choices) if isinstance(value, str) else Text("", "")
        return Text(
            f"'{key}' heeft een ongeldige waarde {show(value)}; toegestaan: {', '.join(choices)}{hint.nl}",
            f"'{key}' has an invalid value {show(value)}; allowed: {', '.join(choices)}{hint.en}",
        )
    if kind == "list_type" and isinstance(value, dict):
        return Text(
            f"'{key}' moet een lijst zijn; schrijf elke {key} als [[{key}]]-tabel",
            f"'{key}' must be a list; write each {key} as an [[{key}]] table",
        )
    if kind in _EXPECTED:
        expected, example_nl, example_en = _EXPECTED[kind]
        if kind == "string_type" and key in _ID_KEYS:  # an id, not a name
            example_nl, example_en = 'tussen aanhalingstekens, zoals "gemeente"', 'in quotes, like "gemeente"'
        kind_of = Text("", "") if isinstance(value, bool) else type_name(value)  # `true` says enough
        got_nl = " ".join(filter(None, (kind_of.nl, show(value))))
        got_en = " ".join(filter(None, (kind_of.en, show(value))))
        return Text(
            f"'{key}' moet {expected.nl} zijn{f' ({example_nl})' if example_nl else ''}, niet {got_nl}",
            f"'{key}' must be {expected.en}{f' ({example_en})' if example_en else ''}, not {got_en}",
        )
    if kind == "string_pattern_mismatch" and "id\\}" in str(ctx.get("pattern", "")):  # rule_url: a URL template
        return Text(
            f"'{key}' = {show(value)} moet een URL-sjabloon met {{id}} zijn, van http, https of file, zoals \"https://example.org/regels/{{id}}\"",
            f"'{key}' = {show(value)} must be a URL template with {{id}}, of http, https or file, like \"https://example.org/rules/{{id}}\"",
        )
    if kind == "string_pattern_mismatch":
        return Text(
            f"'{key}' = {show(value)} mag alleen kleine letters, cijfers en '-' bevatten, zoals \"gemeente-eindhoven\"",
            f"'{key}' = {show(value)} may only contain lowercase letters, digits and '-', like \"gemeente-eindhoven\"",
        )
    if kind == "finite_number":
        return Text(f"'{key}' moet een eindig getal zijn, niet {show(value)}", f"'{key}' must be a finite number, not {show(value)}")
    if kind == "greater_than_equal":
        return Text(f"'{key}' moet minstens {ctx.get('ge')} zijn, niet {show(value)}", f"'{key}' must be at least {ctx.get('ge')}, not {show(value)}")
    if kind in ("less_than_equal", "less_than", "greater_than"):
        limit = ctx.get("le", ctx.get("lt", ctx.get("gt")))
        nl = {"less_than_equal": "hoogstens", "less_than": "kleiner dan", "greater_than": "groter dan"}[kind]
        en = {"less_than_equal": "at most", "less_than": "less than", "greater_than": "greater than"}[kind]
        return Text(f"'{key}' moet {nl} {limit} zijn, niet {show(value)}", f"'{key}' must be {en} {limit}, not {show(value)}")
    if kind == "too_short":
        n = ctx.get("min_length")
        return Text(
            f"'{key}' moet minstens {n} elementen hebben (nu {ctx.get('actual_length')})",
            f"'{key}' needs at least {n} items (has {ctx.get('actual_length')})",
        )
    if kind == "zichtbaar_te_kort":
        n, shown = ctx.get("min_length"), ctx.get("visible")
        return Text(
            f"'{key}' heeft maar {shown} zichtbare tekens (spaties en onzichtbare tekens tellen niet); schrijf er minstens {n}",
            f"'{key}' has only {shown} visible characters (spaces and invisible characters do not count); write at least {n}",
        )
    if kind == "string_too_short":
        n = ctx.get("min_length")
        if n == 1:
            return Text(f"'{key}' in {at.nl} mag niet leeg zijn", f"'{key}' in {at.en} must not be empty")
        return Text(
            f"'{key}' is te kort ({len(str(value))} tekens); schrijf er minstens {n}",
            f"'{key}' is too short ({len(str(value))} characters); write at least {n}",
        )
    return Text(f"'{key}': {error.get('msg', kind)}", f"'{key}': {error.get('msg', kind)}")


def show(value: object) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f'"{text}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and value.bit_length() > 128:  # str() of a huge number is slow or refused
        digits = int(value.bit_length() * 0.30103) + 1
        return f"{'-' if value < 0 else ''}~10^{digits - 1}"
    if isinstance(value, (dict, list)):
        return ""
    return str(value)
