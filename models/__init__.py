"""Trained artefacts that ship with leadsignal (installed as ``leadsignal.models``); see each MODEL_CARD.md."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["model_path"]


def model_path(name: str) -> Path:
    """Folder or file of a bundled model, e.g. ``model_path("acts-nl")``."""
    path = Path(str(resources.files(__package__).joinpath(name)))
    return path
