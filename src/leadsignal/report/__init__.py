"""The coach's feedback page: one self-contained HTML file per meeting (Dutch by default, English on request).

No scripts at all, no outside resources: charts are inline SVG, the one stylesheet is inline and allowed by its
hash in a Content-Security-Policy meta tag that forbids everything else. Jinja2 autoescape is on, so transcript
text can never become markup.

>>> from leadsignal import read_text, analyse
>>> html = render(analyse(read_text("Anna: Zullen we beginnen?\\nBram: Ja, goed idee.", "m.txt")))
>>> html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html and "<script" not in html
True
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import claims as claims_module
from ..errors import ConfigError
from . import charts
from .i18n import LANGUAGES
from .observations import camps_supported, claim_of, observations, timestamp, weak_split
from .pseudonym import map_strings, pseudonymise
from .series import render_series

__all__ = ["render", "render_series", "write", "write_series", "LANGUAGES"]

# Reading aids for the headline indices: where a value reads as low, middle or high. They are not validated
# cut-offs; docs/report.md says how they were chosen.
SLI_BANDS = (0.6, 0.8)
GINI_BANDS = (0.2, 0.35)


_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
NAME_CHARS = 60


def _version(data: dict[str, Any], version: str) -> str:
    """The footer's provenance: the leadsignal version that made the analysis and the act and uptake models used
    (the first 12 characters of their SHA-256; docs/schema.md, provenance)."""
    made = data.get("provenance") or {}
    text = made.get("leadsignal_version", version)
    models = [made.get("acts_model_sha256"), made.get("uptake_model_sha256")]
    if any(models):
        text += " · models " + " / ".join((m or "?")[:12] for m in models)
    return text


def _displayed_names(data: dict[str, Any]) -> dict[str, Any]:
    """Speaker names as the page shows them: cut to :data:`NAME_CHARS` characters (a 3,000-character name made
    the page 48,000 px wide), and a name holding bidirectional controls (a right-to-left override) wrapped in
    first-strong isolates, so it cannot reverse the sentence around it. Every string equal to a name is replaced,
    so the page stays consistent; text that merely contains a name is left as written."""
    shown = {}
    for s in data["speakers"]:
        name = s["name"]
        display = name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"
        if _BIDI.search(display):
            display = "\u2068" + display + "\u2069"
        if display != name:
            shown[name] = display
    if not shown:
        return data
    return map_strings(data, lambda value: shown.get(value, value))


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    folder = resources.files("leadsignal.report") / "templates"
    return Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def _css() -> str:
    return (resources.files("leadsignal.report") / "templates" / "report.css").read_text(encoding="utf-8")


def _csp() -> str:
    """The pages' Content-Security-Policy: nothing but the one inline stylesheet, allowed by its hash."""
    digest = base64.b64encode(hashlib.sha256(_css().encode("utf-8")).digest()).decode()
    return f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; base-uri 'none'; form-action 'none'"


def _band(value: float, bands: tuple[float, float], keys: tuple[str, str, str], t: dict[str, str]) -> str:
    return t[keys[0]] if value < bands[0] else t[keys[1]] if value < bands[1] else t[keys[2]]


EXPLAINED = ("explain_sli", "explain_gini", "explain_uptake", "explain_steering", "explain_factions")


def _headline(data: dict[str, Any], t: dict[str, str]) -> list[dict[str, str]]:
    """The five headline cards, each with its value, a reading and a one-line explanation of the figure."""
    cards = _cards_of_headline(data, t)
    return [card | {"explain": t[key]} for card, key in zip(cards, EXPLAINED, strict=True)]


def _cards_of_headline(data: dict[str, Any], t: dict[str, str]) -> list[dict[str, str]]:
    m = data["metrics"]
    n_ideas = m["n_ideas"]
    taken = round(m["ideas_taken_up_share"] * n_ideas)
    return [
        {
            "label": t["index_sli"],
            "value": f"{m['shared_leadership_index']:.2f}",
            "reading": _sli_reading(data, t),
        },
        {
            "label": t["index_gini"],
            "value": f"{m['participation_gini']:.2f}",
            "reading": _band(
                m["participation_gini"], GINI_BANDS, ("read_gini_low", "read_gini_mid", "read_gini_high"), t
            ),
        },
        {
            "label": t["index_uptake"],
            "value": f"{taken}/{n_ideas}",
            "reading": t["read_uptake"].format(k=taken, n=n_ideas) if n_ideas else t["read_uptake_none"],
        },
        _steering_card(data, t),
        {
            "label": t["index_factions"],
            "value": str(m["n_factions"]),
            "reading": _factions_reading(m, t),
        },
    ]


