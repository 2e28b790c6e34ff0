"""Checking one big file in a child process, so that Ctrl-C stops the run at once.

tomli (compiled with mypyc) and pydantic-core (Rust) parse and validate a file in
one call that never lets Python's SIGINT handler run: for a file of several MB that
is seconds without an answer to Ctrl-C, and no thread can help (they hold the GIL).
Most big agreements are parsed in parts instead (:mod:`afspraken.reading.chunks`), between
which Ctrl-C is answered, and validated with a Python call per table. A file from
:data:`APART_FROM` characters on that cannot be parsed in parts is checked in a forked child,
while this process waits in a read that Ctrl-C interrupts; it then kills the child.

The child is a copy of this process (fork): it has the text and the settings, and
sends back only the result (pickled). On a system without ``fork`` (Windows), on
macOS (where forking is advised against) and in a process with threads, the file is
checked here, as before; so is a result that cannot be pickled.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, NamedTuple, Union

from afspraken.reading.chunks import PART
from afspraken.rules import Text

# Characters: a smaller text is not parsed in parts (chunks.cuts), and tomli takes it in
# ~0.2-0.3 s; a fork costs a few ms, against ~1 s CPU for checking 2 MB.
APART_FROM = 2 * PART

_CANNOT_SEND = 3  # the child's exit status when its result cannot be pickled: check here instead
_NO_MEMORY = 4  # the child's exit status after a MemoryError


class Died(NamedTuple):
    """The child ended without a result (killed, out of memory): why, in words."""

    message: Text


def available() -> bool:
    """Whether a file can be checked in a child here (see the module's note)."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return False
    import threading

    return threading.active_count() == 1  # forking a process with threads can deadlock the child


_CHILD: list[int] = []  # the child of a run() in progress: killed by the command on Ctrl-C


def kill_child() -> None:
    """Kill the child of a :func:`run` in progress (from the command's Ctrl-C handler)."""
    for pid in _CHILD:
        _kill(pid)


def run(work: Callable[[], Any]) -> Union[Any, Died, None]:
    """``work()`` in a forked child: its return value, :class:`Died`, or None when there was no
    child or the value could not be sent back (then the caller does the work itself). Ctrl-C
    here kills the child and raises KeyboardInterrupt as usual."""
    import signal  # here, not on top: its enums take ~5 ms, which a run without a child never needs
    for stream in (sys.stdout, sys.stderr):  # else the child's copy of the buffer is written twice
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    try:
        read_end, write_end = os.pipe()
    except OSError:  # no descriptors left
        return None
    parent = os.getpid()
    block = hasattr(signal, "pthread_sigmask")
    if block:  # a Ctrl-C during the fork: handled here, after it (the child must not get it first)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        try:
            pid = os.fork()
        except OSError:  # no process to be had (EAGAIN, ENOMEM): the caller checks here
            os.close(write_end)
            return None
        if pid == 0:
            _child(work, write_end, read_end, parent)  # never returns
        os.close(write_end)
        _CHILD.append(pid)
        try:
            if block:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
            data = _read_all(read_end)  # Ctrl-C interrupts this read
            status = os.waitpid(pid, 0)[1]
        except BaseException:
            _kill(pid)
            raise
        finally:
            _CHILD.remove(pid)
    finally:
        if block:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        os.close(read_end)
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 and data:
        return _loads(data)
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == _CANNOT_SEND:
        return None
    return Died(_why(status))


def _loads(data: bytes) -> Any:
    import gc
    import pickle

    was = gc.isenabled()
    gc.disable()  # a result of many findings: no collection passes while its objects are made
    try:
        return pickle.loads(data)
    finally:
        if was:
            gc.enable()


def _read_all(fd: int) -> bytes:
    parts: list[bytes] = []
    while True:
        part = os.read(fd, 1 << 20)
        if not part:
            return b"".join(parts)
        parts.append(part)


def _kill(pid: int) -> None:
    import signal
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)  # at once: a killed child ends within milliseconds
    except OSError:
        pass


def _why(status: int) -> Text:
    import signal
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = str(number)
        hint_nl, hint_en = (" (te weinig geheugen?)", " (out of memory?)") if number == signal.SIGKILL else ("", "")
        return Text(
            f"het controleren van dit bestand werd afgebroken: het proces dat het controleerde stopte door signaal {name}{hint_nl}",
            f"checking this file was cut short: the process checking it was stopped by signal {name}{hint_en}",
        )
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else status
    if code == _NO_MEMORY:
        return Text(
            "het controleren van dit bestand werd afgebroken: te weinig geheugen",
            "checking this file was cut short: out of memory",
        )
    return Text(
        f"het controleren van dit bestand werd afgebroken: het proces dat het controleerde stopte zonder resultaat (code {code})",
        f"checking this file was cut short: the process checking it ended without a result (code {code})",
    )


def _child(work: Callable[[], Any], write_end: int, read_end: int, parent: int) -> None:
    """The child: Ctrl-C is the parent's business; it ends by ``os._exit`` only (no cleanup
    of the parent's state: its temporary files, its buffers, its worker processes)."""
    import signal
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        os.close(read_end)
        _die_with_parent(parent)
        import gc
        import pickle

        gc.freeze()  # the parent's objects are never collected here: no pass over them, no pages copied
        result = work()
        try:
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - a plugin's value that cannot be pickled: the parent checks it
            code = _CANNOT_SEND
        else:
            view = memoryview(data)
            while view:
                view = view[os.write(write_end, view) :]
            code = 0
        for stream in (sys.stdout, sys.stderr):  # what a plugin printed
            stream.flush()
    except MemoryError:
        code = _NO_MEMORY
    except BaseException:  # noqa: BLE001 - never a traceback from the child: the parent reports it
        pass
    finally:
        os._exit(code)


def _die_with_parent(parent: int) -> None:
    """On Linux, the child is killed when the parent dies (a parent killed by SIGKILL cannot kill it)."""
    import signal
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - no ctypes, no prctl: the parent still kills it on Ctrl-C
        return
    if os.getppid() != parent:  # the parent died before that
        os._exit(1)
