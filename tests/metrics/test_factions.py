"""Faction clustering and the sign-permutation test of its split."""

import itertools

import networkx as nx
import numpy as np
import pytest

from leadsignal.metrics.factions import FactionClusterer, faction_p_value


def _camps(support: int, oppose: int) -> nx.DiGraph:
    """Two camps {A, B, C} and {D, E, F}: support inside a camp, opposition across."""
    g = nx.DiGraph()
    left, right = ["A", "B", "C"], ["D", "E", "F"]
    for camp in (left, right):
        for u, v in itertools.permutations(camp, 2):
            g.add_edge(u, v, positive=support, negative=0)
    for u, v in itertools.product(left, right):
        g.add_edge(u, v, positive=0, negative=oppose)
    return g


SPEAKERS = list("ABCDEF")


def test_clear_camps_are_found_and_significant():
    g = _camps(support=2, oppose=2)
    p = faction_p_value(g, SPEAKERS, {}, bias=0.02)
    assert p < 0.05
    assert p == faction_p_value(g, SPEAKERS, {}, bias=0.02)  # deterministic


def test_random_signs_are_rarely_significant():
    # under the null (signs independent of the pair) p < 0.05 should come up about 5 % of the time
    rng = np.random.default_rng(3)
    small = []
    for _ in range(40):
        g = nx.DiGraph()
        for u, v in itertools.permutations(SPEAKERS, 2):
            if rng.random() < 0.4:
                sign = "positive" if rng.random() < 0.5 else "negative"
                g.add_edge(u, v, **{sign: 1})
        small.append(faction_p_value(g, SPEAKERS, {}, bias=0.02, permutations=99) < 0.05)
    assert sum(small) <= 6


def test_one_group_and_no_acts_give_one():
    friendly = nx.DiGraph([(u, v, {"positive": 1}) for u, v in itertools.permutations(SPEAKERS, 2)])
    assert FactionClusterer(bias=0.02).fit(np.ones((6, 6))).labels_.tolist() == [0] * 6
    assert faction_p_value(friendly, SPEAKERS, {}, bias=0.02) == 1.0
    empty = nx.DiGraph()
    empty.add_nodes_from(SPEAKERS)
    assert faction_p_value(empty, SPEAKERS, {}, bias=0.02) == 1.0


@pytest.mark.parametrize("stop_after", [1, 10])
def test_p_value_bounds(stop_after):
    g = _camps(support=1, oppose=1)
    p = faction_p_value(g, SPEAKERS, {}, bias=0.02, permutations=49, stop_after=stop_after)
    assert 1 / 50 <= p <= 1.0


def test_clusterer_recovers_noisy_camps():
    # camps of sizes 2 and 3, ties of ±1 with Gaussian noise (sd 0.3)
    rng = np.random.default_rng(0)
    for _ in range(20):
        truth = np.array([0, 0, 1, 1, 1])
        a = np.where(truth[:, None] == truth[None, :], 1.0, -1.0) + rng.normal(0, 0.3, (5, 5))
        a = (a + a.T) / 2
        np.fill_diagonal(a, 0)
        labels = FactionClusterer(bias=0.0).fit(a).labels_
        assert labels.tolist() == [0, 0, 1, 1, 1]


def test_estimator_contract_without_scikit_learn_base():
    from sklearn.base import clone

    model = FactionClusterer(bias=0.3)
    copy = clone(model)
    assert copy is not model and copy.get_params() == {"bias": 0.3}
    assert model.set_params(bias=0.1) is model and model.bias == 0.1
    a = np.array([[0, 1, -1], [1, 0, -1], [-1, -1, 0]], dtype=float)
    assert model.fit_predict(a).tolist() == model.fit(a).labels_.tolist() == [0, 0, 1]
    with pytest.raises(ValueError):
        model.set_params(alpha=1)


def test_many_speakers_cluster_the_most_active_and_attach_the_rest():
    from leadsignal.metrics.factions import MAX_CLUSTERED_SPEAKERS, faction_split

    n = MAX_CLUSTERED_SPEAKERS + 20
    speakers = [f"S{k}" for k in range(n)]
    turns = {s: (5 if k < MAX_CLUSTERED_SPEAKERS else 1) for k, s in enumerate(speakers)}
    g = nx.DiGraph()
    g.add_nodes_from(speakers)
    # two camps among the active speakers (support within, objection across); each quiet speaker supports one
    # active speaker of camp B
    camp_a, camp_b = speakers[:50], speakers[50:MAX_CLUSTERED_SPEAKERS]
    for group in (camp_a, camp_b):
        g.add_edges_from(((u, v) for u in group for v in group if u != v), positive=1)
    g.add_edges_from(((u, v) for u in camp_a for v in camp_b), negative=1)
    for k, quiet in enumerate(speakers[MAX_CLUSTERED_SPEAKERS:]):
        g.add_edge(quiet, camp_b[k], positive=2)
    split = faction_split(speakers, g, turns, [""] * n, bias=0.02, text_weight=0.0)
    assert len(split.labels) == n and [len(f.members) for f in split.factions] == [50, 70]
    assert split.p_value < 0.05
    quiet_labels = {split.labels[s] for s in speakers[MAX_CLUSTERED_SPEAKERS:]}
    assert quiet_labels == {split.labels[camp_b[0]]} != {split.labels[camp_a[0]]}
