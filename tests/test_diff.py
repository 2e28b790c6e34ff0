"""`afspraken diff`: real pairs of drafts, compared in the terms of the agreement."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import EXAMPLES

GOOD = (EXAMPLES / "woensel-west.toml").read_text(encoding="utf-8")
UNEQUAL = (EXAMPLES / "ongelijke-stem.toml").read_text(encoding="utf-8")
TOO_MANY = (EXAMPLES / "te-veel-professionals.toml").read_text(encoding="utf-8")


def _blocks(text: str, header: str) -> list[str]:
    """The ``[[header]]`` blocks of a file, each up to the next top-level table."""
    return re.findall(rf"^\[\[{re.escape(header)}\]\]\n.*?(?=^\[|\Z)", text, re.M | re.S)


def _pair(write, old: str, new: str) -> tuple[str, str]:
    return str(write("oud.toml", old)), str(write("nieuw.toml", new))


def test_a_seat_moved_names_the_seat_the_votes_and_the_new_finding(cli, write):
    moved = GOOD.replace('naam = "K. Bakker"\n  partij = "welzijn"', 'naam = "K. Bakker"\n  partij = "bewonersraad"')
    assert moved != GOOD
    result = cli("diff", *_pair(write, GOOD, moved))
    out = result.stdout
    assert "zetel van 'K. Bakker' gaat van 'Stichting Welzijn Woensel' naar 'Bewonersraad Woensel-West'" in out
    assert "'Bewonersraad Woensel-West' krijgt meer stemmen: 1 → 2" in out
    assert "'Stichting Welzijn Woensel' verliest stemmen: 1 → 0" in out
    assert "zetels voor bewoners 1 → 2" in out
    new_part = out.split("Nieuwe bevindingen", 1)[1]
    assert "gelijke-stem" in new_part
    assert result.exit_code == 1  # the draft got worse


def test_big_versions_are_compared_as_well(cli, write):
    """A file over 16 KB lets its parsed data go once loaded (Source.settle): diff reads it again,
    so that findings are still matched by what they are about, not by their place."""
    from afspraken.reading.loading import BIG

    pad = "# " + "x" * BIG + "\n"
    members = re.findall(r"  \[\[orgaan\.lid\]\]\n(?:  \S.*\n)+", UNEQUAL)
    shuffled = UNEQUAL.replace(members[0], "\0").replace(members[1], members[0]).replace("\0", members[1])
    assert shuffled != UNEQUAL
    result = cli("diff", *_pair(write, pad + UNEQUAL, pad + shuffled), "--format", "json")
    data = json.loads(result.stdout)
    assert data["new_findings"] == [] and data["resolved"] == []
    assert [f["rule"] for f in data["still_open"]] == ["gelijke-stem"]


def test_a_party_withdrawn(cli, write):
    [welzijn] = [b for b in _blocks(GOOD, "partij") if 'id = "welzijn"' in b]
    withdrawn = GOOD.replace(welzijn, "").replace('\n  [[orgaan.lid]]\n  naam = "K. Bakker"\n  partij = "welzijn"\n', "")
    withdrawn = withdrawn.replace('wie = "welzijn"', 'wie = "gemeente"')
    result = cli("diff", *_pair(write, GOOD, withdrawn), "--lang", "en")
    out = result.stdout
    assert "- party 'Stichting Welzijn Woensel' (instelling) withdrawn" in out
    assert "seat of 'K. Bakker' for 'Stichting Welzijn Woensel' removed" in out
    assert "action 'Huiswerkbegeleiding in het buurthuis': new owner Stichting Welzijn Woensel → Gemeente Eindhoven" in out
    assert result.exit_code == 0, out  # still passes every rule


def test_the_same_text_reordered_is_no_change(cli, write):
    parties, actions = _blocks(UNEQUAL, "partij"), _blocks(UNEQUAL, "actie")
    shuffled = UNEQUAL
    for a, b in ((parties[0], parties[-1]), (actions[0], actions[-1])):
        shuffled = shuffled.replace(a, "\0").replace(b, a).replace("\0", b)
    members = re.findall(r"  \[\[orgaan\.lid\]\]\n(?:  \S.*\n)+", shuffled)
    shuffled = shuffled.replace(members[0], "\0").replace(members[1], members[0]).replace("\0", members[1])
    assert shuffled != UNEQUAL and sorted(shuffled.splitlines()) == sorted(UNEQUAL.splitlines())
    result = cli("diff", *_pair(write, UNEQUAL, shuffled), "--format", "json")
    data = json.loads(result.stdout)
    assert data["changes"] == [] and data["new_findings"] == [] and data["resolved"] == []
    assert [f["rule"] for f in data["still_open"]] == ["gelijke-stem"]
    assert result.exit_code == 0


def test_a_waiver_added_resolves_the_finding(cli, write):
    waived = TOO_MANY + '\n[[uitzondering]]\nregel = "niet-te-veel-professionals"\ntoelichting = "De herstructurering vraagt tijdelijk meer mensen in de wijk."\ntot = 2099-12-31\n'
    result = cli("diff", *_pair(write, TOO_MANY, waived), "--format", "markdown")
    out = result.stdout
    assert "### Uitzonderingen" in out and "uitzondering voor 'niet-te-veel-professionals' tot 2099-12-31" in out
    resolved = out.split("### Opgelost", 1)[1]
    assert "`niet-te-veel-professionals`" in resolved
    assert result.exit_code == 0


def test_html_and_new_from_stdin(cli, write):
    old = write("oud.toml", GOOD)
    result = cli("diff", str(old), "-", "--format", "html", input=GOOD.replace("per_jaar = 4", "per_jaar = 2"))
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and "per_jaar: 4 → 2" in result.stdout


def test_input_errors_on_either_side_are_located_and_exit_2(cli, write):
    old, new = _pair(write, GOOD, GOOD.replace('soort = "gemeente"', 'soort = "gemeent"', 1))
    result = cli("diff", old, new)
    assert result.exit_code == 2
    assert re.search(r"nieuw\.toml:18:9: 'soort' heeft een ongeldige waarde", result.stderr), result.stderr
    assert "niet vergeleken: 1 invoerfout(en)." in result.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_a_revision_read_through_git(cli, tmp_path, write):
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    write("convenant.toml", GOOD)
    git("init", "-q")
    git("add", "convenant.toml")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "eerste versie")
    write("convenant.toml", GOOD.replace("einddatum = 2019-12-31", "einddatum = 2017-12-31"))
    result = cli("diff", "HEAD:convenant.toml", "convenant.toml")
    assert "looptijd, einddatum: 2019-12-31 → 2017-12-31" in result.stdout
    assert result.stdout.startswith("HEAD:convenant.toml → convenant.toml")
    missing = cli("diff", "HEAD:bestaat-niet.toml", "convenant.toml")
    assert missing.exit_code == 2 and "HEAD:bestaat-niet.toml:1:1: niet te lezen uit git" in missing.stderr


def test_participation_rungs_per_phase(cli, write):
    from afspraken.model import Besluitvorming

    if "niveau" not in Besluitvorming.model_fields:
        pytest.skip("the model has no [besluitvorming.niveau] yet (issue 9)")
    assert '  besluit = "meebeslissen"' in GOOD  # the example shows the ladder (RULES v2)
    base = GOOD.replace('  besluit = "meebeslissen"', '  besluit = "raadplegen"')
    result = cli("diff", *_pair(write, base, GOOD))
    assert "Participatie" in result.stdout and "besluitvorming, niveau.besluit: raadplegen → meebeslissen" in result.stdout


def test_nested_tables_are_compared_field_by_field():
    from afspraken.diffing import _flat

    assert _flat({"niveau": {"besluit": "raadplegen", "ontwerp": None}, "x": 1, "leeg": {}}) == {
        "niveau.besluit": "raadplegen", "niveau.ontwerp": None, "x": 1, "leeg": {},
    }


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_names_from_the_file_cannot_steer_the_terminal(cli, write, fmt):
    """In every format of diff, as in check's: control, bidirectional and line-breaking characters escaped."""
    hostile = GOOD.replace('naam = "Stichting Welzijn Woensel"', 'naam = "Welzijn\\u001b[2J\\u202e\\u2028\\r"')
    result = cli("diff", *_pair(write, GOOD, hostile), "--format", fmt)
    assert not any(c in result.stdout for c in "\x1b\u202e\u2028\r"), fmt
    if fmt == "text":
        assert "'Welzijn\\x1b[2J\\u202e\\u2028\\r'" in result.stdout


