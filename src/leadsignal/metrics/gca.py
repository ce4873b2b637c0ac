"""Group Communication Analysis (Dowell, Nixon & Graesser 2019, Behavior Research Methods 51(3)).

Contributions c_1..c_n in order, k speakers, S(i, j) the cosine similarity of contributions i and j.

- participation P̂_a = (p̄_a − 1/k) / (1/k), p̄_a the speaker's share of contributions (0 = an equal share);
- cross-cohesion ξ_ab(τ) = mean S(c_t, c_{t−τ}) over t with speaker(c_t) = a and speaker(c_{t−τ}) = b, i.e. a
  responding to b τ contributions later; ξ_ab = mean of the defined ξ_ab(τ) over τ = 1..w;
- overall responsivity_a = mean over b ≠ a of ξ_ab (how a builds on others); social impact_a = mean over b ≠ a of
  ξ_ba (how others build on a); internal cohesion_a = ξ_aa;
- newness of c_t = ‖proj⊥(c_t)‖ / (‖proj⊥(c_t)‖ + ‖proj(c_t)‖), proj onto the span of the earlier contributions
  (here the ``history`` = 8 latest, to stay linear in meeting length), proj⊥ the rest; a speaker's newness is the mean
  over their contributions;
- communication density of c_t = ‖c_t‖ / (words in c_t), with unnormalised vectors; mean per speaker.

Convention: ξ_ab is "a responds to b" as above; the gca_analyzer package writes the indices the other way round.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

if TYPE_CHECKING:
    from ..signals.tfidf import Terms

__all__ = ["gca", "contribution_vectors"]

MEASURES = (
    "participation",
    "social_impact",
    "responsivity",
    "internal_cohesion",
    "newness",
    "communication_density",
)


def gca(
    speakers: Sequence[str | None],
    vectors: np.ndarray | sparse.spmatrix,
    lengths: Sequence[int],
    window: int = 5,
    history: int = 8,
) -> dict[str, dict[str, float]]:
    """The six GCA measures per speaker from contribution vectors (rows, unnormalised) and word counts.

    A speaks, B repeats A (cosine 1), A answers with [3, 4] (cosine 3/5 with B; 4 of its 7 units of norm are
    outside the span of what was said before):

    >>> v = np.array([[1.0, 0.0], [1.0, 0.0], [3.0, 4.0]])
    >>> out = gca(["A", "B", "A"], v, [1, 1, 2], window=1)
    >>> out["B"]["responsivity"], out["A"]["social_impact"], out["A"]["responsivity"]
    (1.0, 1.0, 0.6)
    >>> out["A"]["participation"], out["B"]["participation"]
    (0.333333, -0.333333)
    >>> out["A"]["newness"], out["B"]["newness"], out["A"]["communication_density"]
    (0.785714, 0.0, 1.75)
    """
    names = list(dict.fromkeys(s for s in speakers if s is not None))
    k = len(names)
    n = len(speakers)
    out: dict[str, dict[str, float]] = {s: dict.fromkeys(MEASURES, 0.0) for s in names}
    if n == 0 or k == 0:
        return out
    vectors = sparse.csr_matrix(vectors, dtype=float)
    norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
    unit = sparse.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ vectors
    index = {s: i for i, s in enumerate(names)}
    sums = np.zeros((window, k, k))
    counts = np.zeros((window, k, k))
    for tau in range(1, window + 1):
        if tau >= n:
            break
        sims = np.asarray(unit[tau:].multiply(unit[:-tau]).sum(axis=1)).ravel()
        for t, sim in zip(range(tau, n), sims, strict=True):
            responder, earlier = speakers[t], speakers[t - tau]
            if responder is not None and earlier is not None:
                sums[tau - 1, index[responder], index[earlier]] += sim
                counts[tau - 1, index[responder], index[earlier]] += 1
    with np.errstate(invalid="ignore"):
        per_tau = sums / counts
    defined = counts > 0
    xi = np.where(
        defined.any(axis=0),
        np.nansum(np.where(defined, per_tau, 0.0), axis=0) / np.maximum(defined.sum(axis=0), 1),
        0.0,
    )
    by_speaker: dict[str, list[int]] = {name: [] for name in names}
    for t, s in enumerate(speakers):
        if s is not None:
            by_speaker[s].append(t)
    contributions = np.array([len(by_speaker[name]) for name in names], dtype=float)
    share = contributions / contributions.sum()
    newness = _newness(vectors, history)
    for a, name in enumerate(names):
        others = [b for b in range(k) if b != a]
        mine = by_speaker[name]
        out[name] = {
            "participation": round(float((share[a] - 1 / k) * k), 6),
            "social_impact": round(float(np.mean(xi[others, a])) if others else 0.0, 6),
            "responsivity": round(float(np.mean(xi[a, others])) if others else 0.0, 6),
            "internal_cohesion": round(float(xi[a, a]), 6),
            "newness": round(float(np.mean(newness[mine])), 6),
            "communication_density": round(float(np.mean([norms[t] / max(1, lengths[t]) for t in mine])), 6),
        }
    return out


def _lagged_dots(vectors: sparse.csr_matrix, lags: int) -> np.ndarray:
    """D[t, τ] = <c_t, c_{t−τ}> for τ = 0..lags (0 where t − τ < 0)."""
    n = vectors.shape[0]
    dots = np.zeros((n, lags + 1))
    for tau in range(lags + 1):
        if tau < n:
            dots[tau:, tau] = np.asarray(vectors[tau:].multiply(vectors[: n - tau]).sum(axis=1)).ravel()
    return dots


def _newness(vectors: sparse.csr_matrix, history: int) -> np.ndarray:
    """‖proj⊥‖ / (‖proj⊥‖ + ‖proj‖) of each row against the span of the ``history`` rows before it.

    From Gram matrices of dot products only (no per-row slicing): with p_i = c_{t−1−i} and g_i = <c_t, p_i>,
    ‖proj‖² = gᵀ G⁺ g for G_ij = <p_i, p_j>, solved in batches.
    """
    n = vectors.shape[0]
    dots = _lagged_dots(vectors, history)
    total = np.sqrt(dots[:, 0])
    out = np.zeros(n)
    if n == 0:
        return out
    out[0] = 1.0 if total[0] > 0 else 0.0
    i, j = np.meshgrid(np.arange(history), np.arange(history), indexing="ij")
    lag = np.abs(i - j)
    first = np.minimum(i, j)
    for begin in range(1, n, 4096):
        t = np.arange(begin, min(n, begin + 4096))
        rows = t[:, None, None] - 1 - first[None]  # index of the later of the two past rows
        valid = (t[:, None, None] - 1 - np.maximum(i, j)[None]) >= 0
        gram = np.where(valid, dots[np.clip(rows, 0, None), lag[None]], 0.0)
        g = np.where(np.arange(history)[None] < t[:, None], dots[t][:, 1:], 0.0)
        projected = np.einsum("ni,nij,nj->n", g, np.linalg.pinv(gram, rtol=1e-10, hermitian=True), g)
        given = np.sqrt(np.clip(projected, 0.0, total[t] ** 2))
        perp = np.sqrt(np.clip(total[t] ** 2 - given**2, 0.0, None))
        out[t] = np.divide(perp, perp + given, out=np.zeros_like(perp), where=(perp + given) > 0)
    return out


def contribution_vectors(
    content_lemmas: Sequence[Sequence[str]], text_vectors: np.ndarray | None = None, terms: Terms | None = None
) -> np.ndarray | sparse.spmatrix:
    """The contribution vectors GCA compares: a text encoder's vectors of each utterance when one was used, else
    raw TF-IDF over each utterance's content lemmas (unnormalised, so that communication density means something;
    from ``terms``, the :class:`~leadsignal.signals.tfidf.Terms` of those lemmas, when given)."""
    if text_vectors is not None:
        return text_vectors
    if terms is not None:
        return terms.tfidf(norm=None)
    from ..signals.encoders import TfidfEncoder

    return TfidfEncoder(norm=None).encode([" ".join(lemmas) for lemmas in content_lemmas])
