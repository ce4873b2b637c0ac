"""Exception hierarchy. Every error a user can cause is a :class:`LeadsignalError`."""

from __future__ import annotations

from pathlib import Path

__all__ = ["LeadsignalError", "TranscriptError", "ConfigError", "ModelError", "excerpt"]


def excerpt(value: object, limit: int = 60) -> str:
    """``repr`` of a value from a transcript, cut to ``limit`` characters: error messages (which end up in logs,
    errors.csv and the manifest) never quote more of a confidential transcript than that.

    >>> excerpt("00:0x:02.000"), len(excerpt("x" * 100)), excerpt("x" * 100)[-3:]
    ("'00:0x:02.000'", 60, "x…'")
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 2] + "…'"


class LeadsignalError(Exception):
    """Base class of every error leadsignal raises on purpose."""


class TranscriptError(LeadsignalError):
    """A transcript that cannot be read: names the file, the line (1-based, or None) and the reason.

    >>> str(TranscriptError("zorg.vtt", 47, "cue timing '00:0x:02.000' is not a time"))
    "zorg.vtt:47: cue timing '00:0x:02.000' is not a time"
    """

    def __init__(self, path: str | Path, line: int | None, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class ConfigError(LeadsignalError):
    """An option or configuration value that makes no sense."""


class ModelError(LeadsignalError):
    """A model file that is missing, unreadable or of the wrong kind."""