def test_every_governance_change_is_named(cli, write):
    new = (
        GOOD.replace('mandaat = ["gemeente", "trudo"]', 'mandaat = ["gemeente"]')
        .replace("einddatum = 2019-12-31", "einddatum = 2021-12-31")
        .replace("per_jaar = 4", "per_jaar = 2")
        .replace('gezag = "oud-burgemeester"', 'gezag = "oud-wethouder"')
        .replace("wanneer = 2010-06-30", "wanneer = 2011-06-30")
        .replace('naam = "Wijkwinkel Woensel-West"', 'naam = "Buurtkamer Woensel-West"')
        .replace('soort = "instelling"\nprofessionals = 5', 'soort = "instelling"\nprofessionals = 5\nondertekent = false')
    )
    result = cli("diff", *_pair(write, GOOD, new), "--format", "json")
    changes = [c["text"] for c in json.loads(result.stdout)["changes"]]
    assert changes == [
        "partij 'Stichting Welzijn Woensel' ondertekent niet meer",
        "orgaan 'Buurtonderneming Woensel-West': mandaat van 'Woningcorporatie Trudo' vervallen",
        "looptijd, einddatum: 2019-12-31 → 2021-12-31",
        "aanspreekpunt 'Buurtkamer Woensel-West', naam: Wijkwinkel Woensel-West → Buurtkamer Woensel-West",
        "overleg Bewonersraad Woensel-West + Buurtonderneming Woensel-West, per_jaar: 4 → 2",
        "escalatie, gezag: oud-burgemeester → oud-wethouder",
        "actie 'Herinrichting Celebesstraat': nieuwe datum 2010-06-30 → 2011-06-30",
    ]
    new_rules = {f["rule"] for f in json.loads(result.stdout)["new_findings"]}
    # eigenaar-per-actie: the action of Welzijn now lies with a party that does not sign (RULES v2)
    assert new_rules == {"een-aanspreekpunt", "overlegrecht", "eigenaar-per-actie"} and result.exit_code == 1
    assert cli("diff", *_pair(write, GOOD, new), "--fail-on", "never").exit_code == 0


