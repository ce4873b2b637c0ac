"""Gold annotations in the ANNOTATION.md format: reading them, and scoring predictions against them.

Used by ``leadsignal train`` and ``leadsignal evaluate``; the scoring mirrors ../shared/tools/score_meetings.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import TranscriptError
from .io import read
from .transcript import Meeting

__all__ = ["GoldMeeting", "load_gold", "load_gold_dir"]


@dataclass(frozen=True)
class GoldMeeting:
    """A transcript with its gold file."""

    meeting: Meeting
    gold: dict[str, Any]

    @property
    def acts(self) -> list[list[str]]:
        """The annotated acts of each utterance, in file order."""
        return [list(u.get("acts", [])) for u in self.gold["utterances"]]

    @property
    def idea_utterances(self) -> set[int]:
        """Indices of the utterances the annotators marked as ideas."""
        return {i["utterance"] for i in self.gold.get("ideas", [])}

    @property
    def uptakes(self) -> dict[tuple[int, int], str]:
        """(idea utterance, uptake utterance) -> kind."""
        where = {i["id"]: i["utterance"] for i in self.gold.get("ideas", [])}
        return {(where[u["idea"]], u["utterance"]): u["kind"] for u in self.gold.get("uptakes", [])}


def load_gold(path: str | Path) -> GoldMeeting:
    """Read one ``*.gold.json`` and the transcript it names (beside it)."""
    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TranscriptError(path, None, f"cannot read gold file: {exc}") from None
    meeting = read(path.parent / gold["transcript"])
    if len(meeting.utterances) != len(gold["utterances"]):
        raise TranscriptError(
            path, None, f"gold has {len(gold['utterances'])} utterances, transcript {len(meeting.utterances)}"
        )
    return GoldMeeting(meeting, gold)


def load_gold_dir(folder: str | Path) -> list[GoldMeeting]:
    """Every ``*.gold.json`` in a folder, sorted by name."""
    paths = sorted(Path(folder).glob("*.gold.json"))
    if not paths:
        raise TranscriptError(folder, None, "no *.gold.json files")
    return [load_gold(p) for p in paths]
