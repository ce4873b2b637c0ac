"""Interaction graphs between speakers (networkx DiGraph, one node per speaker) and their export.

- reply: u -> v when u responds to v (u speaks right after v; with a chair who gives the floor, the chair's
  turns are passed over: a member answering another member after "De heer X." from the chair responds to that
  member; in a round of short reactions each reacts to the longer contribution before them:
  :func:`previous_other`), addresses v by name ("Bram, wat vind jij?"), or interrupts v; weight = number of such
  utterances;
- mention: u -> v when u names v without addressing them ("zoals Samira al zei"); weight = mentions;
- uptake: u -> v when u takes up an idea of v; weight = summed uptake score, with counts per kind;
- agreement: signed; u -> v is +1 per support/agreement and -1 per reject/disagreement aimed at v (an uptake's
  idea author, else the previous speaker); ``weight`` is the signed sum, ``positive``/``negative`` the parts.

Every edge also says when it happened: ``first_utterance``/``last_utterance`` (indices of the first and last
utterance behind it) and, when the transcript has times, ``first_s``/``last_s`` (their start in seconds).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from .metrics.speakers import word_count
from .results import Idea, Interruption
from .signals.turns import other_speaker_indices
from .transcript import Meeting, Utterance

__all__ = [
    "reply_graph",
    "mention_graph",
    "uptake_graph",
    "agreement_graph",
    "leadership_graph",
    "interaction_graphs",
    "to_node_link",
    "export",
]


def _graph(meeting: Meeting) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(meeting.speakers)
    return g


def _add(g: nx.DiGraph, u: str | None, v: str | None, at: Utterance, weight: float = 1.0, **counts: int) -> None:
    """Add ``weight`` and ``counts`` to the edge u -> v for the utterance ``at`` (which dates the edge)."""
    if u is None or v is None or u == v:
        return
    if not g.has_edge(u, v):
        g.add_edge(u, v, weight=0.0, first_utterance=at.index, last_utterance=at.index)
        if at.start is not None:
            g[u][v].update(first_s=at.start, last_s=at.start)
    data = g[u][v]
    data["weight"] += weight
    if at.index < data["first_utterance"]:
        data["first_utterance"] = at.index
        if at.start is not None:
            data["first_s"] = at.start
    if at.index > data["last_utterance"]:
        data["last_utterance"] = at.index
        if at.start is not None:
            data["last_s"] = at.start
    for key, n in counts.items():
        data[key] = data.get(key, 0) + n


REACTION_WORDS = 12
"""A turn of at most this many words is a short reaction ("Steun.", "Eens, goed idee."): see :func:`previous_other`."""


def previous_other(
    meeting: Meeting, chair: str | None = None, rounds: bool = True, words: Sequence[int] | None = None
) -> list[str | None]:
    """For each utterance, the speaker it responds to: the latest earlier speaker other than its own (None at the
    start).

    With ``chair``, a member's previous speaker is the latest other member: the chair gives the floor, and the
    exchange between members goes on past the chair's turns. (Only where the chair's turn in between is short,
    a floor-giving "De heer Klaver.", was measured too: docs/signals.md.)

    With ``rounds``, a round of short reactions answers one contribution: a short turn (at most
    :data:`REACTION_WORDS` words) right after another speaker's short turn responds to the speaker of the latest
    longer contribution (of a member, with a chair), unless that is its own speaker: then it answers the short turn
    before it ("Ik stel voor ..." / "Eens." / "Steun.": both react to the proposal; in an exchange of short
    questions and answers each still answers the other). ``words``: the word count of each utterance
    (:func:`~leadsignal.metrics.speakers.word_count`, counted here when not given).

    >>> from leadsignal.transcript import Meeting, Utterance
    >>> lines = [("A", "Ik stel voor dat we de vergadering vanaf nu elke week op dinsdag houden."),
    ...          ("B", "Eens."), ("C", "Steun."), ("A", "Dank."), ("C", "Graag.")]
    >>> previous_other(Meeting("m", tuple(Utterance(i, s, t) for i, (s, t) in enumerate(lines))))
    [None, 'A', 'A', 'C', 'A']
    """
    utts = meeting.utterances
    source, _ = other_speaker_indices([u.speaker for u in utts])  # the utterance each one responds to
    if chair is not None:
        last: list[int] = []  # the latest utterances of the latest two distinct members, most recent last
        for k, u in enumerate(utts):
            if u.speaker in (None, chair):
                continue
            source[k] = next((j for j in reversed(last) if utts[j].speaker != u.speaker), -1)
            last = [j for j in last if utts[j].speaker != u.speaker][-1:] + [k]
    out = [utts[j].speaker if j >= 0 else None for j in source]
    if rounds:
        counts = words if words is not None else [word_count(u.text) for u in utts]
        short = [n <= REACTION_WORDS for n in counts]
        longer: str | None = None  # the speaker of the latest longer contribution (a member's, with a chair)
        for k, (u, j) in enumerate(zip(utts, source, strict=True)):
            if j >= 0 and short[k] and short[j] and longer not in (None, u.speaker):
                out[k] = longer
            if not short[k] and u.speaker is not None and u.speaker != chair:
                longer = u.speaker
    return out


def next_other(meeting: Meeting) -> list[str | None]:
    """For each utterance, the next later speaker other than its own (None at the end)."""
    _, following = other_speaker_indices([u.speaker for u in meeting.utterances])
    return [meeting.utterances[k].speaker if k >= 0 else None for k in following]


def reply_graph(
    meeting: Meeting,
    addressed: list[list[str]],
    interruptions: Sequence[Interruption],
    chair: str | None = None,
    words: Sequence[int] | None = None,
) -> nx.DiGraph:
    """Who responds to or addresses whom (responses of members pass over the ``chair``'s turns).

    >>> from leadsignal.transcript import Meeting, Utterance
    >>> m = Meeting("m", tuple(Utterance(i, s, "x") for i, s in enumerate("ABA")))
    >>> sorted(reply_graph(m, [[], [], []], []).edges(data="weight"))
    [('A', 'B', 1.0), ('B', 'A', 1.0)]
    """
    g = _graph(meeting)
    prev = previous_other(meeting, chair, words=words)
    for u, target, names in zip(meeting.utterances, prev, addressed, strict=True):
        first_of_turn = u.index == 0 or meeting.utterances[u.index - 1].speaker != u.speaker
        if first_of_turn:
            _add(g, u.speaker, target, u, responses=1)
        for name in names:
            if name != target or not first_of_turn:
                _add(g, u.speaker, name, u, addresses=1)
    for i in interruptions:
        _add(g, i.by, i.of, meeting.utterances[i.utterance], interruptions=1)
    return g


def mention_graph(meeting: Meeting, mentioned: list[list[str]]) -> nx.DiGraph:
    """Who names whom without addressing them."""
    g = _graph(meeting)
    for u, names in zip(meeting.utterances, mentioned, strict=True):
        for name in names:
            _add(g, u.speaker, name, u, mentions=1)
    return g


def uptake_graph(meeting: Meeting, ideas: Sequence[Idea]) -> nx.DiGraph:
    """Edge from the speaker who takes up an idea to its author, weighted by uptake score."""
    g = _graph(meeting)
    for idea in ideas:
        for up in idea.uptakes:
            _add(g, up.speaker, idea.speaker, meeting.utterances[up.utterance], up.score, **{up.kind: 1})
    return g


def agreement_graph(
    meeting: Meeting, acts: list[list[str]], ideas: Sequence[Idea], chair: str | None = None
) -> nx.DiGraph:
    """Signed graph of support and opposition."""
    g = _graph(meeting)
    target: dict[int, str | None] = {}
    kind: dict[int, str] = {}
    for idea in ideas:
        for up in idea.uptakes:
            if up.kind in ("support", "reject"):
                target.setdefault(up.utterance, idea.speaker)
                kind.setdefault(up.utterance, up.kind)
    prev = previous_other(meeting, chair, rounds=False)  # measured: rounds lower factions ARI (signals.md)
    for u, labels, before in zip(meeting.utterances, acts, prev, strict=True):
        sign = 0
        if kind.get(u.index) == "support" or ("agreement" in labels and "disagreement" not in labels):
            sign = 1
        elif kind.get(u.index) == "reject" or "disagreement" in labels:
            sign = -1
        if sign:
            _add(
                g,
                u.speaker,
                target.get(u.index, before),
                u,
                float(sign),
                **({"positive": 1} if sign > 0 else {"negative": 1}),
            )
    return g


def leadership_graph(
    meeting: Meeting, acts: list[list[str]], ideas: Sequence[Idea], addressed: list[list[str]]
) -> nx.DiGraph:
    """Behavioural leadership ties i -> j: i takes up j's idea, or i is directed by j (j's directive names i,
    else j's directive goes to the next speaker). Weights are counts capped to 0–1 by ``w / max w``."""
    g = _graph(meeting)
    utts = meeting.utterances
    for idea in ideas:
        for up in idea.uptakes:
            _add(g, up.speaker, idea.speaker, utts[up.utterance])
    following = next_other(meeting)
    for u, labels, names, after in zip(utts, acts, addressed, following, strict=True):
        if "directive" in labels:
            followers: list[str | None] = list(names) or [after]
            for f in followers:
                _add(g, f, u.speaker, u)
    top = max((w for _, _, w in g.edges(data="weight")), default=0.0)
    for _, _, data in g.edges(data=True):
        data["weight"] = data["weight"] / top if top else 0.0
    return g


def to_node_link(g: nx.DiGraph) -> dict[str, Any]:
    """networkx node-link JSON (edges under "links")."""
    return nx.node_link_data(g, edges="links")


def export(
    graphs: Mapping[str, nx.DiGraph],
    folder: str | Path,
    stem: str,
    node_attributes: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Path]:
    """Write each graph as GraphML, GEXF and node-link JSON into ``folder``; returns the paths.

    ``node_attributes`` (speaker -> {attribute: number or text}, for example each speaker's talk share, dominance
    and faction) are written on the nodes, so that Gephi or igraph can colour and size them; None values are left
    out (GraphML has no null).
    """
    import json

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, g in graphs.items():
        if node_attributes:
            g = g.copy()
            for node, values in node_attributes.items():
                if node in g:
                    g.nodes[node].update({k: v for k, v in values.items() if v is not None})
        base = folder / f"{stem}.{name}"
        nx.write_graphml(g, f"{base}.graphml")
        nx.write_gexf(g, f"{base}.gexf")
        Path(f"{base}.json").write_text(json.dumps(to_node_link(g), ensure_ascii=False, indent=1), encoding="utf-8")
        paths += [Path(f"{base}.{ext}") for ext in ("graphml", "gexf", "json")]
    return paths


def interaction_graphs(
    meeting: Meeting,
    acts: list[list[str]],
    ideas: Sequence[Idea],
    addressed: list[list[str]],
    interruptions: Sequence[Interruption],
    mentioned: list[list[str]] | None = None,
    chair: str | None = None,
    words: Sequence[int] | None = None,
) -> dict[str, nx.DiGraph]:
    """The five graphs of a meeting, by name: reply, uptake, agreement, leadership, mention (``chair``: see
    :func:`leadsignal.signals.turns.chair`; ``words``: each utterance's word count, counted when not given)."""
    return {
        "reply": reply_graph(meeting, addressed, interruptions, chair, words),
        "uptake": uptake_graph(meeting, ideas),
        "agreement": agreement_graph(meeting, acts, ideas, chair),
        "leadership": leadership_graph(meeting, acts, ideas, addressed),
        "mention": mention_graph(meeting, mentioned if mentioned is not None else [[] for _ in meeting.utterances]),
    }
