import numpy as np

import leadsignal
from leadsignal.signals.ideas import UPTAKE_FEATURES, UptakeModel, candidate_pairs, kind_of
from leadsignal.transcript import Meeting, Utterance


def test_candidates_skip_the_author_and_respect_the_window():
    m = Meeting("m", tuple(Utterance(i, s, "x") for i, s in enumerate("ABABCA")))
    assert candidate_pairs(m, [0], set(), window=3, window_s=None) == [(0, 1), (0, 3)]
    assert candidate_pairs(m, [0], {4}, window=1, window_s=None) == [(0, 1), (0, 4)]  # later decision


def test_time_window():
    m = Meeting("m", (Utterance(0, "A", "x", 0, 1), Utterance(1, "B", "y", 2, 3), Utterance(2, "B", "z", 900, 901)))
    assert candidate_pairs(m, [0], set(), window=10, window_s=300) == [(0, 1)]


def test_uptake_model_json_round_trip(tmp_path):
    X = np.random.default_rng(0).normal(size=(40, len(UPTAKE_FEATURES)))
    y = (X[:, 0] > 0).astype(int)
    model = UptakeModel().fit(X, y)
    model.save(tmp_path / "u.json")
    np.testing.assert_allclose(UptakeModel.load(tmp_path / "u.json").predict_proba(X), model.predict_proba(X))


def test_kinds():
    assert [kind_of(a) for a in (["agreement"], ["disagreement"], ["question"])] == [
        "support",
        "reject",
        "build",
    ]


def test_demo_meeting_has_ideas_taken_up_by_others():
    m = leadsignal.read_text(
        "Marieke: Goedemorgen allemaal. We hebben één punt vandaag: de verhuizing in maart.\n"
        "Jeroen: Ik heb de offertes van de verhuizers bekeken.\n"
        "Fatima: Ik stel voor dat we de verhuizing in twee delen doen, eerst het archief in februari.\n"
        "Sander: Goed idee, het archief kan prima eerder verhuizen.\n"
        "Jeroen: Ja maar dan betalen we twee keer voorrijkosten voor de verhuizing.\n",
        "m.txt",
    )
    ideas = leadsignal.analyse(m).to_dict()["ideas"]
    assert [i["utterance"] for i in ideas] == [2]
    uptakes = {u["utterance"]: u for u in ideas[0]["uptakes"]}
    assert set(uptakes) == {3, 4}
    assert uptakes[3]["kind"] == "support" and uptakes[4]["kind"] == "reject"
    assert all(u["speaker"] != "Fatima" for u in uptakes.values())
