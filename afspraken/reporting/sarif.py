"""SARIF 2.1.0 output, for code-scanning dashboards and editors."""

from __future__ import annotations

import json
from pathlib import Path
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import quote

from afspraken.reporting import Context, streamed
from afspraken.results import Failure, FileResult, Location, Report
from afspraken.rules import Severity

LEVELS = {Severity.FOUT: "error", Severity.WAARSCHUWING: "warning", Severity.ADVIES: "note", Severity.UIT: "none"}
INPUT_RULE = "invoerfout"  # a file that could not be evaluated
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _uri(file: str) -> str:
    path = Path(file)
    if file.startswith("<") or file == "-":
        return quote(file, errors="surrogateescape")
    if path.is_absolute():
        try:
            return quote(path.relative_to(Path.cwd()).as_posix(), errors="surrogateescape")
        except ValueError:
            return path.as_uri()
    return quote(path.as_posix(), errors="surrogateescape")  # a name that is not UTF-8: its bytes


def _physical(loc: Location) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(loc.file)},
            "region": {"startLine": max(loc.line, 1), "startColumn": max(loc.column, 1)},  # SARIF counts from 1
        },
        **({"logicalLocations": [{"fullyQualifiedName": loc.key, "kind": "member"}]} if loc.key else {}),
    }


def as_dict(report: Report, ctx: Context, crashes: Sequence[Failure] = (), broken: bool = False) -> dict[str, Any]:
    """The whole log; ``crashes`` and ``broken``: of the files, when ``report`` has none (streaming)."""
    lang = ctx.lang
    used = sorted({f.rule for f in report.findings} | set(ctx.rules))
    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule_id in used:
        rule = ctx.rules.get(rule_id)
        if rule is None:
            continue
        index[rule_id] = len(descriptors)
        descriptors.append(
            {
                "id": rule.id,
                "name": rule.title(lang),
                "shortDescription": {"text": rule.title(lang)},
                "fullDescription": {"text": rule.summary(lang)},
                "help": {
                    "text": f"{rule.rationale(lang)}\n\n\u201c{rule.quote}\u201d" + (f" ({rule.source})" if rule.source else "") + f"\n\n{rule.fix(lang)}",
                    "markdown": f"{rule.rationale(lang)}\n\n> {rule.quote}" + (f"\n>\n> \u2014 {rule.source}" if rule.source else "")
                    + f"\n\n**{'Fix' if lang == 'en' else 'Oplossing'}:** {rule.fix(lang)}",
                },
                "defaultConfiguration": {"level": LEVELS[rule.severity]},
                "properties": {"plugin": rule.plugin, "ernst": rule.severity.value},
            }
        )
    index[INPUT_RULE] = len(descriptors)
    descriptors.append(
        {
            "id": INPUT_RULE,
            "name": "invoerfout" if lang == "nl" else "input error",
            "shortDescription": {"text": "Het bestand kon niet worden beoordeeld" if lang == "nl" else "The file could not be evaluated"},
            "defaultConfiguration": {"level": "error"},
        }
    )
    results = [result for r in report.files for result in _results(r, index, lang)]
    notifications = [
        {
            "level": "error",
            "message": {"text": c.message(lang)},
            **({"locations": [_physical(Location(c.file, 1, 1))]} if c.file else {}),
            "properties": {"plugin": c.plugin},
        }
        for c in (*report.crashes, *(c for r in report.files for c in r.crashes), *crashes)
    ]
    notifications += [
        {"level": "error", "message": {"text": p.message(lang)}, **({"locations": [_physical(p.location)]} if p.location.line else {})}
        for p in report.problems
    ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "afspraken",
                        "version": ctx.tool_version,
                        "informationUri": "https://pypi.org/project/afspraken/",
                        "language": lang,
                        "rules": descriptors,
                    }
                },
                "results": results,
                "invocations": [{"executionSuccessful": not (report.broken or broken), "toolExecutionNotifications": notifications}],
                "language": lang,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def _results(r: FileResult, index: dict[str, int], lang: str) -> Iterator[dict[str, Any]]:
    for p in r.problems:
        yield {
            "ruleId": INPUT_RULE,
            "ruleIndex": index[INPUT_RULE],
            "level": "error",
            "kind": "fail",
            "message": {"text": p.message(lang)},
            "locations": [_physical(p.location)],
            "properties": {"code": p.code},
        }
    for f in r.findings:
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "level": LEVELS[f.severity],
            "kind": "fail",
            "message": {"text": f.message(lang)},
            "locations": [_physical(f.location)],
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if len(f.locations) > 1:
            result["relatedLocations"] = [{"id": i, **_physical(loc)} for i, loc in enumerate(f.locations[1:], 1)]
        if f.explained is not None:
            result["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": f.explained(lang)}]
        if f.undecided:
            result["properties"] = {"onbeslist": True}
        yield result


_RESULTS = '"results": []'


class Writer:
    """The same log, its ``results`` array written one file at a time; the invocation (which
    says whether every file could be evaluated) follows it."""

    def __init__(self, head: Report, ctx: Context) -> None:
        self.head, self.ctx = head, ctx
        self.crashes: list[Failure] = []  # rules that failed on a file: notifications at the end
        self.broken = False
        self.first = True
        data = as_dict(head, ctx)
        start = json.dumps(data, ensure_ascii=False)
        self._start = start[: start.index(_RESULTS) + len(_RESULTS) - 1]  # strings escape '"'
        self.index = {d["id"]: i for i, d in enumerate(data["runs"][0]["tool"]["driver"]["rules"])}

    def start(self) -> str:
        return self._start

    def file(self, result: FileResult) -> str:
        self.crashes += result.crashes
        self.broken = self.broken or bool(result.problems or result.crashes)
        parts = [json.dumps(r, ensure_ascii=False) for r in _results(result, self.index, self.ctx.lang)]
        if not parts:
            return ""
        text = ", ".join(parts)
        if self.first:
            self.first = False
            return text
        return ", " + text

    def end(self) -> str:
        text = json.dumps(as_dict(self.head, self.ctx, self.crashes, self.broken), ensure_ascii=False)
        return text[text.index(_RESULTS) + len(_RESULTS) - 1 :] + "\n"


def render(report: Report, ctx: Context) -> str:
    return streamed(Writer)(report, ctx)
