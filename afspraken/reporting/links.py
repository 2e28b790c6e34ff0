"""Where a rule's documentation is: the ``rule_url`` template of the config, or the docs page
shipped with the package (``docs/regels.md`` / ``docs/rules.md``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Optional

from afspraken.rules import Rule

PAGES = {"nl": "regels.md", "en": "rules.md"}
PROJECT = "https://pypi.org/project/afspraken/"


def anchor(rule: Rule[Any], lang: str = "nl") -> str:
    """The anchor GitHub gives the rule's heading ``### `id`: Title`` on the generated page."""
    heading = f"{rule.id}: {rule.title(lang)}".lower()
    return re.sub(r"[^\w\- ]", "", heading).replace(" ", "-")


def docs_page(lang: str) -> Optional[Path]:
    """The installed rules page: in the wheel under ``afspraken/docs``, in a checkout ``docs/``."""
    package = Path(__file__).resolve().parents[1]
    for folder in (package / "docs", package.parent / "docs"):
        page = folder / PAGES.get(lang, PAGES["nl"])
        if page.is_file():
            return page
    return None


def rule_url(rule_id: str, rule: Optional[Rule[Any]] = None, template: str = "", lang: str = "nl") -> str:
    """The URL of a rule's documentation (``template`` like ``https://example.org/regels/{id}``)."""
    if template:
        return template.replace("{id}", rule_id)
    page = docs_page("en" if lang == "en" else "nl")
    if page is None:
        return PROJECT
    return page.as_uri() + (f"#{anchor(rule, lang)}" if rule is not None else "")
