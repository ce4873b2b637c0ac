"""Dominance: a documented composite of participation and floor control, and its rank.

Each part is the speaker's share (0–1) of the meeting total of that part, so parts are comparable across
meetings; the composite is their weighted sum, rescaled so the largest is 1:

=====================  ======  ============================================================================
part                   weight  share of
=====================  ======  ============================================================================
words                  1.00    words spoken (how much of the meeting the speaker fills)
turns                  0.25    turns (runs of consecutive utterances: how often the speaker takes the floor)
floor_taking           0.10    openings: taking the floor first, or after a silence of 2 s or more
=====================  ======  ============================================================================

Other parts are computed and were measured as candidates (docs/metrics.md): steering (directives and decisions),
uptakes received, ideas that ended in a decision, longest monologue, interruptions made minus received. With
the act and uptake models trained without the meeting they score (leave-one-meeting-out), each of them lowered
the agreement with the annotators' rankings on the eleven dev meetings, so they carry no weight.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..transcript import Meeting

__all__ = ["DOMINANCE_WEIGHTS", "FLOOR_SILENCE_S", "dominance", "dominance_rank", "floor_taking", "meeting_dominance"]

DOMINANCE_WEIGHTS: dict[str, float] = {
    "words": 1.0,
    "turns": 0.25,
    "floor_taking": 0.10,
}
FLOOR_SILENCE_S = 2.0


def _shares(values: Mapping[str, float]) -> dict[str, float]:
    total = sum(values.values())
    return {k: (v / total if total > 0 else 0.0) for k, v in values.items()}


def dominance(
    parts: Mapping[str, Mapping[str, float]], weights: Mapping[str, float] = DOMINANCE_WEIGHTS
) -> dict[str, float]:
    """Composite dominance per speaker in 0–1 (1 = the most dominant speaker).

    ``parts`` maps a part name to {speaker: raw value}; each part is turned into shares before weighting.

    >>> parts = {"talk_share": {"A": 3, "B": 1}, "turns": {"A": 1, "B": 1}}
    >>> dominance(parts, {"talk_share": 1.0, "turns": 0.5})
    {'A': 1.0, 'B': 0.5}
    """
    speakers = list(next(iter(parts.values())).keys()) if parts else []
    score = dict.fromkeys(speakers, 0.0)
    for name, weight in weights.items():
        for speaker, share in _shares(parts.get(name, dict.fromkeys(speakers, 0.0))).items():
            score[speaker] += weight * share
    top = max(score.values(), default=0.0)
    return {s: (v / top if top > 0 else 0.0) for s, v in score.items()}


def floor_taking(meeting: Meeting, silence_s: float = FLOOR_SILENCE_S) -> dict[str, float]:
    """Times each speaker takes the floor: the first utterance of the meeting, and an utterance that starts
    ``silence_s`` or more after the previous (other) speaker stopped (needs times; without them only the opening).

    >>> from leadsignal.transcript import Meeting, Utterance
    >>> m = Meeting("m", (Utterance(0, "A", "Goedemorgen.", 0, 2), Utterance(1, "B", "Ja.", 2.5, 3),
    ...                   Utterance(2, "A", "Punt twee.", 8, 9), Utterance(3, "B", "Oké.", 12, 13)))
    >>> floor_taking(m)
    {'A': 2.0, 'B': 1.0}
    """
    out = dict.fromkeys(meeting.speakers, 0.0)
    previous = None
    for u in meeting.utterances:
        if u.speaker is None:
            continue
        if previous is None or (
            u.speaker != previous.speaker
            and u.start is not None
            and previous.end is not None
            and u.start - previous.end >= silence_s
        ):
            out[u.speaker] += 1
        previous = u
    return out


def dominance_rank(scores: Mapping[str, float]) -> dict[str, int]:
    """Rank 1 = most dominant; ties keep the order of first appearance.

    >>> dominance_rank({"A": 0.5, "B": 1.0, "C": 0.5})
    {'A': 2, 'B': 1, 'C': 3}
    """
    order = sorted(scores, key=lambda s: -scores[s])
    return {s: order.index(s) + 1 for s in scores}


def meeting_dominance(meeting: Meeting, words: Mapping[str, int], turns: Mapping[str, int]) -> dict[str, float]:
    """:func:`dominance` of every named speaker from their words, turns and :func:`floor_taking`.

    >>> from leadsignal.transcript import Utterance
    >>> m = Meeting("m", (Utterance(0, "A", "x"), Utterance(1, "B", "y")))
    >>> d = meeting_dominance(m, {"A": 3, "B": 1}, {"A": 1, "B": 1})  # A: .75 + .25 * .5 + .1 * 1 = .975
    >>> d["A"], round(d["B"], 4)  # B: (.25 + .25 * .5 + .1 * 0) / .975
    (1.0, 0.3846)
    """
    speakers = meeting.speakers
    if not speakers:
        return {}
    parts = {
        "words": {s: float(words[s]) for s in speakers},
        "turns": {s: float(t) for s, t in turns.items()},
        "floor_taking": floor_taking(meeting),
    }
    return dominance(parts)
