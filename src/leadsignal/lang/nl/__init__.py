"""Dutch (nl-NL and Flemish nl-BE) language data, kept as data: one concern per ``.txt`` file, ``#`` comments.

A linguist can edit the files without reading Python. Two kinds of file:

- word lists (:func:`lexicon`): one lower-case entry per line; a multi-word entry is matched as a phrase on token
  lower forms (proposal.txt, agreement.txt, fillers.txt, name_particles.txt, ...);
- grouped lists (:func:`groups`): ``group: entry entry ...`` per line, for small closed classes whose order or
  grouping matters (cue_words.txt, marks.txt, csv_columns.txt).

The constants below are the one copy of each that the code uses.

>>> "eh" in lexicon("fillers"), SENTENCE_ENDS[:3], CUT_OFF[0]
(True, ('.', '!', '?'), '—')
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = [
    "lexicon",
    "groups",
    "available",
    "SENTENCE_ENDS",
    "SENTENCE_END_CHARS",
    "CUT_OFF",
    "FUNCTION_WORDS",
    "FILLERS",
    "NAME_PARTICLES",
    "CSV_COLUMNS",
]


def _lines(name: str) -> list[str]:
    try:
        raw = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyError(f"no language data {name!r}; available: {', '.join(available())}") from None
    return [line.split("#", 1)[0].strip() for line in raw.splitlines()]


@cache
def lexicon(name: str) -> frozenset[str]:
    """The entries of lang/nl/NAME.txt, lower-cased, comments and blank lines removed."""
    return frozenset(line.lower() for line in _lines(name) if line)


@cache
def groups(name: str) -> dict[str, tuple[str, ...]]:
    """The groups of a grouped list lang/nl/NAME.txt: ``{group: (entry, ...)}``, entries in file order.

    >>> groups("marks")["cut_off"]
    ('—', '–', '-', '...', '…')
    """
    out: dict[str, tuple[str, ...]] = {}
    for line in _lines(name):
        if line:
            group, _, entries = line.partition(":")
            out[group.strip()] = tuple(entries.lower().split())
    return out


def available() -> list[str]:
    """Names of the data files shipped with the package."""
    return sorted(p.name[:-4] for p in resources.files(__package__).iterdir() if p.name.endswith(".txt"))


SENTENCE_ENDS: tuple[str, ...] = groups("marks")["sentence_end"]
"""Tokens after which a sentence ends."""
SENTENCE_END_CHARS: str = "".join(dict.fromkeys("".join(SENTENCE_ENDS)))
"""The characters of :data:`SENTENCE_ENDS` (``.!?…``)."""
CUT_OFF: tuple[str, ...] = groups("marks")["cut_off"]
"""Endings of an utterance that was broken off."""
FILLERS: frozenset[str] = lexicon("fillers")
"""Spoken fillers: never content words, skipped before a sentence's first word."""
NAME_PARTICLES: frozenset[str] = lexicon("name_particles")
"""Lower-case name particles ("van", "de", "el", ...)."""
CSV_COLUMNS: dict[str, tuple[str, ...]] = groups("csv_columns")
"""Header names of the speaker, start, end and text columns of a CSV/TSV transcript, by role."""
FUNCTION_WORDS: dict[str, frozenset[str]] = {name: frozenset(words) for name, words in groups("function_words").items()}
"""Dutch function-word classes (article, auxiliary, conjunction, ...), ``{class: words}``."""
