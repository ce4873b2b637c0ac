"""Turn-taking signals: interruptions (from timing and from cut-off text), and who is addressed or only mentioned
by name."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lang.nl import CUT_OFF, FILLERS, FUNCTION_WORDS, groups
from ..names import WORD, NameMatcher, address_forms
from ..results import Interruption
from ..transcript import Meeting, Utterance

__all__ = [
    "Interruption",
    "interruptions",
    "structural_interruptions",
    "addressed",
    "chair",
    "names_said",
    "other_speaker_indices",
]

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


def interruptions(meeting: Meeting, chair: str | None = None) -> list[Interruption]:
    """Interruptions between consecutive utterances of different speakers; in a debate with a ``chair``, from the
    structure of the exchange (:func:`structural_interruptions`) instead.

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
    if chair is not None:
        return structural_interruptions(meeting, chair)
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


STRUCTURE_LOOKAHEAD = 2
"""A member's turn interrupts the floor holder when the holder speaks again within this many member turns."""


def structural_interruptions(meeting: Meeting, chair: str) -> list[Interruption]:
    """Interruptions in a chaired debate, from the structure of the exchange (times, where a record has them, date
    whole contributions and overlap by construction). The chair's turns are passed over and a member's utterances
    in a row are one turn. The floor holder is the member whose turn is no interruption; a turn of another member
    interrupts the holder when the holder speaks again within :data:`STRUCTURE_LOOKAHEAD` member turns. So in
    "A: speech / B: question / A: answer / B: follow-up / C: question / A: answer" B interrupts A twice and C once,
    and A's answers are no interruptions.

    >>> from leadsignal.transcript import Meeting, Utterance
    >>> lines = ["C", "De heer A.", "A", "Mijn betoog.", "C", "De heer B.", "B", "Een vraag?", "A", "Een antwoord.",
    ...          "B", "Nog een vraag?", "D", "Ook een vraag.", "A", "Antwoord. Ik ga door.", "C", "De heer E.",
    ...          "E", "Mijn betoog."]
    >>> m = Meeting("m", tuple(Utterance(i // 2, lines[i], lines[i + 1]) for i in range(0, len(lines), 2)))
    >>> [(i.utterance, i.by, i.of, i.evidence) for i in structural_interruptions(m, "C")]
    [(3, 'B', 'A', 'structure'), (5, 'B', 'A', 'structure'), (6, 'D', 'A', 'structure')]
    """
    utts = meeting.utterances
    turns: list[list[Utterance]] = []  # the members' turns, the chair passed over
    for u in utts:
        if u.speaker in (None, chair):
            continue
        if turns and turns[-1][0].speaker == u.speaker:
            turns[-1].append(u)
        else:
            turns.append([u])
    out: list[Interruption] = []
    holder: str | None = None
    for t, turn in enumerate(turns):
        by = turn[0].speaker
        ahead = turns[t + 1 : t + 1 + STRUCTURE_LOOKAHEAD]
        if holder is not None and by != holder and any(later[0].speaker == holder for later in ahead):
            out += [Interruption(u.index, by, holder, "structure") for u in turn]
        else:
            holder = by
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


_CONTEXT = {k: frozenset(v) for k, v in groups("name_context").items()}
CONTEXT_CHARS = 80  # how far around a name its clause is looked at (long parliamentary sentences)
_TRAILING_WORD = re.compile(rf"({WORD.pattern})\W*$")


