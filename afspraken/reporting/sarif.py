"""SARIF 2.1.0 output, for code scanning (GitHub, GitLab, Azure DevOps) and editors.

What code scanning needs to show and de-duplicate alerts:

- URIs relative to ``%SRCROOT%`` (the git repository root, else the working folder), given in
  ``originalUriBaseIds``; normalised, so a run from a sub-folder or with absolute paths gives
  the same URIs;
- ``partialFingerprints`` that do not depend on line numbers or message text: a hash of the
  rule, the file, the key paths and an occurrence index (two findings alike on one line differ);
- regions with end positions; ``helpUri``, ``help`` and ``fullDescription`` for every rule;
- related locations linked from the message as ``[text](id)``.
"""

from __future__ import annotations

from afspraken.reporting.escaping import dumps
from pathlib import Path
from collections.abc import Iterator, Sequence
from typing import Any, Optional
from urllib.parse import quote

from afspraken.reporting import Context, streamed
from afspraken.reporting.links import rule_url
from afspraken.reporting.spans import fingerprint, is_file, relative, repository_root, absolute, span
from afspraken.results import Failure, FileResult, Finding, Location, Problem, Report
from afspraken.rules import Severity, Text

LEVELS = {Severity.FOUT: "error", Severity.WAARSCHUWING: "warning", Severity.ADVIES: "note", Severity.UIT: "none"}
# GitHub's own scale for non-security alerts.
PROBLEM_SEVERITY = {Severity.FOUT: "error", Severity.WAARSCHUWING: "warning", Severity.ADVIES: "recommendation", Severity.UIT: "recommendation"}
INPUT_RULE = "invoerfout"  # a file that could not be evaluated
SRCROOT = "%SRCROOT%"
FINGERPRINT = "afspraken/v1"
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

INPUT_TEXT = {
    "name": Text("invoerfout", "input-error"),
    "short": Text("Het bestand kon niet worden beoordeeld", "The file could not be evaluated"),
    "full": Text(
        "Het bestand is geen geldige afspraak in formaat 1: de TOML is kapot, een verplichte sleutel ontbreekt, "
        "een waarde heeft het verkeerde type of een verwijzing klopt niet. Dan kan geen regel worden getoetst.",
        "The file is not a valid agreement in format 1: the TOML is broken, a required key is missing, a value "
        "has the wrong type or a reference does not resolve. Then no rule can be checked.",
    ),
    "help": Text(
        "Los de melding op op de aangegeven plek; `afspraken check BESTAND` noemt alle problemen tegelijk. "
        "Het formaat staat in docs/formaat.md; `afspraken schema` geeft het JSON Schema voor de editor.",
        "Fix the problem at the place given; `afspraken check FILE` lists every problem at once. "
        "The format is described in docs/formaat.md; `afspraken schema` gives the JSON Schema for the editor.",
    ),
}


class _Paths:
    """URIs relative to one root, the same however the files were named: the git repository of
    the working folder, else that of the first checked file, else the working folder."""

    def __init__(self) -> None:
        self.cwd = Path.cwd()
        self._root: Optional[Path] = repository_root(self.cwd)
        # The last file's artifact: every location of a file names the same one, and working it out
        # may resolve symlinks three times. One entry, so memory stays flat over any number of files.
        self._last: tuple[str, dict[str, Any]] = ("", {})

    @property
    def root(self) -> Path:
        return self._root or self.cwd

    def artifact(self, file: str) -> dict[str, Any]:
        last, known = self._last
        if file == last and known:
            return known  # shared by the locations: nothing changes an artifact once made
        artifact = self._artifact(file)
        self._last = (file, artifact)
        return artifact

    def _artifact(self, file: str) -> dict[str, Any]:
        if not is_file(file):
            return {"uri": quote(file, errors="surrogateescape")}
        if self._root is None:  # decided by the first file: results are written as they come
            self._root = repository_root(absolute(file).parent) or self.cwd
        rel = relative(file, self.root)
        if rel is None:
            return {"uri": Path(file).resolve().as_uri()}
        return {"uri": quote(rel, errors="surrogateescape"), "uriBaseId": SRCROOT}  # a name that is not UTF-8: its bytes

    def key(self, file: str) -> str:
        """The file as the fingerprint sees it."""
        return str(self.artifact(file)["uri"])

    def physical(self, loc: Location) -> dict[str, Any]:
        physical: dict[str, Any] = {"artifactLocation": self.artifact(loc.file)}
        if loc.line >= 1 and is_file(loc.file):  # line 0: no place in the file (a folder, an option)
            s = span(loc)
            physical["region"] = {"startLine": s.line, "startColumn": s.column, "endLine": s.end_line, "endColumn": s.end_column}
        elif loc.line >= 1:
            physical["region"] = {"startLine": loc.line, "startColumn": max(loc.column, 1)}
        out: dict[str, Any] = {"physicalLocation": physical}
        if loc.key:
            out["logicalLocations"] = [{"fullyQualifiedName": loc.key, "kind": "member"}]
        return out


