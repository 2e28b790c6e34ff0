"""The optional keys that RULES v2 added to format 1 (FORMAT.md): accepted, typed, located when wrong."""

from __future__ import annotations

import pytest

from afspraken.reading.loading import load

from afspraken.reading.source import Source
from afspraken.testing import BASE, agreement_text, load_agreement

V1_ONLY = [
    "besluitvorming.niveau",
    "bewoners.budget_eigen_initiatief",
    "bewoners.uitdaagrecht",
    "communicatie.voortgang_per_partij",
    "maatwerk.analysedatum",
]


def problems(text: str) -> list[tuple[str, str]]:
    loaded = load(Source("a.toml", text))
    assert isinstance(loaded, list), "expected problems"
    return [(p.location.key, p.message("nl")) for p in loaded]


def test_every_new_key_is_read_into_the_model():
    doc = load_agreement(
        '[[orgaan]]\nid = "buurtonderneming"\nnaam = "B"\nsoort = "programmabureau"\nprofessionals = 4\n'
        '[[orgaan.lid]]\nnaam = "Adviseur"\npartij = "gemeente"\nstemmen = 0\n'
        '[verantwoording]\nper_jaar = 2\naan = ["buurtonderneming", "gemeente"]\n'
    ).agreement
    assert doc.orgaan[0].professionals == 4 and doc.orgaan[0].lid[0].stemmen == 0
    assert doc.besluitvorming is not None and doc.besluitvorming.niveau is not None
    assert doc.besluitvorming.niveau.trede("besluit") == "meebeslissen"
    assert doc.bewoners is not None and doc.bewoners.budget_eigen_initiatief == 15000 and doc.bewoners.uitdaagrecht is True
    assert [a.domein for a in doc.actie] == ["fysiek", "sociaal", "leefbaarheid"]
    assert doc.communicatie is not None and doc.communicatie.voortgang_per_partij is True
    assert doc.maatwerk is not None and str(doc.maatwerk.analysedatum) == "2023-09-01"
    assert doc.verantwoording is not None and doc.verantwoording.aan == ["buurtonderneming", "gemeente"]


def test_a_file_valid_under_version_1_stays_valid():
    text = agreement_text(without=V1_ONLY)
    assert "niveau" not in text and "domein" in text  # domein is removed per action below
    text = "\n".join(line for line in text.splitlines() if not line.startswith("domein = "))
    assert load_agreement(base=text).agreement.verantwoording is None


def test_actie_wie_is_optional_in_the_file():
    text = BASE.replace('wie = "welzijn"\n', "", 1)
    assert load_agreement(base=text).agreement.actie[1].wie is None


@pytest.mark.parametrize(
    ("snippet", "key", "words"),
    [
        ('[besluitvorming.niveau]\nbesluit = "meepraten"\n', "besluitvorming.niveau.besluit", "meebeslissen"),
        ("[besluitvorming.niveau]\nplanvorming = \"adviseren\"\n", "besluitvorming.niveau.planvorming", "onbekende sleutel"),
        ('[verantwoording]\naan = ["stuurgroep"]\n', "verantwoording.aan[0]", "stuurgroep"),
        ("[verantwoording]\nper_jaar = -1\n", "verantwoording.per_jaar", "per_jaar"),
        ('[bewoners]\nuitdaagrecht = "ja"\n', "bewoners.uitdaagrecht", "true of false"),
        ('[maatwerk]\nanalysedatum = "2023"\n', "maatwerk.analysedatum", "datum"),
    ],
)
def test_wrong_values_of_new_keys_are_located(snippet, key, words):
    found = problems(agreement_text(snippet))
    assert any(k == key and words in m for k, m in found), found


def test_a_wrong_domein_is_located():
    text = BASE.replace('domein = "fysiek"', 'domein = "groen"', 1)
    found = problems(text)
    assert any(k == "actie[0].domein" and "leefbaarheid" in m for k, m in found), found


def test_diff_names_a_change_in_verantwoording(cli, write):
    from conftest import EXAMPLES

    good = (EXAMPLES / "woensel-west.toml").read_text(encoding="utf-8")
    write("oud.toml", good)
    write("nieuw.toml", good.replace("[verantwoording]\nper_jaar = 2", "[verantwoording]\nper_jaar = 6"))
    result = cli("diff", "oud.toml", "nieuw.toml")
    assert "verantwoording, per_jaar: 2 → 6" in result.stdout
