"""Find, load and query plugins; every failure names the plugin it came from.

Three kinds of plugin are loaded, in this order: the built-in ones (modules of
this package, using the same hooks as everyone else), the entry points in the
group ``afspraken`` (limited by ``AFSPRAKEN_PLUGINS``), and modules or ``.py``
files named with ``--plugin`` or in the config.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Optional, Union

import pluggy

from afspraken.plugins import hookspecs
from afspraken.results import Failure, Stage, code_location, error_text

BUILTIN = {
    "afspraken.basis": "afspraken.builtin.basis",
    "afspraken.wijkaanpak": "afspraken.builtin.wijkaanpak",
    "afspraken.modellen": "afspraken.builtin.modellen",
    "afspraken.uitzonderingen": "afspraken.checking.waivers",
    "afspraken.invullen": "afspraken.builtin.invullen",
    "afspraken.formats": "afspraken.reporting.builtin",
}
ENV = "AFSPRAKEN_PLUGINS"


class PluginInfo(NamedTuple):
    name: str
    version: str
    kind: str  # "ingebouwd" | "entry point" | "module" | "bestand"
    origin: str  # distribution, module or file
    entry_point: str = ""  # "naam = module:attr", for an installed plugin


class Failures:
    """Every plugin failure of a run, in one place: each kept once, in the order met."""

    def __init__(self) -> None:
        self._seen: dict[Failure, None] = {}

    def add(self, failure: Failure) -> None:
        self._seen.setdefault(failure, None)

    def __iter__(self) -> Iterator[Failure]:
        return iter(list(self._seen))

    def __len__(self) -> int:
        return len(self._seen)

    def __bool__(self) -> bool:
        return bool(self._seen)


class PluginManager(pluggy.PluginManager):
    """pluggy's manager, plus what we learnt while loading (failures, versions)."""

    def __init__(self) -> None:
        super().__init__("afspraken")
        self.add_hookspecs(hookspecs)
        self.failures = Failures()
        self.info: dict[str, PluginInfo] = {}

    def origin(self, plugin: str) -> str:
        """``distribution afspraken-x 1.0, entry point x = afspraken_x`` (or the module or file)."""
        info = self.info.get(plugin)
        return _origin(info) if info is not None else ""

    def given(self, plugin: str) -> bool:
        """Named with --plugin or in the config (a module or a file), not installed."""
        info = self.info.get(plugin)
        return info is not None and info.kind in ("module", "bestand")

    def fail(
        self, plugin: str, stage: Stage, subject: str, error: str, exc: Optional[BaseException] = None, where: str = "", error_nl: str = ""
    ) -> None:
        """Note a failure, naming where the plugin came from and where in its code; ``error_nl``:
        the error in Dutch, when it is afspraken's own words."""
        info = self.info.get(plugin)
        origin = _origin(info) if info is not None else ""
        self.failures.add(Failure(plugin, stage, subject, error, where=where or (code_location(exc) if exc else ""), origin=origin, error_nl=error_nl))

    def add(self, module: Any, info: PluginInfo) -> None:
        if self.is_registered(module):
            return  # the same plugin named again (installed, and in the config or --plugin): load once
        if self.has_plugin(info.name):
            first = self.info[info.name].origin if info.name in self.info else "?"
            message = f"a plugin called {info.name!r} is already loaded from {first}; {info.origin} is not loaded"
            dutch = f"er is al een plugin {info.name!r} geladen uit {first}; {info.origin} is niet geladen"
            self.failures.add(Failure(info.name, "import", "", message, origin=info.origin, error_nl=dutch))
            return
        self.info[info.name] = info
        try:
            self.register(module, name=info.name)
            _check_hooks(self, info.name, module)
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not stop the others
            if self.is_registered(module):
                self.unregister(module)
            self.fail(info.name, "import", "", error_text(exc), where=getattr(module, "__file__", "") or "")
            self.info.pop(info.name, None)

    def is_builtin(self, name: str) -> bool:
        info = self.info.get(name)
        return info is not None and info.kind == "ingebouwd"

    def call(self, hook: str, plugin: str) -> Any:
        """Call one plugin's implementation of ``hook`` through pluggy (so monitoring and
        wrappers see it), isolated: a failure is noted and gives ``None``."""
        module = self.get_plugin(plugin)
        caller = getattr(self.hook, hook)
        own = [impl for impl in caller.get_hookimpls() if impl.plugin is module and not impl.hookwrapper and not impl.wrapper]
        if not own:
            return None
        others = {impl.plugin for impl in caller.get_hookimpls() if impl.plugin is not module and not impl.hookwrapper and not impl.wrapper}
        try:
            results = self.subset_hook_caller(hook, others)()
        except Exception as exc:  # noqa: BLE001
            self.fail(plugin, "hook", hook, error_text(exc), exc)
            return None
        return results[0] if results else None


