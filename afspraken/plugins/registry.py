"""What the loaded plugins provide: rules, rule sets, output formats, extensions."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from afspraken.plugins.manager import PluginManager, collect
from afspraken.results import Crash, error_text
from afspraken.rules import Rule

if TYPE_CHECKING:
    from afspraken.checking.rulesets import Ruleset


@dataclass
class Registry:
    """Built once per plugin manager; each hook is called lazily, on first use."""

    pm: PluginManager
    clashes: list[Crash] = field(default_factory=list)
    extension_owner: dict[str, list[str]] = field(default_factory=dict)  # plugin -> sections

    @property
    def crashes(self) -> list[Crash]:
        return [*self.pm.crashes, *self.clashes]

    @cached_property
    def rules(self) -> dict[str, Rule[Any]]:
        rules: dict[str, Rule[Any]] = {}
        for plugin, rule in collect(self.pm, "register_rules", Rule, "rules"):
            if not self.pm.is_builtin(plugin) and not rule.id.startswith(f"{plugin}/"):
                self.clashes.append(
                    Crash(plugin, f"regel {rule.id}", f"a plugin's rule id must be '{plugin}/<rule>', not {rule.id!r}")
                )
                continue
            if rule.id in rules:
                other = rules[rule.id].plugin
                self.clashes.append(
                    Crash(plugin, f"regel {rule.id}", f"rule id {rule.id!r} is registered by both {other!r} and {plugin!r}")
                )
                continue
            rules[rule.id] = replace(rule, plugin=plugin)
        return rules

    @cached_property
    def rulesets(self) -> dict[str, Ruleset]:
        """Each registered rule set, read once (its name is in the file)."""
        from afspraken.checking.rulesets import read_ruleset

        found: dict[str, Ruleset] = {}
        for plugin, path in collect(self.pm, "register_rulesets", (str, Path, _traversable()), "rule-set paths"):
            try:
                loaded = read_ruleset(Path(path) if isinstance(path, str) else path, plugin)
            except Exception as exc:  # noqa: BLE001 - a path that cannot be read at all
                self.pm.crashes.append(Crash(plugin, "hook register_rulesets", f"{path}: {error_text(exc)}"))
                continue
            if isinstance(loaded, list):
                self.pm.crashes.append(Crash(plugin, "hook register_rulesets", f"{path}: {loaded[0].message('en')}"))
                continue
            name = loaded.name
            if name in found:
                other = found[name].plugin
                self.clashes.append(
                    Crash(plugin, f"regelset {name}", f"rule set {name!r} is registered by both {other!r} and {plugin!r}")
                )
                continue
            found[name] = loaded
        return found

    @cached_property
    def formats(self) -> dict[str, Any]:
        from afspraken.reporting import OutputFormat

        found: dict[str, OutputFormat] = {}
        for plugin, fmt in collect(self.pm, "register_formats", OutputFormat, "output formats"):
            if fmt.name in found:
                self.clashes.append(
                    Crash(plugin, f"format {fmt.name}", f"format {fmt.name!r} is registered by both {found[fmt.name].plugin!r} and {plugin!r}")
                )
                continue
            found[fmt.name] = fmt._replace(plugin=plugin)
        return found

    @cached_property
    def extensions(self) -> dict[str, type[BaseModel]]:
        found: dict[str, type[BaseModel]] = {}
        owner: dict[str, str] = {}
        for plugin, item in collect(self.pm, "register_extensions", tuple, "(name, model) pairs"):
            name, model = item
            if not (isinstance(model, type) and issubclass(model, BaseModel)):
                self.pm.crashes.append(Crash(plugin, "hook register_extensions", f"{name!r} is not a pydantic model"))
                continue
            if name in found:
                self.clashes.append(
                    Crash(plugin, f"extensie {name}", f"[extensies.{name}] is registered by both {owner[name]!r} and {plugin!r}")
                )
                continue
            found[name], owner[name] = model, plugin
        self.extension_owner = {}
        for name, plugin in owner.items():
            self.extension_owner.setdefault(plugin, []).append(name)
        return found


def _traversable() -> type:
    try:
        from importlib.resources.abc import Traversable
    except ImportError:  # Python 3.10
        from importlib.abc import Traversable
    return Traversable
