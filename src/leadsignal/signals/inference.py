"""The act model at analysis time, with numpy and scipy only.

:class:`~leadsignal.signals.acts.ActClassifier` is a scikit-learn estimator, saved with skops; importing
scikit-learn and skops costs two of the five seconds of a cold start. When it is saved, a model without an
external encoder also writes ``compiled.json`` (vocabularies, parameters) and ``compiled.npz`` (idf, scaler,
weights; read with ``allow_pickle=False``). :class:`CompiledActs` reads those and computes the same
probabilities with the same operations in the same order (:mod:`.tfidf` for the n-grams), so the analysis gives
identical output; tests/signals/test_inference.py checks it on the dev meetings' utterances.

Also here, because the analysis needs them without scikit-learn: :func:`plain_text`, :func:`is_punctuated` and
:class:`PlainTwin`, the one place that picks the model for an unpunctuated transcript. This module never imports
:mod:`.acts` (which builds on it); :mod:`.loading` chooses between the two forms.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from scipy import sparse
from scipy.special import expit

from ..errors import ModelError
from ..labels import ACTS
from ..lang.nl import SENTENCE_END_CHARS
from .cues import FEATURES
from .tfidf import Tfidf

__all__ = [
    "ActModel",
    "CompiledActs",
    "block_inputs",
    "is_punctuated",
    "PlainTwin",
    "plain_text",
    "DEFAULT_MODEL",
    "PLAIN",
]

DEFAULT_MODEL = "acts-nl"
FORMAT = "leadsignal.compiled-acts/1"
CHUNK = 5000  # utterances per block of act probabilities
PLAIN = "plain"  # subfolder of a saved model holding the model for unpunctuated transcripts
_NOT_WORD = re.compile(r"[^\w\s'’-]|(?<!\w)['’-]|['’-](?!\w)")
_SENTENCE_MARK = re.compile(f"[{re.escape(SENTENCE_END_CHARS)}]")


class ActModel(Protocol):
    """What the pipeline needs of an act model: ``ActClassifier`` and ``CompiledActs`` both provide it."""

    def probabilities(self, texts: list[str], cues: np.ndarray) -> np.ndarray:
        """(n, 7) act probabilities of the texts and their cue features."""

    def thresholds(self) -> np.ndarray:
        """The probability threshold of each act, in ACTS order."""

    def for_transcript(self, punctuated: bool) -> ActModel:
        """This model, or its plain-text twin for an unpunctuated transcript."""


def plain_text(text: str) -> str:
    """The text as raw ASR writes it: lower case, no punctuation (apostrophes and hyphens inside words kept).

    >>> plain_text("Oké, en wat krijgen we ervoor? Zo'n e-mail -- nee!")
    "oké en wat krijgen we ervoor zo'n e-mail nee"
    """
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def is_punctuated(texts: list[str]) -> bool:
    """True when at least half of the utterances of three words or more hold a sentence mark (. ? ! …); raw ASR
    output has none. Meetings of only short utterances count as punctuated.

    >>> is_punctuated(["ja dat klopt wel", "en wat krijgen we ervoor"]), is_punctuated(["Ja, dat klopt.", "Oké"])
    (False, True)
    """
    long = [t for t in texts if len(t.split()) >= 3]
    return not long or 2 * sum(bool(_SENTENCE_MARK.search(t)) for t in long) >= len(long)


def block_inputs(texts: list[str], opening_words: int, closing_words: int) -> dict[str, list[str]]:
    """What each n-gram block of an act model reads: the lower-cased utterance ("words", also the character
    n-grams), its first ``opening_words`` words ("opening") and its last ``closing_words`` words ("closing")."""
    lowered = [str(t).lower() for t in texts]
    return {
        "words": lowered,
        "opening": [" ".join(t.split()[:opening_words]) for t in lowered] if opening_words else [],
        "closing": [" ".join(t.split()[-closing_words:]) for t in lowered] if closing_words else [],
    }


class PlainTwin:
    """The routing between an act model and its twin for unpunctuated transcripts, for both kinds of act model.

    ``plain_`` is the twin, the folder it is loaded from on first use (``type(self).load``), or None.
    """

    plain_: Any = None

    def for_transcript(self, punctuated: bool) -> Any:
        """This model, or for an unpunctuated transcript the plain-text twin when there is one."""
        if punctuated or self.plain_ is None:
            return self
        if isinstance(self.plain_, str | Path):
            self.plain_ = type(self).load(self.plain_)  # type: ignore[attr-defined]
        return self.plain_


class CompiledActs(PlainTwin):
    """A fitted act classifier as arrays: n-gram blocks (:class:`~.tfidf.Tfidf`), the cue scaler and one logistic
    head per act. ``probabilities(texts, cues)`` equals ``ActClassifier.predict_proba(act_frame(texts, cues))``."""

    def __init__(self, spec: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        self.spec = spec
        self.arrays = arrays
        self.blocks = [
            (
                block["name"],
                Tfidf(
                    token_pattern=block["token_pattern"],
                    ngram_range=tuple(block["ngram_range"]),
                    sublinear_tf=block["sublinear_tf"],
                    vocabulary={term: column for column, term in enumerate(block["vocabulary"])},
                    idf=arrays[f"idf_{block['name']}"],
                ),
            )
            for block in spec["blocks"]
        ]

    # -- building and persistence -----------------------------------------------------------------------
    @classmethod
    def from_classifier(cls, model: Any) -> CompiledActs:
        """From a fitted ``ActClassifier`` without an external encoder or character n-grams (its plain-text twin is
        compiled into its own folder by ``ActClassifier.save``)."""
        if not cls.supports(model):
            raise ModelError("only word n-gram + cue act models (no encoder, no character n-grams) compile")
        spec: dict[str, Any] = {"format": FORMAT, "acts": list(ACTS), "features": list(FEATURES), "blocks": []}
        arrays: dict[str, np.ndarray] = {}
        fitted = [("words", model.words_)]
        fitted += [("opening", model.opening_)] if model.opening_words else []
        fitted += [("closing", model.closing_)] if model.closing_words else []
        for name, vectorizer in fitted:
            vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
            spec["blocks"].append(
                {
                    "name": name,
                    "token_pattern": vectorizer.token_pattern,
                    "ngram_range": list(vectorizer.ngram_range),
                    "sublinear_tf": vectorizer.sublinear_tf,
                    "vocabulary": vocabulary,
                }
            )
            arrays[f"idf_{name}"] = np.asarray(vectorizer.idf_, dtype=np.float64)
        spec["opening_words"], spec["closing_words"] = model.opening_words, model.closing_words
        spec["thresholds"] = [float(t) for t in model.thresholds()]
        arrays["scaler_mean"] = model.scaler_.mean_
        arrays["scaler_scale"] = model.scaler_.scale_
        width = sum(len(b["vocabulary"]) for b in spec["blocks"]) + len(FEATURES)
        coef, intercept, constant = np.zeros((len(ACTS), width)), np.zeros(len(ACTS)), np.full(len(ACTS), np.nan)
        for j, head in enumerate(model.estimators_):
            if hasattr(head, "coef_"):
                coef[j], intercept[j] = head.coef_.ravel(), float(head.intercept_[0])
            else:  # an act absent from the training data: a constant probability
                constant[j] = float(head.value)
        arrays |= {"coef": coef, "intercept": intercept, "constant": constant}
        return cls(spec, arrays)

    @staticmethod
    def supports(model: Any) -> bool:
        """Whether an ``ActClassifier`` has a compiled form: word n-grams and cues, no encoder, no character n-grams."""
        return not model.encoder and not model.char_ngrams and model.use_text and model.use_cues

    def save(self, folder: str | Path) -> None:
        """Write compiled.json and compiled.npz (``ActClassifier.save`` calls this, also for its plain twin)."""
        folder = Path(folder)
        (folder / "compiled.json").write_text(json.dumps(self.spec, ensure_ascii=False) + "\n", encoding="utf-8")
        np.savez_compressed(folder / "compiled.npz", **self.arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, folder: str | Path) -> CompiledActs:
        """Load compiled.json and compiled.npz (no pickle); raises ModelError for another folder."""
        folder = Path(folder)
        try:
            spec = json.loads((folder / "compiled.json").read_text(encoding="utf-8"))
            with np.load(folder / "compiled.npz", allow_pickle=False) as npz:
                arrays = {name: npz[name] for name in npz.files}
        except (OSError, ValueError) as exc:
            raise ModelError(f"{folder}: not a compiled act model ({exc})") from None
        if spec.get("format") != FORMAT or spec.get("features") != list(FEATURES) or spec.get("acts") != list(ACTS):
            raise ModelError(f"{folder}: compiled for other features; retrain with 'leadsignal train acts'")
        model = cls(spec, arrays)
        if (folder / PLAIN / "compiled.json").exists():
            model.plain_ = folder / PLAIN  # loaded by for_transcript(False) when an unpunctuated meeting comes
        return model

    # -- prediction ---------------------------------------------------------------------------------------
    def thresholds(self) -> np.ndarray:
        """The probability threshold of each act, in ACTS order."""
        return np.array(self.spec["thresholds"])

    def probabilities(self, texts: list[str], cues: np.ndarray) -> np.ndarray:
        """(n, 7) act probabilities, in the operations and order of ``ActClassifier.predict_proba``. Each row
        depends on its utterance alone, so long meetings are done :data:`CHUNK` utterances at a time (the n-gram
        matrices of a 5-million-word meeting at once took over a gigabyte)."""
        if len(texts) > CHUNK:
            return np.vstack(
                [self._probabilities(texts[i : i + CHUNK], cues[i : i + CHUNK]) for i in range(0, len(texts), CHUNK)]
            )
        return self._probabilities(texts, cues)

    def _probabilities(self, texts: list[str], cues: np.ndarray) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(ACTS)))
        inputs = block_inputs(texts, self.spec["opening_words"], self.spec["closing_words"])
        design = [tfidf.transform(inputs[name]) for name, tfidf in self.blocks]
        scaled = np.array(cues, dtype=float)
        scaled -= self.arrays["scaler_mean"]
        scaled /= self.arrays["scaler_scale"]
        design.append(sparse.csr_matrix(scaled))
        x = sparse.hstack(design, format="csr")
        columns = []
        for j in range(len(ACTS)):
            if not np.isnan(self.arrays["constant"][j]):
                columns.append(np.full(len(texts), self.arrays["constant"][j]))
                continue
            scores = x @ self.arrays["coef"][j][:, None] + self.arrays["intercept"][j]
            columns.append(expit(scores.reshape(-1)))
        return np.column_stack(columns)
