"""Defects a hostile tester found: each drives the installed command in a subprocess and
would hang, crash or say the wrong thing without its fix."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES

UNEQUAL = EXAMPLES / "ongelijke-stem.toml"  # has findings: exit 1
COMMAND = Path(sys.executable).with_name("afspraken")


def env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("AFSPRAKEN_", "NO_COLOR"))}


def run(*args: str, cwd: Path, timeout: float = 30, **kw: object) -> subprocess.CompletedProcess[bytes]:
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kw}
    done = subprocess.run([str(COMMAND), *args], cwd=cwd, timeout=timeout, env=env(), **streams)  # type: ignore[call-overload]
    assert b"Traceback" not in done.stderr + (done.stdout or b""), done.stderr.decode(errors="replace")
    return done  # type: ignore[no-any-return]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copy(UNEQUAL, tmp_path / "a.toml")
    return tmp_path


# -- 1. reports never re-read a FIFO or a device ---------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs a FIFO and /dev/zero")
@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "text"])
def test_reports_never_reread_a_fifo_or_device(work, fmt):
    os.mkfifo(work / "fifo.toml")
    (work / "zero.toml").symlink_to("/dev/zero")
    done = run("check", "fifo.toml", "zero.toml", "a.toml", "--format", fmt, cwd=work, timeout=20)
    assert done.returncode == 2
    out = done.stdout.decode()
    assert "fifo.toml" in out and "zero.toml" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs a FIFO and /dev/zero")
def test_the_source_lines_never_read_a_fifo_or_device(work):
    """--toon-bron shows the line under each problem: not for a FIFO or device (it would block or never end)."""
    os.mkfifo(work / "fifo.toml")
    (work / "zero.toml").symlink_to("/dev/zero")
    for args in (("fifo.toml", "zero.toml", "a.toml"), (".",)):
        done = run("check", *args, "--toon-bron", cwd=work, timeout=20)
        assert done.returncode == 2
        out = done.stdout.decode()
        assert "fifo.toml:1:1" in out and "zero.toml:1:1" in out and " | " in out  # a.toml's lines are shown


# -- 2. diff reads stdin bounded ----------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_diff_reads_stdin_up_to_the_size_limit(work):
    with open("/dev/zero", "rb") as zero:
        done = run("diff", "a.toml", "-", cwd=work, timeout=60, stdin=zero)
    assert done.returncode == 2
    assert "te groot" in (done.stdout + done.stderr).decode()


# -- 3, 4. closed stdout, closed pipe: a message (or none for a pipe), exit 2 ------------------


@pytest.mark.parametrize("args", [("check", "a.toml"), ("rules",)])
def test_a_closed_stdout_is_said_and_exits_2(work, args):
    done = subprocess.run(
        [str(COMMAND), *args], cwd=work, env=env(), stderr=subprocess.PIPE, timeout=30,
        preexec_fn=lambda: os.close(1),  # `>&-`
    )
    assert b"Traceback" not in done.stderr and b"Error" not in done.stderr, done.stderr
    assert done.returncode == 2
    assert "stdout" in done.stderr.decode()


@pytest.mark.parametrize("args", [("rules",), ("--help",), ("check", "a.toml")])
def test_a_closed_pipe_exits_2_without_a_message(work, args):
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([str(COMMAND), *args], cwd=work, env=env(), stdout=write, stderr=subprocess.PIPE, timeout=30)
    finally:
        os.close(write)
    assert done.returncode == 2
    assert done.stderr == b""


# -- 5. Ctrl-C during start-up --------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("delay", [0.05, 0.1, 0.15, 0.2, 0.3])
def test_ctrl_c_during_start_up_has_no_traceback(work, delay):
    process = subprocess.Popen([str(COMMAND), "check", "a.toml"], cwd=work, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    if b"Traceback" in err:  # only the interpreter's own start-up (site, the script's `import re`) may show one:
        # on a loaded machine that can still be running at 50 ms, before any code of ours can act
        assert b"/afspraken/" not in err and b"click" not in err, err.decode(errors="replace")
        return
    assert process.returncode in (130, 1), (process.returncode, err)  # 1: it finished before the signal came
    if process.returncode == 130:
        assert err.strip().endswith((b"Afgebroken.", b"Interrupted."))


# -- 6. --output never overwrites an agreement, however it is written -------------------------

AGREEMENT_FORMS = {
    "spaced": "[ afspraak ]\ntitel = 'x'\n",
    "dotted": "afspraak.titel = 'x'\nafspraak.wijk = 'y'\n",
    "long-comment": "#" * 70 + "\n" + ("# toelichting\n" * 6000) + "[afspraak]\ntitel = 'x'\n",
    "quoted-array": '[[ "partij" ]]\nnaam = "x"\n',
}


@pytest.mark.parametrize("form", sorted(AGREEMENT_FORMS))
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_output_through_a_link_never_overwrites_an_agreement(work, form, encoding):
    content = AGREEMENT_FORMS[form].encode(encoding)
    (work / "convenant.txt").write_bytes(content)
    (work / "rapport.json").symlink_to("convenant.txt")
    done = run("check", "a.toml", "--output", "rapport.json", cwd=work)
    assert done.returncode == 2
    assert "convenant.txt" in done.stderr.decode()
    assert (work / "convenant.txt").read_bytes() == content


def test_output_over_an_old_report_still_works(work):
    (work / "oud.txt").write_text('{"files": [{"afspraak": "x"}]}\nafspraken: 1 fout\n', encoding="utf-8")
    (work / "rapport.json").symlink_to("oud.txt")
    done = run("check", "a.toml", "--output", "rapport.json", cwd=work)
    assert done.returncode == 1
    assert json.loads((work / "oud.txt").read_text(encoding="utf-8"))["files"]


# -- 7, 9. names that are not UTF-8 or hold invisible controls: valid JSON, nothing raw ----------

SNEAKY = "\u202e\u200b\u0085\u009b\x7f\u2028\u2066"  # bidi override, zero width, NEL, CSI, DEL, LS, isolate


@pytest.mark.parametrize("fmt", ["json", "gitlab", "sarif", "text", "github", "junit", "markdown", "html"])
def test_file_names_never_reach_the_output_raw(work, fmt):
    shutil.copy(UNEQUAL, os.fsencode(work) + b"/b\xff.toml")
    shutil.copy(UNEQUAL, work / f"c{SNEAKY}.toml")
    done = run("check", ".", "--format", fmt, cwd=work)
    assert done.returncode == 1
    out = done.stdout.decode("utf-8")  # strict: no lone surrogate was written
    for char in SNEAKY:
        assert char not in out, f"{fmt} let {char!r} through"
    if fmt in ("json", "gitlab", "sarif"):
        flat = "\n".join(strings(json.loads(out)))
        assert "\udcff" not in flat  # strict JSON readers reject a lone surrogate
        if fmt != "sarif":  # SARIF names files by URI (%FF)
            assert "b\\xff.toml" in flat and f"c{SNEAKY}.toml" in flat  # the exact text, read back


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = [*value, *value.values()]
    return [s for v in value for s in strings(v)] if isinstance(value, list) else []


# -- 8. init never writes a control character raw --------------------------------------------


def test_init_with_control_characters_in_the_answers_writes_valid_toml(work):
    """Each answer with a control character is asked again (shown escaped), and what is written
    is valid TOML without them."""
    import tomli

    answers = "Wijk\x1b[31mX\x7f\u202e\nWijk\nGem\x00eente\nGemeente\nCorp\x08oratie\nCorporatie\n\nBewoners\x1b]0;t\x07\nBewoners\nGGD\n\n"
    done = run("init", "w.toml", cwd=work, input=answers.encode())
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().count("typ het opnieuw") == 4 and b"\\x1b[31m" in done.stderr and b"\x1b" not in done.stderr
    written = (work / "w.toml").read_text(encoding="utf-8")
    data = tomli.loads(written)
    assert data["afspraak"]["wijk"] == "Wijk" and not any(c in written for c in "\x1b\x7f\u202e\x00\x08\x07")


# -- 10. a pyproject.toml in the config search path is never silently ignored ------------------


@pytest.mark.parametrize(
    "content, where",
    [
        (b"[tool]\nafspraken = 5\n", "pyproject.toml:2:1"),
        (b'[tool]\nafspraken = "x"\n', "pyproject.toml:2:1"),
        (b"[tool]\nafspraken = [1, 2]\n", "pyproject.toml:2:1"),
        (b"[tool.afspraken\nregelsets = []\n", "pyproject.toml:1:"),
        (b"[tool.afspraken]\nregelsets = ['\xff']\n", "pyproject.toml:2:"),
    ],
)
def test_a_pyproject_with_our_section_in_a_wrong_shape_is_a_located_error(work, content, where):
    (work / "pyproject.toml").write_bytes(content)
    done = run("check", "a.toml", cwd=work)
    assert done.returncode == 2
    assert where in (done.stdout + done.stderr).decode()


@pytest.mark.parametrize("content", [b"[project\nname = 'x'\n", b"[project]\nname = '\xff'\n"])
def test_an_unreadable_pyproject_of_another_tool_is_a_warning(work, content):
    (work / "pyproject.toml").write_bytes(content)
    done = run("check", "a.toml", cwd=work)
    assert done.returncode == 1  # the agreement's own findings: the defaults are used
    assert "pyproject.toml: waarschuwing:" in done.stderr.decode()


def test_a_pyproject_without_our_section_is_passed_over_quietly(work):
    (work / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    done = run("check", "a.toml", cwd=work)
    assert done.returncode == 1 and b"pyproject" not in done.stderr


# -- 11. minor messages -----------------------------------------------------------------------


def test_output_never_makes_folders(work):
    done = run("check", "a.toml", "--output", "nieuw/dir/x.json", cwd=work)
    assert done.returncode == 2 and "bestaat niet" in done.stderr.decode()
    assert not (work / "nieuw").exists()


def test_two_reports_into_one_file_is_a_usage_error(work):
    done = run("check", "a.toml", "--format", "json:zelfde.out", "--format", "sarif:zelfde.out", cwd=work)
    assert done.returncode == 2 and "hetzelfde bestand" in done.stderr.decode()
    assert not (work / "zelfde.out").exists()


@pytest.mark.parametrize("args", [("check", "a.toml", "--output", ""), ("init", ""), ("init", " ")])
def test_an_empty_file_name_is_said_plainly(work, args):
    done = run(*args, cwd=work)
    assert done.returncode == 2
    said = done.stderr.decode()
    assert "bestandsnaam" in said and "bestaat al" not in said


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_os_errors_are_said_in_dutch(work):
    with open("/dev/full", "wb") as full:
        done = run("check", "a.toml", cwd=work, stdout=full)
    assert done.returncode == 2
    assert "de schijf is vol" in done.stderr.decode() and "No space" not in done.stderr.decode()
    with open("/dev/full", "wb") as full:
        done = run("check", "a.toml", "--lang", "en", cwd=work, stdout=full)
    assert "No space left on device" in done.stderr.decode()


def test_utf32_is_called_utf32(work):
    (work / "u32.toml").write_bytes(UNEQUAL.read_text(encoding="utf-8").encode("utf-32"))
    for target in ("u32.toml", "."):
        done = run("check", target, cwd=work)
        said = (done.stdout + done.stderr).decode()
        assert done.returncode == 2 and "u32.toml:1:1: het bestand is opgeslagen als UTF-32" in said and "UTF-16" not in said


def test_a_rule_url_that_is_no_url_template_says_so(work):
    (work / "afspraken.toml").write_text('rule_url = "{id}{x}{0}"\n', encoding="utf-8")
    done = run("check", "a.toml", cwd=work)
    said = (done.stdout + done.stderr).decode()
    assert done.returncode == 2 and "URL-sjabloon" in said and "kleine letters" not in said


@pytest.mark.parametrize("url", ["javascript:alert(1)//{id}", "data:text/html,<script>{id}</script>", "vbscript:{id}"])
def test_a_rule_url_that_would_run_code_in_the_report_is_refused(work, url):
    """The HTML report and SARIF link a rule to rule_url: only http, https and file may be there."""
    (work / "afspraken.toml").write_text(f'rule_url = "{url}"\n', encoding="utf-8")
    done = run("check", "a.toml", "--format", "html", cwd=work)
    said = (done.stdout + done.stderr).decode()
    assert done.returncode == 2 and "van http, https of file" in said
    assert f'href="{url.split(":")[0]}:' not in done.stdout.decode()  # quoted in the problem, never a link


def test_sizes_are_dutch_numbers_never_exponents(work):
    (work / "afspraken.toml").write_text("[limieten]\nbestand_mb = 0.000001\n", encoding="utf-8")
    done = run("check", "a.toml", cwd=work)
    said = done.stdout.decode()
    assert done.returncode == 2 and "de grens is 0,000001 MB" in said and "e-0" not in said
    (work / "afspraken.toml").write_text("[limieten]\nbestand_mb = 0.5\n", encoding="utf-8")
    (work / "groot.toml").write_bytes(b"#" * (3 * 1024 * 1024 // 2))
    done = run("check", "groot.toml", cwd=work)
    assert "(1,5 MB); de grens is 0,5 MB" in done.stdout.decode()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("spec, said", [("HEAD: ", "geef na REV: een bestand"), ("HEAD:", "geef na REV: een bestand"), ("HEAD:map", "dit is een map in git")])
def test_diff_of_a_git_tree_or_no_path_is_refused(work, spec, said):
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=work, check=True, capture_output=True)

    (work / "map").mkdir()
    shutil.copy(UNEQUAL, work / "map" / "b.toml")
    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "eerste")
    done = run("diff", spec, "a.toml", cwd=work)
    assert done.returncode == 2
    text = done.stderr.decode()
    assert f"{spec}:1:1: {said}" in text and "TOML" not in text
