"""Factions: correlation clustering of speakers on their signed ties.

The affinity of two speakers is ``a_ij = (pos_ij − neg_ij) / sqrt(turns_i · turns_j) + γ · text_ij + bias``:
pos/neg are the support/agreement and reject/disagreement counts between them in both directions (agreement
graph), ``text_ij`` the centred similarity of what they say (:func:`text_affinity`, γ = 0.5), and ``bias`` a
small preference for staying together (0.02; no evidence means one group). γ and the bias were set on the dev
meetings; docs/metrics.md shows how sensitive the result is to them.
:class:`FactionClusterer` finds the partition that maximises Σ affinity within groups (correlation clustering,
Bansal, Blum & Chawla 2004): greedy merging from singletons, then single-speaker moves until none improves. The
number of factions follows from the data, one (no factions) included; the result is deterministic.
:func:`faction_p_value` says how much the split found can be trusted: the same clustering on the same ties with
their signs shuffled (a sign-permutation test, sequential as in Besag & Clifford 1991).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
from scipy import sparse

from ..results import Faction

__all__ = [
    "FactionClusterer",
    "FactionSplit",
    "MAX_CLUSTERED_SPEAKERS",
    "faction_p_value",
    "faction_split",
    "signed_affinity",
    "text_affinity",
]


def signed_affinity(g: nx.DiGraph, speakers: list[str], activity: dict[str, float]) -> np.ndarray:
    """Symmetric (n, n) matrix of normalised signed tie strength between speakers."""
    i, j, sign = _stance_events(g, speakers)
    return _tie_affinity(i, j, sign, _scale(speakers, activity))


def _tie_affinity(i: np.ndarray, j: np.ndarray, sign: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """Net signed acts between each pair (both directions count for the pair), divided by sqrt(turns_i · turns_j),
    with a zero diagonal."""
    n = len(scale)
    cells = np.concatenate([i * n + j, j * n + i])
    ties = np.bincount(cells, weights=np.concatenate([sign, sign]), minlength=n * n).reshape(n, n) / scale
    np.fill_diagonal(ties, 0.0)
    return ties


def _scale(speakers: list[str], activity: dict[str, float]) -> np.ndarray:
    """sqrt(turns_i · turns_j), each speaker counted with at least one turn."""
    turns = np.sqrt(np.array([max(activity.get(s, 1.0), 1.0) for s in speakers]))
    return np.outer(turns, turns)


def _stance_events(g: nx.DiGraph, speakers: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every signed act of g as (speaker index, target index, +1 or -1), edge by edge."""
    index = {s: i for i, s in enumerate(speakers)}
    rows: list[tuple[int, int, int]] = []
    for u, v, data in g.edges(data=True):
        if u in index and v in index and u != v:
            rows += [(index[u], index[v], 1)] * int(data.get("positive", 0))
            rows += [(index[u], index[v], -1)] * int(data.get("negative", 0))
    i, j, sign = (np.array(c, dtype=int) for c in zip(*rows, strict=True)) if rows else (np.zeros(0, int),) * 3
    return i, j, sign


def faction_p_value(
    g: nx.DiGraph,
    speakers: list[str],
    activity: dict[str, float],
    extra: np.ndarray | None = None,
    bias: float = 0.05,
    permutations: int = 99,
    stop_after: int = 10,
    seed: int = 0,
) -> float:
    """Sign-permutation p-value of the faction split that :class:`FactionClusterer` finds.

    The affinity is :func:`signed_affinity` of ``g`` plus ``extra`` (for example the text similarity); the statistic
    is the split's gain over one group, G = Σ_{i<j, same group} (a_ij + bias) − Σ_{i<j} (a_ij + bias) (0 for one
    group). Null hypothesis: the sign of each act (support/agreement +1, reject/disagreement −1) is unrelated to the
    pair it connects. The signs are shuffled over the same (speaker, target) acts, the clustering is run again and
    its gain G* recorded. Sequential Monte Carlo (Besag & Clifford 1991, Biometrika 78(2)): stop after
    ``stop_after`` draws with G* ≥ G, at draw l, with p = stop_after / l; otherwise p = (1 + #{G* ≥ G}) /
    (1 + permutations). One group found, or no signed acts: p = 1. Deterministic for a given ``seed``.

    Acts of one sign only cannot be told apart from their shuffles:

    >>> g = nx.DiGraph([("A", "B", {"negative": 2}), ("C", "D", {"negative": 1})])
    >>> faction_p_value(g, ["A", "B", "C", "D"], {}, bias=0.0)
    1.0
    """
    n = len(speakers)
    a0 = np.zeros((n, n)) if extra is None else np.asarray(extra, dtype=float)
    i, j, sign = _stance_events(g, speakers)
    scale = _scale(speakers, activity)

    def affinity(signs: np.ndarray) -> np.ndarray:
        return _tie_affinity(i, j, signs, scale) + a0

    def gain(a: np.ndarray) -> float:
        labels = FactionClusterer(bias=bias).fit(a).labels_
        apart = labels[:, None] != labels[None, :]
        return -float((a[apart] + bias).sum()) / 2

    observed = gain(affinity(sign))
    if observed <= 1e-12 or len(sign) == 0:
        return 1.0
    rng = np.random.default_rng(seed)
    exceed = 0
    for draw in range(1, permutations + 1):
        exceed += gain(affinity(rng.permutation(sign))) >= observed - 1e-12
        if exceed == stop_after:
            return stop_after / draw
    return (1 + exceed) / (1 + permutations)


