"""Shared helpers for the tests of the built-in rules (not a conftest: plain functions)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from afspraken.results import Finding
from afspraken.testing import BASE, keys, rule_ids, run_rule

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "voorbeelden"
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "spec").is_dir()), ROOT.parent / "shared")
SPEC = SHARED / "spec"  # the specification next to the repository (or a worktree's parent's)
DATA = ROOT / "tests" / "data"
SOURCE = SHARED / "bron" / "samen-sterk-in-de-wijk.txt"


def base(*edits: tuple[str, str]) -> str:
    """BASE with textual edits (old, new); each ``old`` must occur exactly once."""
    text = BASE
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in BASE"
        text = text.replace(old, new)
    return text


def msg(findings: Iterable[Finding], lang: str = "nl") -> str:
    """All messages joined, to assert that they name the concrete things."""
    return " | ".join(f.message(lang) for f in findings)


def one(rule: Any, snippet: str = "", **kw: Any) -> Finding:
    """Run ``rule`` and assert it reports exactly one finding, with its own id; return it."""
    findings = run_rule(rule, snippet, **kw)
    assert rule_ids(findings) == [rule.id], findings
    return findings[0]


def check(rule: Any, snippet: str = "", **kw: Any) -> tuple[list[str], str, list[Finding]]:
    """(dotted keys, Dutch messages, findings); asserts every finding carries the rule's id."""
    findings = run_rule(rule, snippet, **kw)
    assert set(rule_ids(findings)) <= {rule.id}
    return keys(findings), msg(findings), findings
