"""Transcript readers: one module per format and a registry that picks one by suffix or by content.

>>> [r.name for r in READERS]
['webvtt', 'srt', 'parlamint', 'elan', 'textgrid', 'docx', 'json', 'csv', 'text']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import TranscriptError
from ..transcript import Meeting, Utterance
from . import docx, elan, jsonfile, parlamint, srt, table, text, textgrid, webvtt
from ._common import DecodeError, Parsed, decode

__all__ = ["Reader", "READERS", "SUFFIXES", "read", "read_bytes", "read_text", "reader_for"]


@dataclass(frozen=True)
class Reader:
    """A transcript format: its name, suffixes, a content sniffer and the parser."""

    name: str
    suffixes: tuple[str, ...]
    description: str
    sniff: Callable[[str], bool]
    parse: Callable[[str, str], Parsed]


# Sniffing order matters: the plain-text reader accepts anything, so it comes last.
READERS: tuple[Reader, ...] = tuple(
    Reader(m.NAME, m.SUFFIXES, m.DESCRIPTION, m.sniff, m.read)
    for m in (webvtt, srt, parlamint, elan, textgrid, docx, jsonfile, table, text)
)
SUFFIXES: tuple[str, ...] = tuple(s for r in READERS for s in r.suffixes)
"""Every file suffix a reader claims (batch collects folders by these)."""
_BY_NAME = {r.name: r for r in READERS} | {s.lstrip("."): r for r in READERS for s in r.suffixes}


def reader_for(path: str | Path, content: str, format: str | None = None) -> Reader:
    """The reader named by ``format``, else the one of the suffix, else the first whose sniffer accepts."""
    if format is not None:
        try:
            return _BY_NAME[format.lower()]
        except KeyError:
            names = ", ".join(r.name for r in READERS)
            raise TranscriptError(path, None, f"unknown format {format!r} (known: {names})") from None
    suffix = Path(path).suffix.lower()
    by_suffix = next((r for r in READERS if suffix in r.suffixes), None)
    if by_suffix is not None and by_suffix.name != "text":
        return by_suffix
    # .txt or no known suffix: exports often carry another format under .txt, so sniff it.
    return next(r for r in READERS if r.sniff(content))


def read_text(
    content: str,
    path: str | Path = "<text>",
    format: str | None = None,
    aliases: Mapping[str, str] | None = None,
) -> Meeting:
    """Parse transcript text already in memory; see :func:`read`."""
    path = str(path)
    if not content.strip():
        raise TranscriptError(path, None, "the file is empty")
    reader = reader_for(path, content, format)
    parsed = reader.parse(content, path)
    if not any(u.text.strip() for u in parsed.utterances):
        raise TranscriptError(path, None, f"no speech found (read as {reader.name})")
    utterances = parsed.utterances
    if aliases:
        utterances = [_alias(u, aliases) for u in utterances]
    warnings = list(parsed.warnings)
    unknown = [u.source_line for u in utterances if u.speaker is None]
    if unknown:
        shown = ", ".join(str(n) for n in unknown[:20]) + (" ..." if len(unknown) > 20 else "")
        warnings.append(f"{path}: {len(unknown)} utterance(s) without a speaker, kept as unknown (lines {shown})")
    return Meeting(
        id=Path(path).stem,
        utterances=tuple(utterances),
        source=path,
        format=reader.name,
        warnings=tuple(warnings),
    )


def _alias(u: Utterance, aliases: Mapping[str, str]) -> Utterance:
    if u.speaker is None or u.speaker not in aliases:
        return u
    return replace(u, speaker=aliases[u.speaker])


def read(
    path: str | Path,
    format: str | None = None,
    aliases: Mapping[str, str] | None = None,
) -> Meeting:
    """Read a transcript file into a :class:`~leadsignal.transcript.Meeting`.

    Every source unit (cue, line, segment, row) becomes one utterance, in file order. ``format`` overrides the
    choice by suffix and content; ``aliases`` maps speaker names as written to the names to report.
    Raises :class:`~leadsignal.errors.TranscriptError` naming the file and line for malformed input.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TranscriptError(path, None, "no such file") from None
    except IsADirectoryError:
        raise TranscriptError(path, None, "is a directory, not a transcript") from None
    except OSError as exc:
        raise TranscriptError(path, None, f"cannot read: {exc.strerror}") from None
    return read_bytes(data, path, format, aliases)


def read_bytes(
    data: bytes,
    path: str | Path = "<bytes>",
    format: str | None = None,
    aliases: Mapping[str, str] | None = None,
) -> Meeting:
    """Decode (UTF-8, UTF-16 with BOM, else Windows-1252; a Teams .docx by its paragraphs) and parse; see
    :func:`read`."""
    if docx.is_docx(data) and format in (None, "docx"):
        return read_text(docx.paragraphs(data, str(path)), path, "docx", aliases)
    if Path(str(path)).suffix.lower() == ".docx" or format == "docx":
        raise TranscriptError(path, None, "not a Word document (.docx is a zip archive; this file is not one)")
    try:
        content = decode(data)
    except DecodeError as exc:
        raise TranscriptError(path, None, str(exc)) from None
    return read_text(content, path, format, aliases)
