"""The library API: what `import afspraken` offers, lazily."""

from __future__ import annotations

import subprocess
import sys

import afspraken
import pytest

from conftest import EXAMPLES


def test_every_exported_name_resolves():
    for name in afspraken.__all__:
        assert getattr(afspraken, name) is not None, name
    assert callable(afspraken.rule) and afspraken.hookimpl is not None


def test_check_text_checks_an_agreement_given_as_text():
    from afspraken.testing import agreement_text

    result = afspraken.check_text(agreement_text("[afspraak]\nbewoners = 1000\n"), name="concept.toml")
    assert [f.rule for f in result.findings] == ["niet-te-veel-professionals"]
    assert result.findings[0].location.file == "concept.toml"
    broken = afspraken.check_text("formaat = 1\n")
    assert broken.problems and not broken.evaluated


def test_the_version_is_the_distributions():
    from importlib.metadata import version

    assert afspraken.__version__ == version("afspraken")


def test_import_is_cheap_and_loads_neither_pydantic_nor_plugins():
    code = "import sys, afspraken; print(sorted(m for m in sys.modules if m.split('.')[0] in ('afspraken', 'pydantic')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['afspraken']"


def test_exit_code_takes_the_words_of_fail_on_in_both_languages():
    import pytest

    from afspraken.results import Report
    from afspraken.rules import Severity
    from afspraken.testing import agreement_text

    result = afspraken.check_text(agreement_text("[afspraak]\nbewoners = 1000\n"), name="concept.toml")
    report = Report(files=(result,))
    worst = max(f.severity.rank for f in result.findings)
    assert worst >= Severity.ADVIES.rank
    assert report.exit_code("advies") == report.exit_code("note") == report.exit_code(Severity.ADVIES) == 1
    assert report.exit_code("nooit") == report.exit_code("never") == report.exit_code(None) == 0
    for nl, en in (("fout", "error"), ("waarschuwing", "warning")):
        assert report.exit_code(nl) == report.exit_code(en) == report.exit_code(Severity(nl))
    with pytest.raises(ValueError, match="'foutje' is none of: fout, error"):
        report.exit_code("foutje")
    with pytest.raises(TypeError, match="not int"):
        report.exit_code(3)  # type: ignore[arg-type]


def test_a_checker_is_reused_across_checks(monkeypatch):
    import afspraken
    import afspraken.checking.run as run

    built = []
    real = run.get_plugin_manager
    monkeypatch.setattr(run, "get_plugin_manager", lambda *a, **k: built.append(1) or real(*a, **k))
    text = (EXAMPLES / "ongelijke-stem.toml").read_text(encoding="utf-8")
    checker = afspraken.Checker(config=False)
    first = afspraken.check(afspraken.Document(text, "a.toml"), checker=checker)
    second = afspraken.check(afspraken.Document(text, "b.toml"), checker=checker)
    assert len(built) == 1
    assert [f.rule for f in first.findings] == [f.rule for f in second.findings] and first.findings
    with pytest.raises(TypeError):
        afspraken.check(afspraken.Document(text), checker=checker, config=False)
