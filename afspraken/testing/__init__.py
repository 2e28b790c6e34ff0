"""Test helpers for rule authors (also a pytest plugin: :mod:`afspraken.testing.fixtures`).

Build an agreement from a small TOML snippet on top of a valid default, run one rule on
it, and assert the rule ids and keys of the findings; or check a whole plugin at once::

    from afspraken.testing import check_plugin, keys, run_rule

    def test_the_plugin_is_sound():
        check_plugin("mijnplugin")  # namespaces, texts, rule sets, and every rule's examples

    def test_too_many(my_rule):
        findings = run_rule(my_rule, '''
            [afspraak]
            bewoners = 100
        ''')
        assert keys(findings) == ["partij[1].professionals"]

A test that cannot fail is worse than none: :func:`run_rule` raises ``AssertionError``
naming the rule when it crashes or returns something other than Violations. The pytest
fixtures are ``afspraak`` (write an agreement file) and ``afspraken_cli`` (run the command
line in a temporary folder). Importing this module is cheap: the work is imported when used.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional, Union

from afspraken.testing.agreements import BASE, drop, dumps, merge
from afspraken.testing.plugins import check_plugin

if TYPE_CHECKING:
    from afspraken.plugins.registry import Registry
    from afspraken.reading.loading import Loaded
    from afspraken.results import FileResult, Finding, Outcome
    from afspraken.rules import Params, Rule

__all__ = [
    "BASE", "agreement_text", "load_agreement", "run_rule", "check_rule", "check_plugin",
    "rule_ids", "keys", "outcome", "merge", "drop", "dumps",
]


def agreement_text(snippet: str = "", *, without: Sequence[str] = (), base: str = BASE, comments: bool = False) -> str:
    """The TOML text of ``base`` with ``snippet`` merged in and the ``without`` keys removed.
    With ``comments``, the snippet's comments follow at the end (for rules that read the text)."""
    import tomli

    snippet = textwrap.dedent(snippet)
    data = merge(tomli.loads(base), tomli.loads(snippet))
    for dotted in without:
        drop(data, dotted)
    text = dumps(data)
    if comments:
        text += "".join(f"#{line.split('#', 1)[1]}\n" for line in snippet.splitlines() if "#" in line)
    return text


def load_agreement(
    snippet: str = "", *, without: Sequence[str] = (), base: str = BASE, name: str = "afspraak.toml", comments: bool = False,
    plugins: Sequence[str] = (),
) -> Loaded:
    """Build and validate an agreement; raises ``AssertionError`` listing every problem.
    ``plugins``: modules or ``.py`` files loaded besides the installed ones (as ``--plugin``),
    whose ``[extensies.*]`` models then validate their sections."""
    from afspraken.reading.loading import load
    from afspraken.reading.source import Source

    source = Source(name, agreement_text(snippet, without=without, base=base, comments=comments))
    loaded = load(source, extensions=_registry(plugins).extensions)
    if isinstance(loaded, list):
        raise AssertionError("the agreement is not valid:\n" + "\n".join(f"{p.location}: {p.message('en')}" for p in loaded))
    return loaded


_REGISTRY: dict[tuple[str, ...], Registry] = {}


def _registry(plugins: Sequence[str] = ()) -> Registry:
    """The installed plugins (and ``plugins``), loaded once per test session."""
    key = tuple(plugins)
    if key not in _REGISTRY:
        from afspraken.plugins.manager import get_plugin_manager
        from afspraken.plugins.registry import Registry

        _REGISTRY[key] = Registry(get_plugin_manager(key))
    return _REGISTRY[key]


def run_rule(
    rule: Union[Rule[Any], str],
    snippet: str = "",
    *,
    params: Optional[Union[Params, Mapping[str, Any]]] = None,
    without: Sequence[str] = (),
    base: str = BASE,
    plugins: Sequence[str] = (),
) -> list[Finding]:
    """Run one rule (object or id) on an agreement built from ``snippet``; its located findings.

    Raises ``AssertionError`` naming the rule when it raises or returns anything but
    Violations (``None``, a string, dicts ...), so that ``assert run_rule(...) == []``
    cannot pass for a broken rule. ``plugins``: as for :func:`load_agreement` (a rule id is
    then looked up among them too).
    """
    result = check_rule(rule, snippet, params=params, without=without, base=base, plugins=plugins)
    if result.crashes:
        crash = result.crashes[0]
        where = f" at {crash.where}" if crash.where else ""
        raise AssertionError(f"rule {crash.subject} failed{where}: {crash.error}")
    return list(result.findings)


def check_rule(
    rule: Union[Rule[Any], str],
    snippet: str = "",
    *,
    params: Optional[Union[Params, Mapping[str, Any]]] = None,
    without: Sequence[str] = (),
    base: str = BASE,
    plugins: Sequence[str] = (),
) -> FileResult:
    """Like :func:`run_rule`, but the whole result (outcomes, and crashes instead of an error)."""
    from pathlib import Path

    from afspraken.checking.engine import ALWAYS, Environment, evaluate
    from afspraken.checking.rulesets import ActiveRule
    from afspraken.rules import Rule

    if isinstance(rule, str):
        registry = _registry(plugins)
        rules = registry.rules
        failed = [f.message("en") for f in registry.failures if rule.startswith(f"{f.plugin}/")]
        if rule not in rules and failed:  # the plugin's own failure, not "unknown rule"
            raise AssertionError(f"no rule {rule!r}: its plugin failed: {'; '.join(failed)}")
        if rule not in rules:
            raise LookupError(f"no rule {rule!r} is registered; installed rules: {', '.join(sorted(rules))}")
        rule = rules[rule]
    if not isinstance(rule, Rule):
        hint = " (decorate it with @afspraken.rule)" if callable(rule) else ""
        raise TypeError(f"{rule!r} is not an afspraken.Rule{hint}")
    if params is None or isinstance(params, Mapping):
        params = rule.params.model_validate(dict(params or {}))
    loaded = load_agreement(snippet, without=without, base=base, comments=True, plugins=plugins)
    if rule.id in ALWAYS:  # judged by the engine (waivers with the other rules' findings): the default rule set runs too
        from afspraken.checking.run import Checker

        env = Checker(config=False, plugins=plugins).environment(Path.cwd())
        env = env.for_kind(loaded.agreement.afspraak.soort)  # the rule sets follow afspraak.soort
        result = evaluate(loaded, env, dt.date.today())
        return result._replace(findings=tuple(f for f in result.findings if f.rule == rule.id))
    off = set(ALWAYS)  # only the rule under test speaks
    env = Environment(registry=_registry(plugins), rules=[ActiveRule(rule, rule.severity, params)], rulesets=[], off=off, narrowed=True)
    return evaluate(loaded, env, dt.date.today())


def rule_ids(findings: Iterable[Finding]) -> list[str]:
    return [f.rule for f in findings]


def keys(findings: Iterable[Finding]) -> list[str]:
    """The dotted key each finding points at, e.g. ``orgaan[0].lid[1].stemmen``."""
    return [f.location.key for f in findings]


def outcome(result: FileResult, rule_id: str) -> Optional[Outcome]:
    return next((o.outcome for o in result.outcomes if o.rule == rule_id), None)
