"""Dominance: a documented composite of participation, steering and uptake, and its rank.

Each part is the speaker's share (0–1) of the meeting total of that part, so parts are comparable across
meetings; the composite is their weighted sum, rescaled so the largest is 1:

=====================  ======  ============================================================================
part                   weight  share of
=====================  ======  ============================================================================
talk_share             1.00    talk (time when known, else words)
turns                  0.25    turns (runs of consecutive utterances)
steering               0.10    directives + decisions (agenda and outcome control)
opening                0.10    1 for the speaker who opens the meeting (takes the floor first), else 0
uptakes_received       0.20    uptakes that others gave to the speaker's ideas (whose ideas carry the meeting)
=====================  ======  ============================================================================

The weights were chosen on the eleven annotated dev meetings (docs/metrics.md gives the comparison with talk
share alone). Interruptions made minus received and questions asked were tried and lowered the agreement with
the annotators there, so they carry no weight; they are reported as their own columns.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["DOMINANCE_WEIGHTS", "dominance", "dominance_rank"]

DOMINANCE_WEIGHTS: dict[str, float] = {
    "talk_share": 1.0,
    "turns": 0.25,
    "steering": 0.10,
    "opening": 0.10,
    "uptakes_received": 0.20,
}


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


def dominance_rank(scores: Mapping[str, float]) -> dict[str, int]:
    """Rank 1 = most dominant; ties keep the order of first appearance.

    >>> dominance_rank({"A": 0.5, "B": 1.0, "C": 0.5})
    {'A': 2, 'B': 1, 'C': 3}
    """
    order = sorted(scores, key=lambda s: -scores[s])
    return {s: order.index(s) + 1 for s in scores}
