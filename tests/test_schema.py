"""`afspraken schema`: the JSON Schema of format 1 accepts every example and rejects broken ones."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import tomli

from afspraken.testing import BASE, agreement_text
from conftest import EXAMPLES, SPEC, spec_model_ready


def as_json(value):
    """What an editor validates: TOML with its dates as ISO strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator():
    from afspraken.schema import json_schema

    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_schema_command_prints_the_schema_with_dutch_descriptions_and_allowed_values(cli):
    result = cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    partij = schema["$defs"]["Partij"]["properties"]
    assert partij["soort"]["enum"] == ["gemeente", "corporatie", "bewoners", "instelling", "ondernemers", "overig"]
    assert partij["professionals"]["description"] == "Aantal professionals dat de partij in het gebied inzet."
    assert schema["properties"]["formaat"]["const"] == 1


def test_schema_command_writes_a_file(cli, tmp_path):
    assert cli("schema", "--output", "s.json").exit_code == 0
    assert json.loads((tmp_path / "s.json").read_text())["$id"]


SHIPPED = sorted(EXAMPLES.glob("*.toml")) + sorted((EXAMPLES.parent / "plugins").glob("*/voorbeelden/*.toml"))
SPEC_EXAMPLE = [SPEC / "woensel-west.toml"] if spec_model_ready() else []  # RULES v2 keys: read once issue 9 lands


@pytest.mark.parametrize("path", SHIPPED + SPEC_EXAMPLE, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_example_agreement_is_valid(validator, path):
    errors = list(validator.iter_errors(as_json(tomli.loads(path.read_text(encoding="utf-8")))))
    assert errors == []


def test_aanspreekpunt_as_table_or_array(validator):
    data = as_json(tomli.loads(BASE.replace("[aanspreekpunt]", "[[aanspreekpunt]]")))
    assert validator.is_valid(data)


@pytest.mark.parametrize(
    ("snippet", "where"),
    [
        ("[afspraak]\ngemeentee = 'X'\n", "gemeentee"),
        ("[afspraak]\nbewoners = 'veel'\n", "'veel'"),
        ("[afspraak]\nstatus = 'klaar'\n", "'klaar'"),
        ("formaat = 2\n", "1 was expected"),
        ("[[partij]]\nid = 'Gemeente X'\nnaam = 'G'\nsoort = 'gemeente'\n", "does not match"),
        ("[[overleg]]\ntussen = ['gemeente']\nper_jaar = 1\n", "too short"),
        ("[[uitzondering]]\nregel = 'x'\ntoelichting = 'kort'\n", "too short"),
    ],
)
def test_broken_agreements_are_rejected(validator, snippet, where):
    data = as_json(tomli.loads(agreement_text(snippet)))
    messages = [e.message for e in validator.iter_errors(data)]
    assert messages and any(where in m for m in messages), messages


def test_extensies_stay_free_form(validator):
    data = as_json(tomli.loads(agreement_text("[extensies.wat-dan-ook]\niets = [1, 2]\n")))
    assert validator.is_valid(data)
