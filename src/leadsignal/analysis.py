"""analyse(meeting) -> Analysis: run the signal pipeline, call the measures, assemble the results.

The measures live in :mod:`leadsignal.metrics` and the graphs in :mod:`leadsignal.graphs`; the records in
:mod:`leadsignal.results`; the JSON contract in :mod:`leadsignal.contract`.
"""

from __future__ import annotations

import contextlib
import sys
from functools import lru_cache

from . import cache
from . import nlp as nlp_layer
from .config import Config
from .contract import SCHEMA
from .graphs import interaction_graphs
from .metrics import speakers as sp
from .metrics.coordination import coordination
from .metrics.dominance import dominance_rank, meeting_dominance
from .metrics.factions import faction_split
from .metrics.gca import contribution_vectors, gca
from .metrics.indices import meeting_indices, windows
from .results import Analysis, UtteranceSignals
from .signals import loading
from .signals.decisions import adoptions
from .signals.ideas import UptakeModel
from .signals.inference import ActModel
from .signals.loading import act_model
from .signals.pipeline import SignalPipeline
from .transcript import Meeting

__all__ = ["Analysis", "analyse", "SCHEMA"]


@cache.register
@lru_cache(maxsize=4)
def _pipeline(nlp_model: str, encoder: str, batch_size: int) -> SignalPipeline:
    return SignalPipeline(nlp_layer.load(nlp_model), encoder, batch_size)


def analyse(
    meeting: Meeting,
    config: Config | None = None,
    *,
    acts_model: ActModel | None = None,
    uptake_model: UptakeModel | None = None,
) -> Analysis:
    """Run the full pipeline on a meeting.

    ``acts_model`` and ``uptake_model`` replace the bundled models (as leave-one-meeting-out evaluation does).

    >>> from leadsignal.transcript import Meeting, Utterance
    >>> a = analyse(Meeting("m", (Utterance(0, "A", "Zullen we beginnen?"), Utterance(1, "B", "Ja."))))
    >>> a.to_dict()["meeting"]["n_words"], [s.turns for s in a.speaker_measures]
    (4, [1, 1])
    """
    # The bundled models run without scikit-learn. A scikit-learn act model (training, evaluation, a model with an
    # encoder) gets arrays built by leadsignal (finite, valid parameters): skipping its per-call checks takes ~13%
    # off a 1,000-word meeting (benchmarks/corpus.py).
    context: contextlib.AbstractContextManager[object] = contextlib.nullcontext()
    if "sklearn" in sys.modules:
        context = sys.modules["sklearn"].config_context(assume_finite=True, skip_parameter_validation=True)
    with context:
        return _analyse(meeting, config or Config(), acts_model, uptake_model)


def _analyse(
    meeting: Meeting, config: Config, acts_model: ActModel | None, uptake_model: UptakeModel | None
) -> Analysis:
    pipeline = _pipeline(config.nlp_model, config.encoder, config.batch_size)
    given = (acts_model is not None, uptake_model is not None)
    if acts_model is None and config.acts_model:
        acts_model = act_model(config.acts_model)
    if uptake_model is None and config.uptake_model:
        uptake_model = loading.uptake_model(config.uptake_model)
    provenance = loading.provenance(config, acts_given=given[0], uptake_given=given[1])
    signals = pipeline.run(meeting, acts_model, uptake_model)
    acts, ideas, interruptions = signals.acts, signals.ideas, signals.interruptions
    speakers = meeting.speakers
    counts = [sp.word_count(u.text) for u in meeting.utterances]
    share, basis = sp.talk_share(meeting, counts)
    turns = sp.turns(meeting)
    words = sp.words(meeting, counts)
    chaired_by = signals.chair
    networks = interaction_graphs(
        meeting, acts, ideas, signals.addressed, interruptions, signals.mentioned, chaired_by, counts
    )
    dominance = meeting_dominance(meeting, words, turns)
    said: dict[str, list[int]] = {s: [] for s in speakers}  # each speaker's utterances, whose lemmas they said
    for k, u in enumerate(meeting.utterances):
        if u.speaker is not None:
            said[u.speaker].append(k)
    terms = signals.content_terms
    split = faction_split(
        speakers,
        networks["agreement"],
        turns,
        terms.tfidf(groups=[said[s] for s in speakers]),
        config.faction_bias,
        config.faction_text_weight,
    )
    vectors = contribution_vectors(signals.content_lemmas, signals.text_vectors, terms)
    measures = sp.speaker_measures(
        meeting,
        counts,
        words,
        turns,
        share,
        acts,
        ideas,
        interruptions,
        dominance,
        dominance_rank(dominance),
        sp.influence(networks["uptake"], speakers),
        split.labels,
        gca([u.speaker for u in meeting.utterances], vectors, counts, window=config.gca_window),
        coordination([u.speaker for u in meeting.utterances], [u.text for u in meeting.utterances]),
    )
    indices = meeting_indices(
        meeting,
        acts,
        share,
        networks,
        dominance,
        ideas,
        interruptions,
        len(split.factions),
        split.p_value,
        split.modularity,
    )
    interrupted = {i.utterance: i.of for i in interruptions}
    utterance_signals = tuple(
        UtteranceSignals(
            u.index,
            n,
            tuple(labels),
            tuple(names),
            interrupted.get(u.index),
            tuple(map(float, probabilities)),
            tuple(about),
        )
        for u, n, labels, names, probabilities, about in zip(
            meeting.utterances, counts, acts, signals.addressed, signals.act_probs, signals.mentioned, strict=True
        )
    )
    return Analysis(
        meeting=meeting,
        talk_share_basis=basis,
        utterance_signals=utterance_signals,
        speaker_measures=tuple(measures),
        ideas=tuple(ideas),
        factions=split.factions,
        indices=indices,
        windows=tuple(
            windows(
                meeting,
                counts,
                acts,
                signals.addressed,
                ideas,
                interruptions,
                config.window_s,
                config.window_utterances,
                chaired_by,
            )
        ),
        networks=networks,
        provenance=provenance,
        decisions=adoptions(acts, ideas, signals.content_lemmas, [u.speaker for u in meeting.utterances]),
    )