def _origin(info: PluginInfo) -> str:
    """Where a plugin came from, for its failures: distribution and entry point, module or file."""
    if info.kind == "entry point":
        return f"distribution {info.origin}, entry point {info.entry_point}"
    return "" if info.kind == "ingebouwd" else info.origin


def _where(function: Any) -> str:
    code = getattr(function, "__code__", None)
    return f"{code.co_filename}:{code.co_firstlineno}" if code is not None else ""


def _check_hooks(pm: PluginManager, name: str, module: Any) -> None:
    known = {name for name, caller in vars(pm.hook).items() if getattr(caller, "spec", None) is not None}
    for impl_name in dir(module):
        target = getattr(module, impl_name)
        if getattr(target, "afspraken_impl", None) is not None and impl_name not in known:
            raise ValueError(f"unknown hook {impl_name!r}; known hooks: {', '.join(sorted(known))}")
    if not pm.get_hookcallers(module):
        hint = ""
        if any(impl_name in known for impl_name in dir(module)):
            hint = " (decorate the hook functions with @afspraken.hookimpl)"
        raise ValueError(f"the module has no @hookimpl functions{hint}")


def get_plugin_manager(
    plugins: Sequence[str] = (), *, entry_points: bool = True, base: Optional[Path] = None
) -> PluginManager:
    """A plugin manager with the built-in, installed and named plugins loaded.

    :param plugins: module names or ``.py`` files (``--plugin``, config ``plugins``).
    :param entry_points: load installed plugins (entry-point group ``afspraken``).
    :param base: folder that relative ``.py`` paths and local modules are found in.
    """
    from afspraken import __version__

    pm = PluginManager()
    for name, module in BUILTIN.items():
        try:
            loaded = importlib.import_module(module)
        except Exception as exc:  # noqa: BLE001 - our own bug, but still no traceback for the user
            pm.fail(name, "import", "", error_text(exc), exc)
            continue
        pm.add(loaded, PluginInfo(name, __version__, "ingebouwd", module))
    if entry_points:
        _load_entry_points(pm)
    load_named(pm, plugins, base or Path.cwd())
    return pm


def _allowed() -> Optional[set[str]]:
    value = os.environ.get(ENV)
    if value is None:
        return None
    return {part.strip() for part in value.replace(",", " ").split() if part.strip()}


def _load_entry_points(pm: PluginManager) -> None:
    from afspraken.plugins import cache  # the scan, remembered while the installed packages stay the same

    allowed = _allowed()
    found = set()
    for ep in cache.entries():
        found.add(ep.name)
        if allowed is not None and ep.name not in allowed:
            continue
        version = ep.version
        origin = f"{ep.dist} {version}" if ep.dist else ep.value
        info = PluginInfo(ep.name, version, "entry point", origin, f"{ep.name} = {ep.value}")
        if ep.name in pm.info:
            message = f"two installed packages provide the plugin {ep.name!r}: {pm.info[ep.name].origin} and {origin}"
            dutch = f"twee geïnstalleerde pakketten leveren de plugin {ep.name!r}: {pm.info[ep.name].origin} en {origin}"
            pm.failures.add(Failure(ep.name, "import", "", message, origin=_origin(info), error_nl=dutch))
            continue
        try:
            module = cache.load(ep)
        except BaseException as exc:  # noqa: BLE001 - includes SystemExit from a bad plugin
            if isinstance(exc, KeyboardInterrupt):
                raise
            pm.failures.add(Failure(ep.name, "import", "", error_text(exc), where=code_location(exc), origin=_origin(info)))
            continue
        pm.add(module, info)
    for missing in sorted((allowed or set()) - found):
        message = f"{ENV} names it, but no installed plugin is called {missing!r}"
        dutch = f"{ENV} noemt deze plugin, maar er is geen geïnstalleerde plugin die {missing!r} heet"
        pm.failures.add(Failure(missing, "import", "", message, error_nl=dutch))


