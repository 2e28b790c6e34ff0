"""The pytest plugin (entry point ``pytest11``): fixtures for plugin authors.

Loaded by every pytest run where afspraken is installed, so it imports nothing of
afspraken's until a fixture is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

import pytest


@pytest.fixture
def afspraak(tmp_path: Any) -> Any:
    """Write an agreement (``BASE`` plus a snippet) to a file: ``afspraak("[afspraak]\\nbewoners = 0")``."""

    def make(snippet: str = "", *, without: Sequence[str] = (), base: Optional[str] = None, name: str = "afspraak.toml") -> Any:
        from afspraken.testing import BASE, agreement_text

        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(agreement_text(snippet, without=without, base=BASE if base is None else base), encoding="utf-8")
        return path

    return make


@pytest.fixture
def afspraken_cli(tmp_path: Any, monkeypatch: Any) -> Any:
    """Run the ``afspraken`` command in-process, in ``tmp_path``: ``afspraken_cli("check", path)``."""
    from click.testing import CliRunner

    from afspraken.commands import cli

    monkeypatch.chdir(tmp_path)

    def run(*args: str, input: Optional[str] = None) -> Any:
        return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return run
