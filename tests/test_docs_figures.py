"""Every accuracy figure on docs/signals.md's figures block comes from the stored `leadsignal evaluate` output."""

from __future__ import annotations

import importlib.util
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _renderer():
    spec = importlib.util.spec_from_file_location("render_figures", DOCS / "render_figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_signals_page_quotes_the_stored_evaluation():
    render = _renderer()
    page = (DOCS / "signals.md").read_text(encoding="utf-8")
    assert page.count(render.BEGIN) == 1
    assert render.render(page) == page, "run: python docs/render_figures.py"


def test_stored_evaluations_are_of_the_whole_dev_set():
    lomo, shipped = _renderer().load()
    assert lomo["meetings"] == shipped["meetings"] == len(lomo["per_meeting"])
    assert "leave-one-meeting-out" in lomo["protocol"] and "no retraining" in shipped["protocol"]
    assert lomo["ci95"]["acts_macro_f1"][0] <= lomo["acts_macro_f1"] <= lomo["ci95"]["acts_macro_f1"][1]
