"""analyse(meeting) -> Analysis: the whole pipeline and its output contract (schema leadsignal.analysis/1)."""

from __future__ import annotations

import contextlib
import json
import sys
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import networkx as nx

from . import nlp as nlp_layer
from .config import Config
from .graphs import agreement_graph, leadership_graph, reply_graph, to_node_link, uptake_graph
from .metrics import speakers as sp
from .metrics.dominance import dominance, dominance_rank, floor_taking
from .metrics.factions import FactionClusterer, faction_p_value, signed_affinity, text_affinity
from .metrics.gca import gca
from .metrics.meeting import (
    degree_centralization,
    density,
    gini,
    normalised_entropy,
    reciprocity,
    shared_leadership_index,
)
from .model import Meeting
from .signals.cues import ACTS
from .signals.encoders import TfidfEncoder
from .signals.ideas import UptakeModel
from .signals.inference import ActModel, load_act_model
from .signals.pipeline import SignalPipeline, SignalResult

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Analysis", "analyse", "SCHEMA"]

SCHEMA = "leadsignal.analysis/1"


@dataclass
class Analysis:
    """Everything leadsignal measured about one meeting. ``to_dict`` gives the JSON contract."""

    meeting: Meeting
    words: list[int]
    acts: list[list[str]]
    speaker_rows: list[dict[str, Any]]
    talk_basis: str
    metrics: dict[str, Any] = field(default_factory=dict)
    ideas: list[dict[str, Any]] = field(default_factory=list)
    factions: list[dict[str, Any]] = field(default_factory=list)
    graphs: dict[str, Any] = field(default_factory=dict)
    signals: SignalResult | None = None
    networks: dict[str, nx.DiGraph] = field(default_factory=dict)

    @property
    def speakers(self) -> pd.DataFrame:
        """One row per named speaker, in order of first appearance."""
        import pandas as pd

        return pd.DataFrame(self.speaker_rows).set_index("name", drop=False)

    @property
    def utterances(self) -> pd.DataFrame:
        """One row per source utterance, in file order."""
        import pandas as pd

        return pd.DataFrame(self._utterance_rows()).set_index("index", drop=False)

    def _utterance_rows(self) -> list[dict[str, Any]]:
        interrupted = {i.utterance: i.of for i in self.signals.interruptions} if self.signals else {}
        return [
            {
                "index": u.index,
                "speaker": u.speaker,
                "start": u.start,
                "end": u.end,
                "text": u.text,
                "words": n,
                "source_line": u.source_line,
                "acts": acts,
                "addressed": addressed,
                "interrupts": interrupted.get(u.index),
            }
            for u, n, acts, addressed in zip(
                self.meeting.utterances, self.words, self.acts, self._addressed(), strict=True
            )
        ]

    def _addressed(self) -> list[list[str]]:
        return self.signals.addressed if self.signals else [[] for _ in self.meeting.utterances]

    def to_dict(self) -> dict[str, Any]:
        """The analysis as plain JSON-ready data (see docs/schema.md)."""
        m = self.meeting
        return {
            "schema": SCHEMA,
            "meeting": {
                "id": m.id,
                "source": m.source,
                "format": m.format,
                "language": m.language,
                "n_utterances": len(m.utterances),
                "n_words": sum(self.words),
                "n_speakers": len(m.speakers),
                "duration_s": m.duration_s,
                "talk_share_basis": self.talk_basis,
                "warnings": list(m.warnings),
            },
            "speakers": self.speaker_rows,
            "utterances": self._utterance_rows(),
            "ideas": self.ideas,
            "factions": self.factions,
            "graphs": self.graphs,
            "metrics": self.metrics,
        }

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as a JSON string (UTF-8 text, non-ASCII kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


@lru_cache(maxsize=4)
def _pipeline(nlp_model: str, encoder: str, batch_size: int) -> SignalPipeline:
    return SignalPipeline(nlp_layer.load(nlp_model), encoder, batch_size)


@lru_cache(maxsize=4)
def _acts_model(folder: str) -> ActModel:
    """An act model named in the config, loaded once per process (not once per meeting of a batch)."""
    return load_act_model(folder)


def analyse(
    meeting: Meeting,
    config: Config | None = None,
    *,
    acts_model: ActModel | None = None,
    uptake_model: UptakeModel | None = None,
) -> Analysis:
    """Run the full pipeline on a meeting.

    ``acts_model`` and ``uptake_model`` replace the bundled models (as leave-one-meeting-out evaluation does).

    >>> from leadsignal.model import Meeting, Utterance
    >>> a = analyse(Meeting("m", (Utterance(0, "A", "Zullen we beginnen?"), Utterance(1, "B", "Ja."))))
    >>> a.to_dict()["meeting"]["n_words"], [s["turns"] for s in a.speaker_rows]
    (4, [1, 1])
    """
    # The bundled models run without scikit-learn. A scikit-learn act model (training, evaluation, a model with an
    # encoder) gets arrays built by leadsignal (finite, valid parameters): skipping its per-call checks takes ~13%
    # off a 1,000-word meeting (benchmarks/corpus.py).
    context = contextlib.nullcontext()
    if "sklearn" in sys.modules:
        context = sys.modules["sklearn"].config_context(assume_finite=True, skip_parameter_validation=True)
    with context:
        return _analyse(meeting, config or Config(), acts_model, uptake_model)


def _analyse(
    meeting: Meeting, config: Config, acts_model: ActModel | None, uptake_model: UptakeModel | None
) -> Analysis:
    pipeline = _pipeline(config.nlp_model, config.encoder, config.batch_size)
    if acts_model is None and config.acts_model:
        acts_model = _acts_model(config.acts_model)
    signals = pipeline.run(meeting, acts_model, uptake_model)
    counts = [sp.word_count(u.text) for u in meeting.utterances]
    share, basis = sp.talk_share(meeting, counts)
    words = sp.words(meeting, counts)
    turns = sp.turns(meeting)
    longest = sp.longest_monologue(meeting, counts)
    per_act = {act: sp.act_counts(meeting, signals.acts, act) for act in ACTS}
    made, received = sp.interruption_counts(meeting, signals.interruptions)
    taken_up, given = sp.uptake_counts(meeting, signals.ideas)
    rows = [
        {
            "name": name,
            "words": words[name],
            "talk_share": round(share[name], 6),
            "turns": turns[name],
            "longest_monologue_words": longest[name],
            "interruptions_made": made[name],
            "interruptions_received": received[name],
            "questions": per_act["question"][name],
            "proposals": per_act["proposal"][name],
            "ideas_taken_up": taken_up[name],
            "uptakes_given": given[name],
            "agreements_given": per_act["agreement"][name],
            "disagreements_given": per_act["disagreement"][name],
            "decisions": per_act["decision"][name],
            "directives": per_act["directive"][name],
        }
        for name in meeting.speakers
    ]
    graphs, metrics, factions = _network_layer(meeting, signals, rows, share, turns, counts, config)
    ideas = [
        {
            "id": idea.id,
            "utterance": idea.utterance,
            "speaker": idea.speaker,
            "uptakes": [asdict(u) for u in idea.uptakes],
        }
        for idea in signals.ideas
    ]
    return Analysis(
        meeting,
        counts,
        signals.acts,
        rows,
        basis,
        metrics=metrics,
        ideas=ideas,
        factions=factions,
        graphs={k: to_node_link(g) for k, g in graphs.items()},
        signals=signals,
        networks=graphs,
    )


def _network_layer(
    meeting: Meeting,
    signals: SignalResult,
    rows: list[dict[str, Any]],
    share: dict[str, float],
    turns: dict[str, int],
    counts: list[int],
    config: Config,
):
    """Graphs, dominance, influence, factions, GCA and meeting indices; fills the speaker rows in place."""
    speakers = meeting.speakers
    graphs = {
        "reply": reply_graph(meeting, signals.addressed, signals.interruptions),
        "uptake": uptake_graph(meeting, signals.ideas),
        "agreement": agreement_graph(meeting, signals.acts, signals.ideas),
        "leadership": leadership_graph(meeting, signals.acts, signals.ideas, signals.addressed),
    }
    by_name = {r["name"]: r for r in rows}
    parts = {
        "words": {s: float(by_name[s]["words"]) for s in speakers},
        "turns": {s: float(t) for s, t in turns.items()},
        "floor_taking": floor_taking(meeting),
    }
    dom = dominance(parts) if speakers else {}
    rank = dominance_rank(dom)
    uptake = graphs["uptake"]
    influence = nx.pagerank(uptake, weight="weight") if uptake.number_of_edges() else dict.fromkeys(speakers, 0.0)
    activity = {s: float(by_name[s]["turns"]) for s in speakers}
    said_by: dict[str, list[str]] = {s: [] for s in speakers}
    for u, lemmas in zip(meeting.utterances, signals.content_lemmas, strict=True):
        if u.speaker is not None:
            said_by[u.speaker].extend(lemmas)
    said = [" ".join(said_by[s]) for s in speakers]
    text = config.faction_text_weight * text_affinity(said)
    affinity = signed_affinity(graphs["agreement"], speakers, activity) + text
    labels: list[int] = FactionClusterer(bias=config.faction_bias).fit(affinity).labels_.tolist() if speakers else []
    p_value = faction_p_value(graphs["agreement"], speakers, activity, text, bias=config.faction_bias)
    for name, label in zip(speakers, labels, strict=True):
        row = by_name[name]
        row["dominance"] = round(dom[name], 6)
        row["dominance_rank"] = rank[name]
        row["influence"] = round(float(influence.get(name, 0.0)), 6)
        row["faction"] = int(label)
    members: dict[int, list[str]] = {}
    for name, label in zip(speakers, labels, strict=True):
        members.setdefault(label, []).append(name)
    factions = [{"id": k, "members": members[k]} for k in sorted(members)]
    positive = nx.Graph()
    positive.add_nodes_from(speakers)
    for u, v, w in graphs["agreement"].edges(data="positive", default=0):
        if w:
            prior = positive[u][v]["weight"] if positive.has_edge(u, v) else 0
            positive.add_edge(u, v, weight=prior + w)
    communities = [set(members[k]) for k in sorted(members)]
    modularity = (
        nx.community.modularity(positive, communities) if positive.number_of_edges() and len(communities) > 1 else 0.0
    )
    spread = _spread_indices(share, _leadership_acts(meeting, signals.acts), graphs["leadership"], graphs["reply"])
    metrics = {
        **{
            k: spread[k]
            for k in (
                "participation_gini",
                "participation_entropy",
                "leadership_density",
                "leadership_centralization",
                "reply_reciprocity",
            )
        },
        "faction_modularity": round(modularity, 6),
        "n_factions": len(factions),
        "faction_p_value": round(p_value, 6),
        "dominance_concentration": round(gini(list(dom.values())), 6),
        "n_ideas": len(signals.ideas),
        "ideas_taken_up_share": round(sum(bool(i.uptakes) for i in signals.ideas) / len(signals.ideas), 6)
        if signals.ideas
        else 0.0,
        "n_interruptions": len(signals.interruptions),
        "shared_leadership_index": spread["shared_leadership_index"],
    }
    vectors = _gca_vectors(signals)
    measures = gca([u.speaker for u in meeting.utterances], vectors, counts, window=config.gca_window)
    for name in speakers:
        for key, value in measures[name].items():
            by_name[name][f"gca_{key}"] = value
    metrics["windows"] = windows(meeting, signals, counts, config.window_s, config.window_utterances)
    return graphs, metrics, factions


def _gca_vectors(signals: SignalResult):
    """Contribution vectors for GCA: the text encoder's vectors when one is configured, else raw TF-IDF over
    content lemmas (unnormalised, so that communication density means something)."""
    if signals.text_vectors is not None:
        return signals.text_vectors
    return TfidfEncoder(norm=None).encode([" ".join(lemmas) for lemmas in signals.content_lemmas])


def windows(
    meeting: Meeting, signals: SignalResult, counts: list[int], window_s: float, window_utterances: int
) -> list[dict[str, Any]]:
    """Participation and leadership-spread indices per time window (seconds when every utterance has times,
    else per ``window_utterances`` utterances), so the dynamics of a meeting can be plotted."""
    utts = meeting.utterances
    if meeting.has_times:
        origin = min(u.start for u in utts if u.start is not None)
        keys = [int(((u.start or origin) - origin) // window_s) for u in utts]
        unit = "seconds"
    else:
        keys = [u.index // window_utterances for u in utts]
        unit = "utterances"
    groups: dict[int, list] = {}
    for u, k in zip(utts, keys, strict=True):
        groups.setdefault(k, []).append(u)
    out = []
    for key, members in sorted(groups.items()):
        sub = Meeting(meeting.id, tuple(replace(u, index=i) for i, u in enumerate(members)))
        share, _ = sp.talk_share(sub, [counts[u.index] for u in members])
        lead = _leadership_acts(sub, [signals.acts[u.index] for u in members])
        reply, leadership = _window_graphs(sub, signals, members)
        size = window_s if unit == "seconds" else window_utterances
        out.append(
            {
                "window": key,
                "unit": unit,
                "start": key * size,
                "end": (key + 1) * size,
                "first_utterance": members[0].index,
                "last_utterance": members[-1].index,
                "n_speakers": len(share),
                **_spread_indices(share, lead, leadership, reply),
            }
        )
    return out


def _leadership_acts(meeting: Meeting, acts: list[list[str]]) -> dict[str, float]:
    """Per speaker, the proposals, decisions and directives among their utterances (each act counted once)."""
    lead = dict.fromkeys(meeting.speakers, 0.0)
    for u, labels in zip(meeting.utterances, acts, strict=True):
        if u.speaker is not None:
            lead[u.speaker] += sum(a in labels for a in ("proposal", "decision", "directive"))
    return lead


def _spread_indices(
    share: dict[str, float], lead: dict[str, float], leadership: nx.DiGraph, reply: nx.DiGraph
) -> dict[str, float]:
    """How evenly talk and leadership are spread: the indices reported for the meeting and for each window."""
    talk = list(share.values())
    return {
        "participation_gini": round(gini(talk), 6),
        "participation_entropy": round(normalised_entropy(talk), 6),
        "leadership_acts_entropy": round(normalised_entropy(list(lead.values())), 6),
        "leadership_density": round(density(leadership), 6),
        "leadership_centralization": round(degree_centralization(leadership), 6),
        "reply_reciprocity": round(reciprocity(reply), 6),
        "shared_leadership_index": round(shared_leadership_index(lead, leadership), 6),
    }


def _window_graphs(sub: Meeting, signals: SignalResult, members: list) -> tuple[nx.DiGraph, nx.DiGraph]:
    """Reply and leadership graphs of one window's utterances alone (``sub``: them re-indexed from 0; ideas and
    uptakes inside the window)."""
    inside = {u.index for u in members}
    acts = [signals.acts[u.index] for u in members]
    addressed = [signals.addressed[u.index] for u in members]
    ideas = [
        replace(idea, uptakes=tuple(up for up in idea.uptakes if up.utterance in inside))
        for idea in signals.ideas
        if idea.utterance in inside
    ]
    interruptions = [i for i in signals.interruptions if i.utterance in inside]
    return reply_graph(sub, addressed, interruptions), leadership_graph(sub, acts, ideas, addressed)
