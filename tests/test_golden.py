"""Golden outputs: the analysis JSON of every good fixture and the SHA-256 of its three report variants, pinned.

A refactor must leave them unchanged. A change that is meant to alter outputs updates them with
``LEADSIGNAL_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and shows the diff in its commit.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

import leadsignal
from leadsignal import report
from leadsignal.io import read_bytes

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = FIXTURES / "golden"
NAMES = sorted(p.name for p in (FIXTURES / "good").iterdir())
UPDATE = os.environ.get("LEADSIGNAL_UPDATE_GOLDEN") == "1"


def _analysis(name: str):
    # read from memory under a fixed name, so that meeting.source does not depend on the working directory
    data = (FIXTURES / "good" / name).read_bytes()
    return leadsignal.analyse(read_bytes(data, f"good/{name}"))


@pytest.mark.parametrize("name", NAMES)
def test_analysis_json_is_unchanged(name):
    produced = _analysis(name).to_json()
    path = GOLDEN / f"{name}.analysis.json"
    if UPDATE:
        path.write_text(produced + "\n", encoding="utf-8")
    assert produced + "\n" == path.read_text(encoding="utf-8")


def test_reports_are_unchanged():
    lines = []
    for name in NAMES:
        analysis = _analysis(name)
        for lang, pseudonymise in (("nl", False), ("en", False), ("nl", True)):
            html = report.render(analysis, lang, pseudonymise_names=pseudonymise)
            digest = hashlib.sha256(html.encode("utf-8")).hexdigest()
            lines.append(f"{digest}  {name} {lang}{' pseudonymised' if pseudonymise else ''}")
    path = GOLDEN / "reports.sha256"
    if UPDATE:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lines == path.read_text(encoding="utf-8").splitlines()


def test_golden_files_are_valid_documents():
    from leadsignal import contract

    for name in NAMES:
        contract.validate(json.loads((GOLDEN / f"{name}.analysis.json").read_text(encoding="utf-8")))
