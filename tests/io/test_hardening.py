"""Inputs that real files and fuzzing produce: each ends in a result that keeps every utterance, or in one
TranscriptError naming the file and the line; never in another exception."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import leadsignal
from leadsignal.errors import TranscriptError
from leadsignal.io import read_text


def test_json_duplicate_key_is_an_error_with_its_line():
    text = '{\n"segments": [{"text": "a", "speaker": "A"}],\n"segments": [{"text": "b", "speaker": "B"}]\n}'
    with pytest.raises(TranscriptError) as err:
        read_text(text, "d.json")
    assert err.value.line == 3 and "'segments' appears twice" in str(err.value)


def test_json_nested_too_deeply():
    with pytest.raises(TranscriptError, match="nested too deeply"):
        read_text("[" * 100_000 + "]" * 100_000, "deep.json")


def test_json_integer_too_long():
    with pytest.raises(TranscriptError, match="not valid JSON"):
        read_text('[{"text": "a", "start": ' + "9" * 5000 + "}]", "long.json")


@pytest.mark.parametrize("value", ["Infinity", "-Infinity", "NaN", "1e999"])
def test_json_time_must_be_finite(value):
    with pytest.raises(TranscriptError, match="not a time") as err:
        read_text(
            '[\n{"text": "a", "speaker": "A", "start": 0, "end": 1},\n{"text": "b", "start": ' + value + "}\n]",
            "t.json",
        )
    assert err.value.line == 3


def test_json_segment_lines():
    segments = [{"speaker": "A", "text": f"zin {i}", "start": i, "end": i + 1} for i in range(500)]
    text = "[\n" + ",\n".join(json.dumps(s) for s in segments) + "\n]"
    meeting = read_text(text, "many.json")
    assert [u.source_line for u in meeting.utterances] == list(range(2, 502))


def test_vtt_cue_id_that_starts_like_a_note_is_a_cue():
    text = "WEBVTT\n\nNOTE een notitie\n\nNOTEBOOK-1\n00:00:01.000 --> 00:00:02.000\n<v Anna>Hallo.\n"
    meeting = read_text(text, "n.vtt")
    assert [(u.speaker, u.text, u.source_line) for u in meeting.utterances] == [("Anna", "Hallo.", 6)]


def test_text_title_line_is_not_a_csv_header():
    text = "Transcript, teamoverleg 12 maart\nAnna: Zullen we beginnen, of wachten we?\nBram: Ja, goed.\n"
    meeting = read_text(text, "t.txt")
    assert meeting.format == "text"
    assert [(u.speaker, u.text) for u in meeting.utterances] == [
        (None, "Transcript, teamoverleg 12 maart"),
        ("Anna", "Zullen we beginnen, of wachten we?"),
        ("Bram", "Ja, goed."),
    ]


def test_csv_header_with_text_and_speaker_is_still_sniffed():
    meeting = read_text("spreker,tekst\nAnna,Zullen we beginnen?\n", "export.txt")
    assert meeting.format == "csv" and meeting.utterances[0].speaker == "Anna"


def test_long_first_line_and_long_cells():
    long = "ja " * 70_000  # 210,000 characters, past csv's default field limit
    meeting = read_text(f"Anna: {long}\nBram: Oké.\n", "long.txt")
    assert meeting.format == "text" and len(meeting.utterances) == 2
    meeting = read_text(f"speaker,text\nAnna,{long}\n", "long.csv")
    assert meeting.utterances[0].text == long.strip()


def test_utterance_over_a_million_characters_and_punctuation_runs():
    shout = "Nee" + "!" * 1_100_000
    meeting = read_text(f"Anna: {shout}\nBram: Oké, prima.\n", "shout.txt")
    analysis = leadsignal.analyse(meeting)
    assert analysis.meeting.utterances[0].text == shout  # kept whole
    assert [s.words for s in analysis.speaker_measures] == [1, 2]


def test_cli_summary_prints_names_as_text(tmp_path):
    path = tmp_path / "overleg [concept].csv"
    path.write_text("speaker,text\n[/],Zullen we beginnen?\n[bold]x[/bold],Ja.\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "leadsignal", "analyse", str(path)], capture_output=True, text=True, env=None
    )
    assert proc.returncode == 0, proc.stderr
    assert "overleg [concept]" in proc.stdout and "[/]" in proc.stdout and "[bold]x[/bold]" in proc.stdout


def test_lower_case_particles_open_a_speaker_name():
    text = "Anna de Vries: Goed.\nvan Dijk: Ik ben het eens.\n't Hart: Ik ook.\nde vergadering: is geen naam\n"
    meeting = read_text(text, "p.txt")
    assert [(u.speaker, u.text) for u in meeting.utterances] == [
        ("Anna de Vries", "Goed."),
        ("van Dijk", "Ik ben het eens."),
        ("'t Hart", "Ik ook. de vergadering: is geen naam"),  # no capitalised surname: a continuation
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("speaker,start,end,text\nA,1," + "9" * 400 + ".5,hoi\n", "t.csv"),
        ("WEBVTT\n\n" + "9" * 400 + ":00:00.000 --> 00:00:01.000\nhoi\n", "t.vtt"),
        ('[{"text": "hoi", "start": 1e300}]', "t.json"),
    ],
)
def test_absurd_times_are_errors(text, name):
    with pytest.raises(TranscriptError, match="not a time"):
        read_text(text, name)


def test_error_messages_quote_only_a_short_excerpt():
    secret = "Vertrouwelijk: " + "x" * 5000
    with pytest.raises(TranscriptError) as err:
        read_text(f"WEBVTT\n\n00:00:01.000 --> 00:00:0x.000 {secret}\nhoi\n", "s.vtt")
    assert len(str(err.value)) < 200
