"""Peak memory of ``afspraken check`` at 1,000 and at 100,000 files (issue 10, item 5).

    python benchmarks/geheugen.py [--klein 1000] [--groot 100000] [--formaat text json sarif]

Text, JSON, SARIF, JUnit-less streaming: each file's results are written as they arrive,
so the peak at 100,000 files should stay within 1.5x of the peak at 1,000. The corpus is
one small agreement with two findings, copied (generated once into a temporary folder;
files in subfolders of 1,000). Each run is a fresh process, in one process (``--jobs 1``),
writing to a file; its peak resident set size (``ru_maxrss``) is printed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The command may end without the interpreter's clean-up (os._exit): its peak is read by a parent
# that waits for it (RUSAGE_CHILDREN: the largest peak of the children waited for).
RUN = """
import resource, subprocess, sys
subprocess.run([sys.executable, "-c", "import sys; from afspraken.commands import main; sys.argv[0] = 'afspraken'; main()", *sys.argv[1:]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
"""


def corpus(folder: Path, count: int) -> Path:
    from afspraken.testing import agreement_text

    text = agreement_text("[afspraak]\nbewoners = 1000\n[continuiteit]\nminimale_bezetting_jaren = 1\n")
    for i in range(count):
        sub = folder / f"deel{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"wijk{i:06d}.toml").write_text(text, encoding="utf-8")
    return folder


def peak(folder: Path, fmt: str, out: Path) -> tuple[int, float]:
    """Peak RSS in MB and wall time in seconds of one check."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUN, "check", str(folder), "--jobs", "1", "--fail-on", "nooit", "--format", f"{fmt}:{out}"],
        capture_output=True, text=True, env={**os.environ, "AFSPRAKEN_PLUGINS": ""},
    )
    seconds = time.perf_counter() - start
    kb = int(done.stderr.strip().splitlines()[-1])
    return kb // 1024, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--klein", type=int, default=1000)
    parser.add_argument("--groot", type=int, default=100_000)
    parser.add_argument("--formaat", nargs="+", default=["text", "json", "sarif"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = corpus(Path(tmp) / "klein", args.klein)
        large = corpus(Path(tmp) / "groot", args.groot)
        print(f"{'formaat':8} {args.klein:>8} bestanden  {args.groot:>8} bestanden  verhouding")
        for fmt in args.formaat:
            a, ta = peak(small, fmt, Path(tmp) / f"klein.{fmt}")
            b, tb = peak(large, fmt, Path(tmp) / f"groot.{fmt}")
            print(f"{fmt:8} {a:>5} MB ({ta:5.1f} s)  {b:>5} MB ({tb:6.1f} s)  {b / a:5.2f}x", flush=True)


if __name__ == "__main__":
    main()
