"""The process-wide caches, in one place: loaded models keyed by the content of their files, and the loaded NLP
pipelines and encoders. :func:`clear` empties all of them.

A model folder retrained in place (same path, new files) is loaded anew: the key is the SHA-256 of its files,
recomputed whenever a file's size or modification time changes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["clear", "content_digest", "load_model", "register"]

T = TypeVar("T")

_digests: dict[tuple[tuple[str, int, int], ...], str] = {}
_models: dict[tuple[str, str], Any] = {}
_registered: list[Any] = []


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return [path]


def content_digest(path: str | os.PathLike[str]) -> str:
    """SHA-256 over the relative names and bytes of a file or of every file in a folder (hex).

    >>> import tempfile; folder = Path(tempfile.mkdtemp()); _ = (folder / "a.json").write_text("{}")
    >>> content_digest(folder) == hashlib.sha256(b"a.json" + bytes(1) + hashlib.sha256(b"{}").digest()).hexdigest()
    True
    """
    path = Path(path)
    files = _files(path)
    stats = [(p, p.stat()) for p in files]
    signature = tuple((str(p), st.st_size, st.st_mtime_ns) for p, st in stats)
    digest = _digests.get(signature)
    if digest is None:
        h = hashlib.sha256()
        for p in files:
            h.update((p.relative_to(path).as_posix() if path.is_dir() else p.name).encode("utf-8") + b"\0")
            h.update(hashlib.sha256(p.read_bytes()).digest())
        digest = _digests[signature] = h.hexdigest()
    return digest


def load_model(kind: str, path: str | os.PathLike[str], load: Callable[[Path], T]) -> T:
    """``load(path)``, once per process for each content of ``path`` (``kind`` keeps kinds of model apart)."""
    key = (kind, content_digest(path))
    if key not in _models:
        _models[key] = load(Path(path))
    return _models[key]


def register(function: T) -> T:
    """Mark an ``functools.lru_cache``-wrapped loader (NLP pipeline, encoder) for :func:`clear`; returns it."""
    _registered.append(function)
    return function


def clear() -> None:
    """Forget every loaded model, pipeline and encoder (the next analysis loads them again)."""
    _digests.clear()
    _models.clear()
    for function in _registered:
        function.cache_clear()
