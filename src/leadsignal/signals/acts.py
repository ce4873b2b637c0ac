"""Dialogue acts: a learned classifier over TF-IDF n-grams and the cue features of :mod:`.cues`.

``ActClassifier`` follows the scikit-learn contract: the constructor stores parameters, ``fit(X, Y)`` learns and
returns self, ``predict``/``predict_proba`` leave X alone. X is a DataFrame with a ``text`` column and the
:data:`~leadsignal.signals.cues.FEATURES` columns (:func:`act_frame` builds it); Y is an (n, 7) 0/1 matrix in
:data:`ACTS` order. Saved with skops (no pickle); loading checks that only scikit-learn and numpy types are inside.

Transcripts without punctuation (raw ASR output) get a second model of the same kind, trained on the same
utterances with punctuation and case removed (:func:`plain_text`): the main model leans on the question mark.
:meth:`ActClassifier.for_transcript` (:class:`~.inference.PlainTwin`) picks the one that fits a meeting
(:func:`is_punctuated`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from ..errors import ModelError
from ..labels import ACTS
from ..scoring import f1
from .cues import FEATURES
from .inference import DEFAULT_MODEL, PLAIN, CompiledActs, PlainTwin, block_inputs, is_punctuated, plain_text

__all__ = ["ActClassifier", "act_frame", "acts_matrix", "is_punctuated", "plain_text", "ACTS", "DEFAULT_MODEL"]

_FITTED = ("words_", "chars_", "opening_", "closing_", "scaler_")  # fitted parts that save() stores


def act_frame(texts: list[str], cues: np.ndarray) -> pd.DataFrame:
    """The classifier's input: texts and their cue features, one row per utterance."""
    frame = pd.DataFrame(cues, columns=list(FEATURES))
    frame.insert(0, "text", texts)
    return frame


def acts_matrix(acts: list[list[str]]) -> np.ndarray:
    """Lists of act names to an (n, 7) 0/1 matrix in :data:`ACTS` order.

    >>> acts_matrix([["question"], []]).tolist()
    [[0, 1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]]
    """
    return np.array([[int(a in set(row)) for a in ACTS] for row in acts], dtype=int).reshape(-1, len(ACTS))


