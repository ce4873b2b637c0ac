"""Context by stacking: does a second pass over the act probabilities of each utterance's neighbours help?

    python benchmarks/stacking.py ../shared/data/meetings

Leave-one-meeting-out on the gold meetings. The first pass is the shipped act classifier; its probabilities for
the training meetings come from 5 inner folds (out of fold), so the second pass learns from probabilities like the
ones it will see. The second pass is one logistic regression per act over the first-pass probabilities of the
utterance, the one before and after, and the latest utterance of another speaker (28 numbers) and whether the
speaker changed. Prints macro-F1 and per-act F1 of both passes with 95 % bootstrap intervals over meetings.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from leadsignal.gold import load_gold_dir
from leadsignal.labels import ACTS
from leadsignal.scoring import f1
from leadsignal.signals.acts import ActClassifier
from leadsignal.training import ACT_PARAMS, prepare

INNER = 5


def context(P: np.ndarray, speakers: list) -> np.ndarray:
    """Per utterance: its probabilities, the previous and next utterance's, the latest other speaker's, and
    whether the speaker changed from the previous utterance."""
    n = len(P)
    zero = np.zeros(P.shape[1])
    rows = []
    last_other: dict = {}
    for i in range(n):
        before = P[i - 1] if i else zero
        after = P[i + 1] if i + 1 < n else zero
        other = next((P[j] for j in range(i - 1, max(-1, i - 10), -1) if speakers[j] != speakers[i]), zero)
        changed = float(i > 0 and speakers[i - 1] != speakers[i])
        rows.append(np.concatenate([P[i], before, after, other, [changed]]))
        last_other[speakers[i]] = i
    return np.array(rows)


def first_pass(train, frames_of) -> ActClassifier:
    import pandas as pd

    model = ActClassifier(**ACT_PARAMS)
    return model.fit(pd.concat([frames_of(p) for p in train], ignore_index=True), np.vstack([p.Y for p in train]))


def out_of_fold(prepared: list, train: list[int]) -> tuple[ActClassifier, dict[int, np.ndarray]]:
    """The first pass trained on ``train``, and each training meeting's act probabilities from a first pass that
    did not see it (:data:`INNER` inner folds)."""
    oof: dict[int, np.ndarray] = {}
    for g in range(INNER):
        inner_out = train[g::INNER]
        inner = first_pass([prepared[i] for i in train if i not in inner_out], lambda p: p.frame)
        for i in inner_out:
            oof[i] = inner.predict_proba(prepared[i].frame)
    return first_pass([prepared[i] for i in train], lambda p: p.frame), oof


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", type=Path)
    args = ap.parse_args()
    prepared = prepare(load_gold_dir(args.gold_dir))
    speakers = [[u.speaker for u in p.gold.meeting.utterances] for p in prepared]
    counts = {"first": [], "stacked": []}
    for k, held in enumerate(prepared):
        train = [i for i in range(len(prepared)) if i != k]
        model, oof = out_of_fold(prepared, train)
        X = np.vstack([context(oof[i], speakers[i]) for i in train])
        Y = np.vstack([prepared[i].Y for i in train])
        P_held = model.predict_proba(held.frame)
        X_held = context(P_held, speakers[k])
        stacked = np.column_stack(
            [
                LogisticRegression(C=1.0, max_iter=2000).fit(X, Y[:, j]).predict_proba(X_held)[:, 1]
                for j in range(len(ACTS))
            ]
        )
        for name, probs in (("first", P_held), ("stacked", stacked)):
            counts[name].append(count_rows((probs >= model.thresholds()).astype(int), held.Y))
        print(held.gold.gold["meeting"], flush=True)
    print(json.dumps(summary(counts), indent=2))
    return 0


def count_rows(pred: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """(tp, fp, fn) per act of one meeting's predicted against its gold act matrix."""
    return np.column_stack([(pred & Y).sum(0), (pred & (1 - Y)).sum(0), ((1 - pred) & Y).sum(0)])


def summary(counts: dict[str, list[np.ndarray]]) -> dict[str, dict]:
    """Per variant: macro-F1 of the pooled counts, its 95 % bootstrap interval over meetings, and per-act F1."""
    rng = np.random.default_rng(0)
    out = {}
    for name, per in counts.items():

        def macro(rows):
            c = np.sum(rows, axis=0)
            return float(np.mean([f1(*c[j]) for j in range(len(ACTS))]))

        draws = [macro([per[i] for i in rng.integers(0, len(per), len(per))]) for _ in range(1000)]
        c = np.sum(per, axis=0)
        out[name] = {
            "acts_macro_f1": round(macro(per), 3),
            "ci95": [round(float(np.percentile(draws, q)), 3) for q in (2.5, 97.5)],
            "acts_f1": {a: round(f1(*c[j]), 3) for j, a in enumerate(ACTS)},
        }
    return out


if __name__ == "__main__":
    raise SystemExit(main())
