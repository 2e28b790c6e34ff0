"""Run the active rules on agreements and collect located, immutable results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from types import GeneratorType
from typing import Any, Optional

from afspraken.reading.discovery import discover  # noqa: F401 - found here by the API
from afspraken.reading.files import SKIPPED, Limits  # noqa: F401
from afspraken.reading.loading import Loaded
from afspraken.reading.messages import MAX_NAMES, listed
from afspraken.reading.source import Source
from afspraken.model import Agreement
from afspraken.plugins.registry import Registry
from afspraken.results import (
    Failure,
    FileResult,
    Finding,
    Location,
    Outcome,
    Problem,
    RuleOutcome,
    code_location,
    count,
    error_text,
)
from afspraken.rules import Severity, Text, Violation
from afspraken.checking import waivers
from afspraken.checking.profile import profile
from afspraken.checking.rulesets import ActiveRule

UNUSED, EXPIRED, OPEN = waivers.UNUSED, waivers.EXPIRED, waivers.OPEN
# A NamedTuple from all its fields in order, without its Python __new__ (~0.2 µs saved on each of
# tens of thousands of findings and places; tests/test_results.py pins the fields).
_new = tuple.__new__
TO_FILL = "nog-invullen"
NO_SET = "geen-regelset-voor-soort"
ALWAYS = (*waivers.ALWAYS, TO_FILL, NO_SET)  # on in every rule set: they judge the waivers, the draft and the choice of set


@dataclass
class Environment:
    """Plugins, rules and settings that apply under one config file."""

    registry: Registry
    rules: list[ActiveRule]
    rulesets: list[str]
    problems: list[Problem] = field(default_factory=list)  # of its config and rule sets
    off: set[str] = field(default_factory=set)
    origin: dict[str, str] = field(default_factory=dict)  # rule id -> rule set
    narrowed: bool = False  # --select chose the rules: a waiver for another rule says nothing
    limits: Limits = Limits()  # [limieten]: file size, array length, nesting
    rule_url: str = ""  # the config's template for links to a rule's documentation
    unclaimed: Optional[str] = None  # afspraak.soort that no installed rule set is the default for
    by_kind: Optional[Callable[[str], Environment]] = None  # the rule sets follow afspraak.soort
    variants: dict[str, Environment] = field(default_factory=dict)  # soort -> its environment
    # Asked for every file, set up once (the rules and settings above do not change after set-up).
    _severity: dict[str, Optional[Severity]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def plan(self) -> tuple[dict[str, Severity], list[ActiveRule]]:
        """The severity of every active rule, and the rules to run on each file (the waiver
        rules are judged after them): the same for every file, so worked out once."""
        severities = {active.rule.id: active.severity for active in self.rules}
        return severities, [active for active in self.rules if active.rule.id not in waivers.RULES]

    def for_kind(self, soort: str) -> Environment:
        """The environment for an agreement of this soort (itself when the rule sets were named)."""
        if self.by_kind is None:
            return self
        if soort not in self.variants:
            self.variants[soort] = self.by_kind(soort)
        return self.variants[soort]

    @cached_property
    def waiver_settings(self) -> waivers.Settings:
        """Asked for every file; the same for every file."""
        severity = {rule_id: self.severity(rule_id) for rule_id in waivers.RULES}
        return waivers.Settings(severity, self.rulesets, self.off, self.narrowed, ALWAYS)

    def severity(self, rule_id: str) -> Optional[Severity]:
        """Severity of an always-on rule (``None`` when switched off)."""
        if rule_id not in self._severity:
            self._severity[rule_id] = self._find_severity(rule_id)
        return self._severity[rule_id]

    def _find_severity(self, rule_id: str) -> Optional[Severity]:
        for active in self.rules:
            if active.rule.id == rule_id:
                return active.severity
        rule = self.registry.rules.get(rule_id)
        if rule is None or rule_id in self.off:
            return None
        return rule.severity


def evaluate(loaded: Loaded, env: Environment, today: dt.date, profiles: bool = True, max_findings: Optional[int] = None) -> FileResult:
    """Run every active rule on one agreement, then apply its waivers; with ``profiles``, work
    out its participation profile too (only some reports show it). ``max_findings``: per rule,
    the rest counted in one more (default :data:`MAX_FINDINGS`; ``0``: every finding, as
    ``afspraken diff`` compares them)."""
    limit = MAX_FINDINGS if max_findings is None else max_findings or None
    source, agreement = loaded.source, loaded.agreement
    findings: list[Finding] = []
    crashes: list[Failure] = []
    outcomes: dict[str, Outcome] = {}
    planned, to_run = env.plan
    severities = dict(planned)
    for active in to_run:  # the waiver rules are judged below, with the other rules' findings
        rule = active.rule
        own: list[Finding] = []  # added once the rule has run to its end: a crash adds none
        decided, hidden, hidden_decided = False, 0, False
        result: Any = None
        try:
            result = rule.check(agreement, active.params)
            # What checks return, a generator or a list, is read here; anything else through returned().
            for v in result if type(result) is GeneratorType or type(result) is list else returned(result):
                if type(v) is not Violation or _malformed(v):
                    _check(v, "yielded" if type(result) is GeneratorType else "returned")  # raises TypeError, saying what is wrong
                decided = decided or not v.undecided
                if limit is None or len(own) <= limit:  # one past the limit is shown if it is the last
                    own.append(_finding(source, rule.id, active.severity, v, rule.fix))
                else:
                    hidden += 1
                    hidden_decided = hidden_decided or not v.undecided
        except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
            where = code_location(exc) or _yielded_at(result) or _defined_at(rule.check)  # a wrong return: where the check is
            crashes.append(Failure(rule.plugin, "rule", rule.id, error_text(exc), source.name, where))
            outcomes[rule.id] = Outcome.CRASH
            continue
        if hidden:
            _count_rest(own, hidden, not hidden_decided)
        findings += own
        outcomes[rule.id] = Outcome.BEVINDING if decided else Outcome.ONBESLIST if own else Outcome.GESLAAGD
    findings += _markers(source, env, outcomes, severities, limit)
    judged = waivers.judge(source, agreement, findings, outcomes, env.waiver_settings, today)
    findings = list(judged.findings)
    for rule_id in judged.explained:
        outcomes[rule_id] = Outcome.UITGELEGD
    for rule_id, (outcome, severity) in judged.outcomes.items():
        outcomes[rule_id], severities[rule_id] = outcome, severity
    extra = _no_ruleset(source, env)
    findings += extra
    for f in extra:
        severities.setdefault(f.rule, f.severity)
    if extra:
        outcomes[NO_SET] = Outcome.BEVINDING
    findings.sort(key=_order)
    rule_outcomes = tuple([_new(RuleOutcome, (r, o, severities[r])) for r, o in outcomes.items()])
    return FileResult(
        source.name,
        findings=tuple(findings),
        crashes=tuple(crashes),
        outcomes=rule_outcomes,
        title=agreement.afspraak.titel,
        meta=_meta(agreement),
        rulesets=tuple(env.rulesets),
        profile=profile(agreement, rule_outcomes) if profiles else None,
    )


def _order(f: Finding) -> tuple[int, int, int, str]:
    """Findings in the order of the file, the most severe first at one place."""
    first = f.locations[0]
    return first.line, first.column, -f.severity.rank, f.rule


_FITS = {
    "prestatieafspraak": Text(
        "een regelset voor prestatieafspraken (Woningwet art. 42-44), zoals die van de plugin afspraken-prestatieafspraken",
        "a rule set for prestatieafspraken (Housing Act art. 42-44), such as the one of the plugin afspraken-prestatieafspraken",
    ),
}


def _no_ruleset(source: Source, env: Environment) -> list[Finding]:
    """geen-regelset-voor-soort: no installed rule set is the default for this soort; basis was used."""
    soort = env.unclaimed
    severity = env.severity(NO_SET)
    if soort is None or severity is None:
        return []
    fits = _FITS.get(soort, Text(f"een regelset met standaard_voor = [\"{soort}\"]", f"a rule set with standaard_voor = [\"{soort}\"]"))
    message = Text(
        f"geen geïnstalleerde regelset is de standaard voor soort '{soort}', dus alleen 'basis' is toegepast; "
        f"hier past {fits.nl}",
        f"no installed rule set is the default for soort '{soort}', so only 'basis' was applied; {fits.en} would fit",
    )
    fix = Text(
        f"Installeer {fits.nl}, of kies een regelset met --regelset of in afspraken.toml.",
        f"Install {fits.en}, or choose a rule set with --regelset or in afspraken.toml.",
    )
    return [Finding(NO_SET, severity, message, (source.at(("afspraak", "soort")),), fix=fix)]


def _markers(source: Source, env: Environment, outcomes: dict[str, Outcome], severities: dict[str, Severity], limit: Optional[int]) -> list[Finding]:
    """``VUL IN`` left anywhere, comments too: found in the text, located at the marker."""
    severity = env.severity(TO_FILL)
    if severity is None:
        return []
    from afspraken.builtin.invullen import markers, nog_invullen

    found: list[Finding] = []
    hidden = 0
    for line, column, hint in markers(source.text):
        if limit is not None and len(found) > limit:
            hidden += 1
            continue
        message = Text(f"nog in te vullen: {hint}" if hint else "nog in te vullen", f"still to be filled in: {hint}" if hint else "still to be filled in")
        found.append(Finding(TO_FILL, severity, _cut(message), (Location(source.name, line, column),), fix=nog_invullen.fix))
    if hidden:
        _count_rest(found, hidden, False)
    if found:  # like the waiver rules, listed only where it has something to say
        severities[TO_FILL] = severity
        outcomes[TO_FILL] = Outcome.BEVINDING
    return found


def returned(result: Any) -> Iterator[Violation]:
    """The Violations a check returned, one by one, or a ``TypeError`` saying what it returned instead."""
    if type(result) is not GeneratorType and type(result) is not list:  # what checks return; else say what
        if result is None:
            raise TypeError("the check returned None, not a list (or generator) of afspraken.Violation; did you forget to yield?")
        if isinstance(result, (Violation, str, bytes, dict, int)):
            raise TypeError(f"the check returned {type(result).__name__}, not a list (or generator) of afspraken.Violation")
    for v in result:
        _check(v)
        yield v


def _check(v: Any, gave: str = "returned") -> None:
    """A ``TypeError`` if ``v`` is no well-formed Violation: found here, naming the rule, not
    later, in a format, losing the whole report. ``gave``: how the check gave it (returned in a
    list, or yielded)."""
    if type(v) is not Violation and not isinstance(v, Violation):
        raise TypeError(f"the check {gave} {type(v).__name__} {v!r:.60}, not afspraken.Violation")
    problem = _malformed(v)
    if problem:
        raise TypeError(f"the check {gave} a Violation whose {problem}")


def _malformed(v: Violation) -> str:
    """What is wrong with a Violation a check made by hand (``violation()`` makes them right), or ''."""
    message, fix, at = v.message, v.fix, v.at
    if type(message) is not Text or type(message.nl) is not str or type(message.en) is not str:
        return f"message is {message!r:.60}, not afspraken.Text with a Dutch and an English text"
    if not message.nl.strip() or not message.en.strip():
        return f"message {message!r:.60} has an empty {'Dutch' if not message.nl.strip() else 'English'} text"
    if fix is not None and (type(fix) is not Text or not (type(fix.nl) is str and type(fix.en) is str)):
        return f"fix is {fix!r:.60}, not afspraken.Text(nl, en)"
    if type(at) is not tuple:
        return f"places are {at!r:.60}, not a tuple of key paths"
    for path in at:
        if type(path) is tuple:
            for part in path:
                if type(part) is not str and (type(part) is not int or part < 0):
                    break
            else:
                continue
        return f"place {path!r:.60} is no key path: a tuple of keys and indexes, such as (\"actie\", 0, \"wanneer\")"
    return ""


def _yielded_at(result: Any) -> str:
    """``file:line`` of the ``yield`` a generator stopped at: where a wrong value came from."""
    frame = getattr(result, "gi_frame", None) if type(result) is GeneratorType else None
    return f"{frame.f_code.co_filename}:{frame.f_lineno}" if frame is not None else ""


def _defined_at(function: Any) -> str:
    code = getattr(function, "__code__", None)
    return f"{code.co_filename}:{code.co_firstlineno}" if code is not None else ""


MAX_FINDINGS = 200
"""Findings shown per rule and file; the rest are counted in one more finding (``Finding.amount``),
as input problems stop at MAX_PROBLEMS. A generated file with two findings on each of 64,000
actions took ~90x its size in memory, and nobody reads 128,000 lines."""

MAX_TEXT = 2000
"""Characters of a finding's message and fix, per language; a longer one is cut ("…"). A name
of 20,000 characters quoted in every finding took 2,000x the file's size."""

