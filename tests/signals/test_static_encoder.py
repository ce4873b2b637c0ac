"""The static word-vector table distilled from e5 (models/static-nl): read with numpy alone."""

from __future__ import annotations

import pytest


def test_the_static_table_encodes_without_any_model(tmp_path):
    import numpy as np

    from leadsignal.errors import ConfigError
    from leadsignal.signals.encoders import StaticEncoder, get_encoder

    encoder = get_encoder("static")
    assert isinstance(encoder, StaticEncoder) and encoder.wants == "text"
    vectors = encoder.encode(["Zullen we de begroting aanpassen?", "xqzv wpkt", "", "De begroting aanpassen."])
    assert vectors.shape == (4, 128)
    assert np.allclose(np.linalg.norm(vectors[[0, 3]], axis=1), 1.0, atol=1e-5)
    assert not vectors[1].any() and not vectors[2].any()  # no known word: a zero row
    assert vectors[0] @ vectors[3] > 0.5
    with pytest.raises(ConfigError, match="not a static word-vector table"):
        StaticEncoder(str(tmp_path))
