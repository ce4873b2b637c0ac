"""Corpus runs: tables and errors, resumption after kill -9, local and Dask engines giving the same tables."""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from leadsignal import batch
from leadsignal.errors import ConfigError
from leadsignal.io import read

FIXTURES = Path(__file__).parent / "fixtures"
BAD = ["vtt_bad_time.vtt", "csv_too_many_fields.csv", "empty.txt", "json_invalid.json"]
SENTENCES = [
    "Zullen we eerst de planning doornemen?",
    "Ik stel voor dat we het budget verhogen.",
    "Ja, goed idee, dat lijkt me verstandig.",
    "Nee, daar ben ik het niet mee eens.",
    "Laten we dat zo afspreken.",
    "Kun jij de notulen rondsturen?",
    "Wat vinden jullie van de nieuwe opzet?",
    "Misschien kunnen we de klant eerst bellen.",
    "Oké.",
    "Dan besluiten we dat we in maart starten.",
]


def make_corpus(folder: Path, n: int, utterances: int = 40, seed: int = 7) -> list[Path]:
    """``n`` distinct plain-text meetings of four speakers."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        lines = [f"{rng.choice('ABCD')}{'nne' if i % 2 else 'ram'}: {rng.choice(SENTENCES)}" for _ in range(utterances)]
        path = folder / f"overleg-{i:03d}.txt"
        path.write_text("\n".join(lines) + f"\nA: Einde van overleg {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def tables(out: Path, suffix: str = "parquet") -> dict[str, pd.DataFrame]:
    read_table = pd.read_parquet if suffix == "parquet" else pd.read_csv
    return {t: read_table(out / f"{t}.{suffix}") for t in batch.TABLES}


def assert_same_tables(a: Path, b: Path) -> None:
    ta, tb = tables(a), tables(b)
    for name in batch.TABLES:
        pd.testing.assert_frame_equal(ta[name], tb[name], check_like=False, obj=name)
    assert (a / "errors.csv").read_text() == (b / "errors.csv").read_text()


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    for name in ("teams.vtt", "meeting.srt", "table.csv", "whisperx.json"):
        shutil.copy(FIXTURES / "good" / name, corpus / name)
    shutil.copy(FIXTURES / "good" / "plain.txt", corpus / "sub" / "plain.txt")
    for name in BAD:
        shutil.copy(FIXTURES / "bad" / name, corpus / "sub" / name)
    (corpus / "notes.md").write_text("not a transcript suffix", encoding="utf-8")
    return corpus


def test_tables_and_errors(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = batch.run([mixed], out)
    good = sorted(p for p in mixed.rglob("*") if p.parent.name != "sub" or p.name == "plain.txt")
    good = [p for p in good if p.suffix != ".md" and p.is_file()]
    assert (result.total, result.analysed, result.failed) == (len(good) + len(BAD), len(good), len(BAD))
    assert not result.ok
    t = tables(out)
    assert len(t["meetings"]) == len(good)
    # Every utterance of every good input is in the table, in file order.
    for path in good:
        meeting = read(path)
        rows = t["utterances"][t["utterances"]["file"] == str(path)]
        assert rows["text"].tolist() == [u.text for u in meeting.utterances]
        assert rows["speaker"].fillna("<none>").tolist() == [u.speaker or "<none>" for u in meeting.utterances]
        assert set(t["speakers"][t["speakers"]["file"] == str(path)]["name"]) == set(meeting.speakers)
    # Each meeting's JSON is written and holds the same numbers as the table.
    for row in t["meetings"].itertuples():
        data = json.loads((out / row.json).read_text(encoding="utf-8"))
        assert data["meeting"]["n_words"] == row.n_words
        assert data["metrics"]["shared_leadership_index"] == row.shared_leadership_index
    with open(out / "errors.csv", encoding="utf-8") as fh:
        errors = {Path(r["file"]).name: r for r in csv.DictReader(fh)}
    assert set(errors) == set(BAD)
    assert errors["vtt_bad_time.vtt"]["line"] == "8"
    assert "not a time" in errors["vtt_bad_time.vtt"]["message"]
    assert errors["empty.txt"]["line"] == ""


def test_rerun_skips_finished_files_and_keeps_tables(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = batch.run([mixed], out)
    assert first.processed == first.analysed + len(BAD)
    assert first.rate == first.processed / first.analysis_seconds
    before = {t: df.copy() for t, df in tables(out).items()}
    again = batch.run([mixed], out)
    assert again.failed == len(BAD)  # remembered failures still count, as failures, not as skipped
    assert again.analysed == 0 and again.skipped == again.total - again.duplicates - len(BAD)
    assert (again.processed, again.rate) == (0, 0.0)  # files done by the earlier run do not count as speed
    for name, df in tables(out).items():
        pd.testing.assert_frame_equal(df, before[name])
    # A new file is picked up; only it is analysed.
    shutil.copy(FIXTURES / "good" / "zoom.vtt", mixed / "zoom.vtt")
    third = batch.run([mixed], out)
    assert third.analysed == third.processed == 1
    assert len(tables(out)["meetings"]) == len(before["meetings"]) + 1


def test_duplicate_content_is_analysed_once(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(FIXTURES / "good" / "teams.vtt", corpus / "a.vtt")
    shutil.copy(FIXTURES / "good" / "teams.vtt", corpus / "b.vtt")
    result = batch.run([corpus], tmp_path / "out")
    assert (result.analysed, result.duplicates) == (1, 1)
    assert tables(tmp_path / "out")["meetings"]["file"].tolist() == [str(corpus / "a.vtt")]


def test_torn_manifest_line_and_orphan_part_are_harmless(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    make_corpus(corpus, 3, utterances=5)
    ref = tmp_path / "ref"
    batch.run([corpus], ref)
    out = tmp_path / "out"
    batch.run([corpus], out)
    lines = (out / "manifest.jsonl").read_text().splitlines(keepends=True)
    # The last entry torn in half, as a kill during the append would leave it; its part stays as an orphan.
    (out / "manifest.jsonl").write_text("".join(lines[:-1]) + lines[-1][:25])
    (out / "meetings.parquet").unlink()
    result = batch.run([corpus], out)
    assert result.analysed == 1
    assert_same_tables(out, ref)
    entries = [json.loads(x) for x in (out / "manifest.jsonl").read_text().splitlines() if x.endswith("}")]
    assert len({e["hash"] for e in entries}) == 3


def test_csv_tables(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    make_corpus(corpus, 2, utterances=8)
    batch.run([str(corpus / "*.txt")], tmp_path / "out", csv=True)
    t = tables(tmp_path / "out", "csv")
    assert len(t["meetings"]) == 2
    assert len(t["utterances"]) == 2 * 9
    parquet = tmp_path / "pq"
    batch.run([corpus], parquet)
    expected = tables(parquet)["utterances"]["acts"].map(";".join).replace("", float("nan"))
    assert t["utterances"]["acts"].tolist() == expected.tolist()


def test_collect(tmp_path: Path) -> None:
    make_corpus(tmp_path / "c" / "deep", 2, utterances=2)
    (tmp_path / "c" / ".hidden.txt").write_text("A: x")
    found = batch.collect([tmp_path / "c", str(tmp_path / "c" / "deep" / "*.txt")])
    assert [p.name for p in found] == ["overleg-000.txt", "overleg-001.txt"]
    with pytest.raises(ConfigError, match="no such file"):
        batch.collect([tmp_path / "missing"])
    # An output folder inside the input folder is not read back as input.
    batch.run([tmp_path / "c"], tmp_path / "c" / "out", csv=True)
    assert len(batch.collect([tmp_path / "c"], exclude=tmp_path / "c" / "out")) == 2


def test_bad_options(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown engine"):
        batch.run([tmp_path], tmp_path / "o", engine="spark")
    with pytest.raises(ConfigError, match="workers"):
        batch.run([tmp_path], tmp_path / "o", workers=0)


def test_cli_exit_codes(mixed: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from leadsignal.cli import app

    bad = CliRunner().invoke(app, ["batch", str(mixed), "--out", str(tmp_path / "o1"), "-q"])
    assert bad.exit_code == 1, bad.output
    assert "4 failed" in bad.output
    good = CliRunner().invoke(app, ["batch", str(mixed / "*.vtt"), "--out", str(tmp_path / "o2"), "-q"])
    assert good.exit_code == 0, good.output


@pytest.mark.slow
def test_killed_run_resumes_to_the_same_tables(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    n = 40
    make_corpus(corpus, n, utterances=300)
    reference = tmp_path / "reference"
    batch.run([corpus], reference)

    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "leadsignal", "batch", str(corpus), "--out", str(out), "-q"]
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 300
    finished = 0
    while time.monotonic() < deadline and proc.poll() is None:
        finished = manifest.read_text().count("\n") if manifest.exists() else 0
        if finished >= 3:
            break
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 3 <= finished < n, "the run was not killed part-way"
    assert not (out / "meetings.parquet").exists()  # tables are only written at the end

    result = batch.run([corpus], out)
    assert result.skipped >= 3 and result.analysed + result.skipped == n
    assert_same_tables(out, reference)
    assert len(list((out / "json").glob("*.json"))) == n


def test_worker_processes_give_the_same_tables(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    make_corpus(corpus, 6, utterances=20)
    shutil.copy(FIXTURES / "bad" / "vtt_bad_time.vtt", corpus / "kapot.vtt")
    batch.run([corpus], tmp_path / "one")
    result = batch.run([corpus], tmp_path / "two", workers=2)
    assert (result.analysed, result.failed) == (6, 1)
    assert_same_tables(tmp_path / "one", tmp_path / "two")


def test_dask_engine_gives_the_same_tables(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    corpus = tmp_path / "c"
    make_corpus(corpus, 6, utterances=20)
    shutil.copy(FIXTURES / "bad" / "vtt_bad_time.vtt", corpus / "kapot.vtt")
    batch.run([corpus], tmp_path / "local")
    result = batch.run([corpus], tmp_path / "dask", engine="dask", workers=2)
    assert (result.analysed, result.failed) == (6, 1)
    assert_same_tables(tmp_path / "local", tmp_path / "dask")


def test_dask_engine_with_a_scheduler_address(tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    corpus = tmp_path / "c"
    make_corpus(corpus, 3, utterances=10)
    batch.run([corpus], tmp_path / "local")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = batch.run([corpus], tmp_path / "remote", engine="dask", scheduler=cluster.scheduler_address)
    assert result.analysed == 3
    assert_same_tables(tmp_path / "local", tmp_path / "remote")


def test_dask_local_cluster_refuses_a_client_without_its_certificate() -> None:
    distributed = pytest.importorskip("dask.distributed")
    import socket
    import urllib.error
    import urllib.request

    from leadsignal.config import Config

    engine = batch._Engine("dask", 1, Config(), None)
    try:
        address = engine._cluster.scheduler_address
        assert address.startswith("tls://127.0.0.1:")
        with pytest.raises(Exception):  # noqa: B017 - TLS refuses in more than one way (TypeError, OSError)
            distributed.Client(address, timeout=3)
        with pytest.raises(Exception):  # noqa: B017
            distributed.Client(address.replace("tls://", "tcp://"), timeout=3)
        assert socket.socket().connect_ex(("127.0.0.1", 8787)) != 0  # no dashboard on its default port
        port = engine._cluster.scheduler.http_server.port
        with pytest.raises(urllib.error.HTTPError):  # its HTTP server serves no route at all
            urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=3)
    finally:
        engine.close()
