"""analyse(meeting) -> Analysis: the whole pipeline and its output contract (schema leadsignal.analysis/1)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from . import nlp as nlp_layer
from .config import Config
from .metrics import speakers as sp
from .model import Meeting

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
            }
            for u, n, acts in zip(self.meeting.utterances, self.words, self.acts, strict=True)
        ]

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


def analyse(meeting: Meeting, config: Config | None = None) -> Analysis:
    """Run the full pipeline on a meeting.

    >>> from leadsignal.model import Meeting, Utterance
    >>> a = analyse(Meeting("m", (Utterance(0, "A", "Zullen we beginnen?"), Utterance(1, "B", "Ja."))))
    >>> a.to_dict()["meeting"]["n_words"], [s["turns"] for s in a.speaker_rows]
    (4, [1, 1])
    """
    config = config or Config()
    nlp = nlp_layer.load(config.nlp_model)
    texts = [u.text for u in meeting.utterances]
    docs = list(nlp.pipe(texts, batch_size=config.batch_size))
    counts = [sp.word_count(text) for text in texts]
    share, basis = sp.talk_share(meeting, counts)
    words = sp.words(meeting, counts)
    turns = sp.turns(meeting)
    longest = sp.longest_monologue(meeting, counts)
    rows = [
        {
            "name": name,
            "words": words[name],
            "talk_share": round(share[name], 6),
            "turns": turns[name],
            "longest_monologue_words": longest[name],
        }
        for name in meeting.speakers
    ]
    return Analysis(meeting, counts, [[] for _ in meeting.utterances], rows, basis)
