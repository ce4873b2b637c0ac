"""Pseudonymisation of an analysis before it is shown: speakers become stable labels (Deelnemer A, B, ...)
everywhere, their names inside the text included, and the file name is dropped."""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from typing import Any

from ..names import NameMatcher, name_part_forms, names_in_text

__all__ = ["labels", "map_strings", "pseudonymise"]


def map_strings(value: Any, change: Callable[[str], str]) -> Any:
    """A copy of JSON-like data with ``change`` applied to every string value (dict keys, the contract's field
    names, are kept).

    >>> map_strings({"a": ["x", 1, {"b": "y"}]}, str.upper)
    {'a': ['X', 1, {'b': 'Y'}]}
    """
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {k: map_strings(v, change) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [map_strings(v, change) for v in value]
    return value


def labels(speakers: list[str], word: str) -> dict[str, str]:
    """Speakers in order of first appearance -> ``word A``, ``word B``, ..., ``word Z``, ``word AA``, ...

    >>> labels(["Bram", "Anna"], "Deelnemer")
    {'Bram': 'Deelnemer A', 'Anna': 'Deelnemer B'}
    """
    out = {}
    for i, name in enumerate(speakers):
        letters = ""
        k = i
        while True:
            letters = string.ascii_uppercase[k % 26] + letters
            k = k // 26 - 1
            if k < 0:
                break
        out[name] = f"{word} {letters}"
    return out


def pseudonymise(
    data: dict[str, Any],
    word: str = "Deelnemer",
    meeting_word: str = "vergadering",
    other_names: Sequence[str] = (),
    other_word: str = "Persoon",
    detect: bool = True,
    order: Sequence[str] | None = None,
) -> dict[str, Any]:
    """A copy of the analysis ``data`` (the JSON contract) with every speaker name, in any string value, replaced
    by its label; ``meeting.id`` and ``meeting.source`` become ``meeting_word``; warnings are dropped (they quote
    file paths). Names written differently from the transcript's speaker labels (nicknames, misspellings) are not
    found: the report says so. ``other_names`` are people who are named but do not speak (a list the user gives):
    they become ``other_word 1``, ``2``, ... the same way. With ``detect``, so do the words of the text that look
    like names (:func:`leadsignal.names.names_in_text`). The copy's ``pseudonymised`` says what was replaced: the
    speakers' labels, and the other names' labels with how each was found (``given`` or ``found``), never the
    names themselves. ``order`` (speakers of several meetings) fixes the labels, so that a speaker has the same
    label in every meeting of a series.

    >>> d = {"meeting": {"id": "jan-overleg", "source": "/x/jan.vtt", "warnings": ["/x/jan.vtt: ..."]},
    ...      "speakers": [{"name": "Jan de Vries"}, {"name": "Bram"}],
    ...      "utterances": [{"speaker": "Bram", "text": "Jan, en jij? Vries zei het al."}]}
    >>> p = pseudonymise(d)
    >>> p["utterances"][0], p["speakers"][0]["name"], p["meeting"]["id"]
    ({'speaker': 'Deelnemer B', 'text': 'Deelnemer A, en jij? Deelnemer A zei het al.'}, 'Deelnemer A', 'vergadering')
    >>> pseudonymise(d | {"utterances": [{"speaker": "Bram", "text": "Dat vroeg Karin ook."}]})["utterances"][0]
    {'speaker': 'Deelnemer B', 'text': 'Dat vroeg Persoon 1 ook.'}
    """
    speakers = [s["name"] for s in data["speakers"]]
    mapping = labels(list(order) if order is not None else speakers, word)
    given = [n.strip() for n in other_names if n.strip() and n.strip() not in mapping]
    found = names_in_text((u["text"] for u in data["utterances"]), [*speakers, *given]) if detect else []
    how = dict.fromkeys(given, "given") | {n: "found" for n in found if n not in given}
    mapping |= {name: f"{other_word} {k}" for k, name in enumerate(how, 1)}
    matcher = NameMatcher(name_part_forms(mapping), loose=True)

    def text(value: str) -> str:
        if value in mapping:
            return mapping[value]
        return matcher.sub(value, mapping.__getitem__)

    out = map_strings(data, text)
    out["meeting"] = out["meeting"] | {"id": meeting_word, "source": meeting_word, "warnings": []}
    out["pseudonymised"] = {
        "speakers": [mapping[n] for n in speakers],
        "order": [mapping[n] for n in (order if order is not None else speakers)],
        "others": [{"label": mapping[n], "how": way} for n, way in how.items()],
    }
    return out
