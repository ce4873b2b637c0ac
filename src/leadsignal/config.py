"""Analysis settings. Every field has a default; the CLI exposes the ones users change."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Config"]


@dataclass(frozen=True)
class Config:
    """Settings of :func:`leadsignal.analyse`.

    nlp_model: ``"blank"`` (spaCy blank Dutch + simplemma lemmas) or an installed spaCy Dutch pipeline.
    encoder: sentence encoder for uptake similarity and GCA: ``"tfidf"`` (default), ``"static"``, ``"e5"``, ``"use"`` or
        ``"hf:PATH"``.
    acts_model: folder of a trained act model (``leadsignal train acts``); None for the bundled one. Loaded once
        per content of the folder (:mod:`leadsignal.cache`).
    uptake_model: a JSON file of uptake weights (``leadsignal train uptake``); None for the bundled one.
    batch_size: utterances per spaCy ``nlp.pipe`` batch.
    faction_text_weight: weight γ of what speakers say in the faction affinity (see metrics.factions).
    faction_bias: preference for speakers to stay in one faction (see metrics.factions).
    window_s, window_utterances: size of ``Analysis.windows`` (seconds with times, else utterances).
    gca_window: the lags τ = 1..w over which GCA cross-cohesion is averaged.
    """

    nlp_model: str = "blank"
    encoder: str = "tfidf"
    acts_model: str | None = None
    uptake_model: str | None = None
    batch_size: int = 256
    faction_bias: float = 0.02
    faction_text_weight: float = 0.5
    window_s: float = 300.0
    window_utterances: int = 50
    gca_window: int = 5
