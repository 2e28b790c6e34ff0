"""JSON output, documented in docs/json.md and described by ``rapport.schema.json``."""

from __future__ import annotations

from afspraken.reporting.escaping import dumps
from typing import Any, Optional

from afspraken.checking.profile import as_dict as profile_dict
from afspraken.reporting import Context, streamed
from afspraken.results import Failure, FileResult, Finding, Location, Problem, Report, Tally

SCHEMA_VERSION = 2  # 2: files[].profile, the participation profile


def _location(loc: Location) -> dict[str, Any]:
    end_line, end_column = loc.end
    return {"file": loc.file, "line": loc.line, "column": loc.column, "end_line": end_line, "end_column": end_column, "key": loc.key}


def _problem(p: Problem, lang: str) -> dict[str, Any]:
    return {**_location(p.location), "code": p.code, "message": p.message(lang)}


def _crash(c: Failure, lang: str) -> dict[str, Any]:
    return {
        "plugin": c.plugin, "what": c.what, "stage": c.stage, "subject": c.subject, "error": c.error,
        "file": c.file, "where": c.where, "origin": c.origin, "message": c.message(lang),
    }


def _finding(f: Finding, lang: str) -> dict[str, Any]:
    locations = f.locations
    first = _location(locations[0])
    return {
        "rule": f.rule,
        "severity": f.severity._value_,  # .value of an enum is a descriptor call: this runs per finding
        "message": f.message(lang),
        "line": first["line"],
        "column": first["column"],
        "end_line": first["end_line"],
        "end_column": first["end_column"],
        "key": first["key"],
        "locations": [first, *(_location(loc) for loc in locations[1:])] if len(locations) > 1 else [first],
        "more_locations": f.more_locations,
        "amount": f.amount,
        "undecided": f.undecided,
        "explained": f.explained(lang) if f.explained is not None else None,
        "fix": f.fix(lang) if f.fix is not None else None,
    }


def _file(r: FileResult, lang: str) -> dict[str, Any]:
    return {
        "path": r.path,
        "evaluated": r.evaluated,
        "title": r.title,
        "meta": dict(r.meta),
        "problems": [_problem(p, lang) for p in r.problems],
        "findings": [_finding(f, lang) for f in r.findings],
        "rules": [{"rule": o.rule, "outcome": o.outcome._value_, "severity": o.severity._value_} for o in r.outcomes],
        "crashes": [_crash(c, lang) for c in r.crashes],
        "rulesets": list(r.rulesets),
        "profile": profile_dict(r.profile) if r.profile is not None else None,
    }


def as_dict(report: Report, ctx: Context, tally: Optional[Tally] = None) -> dict[str, Any]:
    """The whole report as JSON data; ``tally`` counts the files when ``report`` has none (streaming)."""
    lang = ctx.lang
    if tally is None:
        tally = report.tally()
    return {
        "schema": "afspraken-rapport",
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "afspraken", "version": ctx.tool_version},
        "lang": lang,
        "generated": ctx.generated.isoformat(timespec="seconds"),
        "files": [_file(r, lang) for r in report.files],
        "rulesets": list(report.rulesets),  # after the files: streamed, the files' soort decides them
        "problems": [_problem(p, lang) for p in report.problems],
        "crashes": [_crash(c, lang) for c in report.crashes],
        "notes": [_problem(p, lang) for p in report.notes],  # files skipped (code "overgeslagen"), with the reason
        "summary": {
            "files": tally.files,
            "not_evaluated": tally.not_evaluated,
            **tally.counts,
            "crashes": len(report.crashes) + tally.crashes,
            "skipped": sum(1 for n in report.notes if n.code == "overgeslagen"),
        },
        "exit_code": tally.exit_code(report, ctx.fail_on),
    }


_FILES = '"files": []'


class Writer:
    """The same JSON, its ``files`` array written one file at a time."""

    def __init__(self, head: Report, ctx: Context) -> None:
        self.head, self.ctx, self.tally, self.first = head, ctx, Tally(), True
        self.rulesets: dict[str, None] = {}  # the sets the files were judged by, in order met

    def start(self) -> str:
        text = dumps(as_dict(self.head, self.ctx))
        return text[: text.index(_FILES) + len(_FILES) - 1]  # strings escape '"': the first is the key

    def file(self, result: FileResult) -> str:
        self.tally.add(result)
        self.rulesets.update(dict.fromkeys(result.rulesets))
        text = dumps(_file(result, self.ctx.lang))
        if self.first:
            self.first = False
            return text
        return ", " + text

    def end(self) -> str:
        head = self.head._replace(rulesets=tuple(self.rulesets)) if self.rulesets else self.head  # none judged: the settings' sets
        text = dumps(as_dict(head, self.ctx, self.tally))
        return text[text.index(_FILES) + len(_FILES) - 1 :] + "\n"


def render(report: Report, ctx: Context) -> str:
    # No indent: json's C encoder is used only without it (10x faster on a large corpus).
    return streamed(Writer)(report, ctx)
