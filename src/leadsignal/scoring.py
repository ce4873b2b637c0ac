"""Scores of predictions against annotations, one implementation each."""

from __future__ import annotations

__all__ = ["f1"]


def f1(tp: int, fp: int, fn: int, empty: float = 1.0) -> float:
    """F1 = 2 tp / (2 tp + fp + fn) from counts; ``empty`` when there is nothing to find and nothing was found
    (1.0 for scoring a meeting: nothing missed, nothing wrong; 0.0 for choosing a threshold, so that predicting
    nothing never wins).

    >>> f1(3, 1, 1), f1(0, 0, 0), f1(0, 0, 0, empty=0.0)
    (0.75, 1.0, 0.0)
    """
    if tp + fp + fn == 0:
        return empty
    return 2 * tp / (2 * tp + fp + fn)
