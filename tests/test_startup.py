"""Cold start: the entry-point scan is remembered while the installed packages stay the same,
so a normal run imports neither importlib.metadata nor pydantic's plugin loader."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import EXAMPLES

PROBE = textwrap.dedent(
    """
    import sys
    sys.argv = ["afspraken", "plugins"]
    from afspraken.commands import _fast_start, _main  # main() itself leaves with os._exit
    _fast_start()
    try:
        _main()
    except SystemExit:
        pass
    print("METADATA", "importlib.metadata" in sys.modules, file=sys.stderr)
    """
)


def _run(cache: Path, extra_path: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AFSPRAKEN_CACHE": str(cache), "PYTHONPATH": extra_path}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    return subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=EXAMPLES, timeout=60)


def test_a_second_run_needs_no_importlib_metadata(tmp_path: Path) -> None:
    first, second = _run(tmp_path), _run(tmp_path)
    assert "METADATA True" in first.stderr  # the first run scans, and remembers
    assert "METADATA False" in second.stderr, second.stderr
    assert "prestatieafspraken" in first.stdout and first.stdout == second.stdout  # the same plugins either way


def test_an_installed_or_removed_plugin_is_seen_at_once(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "mijnplugin").mkdir(parents=True)
    (site / "mijnplugin" / "__init__.py").write_text("from afspraken import hookimpl\n\n@hookimpl\ndef register_rules():\n    return []\n")
    dist = site / "mijnplugin-1.2.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: mijnplugin\nVersion: 1.2\n")
    (dist / "entry_points.txt").write_text("[afspraken]\nmijnplugin = mijnplugin\n")
    cache = tmp_path / "cache"
    assert "mijnplugin" not in _run(cache).stdout
    installed = _run(cache, str(site))
    assert "mijnplugin" in installed.stdout and "1.2" in installed.stdout
    assert "METADATA True" in installed.stderr  # another set of distributions: scanned again
    assert "mijnplugin" in _run(cache, str(site)).stdout
    import shutil

    shutil.rmtree(dist)
    assert "mijnplugin" not in _run(cache, str(site)).stdout


def test_a_broken_cache_file_is_a_fresh_scan(tmp_path: Path) -> None:
    _run(tmp_path)
    for cached in tmp_path.iterdir():
        cached.write_text("{niet json")
    again = _run(tmp_path)
    assert "prestatieafspraken" in again.stdout and "METADATA True" in again.stderr


def test_pydantic_plugins_are_off_unless_the_user_says_otherwise(tmp_path: Path) -> None:
    probe = "import os, sys\nfrom afspraken.commands import _fast_start\n_fast_start()\nprint(os.environ['PYDANTIC_DISABLE_PLUGINS'], 'pydantic.plugin._loader' in sys.modules)"
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env).stdout.split() == ["__all__", "True"]
    env["PYDANTIC_DISABLE_PLUGINS"] = "logfire"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env).stdout.split() == ["logfire", "False"]


def test_two_python_environments_keep_a_cache_each(tmp_path: Path) -> None:
    """A project's venv and pipx's share ~/.cache: they must not overwrite each other's cache
    on every run (then every run would scan again)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--system-site-packages", str(venv)], check=True, timeout=120)
    other = venv / "bin" / "python"
    env = {**os.environ, "AFSPRAKEN_CACHE": str(tmp_path / "cache"), "PYTHONPATH": os.pathsep.join(sys.path)}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)

    def run(python: Path | str) -> str:
        return subprocess.run([str(python), "-c", PROBE], capture_output=True, text=True, env=env, cwd=EXAMPLES, timeout=60).stderr

    run(sys.executable), run(other)
    assert len(list((tmp_path / "cache").iterdir())) == 2
    assert "METADATA False" in run(sys.executable) and "METADATA False" in run(other)  # neither scans again


def test_caches_of_environments_gone_for_a_month_are_removed(tmp_path: Path) -> None:
    import time

    stale, recent = tmp_path / "entry-points-1-0000dead.json", tmp_path / "entry-points-1-0000beef.json"
    for f in (stale, recent):
        f.write_text("{}")
    month_ago = time.time() - 31 * 24 * 3600
    os.utime(stale, (month_ago, month_ago))
    _run(tmp_path)  # scans, writes its own, and tidies up
    left = sorted(p.name for p in tmp_path.iterdir())
    assert stale.name not in left and recent.name in left and len(left) == 2
