"""The hf:PATH encoder on a tiny BERT built inside the test (nothing downloaded)."""

import numpy as np
import pytest

transformers = pytest.importorskip("transformers")
pytest.importorskip("torch")

import leadsignal  # noqa: E402
from leadsignal.config import Config  # noqa: E402
from leadsignal.errors import ConfigError  # noqa: E402
from leadsignal.signals.encoders import get_encoder  # noqa: E402


def test_vectors_are_normalised_and_deterministic(tiny_bert):
    encoder = get_encoder(f"hf:{tiny_bert}")
    vectors = encoder.encode(
        [
            "Ik stel voor dat we de planning per week maken.",
            "Goed idee.",
            "Ik stel voor dat we de planning per week maken.",
        ]
    )
    assert vectors.shape == (3, 16)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert float(vectors[0] @ vectors[2]) == pytest.approx(1.0, abs=1e-5)
    assert float(vectors[0] @ vectors[1]) < 0.9999


def test_full_analysis_with_hf_encoder(tiny_bert, good):
    meeting = leadsignal.read(good / "teams.vtt")
    analysis = leadsignal.analyse(meeting, Config(encoder=f"hf:{tiny_bert}"))
    assert len(analysis.to_dict()["utterances"]) == len(meeting.utterances)


def test_missing_model_folder_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="not a local transformers model"):
        get_encoder(f"hf:{tmp_path / 'absent'}")
