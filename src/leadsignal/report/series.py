"""A team followed across meetings: one self-contained page for a series of analyses, in the order given.

Speakers are matched across meetings by their name (after the aliases given when reading). Per meeting the page
shows the shared-leadership index, the spread of talk (Gini), and who proposed and who steered most: the latter
two only from the meetings' own claims (:mod:`leadsignal.claims`), so the series page says nothing a meeting page
would not. The summary of what changed is built from the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import charts
from .i18n import LANGUAGES
from .observations import _join, claim_of
from .pseudonym import pseudonymise

__all__ = ["CHANGE", "render_series"]

CHANGE = 0.05  # a change in an index smaller than this is reported as "about the same"


def _subject(claim: dict[str, Any] | None) -> list[str]:
    return list(claim["subject"]) if claim else []


def _trend(first: float, last: float, t: dict[str, str]) -> str:
    if last - first >= CHANGE:
        return t["series_up"]
    if first - last >= CHANGE:
        return t["series_down"]
    return t["series_same"]


def _summary(rows: list[dict[str, Any]], t: dict[str, str]) -> list[str]:
    """Sentences about what changed from the first meeting to the last, and who steered or proposed most in how
    many meetings (only where a meeting's own claim says so)."""
    first, last = rows[0], rows[-1]
    out = [
        t[f"series_{key}"].format(
            trend=_trend(first[key], last[key], t), a=first[key], b=last[key], first=first["id"], last=last["id"]
        )
        for key in ("sli", "gini")
    ]
    for key, sentence in (("steering", "series_steering"), ("proposals", "series_proposals")):
        who: dict[str, list[str]] = {}
        for row in rows:
            for name in row[key]:
                who.setdefault(name, []).append(row["id"])
        for name, meetings in sorted(who.items(), key=lambda kv: -len(kv[1])):
            out.append(t[sentence].format(who=name, k=len(meetings), n=len(rows), meetings=_join(meetings, t)))
    return out


def render_series(analyses: Sequence[Any], lang: str = "nl", pseudonymise_names: bool = False) -> str:
    """The series page as one HTML string; ``analyses`` are :class:`~leadsignal.analysis.Analysis` objects or
    their dicts, in meeting order."""
    from .. import __version__
    from ..errors import ConfigError
    from . import _csp, _css, _environment

    if lang not in LANGUAGES:
        raise ConfigError(f"unknown report language {lang!r} (known: {', '.join(LANGUAGES)})")
    t = LANGUAGES[lang]
    datas = [a if isinstance(a, dict) else a.to_dict() for a in analyses]
    for d in datas:
        if not d["speakers"]:
            raise ConfigError(f"{d['meeting']['source']}: no speaker names in the transcript")
    everyone = list(dict.fromkeys(s["name"] for d in datas for s in d["speakers"]))
    ids = [d["meeting"]["id"] for d in datas]
    replaced = None
    if pseudonymise_names:
        labelled = [pseudonymise(d, t["participant"], t["meeting"], (), t["person"], order=everyone) for d in datas]
        everyone = labelled[0]["pseudonymised"]["order"]
        ids = [f"{t['meeting']} {k}" for k in range(1, len(datas) + 1)]
        datas = labelled
        replaced = t["series_pseudonymised"].format(n=len(everyone))
    rows = []
    for meeting_id, d in zip(ids, datas, strict=True):
        m = d["metrics"]
        rows.append(
            {
                "id": meeting_id,
                "speakers": len(d["speakers"]),
                "minutes": round(d["meeting"]["duration_s"] / 60) if d["meeting"].get("duration_s") else None,
                "sli": round(m["shared_leadership_index"], 2),
                "gini": round(m["participation_gini"], 2),
                "ideas": f"{round(m['ideas_taken_up_share'] * m['n_ideas'])}/{m['n_ideas']}",
                "decisions": len(d.get("decisions", [])),
                "steering": _subject(claim_of(d, "steering_concentrated")),
                "proposals": _subject(claim_of(d, "most_proposals")),
                "share": {s["name"]: s["talk_share"] for s in d["speakers"]},
            }
        )
    points = [{"unit": "meetings", "start": k, "sli": r["sli"], "gini": r["gini"]} for k, r in enumerate(rows)]
    context = {
        "t": t,
        "version": __version__,
        "csp": _csp(),
        "css": _css(),
        "replaced": replaced,
        "rows": rows,
        "summary": _summary(rows, t),
        "chart": charts.dynamics(
            points, {"sli": t["index_sli"], "gini": t["index_gini"]}, t["series_chart"], t["series_axis"]
        ),
        "talk": [
            {"name": name, "cells": [f"{round(100 * r['share'][name])}%" if name in r["share"] else "–" for r in rows]}
            for name in everyone
        ],
    }
    return _environment().get_template("series.html.j2").render(**context)
