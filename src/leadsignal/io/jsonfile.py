"""JSON as WhisperX / pyannote write it: {"segments": [{start, end, speaker, text}]} or a plain list."""

from __future__ import annotations

import bisect
import json
import math
import re
from typing import Any

from ..errors import TranscriptError, excerpt
from ..transcript import Utterance
from ._common import MAX_TIME_S, Parsed, parse_time

NAME = "json"
SUFFIXES = (".json",)
DESCRIPTION = "JSON: WhisperX/pyannote {'segments': [{start, end, speaker, text}]} or a list of such objects"

_DECODER = json.JSONDecoder()
_WS = " \t\n\r"


def sniff(text: str) -> bool:
    """True when the text opens a JSON object, or an array whose first item is an object or string."""
    head = text.lstrip("\ufeff" + _WS)
    if head[:1] == "{":
        return True
    # "[" opens JSON only when an array item follows, not a "[00:03:12]" or "[SPEAKER_00]" label
    return head[:1] == "[" and head[1:].lstrip(_WS)[:1] in ("{", "]", '"')


class _Lines:
    """1-based line numbers of offsets, by binary search over the newline positions (linear in the file)."""

    def __init__(self, text: str) -> None:
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def of(self, offset: int) -> int:
        return bisect.bisect_left(self.newlines, offset) + 1


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys are all different (a repeated key would be read differently by different tools)."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _loads(text: str, path: str) -> Any:
    """``json.loads`` with every failure as a TranscriptError naming the line where it can."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise TranscriptError(path, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except _DuplicateKey as exc:
        quoted = json.dumps(exc.key, ensure_ascii=False)
        first = text.find(quoted)
        second = text.find(quoted, first + 1) if first >= 0 else -1
        line = text.count("\n", 0, second) + 1 if second >= 0 else None
        raise TranscriptError(path, line, f"the key {excerpt(exc.key)} appears twice in one JSON object") from None
    except RecursionError:
        raise TranscriptError(path, None, "JSON nested too deeply to be a transcript") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise TranscriptError(path, None, f"not valid JSON: {str(exc)[:120]}") from None


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WS:
        pos += 1
    return pos


def _array_items(text: str, pos: int) -> list[tuple[int, Any]]:
    """(offset, value) of each item of the JSON array starting at text[pos] == '['."""
    items = []
    pos = _skip(text, pos + 1)
    while pos < len(text) and text[pos] != "]":
        value, end = _DECODER.raw_decode(text, pos)
        items.append((pos, value))
        pos = _skip(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = _skip(text, pos + 1)
    return items


def _segments_offset(text: str, pos: int) -> int | None:
    """Offset of the value of the top-level "segments" key of the object at text[pos] == '{'."""
    pos = _skip(text, pos + 1)
    while pos < len(text) and text[pos] != "}":
        key, pos = _DECODER.raw_decode(text, pos)
        pos = _skip(text, _skip(text, pos) + 1)  # past ':'
        if key == "segments":
            return pos
        _, pos = _DECODER.raw_decode(text, pos)
        pos = _skip(text, pos)
        if pos < len(text) and text[pos] == ",":
            pos = _skip(text, pos + 1)
    return None


def _time(segment: dict, key: str, path: str, line: int) -> float | None:
    value = segment.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise TranscriptError(path, line, f"segment {key!r} is {excerpt(value)}, not a time")
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or value < 0 or value > MAX_TIME_S:  # NaN, infinite, negative or absurd
            raise TranscriptError(path, line, f"segment {key!r} is {excerpt(value)}, not a time")
        return float(value)
    if isinstance(value, str):
        try:
            return parse_time(value)
        except ValueError:
            pass
    raise TranscriptError(path, line, f"segment {key!r} is {excerpt(value)}, not a time")


def read(text: str, path: str) -> Parsed:
    """One utterance per segment of ``{"segments": [...]}`` or of a top-level list; raises TranscriptError."""
    text = text.lstrip("\ufeff")
    document = _loads(text, path)
    start = _skip(text, 0)
    if isinstance(document, dict):
        if not isinstance(document.get("segments"), list):
            raise TranscriptError(path, 1, "a JSON transcript needs a 'segments' list or a top-level list")
        offset = _segments_offset(text, start)
        assert offset is not None
        items = _array_items(text, offset)
    elif isinstance(document, list):
        items = _array_items(text, start)
    else:
        raise TranscriptError(path, 1, "a JSON transcript needs a 'segments' list or a top-level list")
    parsed = Parsed()
    lines = _Lines(text)
    for position, (offset, segment) in enumerate(items):
        line = lines.of(offset)
        if not isinstance(segment, dict):
            raise TranscriptError(path, line, f"segment {position} is not an object")
        said = segment.get("text")
        if not isinstance(said, str):
            raise TranscriptError(path, line, f"segment {position} has no 'text' string")
        speaker = segment.get("speaker")
        if speaker is not None and not isinstance(speaker, (str, int)):
            raise TranscriptError(path, line, f"segment {position} has speaker {excerpt(speaker)}, not a name")
        begin, end = _time(segment, "start", path, line), _time(segment, "end", path, line)
        if begin is not None and end is not None and end < begin:
            raise TranscriptError(path, line, f"segment {position} ends ({end}) before it starts ({begin})")
        name = str(speaker).strip() if speaker is not None and str(speaker).strip() else None
        parsed.utterances.append(Utterance(position, name, said.strip(), begin, end, line))
    return parsed
