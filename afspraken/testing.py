"""Test helpers for rule authors (also a pytest plugin: the ``afspraken`` fixture).

Build an agreement from a small TOML snippet on top of a valid default, run one
rule on it, and assert the rule ids and keys of the findings. As a pytest plugin it
also gives the fixtures ``afspraak`` (write an agreement file) and ``afspraken_cli``
(run the command line in a temporary folder)::

    from afspraken.testing import run_rule, keys

    def test_too_many(my_rule):
        findings = run_rule(my_rule, '''
            [afspraak]
            bewoners = 100
        ''')
        assert keys(findings) == ["partij[1].professionals"]
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional, Union

import tomli

from afspraken.checking.engine import Environment, evaluate
from afspraken.reading.loading import Loaded, Source, load
from afspraken.results import FileResult, Finding, Outcome
from afspraken.rules import Params, Rule

BASE = """\
formaat = 1

[afspraak]
titel = "Samenwerkingsafspraken Voorbeeldwijk"
wijk = "Voorbeeldwijk"
gemeente = "Voorbeeldstad"
ingangsdatum = 2024-01-01
einddatum = 2034-12-31
schaal = "buurt"
huishoudens = 2000
bewoners = 4500

[[partij]]
id = "gemeente"
naam = "Gemeente Voorbeeldstad"
soort = "gemeente"
professionals = 3

[[partij]]
id = "corporatie"
naam = "Woonstichting Voorbeeld"
soort = "corporatie"
professionals = 4

[[partij]]
id = "bewonersraad"
naam = "Bewonersraad Voorbeeldwijk"
soort = "bewoners"

[[partij]]
id = "welzijn"
naam = "Stichting Welzijn Voorbeeld"
soort = "instelling"
professionals = 3

[[orgaan]]
id = "buurtonderneming"
naam = "Buurtonderneming Voorbeeldwijk"
soort = "buurtonderneming"
mandaat = ["gemeente", "corporatie"]

[[orgaan.lid]]
naam = "Directeur sociaal"
partij = "gemeente"

[[orgaan.lid]]
naam = "Directeur fysiek"
partij = "corporatie"

[[orgaan.lid]]
naam = "Voorzitter bewonersraad"
partij = "bewonersraad"

[[orgaan.lid]]
naam = "Coordinator welzijn"
partij = "welzijn"

[aanspreekpunt]
orgaan = "buurtonderneming"
naam = "Wijkwinkel Voorbeeldwijk"
bereikbaar = "ma-vr 9-17 uur, Dorpsstraat 1"

[[overleg]]
tussen = ["bewonersraad", "buurtonderneming"]
per_jaar = 4
afdwingbaar = true
onderwerpen = ["werkinhoud", "effectiviteit"]

[besluitvorming]
bewoners_betrokken = ["initiatief", "ontwerp", "besluit", "uitvoering", "evaluatie"]
eigenaarschap_bewoners = true

[besluitvorming.niveau]
initiatief = "meebeslissen"
ontwerp = "coproduceren"
besluit = "meebeslissen"
uitvoering = "coproduceren"
evaluatie = "adviseren"

[bewoners]
groepen = ["huurders", "jongeren", "ouderen", "nieuwkomers"]
beoordelen_professionals = ["sollicitatie", "functionering"]
rotatie_jaren = 4
budget_eigen_initiatief = 15000
uitdaagrecht = true

[[actie]]
wat = "Herinrichting Dorpsstraat"
wie = "corporatie"
wanneer = 2025-06-30
schaal = "straat"
domein = "fysiek"

[[actie]]
wat = "Huiswerkbegeleiding in het buurthuis"
wie = "welzijn"
wanneer = 2024-09-01
schaal = "buurt"
domein = "sociaal"

[[actie]]
wat = "Jaarlijkse schoonmaakdag"
wie = "bewonersraad"
wanneer = 2024-06-15
schaal = "straat"
domein = "leefbaarheid"

[escalatie]
naam = "mr. J. van den Berg"
gezag = "oud-burgemeester"
toegankelijk_voor = ["bewoners", "gemeente", "corporatie", "instelling"]
na_eigen_poging = true

[communicatie]
successen_vieren = true
kanalen = ["wijkkrant", "buurtfeest"]
voortgang_per_partij = true

[maatwerk]
wijkanalyse = "Wijkprofiel Voorbeeldwijk 2023"
analysedatum = 2023-09-01