MAX_PLACES = 100
"""Places located per finding; the rest are counted (``Finding.more_locations``). GitHub code
scanning shows 100 locations of a result and rejects a result with over 1,000; a reader needs
fewer. A finding with a place per element of a big file took ~200 bytes a place."""


def _finding(source: Source, rule_id: str, severity: Severity, v: Violation, fix: Optional[Text]) -> Finding:
    paths, more = v.at, 0
    if len(paths) > 1:  # most findings have one place: nothing to merge or count
        paths = tuple(dict.fromkeys(paths))  # a place named twice is one place
        if len(paths) > MAX_PLACES:
            more, paths = len(paths) - MAX_PLACES, paths[:MAX_PLACES]
    at = source.at
    locations = tuple([at(path) for path in paths]) or (Location(source.name, 1, 1),)
    message, fix = v.message, v.fix or fix
    if len(message.nl) > MAX_TEXT or len(message.en) > MAX_TEXT:
        message = _cut(message)
    if fix is not None and (len(fix.nl) > MAX_TEXT or len(fix.en) > MAX_TEXT):
        fix = _cut(fix)
    return _new(Finding, (rule_id, severity, message, locations, v.undecided, None, fix, more, 1))  # all fields, in order


def _cut(text: Text) -> Text:
    """At most :data:`MAX_TEXT` characters per language."""
    return Text(*(t if len(t) <= MAX_TEXT else t[: MAX_TEXT - 1].rstrip() + "…" for t in (text.nl, text.en)))


