"""Ideas and their uptake.

An idea is an utterance tagged ``proposal``. For each idea, the later utterances of other speakers within a window
(``window`` utterances, and ``window_s`` seconds when times are known), and any later decision, are candidate
uptakes. Each candidate is scored by a logistic model over a few documented features:

========================  =============================================================================
feature                   meaning
========================  =============================================================================
similarity                cosine of the encoder vectors of idea and candidate (TF-IDF over content lemmas
                          by default)
overlap                   log(1 + number of content lemmas the two share)
log_distance              log of the distance in utterances
first_response            the candidate is the first utterance of another speaker after the idea
ideas_between             log(1 + number of other ideas between the idea and the candidate)
agreement, disagreement,  act probabilities of the candidate (from the act classifier)
proposal, question,
backchannel, decision
marker                    an explicit uptake marker ("goed idee", "zoals X zei", "voortbouwend op", ...)
names_author              the candidate names the idea's author (full name, or a first name no one else has)
========================  =============================================================================

The weights are fitted on the annotated dev meetings (``leadsignal train uptake``) and stored as JSON; a
candidate whose probability passes the threshold is an uptake. Kind: ``support`` when the candidate agrees,
``reject`` when it disagrees, else ``build``.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

from ..errors import ModelError
from ..labels import ACTS
from ..lang.nl import lexicon
from ..results import Idea, Uptake
from ..transcript import Meeting

__all__ = [
    "UPTAKE_FEATURES",
    "UptakeModel",
    "Uptake",
    "Idea",
    "candidate_pairs",
    "pair_features",
    "pair_similarities",
    "find_ideas",
    "kind_of",
]

UPTAKE_FEATURES = (
    "similarity",
    "overlap",
    "log_distance",
    "first_response",
    "ideas_between",
    "agreement",
    "disagreement",
    "proposal",
    "question",
    "backchannel",
    "decision",
    "marker",
    "names_author",
)
_ACT = {a: i for i, a in enumerate(ACTS)}


def candidate_pairs(
    meeting: Meeting, ideas: list[int], decisions: set[int], window: int, window_s: float | None
) -> list[tuple[int, int]]:
    """(idea, candidate) pairs: other speakers' utterances within the window after the idea, and the first
    decision after the idea (a decision adopts the ideas raised since the one before it). Linear in the ideas.

    >>> from leadsignal.transcript import Meeting, Utterance
    >>> m = Meeting("m", tuple(Utterance(i, s, "x") for i, s in enumerate("ABAB")))
    >>> candidate_pairs(m, [0], set(), window=2, window_s=None)
    [(0, 1)]
    """
    utts = meeting.utterances
    ordered = sorted(decisions)
    pairs = []
    for i in ideas:
        author = utts[i].speaker
        said_end = utts[i].end
        for j in range(i + 1, min(len(utts), i + window + 1)):
            start = utts[j].start
            if window_s is not None and said_end is not None and start is not None and start - said_end > window_s:
                break
            if utts[j].speaker != author:
                pairs.append((i, j))
        k = bisect.bisect_right(ordered, i)
        if k < len(ordered) and ordered[k] > i + window and utts[ordered[k]].speaker != author:
            pairs.append((i, ordered[k]))
    return pairs


@lru_cache(maxsize=1)
def _marker_pattern() -> re.Pattern[str]:
    words = sorted(lexicon("uptake_markers"), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)


def pair_similarities(vectors, pairs: list[tuple[int, int]]) -> np.ndarray:
    """Dot products of the L2-normalised rows of each (row, row) pair, for dense or sparse vectors.

    >>> pair_similarities(np.array([[1.0, 0.0], [0.6, 0.8]]), [(0, 1), (1, 1)]).round(2).tolist()
    [0.6, 1.0]
    """
    if not pairs:
        return np.zeros(0)
    left = vectors[[i for i, _ in pairs]]
    right = vectors[[j for _, j in pairs]]
    if sparse.issparse(left):
        return np.asarray(left.multiply(right).sum(axis=1)).ravel()
    return np.einsum("ij,ij->i", left, right)


def pair_features(
    meeting: Meeting,
    pairs: list[tuple[int, int]],
    sims: np.ndarray,
    content: list[set[str]],
    act_probs: np.ndarray,
    ideas: list[int],
    named: list[list[str]],
) -> np.ndarray:
    """The :data:`UPTAKE_FEATURES` matrix for (idea, candidate) pairs; ``sims`` holds each pair's similarity and
    ``named`` the speakers each utterance names (:func:`leadsignal.signals.turns.addressed`)."""
    utts = meeting.utterances
    idea_set = sorted(ideas)
    markers = _marker_pattern()
    out = np.zeros((len(pairs), len(UPTAKE_FEATURES)))
    marked: dict[int, bool] = {}
    for row, (i, j) in enumerate(pairs):
        if j not in marked:
            marked[j] = markers.search(utts[j].text.lower()) is not None
        first_other = next((k for k in range(i + 1, j + 1) if utts[k].speaker != utts[i].speaker), j)
        between = bisect.bisect_left(idea_set, j) - bisect.bisect_right(idea_set, i)
        out[row] = [
            sims[row],
            math.log1p(len(content[i] & content[j])),
            math.log(j - i),
            float(j == first_other),
            math.log1p(between),
            act_probs[j, _ACT["agreement"]],
            act_probs[j, _ACT["disagreement"]],
            act_probs[j, _ACT["proposal"]],
            act_probs[j, _ACT["question"]],
            act_probs[j, _ACT["backchannel"]],
            act_probs[j, _ACT["decision"]],
            float(marked[j]),
            float(utts[i].speaker in named[j]),
        ]
    return out


def find_ideas(acts: list[list[str]]) -> list[int]:
    """Indices of proposal utterances."""
    return [i for i, a in enumerate(acts) if "proposal" in a]


class UptakeModel:
    """Logistic weights over :data:`UPTAKE_FEATURES`, a threshold, and the window; stored as readable JSON."""

    def __init__(self, C: float = 1.0, threshold: float = 0.5, window: int = 10, window_s: float = 300.0) -> None:
        self.C = C
        self.threshold = threshold
        self.window = window
        self.window_s = window_s

    def fit(self, X: np.ndarray, y: np.ndarray) -> UptakeModel:
        """Fit the logistic weights on pair features X and 0/1 labels y; returns self."""
        from sklearn.linear_model import LogisticRegression  # training only: the analysis never imports sklearn

        lr = LogisticRegression(C=self.C, class_weight="balanced", max_iter=2000).fit(X, y)
        self.coef_ = lr.coef_.ravel()
        self.intercept_ = float(lr.intercept_[0])
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Probability that each (idea, utterance) pair is an uptake."""
        if len(X) == 0:
            return np.zeros(0)
        return 1.0 / (1.0 + np.exp(-(X @ self.coef_ + self.intercept_)))

    def to_json(self) -> dict:
        """The weights and settings as readable JSON-ready data."""
        return {
            "features": list(UPTAKE_FEATURES),
            "weights": dict(zip(UPTAKE_FEATURES, map(float, self.coef_), strict=True)),
            "intercept": self.intercept_,
            "threshold": self.threshold,
            "window": self.window,
            "window_s": self.window_s,
            "C": self.C,
        }

    def save(self, path: str | Path, extra: dict | None = None) -> None:
        """Write the weights as readable JSON to ``path`` (with an optional card of training facts)."""
        Path(path).write_text(json.dumps(self.to_json() | (extra or {}), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> UptakeModel:
        """Load weights written by :meth:`save`; raises ModelError for another file."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"{path}: not an uptake model ({exc})") from None
        if data.get("features") != list(UPTAKE_FEATURES):
            raise ModelError(f"{path}: trained on other features; retrain with 'leadsignal train uptake'")
        model = cls(data["C"], data["threshold"], data["window"], data["window_s"])
        model.coef_ = np.array([data["weights"][f] for f in UPTAKE_FEATURES])
        model.intercept_ = data["intercept"]
        return model


def kind_of(acts: list[str]) -> str:
    """support if the response agrees, reject if it disagrees, else build.

    >>> kind_of(["agreement"]), kind_of(["disagreement", "question"]), kind_of([])
    ('support', 'reject', 'build')
    """
    if "disagreement" in acts:
        return "reject"
    if "agreement" in acts:
        return "support"
    return "build"
