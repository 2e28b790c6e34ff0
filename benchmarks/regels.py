"""Time each active rule over all agreements of a corpus, in one process.

    python benchmarks/genereer.py                      # once: 1,000 agreements in benchmarks/corpus
    python benchmarks/regels.py [MAP] [--herhaal 5]    # MAP: benchmarks/corpus unless given
    python benchmarks/regels.py [MAP] --per-regel      # one rule over all agreements, then the next
    python benchmarks/regels.py [MAP] --regelset buurtonderneming   # the rules of another rule set

Loads every agreement once per round (so each round pays for the lookup indexes the
model builds on first use, as a real run does). By default every agreement then meets all
rules in a row, as in ``afspraken check``, and each call is timed (wall clock: a CPU clock
costs more than a small rule). ``--per-regel`` runs one rule over all agreements before
the next and takes CPU time; it also counts the cache misses of going through every
agreement again, which a real run does not have. Prints per rule the smallest time of the
rounds (the machine may be busy), slowest first, and the total. It measures the rules
only: not reading, locating or reporting. Nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import collections
import gc
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def loaded_agreements(folder: Path, regelsets: tuple[str, ...] = ()) -> tuple[list[Any], Any]:
    """The agreements of ``folder`` that load without problems, and the environment to check them in."""
    from afspraken.checking.run import Checker
    from afspraken.reading.loading import Loaded, load
    from afspraken.reading.source import Source, read

    env = Checker(config=False, regelsets=regelsets).environment(Path.cwd())
    found = []
    for path in sorted(folder.glob("*.toml")):
        source = read(path)
        if not isinstance(source, Source):
            continue  # unreadable: nothing for the rules to check
        result = load(source, extensions=env.registry.extensions, known_rules=env.registry.rules, limits=env.limits)
        if isinstance(result, Loaded):
            found.append(result.agreement)
    return found, env


def active_rules(env: Any, soort: str) -> list[Any]:
    from afspraken.checking import waivers

    # The waiver rules are judged apart, after the others (checking/engine.py).
    return [active for active in env.for_kind(soort).rules if active.rule.id not in waivers.RULES]


def one_round(folder: Path, per_rule: bool, regelsets: tuple[str, ...]) -> dict[str, float]:
    agreements, env = loaded_agreements(folder, regelsets)
    times: dict[str, float] = collections.Counter()
    if per_rule:
        by_kind: dict[str, list[Any]] = collections.defaultdict(list)
        for agreement in agreements:
            by_kind[agreement.afspraak.soort].append(agreement)
        for soort, group in by_kind.items():
            for active in active_rules(env, soort):
                check, params = active.rule.check, active.params
                start = time.process_time()
                for agreement in group:
                    list(check(agreement, params))
                times[active.rule.id] += time.process_time() - start
        return times
    clock = time.perf_counter
    rules: dict[str, list[tuple[str, Any, Any]]] = {}
    for agreement in agreements:
        soort = agreement.afspraak.soort
        if soort not in rules:
            rules[soort] = [(a.rule.id, a.rule.check, a.params) for a in active_rules(env, soort)]
        for rule_id, check, params in rules[soort]:
            start = clock()
            list(check(agreement, params))
            times[rule_id] += clock() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("map", nargs="?", type=Path, default=ROOT / "benchmarks" / "corpus")
    parser.add_argument("--herhaal", type=int, default=5, help="rounds; the smallest time per rule counts")
    parser.add_argument("--per-regel", action="store_true", help="one rule over all agreements, then the next")
    parser.add_argument("--regelset", action="append", default=[], help="rule set(s) instead of the default for each soort")
    args = parser.parse_args()
    if not any(args.map.glob("*.toml")):
        sys.exit(f"geen afspraken in {args.map}: eerst python benchmarks/genereer.py")
    gc.disable()  # a collection would land on whichever rule happens to be running
    best: dict[str, float] = {}
    for _ in range(args.herhaal):
        for rule_id, seconds in one_round(args.map, args.per_regel, tuple(args.regelset)).items():
            best[rule_id] = min(seconds, best.get(rule_id, seconds))
        gc.collect()
    for rule_id, seconds in sorted(best.items(), key=lambda item: -item[1]):
        print(f"{rule_id:32s} {seconds * 1000:7.1f} ms")
    print(f"{'totaal':32s} {sum(best.values()) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