def _sli_reading(data: dict[str, Any], t: dict[str, str]) -> str:
    """The band of the shared-leadership index; when one person's steering is itself a claim, the reading says
    so rather than "many people" (the index also counts proposals, so both can be true)."""
    value = data["metrics"]["shared_leadership_index"]
    reading = _band(value, SLI_BANDS, ("read_sli_low", "read_sli_mid", "read_sli_high"), t)
    steering = claim_of(data, "steering_concentrated")
    if steering is not None and value >= SLI_BANDS[0]:
        reading = t["read_sli_but"].format(who=steering["subject"][0])
    return reading


def _steering_card(data: dict[str, Any], t: dict[str, str]) -> dict[str, str]:
    """Who made the decisions and directives: the same count as the claim ``steering_concentrated``, so the card
    and the observations cannot disagree."""
    counts = {s["name"]: s["decisions"] + s["directives"] for s in data["speakers"]}
    total = sum(counts.values())
    if not total:
        return {"label": t["index_steering"], "value": "0", "reading": t["read_steering_none"]}
    who = max(counts, key=counts.__getitem__)
    if steering_claim := claim_of(data, "steering_concentrated"):
        reading = t["read_steering_one"].format(who=steering_claim["subject"][0])
    else:
        reading = t["read_steering_shared"]
    value = f"{counts[who]}/{total}"
    return {"label": t["index_steering"], "value": value, "reading": reading}


def _factions_reading(m: dict[str, Any], t: dict[str, str]) -> str:
    if m["n_factions"] <= 1:
        return t["read_factions_one"]
    if weak_split(m):
        return t["read_factions_weak"].format(n=m["n_factions"], p=m["faction_p_value"])
    return t["read_factions_many"].format(n=m["n_factions"])


