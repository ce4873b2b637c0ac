"""TF-IDF exactly as scikit-learn's ``TfidfVectorizer`` computes it (smooth idf, optional sublinear tf, L2 rows),
with numpy and scipy.sparse only.

The analysis runs on every meeting of a batch and at every cold start; importing scikit-learn costs more than a
second (it pulls in scipy.stats), so the inference path uses this module and leaves scikit-learn to training.
tests/signals/test_tfidf.py checks that both give the same matrices, bit for bit.

For a term t in a document d of a collection of n documents, df(t) of which contain t:
tf = count of t in d (``sublinear_tf``: 1 + ln count); idf = ln((1 + n) / (1 + df(t))) + 1; each row is then
divided by its Euclidean norm (``norm="l2"``).

idf(rooster) = ln(3/3) + 1 = 1, idf(zomer) = ln(3/2) + 1 = 1.405; the first row [1, 1.405] divided by its norm 1.725:

>>> m = Tfidf(token_pattern=r"(?u)\\b\\w+\\b").fit_transform(["rooster zomer", "rooster"])
>>> [round(float(v), 3) for v in m.toarray()[0]]
[0.58, 0.815]
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse

__all__ = ["Tfidf", "WORD_PATTERN"]

WORD_PATTERN = r"(?u)\b\w\w+\b"  # scikit-learn's default token pattern


def _analyzer(token_pattern: str, ngram_range: tuple[int, int]) -> Callable[[str], list[str]]:
    """Lower-case, find tokens, add word n-grams (scikit-learn's order: unigrams, then bigrams, ...)."""
    find = re.compile(token_pattern).findall
    low, high = ngram_range

    def analyse(text: str) -> list[str]:
        tokens = find(text.lower())
        if high == 1:
            return tokens
        out = list(tokens) if low == 1 else []
        for n in range(max(low, 2), min(high + 1, len(tokens) + 1)):
            out.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        return out

    return analyse


class Tfidf:
    """Fit on texts (``fit_transform``) or use a fixed ``vocabulary`` (term -> column) and ``idf``.

    Parameters mirror ``TfidfVectorizer``: ``token_pattern``, ``ngram_range``, ``sublinear_tf``, ``norm``
    (``"l2"`` or ``None``); lower-casing, smooth idf and no stop words, as its defaults.
    """

    def __init__(
        self,
        token_pattern: str = WORD_PATTERN,
        ngram_range: tuple[int, int] = (1, 1),
        sublinear_tf: bool = False,
        norm: str | None = "l2",
        vocabulary: dict[str, int] | None = None,
        idf: np.ndarray | None = None,
    ) -> None:
        self.analyse = _analyzer(token_pattern, (ngram_range[0], ngram_range[1]))
        self.sublinear_tf = sublinear_tf
        self.norm = norm
        self.vocabulary = vocabulary
        self.idf = idf

    def _counts(self, texts: Sequence[str], vocabulary: dict[str, int]) -> sparse.csr_matrix:
        indices: list[int] = []
        values: list[int] = []
        indptr = [0]
        for text in texts:
            counter: dict[int, int] = {}
            for feature in self.analyse(text):
                column = vocabulary.get(feature)
                if column is not None:
                    counter[column] = counter.get(column, 0) + 1
            indices.extend(counter)
            values.extend(counter.values())
            indptr.append(len(indices))
        counts = sparse.csr_matrix(
            (np.array(values, dtype=np.float64), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int32)),
            shape=(len(texts), len(vocabulary)),
        )
        counts.sort_indices()
        return counts

    def fit_transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        # as scikit-learn: columns numbered by first appearance, rows sorted by that number, then the columns
        # renamed to the alphabetical order of the terms (rows keep the first-appearance order, which fixes the
        # order of the sums below and so the last bits of the result)
        """Learn the vocabulary and idf from ``texts`` and return their TF-IDF matrix (as scikit-learn's)."""
        seen: dict[str, int] = {}
        for text in texts:
            for feature in self.analyse(text):
                seen.setdefault(feature, len(seen))
        if not seen:
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        counts = self._counts(texts, seen)
        terms = sorted(seen)
        rank = np.empty(len(terms), dtype=np.int32)
        rank[[seen[t] for t in terms]] = np.arange(len(terms), dtype=np.int32)
        counts.indices = rank[counts.indices]
        counts.has_sorted_indices = False
        self.vocabulary = {term: column for column, term in enumerate(terms)}
        df = np.bincount(counts.indices, minlength=len(terms)).astype(np.float64) + 1.0
        idf = np.full_like(df, fill_value=len(texts) + 1, dtype=np.float64)
        idf /= df
        np.log(idf, out=idf)
        idf += 1.0
        self.idf = idf
        return self._weigh(counts)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """TF-IDF matrix of ``texts`` with the fitted vocabulary and idf."""
        if self.vocabulary is None or self.idf is None:
            raise ValueError("Tfidf needs fit_transform first, or a vocabulary and idf")
        return self._weigh(self._counts(texts, self.vocabulary))

    def _weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        data = counts.data
        if self.sublinear_tf:
            np.log(data, data)
            data += 1.0
        assert self.idf is not None, "fit or pass idf first"
        data *= self.idf[counts.indices]
        if self.norm == "l2":
            _normalise_rows(counts)
        return counts


def _normalise_rows(m: sparse.csr_matrix) -> None:
    """Divide each row by its Euclidean norm in place, summing squares left to right as scikit-learn does."""
    data, indptr = m.data, m.indptr
    for row in range(m.shape[0]):
        begin, end = indptr[row], indptr[row + 1]
        total = 0.0
        for value in data[begin:end].tolist():
            total += value * value
        if total != 0.0:
            data[begin:end] /= math.sqrt(total)
