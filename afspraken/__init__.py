"""afspraken: check partnership agreements the way a linter checks code.

Plugin authors need only ``hookimpl`` for the hooks; the rule API (``rule``,
``Text``, ``Violation`` ...) is imported lazily so that ``import afspraken``
stays cheap and loads no plugin as a side effect.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

__version__ = "0.1.0"

hookimpl = pluggy.HookimplMarker("afspraken")
"""Marker for hook implementations: ``@hookimpl def register_rules(): ...``."""

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
    "check_text": "afspraken.checking.engine",
    "check": "afspraken.api",
    "iter_check": "afspraken.api",
    "render": "afspraken.api",
    "Document": "afspraken.api",
    "Report": "afspraken.results",
    "FileResult": "afspraken.results",
    "Failure": "afspraken.results",
}

if TYPE_CHECKING:
    from afspraken.api import Document, check, iter_check, render
    from afspraken.results import Failure, FileResult, Report
    from afspraken.checking.engine import check_text
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

__all__ = ["__version__", "hookimpl", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'afspraken' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
