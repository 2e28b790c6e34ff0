"""Type hints throughout: the package type-checks with mypy."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


def test_the_package_type_checks():
    pytest.importorskip("mypy")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "afspraken"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