class ActClassifier(PlainTwin, ClassifierMixin, BaseEstimator):
    """One logistic regression per act over word n-grams, character n-grams and cue features.

    Parameters
    ----------
    C : inverse regularisation strength of each logistic regression.
    use_text : include TF-IDF word (1-2) and character (2-4, within words) n-grams.
    use_cues : include the cue features (standardised).
    min_df : minimum document frequency of an n-gram.
    opening_words, closing_words : also word n-grams of the first / last N words alone (0: off); response acts
        ("Ja maar", "Goed idee") live in the opening, questions and requests in the closing.
    char_ngrams : also character 2-4-grams within words.
    threshold : probability above which an act is predicted: one number, a dict per act, or ``"auto"`` (tuned
        per act by leave-one-meeting-out inside the training data; needs ``groups`` in ``fit``).
    encoder : ``None``, or ``"hf:PATH"``: also the mean-pooled sentence vectors of a local transformers model
        (embed + classify; the model stays at PATH and is not copied into the saved act model), or ``"use"``.
    """

    def __init__(
        self,
        C: float = 1.0,
        use_text: bool = True,
        use_cues: bool = True,
        min_df: int = 2,
        threshold: float | dict[str, float] | str = 0.5,
        class_weight: str | None = "balanced",
        opening_words: int = 0,
        closing_words: int = 0,
        char_ngrams: bool = True,
        encoder: str | None = None,
    ) -> None:
        self.C = C
        self.encoder = encoder
        self.char_ngrams = char_ngrams
        self.closing_words = closing_words
        self.opening_words = opening_words
        self.use_text = use_text
        self.use_cues = use_cues
        self.min_df = min_df
        self.threshold = threshold
        self.class_weight = class_weight

    def _design(self, X: pd.DataFrame, fit: bool) -> sparse.csr_matrix:
        blocks = []
        inputs = block_inputs(X["text"].tolist(), self.opening_words, self.closing_words)
        texts = inputs["words"]
        if self.use_text:
            if fit:
                self.words_ = TfidfVectorizer(ngram_range=(1, 2), min_df=self.min_df, sublinear_tf=True)
                blocks.append(self.words_.fit_transform(texts))
            else:
                blocks.append(self.words_.transform(texts))
        if self.use_text and self.char_ngrams:
            if fit:
                self.chars_ = TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(2, 4),
                    min_df=self.min_df,
                    sublinear_tf=True,
                    max_features=20000,
                )
                blocks.append(self.chars_.fit_transform(texts))
            else:
                blocks.append(self.chars_.transform(texts))
        if self.opening_words:
            openings = inputs["opening"]
            if fit:
                self.opening_ = TfidfVectorizer(ngram_range=(1, 2), min_df=self.min_df, sublinear_tf=True)
                blocks.append(self.opening_.fit_transform(openings))
            else:
                blocks.append(self.opening_.transform(openings))
        if self.closing_words:
            closings = inputs["closing"]
            if fit:
                self.closing_ = TfidfVectorizer(
                    ngram_range=(1, 2), min_df=self.min_df, sublinear_tf=True, token_pattern=r"(?u)\b\w+\b|\?"
                )
                blocks.append(self.closing_.fit_transform(closings))
            else:
                blocks.append(self.closing_.transform(closings))
        if self.encoder:
            from .encoders import shared_encoder

            vectors = shared_encoder(self.encoder).encode(X["text"].astype(str).tolist())
            blocks.append(sparse.csr_matrix(vectors))
        if self.use_cues:
            cues = X[list(FEATURES)].to_numpy(dtype=float)
            if fit:
                self.scaler_ = StandardScaler().fit(cues)
            blocks.append(sparse.csr_matrix(self.scaler_.transform(cues)))
        return sparse.hstack(blocks, format="csr")

    def fit(self, X: pd.DataFrame, Y: np.ndarray, groups: np.ndarray | None = None) -> ActClassifier:
        """Learn from X and the 0/1 act matrix Y.

        With ``threshold="auto"``, ``groups`` (one meeting id per row) is required: each act's threshold is the
        one that maximises F1 on out-of-group predictions (leave one meeting out inside the training data).
        """
        Y = np.asarray(Y)
        if self.threshold == "auto":
            if groups is None or len(set(groups)) < 3:
                raise ValueError("threshold='auto' needs groups with at least three meetings")
            self.thresholds_ = self._tune_thresholds(X, Y, np.asarray(groups))
        design = self._design(X, fit=True)
        self.classes_ = np.array(ACTS)
        self.estimators_ = []
        for j in range(Y.shape[1]):
            clf = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=2000)
            if Y[:, j].min() == Y[:, j].max():  # an act absent from the training data: never predicted
                clf = _Constant(int(Y[0, j]))
            else:
                clf.fit(design, Y[:, j])
            self.estimators_.append(clf)
        return self

    def fit_plain(self, X_plain: pd.DataFrame, Y: np.ndarray) -> ActClassifier:
        """Also fit the model for unpunctuated transcripts (same parameters) on X built from :func:`plain_text`."""
        self.plain_ = ActClassifier(**self.get_params()).fit(X_plain, Y)
        return self

    def probabilities(self, texts: list[str], cues: np.ndarray) -> np.ndarray:
        """``predict_proba`` of the frame of texts and cue features (the pipeline's call, shared with
        :class:`~.inference.CompiledActs`)."""
        if not texts:
            return np.zeros((0, len(ACTS)))
        return self.predict_proba(act_frame(texts, cues))

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """(n, 7) probabilities, one column per act in :data:`ACTS` order."""
        design = self._design(X, fit=False)
        return np.column_stack([clf.predict_proba(design)[:, 1] for clf in self.estimators_])

    def _tune_thresholds(self, X: pd.DataFrame, Y: np.ndarray, groups: np.ndarray) -> np.ndarray:
        inner = self.set_params(threshold=0.5)
        probs = np.zeros(Y.shape, dtype=float)
        try:
            for g in np.unique(groups):
                held = groups == g
                model = ActClassifier(**inner.get_params()).fit(X[~held], Y[~held])
                probs[held] = model.predict_proba(X[held])
        finally:
            self.set_params(threshold="auto")
        grid = np.round(np.arange(0.15, 0.8, 0.05), 2)
        best = []
        for j in range(Y.shape[1]):
            scores = [_f1_at(probs[:, j], Y[:, j], t) for t in grid]
            best.append(grid[int(np.argmax(scores))])
        return np.array(best)

    def thresholds(self) -> np.ndarray:
        """The probability threshold of each act, in ACTS order."""
        if isinstance(self.threshold, str):
            return self.thresholds_
        if isinstance(self.threshold, dict):
            return np.array([self.threshold.get(a, 0.5) for a in ACTS])
        return np.full(len(ACTS), float(self.threshold))

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """(n, 7) 0/1 act matrix: probabilities at or above each act's threshold."""
        return (self.predict_proba(X) >= self.thresholds()).astype(int)

    # -- persistence (skops, no pickle) ---------------------------------------------------------------
    def save(self, folder: str | Path, card: dict[str, Any] | None = None) -> Path:
        """Write ``acts.skops`` and ``params.json`` (and ``scores.json`` from ``card``) into ``folder``."""
        import skops.io as sio

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        state = {"estimators": self.estimators_}
        state |= {name: getattr(self, name) for name in _FITTED if hasattr(self, name)}
        sio.dump(state, folder / "acts.skops")
        params = self.get_params() | {"features": list(FEATURES), "acts": list(ACTS)}
        if isinstance(self.threshold, str):
            params["threshold"] = dict(zip(ACTS, map(float, self.thresholds_), strict=True))
        (folder / "params.json").write_text(json.dumps(params, indent=2) + "\n", encoding="utf-8")
        if card is not None:
            (folder / "scores.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
        plain = self.for_transcript(punctuated=False)
        if plain is not self:
            plain.save(folder / PLAIN)
        for stale in ("compiled.json", "compiled.npz"):
            (folder / stale).unlink(missing_ok=True)
        if CompiledActs.supports(self):
            CompiledActs.from_classifier(self).save(folder)  # the form the analysis loads (no scikit-learn)
        return folder

    @classmethod
    def load(cls, folder: str | Path) -> ActClassifier:
        """Load a model saved by :meth:`save`. Refuses files holding types outside scikit-learn/numpy/scipy."""
        import skops.io as sio

        folder = Path(folder)
        try:
            params = json.loads((folder / "params.json").read_text(encoding="utf-8"))
            untrusted = sio.get_untrusted_types(file=folder / "acts.skops")
        except (OSError, ValueError) as exc:
            raise ModelError(f"{folder}: not an act model ({exc})") from None
        allowed = ("sklearn.", "numpy.", "scipy.", "builtins.", "leadsignal.signals.acts._Constant")
        bad = [t for t in untrusted if not t.startswith(allowed)]
        if bad:
            raise ModelError(f"{folder}: refusing to load types {bad}")
        if params.get("features") != list(FEATURES):
            raise ModelError(f"{folder}: trained on other cue features; retrain with 'leadsignal train acts'")
        state = sio.load(folder / "acts.skops", trusted=untrusted)
        model = cls(**{k: v for k, v in params.items() if k not in ("features", "acts")})
        model.classes_ = np.array(ACTS)
        model.estimators_ = state["estimators"]
        for name in _FITTED:
            if name in state:
                setattr(model, name, state[name])
        if (folder / PLAIN / "params.json").exists():
            model.plain_ = folder / PLAIN  # loaded by for_transcript(False) when an unpunctuated meeting comes
        return model


def _f1_at(prob: np.ndarray, truth: np.ndarray, threshold: float) -> float:
    pred = prob >= threshold
    tp = int((pred & (truth == 1)).sum())
    return f1(tp, int(pred.sum()) - tp, int((truth == 1).sum()) - tp, empty=0.0)


class _Constant(BaseEstimator):
    """Stands in for a regression when the training data hold only one value for an act."""

    def __init__(self, value: int = 0) -> None:
        self.value = value

    def predict_proba(self, X) -> np.ndarray:
        p = np.full(X.shape[0], float(self.value))
        return np.column_stack([1 - p, p])
