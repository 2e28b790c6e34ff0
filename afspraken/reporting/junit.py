"""JUnit XML (the Ant/Jenkins dialect most CI systems read).

One ``<testsuite>`` per file, one ``<testcase>`` per rule that ran on it
(``name`` = rule id, ``classname`` = the file path without its extension and
with no dots, which Jenkins would split on; ``file`` and ``line`` say where):

- a finding that counts (also "could not decide") at or above ``--fail-on`` is a
  ``<failure>`` whose ``type`` is the severity; several findings of one rule
  share one failure, whose text lists them all with their locations;
- a finding below ``--fail-on`` (or any, with ``--fail-on nooit``) fails nothing:
  the pipeline is green, so no test is red; it is listed in ``<system-out>``;
- findings explained by a waiver make the case ``<skipped message="uitgelegd: ...">``;
- a rule that crashed is an ``<error>``;
- a file that could not be evaluated has one case ``invoer`` with an
  ``<error>`` per problem;
- settings errors and plugin failures not tied to a file go into a suite
  ``afspraken`` (cases ``instellingen`` and ``plugins``).

``tests`` counts test cases; ``failures``/``errors``/``skipped`` count the
cases with such an element (as JUnit does: a case fails once).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from afspraken.reporting import Context
from afspraken.reporting.escaping import escaped
from afspraken.reporting.sections import total
from afspraken.results import (
    Failure,
    FileResult,
    Finding,
    Outcome,
    Problem,
    Report,
    RuleOutcome,
)
from afspraken.rules import Text

INPUT_CASE = "invoer"
# XML 1.0 cannot hold these characters at all, not even escaped.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text: str) -> str:
    """Text that XML 1.0 can carry (control characters become U+FFFD)."""
    return _SURROGATE.sub("\ufffd", _INVALID.sub("\ufffd", text))


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {k: clean(v) for k, v in attrs.items()})
    if text:
        node.text = clean(text)
    return node


def _finding_text(f: Finding, lang: str) -> str:
    lines = [f"{f.severity.label(lang)} {f.rule}: {f.message(lang)}", f"  {Text('plaats', 'location')(lang)}: {_where(f.location)}"]
    lines += [f"  {Text('zie ook', 'see also')(lang)}: {_where(loc)}" for loc in f.locations[1:]]
    more = f.more_text
    if more is not None:
        lines.append(f"  {more(lang)}")
    if f.explained is not None:
        lines.append(f"  {Text('toelichting', 'explanation')(lang)}: {f.explained(lang)}")
    elif f.fix is not None:
        lines.append(f"  {Text('oplossing', 'fix')(lang)}: {f.fix(lang)}")
    return "\n".join(lines)


def _where(loc: object) -> str:
    key = getattr(loc, "key", "")
    return f"{loc} ({key})" if key else str(loc)


def class_name(path: str) -> str:
    """``./voorbeelden/ongelijke-stem.toml`` -> ``voorbeelden/ongelijke-stem``: no extension, and no
    dots at all (Jenkins takes the part after the last dot as the class, the rest as the package)."""
    import posixpath

    plain = posixpath.normpath(path.replace("\\", "/")) if path else path
    stem, ext = posixpath.splitext(plain)
    return (stem if ext.lower() == ".toml" else plain).replace(".", "_")


def _case(suite: ET.Element, name: str, path: str, counts: dict[str, int], line: int = 0, *, in_file: bool = True) -> ET.Element:
    counts["tests"] += 1
    where = {"file": path} if path and in_file else {}
    if line >= 1 and where:
        where["line"] = str(line)
    return _sub(suite, "testcase", name=name, classname=class_name(path), time="0", **where)


def _fails(f: Finding, ctx: Context) -> bool:
    return f.counts and ctx.fail_on is not None and f.severity.rank >= ctx.fail_on.rank


def _rule_case(suite: ET.Element, result: FileResult, outcome: RuleOutcome, ctx: Context, counts: dict[str, int]) -> None:
    lang = ctx.lang
    findings = [f for f in result.findings if f.rule == outcome.rule]
    case = _case(suite, outcome.rule, result.path, counts, findings[0].location.line if findings else 0)
    counting = [f for f in findings if _fails(f, ctx)]
    below = [f for f in findings if f.counts and not _fails(f, ctx)]
    if outcome.outcome is Outcome.CRASH:
        crashes = [c for c in result.crashes if c.stage == "rule" and c.subject == outcome.rule] or list(result.crashes[:1])
        message = crashes[0].message(lang) if crashes else Text("de regel faalde", "the rule failed")(lang)
        _sub(case, "error", "\n".join(c.error for c in crashes) or None, message=message, type="crash")
        counts["errors"] += 1
    elif counting:
        first = counting[0]
        message = first.message(lang)
        n = total(counting)  # the last may count those past MAX_FINDINGS
        if n > 1:
            message = Text(f"{n} bevindingen; de eerste: {message}", f"{n} findings; the first: {message}")(lang)
        kind = first.severity.value
        _sub(case, "failure", "\n\n".join(_finding_text(f, lang) for f in counting), message=message, type=kind)
        counts["failures"] += 1
    elif findings and not below:  # all explained by a waiver
        why = findings[0].explained
        label = Text("uitgelegd", "explained")(lang)
        _sub(case, "skipped", "\n\n".join(_finding_text(f, lang) for f in findings), message=f"{label}: {why(lang) if why else ''}")
        counts["skipped"] += 1
    if below:  # visible, but not red: the pipeline passes on these
        limit = ctx.fail_on.value if ctx.fail_on is not None else "nooit"
        head = Text(f"onder --fail-on {limit}, telt niet als mislukt:", f"below --fail-on {limit}, does not fail:")(lang)
        _sub(case, "system-out", "\n\n".join([head, *(_finding_text(f, lang) for f in below)]))


def _input_case(
    suite: ET.Element, path: str, problems: Iterable[Problem], lang: str, counts: dict[str, int], name: str = INPUT_CASE, *, in_file: bool = True
) -> None:
    problems = list(problems)
    line = min((p.location.line for p in problems if p.location.line >= 1), default=0)
    case = _case(suite, name, path, counts, line, in_file=in_file)
    for p in problems:
        _sub(case, "error", f"{p.location}: {p.message(lang)}", message=p.message(lang), type=p.code)
    counts["errors"] += 1


def _crash_case(suite: ET.Element, path: str, crashes: Iterable[Failure], lang: str, counts: dict[str, int], *, in_file: bool = True) -> None:
    case = _case(suite, "plugins", path, counts, in_file=in_file)
    for c in crashes:
        _sub(case, "error", c.error, message=c.message(lang), type="crash")
    counts["errors"] += 1


def _suite(parent: ET.Element, name: str, ctx: Context) -> tuple[ET.Element, dict[str, int]]:
    suite = _sub(parent, "testsuite", name=name, timestamp=ctx.generated.replace(tzinfo=None).isoformat(timespec="seconds"))
    return suite, {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}


def _close(suite: ET.Element, counts: dict[str, int], totals: dict[str, int]) -> None:
    for key in ("tests", "failures", "errors", "skipped"):
        suite.set(key, str(counts[key]))
        totals[key] += counts[key]
    suite.set("time", "0")


def _file_suite(root: ET.Element, result: FileResult, report: Report, ctx: Context, totals: dict[str, int]) -> None:
    lang = ctx.lang
    suite, counts = _suite(root, result.path, ctx)
    props = [("titel", result.title), ("regelsets", ", ".join(result.rulesets))]
    props += [(k, v) for k, v in result.meta.items() if k != "titel"]
    props = [(k, v) for k, v in props if v]
    if props:
        node = _sub(suite, "properties")
        for k, v in props:
            _sub(node, "property", name=k, value=v)
    if result.problems:
        _input_case(suite, result.path, result.problems, lang, counts)
    elif report.problems and not result.outcomes:
        msg = Text("niet beoordeeld: de instellingen bevatten fouten", "not evaluated: the settings contain errors")(lang)
        case = _case(suite, INPUT_CASE, result.path, counts)
        _sub(case, "error", None, message=msg, type="instellingen")
        counts["errors"] += 1
    else:
        seen = set()
        for outcome in result.outcomes:
            seen.add(outcome.rule)
            _rule_case(suite, result, outcome, ctx, counts)
        for f in result.findings:  # a finding without an outcome still must not vanish
            if f.rule not in seen:
                seen.add(f.rule)
                _rule_case(suite, result, RuleOutcome(f.rule, Outcome.BEVINDING, f.severity), ctx, counts)
        other = [c for c in result.crashes if c.stage != "rule" or c.subject not in seen]
        if other:
            _crash_case(suite, result.path, other, lang, counts)
    _close(suite, counts, totals)


def as_element(report: Report, ctx: Context) -> ET.Element:
    root = ET.Element("testsuites", {"name": "afspraken"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if report.problems or report.crashes:
        suite, counts = _suite(root, "afspraken", ctx)
        if report.problems:
            _input_case(suite, "afspraken", report.problems, ctx.lang, counts, name="instellingen", in_file=False)
        if report.crashes:
            _crash_case(suite, "afspraken", report.crashes, ctx.lang, counts, in_file=False)
        _close(suite, counts, totals)
    for result in report.files:
        _file_suite(root, result, report, ctx, totals)
    for key in ("tests", "failures", "errors"):  # <testsuites> has no `skipped` in the common (Jenkins) schema
        root.set(key, str(totals[key]))
    root.set("time", "0")
    return root


def render(report: Report, ctx: Context) -> str:
    root = as_element(escaped(report), ctx)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
