"""Inline SVG charts, built by hand: no scripts, no style attributes (the report's CSP forbids inline styles),
every piece of text escaped. Each function returns :class:`markupsafe.Markup` ready for the template."""

from __future__ import annotations

import math
from typing import Any

from markupsafe import Markup, escape

__all__ = ["PALETTE", "talk_share", "timeline", "dynamics", "colour"]

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
INTERRUPTION = "#D55E00"


def colour(faction: int) -> str:
    """The colour of a faction in the charts."""
    return PALETTE[faction % len(PALETTE)]


def colour_class(faction: int) -> str:
    """The stylesheet class (f0–f7 in report.css) that gives HTML elements the faction's colour."""
    return f"f{faction % len(PALETTE)}"


def _svg(width: float, height: float, body: list[str], label: str) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'height="{height:.0f}" role="img" '
        f'aria-label="{escape(label)}" class="chart"><title>{escape(label)}</title>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, anchor: str = "start", cls: str = "lbl") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{cls}">{escape(text)}</text>'


def talk_share(speakers: list[dict[str, Any]], label: str) -> Markup:
    """Horizontal bars, one per speaker in order of talk share, coloured by faction."""
    rows = sorted(speakers, key=lambda s: -s["talk_share"])
    left, bar_w, row_h = 170, 360, 26
    top = max((s["talk_share"] for s in rows), default=0) or 1
    body = []
    for i, s in enumerate(rows):
        y = 8 + i * row_h
        w = bar_w * s["talk_share"] / top
        name = s["name"] if len(s["name"]) <= 24 else s["name"][:23] + "…"
        body.append(_text(left - 8, y + 15, name, "end"))
        body.append(f'<rect x="{left}" y="{y + 3}" width="{max(w, 1):.1f}" height="16" fill="{colour(s["faction"])}"/>')
        body.append(_text(left + w + 6, y + 15, f"{round(100 * s['talk_share'])}%"))
    return _svg(left + bar_w + 50, 16 + row_h * len(rows), body, label)


def timeline(utterances: list[dict[str, Any]], speakers: list[dict[str, Any]], label: str, axis: str) -> Markup:
    """One row per speaker; a bar per utterance (at its time, or at its position when there are no times);
    a triangle above each interrupting utterance."""
    names = [s["name"] for s in speakers]
    row = {n: i for i, n in enumerate(names)}
    faction = {s["name"]: s["faction"] for s in speakers}
    timed = all(u["start"] is not None and u["end"] is not None for u in utterances)
    if timed:
        t0 = min(u["start"] for u in utterances)
        spans = [(u["start"] - t0, max(u["end"] - t0, u["start"] - t0 + 0.5)) for u in utterances]
    else:
        spans = [(float(u["index"]), u["index"] + 0.9) for u in utterances]
    end = max((b for _, b in spans), default=1) or 1
    left, width, row_h = 170, 600, 22
    scale = width / end
    body = []
    for n, i in row.items():
        y = 10 + i * row_h
        body.append(_text(left - 8, y + 14, n if len(n) <= 24 else n[:23] + "…", "end"))
        body.append(f'<line x1="{left}" y1="{y + 10}" x2="{left + width}" y2="{y + 10}" class="grid"/>')
    for u, (a, b) in zip(utterances, spans, strict=True):
        if u["speaker"] not in row:
            continue
        y = 10 + row[u["speaker"]] * row_h
        x = left + a * scale
        body.append(
            f'<rect x="{x:.1f}" y="{y + 3}" width="{max((b - a) * scale, 1.2):.1f}" height="14" '
            f'fill="{colour(faction[u["speaker"]])}"><title>{escape(u["speaker"])}: '
            f"{escape(u['text'][:120])}</title></rect>"
        )
        if u.get("interrupts"):
            body.append(
                f'<path d="M{x - 4:.1f},{y - 4} L{x + 4:.1f},{y - 4} L{x:.1f},{y + 3} Z" fill="{INTERRUPTION}">'
                f"<title>{escape(u['speaker'])} → {escape(u['interrupts'])}</title></path>"
            )
    base = 10 + len(names) * row_h
    step = _tick_step(end / 60 if timed else end)
    unit = 60 if timed else 1
    for tick in range(int(end / (step * unit)) + 1):  # at most about 12, whatever the times say
        k = tick * step
        x = left + k * unit * scale
        body.append(f'<line x1="{x:.1f}" y1="{base}" x2="{x:.1f}" y2="{base + 4}" class="axis"/>')
        body.append(_text(x, base + 16, f"{k:g}" if timed else f"{int(k) + 1}", "middle", "tick"))
    body.append(_text(left + width, base + 32, axis, "end", "tick"))
    return _svg(left + width + 20, base + 40, body, label)


def _tick_step(span: float) -> float:
    """A round step giving about 6–12 ticks over ``span``.

    >>> _tick_step(45), _tick_step(8), _tick_step(300)
    (5, 1, 30)
    """
    for step in (1, 2, 5, 10, 15, 20, 30, 50, 100, 200, 500, 1000, 2000, 5000):
        if span / step <= 12:
            return step
    magnitude = 10 ** math.floor(math.log10(span / 12))  # beyond any meeting: still about 6-12 ticks
    return next(m * magnitude for m in (1, 2, 5, 10) if span / (m * magnitude) <= 12)


def dynamics(windows: list[dict[str, Any]], series: dict[str, str], label: str, axis: str) -> Markup | None:
    """Lines of the per-window indices (0–1) in ``series`` (key -> legend), one point per window; None for
    fewer than two windows."""
    if len(windows) < 2:
        return None
    left, width, height, top = 40, 560, 160, 12
    step = width / (len(windows) - 1)
    body = []
    for v in (0, 0.5, 1):
        y = top + height * (1 - v)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + width}" y2="{y:.1f}" class="grid"/>')
        body.append(_text(left - 6, y + 4, f"{v:g}", "end", "tick"))
    for k, (key, legend) in enumerate(series.items()):
        points = " ".join(f"{left + i * step:.1f},{top + height * (1 - w[key]):.1f}" for i, w in enumerate(windows))
        body.append(f'<polyline points="{points}" fill="none" stroke="{PALETTE[k]}" stroke-width="2.5"/>')
        body.append(
            f'<rect x="{left + 10 + 190 * k}" y="{top + height + 30}" width="14" height="4" fill="{PALETTE[k]}"/>'
        )
        body.append(_text(left + 30 + 190 * k, top + height + 36, legend, "start", "tick"))
    for i, w in enumerate(windows):
        start = w["start"] / 60 if w["unit"] == "seconds" else w["start"] + 1
        body.append(_text(left + i * step, top + height + 16, f"{start:g}", "middle", "tick"))
    body.append(_text(left + width, top + height + 36, axis, "end", "tick"))
    return _svg(left + width + 20, top + height + 46, body, label)
