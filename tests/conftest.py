from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "voorbeelden"
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "spec").is_dir()), ROOT.parent / "shared")
SPEC = SHARED / "spec"  # the specification next to the repository (or a worktree's parent's)
DATA = ROOT / "tests" / "data"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, _cache: Path) -> None:
    # Tests must not depend on the developer's environment.
    for name in ("AFSPRAKEN_LANG", "AFSPRAKEN_PLUGINS", "NO_COLOR", "GITHUB_STEP_SUMMARY", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AFSPRAKEN_CACHE", str(_cache))  # the entry-point cache: never the developer's


@pytest.fixture(scope="session")
def _cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write("name.toml", text) -> path, dedented, inside tmp_path."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., object]:
    """Run the CLI in-process from tmp_path (no config above it is found... unless written there)."""
    from afspraken.commands import cli as command

    monkeypatch.chdir(tmp_path)

    def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> object:
        return CliRunner().invoke(command, list(args), input=input, env=env, catch_exceptions=False)

    return run


@pytest.fixture(scope="session")
def wheel_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the built wheel (and its dependencies) installed: its bin folder."""
    import os
    import subprocess
    import sys
    import venv

    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = dist.glob("afspraken-*.whl")
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], check=True, capture_output=True)
    return bindir
