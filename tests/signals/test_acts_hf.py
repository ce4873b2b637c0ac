"""The act classifier on a local transformers model's sentence vectors (embed + classify), with a tiny BERT."""

import numpy as np
import pytest

pytest.importorskip("transformers")
pytest.importorskip("torch")

import leadsignal  # noqa: E402
from leadsignal.config import Config  # noqa: E402
from leadsignal.signals.acts import ACTS, ActClassifier, act_frame  # noqa: E402
from leadsignal.signals.cues import FEATURES  # noqa: E402

TEXTS = [
    "Ik stel voor dat we de planning per week maken.",
    "Goed idee.",
    "Ja maar dat kan niet.",
    "Ik stel voor dat we de zomer rooster maken.",
    "Ja, goed idee.",
    "Maar dat kan niet in de zomer.",
] * 3


def training_data():
    rng = np.random.default_rng(0)
    X = act_frame(TEXTS, rng.normal(size=(len(TEXTS), len(FEATURES))))
    Y = np.zeros((len(TEXTS), len(ACTS)), dtype=int)
    for i, t in enumerate(TEXTS):
        Y[i, ACTS.index("proposal")] = "stel voor" in t
        Y[i, ACTS.index("agreement")] = "goed idee" in t.lower()
        Y[i, ACTS.index("disagreement")] = "kan niet" in t
    return X, Y


def test_embed_and_classify_round_trip(tiny_bert, tmp_path):
    X, Y = training_data()
    model = ActClassifier(encoder=f"hf:{tiny_bert}", use_text=False, C=10.0).fit(X, Y)
    before = model.predict_proba(X)
    assert before.shape == (len(TEXTS), len(ACTS))
    # With only the sentence vectors and noise cues as input, the training labels are still learnt.
    assert (model.predict(X)[:, ACTS.index("proposal")] == Y[:, ACTS.index("proposal")]).mean() > 0.8
    model.save(tmp_path / "acts-hf")
    loaded = ActClassifier.load(tmp_path / "acts-hf")
    assert loaded.encoder == f"hf:{tiny_bert}"
    np.testing.assert_allclose(loaded.predict_proba(X), before, rtol=1e-6)


def test_analyse_with_an_hf_act_model(tiny_bert, tmp_path, good):
    X, Y = training_data()
    ActClassifier(encoder=f"hf:{tiny_bert}").fit(X, Y).save(tmp_path / "acts-hf")
    meeting = leadsignal.read(good / "teams.vtt")
    analysis = leadsignal.analyse(meeting, Config(acts_model=str(tmp_path / "acts-hf")))
    assert len(analysis.acts) == len(meeting.utterances)
    assert all(set(a) <= set(ACTS) for a in analysis.acts)
