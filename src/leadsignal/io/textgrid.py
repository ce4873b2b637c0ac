"""Praat TextGrid (long and short text format): one interval tier per speaker, one non-empty interval per utterance.

Both formats are the same sequence of numbers and quoted strings (the long one adds labels such as ``xmin =`` and
``intervals [3]:``), so the file is read as that sequence, as Praat does. Empty intervals are silence, not
utterances; point tiers (``TextTier``) are not speech and are left out with a warning. Utterances are put in time
order across tiers (ties in tier order).

>>> short = 'File type = "ooTextFile"\\nObject class = "TextGrid"\\n\\n0\\n3\\n<exists>\\n1\\n"IntervalTier"\\n'
>>> short += '"Anna"\\n0\\n3\\n2\\n0\\n1.5\\n"Zullen we ""nu"" beginnen?"\\n1.5\\n3\\n""\\n'
>>> [(u.speaker, u.text, u.start, u.end) for u in read(short, "t.TextGrid").utterances]
[('Anna', 'Zullen we "nu" beginnen?', 0.0, 1.5)]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ..errors import TranscriptError, excerpt
from ..transcript import Utterance
from ._common import Parsed

NAME = "textgrid"
SUFFIXES = (".textgrid",)
DESCRIPTION = "Praat TextGrid (long or short text format): an interval tier per speaker"

_TOKEN = re.compile(r'"((?:[^"]|"")*)"|(\[[^\]\n]*\])|(<exists>|<absent>)|(-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)|!.*')


def sniff(text: str) -> bool:
    """Praat's header: ``File type = "ooTextFile"`` and ``Object class = "TextGrid"``."""
    head = text.lstrip("\ufeff")[:200]
    return "ooTextFile" in head and "TextGrid" in head


class _Tokens:
    """The numbers and strings of the file, in order, each with its line."""

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._items: Iterator[tuple[str, str | float, int]] = (
            (kind, value, bisect.bisect_right(starts, m.start()))
            for m in _TOKEN.finditer(text)
            for kind, value in [_kind(m)]
            if kind
        )
        self.line = 1

    def _next(self, want: str) -> str | float:
        try:
            kind, value, self.line = next(self._items)
        except StopIteration:
            raise TranscriptError(self.path, self.line, f"the file ends where a {want} was expected") from None
        if kind != want:
            raise TranscriptError(self.path, self.line, f"expected a {want}, found {excerpt(value)}")
        return value

    def number(self) -> float:
        return float(self._next("number"))

    def count(self) -> int:
        value = self.number()
        if value != int(value) or value < 0:
            raise TranscriptError(self.path, self.line, f"expected a count, found {value}")
        return int(value)

    def string(self) -> str:
        return str(self._next("string"))

    def flag(self) -> str:
        return str(self._next("flag"))


def _kind(m: re.Match[str]) -> tuple[str, str | float]:
    string, _brackets, flag, number = m.groups()
    if string is not None:
        return "string", string.replace('""', '"')
    if flag is not None:
        return "flag", flag
    if number is not None:
        return "number", float(number)
    return "", ""  # "[3]" in the long format's labels, "!" comments


def read(text: str, path: str) -> Parsed:
    """One utterance per non-empty interval of each interval tier, in time order; raises TranscriptError."""
    tokens = _Tokens(text.lstrip("\ufeff"), path)
    if tokens.string() != "ooTextFile" or tokens.string() != "TextGrid":
        raise TranscriptError(path, tokens.line, 'not a Praat TextGrid (expected "ooTextFile" and "TextGrid")')
    tokens.number(), tokens.number()  # xmin, xmax of the grid
    if tokens.flag() == "<absent>":
        raise TranscriptError(path, tokens.line, "the TextGrid has no tiers")
    found = []
    parsed = Parsed()
    for tier_number in range(tokens.count()):
        kind, name = tokens.string(), tokens.string()
        tokens.number(), tokens.number()
        size = tokens.count()
        if kind == "TextTier":
            for _ in range(size):
                tokens.number(), tokens.string()
            parsed.warnings.append(f"{path}: point tier {excerpt(name)} left out (not speech)")
            continue
        if kind != "IntervalTier":
            raise TranscriptError(path, tokens.line, f"unknown tier class {excerpt(kind)}")
        for _ in range(size):
            start = tokens.number()
            line = tokens.line
            end, label = tokens.number(), tokens.string()
            if end < start:
                raise TranscriptError(path, line, f"interval ends ({end}) before it starts ({start})")
            said = " ".join(label.split())
            if said:
                found.append((start, tier_number, name.strip() or None, said, end, line))
    for start, _, speaker, said, end, line in sorted(found, key=lambda f: (f[0], f[1])):
        parsed.utterances.append(Utterance(len(parsed.utterances), speaker, said, start, end, line))
    return parsed
