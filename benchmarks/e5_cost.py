"""What the e5 encoder costs: the full analysis with ``Config(encoder="e5")`` against the e5 encoder alone on the
same utterances, and against the default analysis.

    python benchmarks/e5_cost.py ../shared/data/parliament/*.csv

Prints seconds and words/s of each and the ratios (one warm-up, then the median of --reps runs). Needs the
'e5' extra.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import leadsignal
from leadsignal.config import Config
from leadsignal.signals.encoders import E5Encoder


def median_time(run, reps: int) -> float:
    run()
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", type=Path, nargs="+")
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    meetings = [leadsignal.read(p) for p in args.files]
    words = sum(len(u.text.split()) for m in meetings for u in m.utterances)
    texts = [u.text for m in meetings for u in m.utterances]

    def encoder_alone() -> None:
        E5Encoder().encode(texts)  # a fresh encoder: nothing remembered from the last run

    def e5_analysis() -> None:
        from leadsignal import cache

        cache.clear()  # the analysis's encoder would otherwise remember every text
        for m in meetings:
            leadsignal.analyse(m, Config(encoder="e5"))

    t_encoder = median_time(encoder_alone, args.reps)
    t_e5 = median_time(e5_analysis, args.reps)
    t_default = median_time(lambda: [leadsignal.analyse(m) for m in meetings], args.reps)
    print(f"{len(meetings)} files, {words} words")
    for label, t in (("e5 encoder alone", t_encoder), ("analysis, encoder e5", t_e5), ("analysis, default", t_default)):
        print(f"{label:24s} {t:7.2f} s  {words / t:8.0f} words/s")
    print(
        f"e5 analysis / e5 encoder alone: {t_e5 / t_encoder:.2f}x; "
        f"e5 analysis / default analysis: {t_e5 / t_default:.1f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
