"""CSV and TSV with a header row: one row is one utterance."""

from __future__ import annotations

import contextlib
import csv
import io
import sys
from collections.abc import Iterator
from typing import Any

from ..errors import TranscriptError, excerpt
from ..lang.nl import CSV_COLUMNS
from ..transcript import Utterance
from ._common import Parsed, parse_time

NAME = "csv"
SUFFIXES = (".csv", ".tsv")
DESCRIPTION = (
    "CSV/TSV with a header: speaker|spreker|naam|name|deelnemer, start|begin|van, end|eind|einde|tot, "
    "text|tekst|utterance|uitspraak"
)

COLUMNS = CSV_COLUMNS  # lang/nl/csv_columns.txt


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", "\t", ";", "|")}
    return max(counts, key=lambda d: counts[d])


def _columns(header: list[str]) -> dict[str, int]:
    names = [h.strip().lower().lstrip("\ufeff") for h in header]
    found = {}
    for role, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in names:
                found[role] = names.index(alias)
                break
    return found


@contextlib.contextmanager
def _field_limit(size: int) -> Iterator[None]:
    """csv's per-field limit (131,072 characters by default) raised to ``size`` for one read, then restored: a long
    utterance is a valid cell."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, min(size + 1, sys.maxsize)))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def sniff(text: str) -> bool:
    """A header naming the text column and at least one other known column (speaker, start, end): a first line such
    as "Transcript, teamoverleg 12 maart" is a title, not a header."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    with _field_limit(len(first)):
        try:
            row = next(csv.reader([first], delimiter=_delimiter(first)), [])
        except csv.Error:
            return False
    columns = _columns(row)
    return len(row) >= 2 and "text" in columns and len(columns) >= 2


def _time(row: list[str], column: int | None, path: str, line: int, label: str) -> float | None:
    if column is None or column >= len(row) or not row[column].strip():
        return None
    try:
        return parse_time(row[column])
    except ValueError:
        raise TranscriptError(path, line, f"{label} {excerpt(row[column])} is not a time") from None


def read(text: str, path: str) -> Parsed:
    """One utterance per data row of a CSV/TSV with a header naming the text column; raises TranscriptError."""
    text = text.lstrip("\ufeff")
    header_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(header_line))
    with _field_limit(len(text)):
        return _rows(reader, header_line, path)


def _rows(reader: Any, header_line: str, path: str) -> Parsed:
    try:
        header = next(reader, None)
        if header is None:
            raise TranscriptError(path, 1, "empty table")
        columns = _columns(header)
        if "text" not in columns:
            raise TranscriptError(
                path,
                1,
                f"no text column in header {excerpt(header_line.strip())} (expected one of: text, tekst, ...)",
            )
        parsed = Parsed()
        extra = [k for k, name in enumerate(header) if name.strip() and k not in columns.values()]
        if "speaker" not in columns:
            parsed.warnings.append(f"{path}:1: no speaker column; every utterance has speaker unknown")
        line = reader.line_num + 1
        for row in reader:
            if not any(cell.strip() for cell in row):
                line = reader.line_num + 1
                continue
            if len(row) > len(header):
                raise TranscriptError(path, line, f"row has {len(row)} fields, the header has {len(header)}")
            if columns["text"] >= len(row):
                raise TranscriptError(path, line, f"row has {len(row)} fields and no text")
            speaker = row[columns["speaker"]].strip() if columns.get("speaker", len(row)) < len(row) else ""
            start = _time(row, columns.get("start"), path, line, "start")
            end = _time(row, columns.get("end"), path, line, "end")
            if start is not None and end is not None and end < start:
                raise TranscriptError(path, line, f"row ends ({end}) before it starts ({start})")
            meta = tuple(
                (header[k].strip(), row[k].strip()) for k in extra if k < len(row) and row[k].strip()
            )  # the other columns (party, role, ...), kept
            parsed.utterances.append(
                Utterance(len(parsed.utterances), speaker or None, row[columns["text"]].strip(), start, end, line, meta)
            )
            line = reader.line_num + 1
    except csv.Error as exc:
        raise TranscriptError(path, reader.line_num, f"malformed CSV: {exc}") from None
    return parsed
