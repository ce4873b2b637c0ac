"""Learning curve of the learned signals: leave-one-meeting-out scores when each held-out meeting's models are
trained on 5, 10, 20 or all other dev meetings (drawn at random, seed 0), with 95 % bootstrap intervals.

    python benchmarks/learning_curve.py ../shared/data/meetings --json docs/figures/learning-curve.json

docs/render_figures.py turns the JSON into the table of docs/signals.md. Takes about 10 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime
import json
import time
from pathlib import Path

from leadsignal import __version__
from leadsignal.gold import load_gold_dir
from leadsignal.training import evaluate_lomo

KEYS = ("acts_macro_f1", "ideas_f1", "uptake_f1", "decisions_f1")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--sizes", type=int, nargs="+", default=[5, 10, 20, 30])
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    golds = load_gold_dir(args.gold_dir)
    started = time.perf_counter()
    points = []
    for size in args.sizes:
        scores = evaluate_lomo(golds, train_size=size)
        point = {"train_meetings": min(size, len(golds) - 1)}
        point |= {k: scores[k] for k in KEYS} | {"ci95": {k: scores["ci95"][k] for k in KEYS}}
        point |= {"uptake_kind_acc": scores["uptake_kind_acc"], "acts_f1": scores["acts_f1"]}
        points.append(point)
        print(json.dumps(point), flush=True)
    out = {
        "protocol": "leave-one-meeting-out; each held-out meeting's models trained on N other meetings drawn at random",
        "meetings": len(golds),
        "points": points,
        "measured": {
            "leadsignal_version": __version__,
            "date": datetime.date.today().isoformat(),
            "seconds": round(time.perf_counter() - started, 1),
        },
    }
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
