"""Linguistic coordination: the definition computed by brute force, the lexicon, and the analysis fields."""

from __future__ import annotations

import random

import leadsignal
from leadsignal.metrics.coordination import FUNCTION_WORDS, coordination, exchanges, markers


def test_classes_are_the_papers_eight_and_negation():
    assert set(FUNCTION_WORDS) == {
        "article",
        "auxiliary",
        "conjunction",
        "adverb",
        "impersonal_pronoun",
        "personal_pronoun",
        "preposition",
        "quantifier",
        "negation",
    }
    assert markers("Zij gaan niet met de trein") >= {"personal_pronoun", "negation", "preposition", "article"}
    assert markers("Fietsplan akkoord") == frozenset()


def _brute(speakers, texts, who, as_replier):
    """C^m pooled over exchanges where ``who`` replies (or is replied to), class by class, then averaged."""
    pairs = [(t, r) for t, r in exchanges(speakers) if speakers[r if as_replier else t] == who]
    scores = []
    for words in FUNCTION_WORDS.values():
        has = [
            (bool(set(texts[t].lower().split()) & words), bool(set(texts[r].lower().split()) & words)) for t, r in pairs
        ]
        triggered = [r for t, r in has if t]
        if triggered:
            scores.append(sum(triggered) / len(triggered) - sum(r for _, r in has) / len(has))
    return sum(scores) / len(scores) if scores else None


def test_matches_the_definition_on_random_meetings():
    rng = random.Random(7)
    vocabulary = ["de", "het", "ik", "we", "niet", "en", "maar", "in", "op", "veel", "heel", "is", "plan", "ja", "goed"]
    for _ in range(50):
        speakers = [rng.choice(["A", "B", "C", None]) for _ in range(rng.randint(1, 30))]
        texts = [" ".join(rng.choices(vocabulary, k=rng.randint(1, 6))) for _ in speakers]
        result = coordination(speakers, texts)
        for who in {s for s in speakers if s}:
            for got, as_replier in ((result.given[who], True), (result.received[who], False)):
                want = _brute(speakers, texts, who, as_replier)
                assert (got is None and want is None) or abs(got - want) < 1e-12


def test_in_the_analysis():
    meeting = leadsignal.read_text(
        "Anna: Ik denk dat we de planning moeten bespreken.\nBram: Ja, ik heb de cijfers.\n"
        "Anna: Dat is niet genoeg.\nBram: Fietsplan.\n",
        "m.txt",
    )
    a = leadsignal.analyse(meeting)
    by_name = {s.name: s for s in a.speaker_measures}
    expected = coordination([u.speaker for u in meeting.utterances], [u.text for u in meeting.utterances])
    assert by_name["Bram"].coordination_given == round(expected.given["Bram"], 6)
    assert "coordination_received" in a.speakers.columns
