"""Loading act and uptake models, through :mod:`leadsignal.cache` (keyed by the content of the model files).

An act model folder holds the scikit-learn model (``acts.skops``) and, for models without an external encoder,
its compiled form (``compiled.json`` + ``compiled.npz``), which loads without scikit-learn: that form is used when
it is there.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .. import cache
from ..config import Config
from ..errors import ModelError
from ..results import Provenance
from .ideas import UptakeModel
from .inference import DEFAULT_MODEL, ActModel, CompiledActs

__all__ = [
    "load_act_model",
    "act_model",
    "uptake_model",
    "default_models",
    "model_files",
    "provenance",
    "UPTAKE_MODEL",
]

UPTAKE_MODEL = "uptake-nl.json"


def load_act_model(folder: str | Path) -> Any:
    """The compiled form of a saved act model when it has one, else the scikit-learn model (skops)."""
    folder = Path(folder)
    if (folder / "compiled.json").exists():
        return CompiledActs.load(folder)
    try:
        from .acts import ActClassifier  # scikit-learn: only for models that have no compiled form
    except ImportError:
        raise ModelError(
            f"{folder}: an act model without a compiled form needs pip install 'leadsignal[train]'"
        ) from None
    return ActClassifier.load(folder)


def act_model(folder: str | Path) -> ActModel:
    """The act model saved in ``folder``, loaded once per process for each content of the folder."""
    if not Path(folder).is_dir():
        raise ModelError(f"{folder}: not an act model (no such folder)")
    return cache.load_model("acts", folder, load_act_model)


def uptake_model(path: str | Path) -> UptakeModel:
    """The uptake weights in ``path``, loaded once per process for each content of the file."""
    if not Path(path).is_file():
        raise ModelError(f"{path}: not an uptake model (no such file)")
    return cache.load_model("uptake", path, UptakeModel.load)


def model_files() -> tuple[Path, Path]:
    """Where the bundled act model folder and uptake weights are (in the installed package)."""
    from ..models import model_path

    return model_path(DEFAULT_MODEL), model_path(UPTAKE_MODEL)


def provenance(config: Config, acts_given: bool = False, uptake_given: bool = False) -> Provenance:
    """What an analysis under ``config`` is made with: the leadsignal version, the SHA-256 of the act model folder
    and the uptake weights it loads (None for a model object given in Python instead) and of the settings."""
    from .. import __version__

    acts, uptake = model_files()
    settings = json.dumps(asdict(config), sort_keys=True).encode("utf-8")
    return Provenance(
        leadsignal_version=__version__,
        acts_model_sha256=None if acts_given else cache.content_digest(config.acts_model or acts),
        uptake_model_sha256=None if uptake_given else cache.content_digest(config.uptake_model or uptake),
        settings_sha256=hashlib.sha256(settings).hexdigest(),
    )


def default_models() -> tuple[ActModel, UptakeModel]:
    """The act model and uptake weights shipped in models/."""
    acts, uptake = model_files()
    return act_model(acts), uptake_model(uptake)
