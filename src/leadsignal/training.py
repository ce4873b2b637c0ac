"""Training and leave-one-meeting-out evaluation of the learned layers on gold meetings.

``leadsignal train acts GOLD_DIR -o DIR`` and ``leadsignal train uptake GOLD_DIR -o FILE`` call :func:`train_acts`
and :func:`train_uptake`; ``leadsignal evaluate GOLD_DIR`` calls :func:`evaluate_lomo`: for each meeting, both
layers are trained on all the others and the held-out meeting is scored, so no figure comes from training data.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from .analysis import analyse
from .claims import from_rows, gold_view, holds
from .config import Config
from .gold import GoldMeeting
from .nlp import load
from .scoring import f1
from .signals.acts import ACTS, ActClassifier, act_frame, acts_matrix, is_punctuated, plain_text
from .signals.ideas import UptakeModel
from .signals.pipeline import SignalPipeline
from .transcript import Meeting

__all__ = ["ACT_PARAMS", "Prepared", "prepare", "train_acts", "train_uptake", "evaluate_lomo"]

# Chosen by leave-one-meeting-out macro-F1 on the dev meetings (docs/signals.md lists the comparison).
ACT_PARAMS = {"C": 3.0, "opening_words": 5, "class_weight": None, "threshold": 0.3, "char_ngrams": False}


@dataclass
class Prepared:
    """A gold meeting with its act-classifier input computed once, as written and as plain text (no punctuation)."""

    gold: GoldMeeting
    frame: pd.DataFrame
    Y: np.ndarray
    lemmas: list[list[str]]
    plain: pd.DataFrame
    punctuated: bool


def prepare(golds: list[GoldMeeting], pipeline: SignalPipeline | None = None) -> list[Prepared]:
    """Per gold meeting: its cue features, act matrix, content lemmas and plain-text twin, computed once for
    training and evaluation."""
    pipeline = pipeline or SignalPipeline(load())
    out = []
    for g in golds:
        texts = [u.text for u in g.meeting.utterances]
        docs = pipeline.docs(g.meeting)
        plain = _plain(g.meeting)
        out.append(
            Prepared(
                g,
                act_frame(texts, pipeline.cues(g.meeting, docs)),
                acts_matrix(g.acts),
                pipeline.content_lemmas(docs),
                act_frame([u.text for u in plain.utterances], pipeline.cues(plain, pipeline.docs(plain))),
                is_punctuated(texts),
            )
        )
    return out


def _plain(meeting: Meeting) -> Meeting:
    return replace(meeting, utterances=tuple(replace(u, text=plain_text(u.text)) for u in meeting.utterances))


def train_acts(prepared: list[Prepared], **params) -> ActClassifier:
    """The act classifier on the meetings as written, with its plain-text twin for unpunctuated transcripts."""
    Y = np.vstack([p.Y for p in prepared])
    model = ActClassifier(**(ACT_PARAMS | params))
    model.fit(pd.concat([p.frame for p in prepared], ignore_index=True), Y)
    return model.fit_plain(pd.concat([p.plain for p in prepared], ignore_index=True), Y)


def train_uptake(
    prepared: list[Prepared], acts_model: ActClassifier, pipeline: SignalPipeline, **params
) -> UptakeModel:
    """Fit uptake weights on gold ideas, with act probabilities from ``acts_model`` as the features see them."""
    model = UptakeModel(**params)
    Xs, ys = [], []
    for p in prepared:
        probs = acts_model.for_transcript(p.punctuated).predict_proba(p.frame)
        ideas = sorted(p.gold.idea_utterances)
        pairs, X = pipeline.uptake_candidates(p.gold.meeting, ideas, probs, p.Y, model, p.lemmas)
        gold = p.gold.uptakes
        Xs.append(X)
        ys.append(np.array([int(pair in gold) for pair in pairs]))
    return model.fit(np.vstack(Xs), np.concatenate(ys))


def _counts(pred: set, gold: set) -> np.ndarray:
    return np.array([len(pred & gold), len(pred - gold), len(gold - pred)])


def evaluate_lomo(
    golds: list[GoldMeeting],
    progress: Callable[[str], None] | None = None,
    resamples: int = 1000,
    plain: bool = False,
    model: str | Path | None = None,
    uptake: str | Path | None = None,
    train_size: int | None = None,
    act_params: dict[str, Any] | None = None,
    seed: int = 0,
    encoder: str = "tfidf",
) -> dict:
    """Leave-one-meeting-out scores of acts, ideas and uptake, as ../shared/tools/score_meetings.py counts them.

    With ``model`` (an act model folder, e.g. the shipped models/acts-nl) nothing is retrained: that model and the
    uptake weights in ``uptake`` (default: the shipped ones) score every meeting, as they would a new one.

    ``train_size``: each held-out meeting is scored by models trained on that many of the other meetings, drawn at
    random (``seed``), not all of them: one point of a learning curve. ``act_params`` override the act model's
    parameters (a variant to measure, e.g. ``{"encoder": "e5"}``); ``encoder`` is the similarity encoder of the
    uptake layer (``Config.encoder``), used in training and scoring.

    ``plain=True`` scores each held-out meeting after removing its punctuation and case (:func:`plain_text`), as
    raw ASR output would give it: how the analysis holds up on unpunctuated transcripts.

    ``ci95`` holds 95 % percentile intervals from ``resamples`` bootstrap resamples of the meetings (seed 0): the
    pooled scores recomputed on meetings drawn with replacement, so they show how much the figures depend on which
    meetings happen to be in the set.
    """
    pipeline = SignalPipeline(load(), encoder)
    prepared = prepare(golds, pipeline)
    per: list[dict] = []
    fixed = None
    if model is not None:
        from .signals import loading

        fixed = (loading.act_model(model), loading.uptake_model(uptake or loading.model_files()[1]))
    rng = np.random.default_rng(seed)
    for k, held in enumerate(prepared):
        if fixed is not None:
            acts_model, uptake_model = fixed
        else:
            train = [p for i, p in enumerate(prepared) if i != k]
            if train_size is not None and train_size < len(train):
                train = [train[i] for i in sorted(rng.choice(len(train), train_size, replace=False))]
            acts_model = train_acts(train, **(act_params or {}))
            uptake_model = train_uptake(train, acts_model, pipeline)
        per.append(_score_fold(held, acts_model, uptake_model, plain, encoder))
        if progress:
            progress(per[-1]["meeting"])
    protocol = f"fixed model {model} (no retraining)" if model is not None else "leave-one-meeting-out"
    if train_size is not None and model is None:
        protocol += f", {train_size} training meetings drawn per held-out meeting (seed {seed})"
    return _summary(per, protocol + (", held-out meetings as plain text" if plain else ""), resamples) | {
        "meetings": len(golds)
    }


def _score_fold(held: Prepared, acts_model: Any, uptake_model: Any, plain: bool, encoder: str = "tfidf") -> dict:
    """The counts and scores of one held-out meeting analysed with the given models."""
    meeting = _plain(held.gold.meeting) if plain else held.gold.meeting
    analysis = analyse(meeting, Config(encoder=encoder), acts_model=acts_model, uptake_model=uptake_model)
    ranked = [s.name for s in sorted(analysis.speaker_measures, key=lambda s: s.dominance_rank)]
    gold_rank = held.gold.gold["dominance_rank"]
    row = {"meeting": held.gold.gold["meeting"], "top1": int(ranked[0] == gold_rank[0])}
    row["tau"] = kendall_tau(gold_rank, ranked)
    row["n_factions"] = analysis.indices.n_factions
    row["faction_p_value"] = analysis.indices.faction_p_value
    if len(held.gold.gold["factions"]) >= 2:
        truth = {s: k for k, group in enumerate(held.gold.gold["factions"]) for s in group}
        names = list(truth)
        predicted_faction = {s.name: s.faction for s in analysis.speaker_measures}
        row["ari"] = adjusted_rand_score([truth[n] for n in names], [predicted_faction[n] for n in names])
    pred = acts_matrix(analysis.acts)
    row["acts"] = np.column_stack([(pred & held.Y).sum(0), (pred & (1 - held.Y)).sum(0), ((1 - pred) & held.Y).sum(0)])
    row["ideas"] = _counts({i.utterance for i in analysis.ideas}, held.gold.idea_utterances)
    predicted = {(i.utterance, u.utterance): u.kind for i in analysis.ideas for u in i.uptakes}
    gold_up = held.gold.uptakes
    row["uptakes"] = _counts(set(predicted), set(gold_up))
    matched = set(predicted) & set(gold_up)
    row["kinds"] = (sum(predicted[m] == gold_up[m] for m in matched), len(matched))
    where = {i["id"]: i["utterance"] for i in held.gold.gold["ideas"]}
    ours = {i.id: i.utterance for i in analysis.ideas}
    row["decisions"] = _counts(
        {(d.utterance, ours[i]) for d in analysis.decisions for i in d.ideas},
        {(d["utterance"], where[i]) for d in held.gold.gold.get("decisions", []) for i in d["ideas"]},
    )
    data = analysis.to_dict()
    truth_view = gold_view(data, held.gold.gold)
    row["claims"] = [(c.kind, c.basis, holds(c, truth_view)) for c in from_rows(data["claims"])]
    return row


def _summary(per: list[dict], protocol: str, resamples: int) -> dict:
    """Pooled scores of the folds, with bootstrap intervals over meetings."""
    scores = _pooled(per)
    act_f1 = {a: round(f, 3) for a, f in zip(ACTS, scores["acts_f1"], strict=True)}
    kinds = np.sum([r["kinds"] for r in per], axis=0)
    uptakes = np.sum([r["uptakes"] for r in per], axis=0)
    rng = np.random.default_rng(0)
    draws = [_pooled([per[i] for i in rng.integers(0, len(per), len(per))]) for _ in range(resamples)]
    ci = {}
    with_interval = (
        "acts_macro_f1",
        "ideas_f1",
        "uptake_f1",
        "dominance_tau",
        "factions_ari",
        "decisions_f1",
        "observation_precision",
    )
    for name in with_interval:
        values = [d[name] for d in draws if d[name] is not None]
        ci[name] = [round(float(np.percentile(values, q)), 3) for q in (2.5, 97.5)] if values else None
    return {
        "protocol": protocol,
        "acts_f1": act_f1,
        "acts_macro_f1": round(float(np.mean(list(act_f1.values()))), 3),  # of the rounded F1s, as the scorer
        "ideas_f1": round(scores["ideas_f1"], 3),
        "uptake_f1": round(scores["uptake_f1"], 3),
        "uptake_counts_tp_fp_fn": uptakes.tolist(),
        "uptake_kind_acc": round(kinds[0] / kinds[1], 3) if kinds[1] else None,
        "dominance_top1": f"{sum(r['top1'] for r in per)}/{len(per)}",
        "dominance_tau": round(scores["dominance_tau"], 3),
        "factions_ari": None if scores["factions_ari"] is None else round(scores["factions_ari"], 3),
        "decisions_f1": round(scores["decisions_f1"], 3),
        "decisions_counts_tp_fp_fn": np.sum([r["decisions"] for r in per], axis=0).tolist(),
        "observation_precision": round(scores["observation_precision"], 3),
        "observations": _claim_scores(per),
        "ci95": ci,
        "factions": [
            {k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items() if k in _FACTION_KEYS} for r in per
        ],
        "acts": _act_scores(np.sum([r["acts"] for r in per], axis=0)),
        "per_meeting": [_meeting_scores(r) for r in per],
    }


def _prf(tp: int, fp: int, fn: int) -> dict:
    return {
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "recall": round(tp / (tp + fn), 3) if tp + fn else None,
        "f1": round(f1(tp, fp, fn), 3),
        "tp": int(tp),
        "fp": int(fp),
        "fn": int(fn),
    }


def _act_scores(counts: np.ndarray) -> dict:
    """Precision, recall, F1 and the counts of each act, pooled over meetings."""
    return {act: _prf(*counts[j]) for j, act in enumerate(ACTS)}


def _meeting_scores(row: dict) -> dict:
    """One meeting's scores: acts macro-F1 and per act, ideas, uptake, dominance, factions."""
    acts = _act_scores(row["acts"])
    return {
        "meeting": row["meeting"],
        "acts_macro_f1": round(float(np.mean([a["f1"] for a in acts.values()])), 3),
        "acts_f1": {act: a["f1"] for act, a in acts.items()},
        "ideas": _prf(*row["ideas"]),
        "uptake": _prf(*row["uptakes"]),
        "dominance_top1": row["top1"],
        "dominance_tau": round(row["tau"], 3),
        "factions_ari": round(row["ari"], 3) if "ari" in row else None,
    }


