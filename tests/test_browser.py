"""The HTML report in a real headless Chromium: it shows its sections, runs no
script from a hostile agreement, fetches nothing, and prints on A4 without
cut-off tables.

Needs Playwright for Python and Debian's Chromium at /usr/bin/chromium (no
``playwright install``: the browser is the system's). Skipped, with the reason,
when either is missing. Screenshots go to ``test-artefacten/`` (git-ignored).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from afspraken.checking.run import Checker
from afspraken.reporting import Context
from afspraken.reporting import html
from conftest import EXAMPLES, ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTEFACTS = ROOT / "test-artefacten"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
GENERATED = dt.datetime(2026, 3, 5, 14, 7, tzinfo=dt.timezone(dt.timedelta(hours=1)))

# A4 at 96 dpi, less the @page margins of the stylesheet (15 mm left and right).
MM = 96 / 25.4
A4_CONTENT_WIDTH = (210 - 2 * 15) * MM  # 680.3 px

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, f"the example changed: {old!r} not found"
    return text.replace(old, new)


def _write_examples(folder: Path) -> list[Path]:
    """The examples plus a draft with a finding of every severity and an explained waiver."""
    target = folder / "voorbeelden"
    target.mkdir()
    for name in ("ongelijke-stem.toml", "woensel-west.toml"):
        shutil.copy(EXAMPLES / name, target / name)
    draft = (EXAMPLES / "ongelijke-stem.toml").read_text(encoding="utf-8")
    draft = _edit(draft, 'titel = "Samenwerkingsafspraken Buurtonderneming Woensel-West"', 'titel = "Wijkconvenant Woensel-West 2026-2030"')
    draft = _edit(draft, '[maatwerk]\nwijkanalyse = "Wijkprofiel Woensel-West 2008"\n', "")
    draft = _edit(draft, "successen_vieren = true", "successen_vieren = false")
    draft = _edit(draft, "professionals = 6", "professionals = 36")
    draft = _edit(draft, 'naam = "Stichting Welzijn Woensel"', 'naam = "Stichting Welzijnsondersteuningsorganisatiesamenwerkingsverband Woensel"')
    draft += (
        '\n[[uitzondering]]\nregel = "niet-te-veel-professionals"\n'
        'toelichting = "Tijdelijk extra inzet van de corporatie tijdens de herstructurering van de Celebesstraat (tot 2028)."\n'
    )
    long_name = target / "wijkconvenant-woensel-west-2026-2030-concept-na-bewonersavond.toml"
    long_name.write_text(draft, encoding="utf-8")
    broken = target / "kapot.toml"
    broken.write_text('formaat = 1\n[afspraak]\ntitel = "Kapot"\nwijk = 3\n', encoding="utf-8")
    return [long_name, target / "ongelijke-stem.toml", target / "woensel-west.toml", broken]


def _report_file(folder: Path, paths: list[Path], name: str, lang: str = "nl") -> Path:
    checker = Checker()
    report = checker.report([checker.check_path(p) for p in paths])
    ctx = Context(lang=lang, rules=checker.environment(folder).registry.rules, tool_version="0.1.0", generated=GENERATED)
    out = folder / name
    out.write_text(html.render(report, ctx), encoding="utf-8")
    return out


def _open(browser, path: Path, **viewport: int):
    """A page with every request recorded and everything but the report itself refused."""
    page = browser.new_page(viewport={"width": viewport.get("width", 1000), "height": viewport.get("height", 1300)})
    seen: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route("**/*", lambda route: route.continue_() if route.request.url == path.as_uri() else route.abort())
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, seen, dialogs


def test_the_report_shows_its_sections(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative paths in the report, as a user would have them
    paths = [p.relative_to(tmp_path) for p in _write_examples(tmp_path)]
    report = _report_file(tmp_path, paths, "rapport.html")
    page, seen, dialogs = _open(browser, report)
    try:
        assert page.evaluate("document.documentElement.lang") == "nl"
        headings = {
            "main": ["Rapport samenwerkingsafspraken", "Samenvatting", "Overzicht"],
            "#afspraak-1": ["1. Wijkconvenant Woensel-West 2026-2030", "Fouten (1)", "Waarschuwingen (1)", "Adviezen (1)",
                            "Uitgelegde afwijkingen (pas toe of leg uit) (1)"],
            "#afspraak-2": ["2. Samenwerkingsafspraken Buurtonderneming Woensel-West", "Fouten (1)"],
            "#afspraak-4": ["4. voorbeelden/kapot.toml", "Kon niet worden beoordeeld"],
        }
        for where, names in headings.items():
            scope = page if where == "main" else page.locator(where)
            for name in names:
                heading = scope.get_by_role("heading", name=name, exact=True)
                assert heading.count() == 1 and heading.is_visible(), (where, name)
        assert page.get_by_role("heading", name="Geslaagde regels", exact=False).count() == 3
        assert page.get_by_role("table").count() >= 5
        # the overview links to each agreement
        page.get_by_role("link", name="voorbeelden/kapot.toml").click()
        assert page.evaluate("location.hash") == "#afspraak-4"
        assert seen == [report.as_uri()] and dialogs == []

        ARTEFACTS.mkdir(exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(ARTEFACTS / "rapport.png"))
        page.screenshot(path=str(ARTEFACTS / "rapport-volledig.png"), full_page=True)
    finally:
        page.close()


HOSTILE_TITLE = "<script>window.__pwned = 1; alert(1)</script>"
HOSTILE_PARTY = '"><img src=x onerror="window.__pwned=2;alert(2)">'
HOSTILE_AREA = "West</title><svg onload=alert(3)>"


def test_a_hostile_agreement_runs_no_script(browser, tmp_path):
    text = (EXAMPLES / "ongelijke-stem.toml").read_text(encoding="utf-8")
    text = _edit(text, 'titel = "Samenwerkingsafspraken Buurtonderneming Woensel-West"', f"titel = '{HOSTILE_TITLE}'")
    text = _edit(text, 'naam = "Gemeente Eindhoven"', f"naam = '{HOSTILE_PARTY}'")
    text = _edit(text, 'wijk = "Woensel-West"', f"wijk = '{HOSTILE_AREA}'")
    agreement = tmp_path / "vijandig.toml"
    agreement.write_text(text, encoding="utf-8")
    report = _report_file(tmp_path, [agreement, EXAMPLES / "woensel-west.toml"], "vijandig.html")
    page, seen, dialogs = _open(browser, report)
    try:
        page.wait_for_timeout(300)  # give an injected handler (img onerror) the chance to fire
        assert dialogs == []
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.scripts.length") == 0
        assert page.evaluate("document.images.length") == 0
        assert page.evaluate("document.querySelectorAll('svg').length") == 0
        assert seen == [report.as_uri()]  # nothing fetched: no image, font, style or script
        # the hostile text is shown as text
        assert page.get_by_role("heading", name=f"1. {HOSTILE_TITLE}", exact=True).is_visible()
        body = page.inner_text("body")
        assert HOSTILE_PARTY in body and HOSTILE_AREA in body
    finally:
        page.close()


def test_print_layout_fits_a4(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paths = [p.relative_to(tmp_path) for p in _write_examples(tmp_path)]
    report = _report_file(tmp_path, paths, "rapport.html")
    # the printed page's content box: A4 less the margins, at 96 dpi
    page, _, _ = _open(browser, report, width=int(A4_CONTENT_WIDTH), height=1000)
    try:
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", print_background=True)
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
        (ARTEFACTS).mkdir(exist_ok=True)
        (ARTEFACTS / "rapport.pdf").write_bytes(pdf)
        tables = page.evaluate(
            """() => [...document.querySelectorAll('table')].map(t => {
                const r = t.getBoundingClientRect();
                return {scroll: t.scrollWidth, client: t.clientWidth, left: r.left, right: r.right,
                        header: getComputedStyle(t.tHead).display, layout: getComputedStyle(t).tableLayout};
            })"""
        )
        assert len(tables) >= 5
        for i, t in enumerate(tables):
            assert t["scroll"] <= t["client"], (i, t)
            assert t["left"] >= 0 and t["right"] <= A4_CONTENT_WIDTH + 0.5, (i, t)
            assert t["header"] == "table-header-group" and t["layout"] == "fixed", (i, t)
        # no element sticks out of the content box (long paths and names wrap)
        widest = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        assert widest <= A4_CONTENT_WIDTH + 0.5
        cells = page.evaluate(
            "() => [...document.querySelectorAll('td, th')].filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent)"
        )
        assert cells == []
        # a one-word column header is not split over two lines ("Waarschuwin/g")
        split = page.evaluate(
            """() => [...document.querySelectorAll('th')].filter(th => !/\\s/.test(th.textContent.trim())).filter(th => {
                const range = document.createRange(); range.selectNodeContents(th);
                return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
            }).map(th => th.textContent)"""
        )
        assert split == []
        page.screenshot(path=str(ARTEFACTS / "rapport-print.png"), full_page=True)
    finally:
        page.close()
