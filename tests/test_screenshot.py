"""The README's screenshot shows the shipped examples, and nothing that is not shipped."""

from __future__ import annotations

import re

from conftest import EXAMPLES, ROOT

SHOT = ROOT / "docs" / "rapport.png"
LIST = ROOT / "docs" / "rapport.txt"  # written by scripts/screenshot.py with the screenshot


def test_the_screenshot_exists_and_lists_what_it_shows():
    assert SHOT.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    shown = LIST.read_text(encoding="utf-8").split()
    assert shown, "run: .venv/bin/python scripts/screenshot.py"
    missing = [p for p in shown if not (ROOT / p).is_file()]
    assert missing == [], f"the screenshot shows files that are not in voorbeelden/: {missing}; run scripts/screenshot.py"
    shipped = sorted(p.relative_to(ROOT).as_posix() for p in EXAMPLES.glob("*.toml"))
    assert sorted(shown) == shipped, "the examples changed since the screenshot; run scripts/screenshot.py"


def test_the_readme_names_only_shipped_examples():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"voorbeelden/[\w.-]+\.toml", readme))
    assert named, "the README shows no example"
    assert sorted(p for p in named if not (ROOT / p).is_file()) == []
    assert "![" in readme and "docs/rapport.png" in readme and "scripts/screenshot.py" in readme
