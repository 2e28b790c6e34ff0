"""Agreements for tests: a complete, compliant one (:data:`BASE`), and a small TOML writer
so that a snippet can be merged into it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

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


def _key(key: str) -> str:
    from afspraken.reading.messages import toml_key

    return toml_key(key)


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


