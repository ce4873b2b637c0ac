"""What the static e5 word vectors (models/static-nl) cost against the spaCy floor, as bench_throughput measures.

    python benchmarks/static_cost.py GOLD_DIR ../shared/data/parliament/*.csv

Trains an act model on GOLD_DIR with the static vectors as extra columns (``ActClassifier(encoder="static")``, the
variant `leadsignal evaluate --act-encoder static` scores), then times on FILEs (one warm-up, median of --reps):
spaCy's bare tokenisation of the utterances (the floor), the default analysis, the analysis with the static
vectors for uptake similarity only (``Config(encoder="static")``) and with both. Prints seconds, words/s and each
one's ratio to the floor.
"""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

import numpy as np
import spacy
from e5_cost import median_time  # noqa: E402  (benchmarks/ is the script's folder)

import leadsignal
from leadsignal.config import Config
from leadsignal.gold import load_gold_dir
from leadsignal.signals.acts import ActClassifier
from leadsignal.training import ACT_PARAMS, prepare


def main() -> int:
    import pandas as pd

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("files", type=Path, nargs="+")
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    prepared = prepare(load_gold_dir(args.gold_dir))
    frames = pd.concat([p.frame for p in prepared], ignore_index=True)
    static_acts = ActClassifier(**(ACT_PARAMS | {"encoder": "static"})).fit(frames, np.vstack([p.Y for p in prepared]))
    del prepared, frames
    gc.collect()  # the training data's objects would slow every later garbage collection
    meetings = [leadsignal.read(p) for p in args.files]
    texts = [u.text for m in meetings for u in m.utterances]
    words = sum(len(t.split()) for t in texts)
    nlp = spacy.blank("nl")
    runs = {
        "spaCy floor": lambda: list(nlp.pipe(texts, batch_size=256)),
        "analysis, default": lambda: [leadsignal.analyse(m) for m in meetings],
        "analysis, uptake static": lambda: [leadsignal.analyse(m, Config(encoder="static")) for m in meetings],
        "analysis, acts + uptake static": lambda: [
            leadsignal.analyse(m, Config(encoder="static"), acts_model=static_acts) for m in meetings
        ],
    }
    times = {label: median_time(run, args.reps) for label, run in runs.items()}
    floor = times["spaCy floor"]
    print(f"{len(meetings)} files, {words} words")
    for label, t in times.items():
        print(f"{label:32s} {t:7.3f} s  {words / t:9.0f} words/s  {t / floor:5.1f}x the floor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
