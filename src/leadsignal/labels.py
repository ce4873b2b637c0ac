"""The label sets of the dialogue signals (docs/signals.md, ../shared/data/ANNOTATION.md), defined once.

>>> ACTS[:2], UPTAKE_KINDS
(('proposal', 'question'), ('support', 'build', 'reject'))
"""

from __future__ import annotations

__all__ = ["ACTS", "LEADERSHIP_ACTS", "UPTAKE_KINDS", "INTERRUPTION_EVIDENCE"]

ACTS: tuple[str, ...] = ("proposal", "question", "agreement", "disagreement", "decision", "directive", "backchannel")
"""Dialogue acts, in the column order of every act matrix and model (an utterance may carry several)."""

LEADERSHIP_ACTS: tuple[str, ...] = ("proposal", "decision", "directive")
"""The acts that steer a meeting (leadership-act entropy, shared leadership index)."""

UPTAKE_KINDS: tuple[str, ...] = ("support", "build", "reject")
"""How a later utterance takes an idea up."""

INTERRUPTION_EVIDENCE: tuple[str, ...] = ("overlap", "cut_off", "structure")
"""What shows an interruption: overlapping times, or the previous utterance broken off."""
