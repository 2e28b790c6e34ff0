"""Folder discovery and the language server decide alike what is an agreement."""

from __future__ import annotations

from pathlib import Path

import pytest

from afspraken.reading.discovery import discover, is_agreement_text
from afspraken.reading.files import DECODED, SKIPPED

AGREEMENT = '[formaat]\nversie = 1\n\n[[partij]]\nnaam = "Woonbron"\n'
RULESET = '[regelset]\nnaam = "eigen"\n'
DAMAGED = '[formaat\nversie = = 1\n[[partij]]\nnaam = "Woonbron\n'

# name, text, encoding, checked (True) or skipped (False), code of the note when checked
CASES = [
    ("utf16.toml", AGREEMENT, "utf-16", True, DECODED),
    ("utf16-regelset.toml", RULESET, "utf-16", False, None),
    ("ruff.toml", 'line-length = 120\n[lint]\nselect = ["E"]\n', "utf-8", False, None),
    ("pyproject.toml", '[tool.afspraken]\nregelsets = ["x"]\n', "utf-8", False, None),
    ("afspraken.toml", "regelsets = []\n", "utf-8", False, None),
    ("eigen.toml", RULESET, "utf-8", False, None),
    ("kapot.toml", DAMAGED, "utf-8", True, None),
    ("woensel.toml", AGREEMENT, "utf-8", True, None),
    ("leeg.toml", "", "utf-8", True, None),
    ("ongeldig.toml", "x = = 1\n", "utf-8", True, None),
]


@pytest.mark.parametrize(("name", "text", "encoding", "checked", "code"), CASES, ids=[c[0] for c in CASES])
def test_the_language_server_and_folder_discovery_agree(tmp_path: Path, name: str, text: str, encoding: str, checked: bool, code: str | None):
    data = text.encode(encoding)
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / name).write_bytes(data)
    (folder / "anker.toml").write_text(AGREEMENT, encoding="utf-8")  # so the folder is never empty of agreements

    found = dict(discover([str(folder)]))
    in_folder = found[str(folder / name)]
    named = dict(discover([str(folder / name)]))[str(folder / name)]

    def is_checked(note: object) -> bool:
        return note is None or getattr(note, "code", None) != SKIPPED

    assert is_checked(in_folder) is checked
    assert (in_folder.code if in_folder else None) == (code if checked else SKIPPED)
    assert named == in_folder  # a file named on the command line gets the same test
    assert is_agreement_text(str(folder / name), data) is checked  # the bytes as on disk
    # What an editor hands over: the decoded text, as UTF-8.
    assert is_agreement_text(str(folder / name), text.encode("utf-8")) is checked
