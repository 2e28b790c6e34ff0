"""The built-in rules: plugins that use the same hooks as a third party's.

The rule-set TOML files live in the repository's ``rules/`` folder and are
installed as ``afspraken/regelsets/``.
"""

from __future__ import annotations

from pathlib import Path

from afspraken.helpers import amount, count, name_of, names, number  # noqa: F401 - the rules' helpers, public in afspraken.helpers

BRON = "Samen sterk in de wijk (werkconferentie, Utrecht, 10 juni)"
"""The source document of the built-in rules (``bron/samen-sterk-in-de-wijk.txt``)."""


def ruleset_dir() -> Path:
    installed = Path(__file__).resolve().parent.parent / "regelsets"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "rules"  # source checkout, editable install


def ruleset(name: str) -> Path:
    return ruleset_dir() / f"{name}.toml"


