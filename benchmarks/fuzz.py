"""Fuzz read + analyse with N mutated inputs (default 100,000) on W processes; print outcome counts, the slowest
inputs and every failure. A failure is reproduced by its number: tests/fuzz/mutations.inputs(1, seed, start=number).

    python benchmarks/fuzz.py [--n 100000] [--seed 2026] [--workers 2] [--limit 30] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzz.mutations import Outcome, inputs, run_one  # noqa: E402


def _chunk(args: tuple[int, int, int, float]) -> list[Outcome]:
    seed, start, n, limit = args
    return [run_one(k, name, data, limit) for k, name, data in inputs(n, seed, start)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=float, default=30.0, help="seconds one input may take")
    parser.add_argument("--chunk", type=int, default=500)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    jobs = [(args.seed, s, min(args.chunk, args.n - s), args.limit) for s in range(0, args.n, args.chunk)]
    started = time.perf_counter()
    outcomes: list[Outcome] = []
    with ProcessPoolExecutor(args.workers) as pool:
        for done in pool.map(_chunk, jobs):
            outcomes += done
            print(f"{len(outcomes)}/{args.n}", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - started
    counts = Counter(o.kind for o in outcomes)
    slowest = sorted(outcomes, key=lambda o: -o.seconds)[:5]
    failures = [o for o in outcomes if o.kind in ("error", "timeout")]
    report = {
        "inputs": len(outcomes),
        "seed": args.seed,
        "outcomes": dict(counts),
        "seconds": round(seconds, 1),
        "slowest": [
            {"number": o.number, "name": o.name, "bytes": o.size, "seconds": round(o.seconds, 2)} for o in slowest
        ],
        "failures": [{"number": o.number, "name": o.name, "kind": o.kind, "detail": o.detail} for o in failures[:50]],
    }
    text = json.dumps(report, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
