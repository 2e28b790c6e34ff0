"""Worker processes that never print a traceback on Ctrl-C and never outlive an interrupt.

Ctrl-C in a terminal reaches every process of the group. Workers ignore it: the main
process alone decides, and ends them at once (they may be blocked writing a result to a
pipe nobody reads any more, so waiting for them could take forever).
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager


def ignore_interrupts() -> None:
    """Initializer of a worker process: Ctrl-C is the main process's business."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # blocked while it was started (see `starting`)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextmanager
def starting() -> Iterator[None]:
    """Hold Ctrl-C back while worker processes are forked: a new worker would otherwise get
    it before its initializer runs, and print a traceback. The main process gets it right after."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def stop(pool: ProcessPoolExecutor) -> None:
    """End every worker of ``pool`` now, without waiting for running work."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=1)
