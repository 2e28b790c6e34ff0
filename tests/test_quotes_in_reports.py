"""Reports quote each speaker once, attributed: oliemannetje quotes In 't Veld and the working groups."""

from __future__ import annotations

import datetime as dt

from afspraken.checking.run import Checker
from afspraken.reporting import Context, html, markdown
from afspraken.testing import agreement_text


def test_the_reports_show_every_attributed_quote(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text(agreement_text('[escalatie]\ntoegankelijk_voor = ["gemeente"]\n'), encoding="utf-8")
    checker = Checker(entry_points=False)
    report = checker.report([checker.check_path(path)])
    ctx = Context(lang="nl", rules=checker.environment(tmp_path).registry.rules, tool_version="9.9.9",
                  generated=dt.datetime(2026, 3, 5, tzinfo=dt.timezone.utc))
    for out in (html.render(report, ctx), markdown.render(report, ctx)):
        assert "Er zijn oliemannetjes met gezag nodig" in out and "Roel in ’t Veld" in out
        assert "Maar: probeer eerst het probleem zelf op te lossen." in out and "aanbevelingen van de werkgroepen" in out
        assert "[...]" not in out
