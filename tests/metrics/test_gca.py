import numpy as np
from scipy import sparse

from leadsignal.metrics.gca import _newness, gca


def test_newness_matches_least_squares_projection():
    vectors = sparse.random(60, 40, density=0.1, random_state=2, format="csr")
    fast = _newness(vectors, 7)
    dense = vectors.toarray()
    for t in range(1, 60):
        v, past = dense[t], dense[max(0, t - 7) : t]
        if not v.any():
            assert fast[t] == 0.0
            continue
        coef, *_ = np.linalg.lstsq(past.T, v, rcond=None)
        given = past.T @ coef
        perp = np.linalg.norm(v - given)
        assert abs(fast[t] - perp / (perp + np.linalg.norm(given))) < 1e-6


def test_equal_turn_taking_gives_zero_participation():
    out = gca(["A", "B"] * 3, sparse.identity(6, format="csr"), [1] * 6)
    assert out["A"]["participation"] == out["B"]["participation"] == 0.0
    assert out["A"]["responsivity"] == 0.0  # orthogonal contributions: nobody builds on anybody
