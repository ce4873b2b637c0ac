"""Meeting indices and their course over the meeting (windows), from the signals and the interaction graphs.

The formulas are in :mod:`.meeting` (one function each, with sources); this module applies them to a meeting.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, replace

import networkx as nx

from ..graphs import leadership_graph, reply_graph
from ..labels import LEADERSHIP_ACTS
from ..results import Idea, Interruption, MeetingIndices, SpreadIndices, Window
from ..transcript import Meeting, Utterance
from . import speakers as sp
from .meeting import degree_centralization, density, gini, normalised_entropy, reciprocity, shared_leadership_index

__all__ = ["leadership_acts", "spread_indices", "meeting_indices", "windows"]


def leadership_acts(meeting: Meeting, acts: Sequence[Sequence[str]]) -> dict[str, float]:
    """Per speaker, the proposals, decisions and directives among their utterances (each act counted once).

    >>> from leadsignal.transcript import Utterance
    >>> m = Meeting("m", (Utterance(0, "A", "x"), Utterance(1, "B", "y"), Utterance(2, "A", "z")))
    >>> leadership_acts(m, [["proposal", "directive"], ["question"], ["decision"]])
    {'A': 3.0, 'B': 0.0}
    """
    lead = dict.fromkeys(meeting.speakers, 0.0)
    for u, labels in zip(meeting.utterances, acts, strict=True):
        if u.speaker is not None:
            lead[u.speaker] += sum(a in labels for a in LEADERSHIP_ACTS)
    return lead


def spread_indices(
    share: Mapping[str, float], lead: Mapping[str, float], leadership: nx.DiGraph, reply: nx.DiGraph
) -> SpreadIndices:
    """How evenly talk and leadership are spread: the indices reported for the meeting and for each window."""
    talk = list(share.values())
    return SpreadIndices(
        participation_gini=round(gini(talk), 6),
        participation_entropy=round(normalised_entropy(talk), 6),
        leadership_acts_entropy=round(normalised_entropy(list(lead.values())), 6),
        leadership_density=round(density(leadership), 6),
        leadership_centralization=round(degree_centralization(leadership), 6),
        reply_reciprocity=round(reciprocity(reply), 6),
        shared_leadership_index=round(shared_leadership_index(lead, leadership), 6),
    )


def meeting_indices(
    meeting: Meeting,
    acts: Sequence[Sequence[str]],
    share: Mapping[str, float],
    networks: Mapping[str, nx.DiGraph],
    dominance: Mapping[str, float],
    ideas: Sequence[Idea],
    interruptions: Sequence[Interruption],
    n_factions: int,
    faction_p_value: float,
    faction_modularity: float,
) -> MeetingIndices:
    """The meeting-level indices of :class:`~leadsignal.results.MeetingIndices`."""
    spread = spread_indices(share, leadership_acts(meeting, acts), networks["leadership"], networks["reply"])
    return MeetingIndices(
        participation_gini=spread.participation_gini,
        participation_entropy=spread.participation_entropy,
        leadership_density=spread.leadership_density,
        leadership_centralization=spread.leadership_centralization,
        reply_reciprocity=spread.reply_reciprocity,
        faction_modularity=round(faction_modularity, 6),
        n_factions=n_factions,
        faction_p_value=round(faction_p_value, 6),
        dominance_concentration=round(gini(list(dominance.values())), 6),
        n_ideas=len(ideas),
        ideas_taken_up_share=round(sum(bool(i.uptakes) for i in ideas) / len(ideas), 6) if ideas else 0.0,
        n_interruptions=len(interruptions),
        shared_leadership_index=spread.shared_leadership_index,
    )


def windows(
    meeting: Meeting,
    counts: Sequence[int],
    acts: Sequence[Sequence[str]],
    addressed: Sequence[Sequence[str]],
    ideas: Sequence[Idea],
    interruptions: Sequence[Interruption],
    window_s: float,
    window_utterances: int,
    chair: str | None = None,
) -> list[Window]:
    """The spread indices per time window (seconds when every utterance has times, else per ``window_utterances``
    utterances), each from the window's utterances alone, so the dynamics of a meeting can be plotted (``chair``:
    the meeting's, for the reply graphs)."""
    utts = meeting.utterances
    if meeting.has_times:
        origin = min(u.start for u in utts if u.start is not None)
        keys = [int(((u.start or origin) - origin) // window_s) for u in utts]
        unit = "seconds"
    else:
        keys = [u.index // window_utterances for u in utts]
        unit = "utterances"
    groups: dict[int, list[Utterance]] = {}
    for u, k in zip(utts, keys, strict=True):
        groups.setdefault(k, []).append(u)
    size = window_s if unit == "seconds" else window_utterances
    out = []
    for key, members in sorted(groups.items()):
        sub = Meeting(meeting.id, tuple(replace(u, index=i) for i, u in enumerate(members)))
        inside = {u.index: i for i, u in enumerate(members)}  # meeting index -> index in the window
        sub_acts = [list(acts[u.index]) for u in members]
        sub_addressed = [list(addressed[u.index]) for u in members]
        sub_ideas = [
            replace(
                idea,
                utterance=inside[idea.utterance],
                uptakes=tuple(
                    replace(up, utterance=inside[up.utterance]) for up in idea.uptakes if up.utterance in inside
                ),
            )
            for idea in ideas
            if idea.utterance in inside
        ]
        sub_interruptions = [replace(i, utterance=inside[i.utterance]) for i in interruptions if i.utterance in inside]
        share, _ = sp.talk_share(sub, [counts[u.index] for u in members])
        spread = spread_indices(
            share,
            leadership_acts(sub, sub_acts),
            leadership_graph(sub, sub_acts, sub_ideas, sub_addressed),
            reply_graph(sub, sub_addressed, sub_interruptions, chair, [counts[u.index] for u in members]),
        )
        out.append(
            Window(
                window=key,
                unit=unit,
                start=key * size,
                end=(key + 1) * size,
                first_utterance=members[0].index,
                last_utterance=members[-1].index,
                n_speakers=len(share),
                **asdict(spread),
            )
        )
    return out
