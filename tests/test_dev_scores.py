"""On the team's annotated dev meetings (skipped without ../shared): every utterance kept, scores computed."""

import json
import subprocess
import sys

from tests.conftest import shared_path


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
