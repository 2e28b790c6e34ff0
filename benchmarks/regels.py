"""Time each active rule over all agreements of a corpus, in one process.

    python benchmarks/genereer.py                     # once: 1,000 agreements in benchmarks/corpus
    python benchmarks/regels.py [MAP] [--herhaal 3]   # MAP: benchmarks/corpus unless given

Loads every agreement once per round (so each round pays for the lookup indexes the
model builds on first use, as a real run does), then runs the rules one after the other,
in the order of the rule sets, over all of them. Prints per rule the smallest CPU time of
the rounds (the machine may be busy), slowest first, and the total. It measures the rules
only: not reading, locating or reporting. Nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import collections
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def loaded_agreements(folder: Path) -> tuple[list, object]:
    from afspraken.checking.run import Checker
    from afspraken.reading.loading import Loaded, load
    from afspraken.reading.source import Source, read

    env = Checker(config=False).environment(Path.cwd())
    found = []
    for path in sorted(folder.glob("*.toml")):
        source = read(path)
        if not isinstance(source, Source):
            continue  # unreadable: nothing for the rules to check
        result = load(source, extensions=env.registry.extensions, known_rules=env.registry.rules, limits=env.limits)
        if isinstance(result, Loaded):
            found.append(result.agreement)
    return found, env


def one_round(folder: Path) -> dict[str, float]:
    agreements, env = loaded_agreements(folder)
    by_kind: dict[str, list] = collections.defaultdict(list)
    for agreement in agreements:
        by_kind[agreement.afspraak.soort].append(agreement)
    times: dict[str, float] = collections.Counter()
    for soort, group in by_kind.items():
        for active in env.for_kind(soort).rules:  # type: ignore[attr-defined]
            check, params = active.rule.check, active.params
            start = time.process_time()
            for agreement in group:
                for _ in check(agreement, params):
                    pass
            times[active.rule.id] += time.process_time() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("map", nargs="?", type=Path, default=ROOT / "benchmarks" / "corpus")
    parser.add_argument("--herhaal", type=int, default=3, help="rounds; the smallest time per rule counts")
    args = parser.parse_args()
    if not any(args.map.glob("*.toml")):
        sys.exit(f"geen afspraken in {args.map}: eerst python benchmarks/genereer.py")
    gc.disable()  # collections would land on whichever rule happens to be running
    best: dict[str, float] = {}
    for _ in range(args.herhaal):
        for rule_id, seconds in one_round(args.map).items():
            best[rule_id] = min(seconds, best.get(rule_id, seconds))
        gc.collect()
    for rule_id, seconds in sorted(best.items(), key=lambda item: -item[1]):
        print(f"{rule_id:32s} {seconds * 1000:7.1f} ms")
    print(f"{'totaal':32s} {sum(best.values()) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
