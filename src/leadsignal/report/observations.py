"""The coach's observations: sentences rendered from the analysis's claims (:mod:`leadsignal.claims`) only.

Each claim kind looks for one pattern the literature on shared leadership names as worth discussing (an idea left
unanswered, interruptions, deciding over objections, a quiet member whose ideas carry, dominance, concentrated
steering, silence, factions); the claims module decides whether it holds and how sure that is. This module only
words them: ties as ties, borderline ones (confidence below ``claims.SURE``) marked as such. The report shows up to
eight, in the order of ``claims.KINDS``, never two quoting the same utterance.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..claims import SURE, claims
from ..metrics.factions import ALPHA

__all__ = [
    "FACTIONS_ALPHA",
    "Observation",
    "Quote",
    "camps_supported",
    "observations",
    "sentence",
    "timestamp",
    "weak_split",
]

# Factions are shown as camps only when their sign-permutation p-value (metrics.factions.faction_p_value) is below.
FACTIONS_ALPHA = ALPHA  # metrics.factions.ALPHA


def weak_split(metrics: dict[str, Any]) -> bool:
    """The faction split is as likely under shuffled signs as observed (saved analyses without a p-value: no)."""
    return metrics.get("faction_p_value", 0.0) >= FACTIONS_ALPHA


def camps_supported(data: dict[str, Any]) -> bool:
    """More than one faction, and a split the sign-permutation test supports."""
    return len(data["factions"]) > 1 and not weak_split(data["metrics"])


MAX_OBSERVATIONS = 8


@dataclass(frozen=True)
class Quote:
    """An utterance quoted as evidence: its speaker, time (or position), text and index."""

    speaker: str | None
    when: str
    text: str
    utterance: int


@dataclass(frozen=True)
class Observation:
    """One observation of the page: its kind, title, sentence, quoted evidence, the other evidence's indices, and
    whether the claim behind it is borderline."""

    kind: str
    title: str
    text: str
    quote: Quote
    evidence: tuple[int, ...] = ()
    borderline: bool = False


def timestamp(u: dict[str, Any]) -> str:
    """``m:ss`` (or ``h:mm:ss``) of the utterance's start; ``#n`` (1-based) when the transcript has no times.

    >>> [timestamp({"start": s, "index": 9}) for s in (3725.4, 65, None)]
    ['1:02:05', '1:05', '#10']
    """
    start = u.get("start")
    if start is None:
        return f"#{u['index'] + 1}"
    s = int(start)
    h, m, sec = s // 3600, s % 3600 // 60, s % 60
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _join(names: list[str], t: dict[str, str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {t['and']} {names[-1]}"


def _count(x: float) -> int:
    return int(round(x))


def sentence(claim: dict[str, Any], data: dict[str, Any], t: dict[str, str]) -> str:
    """The claim ``claim`` (a dict of the JSON's ``claims``) as one sentence in the language ``t``."""
    kind, subject = claim["kind"], list(claim["subject"])
    who = _join(subject, t) if subject else ""
    key = f"obs_{kind}_tie" if len(subject) > 1 and f"obs_{kind}_tie" in t else f"obs_{kind}_text"
    speaker = {s["name"]: s for s in data["speakers"]}
    values: dict[str, Any] = {"who": who, "n": _count(claim["value"])}
    if claim["out_of"] is not None:
        values["total"] = _count(claim["out_of"])
    if kind == "quiet_but_adopted":
        values["share"] = _pct(speaker[subject[0]]["talk_share"])
    elif kind == "dominant_voice":
        values |= {"share": _pct(claim["value"]), "equal": _pct(claim["out_of"])}
    elif kind == "nearly_silent":
        values |= {"share": _pct(claim["value"]), "words": _count(claim["out_of"])}
    elif kind == "opening":
        values["share"] = _pct(claim["value"])
    elif kind == "balanced":
        values |= {"gini": f"{claim['value']:.2f}", "share": _pct(claim["out_of"])}
    elif kind == "factions":
        side = {name: f["id"] for f in data["factions"] for name in f["members"]}
        members = {f["id"]: f["members"] for f in data["factions"]}
        first = data["utterances"][claim["evidence"][0]]
        previous = next(
            u for u in reversed(data["utterances"][: first["index"]]) if u["speaker"] not in (None, first["speaker"])
        )
        values |= {
            "n": len(claim["evidence"]),
            "a": _join(members[side[previous["speaker"]]], t),
            "b": _join(members[side[first["speaker"]]], t),
        }
    elif kind == "decision_over_objection":
        key = "obs_decision_over_objection_tie" if values["n"] > 1 else "obs_decision_over_objection_text"
    return t[key].format(**values)


def observations(data: dict[str, Any], t: dict[str, str]) -> list[Observation]:
    """Up to eight observations for the analysis ``data`` (the JSON contract), worded in the language ``t``, from
    its claims (recomputed for documents of schema 1 and 2, which have none); never two quoting the same
    utterance."""
    made = claim_rows(data)
    out: list[Observation] = []
    quoted: set[int] = set()
    for claim in made:
        index = claim["evidence"][0]
        if index in quoted:
            continue
        u = data["utterances"][index]
        out.append(
            Observation(
                claim["kind"],
                t[f"obs_{claim['kind']}"],
                sentence(claim, data, t),
                Quote(u["speaker"], timestamp(u), u["text"], index),
                tuple(claim["evidence"]),
                claim["confidence"] < SURE,
            )
        )
        quoted.add(index)
        if len(out) == MAX_OBSERVATIONS:
            break
    return out


def claim_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The claims of an analysis dict as JSON rows (recomputed for documents of schema 1 and 2, which have none)."""
    return data["claims"] if "claims" in data else [asdict(c) for c in claims(data)]


def claim_of(data: dict[str, Any], kind: str) -> dict[str, Any] | None:
    """The analysis's claim of this kind, if it makes one."""
    return next((c for c in claim_rows(data) if c["kind"] == kind), None)
