"""Property tests: any text or bytes give a Meeting or a TranscriptError; nothing written is lost."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadsignal import Meeting, TranscriptError
from leadsignal.io import READERS, read_bytes, read_text

SUFFIX = {
    "webvtt": "vtt",
    "srt": "srt",
    "parlamint": "xml",
    "elan": "eaf",
    "textgrid": "TextGrid",
    "docx": "docx",
    "json": "json",
    "csv": "csv",
    "text": "txt",
}
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome(call):
    try:
        return call()
    except TranscriptError as error:
        return error


def check(result):
    assert isinstance(result, (Meeting, TranscriptError))
    if isinstance(result, Meeting):
        assert [u.index for u in result.utterances] == list(range(len(result.utterances)))


# Text shaped like transcripts (timings, arrows, tags, colons) finds far more paths than uniform noise.
PIECES = st.sampled_from(
    [
        "WEBVTT",
        "\n",
        "\n\n",
        "-->",
        " --> ",
        "00:00:01.000",
        "00:00:02,500",
        "<v Anna>",
        "</v>",
        "NOTE",
        "Anna: ",
        "[SPEAKER_00]: ",
        "1",
        "{",
        "}",
        "[",
        "]",
        '"segments"',
        ":",
        ",",
        '"text"',
        '"speaker"',
        "speaker,text",
        "tekst",
        "\t",
        ";",
        '"',
        "ja",
        "é",
        "\r\n",
        "(00:01)",
        "12.5",
        "null",
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">',
        "<text><body>",
        '<u who="#a" ana="#chair">',
        "<seg>",
        "</seg>",
        "</u>",
        '<gap reason="editorial"/>',
        '<note type="speaker">',
        "</note>",
        "</body></text></TEI>",
        "&amp;",
        "<ANNOTATION_DOCUMENT>",
        "<TIME_ORDER>",
        "<TIME_SLOT TIME_SLOT_ID='t1' TIME_VALUE='1000'/>",
        "<TIER TIER_ID='Anna'>",
        "<ANNOTATION><ALIGNABLE_ANNOTATION TIME_SLOT_REF1='t1' TIME_SLOT_REF2='t1'>",
        "<ANNOTATION_VALUE>",
        'File type = "ooTextFile"\nObject class = "TextGrid"\n',
        "<exists>",
        '"IntervalTier"',
        '"TextTier"',
        "item [1]:",
        "xmin = ",
        "1e9",
    ]
)
SHAPED = st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=40).map("".join)


def _reader_test(name):
    @FAST
    @given(text=st.one_of(st.text(), SHAPED))
    def test(text):
        check(outcome(lambda: read_text(text, f"x.{SUFFIX[name]}", format=name)))

    test.__name__ = f"test_{name}_reader_total_on_any_text"
    return test


for _reader in READERS:
    globals()[f"test_{_reader.name}_reader_total_on_any_text"] = _reader_test(_reader.name)


@FAST
@given(data=st.binary(max_size=300), suffix=st.sampled_from(sorted(SUFFIX.values()) + ["bin"]))
def test_any_bytes(data, suffix):
    check(outcome(lambda: read_bytes(data, f"x.{suffix}")))


# Round trip: write random meetings in each format, read them back, nothing lost.
NAMES = st.sampled_from(
    ["Anna de Vries", "Bram", "SPEAKER_00", "Noël El Amrani", "Tjon A Fong", "van Dijk", "'t Hart", "D'Souza", "İlker"]
)
SAID = (
    st.text(
        alphabet=st.characters(
            codec="utf-8", categories=["L", "N", "P", "Zs"], exclude_characters="<>&\r\n\x85\u2028\u2029"
        ),
        min_size=1,
        max_size=60,
    )
    .map(str.strip)
    .filter(lambda s: s and not s.startswith(("[", "{")))
)
MEETINGS = st.lists(st.tuples(NAMES, SAID), min_size=1, max_size=12)


def _ts(seconds, sep):
    return f"00:{seconds // 60:02d}:{seconds % 60:02d}{sep}000"


def write(fmt, rows):
    if fmt == "webvtt":
        cues = [f"{i}\n{_ts(i, '.')} --> {_ts(i + 1, '.')}\n<v {s}>{t}</v>" for i, (s, t) in enumerate(rows)]
        return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"
    if fmt == "srt":
        return "\n\n".join(f"{i + 1}\n{_ts(i, ',')} --> {_ts(i + 1, ',')}\n{s}: {t}" for i, (s, t) in enumerate(rows))
    if fmt == "json":
        return json.dumps(
            {"segments": [{"start": i, "end": i + 1, "speaker": s, "text": t} for i, (s, t) in enumerate(rows)]}
        )
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["speaker", "start", "end", "text"])
        writer.writerows([s, i, i + 1, t] for i, (s, t) in enumerate(rows))
        return buf.getvalue()
    if fmt == "parlamint":  # no person list beside it: the speaker is the person id
        from xml.sax.saxutils import escape, quoteattr

        turns = "".join(f"<u who={quoteattr('#' + s)}><seg>{escape(t)}</seg></u>\n" for s, t in rows)
        return f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n{turns}</body></text></TEI>'
    if fmt == "elan":
        from xml.sax.saxutils import escape, quoteattr

        slots = "".join(f'<TIME_SLOT TIME_SLOT_ID="t{i}" TIME_VALUE="{i * 1000}"/>' for i in range(len(rows) + 1))
        tiers = "".join(
            f'<TIER TIER_ID="t{i}" PARTICIPANT={quoteattr(s)}><ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a{i}" '
            f'TIME_SLOT_REF1="t{i}" TIME_SLOT_REF2="t{i + 1}"><ANNOTATION_VALUE>{escape(t)}</ANNOTATION_VALUE>'
            "</ALIGNABLE_ANNOTATION></ANNOTATION></TIER>\n"
            for i, (s, t) in enumerate(rows)
        )
        return f"<ANNOTATION_DOCUMENT><TIME_ORDER>{slots}</TIME_ORDER>\n{tiers}</ANNOTATION_DOCUMENT>"
    if fmt == "textgrid":  # short format, one tier per utterance

        def q(value):
            return '"' + value.replace('"', '""') + '"'

        tiers = "".join(
            f'"IntervalTier"\n{q(s)}\n0\n{len(rows)}\n1\n{i}\n{i + 1}\n{q(t)}\n' for i, (s, t) in enumerate(rows)
        )
        return f'File type = "ooTextFile"\nObject class = "TextGrid"\n\n0\n{len(rows)}\n<exists>\n{len(rows)}\n{tiers}'
    if fmt == "text-timed":
        return "".join(f"[{_ts(i, '.')[:8]}] {s}: {t}\n" for i, (s, t) in enumerate(rows))
    return "".join(f"{s}: {t}\n" for s, t in rows)  # no times: the name alone opens an utterance


def _round_trip(fmt):
    @FAST
    @given(rows=MEETINGS)
    def test(rows):
        m = read_text(write(fmt, rows), f"m.{SUFFIX.get(fmt, 'txt')}")
        assert len(m.utterances) == len(rows)
        assert [u.speaker for u in m.utterances] == [s for s, _ in rows]
        assert [" ".join(u.text.split()) for u in m.utterances] == [" ".join(t.split()) for _, t in rows]

    test.__name__ = f"test_{fmt.replace('-', '_')}_round_trip_loses_nothing"
    return test


for _fmt in [*(f for f in SUFFIX if f != "docx"), "text-timed"]:  # docx: tests/io/test_docx.py
    globals()[f"test_{_fmt.replace('-', '_')}_round_trip_loses_nothing"] = _round_trip(_fmt)
