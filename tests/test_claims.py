"""Claims: ties named as ties, "most" only with a lead the probabilities support, support never merged with
rejection, and no claim made on the annotators' signals is false on them."""

from __future__ import annotations

import json

import pytest

from leadsignal.claims import claims, gold_view, holds
from leadsignal.report.i18n import NL
from leadsignal.report.observations import sentence
from tests.conftest import shared_path


def meeting(lines, ideas=(), probabilities=None) -> dict:
    """An analysis dict made by hand; ``probabilities`` maps utterance index -> {act: p}."""
    utts = [
        {
            "index": i,
            "speaker": s,
            "start": 10.0 * i,
            "end": 10.0 * i + 8,
            "text": "x " * 5,
            "words": 5,
            "acts": acts,
            "interrupts": None,
            "act_probabilities": (probabilities or {}).get(i),
        }
        for i, (s, acts) in enumerate(lines)
    ]
    names = list(dict.fromkeys(s for s, _ in lines))
    speakers = [{"name": n, "words": 5, "talk_share": 1 / len(names)} for n in names]
    return {
        "utterances": utts,
        "speakers": speakers,
        "ideas": list(ideas),
        "factions": [{"id": 0, "members": names}],
        "metrics": {"participation_gini": 0.3, "faction_p_value": 1.0},
    }


def kind(data: dict, name: str):
    return next((c for c in claims(data) if c.kind == name), None)


def test_a_tie_is_named_as_a_tie() -> None:
    lines = [("Anna", ["proposal"])] * 3 + [("Bram", ["proposal"])] * 3 + [("Cor", ["proposal"])]
    data = meeting(lines)
    claim = kind(data, "most_proposals")
    assert claim.subject == ("Anna", "Bram") and (claim.value, claim.out_of) == (3, 7)
    assert holds(claim, data)
    text = sentence(json.loads(json.dumps(claim.__dict__)), data, NL)
    assert text.startswith("Anna en Bram deden de meeste voorstellen: elk 3 van de 7")
    # Three-way ties say nothing about who leads: no claim.
    assert kind(meeting(lines + [("Cor", ["proposal"])] * 2), "most_proposals") is None


def test_most_needs_a_lead_the_probabilities_support() -> None:
    lines = [("Anna", ["proposal"])] * 3 + [("Bram", ["proposal"])] * 2
    assert kind(meeting(lines), "most_proposals").subject == ("Anna",)  # certain acts: 3 > 2
    unsure = {i: {"proposal": 0.55} for i in range(5)}  # each a coin flip: Anna ahead is far from sure
    assert kind(meeting(lines, probabilities=unsure), "most_proposals") is None
    # Checked on other signals, "Anna made the most" is false when Bram made as many.
    claim = kind(meeting(lines), "most_proposals")
    assert not holds(claim, meeting([("Anna", ["proposal"])] * 2 + [("Bram", ["proposal"])] * 2))


def test_support_and_rejection_are_never_merged() -> None:
    lines = [("Anna", ["proposal"]), ("Bram", ["disagreement"]), ("Cor", ["disagreement"]), ("Dirk", ["agreement"])]
    ups = [
        {"utterance": 1, "speaker": "Bram", "kind": "reject", "score": 1.0},
        {"utterance": 2, "speaker": "Cor", "kind": "reject", "score": 1.0},
        {"utterance": 3, "speaker": "Dirk", "kind": "support", "score": 1.0},
    ]
    data = meeting(lines, [{"id": "I1", "utterance": 0, "speaker": "Anna", "uptakes": ups}])
    assert kind(data, "supported_idea") is None  # one supporting uptake, two rejections: not "taken up"
    assert kind(data, "unanswered_idea") is None
    ups[1] |= {"kind": "build"}
    claim = kind(data, "supported_idea")
    assert claim.value == 2 and claim.evidence == (0, 2, 3)


def test_a_decision_adopts_the_ideas_it_is_about() -> None:
    from leadsignal.results import Idea, Uptake
    from leadsignal.signals.decisions import adoptions

    acts = [["proposal"], ["agreement"], ["proposal"], ["disagreement"], ["decision"], ["proposal"], ["decision"]]
    lemmas = [["planning", "document"], [], ["klant", "bellen"], [], ["ander"], ["rooster"], ["planning", "document"]]
    ideas = (
        Idea("I1", 0, "Anna", (Uptake(1, "Bram", "support", 0.9),)),
        Idea("I2", 2, "Cor", (Uptake(3, "Dirk", "reject", 0.9),)),
        Idea("I3", 5, "Bram", ()),
    )
    speakers = ["Anna", "Bram", "Cor", "Dirk", "Anna", "Bram", "Anna"]
    first, second = adoptions(acts, ideas, lemmas, speakers)
    assert first.ideas == ("I1",)  # I2 was rejected and nothing supported it
    # The closing decision adopts what it names (I1, two shared lemmas) and what came since the last one (I3).
    assert (second.utterance, second.ideas) == (6, ("I1", "I3"))


@pytest.mark.shared
def test_no_claim_made_on_gold_signals_is_false() -> None:
    from leadsignal import analyse
    from leadsignal.gold import load_gold_dir

    made = 0
    for gold in load_gold_dir(shared_path("data", "meetings")):
        truth = gold_view(analyse(gold.meeting).to_dict(), gold.gold)
        for claim in claims(truth):
            made += 1
            assert holds(claim, truth), (gold.gold["meeting"], claim)
    assert made > 100
