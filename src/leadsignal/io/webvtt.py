"""WebVTT as Microsoft Teams and Zoom write it: one cue is one utterance."""

from __future__ import annotations

import re

from ..errors import TranscriptError, excerpt
from ..transcript import Utterance
from ._common import Parsed, clean_markup, parse_time, split_speaker

NAME = "webvtt"
SUFFIXES = (".vtt",)
DESCRIPTION = "WebVTT (Teams, Zoom): <v Name> voice tags or 'Name: text' cues, NOTE/STYLE/REGION skipped"

_TIMING = re.compile(r"^\s*(\S+)\s+-->\s+(\S+)(?:\s.*)?$")
_VOICE = re.compile(r"<v(?:\.[\w.\-]+)?[ \t]+([^>\n]+)>")


def sniff(text: str) -> bool:
    """True when the text starts with 'WEBVTT'."""
    return text.lstrip("\ufeff \t\n").startswith("WEBVTT")


def blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines with the 1-based number of their first line."""
    out: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not current:
                first = number
            current.append(line)
        elif current:
            out.append((first, current))
            current = []
    if current:
        out.append((first, current))
    return out


def parse_timing(line: str, path: str, number: int) -> tuple[float, float]:
    """Start and end seconds of a 'start --> end [settings]' line."""
    m = _TIMING.match(line)
    if not m:
        raise TranscriptError(
            path, number, f"expected a cue timing 'hh:mm:ss.mmm --> hh:mm:ss.mmm', found {excerpt(line.strip())}"
        )
    times = []
    for value in m.groups()[:2]:
        try:
            times.append(parse_time(value))
        except ValueError:
            raise TranscriptError(path, number, f"cue timing {excerpt(value)} is not a time") from None
    if times[1] < times[0]:
        raise TranscriptError(path, number, f"cue ends ({m.group(2)}) before it starts ({m.group(1)})")
    return times[0], times[1]


def _speaker_and_text(raw: str) -> tuple[str | None, str, list[str]]:
    """Speaker, clean text and every distinct voice of one cue's text."""
    voices = _VOICE.findall(raw)
    if not voices:
        speaker, _, rest = split_speaker(clean_markup(raw))
        return speaker, rest, []
    names = list(dict.fromkeys(v.strip() for v in voices))
    if len(names) == 1:
        return names[0], clean_markup(raw), names
    # Several voices in one cue stay one utterance (one cue = one unit); later voices keep their name inline.
    parts = _VOICE.split(raw)
    pieces = [clean_markup(parts[0])] if clean_markup(parts[0]) else []
    for i in range(1, len(parts), 2):
        name, said = parts[i].strip(), clean_markup(parts[i + 1])
        pieces.append(said if name == names[0] and not pieces else f"{name}: {said}")
    return names[0], " ".join(p for p in pieces if p), names


def read(text: str, path: str) -> Parsed:
    """One utterance per WebVTT cue (NOTE, STYLE and REGION blocks skipped); raises TranscriptError."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].lstrip("\ufeff").startswith("WEBVTT"):
        raise TranscriptError(path, (first or 0) + 1, "a WebVTT file must start with 'WEBVTT'")
    parsed = Parsed()
    for number, block in blocks(lines[first + 1 :]):
        number += first + 1
        head = block[0].strip()
        if head.split()[0] in ("NOTE", "STYLE", "REGION") and "-->" not in head:
            continue  # a comment, style or region block (a cue id such as "NOTEBOOK-1" starts a cue)
        if number == first + 2 and "-->" not in head and "-->" not in "".join(block[1:2]):
            continue  # header metadata lines right after WEBVTT ("Kind: captions")
        timing_at = 0 if "-->" in head else 1
        if timing_at >= len(block):
            raise TranscriptError(path, number, f"cue {excerpt(head)} has no timing line")
        start, end = parse_timing(block[timing_at], path, number + timing_at)
        speaker, said, voices = _speaker_and_text("\n".join(block[timing_at + 1 :]).replace("\n", " "))
        if len(voices) > 1:
            parsed.warnings.append(
                f"{path}:{number}: cue has several voices ({', '.join(voices)}); kept as one utterance of {voices[0]}"
            )
        parsed.utterances.append(Utterance(len(parsed.utterances), speaker, said, start, end, number + timing_at))
    return parsed
