"""Context by a linear-chain CRF over the meeting: does it beat the per-utterance act classifier?

    pip install 'leadsignal[bench]'   # python-crfsuite
    python benchmarks/crf.py ../shared/data/meetings

Leave-one-meeting-out on the gold meetings. Each utterance's label is its set of acts (a powerset label such as
"agreement+proposal", or "none"), so the CRF's transitions can learn that an agreement follows a proposal and an
answer a question. Its observations per utterance: the shipped act classifier's probabilities of the utterance and
of its neighbours (for the training meetings out of fold, from 5 inner folds, as in benchmarks/stacking.py),
whether the speaker changed, and the first two words. Trained with CRFsuite (L-BFGS, L1 + L2), decoded with
Viterbi ("crf"), or each act taken where its marginal probability reaches the classifier's threshold
("crf_marginals"). Prints macro-F1 and per-act F1 of the classifier and both CRF readings with 95 % bootstrap
intervals over meetings.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import numpy as np
from stacking import count_rows, out_of_fold, summary  # noqa: E402  (benchmarks/ is the script's folder)

from leadsignal.gold import load_gold_dir
from leadsignal.labels import ACTS
from leadsignal.training import prepare


def observations(P: np.ndarray, speakers: list, texts: list[str]) -> list[dict[str, float]]:
    """CRFsuite features of each utterance: probabilities (own, previous, next), binned own probabilities, speaker
    change, first words."""
    out = []
    for i in range(len(P)):
        f: dict[str, float] = {"bias": 1.0}
        for j, act in enumerate(ACTS):
            f[f"p:{act}"] = float(P[i, j])
            f[f"bin:{act}:{int(P[i, j] * 4)}"] = 1.0
            if i:
                f[f"prev:{act}"] = float(P[i - 1, j])
            if i + 1 < len(P):
                f[f"next:{act}"] = float(P[i + 1, j])
        f["changed"] = float(i > 0 and speakers[i - 1] != speakers[i])
        words = texts[i].lower().split()[:2]
        for k, w in enumerate(words):
            f[f"w{k}:{w.strip('.,!?')}"] = 1.0
        out.append(f)
    return out


def label(row: np.ndarray) -> str:
    return "+".join(a for a, on in zip(ACTS, row, strict=True) if on) or "none"


def unlabel(name: str) -> np.ndarray:
    on = set(name.split("+"))
    return np.array([int(a in on) for a in ACTS])


def main() -> int:
    import pycrfsuite

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.05)
    args = ap.parse_args()
    prepared = prepare(load_gold_dir(args.gold_dir))
    speakers = [[u.speaker for u in p.gold.meeting.utterances] for p in prepared]
    texts = [[u.text for u in p.gold.meeting.utterances] for p in prepared]
    counts: dict[str, list] = {"classifier": [], "crf": [], "crf_marginals": []}
    with tempfile.TemporaryDirectory() as tmp:
        for k, held in enumerate(prepared):
            train = [i for i in range(len(prepared)) if i != k]
            model, oof = out_of_fold(prepared, train)
            trainer = pycrfsuite.Trainer(verbose=False)
            for i in train:
                trainer.append(observations(oof[i], speakers[i], texts[i]), [label(row) for row in prepared[i].Y])
            trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": 200})
            path = f"{tmp}/fold{k}.crf"
            trainer.train(path)
            tagger = pycrfsuite.Tagger()
            tagger.open(path)
            P_held = model.predict_proba(held.frame)
            crf = np.array([unlabel(t) for t in tagger.tag(observations(P_held, speakers[k], texts[k]))])
            # the marginal probability of each act (summed over the labels that hold it), at the classifier's
            # thresholds: the CRF's context with the classifier's operating point
            labels = [(y, unlabel(y)) for y in tagger.labels()]
            marginals = np.array(
                [sum(tagger.marginal(y, t) * on for y, on in labels) for t in range(len(P_held))]
            ).reshape(len(P_held), len(ACTS))
            classifier = (P_held >= model.thresholds()).astype(int)
            crf_marginals = (marginals >= model.thresholds()).astype(int)
            for name, pred in (("classifier", classifier), ("crf", crf), ("crf_marginals", crf_marginals)):
                counts[name].append(count_rows(pred, held.Y))
            print(held.gold.gold["meeting"], flush=True)
    print(json.dumps(summary(counts), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
