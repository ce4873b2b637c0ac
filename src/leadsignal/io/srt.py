"""SubRip (.srt): numbered blocks, 'Naam: tekst' or '[SPEAKER_00]: tekst' on the first text line."""

from __future__ import annotations

import re

from ..errors import TranscriptError, excerpt
from ..transcript import Utterance
from ._common import Parsed, clean_markup, split_speaker
from .webvtt import blocks, parse_timing

NAME = "srt"
SUFFIXES = (".srt",)
DESCRIPTION = "SubRip: numbered cues, speaker as 'Naam:', 'NAAM:' or '[SPEAKER_00]:' prefix, multi-line text"

_INDEX = re.compile(r"^\s*\d+\s*$")


def sniff(text: str) -> bool:
    """True when the first block is a cue number followed by an SRT timing line."""
    lines = [line for line in text.lstrip("\ufeff").split("\n")[:4] if line.strip()]
    return len(lines) >= 2 and bool(_INDEX.match(lines[0])) and "-->" in lines[1]


def read(text: str, path: str) -> Parsed:
    """One utterance per SRT cue (number, timing, text lines); raises TranscriptError."""
    parsed = Parsed()
    for number, block in blocks(text.lstrip("\ufeff").split("\n")):
        if "-->" in block[0]:
            timing_at = 0
        elif len(block) > 1 and _INDEX.match(block[0]):
            timing_at = 1
        elif _INDEX.match(block[0]):
            raise TranscriptError(path, number, f"cue {block[0].strip()} has no timing line")
        else:
            raise TranscriptError(path, number, f"expected a cue number, found {excerpt(block[0].strip())}")
        start, end = parse_timing(block[timing_at], path, number + timing_at)
        raw = " ".join(line.strip() for line in block[timing_at + 1 :])
        speaker, _, said = split_speaker(clean_markup(raw))
        parsed.utterances.append(Utterance(len(parsed.utterances), speaker, said, start, end, number + timing_at))
    return parsed
