"""The command line: one thin module per command, each imported only when it is used."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from typing import Any, Iterator, Optional

import click

from afspraken import __version__
from afspraken.commands.language import META, Group, active, scan, start, version_option
from afspraken.commands.options import LANG_ROOT


class _Commands(Group):
    """Each command lives in its own module of this package, imported only when used."""

    LAZY = {
        "check": ("check", "check"),
        "rules": ("listing", "rules_command"),
        "explain": ("explain", "explain"),
        "rulesets": ("listing", "rulesets_command"),
        "plugins": ("listing", "plugins_command"),
        "schema": ("schema", "schema_command"),
        "init": ("init", "init_command"),
        "lsp": ("lsp", "lsp_command"),
        "diff": ("diff", "diff_command"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *self.LAZY]

    def get_command(self, ctx: click.Context, name: str) -> Optional[click.Command]:
        if name in self.LAZY:
            module, attr = self.LAZY[name]
            return getattr(importlib.import_module(f"afspraken.commands.{module}"), attr)  # type: ignore[no-any-return]
        return super().get_command(ctx, name)

    def make_context(self, info_name: Optional[str], args: list[str], parent: Optional[click.Context] = None, **extra: Any) -> click.Context:
        if parent is None:  # the language of the whole run, before click parses (and may complain about) anything
            start(scan(args))
        with _output_gone():  # --help, --version
            ctx = super().make_context(info_name, args, parent, **extra)
        ctx.meta[META] = active()
        return ctx

    def invoke(self, ctx: click.Context) -> Any:
        with _output_gone():
            return super().invoke(ctx)


class _OutputGone(Exception):
    """A closed pipe, carried past click (which would turn it into exit 1) to :func:`main`."""


@contextlib.contextmanager
def _output_gone() -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        import errno

        if exc.errno == errno.EPIPE:
            raise _OutputGone(exc) from exc
        raise


@click.group(
    cls=_Commands, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help_en="""Check partnership agreements (TOML) against rule sets, the way a linter checks code.

    Start with: afspraken check AGREEMENT.toml (a new one: afspraken init)
    """,
)
@version_option(__version__)
@LANG_ROOT
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Toets samenwerkingsafspraken (TOML) aan regelsets, zoals een linter code toetst.

    Begin met: afspraken check AFSPRAAK.toml (een nieuwe: afspraken init)
    """
    if ctx.invoked_subcommand is None:  # bare `afspraken`: a first contact, not a mistake
        click.echo(ctx.get_help())
        ctx.exit(0)


