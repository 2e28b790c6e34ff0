"""Paths as the user sees them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Union


def shown(path: Union[str, "os.PathLike[str]"]) -> str:
    """A path as the user would write it: relative to the working folder when inside it,
    else as it is. The one place that decides this (messages, reports, cycles)."""
    path = Path(path)
    if not path.is_absolute():
        return str(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
