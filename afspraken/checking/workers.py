"""Worker processes that never print a traceback on Ctrl-C and never outlive an interrupt.

Ctrl-C in a terminal reaches every process of the group. Workers ignore it: the main
process alone decides, and ends them at once (they may be blocked writing a result to a
pipe nobody reads any more, so waiting for them could take forever).
"""

from __future__ import annotations

import signal
from concurrent.futures import ProcessPoolExecutor


def ignore_interrupts() -> None:
    """Initializer of a worker process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def stop(pool: ProcessPoolExecutor) -> None:
    """End every worker of ``pool`` now, without waiting for running work."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=1)
