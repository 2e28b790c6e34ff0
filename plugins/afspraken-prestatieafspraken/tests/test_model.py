"""The extension model: valid sections load, and mistakes in them are reported at the right line."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from afspraken.checking.run import Checker
from afspraken.testing import load_agreement
from afspraken_prestatieafspraken import RULES, register_extensions
from afspraken_prestatieafspraken.model import THEMAS, Prestatieafspraken

from .pa_data import BASIS, GOED


def test_registered_under_the_plugin_name() -> None:
    assert register_extensions() == {"prestatieafspraken": Prestatieafspraken}


def test_the_compliant_example_loads_into_the_model() -> None:
    ext = load_agreement(base=BASIS).agreement.extensie("prestatieafspraken")
    assert isinstance(ext, Prestatieafspraken)
    assert ext.themas == list(THEMAS)
    assert ext.cyclus is not None and str(ext.cyclus.bod) == "2025-06-27"
    assert [a.eigenaar for a in ext.actie][:2] == ["woonstichting", "woonstichting"]


def test_every_key_is_optional() -> None:
    assert Prestatieafspraken.model_validate({}).actie == []


def test_strict_types() -> None:
    with pytest.raises(ValidationError):
        Prestatieafspraken.model_validate({"overleg": {"per_jaar": "4"}})
    with pytest.raises(ValidationError):
        Prestatieafspraken.model_validate({"ondersteuning": {"deskundige_op_kosten_verhuurder": "ja"}})


def _check(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    path = tmp_path / "afspraak.toml"
    path.write_text(text, encoding="utf-8")
    result = Checker(regelsets=["prestatieafspraken"]).check_path(path)
    assert not result.findings, "a file with errors is not evaluated"
    return [(p.location.line, p.message("nl")) for p in result.problems]


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("adviestermijn_weken = 6", "adviestermijn_week = 6", "onbekende sleutel 'adviestermijn_week' in [extensies.prestatieafspraken.overleg]; bedoelde u 'adviestermijn_weken'?"),
        ("per_jaar = 4 ", 'per_jaar = "vier" ', "'per_jaar' moet een geheel getal zijn"),
        ('gevolgd = "deels"', 'gevolgd = "half"', "'gevolgd' heeft een ongeldige waarde \"half\"; toegestaan: ja, deels, nee"),
        ("toegezonden = 2025-12-12", "toegezonden_op = 2025-12-12", "bedoelde u 'toegezonden'?"),
        ("bod_tot_en_met = 2030", 'bod_tot_en_met = "2030"', "'bod_tot_en_met' moet een geheel getal zijn"),
        ('"leefbaarheid", "specifieke-groepen"]', '"leefbaarheid", "specifieke groepen"]', "bedoelde u 'specifieke-groepen'?"),
        ('"mediation", "art44-woningwet"]', '"mediation", "artikel-44"]', "'route' heeft een ongeldige waarde \"artikel-44\""),
        ("bod = 2025-06-27", 'bod = "2025-06-27"', "'bod' moet een datum zijn"),
        ('eigenaar = "gemeente"', 'eigenaar = "Gemeente"', "'eigenaar' = \"Gemeente\" mag alleen kleine letters"),
        ("scholingsdagen_per_jaar = 4", "scholingsdagen_per_jaar = -1", "'scholingsdagen_per_jaar' moet minstens 0 zijn"),
    ],
)
def test_errors_in_the_section_are_located(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in BASIS
    text = BASIS.replace(old, new, 1)
    problems = _check(tmp_path, text)
    assert len(problems) == 1, problems
    line, message = problems[0]
    assert line == _line(text, new)
    assert expected in message


def test_a_missing_required_key_points_at_its_table(tmp_path: Path) -> None:
    text = BASIS.replace('wat = "Buurtbeheer in de Noordwijk samen met huurders"\n', "", 1)
    [(line, message)] = _check(tmp_path, text)
    assert "verplichte sleutel 'wat' ontbreekt in [[extensies.prestatieafspraken.actie]] nr. 5" in message
    header = [i for i, row in enumerate(text.splitlines(), 1) if row == "[[extensies.prestatieafspraken.actie]]"][4]
    assert line == header


def test_an_unknown_subtable_is_an_error(tmp_path: Path) -> None:
    text = BASIS + textwrap.dedent(
        """
        [extensies.prestatieafspraken.cylcus]
        bod = 2025-06-27
        """
    )
    [(line, message)] = _check(tmp_path, text)
    assert line == _line(text, "[extensies.prestatieafspraken.cylcus]")
    assert "bedoelde u 'cyclus'?" in message


def test_the_compliant_example_has_no_problems_and_no_findings() -> None:
    result = Checker(regelsets=["prestatieafspraken"]).check_path(GOED)
    assert result.problems == () and result.crashes == ()
    assert result.findings == ()
    assert len(result.outcomes) == len(RULES)


def test_the_model_before_issue_14_still_validates() -> None:
    """Backward compatible: a section with only the keys of the first version is still valid."""
    oud = {
        "themas": list(THEMAS),
        "cyclus": {"bod": dt.date(2025, 6, 27), "ondertekend": dt.date(2025, 12, 9)},
        "overleg": {"per_jaar": 4, "adviestermijn_weken": 6},
        "ondersteuning": {"deskundige_op_kosten_verhuurder": True, "budget_euro": 30000.0, "scholingsdagen_per_jaar": 4},
        "geschillen": {"route": ["bestuurlijk-overleg", "art44-woningwet"], "toelichting": "..."},
        "actie": [{"wat": "Nieuwbouw", "thema": "beschikbaarheid", "indicator": "aantal", "streefwaarde": 120, "jaar": 2026, "eigenaar": "corporatie"}],
    }
    ext = Prestatieafspraken.model_validate(oud)
    assert ext.advies == [] and ext.verantwoording is None and ext.cyclus is not None and ext.cyclus.bod_naar is None
