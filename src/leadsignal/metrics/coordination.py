"""Linguistic coordination (Danescu-Niculescu-Mizil, Lee, Pang & Kleinberg 2012, "Echoes of power").

A speaker *b* coordinates towards *a* on a function-word class *m* when *b*'s replies use *m* more often after an
utterance of *a* that uses *m* than *b*'s replies to *a* do overall:

    C^m(b -> a) = P(reply of b has m | target of a has m) - P(reply of b has m)

over the exchanges (target, reply) in which *b* replies to *a*. An exchange is a turn's first utterance and the
latest earlier utterance of another named speaker (the response rule of the reply graph; utterances without a
speaker are left out). The
classes are Dutch function words (``lang/nl/function_words.txt``: articles, auxiliaries, conjunctions, adverbs,
impersonal and personal pronouns, prepositions, quantifiers, negations). C^m is undefined when no target used
*m*; a speaker's score is the mean over the classes where it is defined (the paper's Aggregate 3, which fills an
undefined class with the mean of the speaker's defined ones), None when none is.

``given`` pools a speaker's replies to everyone else; ``received`` pools everyone else's replies to the speaker.
Power shows in who is coordinated to: in the paper, people coordinate more towards those with more power.

Worked example (one class, articles; the exchanges are 0->1, 1->2, 2->3, 3->4, 4->5):

>>> speakers = ["Anna", "Bram", "Anna", "Bram", "Anna", "Bram"]
>>> texts = ["de vergadering begint", "de agenda eerst", "goed zo", "een vraag nog", "het budget", "prima"]
>>> result = coordination(speakers, texts, classes={"article": frozenset({"de", "het", "een"})})
>>> round(result.given["Bram"], 4), result.given["Anna"]  # Bram: 1/2 - 2/3; Anna: 1/2 - 1/2
(-0.1667, 0.0)
>>> round(result.received["Anna"], 4), result.received["Bram"]
(-0.1667, 0.0)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..lang.nl import FUNCTION_WORDS

__all__ = ["FUNCTION_WORDS", "Coordination", "coordination", "exchanges", "markers"]


_WORD = re.compile(r"(?:'\w+|\w+(?:'\w+)?)")


def markers(text: str, classes: Mapping[str, frozenset[str]] = FUNCTION_WORDS) -> frozenset[str]:
    """The classes whose words occur in ``text`` (case-insensitive).

    >>> sorted(markers("Ik heb 't niet gezien."))
    ['article', 'auxiliary', 'impersonal_pronoun', 'negation', 'personal_pronoun']
    """
    words = set(_WORD.findall(text.lower()))
    return frozenset(name for name, members in classes.items() if not words.isdisjoint(members))


def exchanges(speakers: Sequence[str | None]) -> list[tuple[int, int]]:
    """(target, reply) index pairs: each turn's first utterance and the latest earlier utterance of another
    named speaker.

    >>> exchanges(["A", "A", "B", None, "A"])
    [(1, 2), (2, 4)]
    """
    pairs = []
    latest: int | None = None  # latest named utterance
    for k, speaker in enumerate(speakers):
        if speaker is None:
            continue
        if latest is not None and speakers[latest] != speaker and (k == 0 or speakers[k - 1] != speaker):
            pairs.append((latest, k))
        latest = k
    return pairs


@dataclass(frozen=True)
class Coordination:
    """Per speaker: coordination ``given`` towards the others and ``received`` from them (None: undefined), and
    the per-class scores behind each, ``{speaker: {class: score}}``."""

    given: dict[str, float | None]
    received: dict[str, float | None]
    given_by_class: dict[str, dict[str, float]]
    received_by_class: dict[str, dict[str, float]]


def _scores(pairs: Sequence[tuple[frozenset[str], frozenset[str]]], classes: Sequence[str]) -> dict[str, float]:
    """C^m for each class over (target markers, reply markers) pairs, where defined."""
    out = {}
    n = len(pairs)
    for m in classes:
        triggered = [reply for target, reply in pairs if m in target]
        if triggered:
            conditional = sum(m in reply for reply in triggered) / len(triggered)
            base = sum(m in reply for _, reply in pairs) / n
            out[m] = conditional - base
    return out


def _mean(scores: Mapping[str, float]) -> float | None:
    return sum(scores.values()) / len(scores) if scores else None


def coordination(
    speakers: Sequence[str | None],
    texts: Sequence[str],
    classes: Mapping[str, frozenset[str]] = FUNCTION_WORDS,
) -> Coordination:
    """Coordination given and received by every named speaker of a meeting (see the module docstring)."""
    found = [markers(t, classes) for t in texts]
    as_replier: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = {}
    as_target: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = {}
    for target, reply in exchanges(speakers):
        pair = (found[target], found[reply])
        as_replier.setdefault(speakers[reply], []).append(pair)  # type: ignore[arg-type]
        as_target.setdefault(speakers[target], []).append(pair)  # type: ignore[arg-type]
    names = list(dict.fromkeys(s for s in speakers if s is not None))
    given = {s: _scores(as_replier.get(s, []), list(classes)) for s in names}
    received = {s: _scores(as_target.get(s, []), list(classes)) for s in names}
    return Coordination(
        {s: _mean(v) for s, v in given.items()}, {s: _mean(v) for s, v in received.items()}, given, received
    )
