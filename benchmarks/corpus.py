"""A corpus of generated meetings through ``leadsignal.batch``: meetings/s, speed-up with workers, peak memory.

    python benchmarks/corpus.py [--meetings 1000] [--words 1000] [--workers 1,2] [--growth 250,500]

Writes --meetings plain-text meetings of about --words words each (windows of the dev meetings, or the bundled
example when ../shared is absent) to a temporary folder, then for each worker count runs ``batch.run`` in a fresh
interpreter (so every run pays its own start-up, as a user's does) and prints meetings/s, words/s, speed-up over
one worker, the peak resident memory of the main process and of the largest worker process (VmHWM of its
child processes, sampled every 0.5 s; with one worker all work is in the main process). The --growth sizes
are run with one worker to show whether memory stays flat as the corpus grows. Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from throughput import SHARED, source_meetings

CHILD = """
import json, os, resource, sys, threading, time
from pathlib import Path
from leadsignal import batch

def descendants(root):
    parents = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        parents[int(status.parent.name)] = (int(fields["PPid"]), fields.get("VmHWM", "0 kB"))
    found, frontier = {}, {root}
    while frontier:
        frontier = {pid for pid, (ppid, _) in parents.items() if ppid in frontier and pid not in found}
        found.update({pid: int(parents[pid][1].split()[0]) for pid in frontier})
    return found

peaks = {}
stop = threading.Event()
def sample():
    while not stop.is_set():
        for pid, kib in descendants(os.getpid()).items():
            peaks[pid] = max(peaks.get(pid, 0), kib)
        stop.wait(0.5)
threading.Thread(target=sample, daemon=True).start()
t0 = time.perf_counter()
r = batch.run([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]))
s = time.perf_counter() - t0
stop.set()
self_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": s, "analysed": r.analysed, "failed": r.failed, "words": r.words,
                  "main_peak_mib": round(self_mib, 1),
                  "largest_worker_peak_mib": round(max(peaks.values(), default=0) / 1024, 1)}))
"""


def write_corpus(folder: Path, n: int, words: int) -> int:
    """n meetings, each a window of consecutive utterances of the source pool starting at a different offset."""
    pool = [u for m in source_meetings(SHARED) for u in m.utterances if u.speaker]
    total = 0
    for i in range(n):
        start = (i * 97) % len(pool)
        lines, count, j = [], 0, start
        while count < words:
            u = pool[j % len(pool)]
            lines.append(f"{u.speaker}: {' '.join(u.text.split())}")
            count += len(u.text.split())
            j += 1
        (folder / f"m{i:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        total += count
    return total


def run(corpus: Path, out: Path, workers: int) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(corpus), str(out), str(workers)], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meetings", type=int, default=1000)
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--growth", default="250,500")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        base = None
        for size in [int(g) for g in args.growth.split(",") if g]:
            corpus = root / f"corpus{size}"
            corpus.mkdir()
            words = write_corpus(corpus, size, args.words)
            r = run(corpus, root / f"out{size}", 1)
            print(json.dumps({"meetings": size, "workers": 1, "words": words, **_rates(r, size)}), flush=True)
        corpus = root / "corpus"
        corpus.mkdir()
        words = write_corpus(corpus, args.meetings, args.words)
        for workers in (int(w) for w in args.workers.split(",")):
            r = run(corpus, root / f"out-w{workers}", workers)
            rates = _rates(r, args.meetings)
            base = base or rates["meetings_per_s"]
            rates["speed_up"] = round(rates["meetings_per_s"] / base, 2)
            print(json.dumps({"meetings": args.meetings, "workers": workers, "words": words, **rates}), flush=True)
    return 0


def _rates(r: dict, n: int) -> dict:
    return {
        "seconds": round(r["seconds"], 2),
        "meetings_per_s": round(n / r["seconds"], 2),
        "words_per_s": round(r["words"] / r["seconds"]),
        "failed": r["failed"],
        "main_peak_mib": r["main_peak_mib"],
        "largest_worker_peak_mib": r["largest_worker_peak_mib"],
    }


if __name__ == "__main__":
    raise SystemExit(main())
