"""ParlaMint TEI sessions: speakers, parties, roles and coalition side from the corpus lists; text from segments."""

from __future__ import annotations

from pathlib import Path

import pytest

import leadsignal
from leadsignal.errors import TranscriptError
from leadsignal.io import read, read_bytes

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "parlamint"
SESSION = HERE / "2021" / "ParlaMint-XX_2021-03-04-kamer-1.xml"
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "data" / "parlamint"


def test_session_with_corpus_lists():
    m = read(SESSION)
    assert m.format == "parlamint"
    assert [u.speaker for u in m.utterances] == ["Anna Jansen", "Bram van Dijk", "Els Dekker", "Onbekend"]
    assert [u.source_line for u in m.utterances] == [14, 18, 23, 26]
    meta = [dict(u.meta) for u in m.utterances]
    assert [d.get("role") for d in meta] == ["chair", "regular", "guest", "regular"]
    # Bram van Dijk changed party on 2021-01-01; the session is on 2021-03-04.
    assert [(d.get("party"), d.get("side")) for d in meta] == [
        ("GRN", "coalition"),
        ("RD", "coalition"),
        (None, "government"),
        (None, None),
    ]
    assert meta[0]["id"] == "ParlaMint-XX_2021-03-04-kamer-1.u1"


def test_text_is_the_segments_without_transcriber_notes():
    m = read(SESSION)
    assert m.utterances[1].text == (
        "Voorzitter. Ik stel voor dat we het fietsplan steunen.\nIs de minister het daarmee eens? Graag een antwoord."
    )
    assert m.utterances[2].text == "Ja, dat ben ik eens."  # .ana.xml tokens with join="right"/"left"


def test_gap_is_marked_and_warned():
    m = read(SESSION)
    assert dict(m.utterances[2].meta)["gap_before"] == "editorial"
    assert any(":23: material left out before this turn" in w for w in m.warnings)


def test_without_corpus_lists_names_come_from_ids():
    m = read_bytes(SESSION.read_bytes(), "sessie.xml")
    assert [u.speaker for u in m.utterances][:2] == ["Jansen Anna", "Bramvan Dijk"]
    assert "party" not in dict(m.utterances[0].meta)
    assert any("no listPerson/listOrg" in w for w in m.warnings)


def test_analysed_end_to_end():
    analysis = leadsignal.analyse(read(SESSION))
    assert len(analysis.utterances) == 4
    assert set(analysis.speakers.index) == {"Anna Jansen", "Bram van Dijk", "Els Dekker", "Onbekend"}


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ('<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"/>', 1, "corpus root (teiCorpus)"),
        ('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body>\n<u who="#a"><seg>x</u>', 3, "malformed XML"),
        ('<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY a "aaaa">]>\n<TEI/>', 2, "DTD or entity"),
        ('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body/></text></TEI>', 2, "without utterances"),
        ('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<u>&lol;</u></TEI>', 2, "malformed XML"),
    ],
)
def test_errors_name_the_line(content, line, reason):
    with pytest.raises(TranscriptError) as info:
        read_bytes(content.encode(), "sessie.xml")
    assert info.value.line == line
    assert reason in info.value.reason


EXPECTED = {  # the ParlaMint samples' README: party and side of each speaker at the session date
    "ParlaMint-NL_2017-01-26-tweedekamer-4": {
        "Khadija Arib": ("PvdA", "coalition"),
        "Lea Bouwmeester": ("PvdA", "coalition"),
    },
    "ParlaMint-NL_2019-05-16-tweedekamer-11": {"Khadija Arib": ("PvdA", None), "Cem Laçin": ("SP", "opposition")},
    "ParlaMint-BE_2020-06-17-55-commissie-ic210x": {
        "Annick Ponthier": ("VB", "opposition"),
        "Sammy Mahdi": (None, None),
        "Christophe Bombled": ("MR", "coalition"),
        "Peter Buysrogge": ("N-VA", "opposition"),
    },
    "ParlaMint-BE_2022-07-13-voorlopig-55-commissie-ic862x": {
        "Kristien Van Vaerenbergh": ("N-VA", "opposition"),
        "Roberto D'Amico": ("PTB", None),
        "Mathieu Michel": (None, "government"),
        "Olivier Vajda": ("Ecolo", "coalition"),
    },
}


@pytest.mark.shared
@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/data/parlamint is absent")
def test_parlamint_samples():
    sessions = sorted(SAMPLES.glob("ParlaMint-*/20*/*.xml"))
    assert len(sessions) == 6
    for path in sessions:
        m = read(path)
        assert len(m.utterances) == 4 and all(u.text for u in m.utterances)
        chairs = {u.speaker for u in m.utterances if dict(u.meta).get("role") == "chair"}
        assert chairs, path.name
        if m.id in EXPECTED:
            got = {u.speaker: (dict(u.meta).get("party"), dict(u.meta).get("side")) for u in m.utterances}
            assert got == EXPECTED[m.id]


def test_batch_leaves_the_corpus_lists_out():
    from leadsignal.batch import collect

    excluded: list[Path] = []
    assert collect([HERE], excluded=excluded) == [SESSION]
    assert sorted(p.name for p in excluded) == ["ParlaMint-XX-listOrg.xml", "ParlaMint-XX-listPerson.xml"]
