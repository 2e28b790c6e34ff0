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
