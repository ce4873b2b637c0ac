"""Dutch and Flemish cue lists, kept as data: one concern per ``.txt`` file, one entry per line, ``#`` comments.

A linguist can edit the files without reading Python. Entries are lower case; a multi-word entry is matched as
a phrase on token lower forms.

>>> "eh" in lexicon("fillers")
True
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["lexicon", "available"]


@cache
def lexicon(name: str) -> frozenset[str]:
    """The entries of lexicons/NAME.txt, lower-cased, comments and blank lines removed."""
    try:
        raw = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyError(f"no lexicon {name!r}; available: {', '.join(available())}") from None
    entries = (line.split("#", 1)[0].strip().lower() for line in raw.splitlines())
    return frozenset(e for e in entries if e)


def available() -> list[str]:
    """Names of the lexicon files shipped with the package."""
    return sorted(p.name[:-4] for p in resources.files(__package__).iterdir() if p.name.endswith(".txt"))
