"""Big and adversarial agreements: how time grows with the size of one file.

    python benchmarks/groot.py [--grootte 60K 600K 6M] [--map /tmp/groot] [--herhaal 3]

Two files per size. ``vijandig`` (hostile): many parties, one body in which every party sits (with unequal votes,
so that ``gelijke-stem`` points at many members), a mandate list of every party, many
actions without a date (a finding each), a long one-line array, and nested inline
tables: everything that once made a rule or the locator quadratic, and a finding on
nearly every element. ``gewoon``: the same structure with a few findings. Prints CPU time
of ``afspraken check`` (one process, text output) against the floor, tomli plus
``Agreement.model_validate`` of the same file (target: at most 2x at 6 MB). These files are parsed
in parts in the command's own process (reading/chunks.py); one from 2 MB that cannot be is
checked in a child process (checking/isolation.py), and RUSAGE_CHILDREN counts its CPU too (a
grandchild of this script that was waited for).
Only measures and prints; ``--alleen-maken`` just writes the files.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
from pathlib import Path

FLOOR = """
import sys, tomli
from afspraken.model import Agreement
Agreement.model_validate(tomli.loads(open(sys.argv[1], 'rb').read().decode('utf-8')))
"""


def agreement(size: int, hostile: bool = True) -> str:
    """An agreement of about ``size`` bytes; everything scales with it. Not ``hostile``: the
    same structure, but votes equal and actions dated, so a few findings instead of one per element."""
    n = max(4, size // 240)  # parties; the rest follows from them
    out = [
        "formaat = 1",
        "[afspraak]",
        'titel = "Groot"', 'wijk = "W"', 'gemeente = "G"', "ingangsdatum = 2020-01-01", "einddatum = 2021-12-31",
        f"bewoners = {n}",
        "",
    ]
    soorten = ["gemeente", "corporatie", "instelling", "bewoners", "ondernemers", "overig"]
    for i in range(n):
        out += ["[[partij]]", f'id = "p{i}"', f'naam = "Partij {i}"', f'soort = "{soorten[i % len(soorten)]}"', f"professionals = {i % 7 if hostile else 0}", ""]
    out += ["[[orgaan]]", 'id = "bo"', 'naam = "Buurtonderneming"', 'soort = "buurtonderneming"', "mandaat = [" + ", ".join(f'"p{i}"' for i in range(n)) + "]", ""]
    for i in range(n):
        out += ["  [[orgaan.lid]]", f'  naam = "Lid {i}"', f'  partij = "p{i}"', f"  stemmen = {1 + i % 3 if hostile else 1}", ""]
    out += ["[[orgaan]]", 'id = "raad"', 'naam = "Raad"', 'soort = "wijkraad"', "lid = [" + ", ".join(f'{{naam = "R{i}", partij = "p{i}"}}' for i in range(0, n, 3)) + "]", ""]
    out += ["[aanspreekpunt]", 'orgaan = "bo"', 'naam = "Wijkwinkel"', ""]
    for i in range(n // 2):
        out += ["[[overleg]]", f'tussen = ["p{i}", "p{(i + 1) % n}", "bo"]', "per_jaar = 4", ""]
    for i in range(n):
        out += ["[[actie]]", f'wat = "Actie {i}"', f'wie = "p{i}"', *([] if hostile else ["wanneer = 2020-06-01"]), ""]
    return "\n".join(out) + "\n"


def cpu(cmd: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def parse_size(text: str) -> int:
    factor = {"K": 1000, "M": 1000_000}.get(text[-1].upper(), 1)
    return int(float(text.rstrip("KkMm")) * factor)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--grootte", nargs="+", default=["60K", "600K", "6M"])
    parser.add_argument("--map", type=Path, default=Path("/tmp/afspraken-groot"))
    parser.add_argument("--herhaal", type=int, default=3)
    parser.add_argument("--alleen-maken", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bytecode import compile_installed

    compile_installed()  # measure what an installed wheel runs: bytecode, not source compiled each run
    args.map.mkdir(parents=True, exist_ok=True)
    exe = str(Path(sys.executable).parent / "afspraken")
    for size, hostile in [(s, h) for s in args.grootte for h in (False, True)]:
        name = f"{size}-{'vijandig' if hostile else 'gewoon'}"
        path = args.map / f"groot-{name}.toml"
        text = agreement(parse_size(size), hostile)
        path.write_text(text, encoding="utf-8")
        if args.alleen_maken:
            print(path)
            continue
        base = min(cpu([sys.executable, "-c", FLOOR, str(path)]) for _ in range(args.herhaal))
        ours = min(cpu([exe, "check", str(path), "--fail-on", "nooit", "--jobs", "1"]) for _ in range(args.herhaal))
        print(f"{name:>14} ({len(text.encode()) / 1e6:.2f} MB): basis {base:6.2f} s, afspraken {ours:6.2f} s CPU: {ours / base:.2f}x (doel: hoogstens 2x)")


if __name__ == "__main__":
    main()
