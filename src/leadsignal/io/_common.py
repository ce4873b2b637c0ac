"""Helpers shared by the readers: decoding bytes, timestamps, speaker prefixes."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..lang.nl import NAME_PARTICLES, lexicon
from ..transcript import Utterance

__all__ = ["MAX_TIME_S", "Parsed", "decode", "parse_time", "split_speaker", "clean_markup"]


@dataclass
class Parsed:
    """What a reader returns: utterances in file order and the warnings worth telling the user."""

    utterances: list[Utterance] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class DecodeError(ValueError):
    """Bytes that are not text in any encoding we accept."""


def decode(data: bytes) -> str:
    """Bytes to text with normalised line ends.

    UTF-8 (with or without BOM) and UTF-16 with BOM are recognised; anything else that is not UTF-8 is read
    as Windows-1252. CRLF and CR become LF.

    >>> decode(b"\\xef\\xbb\\xbfJa\\r\\nNee\\rOk")
    'Ja\\nNee\\nOk'
    >>> decode("caf\\u00e9".encode("cp1252"))
    'café'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"UTF-16 byte order mark, but the bytes are not UTF-16 ({exc.reason})") from None
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise DecodeError(
            "binary data (NUL bytes), not a transcript leadsignal reads: export the transcript as WebVTT (.vtt) or "
            "Word (.docx) from Teams, .vtt or .txt from Zoom, or .srt/.json/.csv from a transcription tool"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


_TIME = re.compile(r"^(?:(?:(\d+):)?(\d{1,2}):)?(\d+(?:[.,]\d+)?)$")


MAX_TIME_S = 1e10
"""The largest time accepted, in seconds (about 317 years: room for Unix timestamps, none for overflow)."""


def parse_time(value: str) -> float:
    """Seconds from '12.5', '12,5', 'mm:ss', 'hh:mm:ss' with optional '.mmm' or ',mmm'.

    Raises ValueError for anything else, and for times over :data:`MAX_TIME_S`.

    >>> parse_time("00:03:12,500"), parse_time("03:12"), parse_time("4.25")
    (192.5, 192.0, 4.25)
    """
    m = _TIME.match(value.strip())
    if not m:
        raise ValueError(value)
    hours, minutes, seconds = m.groups()
    if minutes is not None and (int(minutes) >= 60 or float(seconds.replace(",", ".")) >= 60):
        raise ValueError(value)
    try:
        total = float(seconds.replace(",", "."))
        total += 60 * int(minutes or 0) + 3600 * int(hours or 0)
    except (OverflowError, ValueError):  # hundreds of digits
        raise ValueError(value) from None
    if not total <= MAX_TIME_S:  # also NaN
        raise ValueError(value)
    return total


# A speaker label: "[SPEAKER_00]", or a name of up to six words, each starting with a capital or a digit or
# being a name particle ("de", "van", "el", "'t"; lower-case particles may also open it: "van Dijk"); "Naam
# (00:03:12)" carries a time.
_SPEAKER = re.compile(
    r"^\s*(?:\[(?P<label>[^\]\n]{1,60})\]|(?P<name>[\w'’.\-]+(?:[ \t]+[\w'’.\-]+){0,5}))"
    r"[ \t]*(?:\((?P<time>[\d:.,]+)\))?[ \t]*:(?:[ \t]+|$)(?P<text>.*)$",
    re.DOTALL,
)


def _is_name(name: str) -> bool:
    """Up to six words, each capitalised, a digit or a name particle, the first capitalised, or lower-case
    particles followed by a capitalised surname ("van Dijk", "'t Hart", "de la Cruz" as Teams writes them)."""
    words = name.split()
    if name.lower() in lexicon("not_speakers"):
        return False
    lead = 0
    while lead < len(words) - 1 and words[lead] in NAME_PARTICLES:
        lead += 1
    if not words[lead][0].isupper():
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in NAME_PARTICLES for w in words[lead + 1 :])


def split_speaker(text: str) -> tuple[str | None, str | None, str]:
    """Split a 'Naam: tekst' prefix off: (speaker, time text or None, rest); (None, None, text) without one.

    >>> split_speaker("Anna de Vries: Goedemorgen.")
    ('Anna de Vries', None, 'Goedemorgen.')
    >>> split_speaker("[SPEAKER_00]: oké")
    ('SPEAKER_00', None, 'oké')
    >>> split_speaker("Naam (00:03:12): tekst")
    ('Naam', '00:03:12', 'tekst')
    >>> split_speaker("Dus we doen het zo: eerst de planning")
    (None, None, 'Dus we doen het zo: eerst de planning')
    """
    m = _SPEAKER.match(text)
    if not m:
        return None, None, text
    name = m.group("label") or m.group("name")
    if m.group("name") and not _is_name(name):
        return None, None, text
    return name.strip(), m.group("time"), m.group("text").strip()


_TAG = re.compile(r"<[^>\n]*>|\{\\[^}\n]*\}")


def clean_markup(text: str) -> str:
    """Drop WebVTT/SRT styling tags (<i>, <c.x>, <00:00:01.000>, {\\an8}) and unescape entities.

    >>> clean_markup("<i>Ja</i> &amp; <c.yellow>nee</c>")
    'Ja & nee'
    """
    return html.unescape(_TAG.sub("", text)).strip()