PRESTATIE = EXAMPLES.parent / "plugins" / "afspraken-prestatieafspraken" / "voorbeelden"


def test_diff_judges_with_the_rule_sets_check_chooses_for_the_soort(cli):
    """A prestatieafspraak is judged by the prestatieafspraken rules in diff exactly as in check."""
    concept, final = PRESTATIE / "voorbeeldstad-concept.toml", PRESTATIE / "voorbeeldstad-2026.toml"
    checked = json.loads(cli("check", "--format", "json", str(concept)).stdout)
    found = {(f["rule"], f["line"]) for r in checked["files"] for f in r["findings"]}
    assert any(rule.startswith("prestatieafspraken/") for rule, _ in found)
    compared = json.loads(cli("diff", "--format", "json", str(concept), str(final)).stdout)
    judged = {(f["rule"], f["line"]) for attr in ("new_findings", "resolved", "still_open") for f in compared.get(attr, [])}
    assert judged == found


def test_an_internal_error_while_loading_is_a_located_problem_not_a_traceback(cli, write, monkeypatch):
    import afspraken.checking.run as run

    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(run, "load", broken)
    result = cli("diff", *_pair(write, GOOD, GOOD))
    assert result.exit_code == 2
    assert "oud.toml:1:1: dit bestand kon niet worden gelezen (interne fout: RuntimeError: kapot)" in result.stderr


