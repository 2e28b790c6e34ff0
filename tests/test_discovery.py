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


# -- the walk that feeds the check does not classify again ------------------------------------------


def _mixed_folder(root: Path) -> Path:
    """Every kind of entry discovery tells apart, spread over nested folders."""
    import os

    folder = root / "wijk"
    (folder / "sub" / "diep").mkdir(parents=True)
    (folder / "leeg").mkdir()
    (folder / "leeg" / "pyproject.toml").write_text("[tool.x]\n", encoding="utf-8")  # a folder without agreements
    for where in (folder, folder / "sub", folder / "sub" / "diep"):
        for name, text, encoding, _checked, _code in CASES:
            (where / name).write_bytes(text.encode(encoding))
    (folder / "sub" / "b.toml").write_text(AGREEMENT, encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pijp.toml")
    (folder / "lus.toml").symlink_to("lus.toml")
    (folder / "link.toml").symlink_to("woensel.toml")
    return folder


def test_the_check_walk_opens_no_file_and_finds_what_the_first_walk_found(tmp_path, monkeypatch):
    from afspraken import api
    from afspraken.checking.run import Checker
    from afspraken.reading import discovery

    folder = _mixed_folder(tmp_path)
    named = folder / "sub" / "ruff.toml"  # also a file named on its own: looked up as well
    expected = list(discover([str(folder), str(named)]))  # classified afresh
    opened: list[str] = []
    real_head = discovery._head
    monkeypatch.setattr(discovery, "_head", lambda path: opened.append(path) or real_head(path))
    stream = api.Stream(Checker(entry_points=False), [str(folder), str(named)])
    first = len(opened)
    assert first >= 3 * (len(CASES) - 2)  # the first walk reads each file's head (not those known by name)

    again = list(discover([str(folder), str(named)], stream._known))
    results = list(stream)
    assert len(opened) == first, "the walk that feeds the check opened files to classify them again"
    assert again == expected  # same paths, same order, same notes and problems
    once = [(p, n) for p, n in expected[:-1] if p != str(named)] + expected[-1:]  # the stream checks a named file where it is named
    checked = [path for path, problem in once if problem is None or problem.code not in (SKIPPED,)]
    assert [r.path for r in results] == checked
    assert [n.location.file for n in stream.skipped] == [p for p, n in once if n is not None and n.code in (SKIPPED, DECODED)]


def test_a_file_added_after_the_stream_was_made_is_checked(tmp_path):
    from afspraken import api
    from afspraken.checking.run import Checker

    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "a.toml").write_text(AGREEMENT, encoding="utf-8")
    stream = api.Stream(Checker(entry_points=False), [str(folder)])
    (folder / "b.toml").write_text("x = = 1\n", encoding="utf-8")  # damaged: reported, never passed over
    results = list(stream)
    assert [Path(r.path).name for r in results] == ["a.toml", "b.toml"]
    assert results[1].problems


def test_a_config_file_added_after_the_stream_was_made_is_still_no_agreement(tmp_path):
    """The second walk reads nothing, but a settings file is known by its name alone."""
    from afspraken import api
    from afspraken.checking.run import Checker

    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "a.toml").write_text(AGREEMENT, encoding="utf-8")
    stream = api.Stream(Checker(entry_points=False), [str(folder)])
    (folder / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert [Path(r.path).name for r in stream] == ["a.toml"]


def test_a_link_to_a_file_the_walk_checks_is_skipped_with_a_note(tmp_path):
    """`huidig.toml -> v3.toml` in one folder: one agreement, checked and counted once; the link
    is listed as skipped, with the reason. A link to a file the walk does not reach is checked."""
    from afspraken import api
    from afspraken.checking.run import Checker

    folder = tmp_path / "map"
    (folder / "oud").mkdir(parents=True)
    (folder / "oud" / "v3.toml").write_text(AGREEMENT, encoding="utf-8")
    (folder / "huidig.toml").symlink_to(Path("oud") / "v3.toml")
    elsewhere = tmp_path / "elders.toml"
    elsewhere.write_text(AGREEMENT, encoding="utf-8")
    (folder / "van-elders.toml").symlink_to(elsewhere)
    stream = api.Stream(Checker(entry_points=False), [str(folder)])
    checked = sorted(Path(r.path).name for r in stream)
    assert checked == ["v3.toml", "van-elders.toml"]
    [note] = stream.skipped
    assert note.location.file == str(folder / "huidig.toml") and "een koppeling naar" in note.message.nl and "v3.toml" in note.message.nl
