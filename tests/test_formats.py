"""The report formats html, markdown, junit and github, rendered from real checks.

Reports are built with the Checker from the example agreements and from
agreements written here: a "rich" one with a finding of every severity, an
explained waiver and passed rules, a hostile one whose title, party name, area
and waiver carry HTML/Markdown, and one that cannot be evaluated.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest

from afspraken.checking.run import Checker
from afspraken.reporting import Context
from afspraken.reporting import github, html, junit, markdown
from afspraken.results import FileResult, Finding, Location, Problem, Report
from afspraken.rules import Severity, Text
from conftest import EXAMPLES

DATA = Path(__file__).parent / "data"
GOOD = EXAMPLES / "woensel-west.toml"
UNEQUAL = EXAMPLES / "ongelijke-stem.toml"
GENERATED = dt.datetime(2026, 3, 5, 14, 7, tzinfo=dt.timezone(dt.timedelta(hours=1)))

TITLE = "<script>alert(1)</script>"
PARTY = '"><img src=x onerror=alert(1)>'
AREA = "Woensel-West</title><style>body{display:none}</style>"
WAIVER = 'Tijdelijk: <b onmouseover="alert(2)">de herstructurering</b> loopt tot 2012 | *nog* _even_ [x](javascript:alert(3))'
EXPLANATION = "Tijdelijk extra inzet tijdens de herstructurering van de Celebesstraat."


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, f"the example changed: {old!r} not found"
    return text.replace(old, new)


def rich_text(*, hostile: bool = False) -> str:
    """ongelijke-stem (a fout) + no [maatwerk] (waarschuwing) + no celebrations (advies) + a waived fout."""
    text = UNEQUAL.read_text(encoding="utf-8")
    text = _replace(text, '[maatwerk]\nwijkanalyse = "Wijkprofiel Woensel-West 2008"\n', "")
    text = _replace(text, "successen_vieren = true", "successen_vieren = false")
    text = _replace(text, "professionals = 6", "professionals = 36")
    explanation = WAIVER if hostile else EXPLANATION
    text += f"\n[[uitzondering]]\nregel = \"niet-te-veel-professionals\"\ntoelichting = '{explanation}'\ntot = 2099-12-31\n"
    if hostile:
        text = _replace(text, 'titel = "Samenwerkingsafspraken Buurtonderneming Woensel-West"', f"titel = '{TITLE}'")
        text = _replace(text, 'naam = "Gemeente Eindhoven"', f"naam = '{PARTY}'")  # has 2 votes: named in the finding
        text = _replace(text, 'wijk = "Woensel-West"', f"wijk = '{AREA}'")
    return text


BROKEN = 'formaat = 1\n[afspraak]\ntitel = "Kapot"\nwijk = 3\n\n[[partij]]\nid = "x"\n'


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("afspraken")
    out = {"rijk": folder / "rijk.toml", "vijandig": folder / "vijandig.toml", "kapot": folder / "kapot.toml"}
    out["rijk"].write_text(rich_text(), encoding="utf-8")
    out["vijandig"].write_text(rich_text(hostile=True), encoding="utf-8")
    out["kapot"].write_text(BROKEN, encoding="utf-8")
    return out


def _passed(result: FileResult) -> int:
    return sum(1 for o in result.outcomes if o.outcome.value == "geslaagd")


def build(*paths: Path | str, lang: str = "nl", fail_on: Severity | None = Severity.FOUT, **options: object) -> tuple[Report, Context]:
    checker = Checker(**options)  # type: ignore[arg-type]
    report = checker.report([checker.check_path(p) for p in paths])
    rules = checker.environment(Path(paths[0]).parent).registry.rules
    return report, Context(lang=lang, rules=rules, tool_version="9.9.9", generated=GENERATED, fail_on=fail_on)


# -- a small HTML tree walker (stdlib html.parser) ------------------------------------------------

VOID = {"meta", "br", "col", "wbr", "img", "link", "input", "hr", "source"}


class Page(HTMLParser):
    """Start tags with attributes, text per element, visible text, and nesting errors."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = defaultdict(list)
        self.errors: list[str] = []
        self._stack: list[tuple[str, int]] = []
        self._data: list[str] = []
        self._visible: list[str] = []
        self._hidden = 0
        self.feed(source)
        self.close()
        if self._stack:
            self.errors.append(f"unclosed: {[t for t, _ in self._stack]}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in VOID:
            return
        self._stack.append((tag, len(self._data)))
        if tag in ("style", "script", "title"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if not self._stack or self._stack[-1][0] != tag:
            self.errors.append(f"unexpected </{tag}>")
            return
        _, start = self._stack.pop()
        self.texts[tag].append(" ".join("".join(self._data[start:]).split()))
        if tag in ("style", "script", "title"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        self._data.append(data)
        if not self._hidden:
            self._visible.append(data)

    @property
    def text(self) -> str:
        """The text a reader sees (not the title, style or script)."""
        return " ".join("".join(self._visible).split())

    def find(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.tags if t == tag]


def parse(source: str) -> Page:
    page = Page(source)
    assert not page.errors, page.errors
    return page


# -- HTML -----------------------------------------------------------------------------------------


def test_html_has_every_section_for_several_agreements(files):
    report, ctx = build(files["rijk"], GOOD, files["kapot"])
    out = html.render(report, ctx)
    assert out.startswith("<!DOCTYPE html>\n<html lang=\"nl\">")
    page = parse(out)
    assert page.texts["h1"] == ["Rapport samenwerkingsafspraken"]
    h2 = page.texts["h2"]
    assert h2[:3] == ["Overzicht per regel", "Samenvatting", "Overzicht"]  # the matrix first
    assert h2[3:] == [
        "1. Samenwerkingsafspraken Buurtonderneming Woensel-West",
        "2. Samenwerkingsafspraken Buurtonderneming Woensel-West",
        f"3. {files['kapot']}",
        "Bijlage: de regels uitgelegd",
    ]
    h3 = page.texts["h3"]
    rich_passed, good_passed = _passed(report.files[0]), _passed(report.files[1])
    assert good_passed == len(report.files[1].outcomes) and rich_passed == len(report.files[0].outcomes) - 4
    for heading in ("Fouten (1)", "Waarschuwingen (1)", "Adviezen (1)", "Uitgelegde afwijkingen (pas toe of leg uit) (1)", f"Geslaagde regels ({rich_passed})", f"Geslaagde regels ({good_passed})", "Kon niet worden beoordeeld"):
        assert heading in h3, (heading, h3)

    # the overview links to each agreement's section, with counts and a verdict in words
    anchors = [a["href"] for a in page.find("a") if a.get("href", "").startswith("#afspraak-")]
    ids = [attrs["id"] for _, attrs in page.tags if attrs.get("id", "").startswith("afspraak-")]
    assert anchors == ["#afspraak-1", "#afspraak-2", "#afspraak-3"] * 2 and ids == ["afspraak-1", "afspraak-2", "afspraak-3"]  # matrix, overview
    start = out.index('<section id="overzicht"')
    overview = parse(out[start : out.index("</section>", start) + len("</section>")])
    cells = overview.texts["td"]
    rows = [cells[i : i + 7] for i in range(0, len(cells), 7)]
    assert [row[0] for row in rows] == [str(files["rijk"]), str(GOOD), str(files["kapot"])]
    assert rows[0][2:] == ["1", "1", "1", "1", "niet in orde"]
    assert rows[1][2:] == ["0", "0", "0", "0", "in orde"]
    assert rows[2][1:] == ["", "–", "–", "–", "–", "niet beoordeeld"]

    rich = report.files[0]
    gelijke = next(f for f in rich.findings if f.rule == "gelijke-stem")
    text = page.text
    # particulars of the agreement
    for value in ("Woensel-West, Eindhoven", rich.meta["partijen"], "concept · wijkafspraak", "basis, wijkaanpak", "5 maart 2026, 14:07"):
        assert value in text, value
    # a finding: message, place in words and in the file, its line, the quote with its source (appendix), the fix
    rule = ctx.rules["gelijke-stem"]
    assert gelijke.message("nl") in text
    # the place is the odd votes (RULES v2: the stemmen of the odd one out)
    assert f"Plaats: orgaan 'Buurtonderneming Woensel-West', lid 'P. Jansen', stemmen · {gelijke.location}" in text
    assert f'<span class="ln">{gelijke.location.line}</span>  <mark>stemmen = 2</mark>' in out
    assert f"\u201c{rule.quote}\u201d" in text and f"\u2014 {rule.source}" in text
    assert gelijke.fix is not None and f"Oplossing: {gelijke.fix('nl')}" in text  # the fix of this finding
    # the waiver and its explanation; the problems of the broken file
    assert EXPLANATION in text
    assert "verplichte sleutel 'ingangsdatum' ontbreekt in [afspraak]" in text
    # the summary gives the verdict in words, not colour alone
    assert "Uitslag: niet in orde — 1 van 3 afspraken in orde, 1 niet beoordeeld" in text
    assert "2 fouten" not in text and "1 fout" in text


def test_html_single_agreement_has_no_overview():
    report, ctx = build(GOOD)
    page = parse(html.render(report, ctx))
    assert page.texts["h2"] == ["Samenvatting", "Samenwerkingsafspraken Buurtonderneming Woensel-West", "Bijlage: de regels uitgelegd"]
    assert "Geen bevindingen: deze afspraak voldoet aan alle regels." in page.text
    assert "Uitslag: in orde" in page.text
    assert page.texts["title"] == ["Rapport samenwerkingsafspraken: Samenwerkingsafspraken Buurtonderneming Woensel-West"]


def test_html_escapes_everything_from_the_agreement(files):
    report, ctx = build(files["vijandig"], GOOD)
    out = html.render(report, ctx)
    page = parse(out)
    tags = {tag for tag, _ in page.tags}
    assert "script" not in tags and "img" not in tags and "b" not in tags
    assert [tag for tag, _ in page.tags].count("style") == 1  # the page's own, in <head>
    handlers = [(tag, name) for tag, attrs in page.tags for name in attrs if name.startswith("on")]
    assert handlers == []
    assert "<script" not in out.lower() and "<img" not in out.lower()
    # ... and the text is there, visibly, as written
    assert any(TITLE in h for h in page.texts["h2"])
    assert PARTY in page.text and AREA in page.text and WAIVER in page.text
    assert page.texts["title"] == ["Rapport samenwerkingsafspraken"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in out
    # alone, the hostile title is also the page's <title>
    single = parse(html.render(*build(files["vijandig"])))
    assert single.texts["title"] == [f"Rapport samenwerkingsafspraken: {TITLE}"]
    assert "script" not in {tag for tag, _ in single.tags}


def test_html_loads_nothing_from_outside(files):
    report, ctx = build(files["rijk"], GOOD, files["kapot"])
    out = html.render(report, ctx)
    page = parse(out)
    for tag, attrs in page.tags:
        assert tag not in {"script", "link", "img", "iframe", "object", "embed", "audio", "video", "base", "form"}, tag
        assert "src" not in attrs and "srcset" not in attrs
        assert (attrs.get("href") or "#").startswith("#"), attrs
    lowered = out.lower()
    for needle in ("http://", "https://", "@import", "url(", "//fonts", "javascript:"):
        assert needle not in lowered, needle


def test_html_in_english(files):
    report, ctx = build(files["rijk"], files["kapot"], lang="en")
    out = html.render(report, ctx)
    assert out.startswith('<!DOCTYPE html>\n<html lang="en">')
    page = parse(out)
    assert page.texts["h1"] == ["Partnership agreement report"]
    assert page.texts["h2"][:3] == ["Overview per rule", "Summary", "Overview"]
    for heading in ("Errors (1)", "Warnings (1)", "Notes (1)", "Explained deviations (comply or explain) (1)", f"Rules passed ({_passed(report.files[0])})", "Could not be evaluated"):
        assert heading in page.texts["h3"]
    text = page.text
    assert "Location:" in text and "Fix:" in text and "Why it matters:" in text and "5 March 2026, 14:07" in text
    assert "the parties do not have an equal voice" in text
    ours = parse(re.sub(r"(?s)<blockquote.*?</blockquote>", "", out)).text  # the quotes from the source stay Dutch
    for dutch in ("Samenvatting", "Oplossing", "Geslaagde regels", "Plaats", "Uitslag", "niet in orde", "Gecontroleerd"):
        assert dutch not in ours, dutch
    # the source quote stays Dutch, and says so
    assert {"lang": "nl"} in page.find("blockquote")


def test_html_prints_on_a4():
    report, ctx = build(GOOD, UNEQUAL)
    out = html.render(report, ctx)
    css = out[out.index("<style>") : out.index("</style>")]
    assert re.search(r"@page\s*\{\s*size:\s*A4;\s*margin:", css)
    assert "@media print" in css
    for rule in ("table-layout: fixed", "overflow-wrap: anywhere", "display: table-header-group", "break-inside: avoid"):
        assert rule in css, rule
    assert 'class="finding sev-fout"' in out


def test_html_severity_is_never_colour_alone(files):
    report, ctx = build(files["rijk"])
    page = parse(html.render(report, ctx))
    badges = [t for t in page.texts["span"] if t.upper() in {"FOUT", "WAARSCHUWING", "ADVIES"}]
    assert sorted({b.lower() for b in badges}) == ["advies", "fout", "waarschuwing"]


def test_html_builder_escapes_and_refuses_bad_names():
    assert html.el("p", "<b>", title='"x" & <y>') == '<p title="&quot;x&quot; &amp; &lt;y&gt;">&lt;b&gt;</p>'
    assert html.el("p", html.el("b", "ok"), None, ["a", 1]) == "<p><b>ok</b>a1</p>"
    assert html.el("td", class_="num", aria_label="n", hidden=True, title=None) == '<td class="num" aria-label="n" hidden></td>'
    for bad in ({"onclick": "x"}, {"onerror": "x"}, {"a b": "x"}):
        with pytest.raises(ValueError):
            html.el("p", **bad)
    with pytest.raises(ValueError):
        html.el("p onclick=x")


def test_fail_on_sets_the_verdict(files):
    rich = files["rijk"]
    assert "Uitslag: in orde" in parse(html.render(*build(GOOD, fail_on=Severity.ADVIES))).text
    # a warning alone is 'in orde' at the default threshold, not at --fail-on waarschuwing
    text = rich_text().replace("stemmen = 2\n", "")
    only_warnings = rich.with_name("waarschuwing.toml")
    only_warnings.write_text(text, encoding="utf-8")
    assert "Uitslag: in orde" in parse(html.render(*build(only_warnings))).text
    assert "Uitslag: niet in orde" in parse(html.render(*build(only_warnings, fail_on=Severity.WAARSCHUWING))).text
    # --fail-on nooit keeps CI green, but the meeting still sees the errors
    assert "Uitslag: niet in orde" in parse(html.render(*build(rich, fail_on=None))).text


# -- Markdown -------------------------------------------------------------------------------------


def _headings(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("#")]


def test_markdown_has_the_same_sections(files):
    report, ctx = build(files["rijk"], GOOD, files["kapot"])
    out = markdown.render(report, ctx)
    heads = _headings(out)
    assert heads[:4] == ["# Rapport samenwerkingsafspraken", "## Overzicht per regel", "## Samenvatting", "## Overzicht"]
    assert heads[-1] != "## Bijlage: de regels uitgelegd" and "## Bijlage: de regels uitgelegd" in heads
    for heading in (
        "## 1. Samenwerkingsafspraken Buurtonderneming Woensel-West",
        "### Fouten (1)",
        "#### Fout: [Gelijke stem in het orgaan dat besluit](#regel-gelijke-stem) (`gelijke-stem`)",
        "### Waarschuwingen (1)",
        "### Adviezen (1)",
        "### Uitgelegde afwijkingen (pas toe of leg uit) (1)",
        f"## 3. {markdown.md(files['kapot'])}",
        "### Kon niet worden beoordeeld",
        "### Gelijke stem in het orgaan dat besluit (`gelijke-stem`)",
    ):
        assert heading in heads, heading
    assert f"<summary>Geslaagde regels ({_passed(report.files[0])})</summary>" in out
    rule = ctx.rules["gelijke-stem"]
    gelijke = next(f for f in report.files[0].findings if f.rule == "gelijke-stem")
    assert f"  - Plaats: orgaan 'Buurtonderneming Woensel-West', lid 'P. Jansen', stemmen · `{gelijke.location}`" in out
    assert f"    {gelijke.location.line} |   stemmen = 2\n       |   ^^^^^^^^^^^\n" in out  # the line, the span marked
    assert f"> \u201c{markdown.md(rule.quote)}\u201d" in out and f"> \u2014 {markdown.md(rule.source)}" in out
    assert gelijke.fix is not None and f"**Oplossing:** {markdown.md(gelijke.fix('nl'))}" in out
    assert "[" + markdown.md(str(files["rijk"])) + "](#afspraak-1)" in out and '<a id="afspraak-1"></a>' in out
    assert "- [Bewoners aan tafel](#regel-bewoners-aan-tafel) (`bewoners-aan-tafel`)" in out
    assert '<a id="regel-bewoners-aan-tafel"></a>' in out
    assert EXPLANATION in out
    assert "**Uitslag:** ❌ **niet in orde** — 1 van 3 afspraken in orde, 1 niet beoordeeld" in out


def _cells(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_tables_keep_their_shape(files):
    report, ctx = build(files["vijandig"], files["rijk"], files["kapot"])
    out = markdown.render(report, ctx)
    tables = re.findall(r"(?m)(?:^\|.*\|\n)+", out)
    assert len(tables) >= 4
    for table in tables:
        widths = {_cells(line) for line in table.splitlines()}
        assert len(widths) == 1, table


def test_markdown_escapes_the_agreement_text(files):
    report, ctx = build(files["vijandig"])
    out = markdown.render(report, ctx)
    ours = re.sub(r"(?ms)^( *)(`{3,})toml\n.*?^\1\2$", "", out)  # the source lines, in fenced code blocks
    ours = re.sub(r'<a id="(afspraak-1|regel-[a-z-]+)"></a>|</?details>|</?summary>', "", ours)  # our anchors and folds
    ours = re.sub(r"(?m)^>( |$)", "", ours)  # and quotes
    assert not re.search(r"(?<!\\)[<>]", ours), "unescaped < or > in agreement text"
    targets = re.findall(r"(?<!\\)\]\(([^)]*)\)", out)
    assert targets and all(re.fullmatch(r"#(afspraak-\d+|regel-[a-z-]+)", t) for t in targets), targets  # only our own links
    assert "## " + r"\<script\>alert(1)\</script\>" in out
    assert r'"\>\<img src=x onerror=alert(1)\>' in out
    assert r"\| \*nog\* \_even\_ \[x\](javascript:alert(3))" in out


def test_markdown_renders_as_plain_text_in_a_real_parser(files):
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is not installed")
    report, ctx = build(files["vijandig"], GOOD)
    rendered = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown.render(report, ctx))
    page = parse(rendered)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "img", "style", "b"}, tags
    assert all(not name.startswith("on") for _, attrs in page.tags for name in attrs)
    assert all(not (attrs.get("href") or "").startswith("javascript") for _, attrs in page.tags)
    assert any(TITLE in h for h in page.texts["h2"]) and PARTY in page.text and WAIVER in page.text and AREA in page.text
    assert len(page.find("table")) == 7  # matrix, overview, explained, and per agreement the profile's ladder and bodies
    assert {tag for tag, _ in page.tags} >= {"details", "summary", "pre"}


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a*b_c`d", r"a\*b\_c\`d"),
        ("- lijst", r"\- lijst"),
        ("1. punt", r"1\. punt"),
        ("# kop", r"\# kop"),
        ("> citaat", r"\> citaat"),
        ("a | b", r"a \| b"),
        ("regel 1\nregel 2\r\nregel 3", "regel 1 regel 2 regel 3"),
        ("&lt; $x$ ~~weg~~ ![i](u)", r"\&lt; \$x\$ \~\~weg\~\~ \!\[i\](u)"),
        ("Woensel-West 8.500", "Woensel-West 8.500"),
    ],
)
def test_markdown_escape(text, escaped):
    assert markdown.md(text) == escaped


def test_markdown_code_span_cannot_be_broken_out_of():
    assert markdown.code("a.toml:1:2") == "`a.toml:1:2`"
    assert markdown.code("a`b") == "``a`b``"
    assert markdown.code("`x`") == "`` `x` ``"


def test_markdown_in_english(files):
    report, ctx = build(files["rijk"], lang="en")
    out = markdown.render(report, ctx)
    assert _headings(out)[:2] == ["# Partnership agreement report", "## Summary"]
    assert "### Errors (1)" in out and "**Fix:**" in out and f"<summary>Rules passed ({_passed(report.files[0])})</summary>" in out
    assert "Oplossing" not in out and "Samenvatting" not in out


# -- JUnit ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def junit_schema():
    xmlschema = pytest.importorskip("xmlschema", reason="xmlschema is not installed")
    return xmlschema.XMLSchema(DATA / "junit.xsd")


def _recount(suite: ET.Element) -> dict[str, int]:
    cases = suite.findall("testcase")
    return {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None),
        "errors": sum(1 for c in cases if c.find("error") is not None),
        "skipped": sum(1 for c in cases if c.find("skipped") is not None),
    }


def _attrs(node: ET.Element) -> dict[str, int]:
    return {k: int(node.get(k, "-1")) for k in ("tests", "failures", "errors", "skipped")}


def test_junit_is_valid_and_counts_are_right(files, junit_schema, write):
    control = write("stuurtekens.toml", GOOD.read_text(encoding="utf-8").replace(
        'titel = "Samenwerkingsafspraken Buurtonderneming Woensel-West"', 'titel = "Bel\\u0007 en\\u001b[31m kleur"'
    ))
    report, ctx = build(files["rijk"], files["vijandig"], files["kapot"], GOOD, control, fail_on=Severity.ADVIES)
    out = junit.render(report, ctx)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    junit_schema.validate(out)
    root = ET.fromstring(out)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [r.path for r in report.files]
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in suites:
        assert _attrs(suite) == _recount(suite), suite.get("name")
        for key, value in _recount(suite).items():
            totals[key] += value
    assert {k: v for k, v in _attrs(root).items() if k != "skipped"} == {k: v for k, v in totals.items() if k != "skipped"}
    assert root.get("skipped") is None  # not allowed on <testsuites> by the Jenkins schema
    rich, good = report.files[0], report.files[3]
    assert _attrs(suites[0]) == {"tests": len(rich.outcomes), "failures": 3, "errors": 0, "skipped": 1}
    assert _attrs(suites[2]) == {"tests": 1, "failures": 0, "errors": 1, "skipped": 0}
    assert _attrs(suites[3]) == {"tests": len(good.outcomes), "failures": 0, "errors": 0, "skipped": 0}
    assert suites[4].find("properties/property[@name='titel']").get("value") == "Bel\\x07 en\\x1b[31m kleur"


def test_junit_cases_follow_the_rules(files):
    report, ctx = build(files["rijk"], files["kapot"], fail_on=Severity.ADVIES)
    root = ET.fromstring(junit.render(report, ctx))
    rich, broken = root.findall("testsuite")
    result = report.files[0]
    cases = {c.get("name"): c for c in rich.findall("testcase")}
    assert list(cases) == [o.rule for o in result.outcomes]
    assert {c.get("classname") for c in cases.values()} == {junit.class_name(result.path)}
    assert {c.get("file") for c in cases.values()} == {result.path}

    failure = cases["gelijke-stem"].find("failure")
    gelijke = next(f for f in result.findings if f.rule == "gelijke-stem")
    assert failure.get("type") == "fout" and failure.get("message") == gelijke.message("nl")
    assert f"plaats: {gelijke.location} ({gelijke.location.key})" in failure.text
    assert all(f"zie ook: {loc}" in failure.text for loc in gelijke.locations[1:])
    assert cases["maatwerk"].find("failure").get("type") == "waarschuwing"
    assert cases["successen-vieren"].find("failure").get("type") == "advies"
    skipped = cases["niet-te-veel-professionals"].find("skipped")
    assert skipped.get("message") == f"uitgelegd: {EXPLANATION}" and cases["niet-te-veel-professionals"].find("failure") is None
    assert list(cases["bewoners-aan-tafel"]) == []  # passed

    [invoer] = broken.findall("testcase")
    assert invoer.get("name") == "invoer" and invoer.get("classname") == junit.class_name(str(files["kapot"]))
    assert invoer.get("file") == str(files["kapot"]) and invoer.get("line") == str(min(p.location.line for p in report.files[1].problems))
    errors = invoer.findall("error")
    assert len(errors) == len(report.files[1].problems) == 5
    assert {e.get("message") for e in errors} == {p.message("nl") for p in report.files[1].problems}


def test_junit_crash_is_an_error_and_undecided_is_a_failure(write, junit_schema):
    plugin = write("deler.py", '''
        from afspraken import hookimpl, rule, Text, undecided

        @rule(id="deler/regel", severity="waarschuwing", title=Text("t", "t"), summary=Text("s", "s"),
              rationale=Text("r", "r"), quote="q", fix=Text("f", "f"))
        def check(doc, params):
            return [1 / 0]

        @rule(id="deler/twijfel", severity="advies", title=Text("t", "t"), summary=Text("s", "s"),
              rationale=Text("r", "r"), quote="q", fix=Text("f", "f"))
        def twijfel(doc, params):
            return [undecided("geen gegevens", "no data", ("afspraak",))]

        @hookimpl
        def register_rules():
            return [check, twijfel]
    ''')
    report, ctx = build(UNEQUAL, plugins=[str(plugin)], select=["deler/regel", "deler/twijfel", "gelijke-stem"], fail_on=Severity.ADVIES)
    out = junit.render(report, ctx)
    junit_schema.validate(out)
    suite = ET.fromstring(out).find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    error = cases["deler/regel"].find("error")
    assert error.get("type") == "crash" and "ZeroDivisionError" in error.get("message") and "deler" in error.get("message")
    failure = cases["deler/twijfel"].find("failure")
    assert failure.get("type") == "advies" and failure.get("message") == "kan niet beoordelen: geen gegevens"
    assert _attrs(suite) == {"tests": 3, "failures": 2, "errors": 1, "skipped": 0}


@pytest.mark.parametrize(
    ("fail_on", "red"),
    [
        (Severity.FOUT, {"gelijke-stem"}),
        (Severity.WAARSCHUWING, {"gelijke-stem", "maatwerk"}),
        (Severity.ADVIES, {"gelijke-stem", "maatwerk", "successen-vieren"}),
        (None, set()),
    ],
)
def test_junit_respects_fail_on(files, junit_schema, fail_on, red):
    """Below the threshold a finding is no <failure> (a green pipeline shows no red test) but stays visible."""
    report, ctx = build(files["rijk"], fail_on=fail_on)
    out = junit.render(report, ctx)
    junit_schema.validate(out)
    suite = ET.fromstring(out).find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert {name for name, c in cases.items() if c.find("failure") is not None} == red
    assert int(suite.get("failures")) == len(red)
    assert (report.exit_code(fail_on) == 1) == bool(red)  # the tests agree with the exit code
    result = report.files[0]
    for rule in {"gelijke-stem", "maatwerk", "successen-vieren"} - red:
        finding = next(f for f in result.findings if f.rule == rule)
        out_text = cases[rule].find("system-out").text
        assert finding.message("nl") in out_text and "onder --fail-on" in out_text
        assert cases[rule].get("line") == str(finding.location.line)
    for rule in red:
        assert cases[rule].find("system-out") is None
    assert cases["niet-te-veel-professionals"].find("skipped") is not None  # explained stays skipped


@pytest.mark.parametrize(
    ("path", "classname"),
    [
        ("voorbeelden/ongelijke-stem.toml", "voorbeelden/ongelijke-stem"),
        ("./v1.2/a.b.toml", "v1_2/a_b"),
        ("/abs/map.d/x.TOML", "/abs/map_d/x"),
        ("-", "-"),
        ("<stdin>", "<stdin>"),
    ],
)
def test_junit_class_name_has_no_extension_and_no_dots(path, classname):
    assert junit.class_name(path) == classname


# -- GitHub workflow commands ---------------------------------------------------------------------


def test_github_escaping():
    assert github.escape_data("100% a:b,c\r\nd") == "100%25 a:b,c%0D%0Ad"
    assert github.escape_property("100% a:b,c\r\nd") == "100%25 a%3Ab%2Cc%0D%0Ad"


def test_github_exact_lines():
    path = "map/a,b:c.toml"
    at = Location(path, 3, 5, "orgaan[0]")
    result = FileResult(
        path,
        findings=(
            Finding("x:y,z", Severity.FOUT, Text("100% fout\nregel 2: a,b", "en"), (at,)),
            Finding("gelijke-stem", Severity.WAARSCHUWING, Text("let op", "mind"), (Location(path, 7, 1),), fix=Text("doe iets", "do it")),
            Finding("kleinschalig", Severity.ADVIES, Text("tip", "tip"), (Location(path, 9, 2),)),
            Finding("maatwerk", Severity.FOUT, Text("uitgelegd", "explained"), (Location(path, 1, 1),), explained=Text("omdat", "because")),
        ),
    )
    broken = FileResult("kapot.toml", problems=(Problem(Location("kapot.toml", 4, 8, "afspraak.wijk"), Text("'wijk' moet tekst zijn", "en"), "type"),))
    report = Report((result, broken), problems=(Problem(Location("--select/--ignore", 1, 1), Text("onbekende regel 'x'", "en"), "regel"),))
    assert github.render(report, Context(lang="nl")).splitlines() == [
        "::error title=instellingen::onbekende regel 'x'",
        "::error file=map/a%2Cb%3Ac.toml,line=3,col=5,title=x%3Ay%2Cz::100%25 fout\\nregel 2: a,b",  # a newline in a message is shown, not obeyed
        "::warning file=map/a%2Cb%3Ac.toml,line=7,col=1,title=gelijke-stem::let op%0AOplossing: doe iets",
        "::notice file=map/a%2Cb%3Ac.toml,line=9,col=2,title=kleinschalig::tip",
        # the explained finding is left out
        "::error file=kapot.toml,line=4,col=8,title=invoer::'wijk' moet tekst zijn",
    ]
    assert github.render(Report(()), Context()) == ""


def test_github_on_an_example(monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent)
    report, ctx = build(Path("voorbeelden/ongelijke-stem.toml"), Path("voorbeelden/woensel-west.toml"))
    [finding] = report.findings
    loc = finding.location
    assert github.render(report, ctx) == (
        f"::error file=voorbeelden/ongelijke-stem.toml,line={loc.line},col={loc.column},title=gelijke-stem::"
        "in 'Buurtonderneming Woensel-West' hebben de partijen geen gelijke stem; stemmen: Gemeente Eindhoven: 2; "
        "Woningcorporatie Trudo: 1; Bewonersraad Woensel-West: 1; Stichting Welzijn Woensel: 1"
        "%0AOplossing: Geef Gemeente Eindhoven in 'Buurtonderneming Woensel-West' samen 1 stem, net als de andere partijen.\n"
    )


def test_github_paths_are_relative_to_the_workspace(files, monkeypatch):
    monkeypatch.chdir(files["rijk"].parent)
    report, ctx = build(files["rijk"].resolve(), lang="en")
    lines = github.render(report, ctx).splitlines()
    kinds = {line.split("::")[1].split(",title=")[1]: line.split(" ", 1)[0] for line in lines}
    assert kinds == {"gelijke-stem": "::error", "maatwerk": "::warning", "successen-vieren": "::notice"}  # the waived one is left out
    assert all(line.split(" ", 1)[1].startswith("file=rijk.toml,") for line in lines)


# -- input that stops evaluation, in every format ---------------------------------------------------


def test_broken_settings_are_reported_in_every_format(write, junit_schema):
    write("afspraken.toml", 'regelsets = ["bestaat-niet"]\n')
    agreement = write("a.toml", GOOD.read_text(encoding="utf-8"))
    report, ctx = build(agreement)
    [problem] = report.problems
    message = problem.message("nl")
    assert "bestaat-niet" in message

    page = parse(html.render(report, ctx))
    assert "Fouten in de instellingen" in page.texts["h3"] and "Kon niet worden beoordeeld" in page.texts["h3"]
    assert message in page.text and "Uitslag: niet beoordeeld" in page.text
    assert "omdat de instellingen (afspraken.toml of een regelset) fouten bevatten" in page.text

    out = markdown.render(report, ctx)
    assert "### Fouten in de instellingen" in out and markdown.md(message) in out
    assert "**Uitslag:** ⚠️ **niet beoordeeld**" in out

    xml = junit.render(report, ctx)
    junit_schema.validate(xml)
    settings, suite = ET.fromstring(xml).findall("testsuite")
    assert settings.get("name") == "afspraken" and settings.find("testcase").get("name") == "instellingen"
    assert settings.find("testcase/error").get("message") == message
    assert _attrs(suite) == {"tests": 1, "failures": 0, "errors": 1, "skipped": 0}

    assert github.render(report, ctx).splitlines()[0].startswith(
        f"::error file={github.escape_property(Path(problem.location.file).as_posix())},line={problem.location.line},"  # outside the repository: as given
    )


def test_a_rule_that_crashed_is_shown(write, monkeypatch):
    plugin = write("deler.py", '''
        from afspraken import hookimpl, rule, Text

        @rule(id="deler/regel", severity="fout", title=Text("t", "t"), summary=Text("s", "s"),
              rationale=Text("r", "r"), quote="q", fix=Text("f", "f"))
        def check(doc, params):
            return [1 / 0]

        @hookimpl
        def register_rules():
            return [check]
    ''')
    report, ctx = build(GOOD, plugins=[str(plugin)], select=["deler/regel", "gelijke-stem"])
    page = parse(html.render(report, ctx))
    assert "Regels die niet konden draaien" in page.texts["h3"]
    assert "plugin 'deler' faalde in regel deler/regel: ZeroDivisionError" in page.text
    assert "Uitslag: niet in orde" in page.text  # a rule that did not run is no pass
    out = markdown.render(report, ctx)
    assert "### Regels die niet konden draaien" in out and "ZeroDivisionError" in out
    monkeypatch.chdir(EXAMPLES.parent)  # the workspace: absolute paths become relative to it
    assert github.render(report, ctx).startswith("::error file=voorbeelden/woensel-west.toml,line=1,col=1,title=plugin::plugin 'deler' faalde")


@pytest.mark.parametrize("fmt", [html, markdown, junit, github])
def test_an_empty_report_renders(fmt):
    out = fmt.render(Report(()), Context(lang="en", generated=GENERATED))
    assert out == "" if fmt is github else out.endswith("\n")
