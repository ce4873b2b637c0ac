"""On the team's annotated dev meetings (skipped without ../shared): every utterance kept, scores computed."""

import json
import subprocess
import sys

import pytest

from tests.conftest import shared_path


@pytest.mark.shared
@pytest.mark.slow
def test_score_meetings_runs_on_every_dev_meeting(tmp_path):
    meetings = shared_path("data", "meetings")
    tool = shared_path("tools", "score_meetings.py")
    report = tmp_path / "report.json"
    cmd = f"{sys.executable} -m leadsignal analyse {{transcript}} --json {{out}} -q"
    proc = subprocess.run(
        [sys.executable, str(tool), str(meetings), "--cmd", cmd, "--json", str(report)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(report.read_text())
    assert data["summary"]["failed"] == 0
    for name, result in data["meetings"].items():
        assert result["utterances_pred"] == result["utterances_gold"], name


@pytest.mark.shared
def test_leave_one_meeting_out_evaluation_with_intervals():
    from leadsignal.gold import load_gold_dir
    from leadsignal.training import evaluate_lomo

    golds = load_gold_dir(shared_path("data", "meetings"))[:4]
    scores = evaluate_lomo(golds, resamples=50)
    assert scores["meetings"] == 4
    for name, (low, high) in scores["ci95"].items():
        if scores[name] is not None:
            assert low <= scores[name] <= high, name
    assert [f["meeting"] for f in scores["factions"]] == [g.gold["meeting"] for g in golds]
    for f in scores["factions"]:
        assert 0 < f["faction_p_value"] <= 1
        assert ("ari" in f) == (len(next(g for g in golds if g.gold["meeting"] == f["meeting"]).gold["factions"]) > 1)


@pytest.mark.shared
def test_evaluate_a_given_model_without_retraining():
    from leadsignal.models import model_path

    from leadsignal.gold import load_gold_dir
    from leadsignal.training import evaluate_lomo

    golds = load_gold_dir(shared_path("data", "meetings"))[:3]
    scores = evaluate_lomo(golds, resamples=10, model=model_path("acts-nl"))
    assert scores["protocol"].startswith("fixed model") and len(scores["per_meeting"]) == 3
    proposal = scores["acts"]["proposal"]
    assert proposal["f1"] == round(2 * proposal["tp"] / (2 * proposal["tp"] + proposal["fp"] + proposal["fn"]), 3)
    assert [m["meeting"] for m in scores["per_meeting"]] == [g.gold["meeting"] for g in golds]
