"""analyse(meeting) -> Analysis: the whole pipeline and its output contract (schema leadsignal.analysis/1)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from . import nlp as nlp_layer
from .config import Config
from .metrics import speakers as sp
from .model import Meeting
from .signals.acts import ACTS, ActClassifier
from .signals.pipeline import SignalPipeline, SignalResult

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

    @property
    def speakers(self) -> pd.DataFrame:
        """One row per named speaker, in order of first appearance."""
        return pd.DataFrame(self.speaker_rows).set_index("name", drop=False)

    @property
    def utterances(self) -> pd.DataFrame:
        """One row per source utterance, in file order."""
        return pd.DataFrame(self._utterance_rows()).set_index("index", drop=False)

    def _utterance_rows(self) -> list[dict[str, Any]]:
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


def analyse(meeting: Meeting, config: Config | None = None) -> Analysis:
    """Run the full pipeline on a meeting.

    >>> from leadsignal.model import Meeting, Utterance
    >>> a = analyse(Meeting("m", (Utterance(0, "A", "Zullen we beginnen?"), Utterance(1, "B", "Ja."))))
    >>> a.to_dict()["meeting"]["n_words"], [s["turns"] for s in a.speaker_rows]
    (4, [1, 1])
    """
    config = config or Config()
    pipeline = _pipeline(config.nlp_model, config.encoder, config.batch_size)
    acts_model = ActClassifier.load(config.acts_model) if config.acts_model else None
    signals = pipeline.run(meeting, acts_model)
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
    ideas = [
        {
            "id": idea.id,
            "utterance": idea.utterance,
            "speaker": idea.speaker,
            "uptakes": [asdict(u) for u in idea.uptakes],
        }
        for idea in signals.ideas
    ]
    return Analysis(meeting, counts, signals.acts, rows, basis, ideas=ideas, signals=signals)
