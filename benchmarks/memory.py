"""Memory per input file: peak RSS of ``afspraken check FILE`` above a run on a tiny file,
divided by the file's size. The goal: at most ~20x for any shape of file.

    python benchmarks/memory.py            # every shape at ~4 MB
    python benchmarks/memory.py --mb 10    # bigger

Shapes are the worst cases for memory: long arrays of small values (each a Python object),
many tables that each give validation errors, deep-but-allowed nesting, one huge string, and
a file past the size limit (refused without being read). Each runs the installed command in
a fresh process; the peak comes from ``getrusage(RUSAGE_CHILDREN)``, so one run at a time.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

HEAD = (
    'formaat = 1\n[afspraak]\ntitel = "Test"\nwijk = "W"\ngemeente = "G"\ningangsdatum = 2025-01-01\n'
    '[[partij]]\nid = "a"\nnaam = "A"\nsoort = "gemeente"\n'
)


def shapes(size: int) -> dict[str, str]:
    """Files of about ``size`` bytes, each within the default limits (elements per list)."""
    from afspraken.reading.files import Limits

    per_list = min(Limits().lijst - 1, 20_000)
    ints = "[" + ",".join(["1"] * per_list) + "]"
    strings = "[" + ",".join(['"a"'] * per_list) + "]"
    tables = "[" + ",".join(["{}"] * per_list) + "]"
    deep = "[" * 49 + "1" + "]" * 49

    def fill(line: str, head: str = HEAD + "[extensies.x]\n") -> str:
        n = max(1, (size - len(head)) // (len(line) + 12))
        return head + "".join(f"k{i} = {line}\n" for i in range(n))

    bad_table = "[[orgaan]]\nid = 1\nnaam = 2\nsoort = 3\n"  # three errors in 36 bytes
    bad_tables = HEAD + bad_table * min(per_list, size // len(bad_table))
    return {
        "ints": fill(ints),
        "strings": fill(strings),
        "tables": fill(tables),
        "deep": fill(deep),
        "string": HEAD + '[extensies.x]\ntekst = "' + "x" * size + '"\n',
        "errors": bad_tables,
        "unknown-keys": HEAD + "".join(f"onbekend{i} = 1\n" for i in range(size // 16)),
    }


def peak_kb(command: list[str], path: Path) -> int:
    """Peak RSS (KB) of one run, in a child process of a child (a clean RUSAGE_CHILDREN)."""
    script = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", script, *command, str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=4.0, help="size of each file (default 4 MB)")
    args = parser.parse_args()
    command = [str(Path(sys.executable).with_name("afspraken")), "check", "--format", "json"]
    size = int(args.mb * 1024 * 1024)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tiny = folder / "klein.toml"
        tiny.write_text(HEAD)
        base = peak_kb(command, tiny)
        print(f"baseline (tiny file): {base / 1024:.1f} MB peak RSS")
        print(f"{'shape':<14}{'size MB':>9}{'peak MB':>9}{'extra MB':>10}{'x size':>8}")
        worst = 0.0
        for name, text in shapes(size).items():
            path = folder / f"{name}.toml"
            path.write_text(text)
            mb = path.stat().st_size / 1024 / 1024
            peak = peak_kb(command, path)
            ratio = (peak - base) / 1024 / mb
            worst = max(worst, ratio)
            print(f"{name:<14}{mb:>9.2f}{peak / 1024:>9.1f}{(peak - base) / 1024:>10.1f}{ratio:>8.1f}")
        big = folder / "te-groot.toml"
        with open(big, "wb") as handle:  # sparse: 100 MB that takes no disk
            handle.write(HEAD.encode())
            handle.seek(100 * 1024 * 1024)
            handle.write(b"\n")
        peak = peak_kb(command, big)
        print(f"{'over limit':<14}{100:>9.2f}{peak / 1024:>9.1f}{(peak - base) / 1024:>10.1f}{'(refused)':>10}")
        print(f"worst: {worst:.1f}x the file's size")
        os.sync() if hasattr(os, "sync") else None


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # a runaway shape fails, not the machine
    main()
