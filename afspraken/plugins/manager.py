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
from afspraken.results import Crash, error_text

BUILTIN = {
    "afspraken.basis": "afspraken.builtin.basis",
    "afspraken.wijkaanpak": "afspraken.builtin.wijkaanpak",
    "afspraken.modellen": "afspraken.builtin.modellen",
    "afspraken.uitzonderingen": "afspraken.builtin.uitzonderingen",
    "afspraken.formats": "afspraken.reporting.builtin",
}
ENV = "AFSPRAKEN_PLUGINS"


class PluginInfo(NamedTuple):
    name: str
    version: str
    kind: str  # "ingebouwd" | "entry point" | "module" | "bestand"
    origin: str  # distribution, module or file


class PluginManager(pluggy.PluginManager):
    """pluggy's manager, plus what we learnt while loading (failures, versions)."""

    def __init__(self) -> None:
        super().__init__("afspraken")
        self.add_hookspecs(hookspecs)
        self.crashes: list[Crash] = []
        self.info: dict[str, PluginInfo] = {}

    def add(self, module: Any, info: PluginInfo) -> None:
        if self.is_registered(module):
            return  # the same plugin named again (installed, and in the config or --plugin): load once
        if self.has_plugin(info.name):
            first = self.info[info.name].origin if info.name in self.info else "?"
            message = f"a plugin called {info.name!r} is already loaded from {first}; {info.origin} is not loaded"
            self.crashes.append(Crash(info.name, "import", message))
            return
        try:
            self.register(module, name=info.name)
            self.info[info.name] = info
            _check_hooks(self, info.name, module)
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not stop the others
            if self.is_registered(module):
                self.unregister(module)
            self.info.pop(info.name, None)
            self.crashes.append(Crash(info.name, "registratie", error_text(exc)))

    def is_builtin(self, name: str) -> bool:
        info = self.info.get(name)
        return info is not None and info.kind == "ingebouwd"

    def call(self, hook: str) -> Iterator[tuple[str, Any]]:
        """Call one hook plugin by plugin, isolating failures: ``(plugin, result)``."""
        caller = getattr(self.hook, hook)
        for impl in caller.get_hookimpls():  # in registration order
            try:
                result = impl.function()
            except Exception as exc:  # noqa: BLE001
                self.crashes.append(Crash(impl.plugin_name, f"hook {hook}", error_text(exc)))
                continue
            if result is not None:
                yield impl.plugin_name, result


def _check_hooks(pm: PluginManager, name: str, module: Any) -> None:
    known = {name for name, caller in vars(pm.hook).items() if getattr(caller, "spec", None) is not None}
    for impl_name in dir(module):
        target = getattr(module, impl_name)
        if getattr(target, "afspraken_impl", None) is not None and impl_name not in known:
            raise ValueError(f"unknown hook {impl_name!r}; known hooks: {', '.join(sorted(known))}")
    if not pm.get_hookcallers(module):
        raise ValueError("the module has no @hookimpl functions")




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
            pm.crashes.append(Crash(name, "import", error_text(exc)))
            continue
        pm.add(loaded, PluginInfo(name, __version__, "ingebouwd", module))
    if entry_points:
        _load_entry_points(pm)
    for spec in plugins:
        _load_named(pm, spec, base or Path.cwd())
    return pm


def _allowed() -> Optional[set[str]]:
    value = os.environ.get(ENV)
    if value is None:
        return None
    return {part.strip() for part in value.replace(",", " ").split() if part.strip()}


def _load_entry_points(pm: PluginManager) -> None:
    from importlib.metadata import entry_points

    allowed = _allowed()
    found = set()
    for ep in entry_points(group="afspraken"):
        found.add(ep.name)
        if allowed is not None and ep.name not in allowed:
            continue
        dist = getattr(ep, "dist", None)
        version = dist.version if dist is not None else "?"
        origin = f"{dist.metadata['Name']} {version}" if dist is not None else ep.value
        if ep.name in pm.info:
            message = f"two installed packages provide the plugin {ep.name!r}: {pm.info[ep.name].origin} and {origin}"
            pm.crashes.append(Crash(ep.name, "entry point", message))
            continue
        try:
            module = ep.load()
        except BaseException as exc:  # noqa: BLE001 - includes SystemExit from a bad plugin
            if isinstance(exc, KeyboardInterrupt):
                raise
            pm.crashes.append(Crash(ep.name, "import", error_text(exc)))
            continue
        pm.add(module, PluginInfo(ep.name, version, "entry point", origin))
    for missing in sorted((allowed or set()) - found):
        pm.crashes.append(Crash(missing, ENV, f"no installed plugin is called {missing!r}"))


def _load_named(pm: PluginManager, spec: str, base: Path) -> None:
    is_file = spec.endswith(".py") or os.sep in spec or "/" in spec
    name = Path(spec).stem if is_file else spec
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
        pm.crashes.append(Crash(name, "import", error_text(exc)))
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


def collect(pm: PluginManager, hook: str, expected: Union[type, tuple[type, ...]], what: str) -> Iterable[tuple[str, Any]]:
    """Items a hook returned (lists are flattened), each checked to be ``expected``."""
    for plugin, result in pm.call(hook):
        items = result.items() if isinstance(result, dict) else result
        try:
            if isinstance(items, (str, bytes, os.PathLike)):  # one thing where a list belongs
                raise TypeError
            items = list(items)
        except TypeError:
            pm.crashes.append(Crash(plugin, f"hook {hook}", f"returned {type(result).__name__}, not a list of {what}"))
            continue
        for item in items:
            if not isinstance(item, expected):
                pm.crashes.append(Crash(plugin, f"hook {hook}", f"returned {type(item).__name__} {item!r:.60}, not {what}"))
                continue
            yield plugin, item
