"""Per-speaker participation measures. Each takes a Meeting (and word counts) and returns a dict by speaker.

Utterances without a speaker count towards the meeting totals but belong to no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import networkx as nx

from ..labels import ACTS
from ..results import Idea, Interruption, SpeakerMeasures
from ..transcript import Meeting
from .coordination import Coordination

__all__ = [
    "word_count",
    "words",
    "talk_share",
    "turns",
    "turn_runs",
    "longest_monologue",
    "act_counts",
    "interruption_counts",
    "uptake_counts",
    "influence",
    "speaker_measures",
]

# a whitespace-delimited token holding a letter or digit, tried only where a token starts: linear in the text
_WORD = re.compile(r"(?<!\S)(?=\S*\w)\S+")
SHORT_TEXT = 100_000  # characters


def word_count(text: str) -> int:
    """Whitespace-separated tokens that hold a letter or digit.

    >>> word_count("Ja, eh... dat is 't — 2 keer!")
    7
    """
    # not findall(r"\S*\w\S*"): it backtracks quadratically on long punctuation runs; a list of every token of a
    # 50 MB line takes gigabytes, so only short texts (nearly all) are counted from a list, which is faster
    if len(text) < SHORT_TEXT:
        return len(_WORD.findall(text))
    return sum(1 for _ in _WORD.finditer(text))


def words(meeting: Meeting, counts: Sequence[int] | None = None) -> dict[str, int]:
    """Words spoken per speaker (``counts`` per utterance, computed with :func:`word_count` when omitted)."""
    counts = counts if counts is not None else [word_count(u.text) for u in meeting.utterances]
    out = dict.fromkeys(meeting.speakers, 0)
    for u, n in zip(meeting.utterances, counts, strict=True):
        if u.speaker is not None:
            out[u.speaker] += n
    return out


def talk_share(meeting: Meeting, counts: Sequence[int] | None = None) -> tuple[dict[str, float], str]:
    """Each speaker's share (0–1) of all talk, by time when every utterance has times, else by words.

    Returns the shares and the basis (``"time"`` or ``"words"``). The denominator includes utterances without a
    speaker, so shares sum to less than 1 when some speech is unattributed.

    >>> from leadsignal.transcript import Meeting, Utterance
    >>> m = Meeting("m", (Utterance(0, "A", "een twee drie"), Utterance(1, "B", "vier")))
    >>> talk_share(m)
    ({'A': 0.75, 'B': 0.25}, 'words')
    """
    if meeting.has_times:
        amounts = [u.duration or 0.0 for u in meeting.utterances]
        basis = "time"
        if sum(amounts) == 0:
            amounts, basis = [float(word_count(u.text)) for u in meeting.utterances], "words"
    else:
        counts = counts if counts is not None else [word_count(u.text) for u in meeting.utterances]
        amounts, basis = [float(n) for n in counts], "words"
    total = sum(amounts)
    share = dict.fromkeys(meeting.speakers, 0.0)
    for u, amount in zip(meeting.utterances, amounts, strict=True):
        if u.speaker is not None and total > 0:
            share[u.speaker] += amount / total
    return share, basis


def turn_runs(meeting: Meeting) -> list[tuple[str | None, int, int]]:
    """Runs of consecutive utterances by one speaker: (speaker, first index, last index).

    >>> from leadsignal.transcript import Meeting, Utterance
    >>> m = Meeting("m", tuple(Utterance(i, s, "x") for i, s in enumerate("AABA")))
    >>> turn_runs(m)
    [('A', 0, 1), ('B', 2, 2), ('A', 3, 3)]
    """
    runs: list[tuple[str | None, int, int]] = []
    for u in meeting.utterances:
        if runs and runs[-1][0] == u.speaker:
            runs[-1] = (u.speaker, runs[-1][1], u.index)
        else:
            runs.append((u.speaker, u.index, u.index))
    return runs


def turns(meeting: Meeting) -> dict[str, int]:
    """Number of turns (runs of consecutive utterances) per speaker.

    >>> from leadsignal.transcript import Meeting, Utterance
    >>> turns(Meeting("m", tuple(Utterance(i, s, "x") for i, s in enumerate("AABA"))))
    {'A': 2, 'B': 1}
    """
    out = dict.fromkeys(meeting.speakers, 0)
    for speaker, _, _ in turn_runs(meeting):
        if speaker is not None:
            out[speaker] += 1
    return out


def longest_monologue(meeting: Meeting, counts: Sequence[int] | None = None) -> dict[str, int]:
    """Words in each speaker's longest turn.

    >>> from leadsignal.transcript import Meeting, Utterance
    >>> m = Meeting("m", (Utterance(0, "A", "a b"), Utterance(1, "A", "c"), Utterance(2, "B", "d e")))
    >>> longest_monologue(m)
    {'A': 3, 'B': 2}
    """
    counts = counts if counts is not None else [word_count(u.text) for u in meeting.utterances]
    out = dict.fromkeys(meeting.speakers, 0)
    for speaker, first, last in turn_runs(meeting):
        if speaker is not None:
            out[speaker] = max(out[speaker], sum(counts[first : last + 1]))
    return out


def act_counts(meeting: Meeting, acts: Sequence[Sequence[str]], act: str) -> dict[str, int]:
    """Utterances per speaker that carry ``act``.

    >>> from leadsignal.transcript import Meeting, Utterance
    >>> m = Meeting("m", (Utterance(0, "A", "x"), Utterance(1, "B", "y"), Utterance(2, "A", "z")))
    >>> act_counts(m, [["question"], [], ["question", "proposal"]], "question")
    {'A': 2, 'B': 0}
    """
    out = dict.fromkeys(meeting.speakers, 0)
    for u, labels in zip(meeting.utterances, acts, strict=True):
        if u.speaker is not None and act in labels:
            out[u.speaker] += 1
    return out


def interruption_counts(
    meeting: Meeting, interruptions: Sequence[Interruption]
) -> tuple[dict[str, int], dict[str, int]]:
    """Interruptions made and received per speaker."""
    made = dict.fromkeys(meeting.speakers, 0)
    received = dict.fromkeys(meeting.speakers, 0)
    for i in interruptions:
        if i.by in made:
            made[i.by] += 1
        if i.of in received:
            received[i.of] += 1
    return made, received


def uptake_counts(meeting: Meeting, ideas: Sequence[Idea]) -> tuple[dict[str, int], dict[str, int]]:
    """Per speaker: their ideas that someone took up, and the uptakes they gave to others' ideas."""
    taken = dict.fromkeys(meeting.speakers, 0)
    given = dict.fromkeys(meeting.speakers, 0)
    for idea in ideas:
        if idea.uptakes and idea.speaker in taken:
            taken[idea.speaker] += 1
        for u in idea.uptakes:
            if u.speaker in given:
                given[u.speaker] += 1
    return taken, given


