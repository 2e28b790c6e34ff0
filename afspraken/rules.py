"""The rule API: what a rule is, and what its check returns.

A rule is a plain function decorated with :func:`rule`; its metadata (titles,
rationale with a quote from the source, fix, severity, parameters) sits next to
the code. Checks yield :class:`Violation` objects that point at key paths; the
engine turns those into located findings only when there is something to report.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, Optional, TypeVar

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from afspraken.model import Agreement

KeyPath = tuple["str | int", ...]


class Text(NamedTuple):
    """A text in Dutch and English."""

    nl: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    def format(self, **values: object) -> Text:
        return Text(self.nl.format(**values), self.en.format(**values))


class Severity(enum.Enum):
    """How serious a finding is; ``uit`` switches a rule off."""

    FOUT = "fout"
    WAARSCHUWING = "waarschuwing"
    ADVIES = "advies"
    UIT = "uit"

    # Plain attributes, set once per member: a property and Enum's own __hash__ run Python
    # code on every use, and the engine sorts and counts findings by severity.
    rank: int
    label: Text
    __hash__ = object.__hash__  # members are singletons, also after pickling: identity will do

    def __init__(self, *_: object) -> None:
        self.rank = {"fout": 3, "waarschuwing": 2, "advies": 1, "uit": 0}[self._value_]


_LABEL = {
    Severity.FOUT: Text("fout", "error"),
    Severity.WAARSCHUWING: Text("waarschuwing", "warning"),
    Severity.ADVIES: Text("advies", "note"),
    Severity.UIT: Text("uit", "off"),
}
for _member, _label in _LABEL.items():
    _member.label = _label


class Params(BaseModel):
    """Base for a rule's parameters: unknown names and wrong types are errors."""

    # defer_build: a schema is built only when config actually sets parameters.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


class NoParams(Params):
    """A rule without parameters."""


class Violation(NamedTuple):
    """What a check reports: a message and the key paths it is about (first is primary).

    ``undecided`` marks "could not decide": the data the rule needs is missing.
    ``fix`` is the fix for this finding (naming what is missing); without it the rule's own.
    """

    message: Text
    at: tuple[KeyPath, ...] = ()
    undecided: bool = False
    fix: Optional[Text] = None


_new = tuple.__new__  # a NamedTuple from all its fields in order, without its Python __new__ (tests/test_results.py pins them)


def violation(nl: str, en: str, *at: Sequence[str | int], fix: Optional[Text] = None) -> Violation:
    """A finding about the keys at ``at`` (paths like ``("orgaan", 0, "lid")``)."""
    return _new(Violation, (_new(Text, (nl, en)), _paths(at), False, fix))  # all fields in order: see _new


def _paths(at: tuple[Sequence[str | int], ...]) -> tuple[KeyPath, ...]:
    # Rules nearly always pass tuples: then nothing is copied (one finding of many thousands).
    for path in at:
        if type(path) is not tuple:  # a list becomes a tuple; a string is left for the engine to refuse
            return tuple(p if isinstance(p, str) else tuple(p) for p in at)  # type: ignore[misc]
    return at  # type: ignore[return-value]  # every path is a tuple


def undecided(nl: str, en: str, *at: Sequence[str | int], fix: Optional[Text] = None) -> Violation:
    """The rule lacks the data to decide; reported, never a silent pass."""
    return Violation(
        Text(f"kan niet beoordelen: {nl}", f"cannot decide: {en}"),
        _paths(at),
        undecided=True,
        fix=fix,
    )


P = TypeVar("P", bound=Params)
Check = Callable[["Agreement", Any], Iterable[Violation]]

_ID = re.compile(r"^(?:[a-z0-9][a-z0-9_-]*/)?[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Rule(Generic[P]):
    """A rule and everything needed to explain it."""

    id: str
    title: Text
    summary: Text  # what it checks
    rationale: Text  # why it matters
    quote: str  # the words of the source document (in its own language)
    fix: Text
    severity: Severity
    check: Check
    params: type[Params] = NoParams
    source: str = ""  # where the quote comes from: a document, an article of law
    example_fail: str = ""  # TOML snippet that breaks the rule
    example_pass: str = ""  # the same snippet, fixed
    also: tuple[tuple[str, str], ...] = ()  # further quotes of other speakers: (quote, source)
    plugin: str = field(default="", compare=False)  # set by the registry

    def __post_init__(self) -> None:
        # Checked when the plugin is imported, so a mistake is reported naming the plugin.
        if not isinstance(self.id, str) or not _ID.match(self.id):
            raise ValueError(f"rule id {self.id!r} is not kebab-case (optionally '<plugin>/<rule>')")
        for name in ("title", "summary", "rationale", "fix"):
            if not isinstance(getattr(self, name), Text):
                raise TypeError(f"rule {self.id}: {name} must be afspraken.Text(nl, en), not {type(getattr(self, name)).__name__}")
        if not isinstance(self.quote, str) or not isinstance(self.source, str):
            raise TypeError(f"rule {self.id}: quote and source must be text")
        if not all(isinstance(q, tuple) and len(q) == 2 and all(isinstance(x, str) for x in q) for q in self.also):
            raise TypeError(f"rule {self.id}: also must hold (quote, source) pairs of text")
        if not (isinstance(self.params, type) and issubclass(self.params, BaseModel)):
            raise TypeError(f"rule {self.id}: params must be a subclass of afspraken.Params")
        if not callable(self.check):
            raise TypeError(f"rule {self.id}: the check must be a function")

    def defaults(self) -> Params:
        """The default parameters (no validation needed: they are the rule's own)."""
        return self.params.model_construct()


def rule(
    *,
    id: str,
    title: Text,
    summary: Text,
    rationale: Text,
    quote: str,
    fix: Text,
    severity: Severity | str,
    params: type[Params] = NoParams,
    source: str = Rule.source,
    example_fail: str = "",
    example_pass: str = "",
    also: Sequence[tuple[str, str]] = (),
) -> Callable[[Check], Rule[Any]]:
    """Decorate a check function ``(agreement, params) -> Iterable[Violation]`` into a :class:`Rule`."""

    try:
        chosen = Severity(severity)
    except ValueError:  # at import, in the plugin: say which rule and what would do
        words = ", ".join(repr(s.value) for s in Severity if s is not Severity.UIT)
        raise ValueError(f"rule {id!r}: severity {severity!r} is none of {words}") from None

    def wrap(check: Check) -> Rule[Any]:
        return Rule(
            id=id,
            title=title,
            summary=summary,
            rationale=rationale,
            quote=quote,
            fix=fix,
            severity=chosen,
            check=check,
            params=params,
            source=source,
            example_fail=example_fail.strip("\n"),
            example_pass=example_pass.strip("\n"),
            also=tuple(also),
        )

    return wrap
