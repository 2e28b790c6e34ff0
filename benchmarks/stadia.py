"""Where the time of one process goes, stage by stage, against the floor (tomli + validation).

    python benchmarks/stadia.py [benchmarks/corpus] [--herhaal 3]

Each stage runs over every file of the corpus in this one process (files read up front),
and the best of ``--herhaal`` runs is printed in ms, with its share of the floor. The
stages: the floor's two parts, then what afspraken adds (the limits, loading
beyond the floor: cross-references, waivers; running the rules with locating their
findings; writing text). The rules are split further: their checks alone (what a rule
costs before anything is located), and the engine with checks that find nothing (what
running 25 rules costs however fast they are). Start-up and discovery are not in it: see meet.py.
Nothing here passes or fails: it measures and prints.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _finds_nothing(doc: object, params: object) -> list[object]:
    return []


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.freeze()  # the corpus held in memory here is not the command's to collect
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=HERE / "corpus")
    parser.add_argument("--herhaal", type=int, default=3)
    args = parser.parse_args()
    gc.set_threshold(100_000, 50, 1000)  # as the command does

    import tomli

    from afspraken.checking.engine import evaluate
    from afspraken.checking.run import Checker
    from afspraken.model import Agreement
    from afspraken.reading.loading import Loaded, load
    from afspraken.reading.source import Source
    from afspraken.reading.structure import after_parsing, before_parsing
    from afspraken.reporting.text import Writer

    files = sorted(args.corpus.glob("*.toml"))
    texts = [(str(p), p.read_bytes().decode("utf-8")) for p in files]
    checker = Checker(config=False)
    env = checker.environment(Path.cwd())
    parsed = [tomli.loads(text) for _, text in texts]

    def loaded() -> list[Loaded]:
        out = []
        for name, text in texts:
            got = load(Source(name, text), extensions=env.registry.extensions, known_rules=env.registry.rules, limits=env.limits)
            if isinstance(got, Loaded):
                out.append(got)
        return out

    agreements = loaded()
    variants = [env.for_kind(a.agreement.afspraak.soort) for a in agreements]

    def fresh() -> list[Loaded]:  # evaluate without the positions found by an earlier run
        return [Loaded(Source(a.source.name, a.source.text, a.source.data), a.agreement) for a in agreements]

    # profiles=False, as a run whose reports do not show the participation profile (text does not)
    results = [evaluate(a, v, checker.today, False) for a, v in zip(fresh(), variants)]
    from afspraken.api import context

    ctx = context(checker.report(), checker.registry, "nl")

    def write() -> None:
        writer = Writer(checker.report(), ctx) if "ctx" in Writer.__init__.__code__.co_varnames else Writer(checker.report())
        out = io.StringIO()
        for r in results:
            out.write(writer.file(r))

    def each(work: Callable[..., object], items: list[Any]) -> Callable[[], None]:
        """``work`` on every item, the results let go at once as in a run (kept, the collector
        would walk them again and again: ~20% more for the floor)."""

        def run() -> None:
            for item in items:
                work(*item)

        return run

    load_one = lambda n, t: load(Source(n, t), extensions=env.registry.extensions, known_rules=env.registry.rules, limits=env.limits)  # noqa: E731
    stages: list[tuple[str, Callable[[], object]]] = [
        ("tomli.loads", each(lambda _, t: tomli.loads(t), texts)),
        ("Agreement.model_validate", each(Agreement.model_validate, [(d,) for d in parsed])),
        ("limits before parsing", each(lambda n, t: before_parsing(n, t, env.limits), texts)),
        # load walks a small file's data only in [extensies] once the model took it (or when it did not)
        ("limits after parsing (every file walked)", each(lambda d: after_parsing(d, env.limits), [(d,) for d in parsed])),
        ("load (limits + tomli + validate + more)", each(load_one, texts)),
    ]
    measured = {name: best(args.herhaal, work) for name, work in stages}
    sources = [fresh() for _ in range(args.herhaal)]
    gc.freeze()
    measured["evaluate (rules, locating, engine)"] = min(
        best(1, each(lambda a, v: evaluate(a, v, checker.today, False), list(zip(s, variants)))) for s in sources
    )
    # evaluate split: the rules' own checks (each run to its end, nothing located), and the
    # engine with every check finding nothing (its fixed cost per rule and file)
    checks = [(a.agreement, v.plan[1]) for a, v in zip(agreements, variants)]

    def run_checks() -> None:
        for agreement, plan in checks:
            for active in plan:
                for _ in active.rule.check(agreement, active.params):
                    pass

    measured["  of which: the rules' checks alone"] = best(args.herhaal, run_checks)
    nothing = {id(v): v for v in variants}
    for v in nothing.values():
        severities, plan = v.plan
        v.__dict__["plan"] = (severities, [a._replace(rule=dataclasses.replace(a.rule, check=_finds_nothing)) for a in plan])
    measured["  of which: the engine, checks finding nothing"] = min(
        best(1, each(lambda a, v: evaluate(a, v, checker.today, False), list(zip(s, variants)))) for s in [fresh() for _ in range(args.herhaal)]
    )
    for v in nothing.values():
        del v.__dict__["plan"]  # worked out again: the real checks
    measured["text output"] = best(args.herhaal, write)
    floor = measured["tomli.loads"] + measured["Agreement.model_validate"]
    findings = sum(len(r.findings) for r in results)
    print(f"{len(files)} bestanden, {findings / max(1, len(results)):.1f} bevindingen per bestand; vloer (tomli + validatie) {floor * 1000:.0f} ms\n")
    for name, seconds in measured.items():
        print(f"  {name:46s} {seconds * 1000:8.1f} ms  {seconds / floor:5.2f}x vloer")
    extra = measured["load (limits + tomli + validate + more)"] - floor + measured["evaluate (rules, locating, engine)"] + measured["text output"]
    print(f"\n  bovenop de vloer (laden, regels, tekst):  {extra * 1000:8.1f} ms  = {extra / floor:.2f}x vloer")


if __name__ == "__main__":
    main()
