"""Which ideas a decision adopts.

A decision utterance (act ``decision``) adopts an earlier idea when two things hold:

- the decision is about it: the idea was proposed since the previous decision, or the two utterances share at
  least :data:`MIN_SHARED` content lemmas (a closing summary names what it adopts);
- the group did not turn it down: up to the decision, the idea had at least as many supporting or building
  uptakes as rejecting ones.

On the annotators' own acts, ideas and uptakes of the 31 dev meetings this rule finds the adopted ideas of
ANNOTATION.md's decisions with precision 0.65, recall 0.81 (F1 0.72); with leadsignal's predicted signals the
figure is in docs/signals.md (``leadsignal evaluate``, "decisions").

>>> from leadsignal.results import Idea, Uptake
>>> rejected, supported = Uptake(1, "B", "reject", 0.9), Uptake(3, "A", "support", 0.8)
>>> ideas = (Idea("I1", 0, "A", (rejected,)), Idea("I2", 2, "B", (supported,)))
>>> adoptions([[], [], [], [], ["decision"]], ideas, [[]] * 5, [None, "B", "B", "A", "A"])
(Decision(utterance=4, speaker='A', ideas=('I2',)),)
"""

from __future__ import annotations

from collections.abc import Sequence

from ..results import Decision, Idea

__all__ = ["MIN_SHARED", "adoptions"]

MIN_SHARED = 2


def adoptions(
    acts: Sequence[Sequence[str]],
    ideas: Sequence[Idea],
    content_lemmas: Sequence[Sequence[str]],
    speakers: Sequence[str | None],
) -> tuple[Decision, ...]:
    """One :class:`Decision` per utterance tagged ``decision``, with the ids of the ideas it adopts."""
    out = []
    previous = -1
    for index, labels in enumerate(acts):
        if "decision" not in labels:
            continue
        said = set(content_lemmas[index])
        adopted = []
        for idea in ideas:
            if idea.utterance >= index:
                break
            about = idea.utterance > previous or len(said & set(content_lemmas[idea.utterance])) >= MIN_SHARED
            before = [u.kind for u in idea.uptakes if u.utterance <= index]
            if about and before.count("reject") * 2 <= len(before):
                adopted.append(idea.id)
        out.append(Decision(index, speakers[index], tuple(adopted)))
        previous = index
    return tuple(out)
