"""checking/isolation.py: work done in a forked child, its value sent back; a child that dies
or a value that cannot be sent is said, never a traceback or a hang."""

from __future__ import annotations

import os
import signal

import pytest

from afspraken.checking import isolation

pytestmark = pytest.mark.skipif(not isolation.available(), reason="no fork here (or threads running)")


def test_the_value_comes_back_from_another_process():
    pid, value = isolation.run(lambda: (os.getpid(), {"a": [1, 2.5, "ë"]}))
    assert pid != os.getpid() and value == {"a": [1, 2.5, "ë"]}


def test_a_child_killed_is_said_with_the_signal():
    died = isolation.run(lambda: os.kill(os.getpid(), signal.SIGKILL))
    assert isinstance(died, isolation.Died)
    assert "SIGKILL" in died.message.nl and "te weinig geheugen" in died.message.nl
    assert "out of memory" in died.message.en


def test_a_child_that_raises_is_said_not_shown():
    def fail() -> None:
        raise RuntimeError("stuk")

    died = isolation.run(fail)
    assert isinstance(died, isolation.Died) and "zonder resultaat (code 1)" in died.message.nl


def test_a_value_that_cannot_be_pickled_is_none_so_the_caller_works_itself():
    assert isolation.run(lambda: (lambda: 1)) is None


def test_ctrl_c_while_waiting_kills_the_child(monkeypatch):
    """The parent gets SIGINT while the child works (it ignores it): the child is killed and
    reaped at once, and KeyboardInterrupt goes on as usual."""
    import time

    def slow() -> None:
        time.sleep(30)

    def interrupt(signum, frame):  # what the command's default handler does, once the read is interrupted
        raise KeyboardInterrupt

    forked: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    old = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.3)
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            isolation.run(slow)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert time.monotonic() - started < 5
    [child] = forked
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # killed and reaped already


def _groot(size: int) -> str:
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("_bench_groot", ROOT / "benchmarks" / "groot.py")
    assert spec is not None and spec.loader is not None
    groot = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(groot)
    return groot.agreement(size)  # type: ignore[no-any-return]


@pytest.mark.parametrize("damage", ["geen", "typen", "afgekapt"])
def test_a_big_file_gets_the_same_result_in_a_child(tmp_path, damage, monkeypatch):
    """Findings, problems and their places: the same whether checked here or in a child."""
    from afspraken.checking.run import Checker

    forks: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())

    text = _groot(400_000)
    if damage == "typen":  # a wrong type and an unknown key far into the file
        text = text.replace("professionals = 3\n", 'professionals = "drie"\nkleur = "rood"\n', 3)
    elif damage == "afgekapt":  # a TOML error at the end
        text = text[: len(text) // 2] + '\n[[partij]]\nid = "x\n'
    path = tmp_path / "groot.toml"
    path.write_text(text, encoding="utf-8")
    here, apart = Checker(config=False), Checker(config=False)
    apart.apart_from = 0
    expected = here.check_path(str(path))
    assert forks == []
    got = apart.check_path(str(path))
    assert forks == [1]  # the child checked it
    assert got == expected
    if damage == "geen":
        assert len(got.findings) > 100
    else:
        assert got.problems and all(p.location.line > 1 for p in got.problems), got.problems[:3]  # located, not 1:1
    assert here.report([expected]) == apart.report([got])  # rule sets, failures, settings problems too


def test_no_child_to_be_had_is_none_so_the_caller_works_itself(monkeypatch):
    def fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", fork)
    assert isolation.run(lambda: 1) is None


def test_a_child_out_of_memory_says_so():
    def hungry() -> None:
        raise MemoryError

    died = isolation.run(hungry)
    assert isinstance(died, isolation.Died) and died.message.en.endswith("out of memory")


@pytest.mark.parametrize("damage", ["einde", "tabel-opnieuw"])
def test_a_big_file_whose_parts_cannot_be_joined_is_parsed_in_a_child(tmp_path, monkeypatch, damage):
    """A big text is parsed in parts here (reading/chunks.py); one whose parts cannot be joined
    (a TOML error, a table defined again) needs tomli's one call, which Ctrl-C cannot interrupt:
    the command makes it in a child. The same result as in one call here."""
    from afspraken.checking.run import Checker
    from afspraken.reading import chunks

    text = _groot(2 * chunks.PART + 500_000)
    text += '\n[[partij]]\nid = "kapot\n' if damage == "einde" else "\n[afspraak]\ntitel = 'nog eens'\n"
    assert chunks.cuts(text)[0]
    path = tmp_path / "groot.toml"
    path.write_text(text, encoding="utf-8")
    forks: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    here, apart = Checker(config=False), Checker(config=False)
    apart.apart_from = isolation.APART_FROM
    expected = here.check_path(str(path))
    assert forks == []
    got = apart.check_path(str(path))
    assert forks == [1] and got == expected
    assert [p.code for p in got.problems] == ["toml"] and got.problems[0].location.line > 1000
