"""Plain data: a meeting is a sequence of utterances exactly as the source file has them."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Utterance", "Meeting"]


@dataclass(frozen=True, slots=True)
class Utterance:
    """One unit of the source file: one cue, text line, JSON segment or CSV row.

    ``index`` is 0-based in file order; ``start``/``end`` are seconds or None; ``speaker`` is None when the
    source does not say who spoke; ``source_line`` is the 1-based line where the unit starts; ``meta`` holds what
    else the source gives for the unit, as (name, text) pairs (a CSV's other columns, such as ``party``).
    """

    index: int
    speaker: str | None
    text: str
    start: float | None = None
    end: float | None = None
    source_line: int | None = None
    meta: tuple[tuple[str, str], ...] = ()

    @property
    def duration(self) -> float | None:
        """Seconds between start and end, or None when either is unknown."""
        if self.start is None or self.end is None:
            return None
        return max(0.0, self.end - self.start)


@dataclass(frozen=True)
class Meeting:
    """A transcript: its utterances in file order and where they came from.

    ``warnings`` holds what the reader noticed but kept (for example speech without a speaker).
    """

    id: str
    utterances: tuple[Utterance, ...]
    source: str = ""
    format: str = ""
    language: str = "nl"
    warnings: tuple[str, ...] = field(default=())

    @property
    def speakers(self) -> list[str]:
        """Named speakers in order of first appearance."""
        seen: dict[str, None] = {}
        for u in self.utterances:
            if u.speaker is not None:
                seen.setdefault(u.speaker, None)
        return list(seen)

    @property
    def has_times(self) -> bool:
        """True when every utterance has a start and an end time."""
        return bool(self.utterances) and all(u.duration is not None for u in self.utterances)

    @property
    def duration_s(self) -> float | None:
        """Seconds from the first start to the last end, or None without times."""
        starts = [u.start for u in self.utterances if u.start is not None]
        ends = [u.end for u in self.utterances if u.end is not None]
        if not starts or not ends:
            return None
        return max(ends) - min(starts)

    def __len__(self) -> int:
        return len(self.utterances)
