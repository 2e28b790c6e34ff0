"""afspraken: check partnership agreements the way a linter checks code.

Plugin authors need only ``hookimpl`` for the hooks; the rule API (``rule``,
``Text``, ``Violation`` ...) is imported lazily so that ``import afspraken``
stays cheap and loads no plugin as a side effect.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not `from typing import`: the command's first import stays light
if TYPE_CHECKING:
    from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "Agreement": "afspraken.model",
    "Rule": "afspraken.rules",
    "Severity": "afspraken.rules",
    "Text": "afspraken.rules",
    "Violation": "afspraken.rules",
    "rule": "afspraken.rules",
    "violation": "afspraken.rules",
    "undecided": "afspraken.rules",
    "Params": "afspraken.rules",
    "OutputFormat": "afspraken.reporting",
    "get_plugin_manager": "afspraken.plugins.manager",
    "check_text": "afspraken.api",
    "check": "afspraken.api",
    "iter_check": "afspraken.api",
    "render": "afspraken.api",
    "Document": "afspraken.api",
    "Checker": "afspraken.checking.run",
    "Report": "afspraken.results",
    "FileResult": "afspraken.results",
    "Failure": "afspraken.results",
}

if TYPE_CHECKING:
    import pluggy

    hookimpl: pluggy.HookimplMarker  # marker for hook implementations: ``@hookimpl def register_rules(): ...``
    from afspraken.api import Document, check, check_text, iter_check, render
    from afspraken.checking.run import Checker
    from afspraken.results import Failure, FileResult, Report
    from afspraken.model import Agreement
    from afspraken.reporting import OutputFormat
    from afspraken.plugins.manager import get_plugin_manager
    from afspraken.rules import (
        Params,
        Rule,
        Severity,
        Text,
        Violation,
        rule,
        undecided,
        violation,
    )

__all__ = [
    "__version__",
    "hookimpl",
    "Agreement",
    "Rule",
    "Severity",
    "Text",
    "Violation",
    "rule",
    "violation",
    "undecided",
    "Params",
    "OutputFormat",
    "get_plugin_manager",
    "check_text",
    "check",
    "iter_check",
    "render",
    "Document",
    "Checker",
    "Report",
    "FileResult",
    "Failure",
]
# Spelled out (not *_LAZY) so that type checkers see what is exported.


def __getattr__(name: str) -> Any:
    if name == "hookimpl":  # made on first use: the command's first import stays light (Ctrl-C at start-up)
        import pluggy

        marker = globals()["hookimpl"] = pluggy.HookimplMarker("afspraken")
        return marker
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'afspraken' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