[continuiteit]
vaste_contactpersonen = true
minimale_bezetting_jaren = 3
"""
"""A complete agreement that passes every built-in rule set."""


def merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; anything else (values, arrays of tables) is replaced."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def drop(data: dict[str, Any], dotted: str) -> None:
    """Remove ``a.b.c`` from nested tables (no error if it is not there)."""
    *parents, last = dotted.split(".")
    for part in parents:
        data = data.get(part, {})
        if not isinstance(data, dict):
            return
    data.pop(last, None)


def dumps(data: Mapping[str, Any]) -> str:
    """A small TOML writer for agreement-shaped data (tables, arrays of tables, scalars, lists)."""
    lines: list[str] = []
    _table(data, (), lines)
    return "\n".join(lines).lstrip("\n") + "\n"


def _table(data: Mapping[str, Any], prefix: tuple[str, ...], lines: list[str]) -> None:
    def is_tables(v: Any) -> bool:
        return isinstance(v, list) and bool(v) and all(isinstance(x, Mapping) for x in v)

    for key, value in data.items():
        if not isinstance(value, Mapping) and not is_tables(value):
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in data.items():
        name = ".".join(_key(k) for k in (*prefix, key))
        if isinstance(value, Mapping):
            lines += ["", f"[{name}]"]
            _table(value, (*prefix, key), lines)
        elif is_tables(value):
            for item in value:
                lines += ["", f"[[{name}]]"]
                _table(item, (*prefix, key), lines)


def _key(key: str) -> str:
    return key if key and all(c.isalnum() or c in "-_" for c in key) and key.isascii() else json.dumps(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def agreement_text(snippet: str = "", *, without: Sequence[str] = (), base: str = BASE) -> str:
    """The TOML text of ``base`` with ``snippet`` merged in and the ``without`` keys removed."""
    data = merge(tomli.loads(base), tomli.loads(textwrap.dedent(snippet)))
    for dotted in without:
        drop(data, dotted)
    return dumps(data)


def load_agreement(snippet: str = "", *, without: Sequence[str] = (), base: str = BASE, name: str = "afspraak.toml") -> Loaded:
    """Build and validate an agreement; raises ``AssertionError`` listing every problem."""
    source = Source(name, agreement_text(snippet, without=without, base=base))
    loaded = load(source, extensions=_extensions())
    if isinstance(loaded, list):
        raise AssertionError("the agreement is not valid:\n" + "\n".join(f"{p.location}: {p.message('en')}" for p in loaded))
    return loaded


def _extensions() -> dict[str, Any]:
    return _registry().extensions


_REGISTRY: list[Any] = []


def _registry() -> Any:
    """The installed plugins, loaded once per test session."""
    if not _REGISTRY:
        from afspraken.plugins.registry import Registry

        _REGISTRY.append(Registry())
    return _REGISTRY[0]


def run_rule(
    rule: Union[Rule[Any], str],
    snippet: str = "",
    *,
    params: Optional[Union[Params, Mapping[str, Any]]] = None,
    without: Sequence[str] = (),
    base: str = BASE,
) -> list[Finding]:
    """Run one rule (object or id) on an agreement built from ``snippet``; its located findings."""
    return list(check_rule(rule, snippet, params=params, without=without, base=base).findings)


def check_rule(
    rule: Union[Rule[Any], str],
    snippet: str = "",
    *,
    params: Optional[Union[Params, Mapping[str, Any]]] = None,
    without: Sequence[str] = (),
    base: str = BASE,
) -> FileResult:
    """Like :func:`run_rule`, but the whole result (outcomes, crashes)."""
    from afspraken.checking.rulesets import ActiveRule

    if isinstance(rule, str):
        rules = _registry().rules
        if rule not in rules:
            raise LookupError(f"no rule {rule!r} is registered; installed rules: {', '.join(sorted(rules))}")
        rule = rules[rule]
    assert not isinstance(rule, str)
    if params is None or isinstance(params, Mapping):
        params = rule.params.model_validate(dict(params or {}))
    loaded = load_agreement(snippet, without=without, base=base)
    env = Environment(registry=_NoRegistry(), rules=[ActiveRule(rule, rule.severity, params)], rulesets=[], off=set())  # type: ignore[arg-type]
    return evaluate(loaded, env, dt.date.today())


class _NoRegistry:
    rules: dict[str, Any] = {}


def rule_ids(findings: Iterable[Finding]) -> list[str]:
    return [f.rule for f in findings]


def keys(findings: Iterable[Finding]) -> list[str]:
    """The dotted key each finding points at, e.g. ``orgaan[0].lid[1].stemmen``."""
    return [f.location.key for f in findings]


def outcome(result: FileResult, rule_id: str) -> Optional[Outcome]:
    return next((o.outcome for o in result.outcomes if o.rule == rule_id), None)


# pytest plugin (entry point ``pytest11``): fixtures for plugin authors.
try:
    import pytest
except ImportError:  # the helpers above work without pytest
    pytest = None  # type: ignore[assignment]

if pytest is not None:

    @pytest.fixture
    def afspraak(tmp_path: Any) -> Any:
        """Write an agreement (``BASE`` plus a snippet) to a file: ``afspraak("[afspraak]\\nbewoners = 0")``."""

        def make(snippet: str = "", *, without: Sequence[str] = (), base: str = BASE, name: str = "afspraak.toml") -> Any:
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(agreement_text(snippet, without=without, base=base), encoding="utf-8")
            return path

        return make

    @pytest.fixture
    def afspraken_cli(tmp_path: Any, monkeypatch: Any) -> Any:
        """Run the ``afspraken`` command in-process, in ``tmp_path``: ``afspraken_cli("check", path)``."""
        from click.testing import CliRunner

        from afspraken.commands import cli

        monkeypatch.chdir(tmp_path)

        def run(*args: str, input: Optional[str] = None) -> Any:
            return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

        return run
