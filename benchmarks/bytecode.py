"""Compile afspraken and its plugins to bytecode before measuring, as installing a wheel does.

With ``PYTHONDONTWRITEBYTECODE`` set (or a source tree that just changed), every run would
compile the changed modules again: ~130 M instructions more at start-up, which an
installed tool never pays. The scripts here call :func:`compile_installed` first.
"""

from __future__ import annotations

import compileall
import importlib.util


def compile_installed() -> None:
    """Write the ``.pyc`` files of afspraken and of every installed plugin (entry points)."""
    from importlib.metadata import entry_points

    names = ["afspraken", *(ep.value.split(":")[0].split(".")[0].strip() for ep in entry_points(group="afspraken"))]
    for name in dict.fromkeys(names):
        spec = importlib.util.find_spec(name)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            compileall.compile_dir(folder, quiet=1)
