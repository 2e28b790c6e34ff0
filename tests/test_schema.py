"""`afspraken schema`: the JSON Schema of format 1 accepts every example and rejects broken ones."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import tomli

from afspraken.testing import BASE, agreement_text
from conftest import EXAMPLES, ROOT, SPEC


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
    schema = json.loads((tmp_path / "s.json").read_text())
    assert schema["properties"]["formaat"]["const"] == 1
    assert "$id" not in schema  # no URL where it is published: an $id that does not resolve misleads editors


SHIPPED = sorted(EXAMPLES.glob("*.toml")) + sorted((EXAMPLES.parent / "plugins").glob("*/voorbeelden/*.toml"))
SPEC_EXAMPLE = [SPEC / "woensel-west.toml"] if (SPEC / "woensel-west.toml").exists() else []


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


def _descriptions(node, out=None):
    out = [] if out is None else out
    if isinstance(node, dict):
        if isinstance(node.get("description"), str):
            out.append(node["description"])
        for value in node.values():
            _descriptions(value, out)
    elif isinstance(node, list):
        for value in node:
            _descriptions(value, out)
    return out


def test_schema_in_english(cli):
    from afspraken.schema import json_schema

    result = cli("schema", "--lang", "en")
    assert result.exit_code == 0
    english = json.loads(result.stdout)
    assert english["$defs"]["Partij"]["properties"]["professionals"]["description"] == "Number of professionals the party deploys in the area."
    dutch, translated = _descriptions(json_schema()), _descriptions(english)
    assert len(dutch) == len(translated)
    untranslated = sorted({nl for nl, en in zip(dutch, translated) if nl == en})
    assert untranslated == [], f"add these to afspraken/schema_en.py: {untranslated}"
    english["description"] = dutch_root = json_schema()["description"]  # the rest is the same schema
    assert dutch_root and _strip(english) == _strip(json_schema())


def _strip(node):
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if k != "description"}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


def test_shipped_schema_is_up_to_date():
    from afspraken.schema import json_schema

    shipped = json.loads((ROOT / "docs" / "afspraken.schema.json").read_text(encoding="utf-8"))
    assert shipped == json_schema(), "regenerate: afspraken schema --output docs/afspraken.schema.json"


# -- Taplo, as an editor would use the schema -------------------------------------------------------


def _taplo() -> str:
    found = shutil.which("taplo") or str(Path(sys.executable).with_name("taplo"))
    if not Path(found).exists():
        pytest.skip("taplo is not installed (pip install taplo)")
    return found


def _run_taplo(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "RUST_LOG": "warn"}  # errors only, not taplo's INFO lines
    return subprocess.run([_taplo(), "check", *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_taplo_accepts_every_example_with_the_repositorys_taplo_toml(tmp_path):
    """The repository's .taplo.toml and shipped schema, in a copy of the tree: every example passes, a broken one fails."""
    for rel in [".taplo.toml", "docs/afspraken.schema.json", *(str(p.relative_to(ROOT)) for p in SHIPPED)]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    files = [str(p.relative_to(ROOT)) for p in SHIPPED]
    result = _run_taplo(*files, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (tmp_path / "voorbeelden" / "kapot.toml").write_text("formaat = 2\n", encoding="utf-8")
    failed = _run_taplo("voorbeelden/kapot.toml", cwd=tmp_path)
    assert failed.returncode == 1 and "1 was expected" in failed.stderr and "partij" in failed.stderr


def _readme_taplo_toml() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n# \.taplo\.toml\n(.*?)```", readme, re.S)
    assert block, "the README recommends a .taplo.toml"
    return block.group(1)


BROKEN_FOR_TAPLO = [
    ("[afspraak]\ngemeentee = 'X'\n", "gemeentee"),
    ("[afspraak]\nbewoners = 'veel'\n", "is not of type"),
    ("[afspraak]\nstatus = 'klaar'\n", "klaar"),
    ("formaat = 2\n", "1 was expected"),
]


@pytest.mark.parametrize("form", ["relative", "absolute", "file-uri"])
def test_taplo_with_the_readmes_taplo_toml(tmp_path, form):
    """The README's .taplo.toml, with the schema as a relative path, an absolute path or a file:// URI."""
    repo = tmp_path / "repo"
    (repo / "afspraken" / "west").mkdir(parents=True)
    schema = repo / "afspraken.schema.json"
    from afspraken.schema import json_schema

    schema.write_text(json.dumps(json_schema()), encoding="utf-8")
    config = _readme_taplo_toml()
    target = {"relative": "afspraken.schema.json", "absolute": str(schema), "file-uri": schema.as_uri()}[form]
    config = config.replace('path = "afspraken.schema.json"', f"path = {json.dumps(target)}")
    assert target in config
    (repo / ".taplo.toml").write_text(config, encoding="utf-8")
    for path in SHIPPED:
        shutil.copy(path, repo / "afspraken" / "west" / path.name)
    good = _run_taplo("--config", str(repo / ".taplo.toml"), *[f"afspraken/west/{p.name}" for p in SHIPPED], cwd=repo)
    assert good.returncode == 0, good.stderr
    for i, (snippet, expected) in enumerate(BROKEN_FOR_TAPLO):
        bad = repo / "afspraken" / f"kapot{i}.toml"
        bad.write_text(agreement_text(snippet), encoding="utf-8")
        result = _run_taplo("--config", str(repo / ".taplo.toml"), f"afspraken/kapot{i}.toml", cwd=repo)
        assert result.returncode == 1 and "error:" in result.stderr and expected in result.stderr, result.stderr
    other = repo / "pyproject.toml"  # outside `include`: not an agreement, not checked against the schema
    other.write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert _run_taplo("--config", str(repo / ".taplo.toml"), "pyproject.toml", cwd=repo).returncode == 0


def test_taplo_schema_directive_with_a_file_uri(tmp_path):
    from afspraken.schema import json_schema

    schema = tmp_path / "afspraken.schema.json"
    schema.write_text(json.dumps(json_schema("en")), encoding="utf-8")
    good = tmp_path / "goed.toml"
    good.write_text(f"#:schema {schema.as_uri()}\n" + (EXAMPLES / "woensel-west.toml").read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "kapot.toml"
    bad.write_text(f"#:schema {schema.as_uri()}\n" + agreement_text("[afspraak]\nbewoners = 'veel'\n"), encoding="utf-8")
    assert _run_taplo("goed.toml", cwd=tmp_path).returncode == 0
    result = _run_taplo("kapot.toml", cwd=tmp_path)
    assert result.returncode == 1 and "is not of type" in result.stderr
