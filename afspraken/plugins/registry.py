"""What the loaded plugins provide: rules, rule sets, output formats, extensions.

Built once per run. Each hook is called per plugin, on first use of what it provides;
a plugin loaded later (named in a config file found along the way) is added on the
next use. Failures and clashes go to the plugin manager's one :class:`Failures`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from pydantic import BaseModel

from afspraken.plugins.manager import Failures, PluginManager, collect, get_plugin_manager, load_named
from afspraken.results import Failure, Problem, error_text
from afspraken.rules import Rule

if TYPE_CHECKING:
    from afspraken.reading.rulesets import Ruleset
    from afspraken.reporting import OutputFormat


class Registry:
    """Rules, rule sets, formats and extensions of every loaded plugin."""

    def __init__(self, pm: Optional[PluginManager] = None) -> None:
        self.pm = pm if pm is not None else get_plugin_manager()
        self._rules: dict[str, Rule[Any]] = {}
        self._rulesets: dict[str, Ruleset] = {}
        self._formats: dict[str, OutputFormat] = {}
        self._extensions: dict[str, type[BaseModel]] = {}
        self.extension_owner: dict[str, list[str]] = {}  # plugin -> its sections
        self._asked: dict[str, set[str]] = {}  # hook -> plugins already asked
        self.problems: list[Problem] = []  # kept for callers; a broken rule set is in broken_rulesets
        # Rule-set files of plugins that could not be read at all (name: the file's stem) -> the
        # plugin and the located problems. An error only in a run that uses the set, else a warning.
        self.broken_rulesets: dict[str, tuple[str, list[Problem]]] = {}

    @property
    def failures(self) -> Failures:
        return self.pm.failures

    def load(self, specs: Iterable[str], base: Path) -> None:
        """Add plugins named in a config (or ``--plugin``); their hooks are asked on next use."""
        load_named(self.pm, specs, base)

    def _new(self, hook: str) -> list[str]:
        asked = self._asked.setdefault(hook, set())
        fresh = [name for name in self.pm.info if name not in asked and self.pm.has_plugin(name)]
        asked.update(fresh)
        return fresh

    def _clash(self, plugin: str, stage: Any, subject: str, message: str, where: str = "") -> None:
        self.pm.failures.add(Failure(plugin, stage, subject, message, where=where, origin=self.pm.origin(plugin)))

    @property
    def rules(self) -> dict[str, Rule[Any]]:
        for plugin in self._new("register_rules"):
            for rule in collect(self.pm, "register_rules", plugin, Rule, "rules"):
                where = _defined_at(rule.check)
                if not self.pm.is_builtin(plugin) and not rule.id.startswith(f"{plugin}/"):
                    self._clash(plugin, "rule", rule.id, f"a plugin's rule id must be '{plugin}/<rule>', not {rule.id!r}", where)
                elif rule.id in self._rules:
                    other = self._rules[rule.id].plugin
                    first = _defined_at(self._rules[rule.id].check)
                    message = (
                        f"rule id {rule.id!r} is registered twice by this plugin (first at {first or '?'})"
                        if other == plugin
                        else f"rule id {rule.id!r} is registered by both {other!r} and {plugin!r}"
                    )
                    self._clash(plugin, "rule", rule.id, message, where)
                else:
                    self._rules[rule.id] = replace(rule, plugin=plugin)
        return self._rules

    @property
    def rulesets(self) -> dict[str, Ruleset]:
        """Each registered rule set, read once (its name is in the file)."""
        fresh = self._new("register_rulesets")
        if not fresh:
            return self._rulesets
        from afspraken.reading.rulesets import read_ruleset

        for plugin in fresh:
            for path in collect(self.pm, "register_rulesets", plugin, (str, Path, _traversable()), "rule-set paths"):
                if isinstance(path, (str, Path)) and not Path(path).is_absolute():
                    # it would be read from wherever the user happens to run afspraken: found by luck, if at all
                    name = Path(path).name
                    self.pm.fail(
                        plugin, "hook", "register_rulesets",
                        f"{path}: a relative path, which would be read from the folder afspraken runs in ({Path.cwd()}); "
                        f"return the file's full path, such as Path(__file__).with_name({name!r})",
                        error_nl=f"{path}: een relatief pad, dat zou worden gelezen uit de map waarin afspraken draait ({Path.cwd()}); "
                        f"geef het volledige pad van het bestand, zoals Path(__file__).with_name({name!r})",
                    )
                    continue
                try:
                    loaded = read_ruleset(Path(path) if isinstance(path, str) else path, plugin)
                except Exception as exc:  # noqa: BLE001 - a path that cannot be read at all
                    self.pm.fail(plugin, "hook", "register_rulesets", f"{path}: {error_text(exc)}", exc)
                    continue
                if isinstance(loaded, list):  # located problems, in the user's language, naming the plugin
                    stem = Path(str(getattr(path, "name", path))).stem
                    given = self.pm.given(plugin)
                    self.broken_rulesets[stem] = (plugin, [of_plugin(p, plugin, given) for p in loaded])
                    continue
                if loaded.name in self._rulesets:
                    other = self._rulesets[loaded.name].plugin
                    self._clash(plugin, "hook", "register_rulesets", f"rule set {loaded.name!r} is registered by both {other!r} and {plugin!r}")
                    continue
                self._rulesets[loaded.name] = loaded
        return self._rulesets

    @property
    def formats(self) -> dict[str, OutputFormat]:
        fresh = self._new("register_formats")
        if not fresh:
            return self._formats
        from afspraken.reporting import OutputFormat

        for plugin in fresh:
            for fmt in collect(self.pm, "register_formats", plugin, OutputFormat, "output formats"):
                if fmt.name in self._formats:
                    other = self._formats[fmt.name].plugin
                    self._clash(plugin, "format", fmt.name, f"format {fmt.name!r} is registered by both {other!r} and {plugin!r}")
                    continue
                self._formats[fmt.name] = fmt._replace(plugin=plugin)
        return self._formats

    @property
    def extensions(self) -> dict[str, type[BaseModel]]:
        for plugin in self._new("register_extensions"):
            for name, model in collect(self.pm, "register_extensions", plugin, tuple, "(name, model) pairs"):
                if not (isinstance(model, type) and issubclass(model, BaseModel)):
                    self.pm.fail(plugin, "hook", "register_extensions", f"{name!r} is not a pydantic model")
                    continue
                if name in self._extensions:
                    owner = next(p for p, names in self.extension_owner.items() if name in names)
                    self._clash(plugin, "hook", "register_extensions", f"[extensies.{name}] is registered by both {owner!r} and {plugin!r}")
                    continue
                self._extensions[name] = model
                self.extension_owner.setdefault(plugin, []).append(name)
        return self._extensions

    @property
    def warnings(self) -> list[Problem]:
        """The problems of every plugin rule set that could not be read (see :attr:`broken_rulesets`)."""
        _ = self.rulesets
        return [p for _, problems in self.broken_rulesets.values() for p in problems]

    def everything(self) -> None:
        """Ask every hook now, so that every plugin's failures are known."""
        _ = self.rules, self.rulesets, self.formats, self.extensions