def test_more_findings_than_a_report_shows_are_all_compared(cli, write):
    """`check` shows 200 findings of a rule per file and counts the rest; `diff` compares them
    all: fixing one of 300 broken actions is one resolved, nothing new, exit 0."""
    actions = "".join(f'\n[[actie]]\nwat = "Klus {i}"\n' for i in range(300))  # no owner, no date
    fixed = actions.replace('wat = "Klus 0"\n', 'wat = "Klus 0"\nwie = "gemeente"\nwanneer = 2025-06-01\n', 1)
    result = cli("diff", *_pair(write, GOOD + actions, GOOD + fixed), "--format", "json")
    data = json.loads(result.stdout)
    assert data["new_findings"] == [] and len(data["resolved"]) >= 1, data["resolved"]
    assert result.exit_code == 0


def test_an_action_added_without_an_owner_says_so_in_words(cli, write):
    result = cli("diff", *_pair(write, GOOD, GOOD + '\n[[actie]]\nwat = "Nieuwe klus"\n'))
    assert "actie 'Nieuwe klus' (wie: -, wanneer: -)" in result.stdout and "None" not in result.stdout


def test_a_diff_lists_two_hundred_findings_per_list_and_counts_the_rest(cli, write):
    actions = "".join(f'\n[[actie]]\nwat = "Klus {i}"\n' for i in range(300))  # two findings each, still open
    result = cli("diff", *_pair(write, GOOD + actions, GOOD + actions + "\n"))
    still_open = result.stdout.split("Nog open", 1)[1]
    assert still_open.count("\n  ") == 201 and "  en nog 40" in still_open  # 600 and more, 200 listed
    data = json.loads(cli("diff", *_pair(write, GOOD + actions, GOOD + actions + "\n"), "--format", "json").stdout)
    assert len(data["still_open"]) >= 600  # JSON lists every one


def test_a_checker_refuses_a_negative_limit_on_findings():
    from afspraken.checking.run import Checker

    with pytest.raises(ValueError, match="max_findings"):
        Checker(max_findings=-1)


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_a_revision_that_looks_like_an_option_never_reaches_git(cli, tmp_path, write):
    """`--output=evil:w.toml` as REV made `git show` overwrite w.toml (through the link `evil:.`)."""

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    committed = write("w.toml", GOOD).read_bytes()
    git("init", "-q")
    git("add", "w.toml")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "eerste versie")
    (tmp_path / "evil:.").symlink_to(".")
    new = write("new.toml", "x = 1\n")
    result = cli("diff", "--", "--output=evil:w.toml", str(new))
    assert (tmp_path / "w.toml").read_bytes() == committed
    assert result.exit_code == 2
    assert "--output=evil:w.toml:1:1: de versie '--output=evil' begint met '-'" in result.stderr, result.stderr
    english = cli("diff", "--lang", "en", "--", "-p:w.toml", str(new))
    assert english.exit_code == 2 and "the version '-p' starts with '-': it is not passed to git" in english.stderr
    spaced = cli("diff", " :w.toml", str(new))  # a blank version: said plainly, not git's message
    assert spaced.exit_code == 2 and "geef vóór de : een versie uit git zonder spaties" in spaced.stderr, spaced.stderr
    staged = cli("diff", ":w.toml", "w.toml")  # no version: the staged copy, as git reads it
    assert staged.exit_code == 0 and "geen wijzigingen" in staged.stdout.lower(), staged.output
    searched = cli("diff", ":/eerste", "w.toml")  # git would read it as a search in commit messages
    assert searched.exit_code == 2 and "na : zonder versie hoort een pad in de repository" in searched.stderr, searched.output
    assert (tmp_path / "w.toml").read_bytes() == committed


