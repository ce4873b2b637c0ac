"""Training and leave-one-meeting-out evaluation of the learned layers on gold meetings.

``leadsignal train acts GOLD_DIR -o DIR`` and ``leadsignal train uptake GOLD_DIR -o FILE`` call :func:`train_acts`
and :func:`train_uptake`; ``leadsignal evaluate GOLD_DIR`` calls :func:`evaluate_lomo`: for each meeting, both
layers are trained on all the others and the held-out meeting is scored, so no figure comes from training data.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from .analysis import analyse
from .gold import GoldMeeting, f1
from .nlp import load
from .signals.acts import ACTS, ActClassifier, act_frame, acts_matrix
from .signals.ideas import UptakeModel
from .signals.pipeline import SignalPipeline

__all__ = ["ACT_PARAMS", "Prepared", "prepare", "train_acts", "train_uptake", "evaluate_lomo"]

# Chosen by leave-one-meeting-out macro-F1 on the dev meetings (docs/signals.md lists the comparison).
ACT_PARAMS = {"C": 3.0, "opening_words": 5, "class_weight": None, "threshold": 0.3, "char_ngrams": False}


@dataclass
class Prepared:
    """A gold meeting with its act-classifier input computed once."""

    gold: GoldMeeting
    frame: pd.DataFrame
    Y: np.ndarray
    lemmas: list[list[str]]


def prepare(golds: list[GoldMeeting], pipeline: SignalPipeline | None = None) -> list[Prepared]:
    pipeline = pipeline or SignalPipeline(load())
    out = []
    for g in golds:
        docs = pipeline.docs(g.meeting)
        out.append(
            Prepared(
                g,
                act_frame([u.text for u in g.meeting.utterances], pipeline.cues(g.meeting, docs)),
                acts_matrix(g.acts),
                pipeline.content_lemmas(docs),
            )
        )
    return out


def train_acts(prepared: list[Prepared], **params) -> ActClassifier:
    X = pd.concat([p.frame for p in prepared], ignore_index=True)
    Y = np.vstack([p.Y for p in prepared])
    return ActClassifier(**(ACT_PARAMS | params)).fit(X, Y)


def train_uptake(
    prepared: list[Prepared], acts_model: ActClassifier, pipeline: SignalPipeline, **params
) -> UptakeModel:
    """Fit uptake weights on gold ideas, with act probabilities from ``acts_model`` as the features see them."""
    model = UptakeModel(**params)
    Xs, ys = [], []
    for p in prepared:
        probs = acts_model.predict_proba(p.frame)
        ideas = sorted(p.gold.idea_utterances)
        pairs, X = pipeline.uptake_candidates(p.gold.meeting, ideas, probs, p.Y, model, p.lemmas)
        gold = p.gold.uptakes
        Xs.append(X)
        ys.append(np.array([int(pair in gold) for pair in pairs]))
    return model.fit(np.vstack(Xs), np.concatenate(ys))


def _counts(pred: set, gold: set) -> np.ndarray:
    return np.array([len(pred & gold), len(pred - gold), len(gold - pred)])


def evaluate_lomo(golds: list[GoldMeeting], progress: Callable[[str], None] | None = None) -> dict:
    """Leave-one-meeting-out scores of acts, ideas and uptake, as ../shared/tools/score_meetings.py counts them."""
    pipeline = SignalPipeline(load())
    prepared = prepare(golds, pipeline)
    acts = np.zeros((len(ACTS), 3), dtype=int)
    ideas = np.zeros(3, dtype=int)
    uptakes = np.zeros(3, dtype=int)
    kinds = [0, 0]
    top1: list[int] = []
    taus: list[float] = []
    aris: list[float] = []
    for k, held in enumerate(prepared):
        train = [p for i, p in enumerate(prepared) if i != k]
        acts_model = train_acts(train)
        uptake_model = train_uptake(train, acts_model, pipeline)
        analysis = analyse(held.gold.meeting, acts_model=acts_model, uptake_model=uptake_model)
        result = analysis.signals
        assert result is not None  # analyse() always runs the signal layer
        ranked = [r["name"] for r in sorted(analysis.speaker_rows, key=lambda r: r["dominance_rank"])]
        gold_rank = held.gold.gold["dominance_rank"]
        top1.append(int(ranked[0] == gold_rank[0]))
        taus.append(kendall_tau(gold_rank, ranked))
        if len(held.gold.gold["factions"]) >= 2:
            truth = {s: k for k, group in enumerate(held.gold.gold["factions"]) for s in group}
            names = list(truth)
            predicted_faction = {r["name"]: r["faction"] for r in analysis.speaker_rows}
            aris.append(adjusted_rand_score([truth[n] for n in names], [predicted_faction[n] for n in names]))
        pred = acts_matrix(result.acts)
        acts[:, 0] += (pred & held.Y).sum(0)
        acts[:, 1] += (pred & (1 - held.Y)).sum(0)
        acts[:, 2] += ((1 - pred) & held.Y).sum(0)
        ideas += _counts({i.utterance for i in result.ideas}, held.gold.idea_utterances)
        predicted = {(i.utterance, u.utterance): u.kind for i in result.ideas for u in i.uptakes}
        gold_up = held.gold.uptakes
        uptakes += _counts(set(predicted), set(gold_up))
        matched = set(predicted) & set(gold_up)
        kinds[0] += sum(predicted[m] == gold_up[m] for m in matched)
        kinds[1] += len(matched)
        if progress:
            progress(held.gold.gold["meeting"])
    act_f1 = {a: round(f1(*acts[j]), 3) for j, a in enumerate(ACTS)}
    return {
        "protocol": "leave-one-meeting-out",
        "meetings": len(golds),
        "acts_f1": act_f1,
        "acts_macro_f1": round(float(np.mean(list(act_f1.values()))), 3),
        "ideas_f1": round(f1(*ideas), 3),
        "uptake_f1": round(f1(*uptakes), 3),
        "uptake_counts_tp_fp_fn": uptakes.tolist(),
        "uptake_kind_acc": round(kinds[0] / kinds[1], 3) if kinds[1] else None,
        "dominance_top1": f"{sum(top1)}/{len(top1)}",
        "dominance_tau": round(float(np.mean(taus)), 3),
        "factions_ari": round(float(np.mean(aris)), 3) if aris else None,
    }


def kendall_tau(gold: list[str], predicted: list[str]) -> float:
    """Kendall's tau-b of two rankings of the same speakers (as ../shared/tools/score_meetings.py computes it).

    >>> kendall_tau(["a", "b", "c"], ["a", "b", "c"]), kendall_tau(["a", "b"], ["b", "a"])
    (1.0, -1.0)
    """
    position = {s: i for i, s in enumerate(predicted)}
    concordant = discordant = ties = 0
    for x in range(len(gold)):
        for y in range(x + 1, len(gold)):
            d = position.get(gold[x], len(predicted)) - position.get(gold[y], len(predicted))
            if d == 0:
                ties += 1
            elif d < 0:
                concordant += 1
            else:
                discordant += 1
    n = concordant + discordant
    return (concordant - discordant) / math.sqrt(n * (n + ties)) if n else 0.0