def _defined_at(function: Any) -> str:
    """``file:line`` where a rule's check function is defined."""
    code = getattr(function, "__code__", None)
    return f"{code.co_filename}:{code.co_firstlineno}" if code is not None else ""


def of_plugin(problem: Problem, plugin: str, given: bool = False) -> Problem:
    """A rule-set problem that says whose rule set it is and how to leave the plugin out
    (``given``: named with --plugin or in the config, not installed)."""
    from afspraken.rules import Text

    m = problem.message
    extra = Text(
        f" (regelset van plugin {plugin!r}, gegeven met --plugin of in de config: laat hem daar weg)",
        f" (rule set of plugin {plugin!r}, given with --plugin or in the config: leave it out there)",
    ) if given else Text(
        f" (regelset van plugin {plugin!r}; laat de plugin weg met AFSPRAKEN_PLUGINS=<namen die wel mogen>)",
        f" (rule set of plugin {plugin!r}; leave the plugin out with AFSPRAKEN_PLUGINS=<names that may load>)",
    )
    return problem._replace(message=Text(m.nl + extra.nl, m.en + extra.en))


def _traversable() -> type:
    try:
        from importlib.resources.abc import Traversable
    except ImportError:  # Python 3.10
        from importlib.abc import Traversable
    return Traversable
