"""``check_plugin``: is a plugin sound, as afspraken loads it? One call in a plugin's tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from afspraken.plugins.registry import Registry
    from afspraken.rules import Rule


def check_plugin(name: str, *, base: Optional[str] = None, plugins: Sequence[str] = (), skip_examples: Sequence[str] = ()) -> None:
    """Load the installed plugins (and ``plugins``: modules or ``.py`` files) as ``afspraken``
    does, and check the plugin called ``name``:

    - it loads, and none of its hooks fails; its rule ids are ``<name>/<rule>``;
    - every rule has its texts in Dutch and English, a quote, both examples, and a
      description for each parameter, in Dutch and English;
    - every rule's ``example_fail``, merged into ``base`` (default: :data:`afspraken.testing.BASE`),
      gives a finding of that rule, and its ``example_pass`` none (a crash counts as wrong);
    - its rule sets read without problems and name only rules that exist.

    ``skip_examples``: rule ids whose examples are not run, because they are excerpts that do
    not apply to ``base``, or depend on what else is installed; say why where you call it.

    Raises ``AssertionError`` listing every problem found.
    """
    from afspraken.testing import _registry

    registry = _registry(plugins)  # the one run_rule uses: a plugin file loaded twice would have two of each class
    registry.everything()
    problems = [f.message("en") for f in registry.failures if f.plugin == name]
    if name not in registry.pm.info:
        loaded = ", ".join(registry.pm.info) or "-"
        raise AssertionError("\n".join([f"no plugin {name!r} is loaded (loaded: {loaded})", *problems]))
    own_rules = [r for r in registry.rules.values() if r.plugin == name]
    own_sets = {n: s for n, s in registry.rulesets.items() if s.plugin == name}
    problems += [f"{p.location}: {p.message('en')}" for p in registry.problems]
    for rule in own_rules:
        problems += _metadata(rule) + ([] if rule.id in skip_examples else _examples(rule, base, plugins))
    problems += _rulesets(registry, own_sets)
    broken = {n: found for n, (plugin, found) in registry.broken_rulesets.items() if plugin == name}
    problems += [f"rule set {n}: {p.location}: {p.message('en')}" for n, found in broken.items() for p in found]
    if not (own_rules or own_sets or broken or any(f.plugin == name for f in registry.formats.values()) or registry.extension_owner.get(name)):
        problems.append(f"plugin {name!r} registers nothing: no rules, rule sets, formats or extensions")
    if problems:
        raise AssertionError(f"plugin {name!r}:\n" + "\n".join(f"- {p}" for p in problems))


def _metadata(rule: Rule[Any]) -> list[str]:
    out = []
    for field in ("title", "summary", "rationale", "fix"):
        text = getattr(rule, field)
        if not text.nl.strip() or not text.en.strip():
            out.append(f"{rule.id}: {field} needs both a Dutch and an English text")
    if not rule.quote.strip():
        out.append(f"{rule.id}: quote is empty (the words of the source the rule rests on)")
    for field in ("example_fail", "example_pass"):
        if not getattr(rule, field).strip():
            out.append(f"{rule.id}: {field} is empty (a TOML snippet; `afspraken explain` shows it)")
    for param, info in rule.params.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if not info.description:
            out.append(f"{rule.id}: parameter {param!r} has no description (Field(description=...))")
        english = extra.get("en")
        if info.description and not (isinstance(english, str) and english.strip()):  # `explain --lang en` would show the Dutch
            out.append(f"{rule.id}: parameter {param!r} has no English description (Field(..., json_schema_extra={{\"en\": \"...\"}}))")
    return out


def _examples(rule: Rule[Any], base: Optional[str], plugins: Sequence[str]) -> list[str]:
    from afspraken.testing import BASE, check_rule

    out = []
    for field, should_fire in (("example_fail", True), ("example_pass", False)):
        snippet = getattr(rule, field)
        if not snippet.strip():
            continue
        try:
            result = check_rule(rule, snippet, base=BASE if base is None else base, plugins=plugins)
        except AssertionError as exc:  # the snippet does not make a valid agreement
            out.append(f"{rule.id}: {field} is not a valid agreement on the base: {exc}")
            continue
        if result.crashes:  # said once: no "gives no finding" on top
            out.append(f"{rule.id}: {field}: the rule failed: {result.crashes[0].error}")
            continue
        fired = [f for f in result.findings if f.rule == rule.id]
        if should_fire and not fired:
            out.append(f"{rule.id}: example_fail gives no finding")
        elif should_fire and all(f.undecided for f in fired):
            out.append(f"{rule.id}: example_fail gives only 'could not decide' (undecided), not a finding")
        if should_fire and fired:
            out += _missing_keys(rule, snippet, BASE if base is None else base, plugins)
        if not should_fire and fired:
            out.append(f"{rule.id}: example_pass gives a finding: {fired[0].message('en')}")
    return out


def _missing_keys(rule: Rule[Any], snippet: str, base: str, plugins: Sequence[str]) -> list[str]:
    """Findings without a place, or that point at a key whose table does not exist either: they
    would be shown at 1:1 or at a far-away table. (Pointing at the table where a missing key
    belongs is right.)"""
    from afspraken.reading.source import _existing, as_written
    from afspraken.results import dotted
    from afspraken.testing import load_agreement

    loaded = load_agreement(snippet, base=base, comments=True, plugins=plugins)
    try:
        violations = list(rule.check(loaded.agreement, rule.params.model_validate({})) or [])
    except Exception:  # noqa: BLE001 - a crash is reported by the example check
        return []
    data = loaded.source.data
    out = []
    for v in violations:
        if not getattr(v, "at", ()):  # shown at line 1, column 1: the guide asks for a place
            out.append(f"{rule.id}: example_fail: a finding has no place (no key path): give violation() the path it is about")
        for path in getattr(v, "at", ()):
            written = as_written(tuple(path), data)
            if len(_existing(data, written)) < len(written) - 1:
                out.append(f"{rule.id}: example_fail: a finding points at {dotted(written)}, which does not exist (nor its table)")
    return out


def _rulesets(registry: Registry, own: dict[str, Any]) -> list[str]:
    from afspraken.checking.config import Config
    from afspraken.checking.rulesets import select

    out = []
    for name in own:
        chosen = select(registry, Config(), [name])
        out += [f"rule set {name}: {p.location}: {p.message('en')}" for p in chosen.problems]
    return out
