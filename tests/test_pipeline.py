"""One run, one pipeline: plugins loaded once, settings per folder on top, failures kept once."""

from __future__ import annotations

import json

from afspraken.testing import agreement_text
from conftest import EXAMPLES

UNEQUAL = EXAMPLES / "ongelijke-stem.toml"


def test_a_broken_config_in_the_working_folder_does_not_affect_a_file_elsewhere(cli, write, tmp_path, monkeypatch):
    write("hier/afspraken.toml", "regelsets = [\n")  # broken TOML where the command runs
    write("elders/afspraken.toml", 'regelsets = ["wijkaanpak"]\n')
    target = write("elders/x.toml", agreement_text())
    monkeypatch.chdir(tmp_path / "hier")
    from click.testing import CliRunner

    from afspraken.commands import cli as command

    for fmt in ("text", "json", "sarif"):
        result = CliRunner().invoke(command, ["check", "../elders/x.toml", "--format", fmt], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert "afspraken.toml" not in result.output
    assert target.exists()
    # The broken config still counts for a file under it.
    write("hier/y.toml", agreement_text())
    result = CliRunner().invoke(command, ["check", "y.toml"], catch_exceptions=False)
    assert result.exit_code == 2 and "afspraken.toml:" in result.output


def test_plugins_are_loaded_once_per_run_and_config_plugins_join_them(write, tmp_path, monkeypatch):
    from afspraken.checking import run

    built = []
    real = run.get_plugin_manager

    def counting(*args, **kwargs):
        built.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(run, "get_plugin_manager", counting)
    write("een/teller.py", "from afspraken import hookimpl\nimport builtins\nbuiltins.TELLER = getattr(builtins, 'TELLER', 0) + 1\n"
          "@hookimpl\ndef register_rules():\n    return []\n")
    write("een/afspraken.toml", 'plugins = ["teller.py"]\n')
    write("twee/afspraken.toml", 'regelsets = ["basis"]\n')
    write("drie/afspraken.toml", 'regelsets = ["wijkaanpak"]\n')
    paths = [write(f"{d}/a.toml", agreement_text()) for d in ("een", "twee", "drie")]
    import afspraken

    report = afspraken.check([str(p) for p in paths], entry_points=False)
    assert len(built) == 1  # not one plugin manager per config folder
    import builtins

    assert getattr(builtins, "TELLER") == 1
    assert [f.rulesets for f in report.files] == [("basis", "wijkaanpak"), ("basis",), ("basis", "wijkaanpak")]
    del builtins.TELLER  # type: ignore[attr-defined]


def test_a_failure_met_in_many_folders_is_reported_once(write, tmp_path):
    write("kapot.py", "raise ImportError('stuk')\n")
    for d in ("a", "b", "c"):
        write(f"{d}/afspraken.toml", 'plugins = ["../kapot.py"]\n')
        write(f"{d}/x.toml", agreement_text())
    import afspraken

    report = afspraken.check(str(tmp_path), entry_points=False)
    assert len(report.files) == 3
    [failure] = report.crashes
    assert failure.plugin == "kapot" and failure.stage == "import" and failure.subject == ""
    assert failure.error == "ImportError: stuk" and failure.where.endswith("kapot.py:1")


def test_workers_send_only_results(write, tmp_path):
    from afspraken.checking import run

    write("kapot.py", "raise ImportError('stuk')\n")
    paths = [str(write(f"m/{i}.toml", agreement_text())) for i in range(12)]
    checker = run.Checker(plugins=[str(tmp_path / "kapot.py")], entry_points=False)
    chunks = list(checker.iter_checks(paths, jobs=2))
    assert all(isinstance(r, run.FileResult) for chunk in chunks for r in chunk)
    assert sum(len(c) for c in chunks) == 12
    assert [f.plugin for f in checker.report().crashes] == ["kapot"]


def test_failures_are_typed_values_in_json(cli, write):
    write("hook.py", "from afspraken import hookimpl\n@hookimpl\ndef register_rules():\n    raise RuntimeError('stuk')\n")
    result = cli("check", str(UNEQUAL), "--plugin", "hook.py", "--format", "json")
    [crash] = json.loads(result.stdout)["crashes"]
    assert (crash["plugin"], crash["stage"], crash["subject"]) == ("hook", "hook", "register_rules")
    assert crash["what"] == "hook register_rules" and crash["where"].endswith("hook.py:4")
