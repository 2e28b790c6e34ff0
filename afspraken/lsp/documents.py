"""One document checked for the editor: diagnostics, and what hover and code actions need.

Positions: the checker counts 1-based lines and columns in characters; LSP counts 0-based
lines and UTF-16 code units. The spans come from :mod:`afspraken.reporting.spans`, so the
ranges follow the locations' ends once those carry them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, Optional

from lsprotocol import types

from afspraken.checking.engine import ALWAYS
from afspraken.reading.files import toml_lines
from afspraken.reading.discovery import is_agreement_text
from afspraken.reporting.links import rule_url
from afspraken.reporting.spans import span
from afspraken.results import Finding, Location, Problem, error_text
from afspraken.rules import Rule, Severity, Text

if TYPE_CHECKING:
    from afspraken.checking.run import Checker

SOURCE = "afspraken"
SEVERITY = {
    Severity.FOUT: types.DiagnosticSeverity.Error,
    Severity.WAARSCHUWING: types.DiagnosticSeverity.Warning,
    Severity.ADVIES: types.DiagnosticSeverity.Information,
    Severity.UIT: types.DiagnosticSeverity.Hint,
}
PLACEHOLDER = Text("VUL IN: waarom deze regel hier niet wordt toegepast", "VUL IN: why this rule does not apply here")


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Analysis(NamedTuple):
    """The check of one version of a document."""

    path: str
    text: str
    diagnostics: list[types.Diagnostic]
    findings: list[tuple[types.Range, Finding]]
    problems: list[tuple[types.Range, Problem]]
    rules: Mapping[str, Rule[Any]] = {}  # every rule known when it was checked, for hover


def to_range(loc: Location, text: str) -> types.Range:
    lines = toml_lines(text)
    if loc.line < 1:
        return types.Range(types.Position(0, 0), types.Position(0, 0))
    s = span(loc, text)

    def position(line: int, column: int) -> types.Position:
        index = min(line, len(lines)) - 1
        return types.Position(index, utf16(lines[index][: column - 1]))

    return types.Range(position(s.line, s.column), position(s.end_line, s.end_column))


def _uri(path: str) -> str:
    try:
        return Path(path).resolve().as_uri()
    except ValueError:
        return path


def analyse(path: str, text: str, lang: str, checker: Optional[Checker] = None) -> Analysis:
    """Check ``text`` as the file ``path`` (its folder's config applies); never raises (a
    failure becomes a diagnostic)."""
    if not is_agreement_text(path, text.encode("utf-8", errors="replace")):
        return Analysis(path, text, [], [], [])  # another tool's TOML, a rule set: not ours to judge
    try:
        if checker is None:
            from afspraken.checking.run import Checker

            checker = Checker()
        return _analyse(path, text, lang, checker)
    except Exception as exc:  # noqa: BLE001 - an editor must get an answer, whatever happened
        message = Text(f"afspraken kon dit bestand niet toetsen (interne fout: {error_text(exc)})", f"afspraken could not check this file (internal error: {error_text(exc)})")
        zero = types.Range(types.Position(0, 0), types.Position(0, 0))
        return Analysis(path, text, [types.Diagnostic(zero, message(lang), types.DiagnosticSeverity.Error, "intern", source=SOURCE)], [], [])


def _analyse(path: str, text: str, lang: str, checker: Checker) -> Analysis:
    import afspraken

    [result] = afspraken.iter_check(afspraken.Document(text, path), lang=lang, checker=checker)  # ~2 ms with the plugins loaded
    env = checker.environment(Path(path).parent)  # this file's settings (the checker serves every folder)
    settings = dict.fromkeys([*checker.registry.problems, *env.problems, *(p for v in env.variants.values() for p in v.problems)])
    rules = checker.registry.rules
    template = env.rule_url
    diagnostics: list[types.Diagnostic] = []
    findings: list[tuple[types.Range, Finding]] = []
    problems: list[tuple[types.Range, Problem]] = []
    for p in result.problems:
        where = to_range(p.location, text)
        problems.append((where, p))
        diagnostics.append(types.Diagnostic(where, p.message(lang), types.DiagnosticSeverity.Error, p.code, source=SOURCE, data={"key": p.location.key}))
    for f in result.findings:
        where = to_range(f.location, text)
        findings.append((where, f))
        message = f.message(lang)
        severity = SEVERITY[f.severity]
        if f.explained is not None:  # accepted by the parties: shown, quietly
            message = f"{Text('uitgelegd', 'explained')(lang)}: {message} ({f.explained(lang)})"
            severity = types.DiagnosticSeverity.Hint
        elif f.fix is not None:
            message += f"\n{Text('Oplossing', 'Fix')(lang)}: {f.fix(lang)}"
        more = f.more_text
        if more is not None:  # the related places shown stop at MAX_PLACES
            message += f"\n{Text('Zie ook', 'See also')(lang)}: {more(lang)}"
        rule = rules.get(f.rule)
        related = [
            types.DiagnosticRelatedInformation(types.Location(_uri(path), to_range(loc, text)), loc.key or f.rule) for loc in f.locations[1:]
        ]
        diagnostics.append(
            types.Diagnostic(
                where, message, severity, f.rule,
                code_description=types.CodeDescription(rule_url(f.rule, rule, template, lang)),
                source=SOURCE, related_information=related or None,
            )
        )
    zero = types.Range(types.Position(0, 0), types.Position(0, 0))
    for c in (*result.crashes, *checker.registry.failures):
        diagnostics.append(types.Diagnostic(zero, c.message(lang), types.DiagnosticSeverity.Warning, "crash", source=SOURCE))
    for p in settings:
        label = Text("instellingen", "settings")(lang)
        diagnostics.append(types.Diagnostic(zero, f"{label}: {p.location}: {p.message(lang)}", types.DiagnosticSeverity.Error, p.code, source=SOURCE))
    return Analysis(path, text, diagnostics, findings, problems, rules)


def contains(r: types.Range, pos: types.Position) -> bool:
    return (r.start.line, r.start.character) <= (pos.line, pos.character) <= (r.end.line, r.end.character)


def overlaps(a: types.Range, b: types.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and (b.start.line, b.start.character) <= (a.end.line, a.end.character)


def _end(text: str) -> types.Position:
    lines = text.split("\n")
    return types.Position(len(lines) - 1, utf16(lines[-1]))


def waiver_edit(uri: str, text: str, rule_id: str, lang: str) -> types.WorkspaceEdit:
    """Append a ``[[uitzondering]]`` for ``rule_id`` with a toelichting to fill in."""
    lead = "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
    block = f"{lead}[[uitzondering]]\nregel = {json.dumps(rule_id)}\ntoelichting = {json.dumps(PLACEHOLDER(lang), ensure_ascii=False)}\n"
    end = _end(text)
    return types.WorkspaceEdit(changes={uri: [types.TextEdit(types.Range(end, end), block)]})


def missing_key_edit(uri: str, text: str, problem: Problem, schema: dict[str, Any]) -> Optional[types.WorkspaceEdit]:
    """For "required key ... is missing": insert it under its table header, with a value of the right type."""
    from afspraken.lsp.keys import HEADER, placeholder, split_key
    from afspraken.reporting.explaining import toml_key

    lines = toml_lines(text)
    loc = problem.location
    if problem.code != "ontbreekt" or "." not in loc.key or not 1 <= loc.line <= len(lines) or not HEADER.match(lines[loc.line - 1]):
        return None
    path = [p for p in split_key(loc.key.replace("[", ".").replace("]", "")) if not p.isdigit()]
    value = placeholder(schema, path, dt.date.today().isoformat())
    at = types.Position(loc.line, 0)
    return types.WorkspaceEdit(changes={uri: [types.TextEdit(types.Range(at, at), f"{toml_key(path[-1])} = {value}\n")]})


def code_actions(uri: str, analysis: Analysis, where: types.Range, schema: dict[str, Any], lang: str) -> list[types.CodeAction]:
    actions: list[types.CodeAction] = []
    waived: set[str] = set()
    for r, f in analysis.findings:
        if not overlaps(r, where) or f.rule in waived or f.rule in ALWAYS or f.explained is not None:
            continue
        waived.add(f.rule)
        title = Text(f"Voeg een [[uitzondering]] toe voor '{f.rule}' (pas toe of leg uit)", f"Add an [[uitzondering]] (waiver) for '{f.rule}'")(lang)
        diagnostics = [d for d in analysis.diagnostics if d.code == f.rule and overlaps(d.range, where)]
        actions.append(types.CodeAction(title, types.CodeActionKind.QuickFix, diagnostics=diagnostics, edit=waiver_edit(uri, analysis.text, f.rule, lang)))
    for r, p in analysis.problems:
        if not overlaps(r, where):
            continue
        edit = missing_key_edit(uri, analysis.text, p, schema)
        if edit is not None:
            key = p.location.key.rsplit(".", 1)[-1]
            title = Text(f"Voeg '{key}' toe", f"Add '{key}'")(lang)
            diagnostics = [d for d in analysis.diagnostics if d.range == r and d.code == p.code and d.message == p.message(lang)]
            actions.append(types.CodeAction(title, types.CodeActionKind.QuickFix, diagnostics=diagnostics, edit=edit, is_preferred=True))
    return actions
