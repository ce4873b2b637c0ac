"""A few hundred fuzzed inputs through read + analyse: each ends in an analysis or a TranscriptError (the full
100,000-input run is benchmarks/fuzz.py; docs/robustness.md has its figures)."""

from __future__ import annotations

import pytest

from .mutations import inputs, run_one

N = 1000


@pytest.mark.slow
def test_fuzzed_inputs_end_in_an_analysis_or_a_transcript_error():
    outcomes = [run_one(k, name, data) for k, name, data in inputs(N, seed=2026)]
    failures = [(o.number, o.name, o.kind, o.detail) for o in outcomes if o.kind in ("error", "timeout")]
    assert failures == []
    kinds = {o.kind for o in outcomes}
    assert kinds == {"analysed", "TranscriptError"}  # both paths exercised


def test_the_sequence_is_reproducible():
    first = [(k, name, data) for k, name, data in inputs(5, seed=1, start=10)]
    again = [(k, name, data) for k, name, data in inputs(3, seed=1, start=12)]
    assert first[2:] == again
