"""The series page of a team: one page for several meetings, speakers matched by name, statements only from the
meetings' own claims."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import leadsignal
from leadsignal import report
from leadsignal.errors import ConfigError

SERIES = sorted((Path(__file__).parent.parent / "fixtures" / "series").glob("team-*.txt"))


@pytest.fixture(scope="module")
def analyses():
    return [leadsignal.analyse(leadsignal.read(p)) for p in SERIES]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_series_page_follows_the_team(analyses) -> None:
    html = report.render_series(analyses)
    assert "<script" not in html and "Content-Security-Policy" in html
    page = text(html)
    assert "Het team over 3 overleggen" in page
    first, last = (a.indices.shared_leadership_index for a in (analyses[0], analyses[-1]))
    assert f"van {first:.2f} (team-1) naar {last:.2f} (team-3)" in page
    # Who proposed and who steered most, per meeting, is that meeting's own claim or "–".
    rows = {
        cells[0]: cells for cells in (re.findall(r"<td>([^<]*)</td>", r) for r in re.findall(r"<tr><td>.*?</tr>", html))
    }
    assert len(rows) == 3
    for a in analyses:
        said = {c.kind: ", ".join(c.subject) for c in a.claims}
        cells = rows[a.meeting.id]
        assert cells[-2:] == [said.get("most_proposals", "–"), said.get("steering_concentrated", "–")]
    assert rows["team-1"][-1] == "Marieke de Boer"
    # One row per person across the three meetings (matched by name), with their talk share in each.
    assert page.count("Marieke de Boer") >= 2 and re.search(r"Kees Jansen (\d+%) (\d+%) (\d+%)", page)


def test_pseudonymised_series_keeps_one_label_per_person(analyses) -> None:
    html = report.render_series(analyses, pseudonymise_names=True)
    for name in ("Marieke", "Boer", "Jeroen", "Fatima", "Amrani", "Kees", "team-1"):
        assert name not in html
    rows = re.findall(r'<th scope="row">([^<]+)</th>((?:<td>[^<]*</td>)+)', html)
    assert [r[0] for r in rows] == ["Deelnemer A", "Deelnemer B", "Deelnemer C", "Deelnemer D"]


def test_series_from_the_command_line(tmp_path) -> None:
    out = tmp_path / "team.html"
    cmd = [sys.executable, "-m", "leadsignal", "report", *map(str, SERIES), "-o", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "series page of 3 meetings" in proc.stdout and "team-2" in out.read_text(encoding="utf-8")


def test_series_with_a_meeting_without_speakers_is_an_error() -> None:
    nobody = leadsignal.analyse(leadsignal.read_text("Goedemorgen.\nZullen we beginnen?\n", "zonder.txt"))
    with pytest.raises(ConfigError, match="no speaker names"):
        report.render_series([nobody, nobody])