def influence(uptake: nx.DiGraph, speakers: Sequence[str]) -> dict[str, float]:
    """PageRank of each speaker in the uptake graph (edges from who takes an idea up to its author, weighted by
    uptake score): whose ideas others take up. 0 for everyone when nothing was taken up.

    >>> g = nx.DiGraph([("B", "A", {"weight": 1.0})])
    >>> sorted((k, round(v, 3)) for k, v in influence(g, ["A", "B"]).items())
    [('A', 0.649), ('B', 0.351)]
    """
    if not uptake.number_of_edges():
        return dict.fromkeys(speakers, 0.0)
    return nx.pagerank(uptake, weight="weight")


def speaker_measures(
    meeting: Meeting,
    counts: Sequence[int],
    spoken: Mapping[str, int],
    runs: Mapping[str, int],
    share: Mapping[str, float],
    acts: Sequence[Sequence[str]],
    ideas: Sequence[Idea],
    interruptions: Sequence[Interruption],
    dominance: Mapping[str, float],
    rank: Mapping[str, int],
    influence: Mapping[str, float],
    faction: Mapping[str, int],
    gca: Mapping[str, Mapping[str, float]],
    coordination: Coordination,
) -> list[SpeakerMeasures]:
    """One :class:`~leadsignal.results.SpeakerMeasures` per named speaker, in order of first appearance; ``spoken``
    and ``runs`` are :func:`words` and :func:`turns` of the meeting."""
    longest = longest_monologue(meeting, counts)
    per_act = {act: act_counts(meeting, acts, act) for act in ACTS}
    made, received = interruption_counts(meeting, interruptions)
    taken_up, given = uptake_counts(meeting, ideas)
    return [
        SpeakerMeasures(
            name=name,
            words=spoken[name],
            talk_share=round(share[name], 6),
            turns=runs[name],
            longest_monologue_words=longest[name],
            interruptions_made=made[name],
            interruptions_received=received[name],
            questions=per_act["question"][name],
            proposals=per_act["proposal"][name],
            ideas_taken_up=taken_up[name],
            uptakes_given=given[name],
            agreements_given=per_act["agreement"][name],
            disagreements_given=per_act["disagreement"][name],
            decisions=per_act["decision"][name],
            directives=per_act["directive"][name],
            dominance=round(dominance[name], 6),
            dominance_rank=rank[name],
            influence=round(float(influence.get(name, 0.0)), 6),
            faction=int(faction[name]),
            **{f"gca_{key}": value for key, value in gca[name].items()},
            coordination_given=_rounded(coordination.given.get(name)),
            coordination_received=_rounded(coordination.received.get(name)),
        )
        for name in meeting.speakers
    ]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)
