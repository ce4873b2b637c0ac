"""Turn-taking signals: interruptions (from timing and from cut-off text) and who is addressed by name."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Meeting

__all__ = ["Interruption", "interruptions", "name_aliases", "addressed", "other_speaker_indices"]

CUT_OFF = ("—", "–", "-", "...", "…")
OVERLAP_S = 0.2  # an overlap shorter than this is a timing jitter of the transcriber, not an interruption


def other_speaker_indices(speakers: Sequence[str | None]) -> tuple[list[int], list[int]]:
    """For each utterance, the index of the latest earlier and the next later utterance by another speaker
    (-1 where there is none). Utterances without a speaker count as a speaker of their own.

    >>> other_speaker_indices(["A", "A", "B", "A"])
    ([-1, -1, 1, 2], [2, 2, 3, -1])
    """
    n = len(speakers)
    previous, following = [-1] * n, [-1] * n
    for i in range(1, n):
        previous[i] = i - 1 if speakers[i] != speakers[i - 1] else previous[i - 1]
    for i in range(n - 2, -1, -1):
        following[i] = i + 1 if speakers[i] != speakers[i + 1] else following[i + 1]
    return previous, following


@dataclass(frozen=True)
class Interruption:
    """Utterance ``utterance`` by ``by`` interrupts the previous speaker ``of`` (evidence: timing or text)."""

    utterance: int
    by: str | None
    of: str | None
    evidence: str  # "overlap" | "cut_off"


def interruptions(meeting: Meeting) -> list[Interruption]:
    """Interruptions between consecutive utterances of different speakers.

    From timing: the utterance starts more than 0.2 s before the previous one ends. From text (works without
    times): the previous utterance is cut off ("—", "–", "-", "...", "…" at its end).

    >>> from leadsignal.model import Meeting, Utterance
    >>> m = Meeting("m", (Utterance(0, "A", "Ik wil zeggen dat—"), Utterance(1, "B", "Nee."),
    ...                   Utterance(2, "A", "Goed", 3.0, 9.0), Utterance(3, "B", "Maar", 5.0, 6.0)))
    >>> [(i.utterance, i.by, i.of, i.evidence) for i in interruptions(m)]
    [(1, 'B', 'A', 'cut_off'), (3, 'B', 'A', 'overlap')]
    """
    out = []
    utts = meeting.utterances
    for prev, cur in zip(utts, utts[1:], strict=False):
        if prev.speaker == cur.speaker or cur.speaker is None or prev.speaker is None:
            continue
        if prev.end is not None and cur.start is not None and cur.start < prev.end - OVERLAP_S:
            out.append(Interruption(cur.index, cur.speaker, prev.speaker, "overlap"))
        elif prev.text.rstrip().endswith(CUT_OFF):
            out.append(Interruption(cur.index, cur.speaker, prev.speaker, "cut_off"))
    return out


def name_aliases(speakers: list[str]) -> dict[str, str]:
    """Lower-cased ways to call each speaker: the full name, and the first name when no one else shares it.

    >>> name_aliases(["Anna de Vries", "Anna Bos", "Bram Jansen", "SPEAKER_00"])
    {'anna de vries': 'Anna de Vries', 'anna bos': 'Anna Bos', 'bram jansen': 'Bram Jansen', 'bram': 'Bram Jansen'}
    """
    aliases = {}
    firsts: dict[str, list[str]] = {}
    for name in speakers:
        if not re.search(r"[^\W\d_]{2}", name) or name.upper().startswith("SPEAKER"):
            continue
        aliases[name.lower()] = name
        first = name.split()[0].lower()
        if len(first) >= 3 and first != name.lower():
            firsts.setdefault(first, []).append(name)
    for first, names in firsts.items():
        if len(names) == 1 and first not in aliases:
            aliases[first] = names[0]
    return aliases


def addressed(meeting: Meeting) -> list[list[str]]:
    """Per utterance, the other speakers it names ("Bram, wat vind jij?", "zoals Samira al zei").

    >>> from leadsignal.model import Meeting, Utterance
    >>> m = Meeting("m", (Utterance(0, "Anna de Vries", "Bram, wat vind jij?"),
    ...                   Utterance(1, "Bram Jansen", "Zoals Anna al zei: prima.")))
    >>> addressed(m)
    [['Bram Jansen'], ['Anna de Vries']]
    """
    aliases = name_aliases(meeting.speakers)
    if not aliases:
        return [[] for _ in meeting.utterances]
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True)) + r")(?![\w-])",
        re.IGNORECASE,
    )
    out = []
    for u in meeting.utterances:
        names = []
        for m in pattern.finditer(u.text):
            name = aliases[m.group(1).lower()]
            if name != u.speaker and name not in names:
                names.append(name)
        out.append(names)
    return out
