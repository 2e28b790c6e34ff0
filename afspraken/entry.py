"""The ``afspraken`` command's first code. Ctrl-C while the rest is still being imported
(the first few tenths of a second) exits 130 without a traceback, as at any later moment."""

from __future__ import annotations

import os
import sys

try:
    import _signal as signal  # not `signal`: that imports enum (~9 ms) while Ctrl-C would still show a traceback
except ImportError:  # CPython's own module; another Python has `signal` alone
    import signal  # type: ignore[no-redef]

TYPE_CHECKING = False  # typing itself takes milliseconds
if TYPE_CHECKING:
    from typing import Any


def _early_interrupt(signum: int, frame: Any) -> None:
    english = "en" in sys.argv and "--lang" in sys.argv or "--lang=en" in sys.argv
    try:
        os.write(2, b"Interrupted.\n" if english else b"Afgebroken.\n")
    except OSError:
        pass
    os._exit(130)


def main() -> None:
    early = signal.getsignal(signal.SIGINT) is signal.default_int_handler  # not when the caller ignores Ctrl-C
    if early:
        signal.signal(signal.SIGINT, _early_interrupt)
    from afspraken.commands import main as run, on_interrupt

    try:
        if early:  # from here on the command's own handler says the same word and exits 130
            signal.signal(signal.SIGINT, on_interrupt)
        run()
    except KeyboardInterrupt:  # a Ctrl-C that came in just before, raised before main()'s own try
        _early_interrupt(signal.SIGINT, None)
