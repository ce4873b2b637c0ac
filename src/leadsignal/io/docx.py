"""Microsoft Teams' Word transcript (``.docx``, offered for download next to ``.vtt``).

The document's paragraphs are read from ``word/document.xml`` (the zip is opened with the standard library and
the XML with the readers' safe parser; no macros, no external references). Teams writes one of two layouts:

- ``Anna de Vries   0:03`` (name, then the time since the start: ``m:ss`` or ``h:mm:ss``), then the text in the
  paragraphs that follow;
- ``0:0:5.100 --> 0:0:8.250``, then the name, then the text (the older, WebVTT-like layout).

A ``Name   0:03`` line counts as an entry when the name reads as a name (each word capitalised or a particle such
as ``van``), so a sentence ending in a time ("Dat doen we om 10:30") stays speech. Each entry is one utterance;
the heading lines before the first entry (title, date, "started transcription") are
not speech. A line number in an error or in ``source_line`` is the paragraph number (line breaks inside a
paragraph count as paragraphs).
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import TranscriptError
from ..transcript import Utterance
from ._common import Parsed, _is_name, parse_time
from ._xml import parse

NAME = "docx"
SUFFIXES = (".docx",)
DESCRIPTION = "Microsoft Teams Word transcript: 'Name   0:03' or '0:0:5.100 --> 0:0:8.250' + name, then the text"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_XML = 200_000_000  # bytes of document.xml after decompression: a zip bomb is refused, not unpacked
_SPEAKER_LINE = re.compile(r"^(?P<name>\S.{0,80}?)[ \t]+(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s*$")
_ARROW = re.compile(r"^(?P<start>\d+:\d+:\d+(?:[.,]\d+)?)\s*-->\s*(?P<end>\d+:\d+:\d+(?:[.,]\d+)?)\s*$")


_NOT_WORD = (
    "a zip archive but not a Word document (no word/document.xml): export the transcript as WebVTT (.vtt) or Word "
    "(.docx) from Teams, or as .vtt/.txt from Zoom"
)


def is_docx(data: bytes) -> bool:
    """A zip archive (Word documents are zips): ``PK\\x03\\x04`` at the start."""
    return data[:4] == b"PK\x03\x04"


def paragraphs(data: bytes, path: str) -> str:
    """The document's paragraphs as lines of text (the form :func:`read` parses); raises TranscriptError."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            try:
                info = archive.getinfo("word/document.xml")
            except KeyError:
                raise TranscriptError(path, None, _NOT_WORD) from None
            if info.file_size > _MAX_XML:
                raise TranscriptError(path, None, f"word/document.xml unpacks to {info.file_size:,} bytes; refused")
            xml = archive.read(info).decode("utf-8", errors="replace")
    except zipfile.BadZipFile as exc:
        raise TranscriptError(path, None, f"not a readable .docx ({exc})") from None
    root, _ = parse(xml, f"{path}:word/document.xml")
    lines = []
    for paragraph in root.iter(_W + "p"):
        parts = [""]
        for element in paragraph.iter():
            if element.tag == _W + "t":
                parts[-1] += element.text or ""
            elif element.tag == _W + "tab":
                parts[-1] += "\t"
            elif element.tag in (_W + "br", _W + "cr"):
                parts.append("")
        lines.extend(parts)
    return "\n".join(lines)


def sniff(text: str) -> bool:
    """Never chosen by content: a .docx is recognised by its bytes (see :func:`is_docx`)."""
    return False


def read(text: str, path: str) -> Parsed:
    """One utterance per Teams entry in the paragraph lines of a .docx; raises TranscriptError."""
    parsed = Parsed()
    lines = text.split("\n")
    speaker: str | None = None
    start = end = None
    said: list[str] = []
    opened = 0
    entries = 0

    def close() -> None:
        if opened:
            parsed.utterances.append(Utterance(len(parsed.utterances), speaker, " ".join(said), start, end, opened))

    k = 0
    while k < len(lines):
        line = lines[k].strip()
        number = k + 1
        k += 1
        arrow = _ARROW.match(line)
        heading = _SPEAKER_LINE.match(line) if not arrow else None
        if heading and not _is_name(heading["name"].strip()):  # "Dat doen we om 10:30" is speech, not a heading
            heading = None
        if arrow:
            close()
            entries += 1
            start, end = _time(arrow["start"], path, number), _time(arrow["end"], path, number)
            while k < len(lines) and not lines[k].strip():
                k += 1
            speaker = (lines[k].strip() or None) if k < len(lines) else None
            k += 1
            said, opened = [], number
        elif heading:
            close()
            entries += 1
            speaker, start, end = heading["name"].strip(), _time(heading["time"], path, number), None
            said, opened = [], number
        elif line and opened:
            said.append(line)
    close()
    if not entries:
        raise TranscriptError(
            path, None, "no Teams transcript entries ('Name   0:03' or '0:0:5.100 --> 0:0:8.250') in this document"
        )
    return parsed


def _time(value: str, path: str, line: int) -> float:
    try:
        return parse_time(value)
    except ValueError:
        raise TranscriptError(path, line, f"time {value!r} is not a time") from None
