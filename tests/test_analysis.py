"""The analysis bundle and its JSON contract."""

from __future__ import annotations

import json

import pytest

import leadsignal
from leadsignal.transcript import Meeting, Utterance


def test_contract_on_fixture(good):
    analysis = leadsignal.analyse(leadsignal.read(good / "teams.vtt"))
    data = json.loads(analysis.to_json())
    assert data["schema"] == "leadsignal.analysis/3"
    meeting = data["meeting"]
    assert meeting["n_utterances"] == 6
    assert meeting["format"] == "webvtt"
    assert meeting["duration_s"] == pytest.approx(62.0)
    assert [u["index"] for u in data["utterances"]] == list(range(6))
    # "&" holds no letter; the two-voice cue keeps the second voice's name in its text ("... Samira El Amrani: Mag ...")
    assert [u["words"] for u in data["utterances"]] == [5, 8, 3, 9, 9, 3]
    assert data["utterances"][5]["speaker"] is None  # kept, speaker unknown
    names = [s["name"] for s in data["speakers"]]
    assert names == ["Anna de Vries", "Bram Jansen", "Samira El Amrani"]
    # turns: Anna 0 and 2, Bram 1 and 3, Samira 4 (utterance 5 has no speaker); talk by time: 3.5 + 2.0, 2.25 + 1.5,
    # 2.5 of 12.625 s (the speakerless 0.875 s counts in the total)
    assert [(s["turns"], s["talk_share"]) for s in data["speakers"]] == [
        (2, round(5.5 / 12.625, 6)),
        (2, round(3.75 / 12.625, 6)),
        (1, round(2.5 / 12.625, 6)),
    ]
    assert sorted(data["graphs"]) == ["agreement", "leadership", "mention", "reply", "uptake"]


def test_talk_share_by_time_when_all_times():
    m = Meeting("m", (Utterance(0, "A", "een", 0, 3), Utterance(1, "B", "twee drie vier", 3, 4)))
    analysis = leadsignal.analyse(m)
    rows = {s.name: s for s in analysis.speaker_measures}
    assert rows["A"].talk_share == pytest.approx(0.75)
    assert analysis.talk_share_basis == "time"


def test_talk_share_by_words_without_times():
    m = Meeting("m", (Utterance(0, "A", "een", 0, 3), Utterance(1, "B", "twee drie vier")))
    rows = {s.name: s for s in leadsignal.analyse(m).speaker_measures}
    assert rows["A"].talk_share == pytest.approx(0.25)


def test_turns_and_monologue():
    texts = [("A", "een twee"), ("A", "drie"), ("B", "vier"), ("A", "vijf")]
    m = Meeting("m", tuple(Utterance(i, s, t) for i, (s, t) in enumerate(texts)))
    speakers = leadsignal.analyse(m).speakers
    assert speakers.loc["A", "turns"] == 2
    assert speakers.loc["A", "longest_monologue_words"] == 3
    assert speakers.loc["B", "words"] == 1


def test_dataframes(good):
    analysis = leadsignal.analyse(leadsignal.read(good / "plain.txt"))
    assert list(analysis.utterances.index) == list(range(6)) and "index" not in analysis.utterances.columns
    assert analysis.speakers.index.name == "name" and "name" not in analysis.speakers.columns
    assert list(analysis.speakers.reset_index().columns[:4]) == ["name", "words", "talk_share", "turns"]


def test_tables_of_many_meetings_concatenate_and_group(good):
    import pandas as pd

    analyses = [leadsignal.analyse(leadsignal.read(good / name)) for name in ("plain.txt", "teams.vtt")]
    speakers = pd.concat([a.speakers.assign(meeting=a.meeting.id) for a in analyses]).reset_index()
    assert speakers.groupby("name")["words"].sum()["Anna"] == analyses[0].speakers.loc["Anna", "words"]
    windows = analyses[1].window_table
    assert list(windows.index) == [0] and windows.loc[0, "unit"] == "seconds"
    assert list(analyses[1].idea_table.columns) == ["utterance", "speaker", "n_uptakes", "support", "build", "reject"]
    assert list(analyses[1].uptake_table.columns[:3]) == ["idea", "idea_utterance", "idea_speaker"]


@pytest.mark.parametrize(
    "name",
    [
        "teams.vtt",
        "zoom.vtt",
        "meeting.srt",
        "plain.txt",
        "whisperx.json",
        "list.json",
        "table.csv",
        "table.tsv",
        "semicolon.csv",
    ],
)
def test_nothing_lost(good, name):
    """Every source unit is one output utterance, in order, with its text unchanged."""
    meeting = leadsignal.read(good / name)
    out = leadsignal.analyse(meeting).to_dict()["utterances"]
    assert [(u["index"], u["speaker"], u["text"]) for u in out] == [
        (u.index, u.speaker, u.text) for u in meeting.utterances
    ]


def test_one_window_over_the_whole_meeting_equals_the_meeting_indices(good):
    from leadsignal.config import Config

    meeting = leadsignal.read(good / "teams.vtt")
    analysis = leadsignal.analyse(meeting, Config(window_s=1e9))
    (window,) = analysis.windows
    for key in (
        "participation_gini",
        "leadership_density",
        "leadership_centralization",
        "reply_reciprocity",
        "shared_leadership_index",
    ):
        assert getattr(window, key) == analysis.metrics[key], key


def test_windows_split_the_meeting(good):
    from leadsignal.config import Config

    meeting = leadsignal.read(good / "plain.txt")
    windows = leadsignal.analyse(meeting, Config(window_utterances=2)).windows
    assert [w.first_utterance for w in windows] == list(range(0, len(meeting.utterances), 2))
    assert [w.last_utterance for w in windows] == list(range(1, len(meeting.utterances), 2))
    assert [w.unit for w in windows] == ["utterances"] * 3 and [w.n_speakers for w in windows] == [2, 2, 2]
