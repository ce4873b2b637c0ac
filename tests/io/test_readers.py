"""Each reader on small committed files whose content we know line by line."""

from __future__ import annotations

import pytest

import leadsignal
from leadsignal.io import read_text, reader_for


def speakers_texts(meeting):
    return [(u.speaker, u.text) for u in meeting.utterances]


def test_teams_webvtt(good):
    m = leadsignal.read(good / "teams.vtt")
    assert m.format == "webvtt"
    assert speakers_texts(m) == [
        ("Anna de Vries", "Goedemorgen allemaal, zullen we beginnen?"),
        ("Bram Jansen", "Ja, prima. Ik heb de cijfers bij me."),  # no closing </v>, styling tags dropped
        ("Anna de Vries", "Mooi & snel graag."),  # <v.loud ...> class, entity unescaped
        ("Bram Jansen", "Eerst dit. Samira El Amrani: Mag ik iets zeggen?"),  # two voices, one cue
        ("Samira El Amrani", "Ik stel voor dat we de planning eerst bespreken."),  # "Name: text" in cue
        (None, "Zonder spreker gezegd."),
    ]
    assert [u.index for u in m.utterances] == list(range(6))
    assert (m.utterances[0].start, m.utterances[0].end) == (1.0, 4.5)  # cue settings after the timing
    assert m.utterances[5].start == 62.125
    assert [u.source_line for u in m.utterances] == [16, 20, 23, 27, 31, 38]
    assert any("several voices" in w and ":26:" in w for w in m.warnings)
    assert any("without a speaker" in w and "lines 38" in w for w in m.warnings)


def test_zoom_webvtt_hours(good):
    m = leadsignal.read(good / "zoom.vtt")
    assert speakers_texts(m)[1] == ("Lisa", "Hoi Kees.")
    assert m.utterances[2].start == 3605.0
    assert m.duration_s == pytest.approx(3608.5)


def test_srt(good):
    m = leadsignal.read(good / "meeting.srt")
    assert m.format == "srt"
    assert speakers_texts(m) == [
        ("Gerard Verhoeven", "Goed, we gaan beginnen, want ik heb om half elf alweer de wethouder."),
        ("NAIMA BOUZID", "Ja."),
        ("SPEAKER_00", "Hm-hm."),
        ("Lotte van Dijk", "Ik heb ze gisteravond nog doorgebladerd."),
        (None, "Dus: dit heeft geen spreker."),  # "Dus:" is a discourse word, not a name
    ]
    assert m.utterances[0].start == pytest.approx(5.984)
    assert m.utterances[3].end == pytest.approx(22.28)


def test_plain_text(good):
    m = leadsignal.read(good / "plain.txt")
    assert m.format == "text"
    assert speakers_texts(m)[:2] == [
        ("Anna", "Goedemorgen. Zullen we beginnen?"),
        ("Bram", "Ja. dit is een vervolgregel van Bram"),  # continuation line joins the one above
    ]
    assert [(u.speaker, u.start, u.end) for u in m.utterances[2:]] == [
        ("Samira El Amrani", 192.0, None),
        ("Elif Kaya", 200.0, None),
        ("Ricardo Sedney", 211.0, None),
        ("Anna", 220.0, 225.0),
    ]
    assert [u.source_line for u in m.utterances] == [1, 2, 5, 6, 7, 8]


def test_whisperx_json(good):
    m = leadsignal.read(good / "whisperx.json")
    assert speakers_texts(m) == [
        ("SPEAKER_00", "oké ik denk dat we compleet zijn"),
        (None, "zonder spreker"),
        ("SPEAKER_01", "ja"),
    ]
    assert [u.source_line for u in m.utterances] == [4, 10, 11]
    assert (m.utterances[2].start, m.utterances[2].end) == (15.0, 16.5)


def test_json_list(good):
    m = leadsignal.read(good / "list.json")
    assert speakers_texts(m) == [("A", "Eerste."), ("B", "Tweede.")]
    assert m.utterances[1].start is None


def test_csv(good):
    m = leadsignal.read(good / "table.csv")
    assert speakers_texts(m) == [
        ("Lieve", "Allez, zijn we compleet? Jens, doe gij de deur efkes toe."),
        ("Jens", "Ja, ja. Amai, 't is hier precies een frigo."),
        ("Fatma", "Een regel\nover twee regels."),
        (None, "Zonder spreker."),
    ]
    assert [u.source_line for u in m.utterances] == [2, 3, 5, 7]
    assert m.utterances[1].start == pytest.approx(9.95)
    assert m.utterances[2].start is None


def test_tsv_dutch_columns(good):
    m = leadsignal.read(good / "table.tsv")
    assert speakers_texts(m) == [("Anna", "Hallo daar."), ("Bram", 'Ja, "echt" waar.')]
    assert m.utterances[1].start == 2.5  # decimal comma


def test_semicolon_csv_naam_tekst(good):
    m = leadsignal.read(good / "semicolon.csv")
    assert speakers_texts(m) == [("Anna", "Goedemorgen."), ("Bram", "Morgen, Anna.")]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA: x\n", "webvtt"),
        ("1\n00:00:01,000 --> 00:00:02,000\nA: x\n", "srt"),
        ('{"segments": []}', "json"),
        ("speaker,text\nA,x\n", "csv"),
        ("Anna: hallo\n", "text"),
    ],
)
def test_sniffing_without_suffix(content, expected):
    assert reader_for("transcript", content).name == expected


def test_format_override_and_unknown_format():
    m = read_text("speaker,text\nA,hallo\n", "notes.txt", format="csv")
    assert m.format == "csv"
    with pytest.raises(leadsignal.TranscriptError, match="unknown format 'pdf'"):
        read_text("A: x", "x.txt", format="pdf")


def test_txt_suffix_holding_webvtt_is_sniffed():
    m = read_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>x</v>\n", "export.txt")
    assert m.format == "webvtt"


def test_alias_map_merges_speakers():
    m = read_text("Anna: een\nAnna de Vries: twee\nBram: drie\n", "m.txt", aliases={"Anna": "Anna de Vries"})
    assert m.speakers == ["Anna de Vries", "Bram"]
    assert len(m.utterances) == 3


def test_csv_extra_columns_are_kept_as_utterance_metadata(tmp_path):
    import json

    import leadsignal
    from leadsignal import contract

    text = "speaker,party,text,role\nOmtzigt,NSC,Voorzitter.,lid\nKlaver,,Ja.,fractievoorzitter\n"
    meeting = leadsignal.read_text(text, "debat.csv")
    assert [u.meta for u in meeting.utterances] == [
        (("party", "NSC"), ("role", "lid")),
        (("role", "fractievoorzitter"),),
    ]
    data = leadsignal.analyse(meeting).to_dict()
    assert data["utterances"][0]["meta"] == {"party": "NSC", "role": "lid"}
    contract.validate(data)
    assert contract.to_dict(contract.from_dict(json.loads(json.dumps(data)))) == data