def _is_address(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] addresses its owner rather than mentions them.

    An address: a vocative (the name opens its clause, after at most a title or an opener such as "ja", and a
    comma, question or exclamation mark follows: "Bram, wat vind jij?", "Wat vind jij, Bram?"); a request ("een
    vraag aan de heer X"); a question that names someone ("Is mevrouw X het met mij eens?"). A mention: the name
    after "van", "zoals", "met", ... or before "heeft", "zei", ... (lang/nl/name_context.txt); any other name.
    """
    opening = max(text.rfind(c, max(0, start - CONTEXT_CHARS), start) for c in ".!?;") + 1
    opening = max(opening, start - CONTEXT_CHARS) if opening == 0 and start > CONTEXT_CHARS else opening
    closes = [i for i in (text.find(c, end, end + CONTEXT_CHARS) for c in ".!?") if i != -1]
    closing = min(closes) if closes else min(len(text), end + CONTEXT_CHARS)
    before, after = text[opening:start], text[end:closing]
    words = [w.lower() for w in WORD.findall(before)]
    while words and words[-1] in _CONTEXT["titles"]:  # "de heer", "mevrouw", "collega"
        words.pop()
        found = _TRAILING_WORD.search(before)
        before = before[: found.start()] if found else ""
    mark = text[closing] if closes else ""  # the clause's closing mark, if it is within reach
    followed = re.match(r"\s*([,?!:]|$)", after) is not None and bool(after.strip() or mark or closing == len(text))
    if followed and (set(words) <= _CONTEXT["openers"] or before.rstrip().endswith((",", ":", "—", "–"))):
        return True
    if words and words[-1] in _CONTEXT["before_mention"]:
        return False
    after_words = [w.lower() for w in WORD.findall(after)]
    if after_words and after_words[0] in _CONTEXT["after_mention"]:
        return False
    if set(words[-3:]) & _CONTEXT["before_address"]:
        return True
    return mark == "?"


def names_said(meeting: Meeting) -> tuple[list[list[str]], list[list[str]]]:
    """Per utterance, the other speakers it addresses and those it only mentions (each name once, addresses
    first: a name both addressed and mentioned counts as addressed).

    >>> from leadsignal.transcript import Meeting, Utterance
    >>> m = Meeting("m", (Utterance(0, "Anna de Vries", "Bram, wat vind jij?"),
    ...                   Utterance(1, "Bram Jansen", "Zoals Anna al zei: prima. Ricardo schuift later aan."),
    ...                   Utterance(2, "Ricardo Sedney", "Is Bram het daarmee eens?")))
    >>> names_said(m)
    ([['Bram Jansen'], [], ['Bram Jansen']], [[], ['Anna de Vries', 'Ricardo Sedney'], []])
    """
    matcher = NameMatcher(address_forms(meeting.speakers))
    addresses, mentions = [], []
    for u in meeting.utterances:
        to: dict[str, None] = {}
        about: dict[str, None] = {}
        for name, start, end in matcher.find(u.text):
            if name != u.speaker:
                (to if _is_address(u.text, start, end) else about)[name] = None
        addresses.append(list(to))
        mentions.append([name for name in about if name not in to])
    return addresses, mentions


def addressed(meeting: Meeting) -> list[list[str]]:
    """Per utterance, the other speakers it addresses by name (:func:`names_said`)."""
    return names_said(meeting)[0]


CHAIR_WORD = re.compile(r"\bvoorzitter\b", re.IGNORECASE)
CHAIR_MIN_TURNS = 3
CHAIR_LEAD = 3


def chair(meeting: Meeting) -> str | None:
    """The speaker who chairs and gives the floor, or None: the one whose utterances the source marks with the
    role ``chair`` (ParlaMint), else the one after whose turns the next speaker opens with "voorzitter" ("Dank u
    wel, voorzitter") at least three times and at least three times as often as after anyone else's.

    >>> from leadsignal.transcript import Meeting, Utterance
    >>> lines = ["C", "Mevrouw A.", "A", "Dank u, voorzitter. Ik begin.", "C", "De heer B.", "B", "Voorzitter, kort.",
    ...          "C", "Mevrouw A.", "A", "Dank, voorzitter."]
    >>> chair(Meeting("m", tuple(Utterance(i // 2, lines[i], lines[i + 1]) for i in range(0, len(lines), 2))))
    'C'
    """
    for u in meeting.utterances:
        if dict(u.meta).get("role") == "chair":
            return u.speaker
    credit: dict[str, int] = {}
    utts = meeting.utterances
    for before, u in zip(utts, utts[1:], strict=False):
        if before.speaker is None or u.speaker in (None, before.speaker):
            continue
        if CHAIR_WORD.search(" ".join(u.text.split()[:6])):
            credit[before.speaker] = credit.get(before.speaker, 0) + 1
    if not credit:
        return None
    ranked = sorted(credit.values(), reverse=True)
    best = max(credit, key=lambda s: (credit[s], -list(credit).index(s)))
    if credit[best] >= CHAIR_MIN_TURNS and (len(ranked) == 1 or ranked[0] >= CHAIR_LEAD * ranked[1]):
        return best
    return None