def _one_camp(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of the analysis with every speaker in one faction: what the charts and cards show for a split that
    the sign-permutation test does not support (the headline still names the split and its p-value)."""
    speakers = [s | {"faction": 0} for s in data["speakers"]]
    return data | {"speakers": speakers, "factions": [{"id": 0, "members": [s["name"] for s in speakers]}]}


def _ideas(data: dict[str, Any], t: dict[str, str]) -> list[dict[str, Any]]:
    utts = data["utterances"]
    rows = []
    for idea in data["ideas"]:
        u = utts[idea["utterance"]]
        decided = [d for d in data.get("decisions", []) if idea["id"] in d["ideas"]]
        rows.append(
            {
                "id": idea["id"],
                "utterance": idea["utterance"],
                "text": u["text"],
                "speaker": idea["speaker"],
                "when": timestamp(u),
                "uptakes": [
                    {"speaker": x["speaker"], "kind": x["kind"], "label": t["kind_" + x["kind"]]}
                    for x in idea["uptakes"]
                ],
                "decided": decided[0]["utterance"] if decided else None,
                "decided_when": timestamp(utts[decided[0]["utterance"]]) if decided else "",
            }
        )
    return rows


def _replaced(note: dict[str, Any], t: dict[str, str]) -> str:
    """What pseudonymisation replaced, by label and how it was found (never the names)."""
    others = note["others"]
    extra = ""
    if others:
        extra = t["pseudonymised_others"].format(
            n=len(others),
            given=sum(o["how"] == "given" for o in others),
            found=sum(o["how"] == "found" for o in others),
            labels=", ".join(o["label"] for o in others),
        )
    speakers = note["speakers"]
    return t["pseudonymised"].format(speakers=len(speakers), first=speakers[0], last=speakers[-1], others=extra)


def _reply_matrix(data: dict[str, Any]) -> dict[str, Any]:
    """Who responds to or addresses whom (the reply graph's edge weights) as rows x columns of speaker names."""
    names = [s["name"] for s in data["speakers"]]
    weight = {(e["source"], e["target"]): e["weight"] for e in data["graphs"]["reply"]["links"]}
    rows = [{"name": a, "cells": [int(weight.get((a, b), 0)) if a != b else None for b in names]} for a in names]
    return {"names": names, "rows": rows}


def _uptake_matrix(data: dict[str, Any]) -> dict[str, Any]:
    """Who took up whose ideas, supportive (support, build) and rejecting uptakes counted apart."""
    names = [s["name"] for s in data["speakers"]]
    count: dict[tuple[str, str], list[int]] = {}
    for idea in data["ideas"]:
        for x in idea["uptakes"]:
            cell = count.setdefault((x["speaker"], idea["speaker"]), [0, 0])
            cell[x["kind"] == "reject"] += 1
    rows = [{"name": a, "cells": [count.get((a, b)) if a != b else None for b in names]} for a in names]
    return {"names": names, "rows": rows, "any": bool(count)}


def _count(ranges: dict[str | None, tuple[int, int, int]], speaker: str) -> str:
    """An act count with the range its uncertain cases allow, "3 (2–5)", or "3" when every case is clear."""
    sure, counted, possible = ranges.get(speaker, (0, 0, 0))
    return str(counted) if sure == counted == possible else f"{counted} ({sure}–{possible})"


def _cards(data: dict[str, Any], t: dict[str, str]) -> list[dict[str, Any]]:
    cards = []
    ranges = {act: claims_module.count_ranges(data, act) for act in ("proposal", "question", "directive", "decision")}
    for s in data["speakers"]:
        name = s["name"]
        stats = [
            (t["card_turns"], s["turns"]),
            (t["card_proposals"], _count(ranges["proposal"], name)),
            (t["card_taken_up"], s["ideas_taken_up"]),
            (t["card_questions"], _count(ranges["question"], name)),
            (t["card_directives"], _count(ranges["directive"], name)),
            (t["card_decisions"], _count(ranges["decision"], name)),
            (t["card_interrupts"], s["interruptions_made"]),
            (t["card_interrupted"], s["interruptions_received"]),
            (t["card_rank"], s["dominance_rank"]),
            (t["card_influence"], f"{s['influence']:.2f}"),
        ]
        cards.append(
            {
                "name": s["name"],
                "share": f"{round(100 * s['talk_share'])}%",
                "faction": s["faction"],
                "colour_class": charts.colour_class(s["faction"]),
                "stats": stats,
            }
        )
    return cards


def render(analysis: Any, lang: str = "nl", pseudonymise_names: bool = False, other_names: Sequence[str] = ()) -> str:
    """The report as one HTML string. ``analysis`` is an :class:`~leadsignal.analysis.Analysis` or its
    ``to_dict()`` (so a saved analysis JSON can be rendered again); ``lang`` is ``"nl"`` or ``"en"``; with
    ``pseudonymise_names``, ``other_names`` (people named who do not speak) are replaced too."""
    from .. import __version__

    if lang not in LANGUAGES:
        raise ConfigError(f"unknown report language {lang!r} (known: {', '.join(LANGUAGES)})")
    t = LANGUAGES[lang]
    data = analysis if isinstance(analysis, dict) else analysis.to_dict()
    if not data["speakers"]:
        raise ConfigError(
            f"{data['meeting']['source']}: no speaker names in the transcript, so there is nothing to say about who "
            "leads; export it with speakers (Teams/Zoom: the .vtt transcript; WhisperX: run with diarisation; "
            "text: 'Naam: tekst' per line)"
        )
    replaced = None
    if pseudonymise_names:
        data = pseudonymise(data, t["participant"], t["meeting"], other_names, t["person"])
        replaced = _replaced(data["pseudonymised"], t)
    data = _displayed_names(data)
    headline = _headline(data, t)
    if len(data["factions"]) > 1 and not camps_supported(data):
        data = _one_camp(data)
    meeting = data["meeting"]
    speakers = data["speakers"]
    css, csp = _css(), _csp()
    basis = t["talk_basis_time"] if meeting["talk_share_basis"] == "time" else t["talk_basis_words"]
    timed = all(u["start"] is not None for u in data["utterances"])
    context = {
        "t": t,
        "version": _version(data, __version__),
        "csp": csp,
        "css": css,
        "meeting": meeting,
        "minutes": round(meeting["duration_s"] / 60) if meeting.get("duration_s") else None,
        "headline": headline,
        "replaced": replaced,
        "basis": basis,
        "talk_chart": charts.talk_share(speakers, t["talk_share"]),
        "timeline_chart": charts.timeline(
            data["utterances"],
            speakers,
            t["timeline"],
            t["timeline_axis_time"] if timed else t["timeline_axis_index"],
        ),
        "replies": _reply_matrix(data),
        "uptakes": _uptake_matrix(data),
        "transcript": [
            {"index": u["index"], "speaker": u["speaker"] or "?", "when": timestamp(u), "text": u["text"]}
            for u in data["utterances"]
        ],
        "dynamics_chart": charts.dynamics(
            data["metrics"].get("windows", []),
            {"participation_entropy": t["series_participation"], "leadership_acts_entropy": t["series_leadership"]},
            t["dynamics"],
            t["timeline_axis_time"] if timed else t["timeline_axis_index"],
        ),
        "factions": [
            {"id": f["id"], "members": f["members"], "colour_class": charts.colour_class(f["id"])}
            for f in data["factions"]
        ],
        "observations": observations(data, t),
        "ideas": _ideas(data, t),
        "cards": _cards(data, t),
    }
    return _environment().get_template("report.html.j2").render(**context)


def write(
    analysis: Any,
    path: str | Path,
    lang: str = "nl",
    pseudonymise_names: bool = False,
    other_names: Sequence[str] = (),
) -> Path:
    """Render and write the report (UTF-8)."""
    return _save(render(analysis, lang, pseudonymise_names, other_names), path)


def _save(html: str, path: str | Path) -> Path:
    path = Path(path)
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write the report ({exc.strerror})") from None
    return path


def write_series(analyses: Sequence[Any], path: str | Path, lang: str = "nl", pseudonymise_names: bool = False) -> Path:
    """Render and write the series page of a team's meetings (:mod:`leadsignal.report.series`)."""
    return _save(render_series(analyses, lang, pseudonymise_names), path)
