"""The compiled act model: the same probabilities as the scikit-learn model, without importing scikit-learn."""

import subprocess
import sys

import numpy as np
import pytest
from leadsignal.models import model_path

from leadsignal.nlp import load
from leadsignal.signals.acts import ActClassifier, act_frame
from leadsignal.signals.cues import CueExtractor
from leadsignal.signals.inference import DEFAULT_MODEL, CompiledActs
from leadsignal.signals.loading import load_act_model
from tests.signals.test_acts import TEXTS, frame_and_y  # noqa: F401  (fixture)


@pytest.mark.parametrize(
    "params",
    [
        {"min_df": 1, "opening_words": 3, "char_ngrams": False},
        {"min_df": 1, "opening_words": 2, "closing_words": 3, "char_ngrams": False, "threshold": 0.3},
    ],
)
def test_compiled_probabilities_equal_the_classifier(frame_and_y, params):  # noqa: F811
    X, Y, cues = frame_and_y
    model = ActClassifier(**params).fit(X, Y)
    compiled = CompiledActs.from_classifier(model)
    texts = X["text"].tolist()
    assert np.array_equal(compiled.probabilities(texts, cues), model.predict_proba(X))
    assert np.array_equal(compiled.thresholds(), model.thresholds())
    assert compiled.probabilities([], np.zeros((0, cues.shape[1]))).shape == (0, 7)


def test_an_act_missing_from_training_stays_constant(frame_and_y):  # noqa: F811
    X, Y, cues = frame_and_y
    Y = Y.copy()
    Y[:, 6] = 0  # no backchannel in the training data
    model = ActClassifier(min_df=1, char_ngrams=False).fit(X, Y)
    probs = CompiledActs.from_classifier(model).probabilities(X["text"].tolist(), cues)
    assert np.array_equal(probs, model.predict_proba(X)) and (probs[:, 6] == 0).all()


def test_save_writes_the_compiled_form_and_load_prefers_it(tmp_path, frame_and_y):  # noqa: F811
    X, Y, cues = frame_and_y
    model = ActClassifier(min_df=1, opening_words=3, char_ngrams=False).fit(X, Y).fit_plain(X, Y)
    model.save(tmp_path / "m")
    loaded = load_act_model(tmp_path / "m")
    assert isinstance(loaded, CompiledActs)
    assert np.array_equal(loaded.probabilities(X["text"].tolist(), cues), model.predict_proba(X))
    assert isinstance(loaded.for_transcript(False), CompiledActs) and loaded.for_transcript(False) is not loaded
    with_chars = ActClassifier(min_df=1, char_ngrams=True).fit(X, Y)
    with_chars.save(tmp_path / "c")  # character n-grams do not compile: the skops model is used
    assert isinstance(load_act_model(tmp_path / "c"), ActClassifier)
    assert not (tmp_path / "c" / "compiled.json").exists()


def test_bundled_compiled_model_equals_its_skops_model():
    nlp = load()
    docs = list(nlp.pipe([t for _, t, _ in TEXTS]))
    cues = CueExtractor(nlp).transform(docs, [s for s, _, _ in TEXTS])
    texts = [t for _, t, _ in TEXTS]
    for folder in (model_path(DEFAULT_MODEL), model_path(DEFAULT_MODEL) / "plain"):
        skops_model = ActClassifier.load(folder)
        compiled = CompiledActs.load(folder)
        assert np.array_equal(compiled.probabilities(texts, cues), skops_model.predict_proba(act_frame(texts, cues)))


def test_the_analysis_imports_neither_scikit_learn_nor_skops_nor_pandas(tmp_path):
    transcript = tmp_path / "m.txt"
    transcript.write_text("Anna: Zullen we beginnen?\nBram: ja dat is goed\nAnna: Wie doet de notulen?\n")
    code = (
        "import sys; from leadsignal.analysis import analyse; from leadsignal.io import read; "
        f"analyse(read({str(transcript)!r})); "
        "print(sorted(m for m in ('sklearn', 'skops', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
