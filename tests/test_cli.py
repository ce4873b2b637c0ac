"""The command line: exit codes, one-line errors, JSON written."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "leadsignal", *args], capture_output=True, text=True, cwd=cwd)


def test_analyse_writes_json(good, tmp_path):
    out = tmp_path / "a.json"
    proc = run("analyse", str(good / "meeting.srt"), "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meeting"]["n_utterances"] == 5
    assert "Gerard Verhoeven" in proc.stdout


@pytest.mark.parametrize("name", ["vtt_bad_time.vtt", "json_invalid.json", "empty.txt", "binary.txt"])
def test_bad_input_one_line_exit_2(bad, name):
    proc = run("analyse", str(bad / name))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad / name}")
    assert "Traceback" not in proc.stderr


def test_bad_format_option(good):
    proc = run("analyse", str(good / "plain.txt"), "--format", "pdf")
    assert proc.returncode == 2 and "unknown format 'pdf'" in proc.stderr


def test_bad_alias_file(good, tmp_path):
    aliases = tmp_path / "a.json"
    aliases.write_text("[1, 2]")
    proc = run("analyse", str(good / "plain.txt"), "--aliases", str(aliases))
    assert proc.returncode == 2 and "alias map" in proc.stderr


def test_formats_lists_every_reader():
    proc = run("formats")
    assert proc.returncode == 0
    for name in ("webvtt", "srt", "parlamint", "elan", "textgrid", "docx", "json", "csv", "text"):
        assert name in proc.stdout


def test_demo(tmp_path):
    out = tmp_path / "demo.json"
    proc = run("demo", "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text())
    assert data["meeting"]["n_utterances"] == 29
    summary = " ".join(proc.stdout.split())
    assert f"factions {data['metrics']['n_factions']}" in summary
    if data["metrics"]["n_factions"] > 1:
        assert f"(p = {data['metrics']['faction_p_value']:.2f}" in summary


def test_warning_for_unknown_speaker(good):
    proc = run("analyse", str(good / "whisperx.json"))
    assert proc.returncode == 0
    assert "without a speaker" in proc.stderr


def test_unknown_encoder_and_missing_model_are_one_line_errors(good, tmp_path):
    proc = run("analyse", str(good / "plain.txt"), "--encoder", "bogus")
    assert proc.returncode == 2 and "unknown encoder 'bogus'" in proc.stderr and "Traceback" not in proc.stderr
    proc = run("analyse", str(good / "plain.txt"), "--acts-model", str(tmp_path / "none"))
    assert proc.returncode == 2 and "not an act model" in proc.stderr and "Traceback" not in proc.stderr


def test_graphs_option_writes_files(good, tmp_path):
    proc = run("analyse", str(good / "zoom.vtt"), "--graphs", str(tmp_path / "g"), "-q")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "g" / "zoom.reply.graphml").exists()
    assert (tmp_path / "g" / "zoom.agreement.gexf").exists()


def test_report_and_analyse_html(good, tmp_path):
    from typer.testing import CliRunner

    from leadsignal.cli import app

    runner = CliRunner()
    page = tmp_path / "f.html"
    result = runner.invoke(app, ["report", str(good / "teams.vtt"), "-o", str(page), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    saved, page2 = tmp_path / "a.json", tmp_path / "g.html"
    result = runner.invoke(app, ["analyse", str(good / "teams.vtt"), "--json", str(saved), "--html", str(page2), "-q"])
    assert result.exit_code == 0, result.output
    # The page rendered from the saved JSON is the page rendered during the analysis.
    page3 = tmp_path / "h.html"
    assert runner.invoke(app, ["report", str(saved), "-o", str(page3)]).exit_code == 0
    assert page3.read_text(encoding="utf-8") == page2.read_text(encoding="utf-8")


def test_report_refuses_other_schema(tmp_path):
    saved = tmp_path / "old.json"
    saved.write_text(json.dumps({"schema": "leadsignal.analysis/0"}), encoding="utf-8")
    proc = run("report", str(saved), "-o", str(tmp_path / "x.html"))
    assert proc.returncode == 2 and "analysis schema 'leadsignal.analysis/0'" in proc.stderr


def test_report_bad_language(good, tmp_path):
    proc = run("report", str(good / "teams.vtt"), "-o", str(tmp_path / "x.html"), "--lang", "fr")
    assert proc.returncode == 2 and "unknown report language 'fr'" in proc.stderr


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.pop("metrics"), "($: 'metrics' is a required property)"),
        (lambda d: d["speakers"][0].update(talk_share="veel"), "talk_share: 'veel' is not of type 'number'"),
        (lambda d: d["utterances"][0].pop("text"), "$.utterances[0]: 'text' is a required property"),
    ],
)
def test_report_refuses_a_damaged_saved_analysis_in_one_line(good, tmp_path, edit, message):
    saved = tmp_path / "a.json"
    assert run("analyse", str(good / "teams.vtt"), "--json", str(saved), "-q").returncode == 0
    data = json.loads(saved.read_text(encoding="utf-8"))
    edit(data)
    saved.write_text(json.dumps(data), encoding="utf-8")
    proc = run("report", str(saved), "-o", str(tmp_path / "r.html"))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and message in proc.stderr, proc.stderr


def test_training_refuses_to_overwrite_the_bundled_model():
    from leadsignal.models import model_path

    for command, target in (("acts", model_path("acts-nl")), ("uptake", model_path("uptake-nl.json"))):
        proc = run("train", command, "gold", "-o", str(target))
        assert proc.returncode == 2 and "is the model shipped with leadsignal" in proc.stderr, proc.stderr


def test_analyse_with_given_models(good, tmp_path):
    from leadsignal.models import model_path

    out = tmp_path / "a.json"
    args = ["--acts-model", str(model_path("acts-nl")), "--uptake-model", str(model_path("uptake-nl.json"))]
    proc = run("analyse", str(good / "teams.vtt"), "--json", str(out), "-q", *args)
    assert proc.returncode == 0, proc.stderr
    proc = run("analyse", str(good / "teams.vtt"), "-q", "--uptake-model", str(tmp_path / "none.json"))
    assert proc.returncode == 2 and "not an uptake model" in proc.stderr


def test_summary_says_when_a_faction_split_is_not_significant(good):
    from dataclasses import replace

    import leadsignal
    from leadsignal.cli import _summary, out

    analysis = leadsignal.analyse(leadsignal.read(good / "plain.txt"))
    for p, weak in ((0.5, True), (0.01, False)):
        split = replace(analysis, indices=replace(analysis.indices, n_factions=2, faction_p_value=p))
        with out.capture() as captured:
            _summary(split)
        line = " ".join(captured.get().split())
        assert f"factions 2 (p = {p:.2f}" in line
        assert ("not significant, weak evidence of camps" in line) == weak
