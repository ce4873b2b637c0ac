"""Defects of the batch and the model caches that came from the middle of the code, each pinned by a test."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from leadsignal.models import model_path

import leadsignal
from leadsignal import batch
from leadsignal.config import Config

GOOD = Path(__file__).parent / "fixtures" / "good"


def test_table_types_do_not_depend_on_the_corpus(tmp_path):
    # A text-only corpus has no times (all null); a VTT corpus has them. Both must give the same column types, so
    # that the tables of two runs can be concatenated.
    (tmp_path / "text").mkdir()
    (tmp_path / "vtt").mkdir()
    shutil.copy(GOOD / "plain.txt", tmp_path / "text")
    shutil.copy(GOOD / "teams.vtt", tmp_path / "vtt")
    for corpus in ("text", "vtt"):
        batch.run([tmp_path / corpus], out=tmp_path / f"out-{corpus}")
    for table in batch.TABLES:
        text = pq.read_schema(tmp_path / "out-text" / f"{table}.parquet")
        vtt = pq.read_schema(tmp_path / "out-vtt" / f"{table}.parquet")
        assert text.equals(vtt), table
    schema = pq.read_schema(tmp_path / "out-text" / "meetings.parquet")
    assert str(schema.field("duration_s").type) == "double"
    assert str(pq.read_schema(tmp_path / "out-text" / "utterances.parquet").field("start").type) == "double"
    empty = pq.read_table(tmp_path / "out-text" / "ideas.parquet")  # plain.txt has no idea: still typed columns
    assert empty.schema.field("uptake_scores").type == pa.list_(pa.float64())


def test_batch_collects_exactly_what_the_readers_read(tmp_path):
    for name in ("a.text", "b.jsonl", "c.vtt", "d.TSV"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in batch.collect([tmp_path])] == ["a.text", "c.vtt", "d.TSV"]
    assert leadsignal.read(GOOD / "plain.txt").format == "text"


def _copy_model(to: Path) -> Path:
    shutil.copytree(model_path("acts-nl"), to)
    return to


def _retrain_in_place(folder: Path) -> None:
    """Stand-in for retraining into the same folder: the same model with every threshold at 0 (all acts on)."""
    for spec_path in (folder / "compiled.json", folder / "plain" / "compiled.json"):
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        spec["thresholds"] = [0.0] * len(spec["thresholds"])
        spec_path.write_text(json.dumps(spec), encoding="utf-8")


def test_rerun_after_retraining_analyses_again(tmp_path):
    model = _copy_model(tmp_path / "model")
    config = Config(acts_model=str(model))
    shutil.copy(GOOD / "plain.txt", tmp_path / "plain.txt")
    first = batch.run([tmp_path / "plain.txt"], out=tmp_path / "out", config=config)
    assert first.analysed == 1
    _retrain_in_place(model)
    second = batch.run([tmp_path / "plain.txt"], out=tmp_path / "out", config=config)
    assert (second.analysed, second.skipped) == (1, 0)


def test_model_retrained_into_the_same_folder_is_loaded_again(tmp_path):
    model = _copy_model(tmp_path / "model")
    meeting = leadsignal.read(GOOD / "plain.txt")
    config = Config(acts_model=str(model))
    before = leadsignal.analyse(meeting, config).acts
    _retrain_in_place(model)
    after = leadsignal.analyse(meeting, config).acts
    assert before != after
    assert all(len(acts) == 7 for acts in after)  # every threshold 0: every act on every utterance


def test_cache_clear_forgets_loaded_models(tmp_path):
    from leadsignal import cache
    from leadsignal.signals.loading import act_model

    model = _copy_model(tmp_path / "model")
    first = act_model(model)
    assert act_model(model) is first
    cache.clear()
    assert act_model(model) is not first
