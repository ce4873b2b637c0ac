"""Peak memory and time of one analysis of a long generated meeting, each size in a fresh process.

    python benchmarks/memory.py [--words 1000000 5000000] [--source DIR]

The meeting repeats the dev meetings (or the bundled example) as benchmarks/throughput.py builds it. Prints, per
size, the seconds of ``leadsignal.analyse`` (models loaded first), the peak resident memory of the process
(``ru_maxrss``, so reading and building the meeting count too) after the analysis and after writing its JSON, and
the size of the analysis JSON. Figures are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def one(words: int, source: Path) -> dict:
    sys.path.insert(0, str(HERE))
    from throughput import build, source_meetings

    import leadsignal
    from leadsignal.metrics.speakers import word_count

    sources = source_meetings(source)
    leadsignal.analyse(build(sources, 200))  # load the models
    meeting = build(sources, words)
    del sources
    started = time.perf_counter()
    analysis = leadsignal.analyse(meeting)
    seconds = time.perf_counter() - started
    analysed_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    document = analysis.to_json(indent=None)
    return {
        "words": sum(word_count(u.text) for u in meeting.utterances),
        "utterances": len(meeting.utterances),
        "seconds": round(seconds, 1),
        "peak_rss_mib_analyse": round(analysed_peak / 1024),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "json_mib": round(len(document.encode()) / 2**20, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, nargs="+", default=[1_000_000, 5_000_000])
    ap.add_argument("--source", type=Path, default=HERE.parents[1] / "shared" / "data" / "meetings")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.source)))
        return
    for words in args.words:
        cmd = [sys.executable, __file__, "--one", str(words), "--source", str(args.source)]
        print(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip(), flush=True)


if __name__ == "__main__":
    main()