def test_two_actions_with_one_name_are_both_compared(cli, write):
    """Actions were matched by `wat`, keeping only the first: every change to a second action of
    that name, even dropping it, was "geen wijzigingen"."""
    feest = _blocks(GOOD, "actie")[-1]
    second = feest.replace('wie = "bewonersraad"', 'wie = "welzijn"').replace("wanneer = 2009-06-13", "wanneer = 2010-06-12")
    old = GOOD + "\n" + second
    changed = old.replace(second, second.replace('wie = "welzijn"', 'wie = "gemeente"'))
    result = cli("diff", *_pair(write, old, changed))
    assert "actie 'Jaarlijks buurtfeest en schoonmaakdag' (nr. 2): nieuwe eigenaar Stichting Welzijn Woensel → Gemeente Eindhoven" in result.stdout, result.stdout
    assert "nieuwe eigenaar Bewonersraad" not in result.stdout  # the first is left as it was
    dropped = cli("diff", *_pair(write, old, GOOD))
    assert "actie 'Jaarlijks buurtfeest en schoonmaakdag' (nr. 2) geschrapt" in dropped.stdout, dropped.stdout


def test_reordering_points_of_contact_or_actions_is_no_change(cli, write):
    """Moving something is no change (README): also points of contact (they were compared by
    position) and a finding about all actions, which points at the first of them."""
    contact = '[aanspreekpunt]\norgaan = "buurtonderneming"\nnaam = "Wijkwinkel Woensel-West"\nbereikbaar = "ma-vr 9-17 uur, Celebesstraat 1"\n'
    assert contact in GOOD
    first = "[" + contact.replace("]\n", "]]\n", 1)
    second = '[[aanspreekpunt]]\nnaam = "Buurtconciërge"\npartij = "gemeente"\nbereikbaar = "ma-vr 9-17"\n'
    old = GOOD.replace(contact, first + "\n" + second)
    swapped = GOOD.replace(contact, second + "\n" + first)
    result = cli("diff", *_pair(write, old, swapped))
    assert result.exit_code == 0, result.stdout
    assert "geen wijzigingen" in result.stdout and "0 nieuwe bevinding(en), 0 opgelost, 1 nog open" in result.stdout, result.stdout
    renamed = cli("diff", *_pair(write, old, old.replace('naam = "Buurtconciërge"', 'naam = "Conciërge"')))
    assert "aanspreekpunt 'Conciërge', naam: Buurtconciërge → Conciërge" in renamed.stdout, renamed.stdout  # a new name is a change
    actions = _blocks(UNEQUAL, "actie")
    reversed_ = UNEQUAL.replace("".join(actions), "".join(reversed(actions)))
    assert reversed_ != UNEQUAL
    moved = cli("diff", *_pair(write, UNEQUAL, reversed_))
    assert "0 wijzigingen; 0 nieuwe bevinding(en), 0 opgelost" in moved.stdout, moved.stdout


def test_items_with_one_name_swapped_or_inserted_before_are_matched_to_their_equal(cli, write):
    """Matched n-th with n-th, swapping two actions named alike changed both, and one inserted in
    front changed every one after it: an equal item is now matched first."""
    feest = _blocks(GOOD, "actie")[-1]
    other = feest.replace('wie = "bewonersraad"', 'wie = "trudo"').replace("wanneer = 2009-06-13", "wanneer = 2009-07-13")
    third = feest.replace('wie = "bewonersraad"', 'wie = "welzijn"')
    old = GOOD.replace(feest, feest + "\n" + other)
    swapped = GOOD.replace(feest, other + "\n" + feest)
    result = cli("diff", *_pair(write, old, swapped))
    assert result.exit_code == 0 and "0 wijzigingen" in result.stdout, result.stdout
    inserted = GOOD.replace(feest, third + "\n" + feest + "\n" + other)
    result = cli("diff", *_pair(write, old, inserted))
    assert "1 wijziging;" in result.stdout and "+ actie 'Jaarlijks buurtfeest en schoonmaakdag' (wie: Stichting Welzijn Woensel" in result.stdout, result.stdout


