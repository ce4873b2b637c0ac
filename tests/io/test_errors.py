"""Malformed files: each gives a TranscriptError naming the file, the line and the problem."""

from __future__ import annotations

import pytest

import leadsignal

# file, expected line (None: the whole file), expected words of the reason
CASES = [
    ("vtt_no_header.vtt", 1, "must start with 'WEBVTT'"),
    ("vtt_bad_time.vtt", 8, "cue timing '00:0x:02.000' is not a time"),
    ("vtt_end_before_start.vtt", 4, "cue ends (00:00:02.000) before it starts (00:00:05.000)"),
    ("vtt_missing_timing.vtt", 8, "expected a cue timing"),
    ("vtt_broken_arrow.vtt", 8, "found '00:00:03.000 -> 00:00:04.000'"),
    ("vtt_minutes_61.vtt", 4, "cue timing '00:61:00.000' is not a time"),
    ("vtt_only_notes.vtt", None, "no speech found"),
    ("vtt_cue_without_timing_at_end.vtt", 3, "cue 'cue-9' has no timing line"),
    ("srt_bad_index.srt", 5, "expected a cue number, found 'abc'"),
    ("srt_no_timing.srt", 5, "cue 2 has no timing line"),
    ("srt_bad_time.srt", 6, "cue timing '00:00:05,98x' is not a time"),
    ("srt_end_before_start.srt", 2, "before it starts"),
    ("srt_words_as_time.srt", 2, "found 'half twee --> twee uur'"),
    ("json_invalid.json", 5, "not valid JSON"),
    ("json_no_segments.json", 1, "needs a 'segments' list"),
    ("json_segment_without_text.json", 4, "segment 1 has no 'text' string"),
    ("json_bad_start.json", 3, "'start' is 'straks', not a time"),
    ("json_scalar.json", 1, "needs a 'segments' list"),
    ("json_segment_not_object.json", 2, "segment 0 is not an object"),
    ("json_end_before_start.json", 2, "segment 0 ends (2.0) before it starts (5.0)"),
    ("json_speaker_list.json", 2, "not a name"),
    ("csv_no_text_column.csv", 1, "no text column"),
    ("csv_bad_time.csv", 4, "start '1:2x' is not a time"),
    ("csv_too_many_fields.csv", 3, "row has 3 fields, the header has 2"),
    ("csv_end_before_start.csv", 2, "row ends (2.0) before it starts (9.0)"),
    ("csv_header_only.csv", None, "no speech found"),
    ("txt_bad_time.txt", 1, "timestamp '00:99:12' is not a time"),
    ("empty.txt", None, "the file is empty"),
    ("whitespace_only.srt", None, "the file is empty"),
    ("binary.txt", None, "binary data"),
    ("utf16_broken.txt", None, "not UTF-16"),
]


@pytest.mark.parametrize(("name", "line", "reason"), CASES, ids=[c[0] for c in CASES])
def test_malformed_file(bad, name, line, reason):
    path = bad / name
    with pytest.raises(leadsignal.TranscriptError) as info:
        leadsignal.read(path)
    error = info.value
    assert error.path == str(path)
    assert error.line == line
    assert reason in error.reason
    where = f"{path}:{line}" if line is not None else str(path)
    assert str(error).startswith(f"{where}: ")


def test_every_bad_fixture_is_listed(bad):
    assert sorted(p.name for p in bad.iterdir()) == sorted(c[0] for c in CASES)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(leadsignal.TranscriptError, match="no such file"):
        leadsignal.read(tmp_path / "nope.vtt")
    with pytest.raises(leadsignal.TranscriptError, match="is a directory"):
        leadsignal.read(tmp_path)
