"""Analysis time against meeting length, 1k to 100k words: is the work linear in the length of a meeting?

    python benchmarks/length_scaling.py [--sizes 1000,3000,10000,30000,100000] [--source DIR]

Each size is one meeting built like benchmarks/throughput.py (dev meetings repeated, times shifted). Prints,
per size, the seconds of ``leadsignal.analyse`` (best of 3 runs below 30k words, one run above), words/s, and
at the end the slope of log(time) against log(words) between the smallest and largest size: 1.0 is linear,
2.0 would be all-pairs work. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import math
import time

from throughput import SHARED, build, source_meetings

import leadsignal
from leadsignal.metrics.speakers import word_count


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,3000,10000,30000,100000")
    ap.add_argument("--source", default=SHARED)
    args = ap.parse_args()
    sources = source_meetings(args.source)
    leadsignal.analyse(build(sources, 500))  # load models outside the timings
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        meeting = build(sources, size)
        words = sum(word_count(u.text) for u in meeting.utterances)
        times = []
        for _ in range(3 if size < 30_000 else 1):
            t0 = time.perf_counter()
            leadsignal.analyse(meeting)
            times.append(time.perf_counter() - t0)
        best = min(times)
        rows.append(
            {
                "words": words,
                "utterances": len(meeting.utterances),
                "seconds": round(best, 3),
                "words_per_s": round(words / best),
            }
        )
        print(json.dumps(rows[-1]), flush=True)
    first, last = rows[0], rows[-1]
    slope = math.log(last["seconds"] / first["seconds"]) / math.log(last["words"] / first["words"])
    print(json.dumps({"log_log_slope": round(slope, 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
