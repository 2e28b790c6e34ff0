"""JSON output, documented in docs/json.md and described by ``rapport.schema.json``."""

from __future__ import annotations

import json
from typing import Any

from afspraken.reporting import Context, counts
from afspraken.results import Crash, Finding, Location, Problem, Report

SCHEMA_VERSION = 1


def _location(loc: Location) -> dict[str, Any]:
    end_line, end_column = loc.end
    return {"file": loc.file, "line": loc.line, "column": loc.column, "end_line": end_line, "end_column": end_column, "key": loc.key}


def _problem(p: Problem, lang: str) -> dict[str, Any]:
    return {**_location(p.location), "code": p.code, "message": p.message(lang)}


def _crash(c: Crash, lang: str) -> dict[str, Any]:
    return {"plugin": c.plugin, "what": c.what, "error": c.error, "file": c.file, "message": c.message(lang)}


def _finding(f: Finding, lang: str) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "severity": f.severity.value,
        "message": f.message(lang),
        "line": f.location.line,
        "column": f.location.column,
        "end_line": f.location.end[0],
        "end_column": f.location.end[1],
        "key": f.location.key,
        "locations": [_location(loc) for loc in f.locations],
        "undecided": f.undecided,
        "explained": f.explained(lang) if f.explained is not None else None,
        "fix": f.fix(lang) if f.fix is not None else None,
    }


def as_dict(report: Report, ctx: Context) -> dict[str, Any]:
    lang = ctx.lang
    tally = counts(report.findings)
    return {
        "schema": "afspraken-rapport",
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "afspraken", "version": ctx.tool_version},
        "lang": lang,
        "generated": ctx.generated.isoformat(timespec="seconds"),
        "rulesets": list(report.rulesets),
        "files": [
            {
                "path": r.path,
                "evaluated": r.evaluated,
                "title": r.title,
                "meta": dict(r.meta),
                "problems": [_problem(p, lang) for p in r.problems],
                "findings": [_finding(f, lang) for f in r.findings],
                "rules": [{"rule": o.rule, "outcome": o.outcome.value, "severity": o.severity.value} for o in r.outcomes],
                "crashes": [_crash(c, lang) for c in r.crashes],
                "rulesets": list(r.rulesets),
            }
            for r in report.files
        ],
        "problems": [_problem(p, lang) for p in report.problems],
        "crashes": [_crash(c, lang) for c in report.crashes],
        "summary": {
            "files": len(report.files),
            "not_evaluated": sum(1 for r in report.files if not r.evaluated),
            **tally,
            "crashes": len(report.crashes) + sum(len(r.crashes) for r in report.files),
        },
        "exit_code": report.exit_code(ctx.fail_on),
    }


def render(report: Report, ctx: Context) -> str:
    # No indent: json's C encoder is used only without it (10x faster on a large corpus).
    return json.dumps(as_dict(report, ctx), ensure_ascii=False) + "\n"