def test_a_finding_whose_numbers_changed_is_new_not_still_open(cli, write):
    """Reordered names in a finding are the same finding; other numbers are another one: the
    extra vote moved from one party to another is a new finding (and the old one resolved)."""
    gemeente = '  rol = "directeur sociaal"\n  stemmen = 2\n'
    trudo = '  rol = "directeur fysiek"\n'
    assert gemeente in UNEQUAL and trudo in UNEQUAL
    moved = UNEQUAL.replace(gemeente, '  rol = "directeur sociaal"\n').replace(trudo, trudo + "  stemmen = 2\n")
    result = cli("diff", *_pair(write, UNEQUAL, moved), "--fail-on", "fout")
    assert "1 nieuwe bevinding(en), 1 opgelost" in result.stdout and result.exit_code == 1, result.stdout


@pytest.mark.parametrize(
    ("before", "after", "same"),
    [
        ("er zijn 2 aanspreekpunten (A en B); bewoners hebben er één nodig", "er zijn 2 aanspreekpunten (B en A); bewoners hebben er één nodig", True),
        # the first item is read together with "stemmen:": a list reordered there counts as another
        # finding (shown as new and resolved), the safe side: no change is ever hidden
        ("stemmen: Gemeente: 2; Trudo: 1", "stemmen: Trudo: 1; Gemeente: 2", False),
        ("stemmen: Gemeente: 2; Trudo: 1", "stemmen: Gemeente: 1; Trudo: 2", False),
        ("acties 'A' (1 mei) en 'B' (1 juni) vallen buiten de looptijd", "acties 'A' (1 juni) en 'B' (1 mei) vallen buiten de looptijd", False),
        ("acties 'A' (1 mei), 'B' (1 juni) en 'C' (1 juli)", "acties 'A' (1 mei), 'C' (1 juli) en 'B' (1 juni)", True),
    ],
)
def test_a_finding_is_the_same_when_only_the_order_of_its_list_changed(before, after, same):
    from afspraken.diffing import _worded
    from afspraken.results import Finding, Location
    from afspraken.rules import Severity, Text

    finding = lambda text: Finding("r", Severity.FOUT, Text(text, text), (Location("a.toml", 1, 1),))  # noqa: E731
    assert (_worded(finding(before)) == _worded(finding(after))) is same


def test_a_party_renamed_keeps_its_votes(cli, write):
    """Votes were counted by party name: renaming a party (the same id) showed as its votes lost
    under the old name and gained under the new one, in every body it sits in."""
    renamed = GOOD.replace('naam = "Gemeente Eindhoven"', 'naam = "Gemeente Eindhoven (Noord)"', 1)
    assert renamed != GOOD
    result = cli("diff", *_pair(write, GOOD, renamed))
    assert "1 wijziging;" in result.stdout and "stemmen" not in result.stdout, result.stdout


def test_the_new_draft_on_stdin_is_judged_under_the_old_drafts_config(cli, write, tmp_path, monkeypatch):
    """Stdin was judged under the working folder's config, the old draft under its own folder's:
    identical text then showed a new finding."""
    write("p/afspraken.toml", '[regels.gelijke-stem]\nernst = "uit"\n')
    old = write("p/q/a.toml", UNEQUAL)
    monkeypatch.chdir(tmp_path)
    result = cli("diff", str(old), "-", input=UNEQUAL)
    assert result.exit_code == 0 and "0 nieuwe bevinding(en)" in result.stdout and "gelijke-stem" not in result.stdout, result.output


def test_a_yes_or_no_is_written_in_the_language_of_the_report(cli, write):
    """Booleans were "ja/yes" and "nee/no" in both languages."""
    changed = GOOD.replace("afdwingbaar = true", "afdwingbaar = false", 1)
    assert changed != GOOD
    dutch = cli("diff", *_pair(write, GOOD, changed)).stdout
    english = cli("diff", *_pair(write, GOOD, changed), "--lang", "en").stdout
    assert "afdwingbaar: ja → nee" in dutch and "/yes" not in dutch, dutch
    assert "afdwingbaar: yes → no" in english and "ja/" not in english, english
