"""The act layer: cue rules, the classifier contract and its skops round trip."""

import numpy as np
import pytest
from sklearn.base import clone

from leadsignal.errors import ModelError
from leadsignal.nlp import load
from leadsignal.signals.acts import ACTS, ActClassifier, act_frame, acts_matrix, is_punctuated, plain_text
from leadsignal.signals.cues import FEATURES, CueExtractor, rule_acts

TEXTS = [
    ("A", "Ik stel voor dat we de roosters per week maken.", ["proposal"]),
    ("B", "Goed idee, dat scheelt veel gedoe.", ["agreement"]),
    ("C", "Ja maar dat kan echt niet op de PG.", ["disagreement"]),
    ("A", "Hoeveel mensen zitten er in de flexpool?", ["question"]),
    ("B", "Hm-hm.", ["backchannel"]),
    ("A", "Dan doen we het zo: per week, vanaf juli.", ["decision"]),
    ("A", "Bram, jij stuurt de planning vandaag nog rond.", ["directive"]),
    ("C", "Zullen we de vrijwilligers ook vragen?", ["proposal", "question"]),
]


@pytest.fixture(scope="module")
def frame_and_y():
    nlp = load()
    docs = list(nlp.pipe([t for _, t, _ in TEXTS]))
    cues = CueExtractor(nlp).transform(docs, [s for s, _, _ in TEXTS])
    return act_frame([t for _, t, _ in TEXTS], cues), acts_matrix([a for _, _, a in TEXTS]), cues


def test_rule_layer_on_clear_cases(frame_and_y):
    _, _, cues = frame_and_y
    rules = rule_acts(cues)
    assert "proposal" in rules[0]
    assert "agreement" in rules[1]
    assert "disagreement" in rules[2]
    assert "question" in rules[3]
    assert rules[4] == ["backchannel"]
    assert "decision" in rules[5]
    assert "directive" in rules[6]


def test_question_without_question_mark():
    nlp = load()
    cues = CueExtractor(nlp).transform([nlp("heb jij de cijfers al gezien")], ["A"])
    assert "question" in rule_acts(cues)[0]


def test_classifier_contract_and_fit_returns_self(frame_and_y):
    X, Y, _ = frame_and_y
    X_before = X.copy()
    model = ActClassifier(min_df=1, C=10)
    assert model.fit(X, Y) is model
    assert X.equals(X_before)  # predict/fit never change their input
    proba = model.predict_proba(X)
    assert proba.shape == (len(TEXTS), len(ACTS))
    assert ((proba >= 0) & (proba <= 1)).all()
    assert (model.predict(X) == Y).mean() > 0.9  # memorises a tiny training set
    assert clone(model).get_params() == model.get_params()


def test_skops_round_trip(tmp_path, frame_and_y):
    X, Y, _ = frame_and_y
    model = ActClassifier(min_df=1, opening_words=3).fit(X, Y)
    model.save(tmp_path / "m")
    loaded = ActClassifier.load(tmp_path / "m")
    np.testing.assert_allclose(loaded.predict_proba(X), model.predict_proba(X))


def test_load_refuses_a_folder_without_model(tmp_path):
    with pytest.raises(ModelError):
        ActClassifier.load(tmp_path)


def test_feature_names_are_unique():
    assert len(FEATURES) == len(set(FEATURES))


def _plain_frame(nlp, texts):
    plain = [plain_text(t) for _, t, _ in texts]
    return act_frame(plain, CueExtractor(nlp).transform(list(nlp.pipe(plain)), [s for s, _, _ in texts]))


def test_plain_model_round_trip_and_choice(tmp_path, frame_and_y):
    X, Y, _ = frame_and_y
    X_plain = _plain_frame(load(), TEXTS)
    model = ActClassifier(min_df=1).fit(X, Y).fit_plain(X_plain, Y)
    assert model.for_transcript(punctuated=True) is model
    plain = model.for_transcript(punctuated=False)
    assert plain is not model and plain.plain_ is None
    model.save(tmp_path / "m")
    loaded = ActClassifier.load(tmp_path / "m")
    np.testing.assert_allclose(loaded.predict_proba(X), model.predict_proba(X))
    np.testing.assert_allclose(loaded.for_transcript(False).predict_proba(X_plain), plain.predict_proba(X_plain))
    alone = ActClassifier(min_df=1).fit(X, Y)  # a model without a plain twin serves every transcript
    assert alone.for_transcript(punctuated=False) is alone


UNPUNCTUATED = [
    ("ANNA", "goedemorgen allemaal fijn dat jullie er zijn"),
    ("BRAM", "ja goedemorgen"),
    ("ANNA", "hebben jullie de cijfers van vorige week al gezien"),
    ("CEES", "ja ik heb ze gisteren doorgenomen het ziet er goed uit"),
    ("ANNA", "wat vinden jullie van de nieuwe planning"),
    ("BRAM", "ik vind hem eigenlijk te krap voor de zomer"),
    ("CEES", "wie neemt vandaag de notulen"),
    ("ANNA", "dat doe ik wel"),
]


def test_unpunctuated_meeting_uses_the_plain_model():
    from leadsignal.models import model_path

    from leadsignal.signals.acts import DEFAULT_MODEL
    from leadsignal.signals.pipeline import SignalPipeline
    from leadsignal.transcript import Meeting, Utterance

    meeting = Meeting("asr", tuple(Utterance(i, s, t) for i, (s, t) in enumerate(UNPUNCTUATED)))
    assert not is_punctuated([t for _, t in UNPUNCTUATED])
    pipeline = SignalPipeline(load())
    result = pipeline.run(meeting)
    frame = act_frame([t for _, t in UNPUNCTUATED], pipeline.cues(meeting, pipeline.docs(meeting)))
    plain = ActClassifier.load(model_path(DEFAULT_MODEL) / "plain")
    np.testing.assert_allclose(result.act_probs, plain.predict_proba(frame))
    assert not np.allclose(result.act_probs, ActClassifier.load(model_path(DEFAULT_MODEL)).predict_proba(frame))
    assert [i for i, acts in enumerate(result.acts) if "question" in acts and i in (2, 4, 6)] == [2, 4, 6]


def test_content_lemmas_looked_up_per_form_equal_those_read_per_token():
    from leadsignal.signals.pipeline import SignalPipeline

    pipeline = SignalPipeline(load())
    assert pipeline.form_lemmas is not None  # the default pipeline: a lemma per form
    texts = ["De vergaderingen gingen eh goed, we gingen naar huis.", "", "Vergaderingen! 2 keer? Ja, ja.", "GINGEN"]
    docs = list(pipeline.nlp.pipe(texts))
    per_form = pipeline.content_lemmas(docs)
    pipeline.form_lemmas = None
    assert per_form == pipeline.content_lemmas(docs)
    assert per_form[0] == ["vergadering", "gaan", "goed", "gaan", "huis"]
