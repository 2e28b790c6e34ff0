"""The Agreement's lookups for rule authors (partij_by_id, index_of, ondertekenaars, ...):
they are indexed once per agreement, and must answer as a plain scan of the lists would."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from afspraken.helpers import name_of
from afspraken.model import Agreement


def agreement(**extra: Any) -> Agreement:
    data: dict[str, Any] = {
        "afspraak": {"titel": "T", "wijk": "W", "gemeente": "G", "ingangsdatum": dt.date(2025, 1, 1)},
        "partij": [
            {"id": "gemeente", "naam": "Gemeente G", "soort": "gemeente"},
            {"id": "trudo", "naam": "Trudo", "soort": "corporatie", "ondertekent": False},
            {"id": "raad", "naam": "Bewonersraad", "soort": "bewoners"},
            {"id": "vve", "naam": "VvE", "soort": "bewoners", "ondertekent": False},
            {"id": "welzijn", "naam": "Welzijn", "soort": "instelling"},
        ],
        "orgaan": [
            {"id": "bo", "naam": "Buurtonderneming", "soort": "buurtonderneming",
             "lid": [{"naam": "A", "partij": "gemeente"}, {"naam": "B", "partij": "raad"}]},
            {"id": "panel", "naam": "Bewonerspanel", "soort": "wijkraad",
             "lid": [{"naam": "C", "partij": "raad"}, {"naam": "D", "partij": "gemeente", "stemmen": 0}]},
        ],
    }
    data.update(extra)
    return Agreement.model_validate(data)


def test_ids_find_parties_and_bodies_and_nothing_else() -> None:
    doc = agreement()
    assert doc.partij_by_id("trudo") is doc.partij[1]
    assert doc.orgaan_by_id("panel") is doc.orgaan[1]
    assert doc.partij_by_id("bo") is None and doc.orgaan_by_id("trudo") is None and doc.partij_by_id("x") is None
    assert (name_of(doc, "welzijn"), name_of(doc, "bo"), name_of(doc, "onbekend")) == ("Welzijn", "Buurtonderneming", "onbekend")


def test_a_duplicate_id_finds_the_first_as_a_scan_would() -> None:
    # The loader reports duplicate ids; a rule run on a model made in code still gets the first.
    doc = agreement()
    twice = Agreement.model_validate(
        {**doc.model_dump(), "partij": [*doc.model_dump()["partij"], {"id": "trudo", "naam": "Tweede", "soort": "overig"}]}
    )
    assert twice.partij_by_id("trudo") is twice.partij[1]


def test_index_of_is_by_identity_in_each_list() -> None:
    same = {"wat": "Schoonmaakdag", "wie": "raad"}
    doc = agreement(actie=[same, dict(same), {"wat": "Speeltuin"}])
    # Equal actions (== field by field) each have their own place.
    assert doc.actie[0] == doc.actie[1]
    assert [doc.index_of(a) for a in doc.actie] == [0, 1, 2]
    assert [doc.index_of(p) for p in reversed(doc.partij)] == [4, 3, 2, 1, 0]
    assert doc.index_of(doc.orgaan[1]) == 1
    with pytest.raises(KeyError):
        doc.index_of(agreement().partij[0])  # an equal party of another agreement is not in this one


def test_signers_by_kind_in_file_order_and_a_fresh_list_each_time() -> None:
    doc = agreement()
    assert [p.id for p in doc.ondertekenaars()] == ["gemeente", "raad", "welzijn"]
    assert [p.id for p in doc.ondertekenaars("bewoners")] == ["raad"]
    assert doc.ondertekenaars("corporatie") == [] and doc.ondertekenaars("ondernemers") == []
    signers = doc.ondertekenaars("bewoners")
    signers.clear()  # a rule may change what it got
    assert [p.id for p in doc.ondertekenaars("bewoners")] == ["raad"]
    assert len(doc.ondertekenaars()) == 3


def test_resident_owners_are_residents_parties_and_resident_led_bodies() -> None:
    doc = agreement()
    # The panel's only voting member sits for the residents (the gemeente's seat is advisory); bo is mixed.
    assert doc.bewonerseigenaren() == {"raad", "vve", "panel"}
    owners = doc.bewonerseigenaren()
    owners.add("gemeente")
    assert doc.bewonerseigenaren() == {"raad", "vve", "panel"}


def test_a_copy_with_other_parties_answers_for_its_own_parties():
    """pydantic copies private attributes: the lookups of the original must not come along."""
    from afspraken.testing import load_agreement

    doc = load_agreement("").agreement
    assert doc.partij_by_id(doc.partij[-1].id) is not None and len(doc.ondertekenaars()) > 1  # caches filled
    fewer = doc.model_copy(update={"partij": doc.partij[:1]})
    assert fewer.partij_by_id(doc.partij[-1].id) is None
    assert fewer.ondertekenaars() == [p for p in fewer.partij if p.ondertekent]
    assert fewer.index_of(fewer.partij[0]) == 0
