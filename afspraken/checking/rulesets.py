"""Rule sets: TOML files with ``[regelset]`` and ``[regels.<id>]`` tables.

A rule set may extend others (``breidt_uit``); its own tables override those of
the sets it extends, and the config overrides all. The result is the list of
active rules, each with its severity and validated parameters.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Optional, Union

from pydantic import ValidationError

from afspraken.checking.config import Config
from afspraken.reading.source import Source
from afspraken.reading.messages import suggest
from afspraken.reading.paths import shown
from afspraken.reading.rulesets import Ruleset, read_ruleset
from afspraken.results import Location, Problem
from afspraken.rules import KeyPath, Params, Rule, Severity, Text

if TYPE_CHECKING:
    from afspraken.plugins.registry import Registry

DEFAULT = "wijkaanpak"
FALLBACK = "basis"  # for a soort that no installed rule set claims (standaard_voor)
from afspraken.reading.rulesets import SOORTEN  # noqa: E402,F401 - afspraak.soort, FORMAT.md

class ActiveRule(NamedTuple):
    rule: Rule[Any]
    severity: Severity
    params: Params


@dataclass
class Selection:
    rules: list[ActiveRule] = field(default_factory=list)
    rulesets: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    origin: dict[str, str] = field(default_factory=dict)  # rule id -> rule set (or config) that activated it
    off: set[str] = field(default_factory=set)  # rules switched off with ernst = "uit"
    unclaimed: Optional[str] = None  # the soort no installed rule set is the default for (basis was chosen)


def defaults_by_kind(registry: Registry) -> tuple[dict[str, str], list[Problem]]:
    """soort -> the rule set that declares itself its default (``standaard_voor``); two sets
    claiming one soort is a problem naming both (located at the second claim)."""
    claimed: dict[str, str] = {}
    problems: list[Problem] = []
    for name, loaded in registry.rulesets.items():
        for i, soort in enumerate(getattr(loaded.meta, "standaard_voor", None) or []):
            first = claimed.get(soort)
            if first is None:
                claimed[soort] = name
                continue
            message = Text(
                f"de regelsets '{first}' en '{name}' zijn allebei de standaard voor soort '{soort}'; kies er één "
                f"(haal '{soort}' uit standaard_voor van een van beide, of kies met --regelset)",
                f"the rule sets '{first}' and '{name}' are both the default for soort '{soort}'; choose one "
                f"(remove '{soort}' from standaard_voor of one of them, or choose with --regelset)",
            )
            problems.append(loaded.source.problem(("regelset", "standaard_voor", i), message, "regelset", value=True))
    return claimed, problems


class _Setting(NamedTuple):
    value: Any
    source: Source
    path: KeyPath


class _Layer(NamedTuple):
    source: Source
    prefix: KeyPath
    regels: dict[str, dict[str, Any]]
    activates: bool  # a rule set activates its rules; the config only tunes them (unless it sets ernst)
    name: str = "config"


def chosen_explicitly(config: Config, names: Sequence[str] = ()) -> bool:
    """Are the rule sets named (command line or config), rather than following afspraak.soort?"""
    return bool(names) or bool(config.regelsets and config.source is not None)


def select(registry: Registry, config: Config, names: Sequence[str] = (), soort: Optional[str] = None) -> Selection:
    """Resolve rule sets (``names``, else the config's, else the default for ``soort``) into active rules.

    Without a ``soort`` the default is ``wijkaanpak``; with one, the set whose ``standaard_voor``
    lists it, or ``basis`` when none does (``unclaimed`` then says so)."""
    out = Selection()
    layers: list[_Layer] = []
    visiting: list[str] = []
    done: set[str] = set()
    shipped: dict[str, str] = {}  # file of a rule set a plugin ships -> that plugin

    def visit(ref: str, base: Path, origin: Location) -> None:
        if ref not in registry.rulesets and not ref.endswith(".toml") and (base / f"{ref}.toml").is_file():
            ref = f"{ref}.toml"  # a rule set next to the one that names it
        if ref.endswith(".toml") or "/" in ref or "\\" in ref:
            candidate = Path(os.path.realpath(base / ref))
            key, own_base = str(candidate), candidate.parent
            loaded: Union[Ruleset, list[Problem]] = read_ruleset(candidate)
        elif ref in registry.rulesets:
            key, own_base = ref, base
            loaded = registry.rulesets[ref]  # read once, when it was registered
        elif ref in registry.broken_rulesets:  # a plugin's rule set that could not be read: now it matters
            out.problems.extend(registry.broken_rulesets[ref][1])
            return
        else:
            hint = suggest(ref, registry.rulesets)
            known = ", ".join(sorted(registry.rulesets))
            # A plugin that did not load, or whose rule sets failed, registered none: perhaps this one
            # (its failure is said too). A second copy of a loaded plugin is no such plugin.
            present = registry.pm.info
            unloaded = sorted({f.plugin for f in registry.failures if f.stage == "import" and f.plugin not in present})
            unregistered = sorted({f.plugin for f in registry.failures if f.subject == "register_rulesets" and f.plugin in present})
            for failed, nl, en in (
                (unloaded, "kon niet laden en heeft geen regelsets aangemeld", "failed to load and registered no rule sets"),
                (unregistered, "kon zijn regelsets niet aanmelden", "failed to register its rule sets"),
            ):
                if failed:
                    names = ", ".join(f"'{name}'" for name in failed)
                    hint = Text(f"{hint.nl}; plugin {names} {nl}", f"{hint.en}; plugin {names} {en}")
            if registry.broken_rulesets:  # known by file name only: its own naam could not be read
                unread = ", ".join(f"{stem} (plugin '{owner}')" for stem, (owner, _) in sorted(registry.broken_rulesets.items()))
                hint = Text(f"{hint.nl}; niet te lezen, dus onbekend van naam: {unread}", f"{hint.en}; not readable, so of unknown name: {unread}")
            message = Text(
                f"onbekende regelset '{ref}' (bekend: {known}){hint.nl}", f"unknown rule set '{ref}' (known: {known}){hint.en}"
            )
            out.problems.append(Problem(origin, message, "regelset"))
            return
        if key in visiting:
            cycle = " -> ".join(shown(Path(k)) if k.endswith(".toml") else k for k in [*visiting[visiting.index(key) :], key])
            out.problems.append(Problem(origin, Text(f"kringverwijzing in breidt_uit: {cycle}", f"cycle in breidt_uit: {cycle}"), "regelset"))
            return
        if key in done:
            return
        if isinstance(loaded, list):
            out.problems.extend(loaded)
            return
        if loaded.plugin:
            shipped[loaded.source.name] = loaded.plugin
        out.problems.extend(loaded.problems)
        visiting.append(key)
        for i, parent in enumerate(loaded.meta.breidt_uit):
            visit(parent, own_base, loaded.source.at(("regelset", "breidt_uit", i), value=True))
        visiting.pop()
        done.add(key)
        out.rulesets.append(loaded.name)
        layers.append(_Layer(loaded.source, ("regels",), loaded.regels, True, loaded.name))

    if names:
        for name in names:
            visit(name, Path.cwd(), Location("--regelset", 0, 0))
    elif config.regelsets and config.source is not None:
        for i, name in enumerate(config.regelsets):
            visit(name, config.base, config.source.at((*config.prefix, "regelsets", i), value=True))
    elif soort is None:
        visit(DEFAULT, Path.cwd(), Location("--regelset", 0, 0))
    else:
        claimed, clashes = defaults_by_kind(registry)
        out.problems.extend(clashes)
        if soort not in claimed:
            out.unclaimed = soort
        visit(claimed.get(soort, FALLBACK), Path.cwd(), Location("--regelset", 0, 0))
    if config.source is not None and config.regels:
        layers.append(_Layer(config.source, (*config.prefix, "regels"), config.regels, False))
    _activate(registry, layers, out)
    if shipped:  # a mistake in a plugin's rule set: say whose it is, and how to do without it
        from afspraken.plugins.registry import of_plugin

        given = registry.pm.given
        out.problems[:] = [of_plugin(p, shipped[p.location.file], given(shipped[p.location.file])) if p.location.file in shipped else p for p in out.problems]
    return out


def _activate(registry: Registry, layers: list[_Layer], out: Selection) -> None:
    settings: dict[str, dict[str, _Setting]] = {}
    active: set[str] = set()
    for layer in layers:
        for rule_id, table in layer.regels.items():
            path = (*layer.prefix, rule_id)
            if rule_id not in registry.rules:
                hint = suggest(rule_id, registry.rules)
                message = Text(f"onbekende regel '{rule_id}'{hint.nl}", f"unknown rule '{rule_id}'{hint.en}")
                out.problems.append(layer.source.problem(path, message, "regel"))
                continue
            entry = settings.setdefault(rule_id, {})
            for key, value in table.items():
                entry[key] = _Setting(value, layer.source, (*path, key))
            if layer.activates or "ernst" in table:
                active.add(rule_id)
                out.origin.setdefault(rule_id, layer.name)
    for rule_id, entry in settings.items():
        if rule_id in active:
            activated = _configure(registry.rules[rule_id], dict(entry), out)
            if activated is not None and activated.severity is Severity.UIT:
                out.off.add(rule_id)
            elif activated is not None:
                out.rules.append(activated)


_MISSING = object()


def _same(default: Any, value: Any) -> bool:
    if isinstance(default, list) and isinstance(value, list):
        return len(default) == len(value) and all(_same(d, v) for d, v in zip(default, value))
    return type(default) is type(value) and default == value


def _configure(rule: Rule[Any], entry: dict[str, _Setting], out: Selection) -> Optional[ActiveRule]:
    """Severity and validated parameters of one rule, or ``None`` with problems added
    (every problem: a wrong ernst does not hide a wrong parameter)."""
    from afspraken.reading.messages import describe

    ok = True
    severity = rule.severity
    ernst = entry.pop("ernst", None)
    if ernst is not None:
        try:
            severity = Severity(ernst.value)
        except ValueError:
            message = Text(
                f"ernst {ernst.value!r} bestaat niet; kies fout, waarschuwing, advies of uit",
                f"ernst {ernst.value!r} does not exist; choose fout, waarschuwing, advies or uit",
            )
            out.problems.append(ernst.source.problem(ernst.path, message, "ernst", value=True))
            ok = False
    defaults = rule.defaults()
    if all(_same(getattr(defaults, k, _MISSING), s.value) for k, s in entry.items()):
        return ActiveRule(rule, severity, defaults) if ok else None  # rule sets spell out the defaults
    try:
        params = rule.params.model_validate({k: s.value for k, s in entry.items()})
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            setting = entry.get(str(error["loc"][0])) if error["loc"] else None
            if setting is None:
                setting = next(iter(entry.values()))
            message = describe(error, ("regels", rule.id, *error["loc"]), rule.params, tuple(error["loc"]))
            if error["type"] == "extra_forbidden":
                known = ", ".join(rule.params.model_fields) or "-"
                message = Text(f"{message.nl} (parameters van {rule.id}: {known})", f"{message.en} (parameters of {rule.id}: {known})")
            out.problems.append(setting.source.problem(setting.path, message, "parameter", value=error["type"] != "extra_forbidden"))
        return None
    return ActiveRule(rule, severity, params) if ok else None