def text_affinity(said: Sequence[str] | sparse.csr_matrix) -> np.ndarray:
    """Centred cosine similarity of what each speaker says (TF-IDF over their content lemmas): the similarity of
    two speakers minus the mean similarity of all pairs, so that only unusually similar speakers attract. ``said``
    is each speaker's content lemmas joined, or their TF-IDF rows (L2-normalised) when already computed.

    >>> text_affinity(["rooster zomer", "rooster zomer", "koffie taart"]).round(2).tolist()
    [[0.0, 0.67, -0.33], [0.67, 0.0, -0.33], [-0.33, -0.33, 0.0]]
    """
    from ..signals.encoders import TfidfEncoder

    if isinstance(said, sparse.spmatrix | sparse.sparray):
        vectors = sparse.csr_matrix(said)
    elif len(said) < 2 or not any(t.strip() for t in said):
        return np.zeros((len(said), len(said)))
    else:
        vectors = TfidfEncoder().encode(list(said))
    n = vectors.shape[0]
    if n < 2 or vectors.nnz == 0:
        return np.zeros((n, n))
    sim = (vectors @ vectors.T).toarray()
    off = ~np.eye(n, dtype=bool)
    sim = sim - sim[off].mean()
    np.fill_diagonal(sim, 0.0)
    return sim


class FactionClusterer:
    """Correlation clustering of a signed affinity matrix.

    The scikit-learn estimator contract without importing scikit-learn (the analysis does not load it):
    parameters only stored by ``__init__``, ``get_params``/``set_params`` (so ``sklearn.base.clone`` works),
    ``fit`` returns self and sets ``labels_``, ``fit_predict``.

    >>> a = np.array([[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]], dtype=float)
    >>> FactionClusterer(bias=0.0).fit(a).labels_.tolist()
    [0, 0, 1, 1]
    >>> FactionClusterer(bias=0.1).fit(np.zeros((3, 3))).labels_.tolist()
    [0, 0, 0]
    """

    def __init__(self, bias: float = 0.05) -> None:
        self.bias = bias

    def get_params(self, deep: bool = True) -> dict[str, float]:
        """The constructor parameters (scikit-learn's estimator contract)."""
        return {"bias": self.bias}

    def set_params(self, **params: float) -> FactionClusterer:
        """Set constructor parameters; returns self."""
        for name, value in params.items():
            if name not in self.get_params():
                raise ValueError(f"invalid parameter {name!r} for FactionClusterer")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        return f"FactionClusterer(bias={self.bias!r})"

    def fit_predict(self, X: np.ndarray, y=None) -> np.ndarray:
        """``fit(affinity).labels_``."""
        return self.fit(X).labels_

    def fit(self, X: np.ndarray, y=None) -> FactionClusterer:
        """Cluster the speakers of a symmetric (n, n) signed affinity matrix; sets ``labels_``, returns self."""
        a = np.asarray(X, dtype=float) + self.bias
        np.fill_diagonal(a, 0.0)
        n = a.shape[0]
        # plain Python lists: meetings have few speakers, and numpy's per-call cost would dominate
        groups: list[list[int]] = [[i] for i in range(n)]
        between = a.tolist()  # between[x][y]: total affinity of groups x and y
        while len(groups) > 1:  # greedy: merge the pair with the largest positive gain (first such pair on ties)
            best, pair = 0.0, None
            for x, row in enumerate(between):
                for y_ in range(x + 1, len(groups)):
                    if row[y_] > best + 1e-12:
                        best, pair = row[y_], (x, y_)
            if pair is None:
                break
            x, y_ = pair
            groups[x] += groups.pop(y_)
            gone = between.pop(y_)
            between[x] = [v + w for v, w in zip(between[x], gone, strict=True)]
            for row in between:
                row[x] += row.pop(y_)
        labels = [0] * n
        for k, members in enumerate(groups):
            for i in members:
                labels[i] = k
        self.labels_ = _canonical(np.array(self._refine(a.tolist(), labels), dtype=int))
        return self

    @staticmethod
    def _refine(a: list[list[float]], labels: list[int]) -> list[int]:
        """Move single speakers to the group (or a new singleton) that raises within-group affinity most."""
        n = len(labels)
        size = [labels.count(k) for k in range(max(labels, default=0) + 1)]
        sums = [[0.0] * len(size) for _ in range(n)]  # sums[j][k]: affinity of speaker j to the members of group k
        for j in range(n):
            for i, k in enumerate(labels):
                sums[j][k] += a[j][i]
        for _ in range(50):
            moved = False
            for i in range(n):
                row = sums[i]
                best, best_value = None, 0.0
                for k, count in enumerate(size):
                    if count and (best is None or row[k] > best_value):
                        best, best_value = k, row[k]
                fresh = max(k for k, count in enumerate(size) if count) + 1
                if best is None or best_value < 0.0 or (best_value == 0.0 and fresh < best):
                    best, best_value = fresh, 0.0
                if best_value > row[labels[i]] + 1e-12:
                    if best == len(size):
                        size.append(0)
                        for r in sums:
                            r.append(0.0)
                    old = labels[i]
                    size[old] -= 1
                    size[best] += 1
                    for j in range(n):
                        sums[j][old] -= a[j][i]
                        sums[j][best] += a[j][i]
                    labels[i] = best
                    moved = True
            if not moved:
                break
        return labels