def _unbreakable_streams() -> None:
    """A file name that is not UTF-8 is printed as ``\\xff`` (text formats escape it
    already; this is for every other print), never a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def _output_failed(exc: OSError) -> None:
    """stdout full (``> /dev/full``), closed, or gone: say so on stderr, exit 2, no traceback."""
    import errno

    try:  # nothing more can go to the old stdout, not even the final flush at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    if exc.errno != errno.EPIPE:  # a reader that stopped early (| head) needs no message
        from afspraken.reading.files import reason as why

        reason = why(exc).nl if active() == "nl" else why(exc).en
        nl = active() == "nl"
        try:
            click.echo(f"stdout: kan de uitvoer niet schrijven: {reason}" if nl else f"stdout: cannot write the output: {reason}", err=True)
        except OSError:
            pass
    os._exit(2)


def _finish(code: object) -> None:
    """Flush and leave now: nothing left to do, and a Ctrl-C during the interpreter's own
    clean-up (threads, atexit) would otherwise print a traceback or hang."""
    if isinstance(code, str):
        click.echo(code, err=True)
    try:
        sys.stdout.flush()  # an OSError here (full disk) is reported by main()
    except ValueError:  # already closed (the language server closes it on exit): nothing to flush
        pass
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    _end_workers()
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)


def _end_workers() -> None:
    """Worker processes never outlive the command (they ignore Ctrl-C, and would wait forever)."""
    if "multiprocessing" in sys.modules:
        import multiprocessing

        for child in multiprocessing.active_children():
            child.kill()


def _interrupted() -> None:
    """Ctrl-C: a short word, exit 130 (128 + SIGINT), as shells expect; no traceback. Also run as
    the signal handler itself, at any moment: no click, no buffered stream that may be mid-write."""
    if "threading" in sys.modules:  # the pool's manager thread sees its workers killed below: not a traceback
        import threading

        threading.excepthook = lambda args: None
    try:
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - a closed or busy stream: the word goes out anyway
        pass
    try:
        os.write(2, b"Afgebroken.\n" if active() == "nl" else b"Interrupted.\n")
    except OSError:
        pass
    _end_workers()
    isolation = sys.modules.get("afspraken.checking.isolation")
    if isolation is not None:  # a child checking a big file goes too
        isolation.kill_child()
    writing = sys.modules.get("afspraken.reporting.writing")
    if writing is not None:  # a report being written: its temporary file goes too
        writing.remove_pending()
    os._exit(130)  # now: no waiting for worker processes or a flush that may block


def on_interrupt(signum: int, frame: Any) -> None:
    """The command's SIGINT handler: the run ends here and now. A KeyboardInterrupt raised
    instead can be swallowed (Python ignores it in a weakref callback or ``__del__``, as during an
    import), and the run would go on."""
    _interrupted()


def _fast_start() -> None:
    """Start-up without work that a run of this tool never needs."""
    # A run makes many objects (the parsed files, the models) and frees them without
    # cycles: collecting the young ones every 700 allocations only costs time (10-25%).
    import gc

    gc.set_threshold(100_000, 50, 1000)
    # pydantic's plugins (for pydantic's users: tracing, logging) have nothing to do in this
    # tool; their loader alone imports importlib.metadata (~30 ms). PYDANTIC_DISABLE_PLUGINS,
    # as pydantic documents it, switches them off; a value set by the user is respected.
    value = os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if value in ("__all__", "1", "true") and "pydantic.plugin._loader" not in sys.modules:
        import types

        loader = types.ModuleType("pydantic.plugin._loader", "Stand-in: plugins are off (PYDANTIC_DISABLE_PLUGINS).")
        loader.get_plugins = lambda: ()  # type: ignore[attr-defined]  # what pydantic's own loader returns then
        sys.modules["pydantic.plugin._loader"] = loader


class _ClosedStdout:
    """Stands in for a stdout the shell closed (``>&-``): a write is the usual "cannot write
    the output" (exit 2), asking whether it is a terminal or flushing it is harmless."""

    encoding = "utf-8"
    errors = "backslashreplace"

    def write(self, text: str) -> int:
        import errno

        raise OSError(errno.EBADF, "stdout is gesloten" if active() == "nl" else "stdout is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return 1


def _closed_stdout() -> None:
    if sys.stdout is not None:
        return
    try:  # hold fd 1, so that no file opened later (a report, git's output) lands on it
        fd = os.open(os.devnull, os.O_WRONLY)
        if fd != 1:
            os.dup2(fd, 1)
            os.close(fd)
    except OSError:
        pass
    sys.stdout = _ClosedStdout()  # type: ignore[assignment]


def main() -> None:
    _fast_start()
    try:
        _closed_stdout()
        _unbreakable_streams()
        try:
            _main()
            code: object = 0
        except SystemExit as exc:
            code = exc.code
        _finish(code)
    except KeyboardInterrupt:
        _interrupted()
    except _OutputGone as gone:
        _output_failed(gone.args[0])
    except OSError as exc:  # input errors are reported per file: this is the output, or the system
        import errno

        if exc.errno in (errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EBADF, errno.EDQUOT, errno.EFBIG):
            _output_failed(exc)
        from afspraken.reporting.escaping import escape

        where = f"{escape(str(exc.filename))}: " if exc.filename else ""
        from afspraken.reading.files import reason

        said = reason(exc).nl if active() == "nl" else reason(exc).en
        click.echo(f"{'fout' if active() == 'nl' else 'error'}: {where}{said}", err=True)
        sys.exit(2)


def _main() -> None:
    try:
        cli.main(standalone_mode=False, prog_name="afspraken")
    except click.ClickException as exc:  # our own messages and click's, both in the language of the run
        from afspraken.reporting.escaping import escape

        exc.message = escape(exc.message)  # type: ignore[misc]  # it may hold an argument as typed: never raw control characters
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:  # click's word for Ctrl-C
        _interrupted()