_FACTION_KEYS = ("meeting", "n_factions", "faction_p_value", "ari")


def _pooled(per: list[dict]) -> dict:
    """Scores pooled over meetings as score_meetings.py pools them: F1 of summed counts, means of tau and ARI."""
    acts = np.sum([r["acts"] for r in per], axis=0)
    act_f1 = [f1(*acts[j]) for j in range(len(ACTS))]
    aris = [r["ari"] for r in per if "ari" in r]
    return {
        "acts_f1": act_f1,
        "acts_macro_f1": float(np.mean(act_f1)),
        "ideas_f1": f1(*np.sum([r["ideas"] for r in per], axis=0)),
        "uptake_f1": f1(*np.sum([r["uptakes"] for r in per], axis=0)),
        "dominance_tau": float(np.mean([r["tau"] for r in per])),
        "factions_ari": float(np.mean(aris)) if aris else None,
        "decisions_f1": f1(*np.sum([r["decisions"] for r in per], axis=0)),
        "observation_precision": _precision([c for r in per for c in r["claims"]]),
    }


def _precision(checked: list[tuple[str, str, bool]]) -> float:
    return sum(ok for _, _, ok in checked) / len(checked) if checked else 1.0


def _claim_scores(per: list[dict]) -> dict:
    """How many claims were made and held, in all and per kind and basis (leadsignal.claims)."""
    checked = [c for r in per for c in r["claims"]]
    out: dict[str, Any] = {"claims": len(checked), "held": sum(ok for _, _, ok in checked)}
    for key, position in (("by_kind", 0), ("by_basis", 1)):
        groups: dict[str, list[bool]] = {}
        for c in checked:
            groups.setdefault(c[position], []).append(c[2])
        out[key] = {
            k: {"claims": len(v), "held": sum(v), "precision": round(sum(v) / len(v), 3)}
            for k, v in sorted(groups.items())
        }
    return out


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