def _canonical(labels: np.ndarray) -> np.ndarray:
    """Relabel so that groups are numbered by first appearance (deterministic output)."""
    mapping: dict[int, int] = {}
    return np.array([mapping.setdefault(int(k), len(mapping)) for k in labels], dtype=int)


@dataclass(frozen=True)
class FactionSplit:
    """The factions of a meeting: a label per speaker, the groups, their modularity in the positive agreement
    graph and the sign-permutation p-value of the split."""

    labels: dict[str, int]
    factions: tuple[Faction, ...]
    modularity: float
    p_value: float


ALPHA = 0.05
"""A split whose sign-permutation p-value is above this is weak evidence of camps (the report and the CLI say so)."""

MAX_CLUSTERED_SPEAKERS = 100
"""Above this many speakers, only the most active are clustered (the clustering is cubic in the speakers)."""


def faction_split(
    speakers: list[str],
    agreement: nx.DiGraph,
    turns: Mapping[str, int],
    said: Sequence[str] | sparse.csr_matrix,
    bias: float,
    text_weight: float,
) -> FactionSplit:
    """Cluster the speakers on :func:`signed_affinity` (activity = turns) plus ``text_weight`` × the
    :func:`text_affinity` of ``said`` (each speaker's content lemmas joined, or their TF-IDF rows), with the
    split's p-value and its modularity in the graph of positive ties (Newman 2006; 0 with one group or no
    positive tie).

    A meeting of more than :data:`MAX_CLUSTERED_SPEAKERS` speakers (a plenary, a large consultation) clusters its
    most active ones (by turns; ties in order of appearance) and tests that split; every other speaker joins the
    faction of the clustered speaker they have the strongest positive affinity with, else faction 0."""
    activity = {s: float(turns[s]) for s in speakers}
    text = text_weight * text_affinity(said)
    affinity = signed_affinity(agreement, speakers, activity) + text
    core = list(range(len(speakers)))
    if len(speakers) > MAX_CLUSTERED_SPEAKERS:
        top = set(sorted(core, key=lambda k: -activity[speakers[k]])[:MAX_CLUSTERED_SPEAKERS])
        core = [k for k in core if k in top]
    core_names = [speakers[k] for k in core]
    core_affinity = affinity[np.ix_(core, core)]
    found = FactionClusterer(bias=bias).fit(core_affinity).labels_.tolist() if core else []
    p_value = faction_p_value(agreement, core_names, activity, text[np.ix_(core, core)], bias=bias)
    label_of = dict(zip(core, found, strict=True))
    for k in range(len(speakers)):
        if k not in label_of:
            row = affinity[k, core]
            label_of[k] = found[int(np.argmax(row))] if row.size and row.max() > 0 else 0
    labels = {speakers[k]: int(label_of[k]) for k in range(len(speakers))}
    members: dict[int, list[str]] = {}
    for name, label in labels.items():
        members.setdefault(label, []).append(name)
    factions = tuple(Faction(k, tuple(members[k])) for k in sorted(members))
    positive = nx.Graph()
    positive.add_nodes_from(speakers)
    for u, v, w in agreement.edges(data="positive", default=0):
        if w:
            prior = positive[u][v]["weight"] if positive.has_edge(u, v) else 0
            positive.add_edge(u, v, weight=prior + w)
    communities = [set(f.members) for f in factions]
    modularity = (
        nx.community.modularity(positive, communities) if positive.number_of_edges() and len(communities) > 1 else 0.0
    )
    return FactionSplit(labels, factions, modularity, p_value)
