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
        "tot = 2028-12-31\n"
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
        assert page.get_by_role("table").count() >= 4  # matrix, overview, explained, problems
        # the overview links to each agreement
        page.locator("#overzicht").get_by_role("link", name="voorbeelden/kapot.toml").click()
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
        # only the participation profile's own drawings: two per evaluated agreement, none injected
        svgs = page.evaluate("[...document.querySelectorAll('svg')].map(e => e.getAttribute('class'))")
        assert svgs and set(svgs) == {"profile-svg"} and len(svgs) % 2 == 0
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
        assert len(tables) >= 4
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
            """() => [...document.querySelectorAll('th:not(.rule-col)')].filter(th => !/\\s/.test(th.textContent.trim())).filter(th => {
                const range = document.createRange(); range.selectNodeContents(th);
                return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
            }).map(th => th.textContent)"""
        )
        assert split == []
        # the matrix's rule ids stand upright, each on one line: as wide as one line of text
        upright = page.evaluate(
            """() => [...document.querySelectorAll('th.rule-col span')].map(s => {
                const r = s.getBoundingClientRect(); return [s.textContent, r.width, r.height, parseFloat(getComputedStyle(s).lineHeight)];
            })"""
        )
        assert len(upright) >= 19
        for text, width, height, line in upright:
            assert width <= line + 1 and height > width, (text, width, height)
        page.screenshot(path=str(ARTEFACTS / "rapport-print.png"), full_page=True)
    finally:
        page.close()


def test_the_matrix_comes_first_and_reads_without_colour(browser, tmp_path, monkeypatch):
    from afspraken.reporting import matrix

    monkeypatch.chdir(tmp_path)
    paths = [p.relative_to(tmp_path) for p in _write_examples(tmp_path)]
    report = _report_file(tmp_path, paths, "rapport.html")
    checker = Checker()
    results = [checker.check_path(p) for p in paths]
    page, seen, _ = _open(browser, report)
    try:
        first = page.evaluate("document.querySelector('main').firstElementChild.id")
        assert first == "matrix"
        rows = page.locator("#matrix tbody tr")
        assert rows.count() == len(paths)
        for i, result in enumerate(results):
            score = rows.nth(i).locator("td.score").inner_text()
            if result.problems:
                assert score == "niet beoordeeld"
            else:
                passed = sum(1 for o in result.outcomes if o.outcome.value == "geslaagd")
                assert score == f"{passed} van {len(result.outcomes)} regels gehaald"
        # the unequal vote: a cross under gelijke-stem, said in words to a screen reader and a tooltip
        headers = page.eval_on_selector_all("#matrix thead th.rule-col", "ths => ths.map(th => th.textContent)")
        cell = rows.nth(1).locator("td.cell").nth(headers.index("gelijke-stem"))
        assert cell.get_attribute("title") == "gelijke-stem: fout"
        assert cell.inner_text().strip().startswith(matrix.SYMBOLS["fout"])
        # every outcome has its own shape: in greyscale the symbols still differ; the legend names each
        assert len(set(matrix.SYMBOLS.values())) == len(matrix.SYMBOLS)
        legend = page.locator("#matrix ul.legend li").all_inner_texts()
        assert [t.split(" ", 1)[0] for t in legend] == list(matrix.SYMBOLS.values())
        shown = set(page.eval_on_selector_all("#matrix td.cell span[aria-hidden]", "spans => spans.map(s => s.textContent)"))
        assert shown >= {matrix.SYMBOLS[k] for k in ("geslaagd", "fout", "waarschuwing", "advies", "uitgelegd", "nvt")}
        page.add_style_tag(content="html { filter: grayscale(1); }")
        ARTEFACTS.mkdir(exist_ok=True)
        page.locator("#matrix").screenshot(path=str(ARTEFACTS / "matrix-grijs.png"))
        # a rule's column links to its explanation in the same file
        page.locator("#matrix thead").get_by_role("link", name="gelijke-stem", exact=True).click()
        assert page.evaluate("location.hash") == "#regel-gelijke-stem"
        explained = page.locator("#regel-gelijke-stem")
        assert explained.is_visible() and "Wat de regel toetst" in explained.inner_text()
        assert seen == [report.as_uri()]
        # each finding shows its line, the span marked, and its place in words
        finding = page.locator("#afspraak-2 article.finding").first
        assert finding.locator("pre.source mark").inner_text() == "stemmen = 2"  # the odd votes (RULES v2)
        assert "Plaats: orgaan 'Buurtonderneming Woensel-West', lid 'P. Jansen', stemmen · voorbeelden/ongelijke-stem.toml:48:3" in finding.inner_text()
    finally:
        page.close()


def test_passed_rules_fold_on_screen_and_list_in_print(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paths = [p.relative_to(tmp_path) for p in _write_examples(tmp_path)]
    report = _report_file(tmp_path, paths, "rapport.html")
    page, _, _ = _open(browser, report)
    try:
        folds = page.locator("section.passed details")
        assert folds.count() == 3  # the three agreements that could be evaluated
        assert page.evaluate("[...document.querySelectorAll('section.passed details')].every(d => !d.open)")
        first = page.locator("#afspraak-3 section.passed")
        assert not first.locator("ul.passed-list").is_visible()
        assert not first.locator(".passed-print").is_visible()
        first.locator("summary").click()
        assert first.locator("ul.passed-list").is_visible()
        assert first.locator("ul.passed-list li").count() == int(first.locator("summary").inner_text().split("(")[1].rstrip(")"))
        page.emulate_media(media="print")
        assert not first.locator("details").is_visible()
        compact = first.locator(".passed-print")
        assert compact.is_visible() and "gelijke-stem" in compact.inner_text() and "een-aanspreekpunt" in compact.inner_text()
        assert compact.evaluate("p => p.getClientRects().length") == 1  # one block, not a table of rows
    finally:
        page.close()


def test_the_readme_screenshot_is_made_from_the_shipped_examples(tmp_path):
    import subprocess
    import sys

    shot = tmp_path / "rapport.png"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshot.py"), "--uit", str(shot)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert shot.read_bytes().startswith(b"\x89PNG")
    shown = (tmp_path / "rapport.txt").read_text(encoding="utf-8")
    assert shown == (ROOT / "docs" / "rapport.txt").read_text(encoding="utf-8")  # the committed screenshot shows the same files
