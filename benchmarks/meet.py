"""Measure afspraken's speed against the floor set by its own dependencies.

    python benchmarks/genereer.py          # once: 1,000 agreements in benchmarks/corpus
    python benchmarks/meet.py [--herhaal 15] [--corpus MAP --doel 2] [--instructies]

1. Start-up: ``afspraken check`` on one agreement, against a script that imports tomli
   and the model, and reads, parses and validates that one file (target: at most 1.2x).
2. Throughput: ``afspraken check`` on the corpus (the whole run, in one process),
   against a script that only reads, parses (tomli) and validates (the models)
   the same files (target: at most 1.3x; with ``genereer.py --veel``, ~24 findings a
   file, at most 2x).

Each command runs as a new process, alternating, and the median wall time is
reported. Nothing here passes or fails: it measures and prints.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
START = """
import sys, tomli
from afspraken.model import Agreement
Agreement.model_validate(tomli.loads(open(sys.argv[1], 'rb').read().decode('utf-8')))
"""
PARSE_VALIDATE = """
import sys, pathlib, tomli
from afspraken.model import Agreement
for path in sorted(pathlib.Path(sys.argv[1]).glob('*.toml')):
    Agreement.model_validate(tomli.loads(path.read_bytes().decode('utf-8')))
"""


def afspraken() -> list[str]:
    script = Path(sys.executable).parent / "afspraken"
    return [str(script)] if script.exists() else [shutil.which("afspraken") or "afspraken"]


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env={**os.environ, "NO_COLOR": "1"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def instructions(cmd: list[str]) -> int:
    """Instructions executed (valgrind's callgrind): the same count every run, whatever the machine is doing."""
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "NO_COLOR": "1"},
    ).stderr
    return int(out.split("Collected :")[1].split()[0])


def compare_instructions(label: str, base: list[str], ours: list[str], target: float) -> None:
    a, b = instructions(base), instructions(ours)
    print(f"{label}  (instructies, valgrind --tool=callgrind)")
    print(f"  basis    : {a / 1e6:10.1f} M")
    print(f"  afspraken: {b / 1e6:10.1f} M")
    print(f"  verhouding: {b / a:.2f}x (doel: hoogstens {target}x)")


def compare(label: str, base: list[str], ours: list[str], repeat: int, target: float) -> None:
    timed(base), timed(ours)  # warm the file cache
    a, b = [], []
    for _ in range(repeat):
        a.append(timed(base))
        b.append(timed(ours))
    print(f"{label}  (mediaan van {repeat} runs; CPU = user + system)")
    for name, runs in (("basis    ", a), ("afspraken", b)):
        wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        print(f"  {name}: {wall * 1000:8.1f} ms wand, {cpu * 1000:8.1f} ms CPU (min wand {min(r[0] for r in runs) * 1000:.1f})")
    wall = statistics.median(r[0] for r in b) / statistics.median(r[0] for r in a)
    cpu = statistics.median(r[1] for r in b) / statistics.median(r[1] for r in a)
    best = min(r[0] for r in b) / min(r[0] for r in a)
    print(f"  verhouding: {wall:.2f}x wand (mediaan), {best:.2f}x wand (snelste), {cpu:.2f}x CPU (doel: hoogstens {target}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--herhaal", type=int, default=15)
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    parser.add_argument("--instructies", action="store_true", help="tel ook instructies met valgrind (traag, maar ongevoelig voor ruis)")
    parser.add_argument("--doel", type=float, default=1.3, help="het doel voor de doorvoer (1.3; 2 voor een corpus van genereer.py --veel)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bytecode import compile_installed

    compile_installed()  # measure what an installed wheel runs: bytecode, not source compiled each run
    if not args.corpus.is_dir():
        sys.exit(f"geen corpus in {args.corpus}: draai eerst python benchmarks/genereer.py")
    files = sorted(args.corpus.glob("*.toml"))
    size = sum(f.stat().st_size for f in files) / len(files) / 1024
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; corpus: {len(files)} bestanden van gemiddeld {size:.1f} KB\n")
    example = str(ROOT / "voorbeelden" / "woensel-west.toml")
    start = [sys.executable, "-c", START, example]
    print("basis 1: tomli en het model importeren, één afspraak lezen, parsen en valideren")
    print("basis 2: lezen + tomli + Agreement.model_validate per bestand, niets anders\n")
    compare("1. Opstarten: één afspraak", start, [*afspraken(), "check", example], args.herhaal, 1.2)
    print()
    base = [sys.executable, "-c", PARSE_VALIDATE, str(args.corpus)]
    check = [*afspraken(), "check", str(args.corpus), "--fail-on", "nooit"]
    compare(f"2a. {len(files)} afspraken, standaard", base, check, max(5, args.herhaal // 2), args.doel)
    print()
    compare(f"2b. {len(files)} afspraken, één proces (--jobs 1)", base, [*check, "--jobs", "1"], max(5, args.herhaal // 2), args.doel)
    if args.instructies and shutil.which("valgrind"):
        print()
        compare_instructions("3a. Opstarten: één afspraak", start, [*afspraken(), "check", example], 1.2)
        print()
        compare_instructions(f"3b. {len(files)} afspraken, één proces", base, [*check, "--jobs", "1"], args.doel)


if __name__ == "__main__":
    main()
