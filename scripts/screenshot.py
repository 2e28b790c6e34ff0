"""Make docs/rapport.png, the README's screenshot, from the shipped examples.

    .venv/bin/python scripts/screenshot.py [--uit docs/rapport.png] [--volledig]

Runs `afspraken check voorbeelden/ --format html` exactly as the README shows it (from the
repository root, so the paths read voorbeelden/...), opens the report in Debian's Chromium
through Playwright and saves the top of the page: the matrix and the summary. It also writes
docs/rapport.txt, the list of files the screenshot shows, which a test compares with voorbeelden/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uit", type=Path, default=ROOT / "docs" / "rapport.png")
    parser.add_argument("--volledig", action="store_true", help="the whole page, not only the top")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    examples = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "voorbeelden").glob("*.toml"))
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "rapport.html"
        done = subprocess.run(
            [sys.executable, "-m", "afspraken", "check", "voorbeelden/", "--format", f"html:{report}", "--quiet"],
            cwd=ROOT, capture_output=True, text=True, env={"AFSPRAKEN_LANG": "nl", "PATH": ""},
        )
        if done.returncode not in (0, 1):
            print(done.stdout + done.stderr, file=sys.stderr)
            return 2
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"], headless=True)
            page = browser.new_page(viewport={"width": 1000, "height": 1250}, device_scale_factor=1)
            page.route("**/*", lambda route: route.continue_() if route.request.url == report.as_uri() else route.abort())
            page.goto(report.as_uri())
            shown = page.eval_on_selector_all("#matrix tbody th a", "links => links.map(a => a.getAttribute('href'))")
            paths = page.eval_on_selector_all(
                ".agreement dl.particulars dd:first-of-type", "dds => dds.map(d => d.textContent.replace(/\\u200b/g, ''))"
            )
            page.screenshot(path=str(args.uit), full_page=args.volledig)
            browser.close()
    args.uit.with_suffix(".txt").write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
    missing = sorted(set(paths) - set(examples))
    print(f"{args.uit}: {len(shown)} afspraken, {dt.datetime.now():%Y-%m-%d %H:%M}")
    if missing:
        print(f"het rapport toont bestanden die niet in voorbeelden/ staan: {missing}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
