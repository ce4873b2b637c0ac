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

__all__ = ["Tfidf", "Terms", "WORD_PATTERN"]

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
        self.find = re.compile(token_pattern).findall
        self.ngram_range = (ngram_range[0], ngram_range[1])
        self.sublinear_tf = sublinear_tf
        self.norm = norm
        self.vocabulary = vocabulary
        self.idf = idf
        self._pairs: _PairIndex | None = None  # the vocabulary as word numbers, made on the first transform

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
        self.idf = _smooth_idf(np.bincount(counts.indices, minlength=len(terms)), len(texts))
        return self._weigh(counts)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """TF-IDF matrix of ``texts`` with the fitted vocabulary and idf."""
        if self.vocabulary is None or self.idf is None:
            raise ValueError("Tfidf needs fit_transform first, or a vocabulary and idf")
        if self.ngram_range in ((1, 1), (1, 2)):
            return self._weigh(self._pair_counts(texts))
        return self._weigh(self._counts(texts, self.vocabulary))

    def _pair_counts(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """The counts of ``_counts`` for unigrams and bigrams, with one dictionary look-up per token: each word of
        the vocabulary gets a number, and bigrams are found among the pairs of numbers with numpy."""
        if self._pairs is None:
            self._pairs = _PairIndex(self.vocabulary or {})
        index = self._pairs
        get = index.word_ids.get
        ids: list[int] = []
        lengths: list[int] = []
        for text in texts:
            found = [get(t, -1) for t in self.find(text.lower())]
            ids.extend(found)
            lengths.append(len(found))
        words = np.array(ids, dtype=np.int64)
        row_of = np.repeat(np.arange(len(texts)), lengths)
        uni = np.where(words >= 0, index.unigram_column[words], -1)  # (-1: a word outside the vocabulary)
        rows, columns = [row_of[uni >= 0]], [uni[uni >= 0]]
        if self.ngram_range[1] == 2 and len(words) > 1 and len(index.bigram_keys):
            first, second = words[:-1], words[1:]
            pair = (first >= 0) & (second >= 0) & (row_of[:-1] == row_of[1:])
            keys = first[pair] * index.size + second[pair]
            at = np.searchsorted(index.bigram_keys, keys)
            at[at == len(index.bigram_keys)] = 0
            hit = index.bigram_keys[at] == keys
            rows.append(row_of[:-1][pair][hit])
            columns.append(index.bigram_column[at[hit]])
        counts = sparse.csr_matrix(
            (np.ones(sum(len(r) for r in rows)), (np.concatenate(rows), np.concatenate(columns))),
            shape=(len(texts), len(self.vocabulary or {})),
        )
        counts.sum_duplicates()
        return counts

    def _weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        assert self.idf is not None, "fit or pass idf first"
        _tf_idf(counts, self.idf, self.sublinear_tf)
        if self.norm == "l2":
            _normalise_rows(counts)
        return counts


class _PairIndex:
    """A unigram and bigram vocabulary as numbers: each word in it gets an id; ``unigram_column[id]`` is the
    word's column (-1 when it is only part of bigrams); bigram (a, b) is the key a * size + b, sorted."""

    def __init__(self, vocabulary: dict[str, int]) -> None:
        self.word_ids: dict[str, int] = {}
        for term in vocabulary:
            for word in term.split(" "):
                self.word_ids.setdefault(word, len(self.word_ids))
        self.size = len(self.word_ids)
        self.unigram_column = np.full(self.size, -1, dtype=np.int64)
        keys, columns = [], []
        for term, column in vocabulary.items():
            parts = term.split(" ")
            if len(parts) == 1:
                self.unigram_column[self.word_ids[term]] = column
            else:
                keys.append(self.word_ids[parts[0]] * self.size + self.word_ids[parts[1]])
                columns.append(column)
        order = np.argsort(np.array(keys, dtype=np.int64), kind="stable")
        self.bigram_keys = np.array(keys, dtype=np.int64)[order]
        self.bigram_column = np.array(columns, dtype=np.int64)[order]


class Terms:
    """The term counts of a collection of texts (a meeting's utterances), tokenised once; the TF-IDF of the whole
    collection, of a subset of its texts or of groups of them joined is then computed without reading the texts
    again. Lower-cased, ``token_pattern`` tokens, columns in the alphabetical order of the terms.

    ``tfidf(...)`` gives the values of ``Tfidf(token_pattern, sublinear_tf=..., norm=...).fit_transform`` on the
    same texts (joined per group), up to the order of floating-point sums. The analysis fits TF-IDF three times per
    meeting on its content lemmas (uptake candidates, GCA, faction text affinity): this tokenises them once.

    >>> terms = Terms(["rooster zomer", "rooster", "koffie"])
    >>> [round(float(v), 3) for v in terms.tfidf(rows=[0, 1], sublinear_tf=False).toarray()[0]]
    [0.0, 0.58, 0.815]
    >>> terms.tfidf(groups=[[0, 1], [2]], norm=None).toarray().round(3).tolist()
    [[0.0, 2.38, 1.405], [1.405, 0.0, 0.0]]
    """

    def __init__(self, texts: Sequence[str], token_pattern: str = r"(?u)\b\w+\b") -> None:
        find = re.compile(token_pattern).findall
        seen: dict[str, int] = {}
        columns: list[int] = []
        indptr = [0]
        for text in texts:
            columns.extend([seen.setdefault(t, len(seen)) for t in find(text.lower())])
            indptr.append(len(columns))
        terms = sorted(seen)
        rank = np.empty(len(terms), dtype=np.int32)
        rank[[seen[t] for t in terms]] = np.arange(len(terms), dtype=np.int32)
        self.terms = terms
        self.counts = sparse.csr_matrix(
            (np.ones(len(columns)), rank[np.array(columns, dtype=np.int64)], np.array(indptr, dtype=np.int64)),
            shape=(len(texts), max(1, len(terms))),
        )
        self.counts.sum_duplicates()  # one entry per (text, term), columns sorted

    def tfidf(
        self,
        rows: Sequence[int] | None = None,
        groups: Sequence[Sequence[int]] | None = None,
        sublinear_tf: bool = True,
        norm: str | None = "l2",
    ) -> sparse.csr_matrix:
        """TF-IDF fitted on the texts ``rows`` (all by default), or on ``groups`` of texts each joined into one;
        a row per text (group). No term at all: one zero column, as :class:`TfidfEncoder` gives."""
        counts = self.counts if rows is None else self.counts[np.asarray(rows, dtype=np.int64)]
        if groups is not None:
            member = [k for group in groups for k in group]
            owner = [g for g, group in enumerate(groups) for _ in group]
            join = sparse.csr_matrix((np.ones(len(member)), (owner, member)), shape=(len(groups), counts.shape[0]))
            counts = join @ counts
        counts = sparse.csr_matrix(counts, dtype=np.float64, copy=True)
        counts.sort_indices()
        if not self.terms:
            return counts
        _tf_idf(
            counts, _smooth_idf(np.bincount(counts.indices, minlength=counts.shape[1]), counts.shape[0]), sublinear_tf
        )
        if norm == "l2":  # all rows at once (Tfidf keeps scikit-learn's order of the sums instead)
            lengths = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
            lengths[lengths == 0.0] = 1.0
            counts.data /= np.repeat(lengths, np.diff(counts.indptr))
        return counts


def _smooth_idf(df: np.ndarray, n_documents: int) -> np.ndarray:
    """idf = ln((1 + n) / (1 + df)) + 1, in scikit-learn's operations and order."""
    idf = np.full(len(df), fill_value=n_documents + 1, dtype=np.float64)
    idf /= df.astype(np.float64) + 1.0
    np.log(idf, out=idf)
    idf += 1.0
    return idf


def _tf_idf(counts: sparse.csr_matrix, idf: np.ndarray, sublinear_tf: bool) -> None:
    """Counts to tf (1 + ln count with ``sublinear_tf``) times idf, in place."""
    data = counts.data
    if sublinear_tf:
        np.log(data, data)
        data += 1.0
    data *= idf[counts.indices]


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
