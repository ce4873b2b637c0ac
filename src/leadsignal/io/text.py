"""Plain text: one 'Naam: tekst' line per utterance, optionally with a timestamp."""

from __future__ import annotations

import re

from ..errors import TranscriptError, excerpt
from ..transcript import Utterance
from ._common import Parsed, parse_time, split_speaker

NAME = "text"
SUFFIXES = (".txt", ".text")
DESCRIPTION = (
    "Plain text: 'Naam: tekst', '[00:03:12] Naam: tekst', '00:03:12 Naam: tekst', 'Naam (00:03:12): tekst'; "
    "a line without a speaker continues the one above"
)

_LEADING_TIME = re.compile(
    r"^\s*(?:\[(?P<b1>\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?)(?:\s*[-–]\s*(?P<b2>\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?))?\]"
    r"|(?P<t>\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?))\s+(?P<rest>.*)$"
)


def sniff(text: str) -> bool:
    """Always True: plain text is the fallback format."""
    return True  # the fallback format


def _time(value: str | None, path: str, number: int) -> float | None:
    if value is None:
        return None
    try:
        return parse_time(value)
    except ValueError:
        raise TranscriptError(path, number, f"timestamp {excerpt(value)} is not a time") from None


def read(text: str, path: str) -> Parsed:
    """One utterance per 'Naam: tekst' line (optionally timed); a line without a speaker continues the one above."""
    parsed = Parsed()
    pending: dict | None = None  # the utterance being built: continuation lines join it

    def flush() -> None:
        if pending is not None:
            parsed.utterances.append(Utterance(len(parsed.utterances), **pending))

    for number, line in enumerate(text.lstrip("\ufeff").split("\n"), 1):
        if not line.strip():
            continue
        start = end = None
        body = line
        m = _LEADING_TIME.match(line)
        if m:
            start = _time(m.group("b1") or m.group("t"), path, number)
            end = _time(m.group("b2"), path, number)
            body = m.group("rest")
        speaker, stamp, said = split_speaker(body)
        if stamp is not None:
            start = _time(stamp, path, number)
        if speaker is None and m is None and pending is not None:
            pending["text"] = f"{pending['text']} {line.strip()}".strip()
            continue
        flush()
        pending = {
            "speaker": speaker,
            "text": said.strip(),
            "start": start,
            "end": end,
            "source_line": number,
        }
    flush()
    return parsed
