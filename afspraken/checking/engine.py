"""Run the active rules on agreements and collect located, immutable results."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from afspraken.checking import config as configuration
from afspraken.reading.loading import STDIN, Loaded, Source
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
    error_text,
)
from afspraken.rules import Severity, Text, Violation
from afspraken.checking import waivers
from afspraken.checking.rulesets import ActiveRule

SKIP_DIRS = {"node_modules", "venv", "__pycache__", "site-packages"}


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

    def waiver_settings(self) -> waivers.Settings:
        severity = {rule_id: self.severity(rule_id) for rule_id in waivers.RULES}
        return waivers.Settings(severity, self.rulesets, self.off, self.narrowed)

    def severity(self, rule_id: str) -> Optional[Severity]:
        """Severity of an always-on rule (``None`` when switched off)."""
        for active in self.rules:
            if active.rule.id == rule_id:
                return active.severity
        rule = self.registry.rules.get(rule_id)
        if rule is None or rule_id in self.off:
            return None
        return rule.severity


def evaluate(loaded: Loaded, env: Environment, today: dt.date) -> FileResult:
    """Run every active rule on one agreement, then apply its waivers."""
    source, agreement = loaded.source, loaded.agreement
    findings: list[Finding] = []
    crashes: list[Failure] = []
    outcomes: dict[str, Outcome] = {}
    severities: dict[str, Severity] = {}
    for active in env.rules:
        rule = active.rule
        severities[rule.id] = active.severity
        if rule.id in waivers.RULES:
            continue  # judged below, with the other rules' findings
        try:
            violations = returned(rule.check(agreement, active.params))
        except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
            where = code_location(exc) or _defined_at(rule.check)  # a wrong return: where the check is
            crashes.append(Failure(rule.plugin, "rule", rule.id, error_text(exc), source.name, where))
            outcomes[rule.id] = Outcome.CRASH
            continue
        for v in violations:
            findings.append(_finding(source, rule.id, active.severity, v, rule.fix))
        if not violations:
            outcomes[rule.id] = Outcome.GESLAAGD
        elif all(v.undecided for v in violations):
            outcomes[rule.id] = Outcome.ONBESLIST
        else:
            outcomes[rule.id] = Outcome.BEVINDING
    judged = waivers.judge(source, agreement, findings, outcomes, env.waiver_settings(), today)
    findings = list(judged.findings)
    for rule_id in judged.explained:
        outcomes[rule_id] = Outcome.UITGELEGD
    for rule_id, (outcome, severity) in judged.outcomes.items():
        outcomes[rule_id], severities[rule_id] = outcome, severity
    findings.sort(key=lambda f: (f.location.line, f.location.column, -f.severity.rank, f.rule))
    return FileResult(
        source.name,
        findings=tuple(findings),
        crashes=tuple(crashes),
        outcomes=tuple(RuleOutcome(r, o, severities[r]) for r, o in outcomes.items()),
        title=agreement.afspraak.titel,
        meta=_meta(agreement),
        rulesets=tuple(env.rulesets),
    )


def returned(result: Any) -> list[Violation]:
    """The Violations a check returned, or a ``TypeError`` saying what it returned instead."""
    if result is None:
        raise TypeError("the check returned None, not a list (or generator) of afspraken.Violation; did you forget to yield?")
    if isinstance(result, (Violation, str, bytes, dict)):
        raise TypeError(f"the check returned {type(result).__name__}, not a list (or generator) of afspraken.Violation")
    violations = list(result)
    for v in violations:
        if not isinstance(v, Violation):
            raise TypeError(f"the check returned {type(v).__name__} {v!r:.60}, not afspraken.Violation")
    return violations


def _defined_at(function: Any) -> str:
    code = getattr(function, "__code__", None)
    return f"{code.co_filename}:{code.co_firstlineno}" if code is not None else ""


def _finding(source: Source, rule_id: str, severity: Severity, v: Violation, fix: Optional[Text]) -> Finding:
    locations = tuple(source.at(path) for path in v.at) or (Location(source.name, 1, 1),)
    return Finding(rule_id, severity, v.message, locations, v.undecided, None, fix)


def _meta(agreement: Agreement) -> dict[str, str]:
    a = agreement.afspraak
    return {
        "titel": a.titel,
        "wijk": a.wijk,
        "gemeente": a.gemeente,
        "status": a.status,
        "soort": a.soort,
        "partijen": ", ".join(p.naam for p in agreement.partij),
    }


SKIPPED = "overgeslagen"  # Problem code of a note, not an error: a rule-set file named as a path


def discover(paths: Iterable[str]) -> Iterator[tuple[str, Optional[Problem]]]:
    """Files to check: files as given (a rule-set file is noted and skipped), and in folders
    every ``*.toml`` that looks like an agreement (not config, rule-set or other tools' files)."""
    for raw in paths:
        if raw == STDIN:
            yield raw, None
            continue
        path = Path(raw)
        if not path.is_dir():
            if _kind(path) == "regelset":
                note = Text("een regelset, geen afspraak: overgeslagen", "a rule set, not an agreement: skipped")
                yield raw, Problem(Location(raw, 0, 0), note, SKIPPED)
            else:
                yield raw, None
            continue
        found = False
        for f in _walk(path):
            found = True
            yield str(f), None
        if not found:
            yield raw, Problem(
                Location(raw, 0, 0), Text("geen afspraken (*.toml) gevonden in deze map", "no agreements (*.toml) found in this folder"), "bestand"
            )


def _walk(folder: Path) -> Iterator[Path]:
    """The agreements under ``folder`` in sorted order (as sorting their paths would give),
    found one folder at a time: no list of every file is kept (memory stays flat)."""
    order = str.casefold if os.name == "nt" else None  # how paths compare on this system
    stack = [iter(_entries(folder, order))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.is_dir() and not entry.is_symlink():  # like os.walk: a linked folder is not entered
            if not entry.name.startswith(".") and entry.name not in SKIP_DIRS:
                stack.append(iter(_entries(Path(entry.path), order)))
        elif entry.name.lower().endswith(".toml") and entry.name not in configuration.NAMES and not entry.is_dir():
            path = Path(entry.path)
            if _kind(path) == "afspraak":
                yield path


def candidates(folder: Path) -> Iterator[tuple[str, int]]:
    """Each folder under ``folder`` (as :func:`discover` walks them) that holds ``*.toml`` files
    that may be agreements, and how many; without reading them (to resolve settings up front)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS]
        count = sum(1 for name in files if name.lower().endswith(".toml") and name not in configuration.NAMES)
        if count:
            yield root, count


def _entries(folder: Path, order: Any) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as found:
            return sorted(found, key=(lambda e: order(e.name)) if order else (lambda e: e.name))
    except OSError:
        return []


def _kind(path: Path) -> str:
    """'afspraak', 'regelset' or 'anders' (another tool's TOML: no word of the format in it).
    A broken agreement still says afspraak, partij or formaat somewhere, so it is still checked."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return "afspraak"  # let the check say what is wrong
    if head.startswith(b"[regelset]") or b"\n[regelset]" in head:
        return "regelset"
    return "afspraak" if any(word in head for word in (b"afspraak", b"partij", b"formaat")) or not head.strip() else "anders"
