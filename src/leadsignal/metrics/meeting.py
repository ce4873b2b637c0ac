"""Meeting-level indices. Each function states its formula and source; examples are computed by hand."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import networkx as nx

__all__ = [
    "gini",
    "normalised_entropy",
    "density",
    "degree_centralization",
    "reciprocity",
    "shared_leadership_index",
]


def gini(values: Sequence[float]) -> float:
    """Gini coefficient of non-negative values: Σ_i Σ_j |x_i − x_j| / (2 n² x̄); 0 = equal, (n−1)/n = one holds all.

    >>> gini([1, 1, 1, 1]), gini([0, 0, 0, 4])
    (0.0, 0.75)
    """
    n = len(values)
    total = sum(values)
    if n == 0 or total == 0:
        return 0.0
    # Σ_i Σ_j |x_i − x_j| = 2 Σ_k (2k − n − 1) x_(k) over the sorted values (k = 1..n): O(n log n), not O(n²)
    diff = 2 * sum((2 * k - n - 1) * x for k, x in enumerate(sorted(values), 1))
    return diff / (2 * n * total)


def normalised_entropy(values: Sequence[float]) -> float:
    """Shannon entropy of the shares, divided by log(n): 1 = perfectly even, 0 = one holds all.

    >>> normalised_entropy([1, 1]), normalised_entropy([1, 0])
    (1.0, 0.0)
    """
    n = len(values)
    total = sum(values)
    if n < 2 or total == 0:
        return 0.0
    h = sum((v / total) * math.log(total / v) for v in values if v > 0)
    return h / math.log(n)


def density(g: nx.DiGraph, weight: str = "weight") -> float:
    """Σ w_ij / (N (N − 1)) with weights in 0–1 (Carson, Tesluk & Marrone 2007, AMJ 50(5)).

    >>> g = nx.DiGraph([("a", "b", {"weight": 1.0}), ("b", "a", {"weight": 0.5})]); g.add_node("c")
    >>> density(g)
    0.25
    """
    n = g.number_of_nodes()
    if n < 2:
        return 0.0
    return sum(w for _, _, w in g.edges(data=weight, default=1.0)) / (n * (n - 1))


def degree_centralization(g: nx.DiGraph, weight: str = "weight") -> float:
    """Freeman in-degree centralization: Σ_i (C_max − C_i) / ((N − 1)²), in-degree C_i summed over weights in 0–1
    (Freeman 1979; for shared leadership Mayo, Meindl & Pastor 2003). 1 = a star (one leader), 0 = all equal.

    >>> star = nx.DiGraph([("b", "a"), ("c", "a"), ("d", "a")])
    >>> degree_centralization(star, weight=None)
    1.0
    """
    n = g.number_of_nodes()
    if n < 2:
        return 0.0
    indeg = dict(g.in_degree(weight=weight))
    top = max(indeg.values())
    return sum(top - c for c in indeg.values()) / ((n - 1) ** 2)


def reciprocity(g: nx.DiGraph) -> float:
    """Share of edges whose reverse edge also exists (networkx overall_reciprocity); 0 without edges.

    >>> reciprocity(nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c")]))
    0.6666666666666666
    """
    return nx.overall_reciprocity(g) if g.number_of_edges() else 0.0


def shared_leadership_index(leadership_acts: Mapping[str, float], leadership: nx.DiGraph) -> float:
    """SLI in 0–1: the mean of (a) the normalised entropy of leadership acts (proposals, decisions and directives
    per speaker: how evenly steering is spread) and (b) 1 − the in-degree centralization of the leadership graph
    (how far leadership ties point to many rather than one; Mayo, Meindl & Pastor 2003; D'Innocenzo et al. 2016).

    >>> g = nx.DiGraph([("a", "b"), ("b", "a")])
    >>> shared_leadership_index({"a": 2, "b": 2}, g)
    1.0
    """
    spread = normalised_entropy(list(leadership_acts.values()))
    decentral = 1.0 - degree_centralization(leadership) if leadership.number_of_nodes() > 1 else 0.0
    return (spread + decentral) / 2
