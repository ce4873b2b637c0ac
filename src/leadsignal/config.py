"""Analysis settings. Every field has a default; the CLI exposes the ones users change."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Config"]


@dataclass(frozen=True)
class Config:
    """Settings of :func:`leadsignal.analyse`.

    nlp_model: ``"blank"`` (spaCy blank Dutch + simplemma lemmas) or an installed spaCy Dutch pipeline.
    """

    nlp_model: str = "blank"
    batch_size: int = 256
