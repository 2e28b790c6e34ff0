"""Every hook is specified, typed, documented with a working example, and exercised (like datasette)."""

from __future__ import annotations

import inspect
import json
import re

import pytest

from afspraken.plugins import hookspecs
from conftest import EXAMPLES, ROOT

DOCS = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
HOOKS = sorted(name for name, f in vars(hookspecs).items() if callable(f) and hasattr(f, "afspraken_spec"))


def example(hook: str, language: str = "python") -> str:
    section = DOCS.split(f"\n## {hook}\n", 1)[1].split("\n## ", 1)[0]
    return re.search(rf"```{language}\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


def test_there_are_hooks():
    assert HOOKS == ["register_extensions", "register_formats", "register_rules", "register_rulesets"]


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_typed_and_has_a_docstring(hook):
    spec = getattr(hookspecs, hook)
    assert inspect.signature(spec).return_annotation is not inspect.Signature.empty
    assert ":return:" in (spec.__doc__ or "")


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_documented_with_an_example(hook):
    assert f"\n## {hook}\n" in DOCS, f"docs/hooks.md has no section for {hook}"
    assert f"def {hook}(" in example(hook)


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_has_a_test_of_its_example(hook):
    assert any(name.startswith(f"test_{hook}_example") for name in globals()), f"no test_{hook}_example_* in {__name__}"


@pytest.fixture
def examples(write):
    for hook in HOOKS:
        write(f"voorbeeld_{hook}.py", example(hook))
    write("voorbeeld.py", example("register_rules"))
    write("strenge-wijk.toml", example("register_rulesets", "toml"))  # the rule id is voorbeeld/...: the plugin is voorbeeld


def test_register_rules_example_works(cli, examples):
    result = cli("check", str(EXAMPLES / "woensel-west.toml"), "--plugin", "voorbeeld.py", "--select", "voorbeeld/huishoudens", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["files"][0]["rules"][0]["outcome"] == "geslaagd"


def test_register_rulesets_example_works(cli, examples, write):
    result = cli("rulesets", "--plugin", "voorbeeld_register_rulesets.py", "--format", "json")
    assert result.exit_code == 0
    mine = next(r for r in json.loads(result.stdout) if r["name"] == "strenge-wijk")
    assert mine["extends"] == ["wijkaanpak"] and mine["plugin"] == "voorbeeld_register_rulesets"
    write("a.toml", (EXAMPLES / "woensel-west.toml").read_text())  # 15 professionals on 8,500 residents: 1.8 per 1,000
    result = cli("check", "a.toml", "--plugin", "voorbeeld_register_rulesets.py", "--regelset", "strenge-wijk", "--format", "json")
    assert [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]] == ["niet-te-veel-professionals"]


def test_register_formats_example_works(cli, examples):
    result = cli("check", str(EXAMPLES / "ongelijke-stem.toml"), "--plugin", "voorbeeld_register_formats.py", "--format", "tsv")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{EXAMPLES / 'ongelijke-stem.toml'}:48:3\tgelijke-stem\tin 'Buurtonderneming")


def test_register_extensions_example_validates_with_locations(cli, examples, write):
    good = (EXAMPLES / "woensel-west.toml").read_text() + "\n[extensies.wijkbudget]\nbedrag = 25000\n"
    write("goed.toml", good)
    write("fout.toml", good.replace("bedrag = 25000", "bedrag = -5\nbewoners_beslist = true"))
    assert cli("check", "goed.toml", "--plugin", "voorbeeld_register_extensions.py").exit_code == 0
    result = cli("check", "fout.toml", "--plugin", "voorbeeld_register_extensions.py")
    lines = good.count("\n")
    assert result.exit_code == 2
    assert f"fout.toml:{lines}:10: 'bedrag' moet minstens 0 zijn, niet -5" in result.output
    assert f"fout.toml:{lines + 1}:1: onbekende sleutel 'bewoners_beslist' in [extensies.wijkbudget]; bedoelde u 'bewoners_beslissen'?" in result.output
    # without the plugin, the section is free-form
    assert cli("check", "fout.toml").exit_code == 0


def test_an_extension_model_that_crashes_is_a_located_error_not_a_traceback(cli, write):
    write(
        "stuk.py",
        "from pydantic import BaseModel, field_validator\nfrom afspraken import hookimpl\n\n"
        "class M(BaseModel):\n    x: int = 0\n\n    @field_validator('x')\n    @classmethod\n    def boem(cls, v):\n        raise KeyError('boem')\n\n"
        "@hookimpl\ndef register_extensions():\n    return {'stuk': M}\n",
    )
    write("a.toml", (EXAMPLES / "woensel-west.toml").read_text() + "\n[extensies.stuk]\nx = 1\n")
    result = cli("check", "a.toml", "--plugin", "stuk.py")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "[extensies.stuk] kon niet worden gecontroleerd: het model van de plugin faalde (KeyError: 'boem')" in result.output
