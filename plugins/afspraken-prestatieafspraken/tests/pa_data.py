"""Shared test data: the plugin's compliant example agreement is the base every snippet is merged into."""

from __future__ import annotations

from pathlib import Path

VOORBEELDEN = Path(__file__).resolve().parent.parent / "voorbeelden"
GOED = VOORBEELDEN / "voorbeeldstad-2026.toml"
FOUT = VOORBEELDEN / "voorbeeldstad-concept.toml"

BASIS = GOED.read_text(encoding="utf-8")
"""A complete, valid prestatieafspraak that passes every rule of the plugin."""

EXT = "extensies.prestatieafspraken"
