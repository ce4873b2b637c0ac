"""Uptake kind (support / build / reject) given the uptake: the rule on tagged acts against a classifier.

    python benchmarks/uptake_kind.py ../shared/data/meetings

Leave-one-meeting-out, on the annotators' uptake pairs of each held-out meeting (so only the kind is scored, not
whether the uptake was found). The rule (``ideas.kind_of``): reject if the response is tagged disagreement, else
support if agreement, else build, on the acts of a model trained on the other meetings. The classifiers: a
multinomial logistic regression over the response's act probabilities (and its cue features), trained on the
other meetings' annotated uptakes with out-of-fold act probabilities (5 inner folds, as benchmarks/stacking.py).
Prints the accuracy of each with a 95 % bootstrap interval over meetings, and the rule on the annotators' acts.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from stacking import out_of_fold  # noqa: E402  (benchmarks/ is the script's folder)

from leadsignal.gold import load_gold_dir
from leadsignal.labels import ACTS
from leadsignal.signals.ideas import kind_of
from leadsignal.training import prepare


def pairs(p) -> list[tuple[int, str]]:
    """(response utterance, kind) of each annotated uptake of a prepared meeting."""
    return [(u["utterance"], u["kind"]) for u in p.gold.gold["uptakes"]]


def features(P: np.ndarray, cues: np.ndarray, k: int) -> np.ndarray:
    return np.concatenate([P[k], cues[k]])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", type=Path)
    args = ap.parse_args()
    prepared = prepare(load_gold_dir(args.gold_dir))
    cue_frames = [np.asarray(p.frame.drop(columns=["text"]).to_numpy(dtype=float)) for p in prepared]
    right: dict[str, list[tuple[int, int]]] = {}
    for k, held in enumerate(prepared):
        train = [i for i in range(len(prepared)) if i != k]
        model, oof = out_of_fold(prepared, train)
        y = [kind for i in train for _, kind in pairs(prepared[i])]
        fitted = {}
        for name, width in (("classifier, probabilities", len(ACTS)), ("classifier, probabilities + cues", None)):
            X = [features(oof[i], cue_frames[i], j)[:width] for i in train for j, _ in pairs(prepared[i])]
            scaler = StandardScaler().fit(X)
            fitted[name] = (width, scaler, LogisticRegression(C=0.3, max_iter=5000).fit(scaler.transform(X), y))
        P = model.predict_proba(held.frame)
        tagged = model.thresholds() <= P
        truth = pairs(held)
        if not truth:
            continue
        gold_acts = [u["acts"] for u in held.gold.gold["utterances"]]
        rule = [kind_of([a for a, on in zip(ACTS, tagged[j], strict=True) if on]) for j, _ in truth]
        predictions = {"rule, tagged acts": rule, "rule, annotators' acts": [kind_of(gold_acts[j]) for j, _ in truth]}
        for name, (width, scaler, classifier) in fitted.items():
            rows = [features(P, cue_frames[k], j)[:width] for j, _ in truth]
            predictions[name] = list(classifier.predict(scaler.transform(rows)))
        kinds = [kind for _, kind in truth]
        for name, pred in predictions.items():
            right.setdefault(name, []).append((sum(a == b for a, b in zip(pred, kinds, strict=True)), len(kinds)))
        print(held.gold.gold["meeting"], flush=True)
    rng = np.random.default_rng(0)
    for name, rows in right.items():
        r = np.array(rows)
        draws = [(lambda s: s[:, 0].sum() / s[:, 1].sum())(r[rng.integers(0, len(r), len(r))]) for _ in range(1000)]
        print(
            f"{name:24s} {r[:, 0].sum() / r[:, 1].sum():.3f} ({np.percentile(draws, 2.5):.3f}-"
            f"{np.percentile(draws, 97.5):.3f}), {r[:, 1].sum()} uptakes"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