def _count_rest(shown: list[Finding], hidden: int, undecided: bool) -> None:
    """Past the limit: ``shown`` holds one finding more than it, which is counted with the
    ``hidden`` ones in one finding beside the last shown (undecided only if all counted are)."""
    over = shown.pop()
    shown.append(_rest(shown[-1], hidden + 1, undecided and over.undecided, len(shown)))


def _rest(last: Finding, hidden: int, undecided: bool, shown: int) -> Finding:
    """The one finding that counts a rule's findings past :data:`MAX_FINDINGS` in a file, beside the last shown."""
    message = Text(
        f"en nog {count(hidden, 'nl')} {'bevinding' if hidden == 1 else 'bevindingen'} van deze regel in dit bestand, niet getoond; "
        f"herstel eerst de {shown} hierboven",
        f"and {count(hidden, 'en')} more {'finding' if hidden == 1 else 'findings'} of this rule in this file, not shown; "
        f"fix the {shown} above first",
    )
    return Finding(last.rule, last.severity, message, last.locations[:1], undecided, amount=hidden)


def _meta(agreement: Agreement) -> dict[str, str]:
    a, names = agreement.afspraak, [p.naam for p in agreement.partij]
    return {
        "titel": a.titel,
        "wijk": a.wijk,
        "gemeente": a.gemeente,
        "status": a.status,
        "soort": a.soort,
        "partijen": listed(names, MAX_NAMES if len(names) <= MAX_NAMES else MAX_NAMES - 1),
    }
