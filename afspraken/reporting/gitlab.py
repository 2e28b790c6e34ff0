"""GitLab Code Quality (a subset of Code Climate's JSON): one issue per finding.

Paths are relative to the repository root, as GitLab matches them against the
merge request's diff; fingerprints are the same as SARIF's (stable across runs,
unique per finding). Explained findings are left out, as in ``github``: the
parties accepted them. A file that could not be evaluated is ``critical``, a
plugin that failed ``blocker``.
"""

from __future__ import annotations

from afspraken.reporting.escaping import dumps
from typing import Any

from afspraken.reporting import Context
from afspraken.reporting.spans import fingerprint, is_file, relative, source_root, span
from afspraken.results import Location, Report
from afspraken.rules import Severity, Text

SEVERITIES = {Severity.FOUT: "major", Severity.WAARSCHUWING: "minor", Severity.ADVIES: "info", Severity.UIT: "info"}
INPUT, CRASH = "critical", "blocker"


def as_list(report: Report, ctx: Context) -> list[dict[str, Any]]:
    lang = ctx.lang
    root = source_root([r.path for r in report.files])
    seen: dict[str, int] = {}
    issues: list[dict[str, Any]] = []

    def issue(check: str, description: str, severity: str, loc: Location, keys: list[str]) -> None:
        path = (relative(loc.file, root) or loc.file) if is_file(loc.file) else loc.file
        lines = {"begin": max(loc.line, 1)}
        if loc.line >= 1 and is_file(loc.file):
            lines["end"] = span(loc).end_line
        issues.append(
            {
                "type": "issue",
                "check_name": check,
                "description": description,
                "categories": ["Style" if severity == "info" else "Bug Risk"],
                "severity": severity,
                "fingerprint": fingerprint([check, path, *keys], seen),
                "location": {"path": path, "lines": lines},
            }
        )

    settings = Text("instellingen", "settings")(lang)
    for p in report.problems:
        issue(f"afspraken/{settings}", p.message(lang), INPUT, p.location, [p.code, p.location.key])
    for c in report.crashes:
        issue("afspraken/plugin", c.message(lang), CRASH, Location(c.file or "afspraken", 1, 1), [c.plugin, c.what])
    for r in report.files:
        for p in r.problems:
            issue("invoerfout", p.message(lang), INPUT, p.location, [p.code, p.location.key])
        for c in r.crashes:
            issue("afspraken/plugin", c.message(lang), CRASH, Location(c.file or r.path, 1, 1), [c.plugin, c.what])
        for f in r.findings:
            if f.counts:
                issue(f.rule, f.message(lang), SEVERITIES[f.severity], f.location, [loc.key for loc in f.locations])
    return issues


def render(report: Report, ctx: Context) -> str:
    return dumps(as_list(report, ctx), indent=2) + "\n"