def _fingerprint(parts: list[str], seen: dict[str, int]) -> dict[str, str]:
    return {FINGERPRINT: fingerprint(parts, seen)}


def _escape(text: str) -> str:
    """Plain-text SARIF messages with embedded links need literal brackets escaped."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _descriptor(rule_id: str, rule: Any, ctx: Context) -> dict[str, Any]:
    lang = ctx.lang
    origin = ctx.origins.get(rule_id, "")
    source_line = f" ({rule.source})" if rule.source else ""
    fix_label = Text("Oplossing", "Fix")(lang)
    return {
        "id": rule.id,
        "name": rule.title(lang),
        "shortDescription": {"text": rule.title(lang)},
        "fullDescription": {"text": rule.summary(lang)},
        "help": {
            "text": f"{rule.rationale(lang)}\n\n\u201c{rule.quote}\u201d{source_line}\n\n{fix_label}: {rule.fix(lang)}",
            "markdown": f"{rule.rationale(lang)}\n\n> {rule.quote}" + (f"\n>\n> \u2014 {rule.source}" if rule.source else "")
            + f"\n\n**{fix_label}:** {rule.fix(lang)}",
        },
        "helpUri": rule_url(rule_id, rule, ctx.rule_url, lang),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": list(dict.fromkeys(t for t in (origin, rule.source, rule.plugin) if t)),  # SARIF: unique; a set may bear its plugin's name
            "precision": "very-high",  # a rule reads structured data: no guessing
            "problem.severity": PROBLEM_SEVERITY[rule.severity],
            "regelset": origin,
            "plugin": rule.plugin,
            "ernst": rule.severity.value,
        },
    }


def _input_descriptor(ctx: Context) -> dict[str, Any]:
    lang = ctx.lang
    return {
        "id": INPUT_RULE,
        "name": INPUT_TEXT["name"](lang),
        "shortDescription": {"text": INPUT_TEXT["short"](lang)},
        "fullDescription": {"text": INPUT_TEXT["full"](lang)},
        "help": {"text": INPUT_TEXT["help"](lang), "markdown": INPUT_TEXT["help"](lang)},
        "helpUri": ctx.rule_url.replace("{id}", INPUT_RULE) if ctx.rule_url else rule_url(INPUT_RULE, None, "", lang),
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["invoer" if lang == "nl" else "input"], "precision": "very-high", "problem.severity": "error"},
    }


def _problem_result(p: Problem, paths: _Paths, index: int, seen: dict[str, int], lang: str) -> dict[str, Any]:
    return {
        "ruleId": INPUT_RULE,
        "ruleIndex": index,
        "level": "error",
        "kind": "fail",
        "message": {"text": p.message(lang)},
        "locations": [paths.physical(p.location)],
        "partialFingerprints": _fingerprint([INPUT_RULE, paths.key(p.location.file), p.code, p.location.key], seen),
        "properties": {"code": p.code},
    }


def _finding_result(f: Finding, paths: _Paths, index: Optional[int], seen: dict[str, int], lang: str) -> dict[str, Any]:
    message = f.message(lang)
    related = []
    more = f.more_text
    if len(f.locations) > 1 or more is not None:
        word = Text("regel", "line")(lang)
        links = []
        for i, loc in enumerate(f.locations[1:], 1):
            related.append({"id": i, **paths.physical(loc), "message": {"text": loc.key or f"{word} {loc.line}"}})
            links.append(f"[{word} {loc.line}]({i})")
        listed = ", ".join(links)
        if more is not None:  # "[regel 3](1), [regel 5](2) en nog 50 plaatsen"
            listed = f"{listed} {_escape(more(lang))}".lstrip()
        message = f"{_escape(message)} ({Text('zie ook', 'see also')(lang)}: {listed})"
    keys = [loc.key for loc in f.locations]
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": LEVELS[f.severity],
        "kind": "fail",
        "message": {"text": message},
        "locations": [paths.physical(f.location)],
        "partialFingerprints": _fingerprint([f.rule, paths.key(f.location.file), *keys], seen),
    }
    if index is not None:
        result["ruleIndex"] = index
    if related:
        result["relatedLocations"] = related
    if f.explained is not None:
        result["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": f.explained(lang)}]
    if f.undecided:
        result["properties"] = {"onbeslist": True}
    if f.amount > 1:  # counts a rule's findings past MAX_FINDINGS in this file
        result.setdefault("properties", {})["amount"] = f.amount
    if f.more_locations:
        result.setdefault("properties", {})["moreLocations"] = f.more_locations  # named by the rule, not located
    return result


def as_dict(
    report: Report, ctx: Context, crashes: Sequence[Failure] = (), broken: bool = False, paths: Optional[_Paths] = None,
    index: Optional[dict[str, int]] = None,
) -> dict[str, Any]:
    """The whole log; ``crashes`` and ``broken``: of the files, when ``report`` has none (streaming);
    ``index``: rule id -> its place in ``driver.rules``, as the results met them (streaming)."""
    lang = ctx.lang
    paths = paths or _Paths()
    if index is None:
        index = _Index(ctx)
        results = [result for r in report.files for result in _results(r, index, paths, {}, lang)]  # fingerprints counted per file
    else:
        results = []
    descriptors = [_input_descriptor(ctx) if rule_id == INPUT_RULE else _descriptor(rule_id, ctx.rules[rule_id], ctx) for rule_id in index]
    notifications = [
        {
            "level": "error",
            "message": {"text": c.message(lang)},
            **({"locations": [paths.physical(Location(c.file, 1, 1))]} if c.file else {}),
            "properties": {"plugin": c.plugin},
        }
        for c in (*report.crashes, *(c for r in report.files for c in r.crashes), *crashes)
    ]
    notifications += [
        {"level": "error", "message": {"text": p.message(lang)}, **({"locations": [paths.physical(p.location)]} if p.location.line else {})}
        for p in report.problems
    ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "results": results,
                # After the results: the rules they met, and the root the first file written may decide.
                "tool": {
                    "driver": {
                        "name": "afspraken",
                        "version": ctx.tool_version,
                        "informationUri": "https://pypi.org/project/afspraken/",
                        "language": lang,
                        "rules": descriptors,
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": paths.root.resolve().as_uri().rstrip("/") + "/"}},
                "invocations": [{"executionSuccessful": not (report.broken or broken), "toolExecutionNotifications": notifications}],
                "language": lang,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


class _Index(dict[str, int]):
    """Rule id -> its place in ``driver.rules``, in the order the results meet the rules: a rule set
    chosen by a file's soort is known only when that file is checked. Rules that ran (an outcome)
    are described too; the input-error rule always is, first."""

    def __init__(self, ctx: Context) -> None:
        super().__init__({INPUT_RULE: 0})
        self.known = ctx.rules

    def meet(self, r: FileResult) -> None:
        for rule_id in sorted({o.rule for o in r.outcomes} | {f.rule for f in r.findings}):
            if rule_id not in self and rule_id in self.known:
                self[rule_id] = len(self)


def _results(r: FileResult, index: _Index, paths: _Paths, seen: dict[str, int], lang: str) -> Iterator[dict[str, Any]]:
    index.meet(r)
    for p in r.problems:
        yield _problem_result(p, paths, index[INPUT_RULE], seen, lang)
    for f in r.findings:
        yield _finding_result(f, paths, index.get(f.rule), seen, lang)


_RESULTS = '"results": []'


class Writer:
    """The same log, its ``results`` array written one file at a time; the invocation (which
    says whether every file could be evaluated) follows it."""

    def __init__(self, head: Report, ctx: Context) -> None:
        self.head, self.ctx = head, ctx
        self.crashes: list[Failure] = []  # rules that failed on a file: notifications at the end
        self.broken = False
        self.first = True
        self.paths = _Paths()
        self.index = _Index(ctx)
        start = dumps(as_dict(head, ctx, paths=self.paths, index=self.index))
        self._start = start[: start.index(_RESULTS) + len(_RESULTS) - 1]  # strings escape '"'

    def start(self) -> str:
        return self._start

    def file(self, result: FileResult) -> str:
        self.crashes += result.crashes
        self.broken = self.broken or bool(result.problems or result.crashes)
        # A fingerprint holds the file, so it can only recur within one file: counting per file
        # keeps memory flat over any number of files.
        seen: dict[str, int] = {}
        results = list(_results(result, self.index, self.paths, seen, self.ctx.lang))
        if not results:
            return ""
        text = dumps(results)[1:-1]  # one call for the file: the items as the array writes them, ", " between
        if self.first:
            self.first = False
            return text
        return ", " + text

    def end(self) -> str:
        text = dumps(as_dict(self.head, self.ctx, self.crashes, self.broken, self.paths, self.index))
        return text[text.index(_RESULTS) + len(_RESULTS) - 1 :] + "\n"


def render(report: Report, ctx: Context) -> str:
    return streamed(Writer)(report, ctx)
