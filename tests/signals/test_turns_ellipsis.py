"""An ellipsis is a cut-off only with evidence: mid-clause, or the speaker takes the floor back."""

from __future__ import annotations

import pytest

from leadsignal.signals.turns import interruptions
from leadsignal.transcript import Meeting, Utterance


def _meeting(*turns):
    return Meeting("m", tuple(Utterance(i, s, t) for i, (s, t) in enumerate(turns)))


@pytest.mark.parametrize(
    ("first", "third", "interrupted"),
    [
        ("Ik weet het niet...", ("C", "Goed."), False),  # trailing off: finished clause, A does not come back
        ("Hebben we de ouders gevraagd, of...", ("C", "Goed."), True),  # stops mid-clause
        ("Dat is misschien, eh…", ("C", "Goed."), True),  # a filler before the ellipsis
        ("Ik weet het niet...", ("A", "Zoals ik zei."), True),  # A takes the floor back
        ("Ik wil zeggen dat—", ("C", "Goed."), True),  # a dash is always a cut-off
    ],
)
def test_ellipsis_needs_evidence(first, third, interrupted):
    m = _meeting(("A", first), ("B", "Nee hoor."), third)
    assert [(i.by, i.of) for i in interruptions(m)] == ([("B", "A")] if interrupted else [])
