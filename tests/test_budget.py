"""A big file is validated with a budget of errors (reading/budget.py): the same result as the
model's own validation, but pydantic stops collecting errors past the cap (issue 13, item 8)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomli
from pydantic import ValidationError

from afspraken.model import Agreement
from afspraken.reading.budget import Budget, validate
from afspraken.reading.loading import BIG, MAX_PROBLEMS, load
from afspraken.reading.source import Source
from afspraken.testing import BASE, agreement_text

ROOT = Path(__file__).resolve().parents[1]


def _errors(exc: ValidationError) -> list[tuple[Any, ...]]:
    return [(e["type"], e["loc"], e["msg"]) for e in exc.errors(include_url=False)]


CASES = [
    BASE,
    (ROOT / "tests" / "data" / "woensel-west-spec.toml").read_text(encoding="utf-8"),
    *(p.read_text(encoding="utf-8") for p in sorted((ROOT / "voorbeelden").glob("*.toml"))),
    agreement_text('[[orgaan]]\nid = 1\nnaam = 2\nmandaat = [1, "a", 2]\nonbekend = 3\n'),
    agreement_text("[[overleg]]\ntussen = [\"a\"]\n[extensies]\nx = 1\ny = {a = 1}\n"),
    agreement_text('[[uitzondering]]\nregel = "gelijke-stem"\ntoelichting = "n.v.t."\n'),
    agreement_text("", without=["partij"]),
    "formaat = 1\n" + "".join(f"o{i} = {i}\n" for i in range(50)),
]


@pytest.mark.parametrize("text", CASES)
def test_the_same_result_as_the_model_under_the_budget(text):
    """Under the cap, wrapping changes nothing: the same agreement, or the same errors in the same order."""
    data = tomli.loads(text)
    try:
        expected: Any = Agreement.model_validate(data)
    except ValidationError as exc:
        expected = _errors(exc)
    budget = Budget(MAX_PROBLEMS)
    try:
        got: Any = validate(Agreement, data, budget)
    except ValidationError as exc:
        got = _errors(exc)
    if isinstance(expected, Agreement):
        assert type(got) is Agreement and got == expected and got.model_dump() == expected.model_dump()
    else:
        assert got == expected
    assert not budget.over


def test_a_million_wrong_elements_make_a_few_hundred_errors():
    data = {"formaat": 1, "orgaan": [{"id": "o", "naam": "O", "soort": "overleg", "mandaat": [1] * 100_000}] * 10}
    budget = Budget(MAX_PROBLEMS)
    with pytest.raises(ValidationError) as caught:
        validate(Agreement, data, budget)
    assert MAX_PROBLEMS <= caught.value.error_count() < 2 * MAX_PROBLEMS and budget.over
    assert Agreement.__dict__["__pydantic_complete__"] is True  # the model's own validator is left as it was
    with pytest.raises(ValidationError) as full:
        Agreement.model_validate({**data, "orgaan": data["orgaan"][:1]})
    assert full.value.error_count() > 100_000


def test_a_table_of_countless_unknown_keys_is_cut_to_the_budget():
    data = tomli.loads(BASE)
    data["partij"][0].update({f"x{i}": 1 for i in range(50_000)})
    budget = Budget(MAX_PROBLEMS)
    with pytest.raises(ValidationError) as caught:
        validate(Agreement, data, budget)
    errors = caught.value.errors(include_url=False)
    assert MAX_PROBLEMS <= len(errors) < 2 * MAX_PROBLEMS and budget.over
    assert all(e["type"] == "extra_forbidden" and e["loc"][:2] == ("partij", 0) for e in errors)
    assert {e["loc"][2] for e in errors} <= {f"x{i}" for i in range(50_000)}  # real keys of the file


def test_a_big_file_says_its_problems_were_not_all_counted():
    text = BASE + "[[orgaan]]\nid = \"o\"\nnaam = \"O\"\nsoort = \"overig\"\nmandaat = [" + "1, " * 20_000 + "]\n"
    assert len(text) > BIG
    problems = load(Source("a.toml", text))
    assert isinstance(problems, list) and len(problems) == MAX_PROBLEMS + 1
    more = problems[-1]
    assert more.code == "meer" and "niet alle geteld" in more.message("nl") and "not all counted" in more.message("en")
    assert all(p.code == "type" and p.location.key.startswith("orgaan[1].mandaat[") for p in problems[:-1])
    assert (problems[1].location.line, problems[1].location.column) == (BASE.count("\n") + 5, 15)  # at its element


def test_a_big_valid_file_loads_as_a_small_one_does():
    """The budget path gives the same agreement (the rules see no difference)."""
    text = BASE + "".join(f'[[actie]]\nwat = "Actie {i}"\nwie = "gemeente"\n' for i in range(600))
    assert len(text) > BIG
    loaded = load(Source("a.toml", text))
    assert not isinstance(loaded, list), loaded
    assert loaded.agreement == Agreement.model_validate(tomli.loads(text))


@pytest.mark.parametrize(
    "table",
    [
        '[[partij]]\nid = "gemeente"\nnaam = "G"\nsoort = "gemeente"\n',  # the same id again and again
        '[[actie]]\nwat = "x"\nwie = "onbekend"\n',  # a reference to no one
    ],
)
def test_the_loaders_own_checks_place_up_to_the_cap_and_count_the_rest(table):
    """Not only pydantic's: the loader's own findings (one per table here) are placed up to the
    cap, and the rest counted exactly (counting costs nothing; placing each would)."""
    problems = load(Source("a.toml", BASE + table * 400))
    assert isinstance(problems, list) and len(problems) == MAX_PROBLEMS + 1
    assert len({p.location.line for p in problems[:-1]}) == MAX_PROBLEMS  # each located at its own table
    found = 400  # each table: a second party "gemeente" (BASE has the first), or a reference to no one
    assert problems[-1].code == "meer"
    assert problems[-1].message("nl") == f"en nog {found - MAX_PROBLEMS} problemen, niet getoond; herstel eerst deze {MAX_PROBLEMS}"


def test_the_count_of_problems_not_shown_groups_thousands_in_each_language():
    """"en nog 1.100 problemen" / "and 1,100 more problems": read at a glance, as every other count."""
    problems = load(Source("a.toml", BASE + '[[actie]]\nwat = "x"\nwie = "onbekend"\n' * (MAX_PROBLEMS + 1_100)))
    assert isinstance(problems, list)
    assert problems[-1].message("nl").startswith("en nog 1.100 problemen, niet getoond")
    assert problems[-1].message("en").startswith("and 1,100 more problems, not shown")


def test_a_validator_that_cannot_be_built_falls_back_to_the_model(monkeypatch):
    """The budget rewrites pydantic's core schema; should a pydantic release change its shape,
    a big file is still validated, by the model itself, never an internal error."""
    from afspraken.model import Agreement
    from afspraken.reading import budget

    def broken(schema, classes):
        raise KeyError("schema")

    monkeypatch.setattr(budget, "_wrapped", broken)
    budget._validator.cache_clear()
    data = {"formaat": 1, "afspraak": {"titel": 5}}
    with pytest.raises(ValidationError) as caught:
        budget.validate(Agreement, data, budget.Budget(10))
    with pytest.raises(ValidationError) as plain:
        Agreement.model_validate(data)
    assert caught.value.errors(include_url=False) == plain.value.errors(include_url=False)
    assert budget._validator(Agreement) is None  # remembered: not tried again for every big file
    budget._validator.cache_clear()


def test_a_valid_big_file_keeps_every_extension():
    """Errors that never reach the user (a failed branch of a union, extra keys a plugin's model
    ignores) spend no budget that a later section needs: every valid section is loaded."""
    from typing import Union

    from pydantic import BaseModel

    class A(BaseModel):
        a: int

    class B(BaseModel):
        b: str

    class Eerste(BaseModel):  # extra keys ignored, as pydantic does by default
        items: list[Union[A, B]] = []

    class Tweede(BaseModel):
        x: int

    items = ", ".join('{b = "x"}' for _ in range(2000))  # each first fails as A
    extra = "".join(f"los{i} = 1\n" for i in range(300))
    text = BASE + f"[extensies.eerste]\nitems = [{items}]\n{extra}[extensies.tweede]\nx = 1\n"
    assert len(text) > BIG
    loaded = load(Source("a.toml", text), extensions={"eerste": Eerste, "tweede": Tweede})
    assert not isinstance(loaded, list), loaded
    assert loaded.agreement.extensie("tweede") == Tweede(x=1) and len(loaded.agreement.extensie("eerste").items) == 2000


def test_the_summary_counts_the_problems_not_shown():
    """Over 300 problems: 200 shown, "en nog N", and the summary counts them all, not 201."""
    from afspraken.results import FileResult, Tally

    problems = load(Source("a.toml", agreement_text("".join(f"[[orgaan]]\nid = {i}\nnaam = 2\nsoort = 3\n" for i in range(100)))))  # 3 errors each
    assert isinstance(problems, list) and problems[-1].code == "meer"
    tally = Tally()
    tally.add(FileResult("a.toml", problems=tuple(problems)))
    assert tally.input_errors == MAX_PROBLEMS + int(problems[-1].message("nl").split()[2]) >= 300
