"""Turn-taking signals: interruptions (from timing and from cut-off text) and who is addressed by name."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lang.nl import CUT_OFF, FILLERS, FUNCTION_WORDS
from ..names import NameMatcher, address_forms
from ..results import Interruption
from ..transcript import Meeting, Utterance

__all__ = ["Interruption", "interruptions", "addressed", "other_speaker_indices"]

_OPENERS = FUNCTION_WORDS["article"] | FUNCTION_WORDS["conjunction"] | FUNCTION_WORDS["preposition"] | FILLERS
"""Words a Dutch clause does not end on (and fillers)."""
ELLIPSES = tuple(mark for mark in CUT_OFF if "." in mark or "…" in mark)
DASHES = tuple(mark for mark in CUT_OFF if mark not in ELLIPSES)
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


def interruptions(meeting: Meeting) -> list[Interruption]:
    """Interruptions between consecutive utterances of different speakers.

    From timing: the utterance starts more than 0.2 s before the previous one ends. From text (works without
    times): the previous utterance is cut off: it ends in a dash ("—", "–", "-"), or in an ellipsis ("...", "…")
    after an article, conjunction, preposition or filler (mid-clause: "of...", "eh...") or when its speaker takes
    the floor back within the next two utterances. An ellipsis after a finished clause whose speaker does not come
    back is trailing off.

    >>> from leadsignal.transcript import Meeting, Utterance
    >>> m = Meeting("m", (Utterance(0, "A", "Ik wil zeggen dat—"), Utterance(1, "B", "Nee."),
    ...                   Utterance(2, "A", "Goed", 3.0, 9.0), Utterance(3, "B", "Maar", 5.0, 6.0)))
    >>> [(i.utterance, i.by, i.of, i.evidence) for i in interruptions(m)]
    [(1, 'B', 'A', 'cut_off'), (3, 'B', 'A', 'overlap')]
    """
    out = []
    utts = meeting.utterances
    for k, (prev, cur) in enumerate(zip(utts, utts[1:], strict=False)):
        if prev.speaker == cur.speaker or cur.speaker is None or prev.speaker is None:
            continue
        ending = prev.text.rstrip()
        if prev.end is not None and cur.start is not None and cur.start < prev.end - OVERLAP_S:
            out.append(Interruption(cur.index, cur.speaker, prev.speaker, "overlap"))
        elif ending.endswith(DASHES) or (
            ending.endswith(ELLIPSES) and (_unfinished(ending) or _resumes(utts, k + 2, prev.speaker))
        ):
            out.append(Interruption(cur.index, cur.speaker, prev.speaker, "cut_off"))
    return out


def _resumes(utts: Sequence[Utterance], at: int, speaker: str) -> bool:
    """Does ``speaker`` speak again right after the interjection (within the next two utterances)?"""
    return any(u.speaker == speaker for u in utts[at : at + 2])


_LAST_WORD = re.compile(r"([\w']+)\W*$")


def _unfinished(text: str) -> bool:
    """Does the text stop mid-clause: its last word an article, conjunction, preposition or filler ("bij de ouders,
    of...", "als jij dat...", "even, eh...")? Such an ellipsis is a cut-off; after other words it may be trailing
    off."""
    m = _LAST_WORD.search(text.rstrip(".… "))
    return m is not None and m.group(1).lower() in _OPENERS


def addressed(meeting: Meeting) -> list[list[str]]:
    """Per utterance, the other speakers it names ("Bram, wat vind jij?", "zoals Samira al zei").

    >>> from leadsignal.transcript import Meeting, Utterance
    >>> m = Meeting("m", (Utterance(0, "Anna de Vries", "Bram, wat vind jij?"),
    ...                   Utterance(1, "Bram Jansen", "Zoals Anna al zei: prima.")))
    >>> addressed(m)
    [['Bram Jansen'], ['Anna de Vries']]
    """
    matcher = NameMatcher(address_forms(meeting.speakers))
    return [[name for name in matcher.names(u.text) if name != u.speaker] for u in meeting.utterances]
