"""ELAN .eaf and Praat TextGrid: the formats of hand transcription, checked against the maintained readers."""

from __future__ import annotations

from pathlib import Path

import pytest

import leadsignal
from leadsignal.errors import TranscriptError
from leadsignal.io import read, read_bytes, read_text

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "handmade"
EXPECTED = [
    ("Zullen we het fietsplan bespreken?", 0.0, 2.5),
    ("Ja, ik stel voor dat we eerst de kosten bekijken.", 2.6, None),
    ("Goed, dan doen we dat.", 5.2, 7.0),
]


def test_elan_tiers_in_time_order():
    m = read(HERE / "overleg.eaf")
    assert m.format == "elan"
    assert [(u.text, u.start, u.end) for u in m.utterances] == EXPECTED  # ts4 has no value: no end time
    assert [u.speaker for u in m.utterances] == ["Anna de Vries", "Bram", "Anna de Vries"]  # PARTICIPANT, else id
    assert [u.source_line for u in m.utterances] == [14, 26, 19]
    assert any("dependent tier(s) left out (not speech): A-en" in w for w in m.warnings)


def test_elan_agrees_with_pympi():
    elan = pytest.importorskip("pympi.Elan")
    eaf = elan.Eaf(str(HERE / "overleg.eaf"))
    theirs = sorted(
        (start / 1000, value) for tier in ("A", "Bram") for start, _, value in eaf.get_annotation_data_for_tier(tier)
    )
    ours = [(u.start, u.text) for u in read(HERE / "overleg.eaf").utterances]
    assert ours == theirs


def test_textgrid_long_format():
    m = read(HERE / "overleg.TextGrid")
    assert m.format == "textgrid"
    assert [u.speaker for u in m.utterances] == ["Anna", "Bram", "Anna"]
    assert [u.text for u in m.utterances] == [
        'Zullen we het "fietsplan" bespreken?',
        "Ja, ik stel voor dat we eerst de kosten bekijken.",
        "Goed, dan doen we dat.",
    ]
    assert [(u.start, u.end) for u in m.utterances] == [(0.0, 2.5), (2.6, 5.0), (5.2, 7.0)]
    assert [u.source_line for u in m.utterances] == [16, 39, 24]
    assert any("point tier 'notities' left out" in w for w in m.warnings)


def test_textgrid_short_format_and_utf16_read_alike(tmp_path):
    praatio = pytest.importorskip("praatio.textgrid")
    grid = praatio.openTextgrid(str(HERE / "overleg.TextGrid"), includeEmptyIntervals=True)
    short = tmp_path / "kort.TextGrid"
    grid.save(str(short), format="short_textgrid", includeBlankSpaces=True)
    long_ = read(HERE / "overleg.TextGrid")
    for m in (read(short), read_bytes(short.read_text(encoding="utf-8").encode("utf-16"), "kort.TextGrid")):
        assert [(u.speaker, u.text, u.start, u.end) for u in m.utterances] == [
            (u.speaker, u.text, u.start, u.end) for u in long_.utterances
        ]


def test_textgrid_agrees_with_praatio():
    praatio = pytest.importorskip("praatio.textgrid")
    grid = praatio.openTextgrid(str(HERE / "overleg.TextGrid"), includeEmptyIntervals=False)
    theirs = sorted(
        (e.start, " ".join(e.label.split()))
        for name in grid.tierNames
        if name != "notities"
        for e in grid.getTier(name).entries
    )
    assert [(u.start, u.text) for u in read(HERE / "overleg.TextGrid").utterances] == theirs


@pytest.mark.parametrize("name", ["overleg.eaf", "overleg.TextGrid"])
def test_analysed_end_to_end(name):
    analysis = leadsignal.analyse(read(HERE / name))
    assert len(analysis.utterances) == 3


GRID = 'File type = "ooTextFile"\nObject class = "TextGrid"\n\n0\n3\n<exists>\n1\n"IntervalTier"\n"Anna"\n0\n3\n'


@pytest.mark.parametrize(
    ("content", "suffix", "line", "reason"),
    [
        (GRID + '2\n0\n1\n"ja"\n', "TextGrid", 15, "the file ends where a number was expected"),
        (GRID + '1\n2\n1\n"ja"\n', "TextGrid", 13, "interval ends (1.0) before it starts (2.0)"),
        (GRID + '1\n0\n"x"\n"ja"\n', "TextGrid", 14, "expected a number, found 'x'"),
        (GRID.replace("IntervalTier", "PitchTier") + "0\n", "TextGrid", 12, "unknown tier class 'PitchTier'"),
        ('File type = "ooTextFile"\nObject class = "Pitch"\n', "TextGrid", 2, "not a Praat TextGrid"),
        (
            "<ANNOTATION_DOCUMENT>\n<TIER TIER_ID='a'>\n<ANNOTATION><ALIGNABLE_ANNOTATION TIME_SLOT_REF1='t1' "
            "TIME_SLOT_REF2='t2'/></ANNOTATION></TIER></ANNOTATION_DOCUMENT>",
            "eaf",
            3,
            "time slot 't1' is not in",
        ),
        (
            "<ANNOTATION_DOCUMENT><TIME_ORDER>\n<TIME_SLOT TIME_SLOT_ID='t1' TIME_VALUE='1.5s'/>\n</TIME_ORDER>"
            "</ANNOTATION_DOCUMENT>",
            "eaf",
            2,
            "TIME_VALUE '1.5s' is not a whole number",
        ),
        ("<ANNOTATION_DOCUMENT>\n<TIER>\n</ANNOTATION_DOCUMENT>", "eaf", 3, "malformed XML"),
        ("<HTML>\n</HTML>", "eaf", 1, "not an ELAN document"),
    ],
)
def test_errors_name_the_line(content, suffix, line, reason):
    with pytest.raises(TranscriptError) as info:
        read_text(content, f"m.{suffix}")
    assert (info.value.line, reason) == (line, info.value.reason[: len(reason)])


def test_sniffed_without_suffix():
    for name, fmt in (("overleg.eaf", "elan"), ("overleg.TextGrid", "textgrid")):
        assert read_text((HERE / name).read_text(encoding="utf-8"), "export.txt").format == fmt
