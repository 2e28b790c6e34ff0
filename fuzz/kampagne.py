"""A mutation fuzzing campaign against the installed ``afspraken``.

    python fuzz/kampagne.py [--aantal 1000] [--seed 1] [--bewaar fuzz/gevonden] [--afspraken PAD]

Takes the examples and generated agreements, mutates each (byte flips, line edits,
type swaps, extreme values, hostile text, deep nesting), runs the installed tool on
them (a subprocess per batch of files, ``--format json``) and reports:

- a traceback on stderr;
- a wrong exit code (with ``--fail-on nooit`` only 0 and 2 are right);
- a rule or plugin that crashed (``crashes`` in the report);
- an exit-2 problem without a place (line 0, or an "interne fout");
- a file that took over 1 s (a slow batch is timed again file by file);
- a file that was skipped without a word (not in the report, not in a note).

Each finding is saved with its reason in ``--bewaar``; a reproducer worth keeping goes to
``tests/data/fuzz/`` (``tests/test_fuzz.py`` runs every file there). Exit code 1 when
something was found.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
SLOW = 1.0  # seconds a file may take, start-up included

# --------------------------------------------------------------------------- mutations

HOSTILE = [
    "\\u001b[31mROOD\\u001b[0m", "a\\nb.toml:1:1: fout x: nep", "\\r\\n", "\\u2028", "\\u202e", "::error::nep", "%0A", "\\u0000",
    "\\t", "x" * 5000, "' OR 1=1 --", "<script>alert(1)</script>", "]]>", "&amp;", "{{x}}", "\\ud7ff", "\U0001f600" * 50,
]
EXTREMES = [
    "0", "-1", "1" * 400, "9" * 4301, "0x" + "f" * 3000, "+inf", "nan", "-0.0", "1e400", "9223372036854775808",
    "9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01", "2024-02-29", "1979-05-27T07:32:00Z", "07:32:00", "true", '""', "[]", "{}",
]
VALUES = ['"tekst"', "12", "true", "2025-01-31", '["a", "b"]', "{ a = 1 }", "1.5", "[[1], [2]]", '"gemeente"']


def _lines(text: str) -> list[str]:
    return text.split("\n")


def byte_flip(text: str, rng: random.Random) -> bytes:
    data = bytearray(text.encode("utf-8"))
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(data))
        data[i] = rng.choice([rng.randrange(256), data[i] ^ (1 << rng.randrange(8)), ord("["), ord("="), ord('"'), 0x80, 0xFF])
    return bytes(data)


def line_edit(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        op = rng.randrange(6)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        elif op == 4 and lines[i].startswith("["):
            lines[i] = lines[i].replace("[[", "[").replace("]]", "]") if "[[" in lines[i] else "[" + lines[i] + "]"
        else:
            lines.insert(i, rng.choice(["[afspraak]", "[[partij]]", "[[orgaan.lid]]", "x = 1", "[extensies.x]", "formaat = 2"]))
    return "\n".join(lines)


def _replace_value(text: str, rng: random.Random, new: Callable[[str], str]) -> str:
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if "=" in line and not line.lstrip().startswith("#")]
    for i in rng.sample(candidates, min(len(candidates), rng.randint(1, 3))):
        key, _, value = lines[i].partition("=")
        lines[i] = f"{key}= {new(value.strip())}"
    return "\n".join(lines)


def type_swap(text: str, rng: random.Random) -> str:
    return _replace_value(text, rng, lambda old: rng.choice([v for v in VALUES if v != old]))


def extreme(text: str, rng: random.Random) -> str:
    return _replace_value(text, rng, lambda old: rng.choice(EXTREMES))


def hostile(text: str, rng: random.Random) -> str:
    def new(old: str) -> str:
        if old.startswith('"'):
            return '"' + old[1:-1][: rng.randrange(20)] + rng.choice(HOSTILE) + '"'
        return '"' + rng.choice(HOSTILE) + '"'

    return _replace_value(text, rng, new)


def deep(text: str, rng: random.Random) -> str:
    depth = rng.choice([50, 300, 1000, 5000])
    shape = rng.randrange(3)
    if shape == 0:
        value = "[" * depth + "]" * depth
    elif shape == 1:
        value = "{ a = " * depth + "1" + " }" * depth
    else:
        header = "[" + ".".join(["t"] * depth) + "]"
        return text + "\n" + header + "\nx = 1\n"
    return text + f"\n[extensies.diep]\nx = {value}\n"


def many(text: str, rng: random.Random) -> str:
    """Many elements: a long array, or many tables."""
    count = rng.choice([1000, 20000])
    if rng.random() < 0.5:
        return text + "\n[extensies.veel]\nx = [" + ", ".join("1" for _ in range(count)) + "]\n"
    return text + "".join(f'\n[[actie]]\nwat = "a{i}"\nwie = "gemeente"\n' for i in range(count // 10))


MUTATIONS: list[Callable[[str, random.Random], "str | bytes"]] = [byte_flip, line_edit, type_swap, extreme, hostile, deep, many]

# --------------------------------------------------------------------------- corpus


def seeds(rng: random.Random) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "voorbeelden").glob("*.toml"))]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import genereer

        texts += [genereer.agreement(i, rng, many=bool(i % 2)) for i in range(6)]
    finally:
        sys.path.pop(0)
    return texts


def files(count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """``count`` mutated agreements: (what was done, the bytes)."""
    rng = random.Random(seed)
    base = seeds(rng)
    for i in range(count):
        text: "str | bytes" = rng.choice(base)
        done = []
        for _ in range(rng.choice([1, 1, 2, 3])):
            mutation = rng.choice(MUTATIONS)
            if isinstance(text, bytes):
                text = text.decode("utf-8", "replace")
            text = mutation(text, rng)
            done.append(mutation.__name__)
        yield "+".join(done), text if isinstance(text, bytes) else text.encode("utf-8")

# --------------------------------------------------------------------------- running


class Found(NamedTuple):
    file: str
    reason: str
    detail: str


def command() -> list[str]:
    script = Path(sys.executable).parent / "afspraken"
    return [str(script)] if script.exists() else [shutil.which("afspraken") or "afspraken"]


def run(paths: list[Path], cwd: Path, tool: list[str], timeout: float) -> tuple[int, str, str, float]:
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [*tool, "check", *[str(p) for p in paths], "--format", "json", "--fail-on", "nooit", "--jobs", "1"],
            capture_output=True, text=True, cwd=cwd, timeout=timeout, errors="replace",
        )
    except subprocess.TimeoutExpired:
        return -999, "", "", time.perf_counter() - start
    return done.returncode, done.stdout, done.stderr, time.perf_counter() - start


def judge(paths: list[Path], code: int, out: str, err: str) -> list[Found]:
    """What is wrong with one run over ``paths``."""
    names = ", ".join(p.name for p in paths) if len(paths) <= 3 else f"{len(paths)} bestanden"
    found = []
    if code == -999:
        return [Found(names, "te-traag", "timeout")]
    if "Traceback" in err or "Traceback" in out:
        found.append(Found(names, "traceback", err[-2000:]))
    if code not in (0, 2):
        found.append(Found(names, "exitcode", f"exit {code}: {err[-500:]}"))
    try:
        report = json.loads(out)
    except ValueError:
        return found + [Found(names, "geen-json", (out + err)[-1000:])]
    seen = {r["path"] for r in report.get("files", [])}
    noted = {n.get("file") for n in report.get("notes", []) + report.get("skipped", []) if isinstance(n, dict)}
    for p in paths:
        if str(p) not in seen and str(p) not in noted and p.name not in err:
            found.append(Found(p.name, "stil-overgeslagen", "not in the report and no note"))
    for r in report.get("files", []):
        for c in r.get("crashes", []):
            found.append(Found(Path(r["path"]).name, "crash", c.get("message", "")))
        for p in r.get("problems", []):
            if p.get("line", 0) < 1 or "interne fout" in p.get("message", "") or "internal error" in p.get("message", ""):
                found.append(Found(Path(r["path"]).name, "ongelokaliseerd", p.get("message", "")))
    for c in report.get("crashes", []):
        found.append(Found(names, "crash", c.get("message", "")))
    return found


def campaign(
    count: int, seed: int, work: Path, tool: list[str], batch: int = 50, log: Callable[[str], None] = print, slow: float = SLOW
) -> list[Found]:
    """Run ``count`` mutated files; ``slow``: the seconds a file may take (a test passes a generous
    limit: a hang check, never a timing that a busy machine could fail)."""
    found: list[Found] = []
    made = list(files(count, seed))
    for start in range(0, len(made), batch):
        paths = []
        for i, (what, data) in enumerate(made[start : start + batch], start):
            path = work / f"f{i:05d}-{what}.toml"
            path.write_bytes(data)
            paths.append(path.relative_to(work))
        code, out, err, took = run(paths, work, tool, timeout=slow * len(paths) + 30)
        problems = judge(paths, code, out, err)
        # A batch takes ~0.3 s to start and a few ms a file: much longer, and one file was slow.
        if took > 0.8 * slow + 0.02 * len(paths) or any(f.reason == "te-traag" for f in problems):
            problems = [f for f in problems if f.reason != "te-traag"]
            for p in paths:
                c, _, _, t = run([p], work, tool, timeout=slow * 20)
                if c == -999 or t > slow:
                    problems.append(Found(p.name, "te-traag", f"{t:.2f} s"))
        found += problems
        log(f"{min(start + batch, len(made))}/{len(made)} bestanden, {len(found)} bevindingen")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aantal", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bewaar", type=Path, default=ROOT / "fuzz" / "gevonden")
    parser.add_argument("--afspraken", help="the command to test (default: the installed afspraken)")
    args = parser.parse_args()
    tool = args.afspraken.split() if args.afspraken else command()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        found = campaign(args.aantal, args.seed, work, tool)
        if found:
            args.bewaar.mkdir(parents=True, exist_ok=True)
        for f in found:
            source = work / f.file
            if source.is_file():
                shutil.copy(source, args.bewaar / f"{f.reason}-{f.file}")
            print(f"{f.reason}: {f.file}: {f.detail[:300]}")
    print(f"{args.aantal} bestanden, seed {args.seed}: {len(found)} bevindingen")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
