from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _only_this_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Load no other installed plugin, so that these tests see only the built-ins and this one."""
    monkeypatch.setenv("AFSPRAKEN_PLUGINS", "prestatieafspraken")