def load_named(pm: PluginManager, specs: Iterable[str], base: Path) -> None:
    """Load plugins named with ``--plugin`` or in a config (found relative to ``base``)."""
    for spec in specs:
        _load_named(pm, spec, base)


def _load_named(pm: PluginManager, spec: str, base: Path) -> None:
    is_file = spec.endswith(".py") or os.sep in spec or "/" in spec
    name = (Path(spec).parent.name if Path(spec).stem == "__init__" else Path(spec).stem) if is_file else spec
    if not is_file and pm.has_plugin(spec):
        return  # an installed plugin, named by its entry-point name
    try:
        if is_file:
            path = (base / spec).resolve()
            if not path.is_file():
                raise FileNotFoundError(f"no such file: {path}")
            module_name = f"afspraken_plugin_{name}"
            loader_spec = importlib.util.spec_from_file_location(module_name, path)
            if loader_spec is None or loader_spec.loader is None:
                raise ImportError(f"cannot load {path}")
            module = importlib.util.module_from_spec(loader_spec)
            sys.modules[module_name] = module
            loader_spec.loader.exec_module(module)
            info = PluginInfo(name, getattr(module, "__version__", "-"), "bestand", str(path))
        else:
            module = _import_module(spec, base)
            info = PluginInfo(name, getattr(module, "__version__", "-"), "module", spec)
    except BaseException as exc:  # noqa: BLE001
        if isinstance(exc, KeyboardInterrupt):
            raise
        pm.failures.add(Failure(name, "import", "", error_text(exc), where=code_location(exc), origin=spec))
        return
    pm.add(module, info)


def _import_module(name: str, base: Path) -> Any:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name.split(".")[0]:
            raise
    sys.path.insert(0, str(base))  # a module next to the config, like `python -m`
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(base))


def collect(pm: PluginManager, hook: str, plugin: str, expected: Union[type, tuple[type, ...]], what: str) -> Iterator[Any]:
    """What one plugin's ``hook`` returned (lists are flattened), each item checked to be ``expected``."""
    result = pm.call(hook, plugin)
    if result is None:
        if _returns_none(pm, hook, plugin):
            pm.fail(plugin, "hook", hook, f"returned None, not a list of {what} (did you forget to return or yield?)", where=_hook_where(pm, hook, plugin))
        return
    items = result.items() if isinstance(result, dict) else result
    try:
        if isinstance(items, (str, bytes, os.PathLike)):  # one thing where a list belongs
            raise TypeError
        items = list(items)
    except TypeError:
        pm.fail(plugin, "hook", hook, f"returned {type(result).__name__}, not a list of {what}", where=_hook_where(pm, hook, plugin))
        return
    for item in items:
        if not isinstance(item, expected):
            hint = " (decorate the function with @afspraken.rule)" if callable(item) and what == "rules" else ""
            pm.fail(plugin, "hook", hook, f"returned {type(item).__name__} {item!r:.60}, not {what}{hint}", where=_hook_where(pm, hook, plugin))
            continue
        yield item


def _hook_where(pm: PluginManager, hook: str, plugin: str) -> str:
    module = pm.get_plugin(plugin)
    impl = next((i for i in getattr(pm.hook, hook).get_hookimpls() if i.plugin is module), None)
    return _where(impl.function) if impl is not None else ""


def _returns_none(pm: PluginManager, hook: str, plugin: str) -> bool:
    """Did the plugin implement ``hook`` and return nothing (rather than fail, which is noted already)?"""
    module = pm.get_plugin(plugin)
    implemented = any(i.plugin is module and not (i.wrapper or i.hookwrapper) for i in getattr(pm.hook, hook).get_hookimpls())
    failed = any(f.plugin == plugin and f.subject == hook for f in pm.failures)
    return implemented and not failed
