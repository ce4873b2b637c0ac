"""ConvoKit corpora: our export loads in ConvoKit itself, and corpora come back in as meetings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import leadsignal
from leadsignal.errors import TranscriptError
from leadsignal.interop.convokit import UNKNOWN, read_corpus, write_corpus

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "good"
NAMES = ("plain.txt", "teams.vtt")


@pytest.fixture(scope="module")
def analyses():
    return [leadsignal.analyse(leadsignal.read(FIXTURES / name)) for name in NAMES]


@pytest.fixture(scope="module")
def corpus_dir(analyses, tmp_path_factory):
    return write_corpus(analyses, tmp_path_factory.mktemp("ck") / "corpus")


def _records(folder):
    return [json.loads(line) for line in (folder / "utterances.jsonl").read_text(encoding="utf-8").splitlines()]


def test_export_layout(analyses, corpus_dir):
    records = _records(corpus_dir)
    assert len(records) == sum(len(a.meeting.utterances) for a in analyses)
    first = analyses[0]
    mine = [r for r in records if r["conversation_id"] == f"{first.meeting.id}:0"]
    assert [r["text"] for r in mine] == [u.text for u in first.meeting.utterances]
    assert mine[0]["reply-to"] is None
    # a turn's first utterance replies to the latest utterance of another speaker
    speakers = [u.speaker for u in first.meeting.utterances]
    k = next(i for i in range(1, len(speakers)) if speakers[i] != speakers[i - 1])
    assert mine[k]["reply-to"] == f"{first.meeting.id}:{k - 1}"
    assert [r["meta"]["leadsignal"]["acts"] for r in mine] == [list(s.acts) for s in first.utterance_signals]
    ideas = [r["meta"]["leadsignal"]["idea"] for r in mine if r["meta"]["leadsignal"]["idea"]]
    assert ideas == [i.id for i in first.ideas]
    speakers_json = json.loads((corpus_dir / "speakers.json").read_text(encoding="utf-8"))
    name = first.speaker_measures[0].name
    assert speakers_json[name]["meta"]["leadsignal"][first.meeting.id]["talk_share"] == pytest.approx(
        first.speaker_measures[0].talk_share
    )
    corpus_json = json.loads((corpus_dir / "corpus.json").read_text(encoding="utf-8"))
    assert set(corpus_json["leadsignal"]["provenance"]) == {a.meeting.id for a in analyses}


def test_round_trip_without_convokit(analyses, corpus_dir):
    meetings = {m.id: m for m in read_corpus(corpus_dir)}
    for a in analyses:
        back = meetings[f"{a.meeting.id}:0"]
        assert [(u.speaker, u.text) for u in back.utterances] == [(u.speaker, u.text) for u in a.meeting.utterances]


def test_loaded_by_convokit(analyses, corpus_dir, tmp_path):
    convokit = pytest.importorskip("convokit")
    corpus = convokit.Corpus(filename=str(corpus_dir))
    assert len(list(corpus.iter_conversations())) == len(analyses)
    assert len(list(corpus.iter_utterances())) == sum(len(a.meeting.utterances) for a in analyses)
    first = analyses[0]
    utt = corpus.get_utterance(f"{first.meeting.id}:1")
    assert utt.meta["leadsignal"]["acts"] == list(first.utterance_signals[1].acts)
    assert utt.reply_to == f"{first.meeting.id}:0"
    convo = corpus.get_conversation(f"{first.meeting.id}:0")
    assert convo.meta["leadsignal"]["meeting"]["id"] == first.meeting.id
    unknown = {UNKNOWN} if any(u.speaker is None for a in analyses for u in a.meeting.utterances) else set()
    assert {s.id for s in corpus.iter_speakers()} == {s for a in analyses for s in a.meeting.speakers} | unknown
    # and ConvoKit's own dump of it reads back as the same meetings
    corpus.dump("again", base_path=str(tmp_path))
    again = {m.id: m for m in read_corpus(tmp_path / "again")}
    for a in analyses:
        assert [u.text for u in again[f"{a.meeting.id}:0"].utterances] == [u.text for u in a.meeting.utterances]


def test_unknown_speaker_and_errors(tmp_path):
    meeting = leadsignal.read_text("speaker,text\nAnna,Zullen we beginnen?\n,Zonder naam.\nBram,Ja.\n", "m.csv")
    folder = write_corpus([leadsignal.analyse(meeting)], tmp_path / "c")
    assert UNKNOWN in {r["speaker"] for r in _records(folder)}
    assert [u.speaker for u in read_corpus(folder)[0].utterances] == [u.speaker for u in meeting.utterances]
    with pytest.raises(ValueError, match="two meetings with the id"):
        write_corpus([leadsignal.analyse(meeting)] * 2, tmp_path / "d")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "utterances.jsonl").write_text('{"id": "a", "text": "x"}\n{"id": \n', encoding="utf-8")
    with pytest.raises(TranscriptError) as info:
        read_corpus(tmp_path / "bad")
    assert info.value.line == 2
    with pytest.raises(TranscriptError, match="no utterances.jsonl"):
        read_corpus(tmp_path)


def run(*args):
    return subprocess.run([sys.executable, "-m", "leadsignal", *args], capture_output=True, text=True)


def test_cli_export_and_import(tmp_path):
    saved = tmp_path / "plain.json"
    assert run("analyse", str(FIXTURES / "plain.txt"), "--json", str(saved), "-q").returncode == 0
    proc = run("convokit", "export", str(saved), str(FIXTURES / "teams.vtt"), "-o", str(tmp_path / "corpus"))
    assert proc.returncode == 0, proc.stderr
    assert "2 meeting(s) written" in proc.stderr
    proc = run("convokit", "import", str(tmp_path / "corpus"), "-o", str(tmp_path / "back"))
    assert proc.returncode == 0, proc.stderr
    csvs = sorted((tmp_path / "back").glob("*.csv"))
    assert len(csvs) == 2
    again = leadsignal.read(csvs[0])
    assert dict(again.utterances[1].meta)["reply_to"].endswith(":0")
    proc = run("convokit", "import", str(tmp_path), "-o", str(tmp_path / "x"))
    assert proc.returncode == 2 and "no utterances.jsonl" in proc.stderr
