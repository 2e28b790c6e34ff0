"""Memory per input file: peak RSS of ``afspraken check FILE`` above a run on a tiny file,
divided by the file's size. The goal: at most ~20x for any shape of file.

    python benchmarks/memory.py            # every shape at ~4 MB
    python benchmarks/memory.py --mb 10    # bigger
    python benchmarks/memory.py --mb 2 --vorm errors headers-near

Shapes are the worst cases for memory: long arrays of small values (each a Python object),
many small tables, dotted keys and headers (refused by [limieten] tabellen, and each again
padded to just under that limit: the "-near" shapes), tables that each give validation
errors, countless unknown keys, an error per array element, deep-but-allowed nesting, one
huge string, and a file past the size limit (refused without being read). Each runs the installed command in
a fresh process; the peak comes from ``getrusage(RUSAGE_CHILDREN)``, so one run at a time.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Callable

HEAD = (
    'formaat = 1\n[afspraak]\ntitel = "Test"\nwijk = "W"\ngemeente = "G"\ningangsdatum = 2025-01-01\n'
    '[[partij]]\nid = "a"\nnaam = "A"\nsoort = "gemeente"\n'
)


def shapes(size: int) -> dict[str, str]:
    """Files of about ``size`` bytes, each within the default limits (elements per list,
    nesting). Each shape is a worst case of one kind: many small Python objects per byte."""
    from afspraken.reading.files import MB, Limits
    from afspraken.reading.structure import DOT, HEADER, INLINE, TABLE, VALUE

    per_list = min(Limits().lijst - 1, 20_000)

    def array(item: str) -> str:
        return "[" + ",".join([item] * per_list) + "]"

    lijst = Limits().lijst - 1  # tables in one [[name]], at most
    same_id = ('[[partij]]\nid = "a"\nnaam = "A"\nsoort = "gemeente"', '[[orgaan]]\nid = "a"\nnaam = "A"\nsoort = "overig"')
    reference = ('[[actie]]\nwat = "x"\nwie = "x{}"\n', '[[overleg]]\ntussen = ["a", "x{}"]\nper_jaar = 4\n', '[[aanspreekpunt]]\nnaam = "A"\npartij = "x{}"\n')

    def near(item: str, weight: int, extra: int = 0) -> str:
        """``item`` padded to take just more room than its weight in tables needs."""
        room = int(weight * MB / Limits().tabellen * 1.03) + 1
        return item + " " * max(0, room - len(item) - extra)

    def fill(line: str, head: str = HEAD + "[extensies.x]\n") -> str:
        n = max(1, (size - len(head)) // (len(line) + 12))
        return head + "".join(f"k{i} = {line}\n" for i in range(n))

    def repeat(make: Callable[[int], str], head: str = HEAD) -> str:
        parts, total, i = [head], len(head), 0
        while total < size:
            part = make(i)
            parts.append(part)
            total += len(part)
            i += 1
        return "".join(parts)

    tables = ("orgaan", "partij", "actie", "overleg")  # three errors in ~36 bytes each, [[name]] within lijst
    bad_table = lambda i: f"[[{tables[i // (Limits().lijst - 1) % 4]}]]\nid = 1\nnaam = 2\nsoort = 3\n"  # noqa: E731
    return {
        "ints": fill(array("1")),
        "numbers": fill(array("1000")),  # not cached by Python, unlike small ints
        "floats": fill(array("1.5")),
        "strings": fill(array('"a"')),  # one-character strings are shared
        "words": fill(array('"ab"')),
        "dates": fill(array("2025-01-01")),
        "tables": fill(array("{}")),
        "inline-keys": fill(array("{a=1}")),
        "arrays": fill(array("[]")),
        "deep": fill("[" * 49 + "1" + "]" * 49),
        "string": HEAD + '[extensies.x]\ntekst = "' + "x" * size + '"\n',
        "keys": repeat(lambda i: f"k{i}=1\n", HEAD + "[extensies.x]\n"),
        "dotted": repeat(lambda i: f"k{i}.b.c=1\n", HEAD + "[extensies.x]\n"),
        "headers": repeat(lambda i: f"[extensies.x.t{i}]\n"),
        "array-headers": repeat(lambda i: f"[[extensies.x.t{i // per_list}]]\n"),
        "errors": repeat(bad_table),
        "unknown-keys": repeat(lambda i: f"onbekend{i} = 1\n"),
        "unknown-tables": repeat(lambda i: f"[onbekend{i}]\n"),
        "party-keys": repeat(lambda i: f"x{i}=1\n"),  # unknown keys inside [[partij]]
        "wrong-elements": repeat(lambda i: f"[[orgaan]]\nmandaat = {array('1')}\n"),  # an error per element
        # Valid tables, a finding of the loader's own checks each (ids, references):
        "same-ids": repeat(lambda i: (near(same_id[i % 2], HEADER) + " ").ljust(size // (2 * lijst) + 1)[:-1] + "\n"),
        "references": repeat(lambda i: near(reference[i % 3].format(i % 10), HEADER)),
        "extension-values": repeat(lambda i: f"x{i} = 1\n", HEAD + "[extensies]\n"),
        # Just under [limieten] tabellen (padded with spaces): the most tables a file may hold.
        "tables-near": fill("[" + ",".join([near("{}", INLINE, 1)] * per_list) + "]"),
        "inline-near": fill("[" + ",".join([near("{a=1}", INLINE, 1)] * per_list) + "]"),
        "arrays-near": fill("[" + ",".join([near("[]", 1, 1)] * per_list) + "]"),
        "deep-near": fill(near("[" * 49 + "1" + "]" * 49, 49 + VALUE, 12)),
        "dotted-near": repeat(lambda i: near(f"k{i}.b.c=1", 2 * DOT, 1) + "\n", HEAD + "[extensies.x]\n"),
        "value-lists": repeat(lambda i: f"k{i} = []\n", HEAD + "[extensies]\n"),  # the parser marks each such key
        "value-lists-near": repeat(lambda i: near(f"k{i} = []", 1 + VALUE, 1) + "\n", HEAD + "[extensies]\n"),
        "headers-near": repeat(lambda i: near(f"[extensies.x.t{i}]", TABLE + DOT, 1) + "\n"),  # a header dot past the first counts
        "errors-near": repeat(lambda i: near(bad_table(i), HEADER)),
        # Valid agreements with findings everywhere (rules' findings stop at MAX_FINDINGS per rule):
        "findings": repeat(lambda i: f'[[actie]]\nwat = "{i:<30}"\n'),  # no owner, no date: two findings each
        "long-name": repeat(lambda i: f'[[actie]]\nwat = "A{i:<40}"\nwie = "a"\n', HEAD.replace('naam = "A"', 'naam = "' + "N" * 20_000 + '"')),
        "markers": repeat(lambda i: "#VUL IN"),  # one comment line of `VUL IN` markers: a finding each
    }


def peak_kb(command: list[str], path: Path) -> tuple[int, str]:
    """Peak RSS (KB) of one run, in a child process of a child (a clean RUSAGE_CHILDREN),
    and the codes of the problems it reported (``te-veel``: refused by a limit)."""
    script = (
        "import resource, subprocess, sys\n"
        "with open(sys.argv[1], 'w') as out:\n"
        "    subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    report = path.with_suffix(".json")
    out = subprocess.run([sys.executable, "-c", script, str(report), *command, str(path)], capture_output=True, text=True, check=True)
    codes = Counter(re.findall(r'"code": "([^"]+)"', report.read_text(encoding="utf-8")))
    report.unlink()
    return int(out.stdout.strip()), ",".join(code for code, _ in codes.most_common(2)) or "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=4.0, help="size of each file (default 4 MB)")
    parser.add_argument("--vorm", nargs="*", help="only these shapes (default: all)")
    args = parser.parse_args()
    command = [str(Path(sys.executable).with_name("afspraken")), "check", "--format", "json"]
    size = int(args.mb * 1024 * 1024)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tiny = folder / "klein.toml"
        tiny.write_text(HEAD)
        base, _ = peak_kb(command, tiny)
        print(f"baseline (tiny file): {base / 1024:.1f} MB peak RSS")
        print(f"{'shape':<15}{'size MB':>8}{'peak MB':>9}{'extra MB':>10}{'x size':>8}  reported")
        worst = 0.0
        for name, text in shapes(size).items():
            if args.vorm and name not in args.vorm:
                continue
            path = folder / f"{name}.toml"
            path.write_text(text, encoding="utf-8")
            mb = path.stat().st_size / 1024 / 1024
            peak, codes = peak_kb(command, path)
            ratio = (peak - base) / 1024 / mb
            worst = max(worst, ratio)
            print(f"{name:<15}{mb:>8.2f}{peak / 1024:>9.1f}{(peak - base) / 1024:>10.1f}{ratio:>8.1f}  {codes}", flush=True)
        big = folder / "te-groot.toml"
        with open(big, "wb") as handle:  # sparse: 100 MB that takes no disk
            handle.write(HEAD.encode())
            handle.seek(100 * 1024 * 1024)
            handle.write(b"\n")
        peak, codes = peak_kb(command, big)
        print(f"{'over limit':<15}{100:>8.2f}{peak / 1024:>9.1f}{(peak - base) / 1024:>10.1f}{'':>8}  {codes}")
        print(f"worst: {worst:.1f}x the file's size")
        os.sync() if hasattr(os, "sync") else None


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # a runaway shape fails, not the machine
    main()
