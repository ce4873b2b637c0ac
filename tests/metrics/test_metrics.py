import networkx as nx
import numpy as np
import pytest

from leadsignal.metrics.dominance import dominance, dominance_rank
from leadsignal.metrics.factions import FactionClusterer
from leadsignal.metrics.meeting import degree_centralization, density, gini, normalised_entropy


def test_gini_and_entropy_by_hand():
    assert gini([2, 2]) == 0.0
    assert gini([0, 4]) == pytest.approx(0.5)  # (n-1)/n
    assert normalised_entropy([1, 1, 1, 1]) == pytest.approx(1.0)


def test_centralization_star_and_ring():
    ring = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    assert degree_centralization(ring, weight=None) == 0.0
    assert density(ring, weight=None) == pytest.approx(0.5)


def test_dominance_prefers_the_steering_chair_when_talk_is_equal():
    parts = {"talk_share": {"A": 0.5, "B": 0.5}, "steering": {"A": 3, "B": 0}}
    scores = dominance(parts, {"talk_share": 1.0, "steering": 0.1})
    assert dominance_rank(scores) == {"A": 1, "B": 2}


def test_factions_deterministic_and_one_group_without_evidence():
    a = np.array([[0, 2, -1], [2, 0, -1], [-1, -1, 0]], dtype=float)
    first = FactionClusterer(bias=0.0).fit(a).labels_.tolist()
    assert first == FactionClusterer(bias=0.0).fit(a).labels_.tolist() == [0, 0, 1]
    assert FactionClusterer().fit(np.zeros((4, 4))).labels_.tolist() == [0, 0, 0, 0]


def test_gini_equals_the_pairwise_definition():
    import random

    from leadsignal.metrics.meeting import gini

    rng = random.Random(3)
    for n in (1, 2, 5, 40):
        values = [rng.random() * 10 for _ in range(n)]
        pairwise = sum(abs(a - b) for a in values for b in values) / (2 * n * sum(values))
        assert abs(gini(values) - pairwise) < 1e-12
