"""Concrete observations for the coach: each one a figure from the analysis and a quoted utterance.

Every rule below looks for one pattern that the literature on shared leadership names as worth discussing
(an idea left unanswered, interruptions, deciding over objections, a quiet member whose ideas carry, dominance,
concentrated steering, silence, factions). A rule that does not apply to a meeting returns nothing; the report
shows up to eight, in the order of this module.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..metrics.factions import ALPHA

__all__ = ["FACTIONS_ALPHA", "Observation", "Quote", "camps_supported", "observations", "timestamp", "weak_split"]

# Factions are shown as camps only when their sign-permutation p-value (metrics.factions.faction_p_value) is below.
FACTIONS_ALPHA = ALPHA  # metrics.factions.ALPHA


def weak_split(metrics: dict[str, Any]) -> bool:
    """The faction split is as likely under shuffled signs as observed (saved analyses without a p-value: no)."""
    return metrics.get("faction_p_value", 0.0) >= FACTIONS_ALPHA


def camps_supported(data: dict[str, Any]) -> bool:
    """More than one faction, and a split the sign-permutation test supports."""
    return len(data["factions"]) > 1 and not weak_split(data["metrics"])


MAX_OBSERVATIONS = 8
OBJECTION_WINDOW = 10


@dataclass(frozen=True)
class Quote:
    """An utterance quoted as evidence: its speaker, time (or position), text and index."""

    speaker: str | None
    when: str
    text: str
    utterance: int


@dataclass(frozen=True)
class Observation:
    """One observation of the page: its kind, title, sentence and quoted evidence."""

    kind: str
    title: str
    text: str
    quote: Quote


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


class _Meeting:
    """Indexes over the analysis dict that the rules share."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.utts: list[dict[str, Any]] = data["utterances"]
        self.speakers: dict[str, dict[str, Any]] = {s["name"]: s for s in data["speakers"]}
        self.ideas: list[dict[str, Any]] = data["ideas"]

    def quote(self, index: int) -> Quote:
        u = self.utts[index]
        return Quote(u["speaker"], timestamp(u), u["text"], index)

    def by(self, name: str, act: str | None = None) -> list[dict[str, Any]]:
        return [u for u in self.utts if u["speaker"] == name and (act is None or act in u["acts"])]


Rule = Callable[[_Meeting, dict[str, str]], Observation | None]


def _unheard(m: _Meeting, t: dict[str, str]) -> Observation | None:
    unheard = [i for i in m.ideas if not i["uptakes"]]
    if not unheard:
        return None
    # The longest such proposal: the most substantial idea that got no response.
    idea = max(unheard, key=lambda i: (m.utts[i["utterance"]]["words"], -i["utterance"]))
    text = t["obs_unheard_text"].format(n=len(unheard), total=len(m.ideas), who=idea["speaker"])
    return Observation("unheard_idea", t["obs_unheard"], text, m.quote(idea["utterance"]))


def _popular(m: _Meeting, t: dict[str, str]) -> Observation | None:
    taken = [i for i in m.ideas if len(i["uptakes"]) >= 2]
    if not taken:
        return None
    idea = max(taken, key=lambda i: (len(i["uptakes"]), -i["utterance"]))
    kinds = Counter(u["kind"] for u in idea["uptakes"])
    described = ", ".join(f"{n}× {t['kind_' + k]}" for k, n in kinds.most_common())
    text = t["obs_popular_text"].format(who=idea["speaker"], n=len(idea["uptakes"]), kinds=described)
    return Observation("popular_idea", t["obs_popular"], text, m.quote(idea["utterance"]))


def _interrupted(m: _Meeting, t: dict[str, str]) -> Observation | None:
    counts = Counter(u["interrupts"] for u in m.utts if u.get("interrupts"))
    if not counts:
        return None
    order = list(m.speakers)  # ties go to the speaker who appears first
    who, n = max(counts.items(), key=lambda kv: (kv[1], -order.index(kv[0])))
    first = next(u for u in m.utts if u.get("interrupts") == who)
    text = t["obs_interrupted_text"].format(who=who, n=n)
    return Observation("most_interrupted", t["obs_interrupted"], text, m.quote(first["index"]))


def _objection(m: _Meeting, t: dict[str, str]) -> Observation | None:
    for u in m.utts:
        if "decision" not in u["acts"]:
            continue
        before = m.utts[max(0, u["index"] - OBJECTION_WINDOW) : u["index"]]
        objecting = [b for b in before if "disagreement" in b["acts"] and b["speaker"] not in (None, u["speaker"])]
        names = list(dict.fromkeys(b["speaker"] for b in objecting))
        if len(names) >= 2:
            text = t["obs_objection_text"].format(who=_join(names, t), n=len(objecting))
            return Observation("decision_over_objections", t["obs_objection"], text, m.quote(u["index"]))
    return None


def _equal(m: _Meeting) -> float:
    return 1 / max(len(m.speakers), 1)


def _quiet_adopted(m: _Meeting, t: dict[str, str]) -> Observation | None:
    quiet = [s for s in m.speakers.values() if s["talk_share"] < 0.6 * _equal(m) and s["ideas_taken_up"] >= 1]
    if not quiet:
        return None
    s = max(quiet, key=lambda s: s["ideas_taken_up"])
    idea = max((i for i in m.ideas if i["speaker"] == s["name"]), key=lambda i: len(i["uptakes"]))
    text = t["obs_quiet_text"].format(who=s["name"], share=_pct(s["talk_share"]), n=s["ideas_taken_up"])
    return Observation("quiet_but_adopted", t["obs_quiet"], text, m.quote(idea["utterance"]))


def _dominant(m: _Meeting, t: dict[str, str]) -> Observation | None:
    if len(m.speakers) < 2:
        return None
    s = max(m.speakers.values(), key=lambda s: s["talk_share"])
    if s["talk_share"] < 1.5 * _equal(m):
        return None
    longest = max(m.by(s["name"]), key=lambda u: u["words"])
    text = t["obs_dominant_text"].format(who=s["name"], share=_pct(s["talk_share"]), equal=_pct(_equal(m)))
    return Observation("dominant_voice", t["obs_dominant"], text, m.quote(longest["index"]))


def _steering(m: _Meeting, t: dict[str, str]) -> Observation | None:
    steer = {n: s["directives"] + s["decisions"] for n, s in m.speakers.items()}
    total = sum(steer.values())
    who = max(steer, key=steer.__getitem__) if steer else None
    if who is None or total < 3 or steer[who] < 0.6 * total:
        return None
    example = next(u for u in m.by(who) if {"directive", "decision"} & set(u["acts"]))
    text = t["obs_steering_text"].format(n=steer[who], total=total, who=who)
    return Observation("steering_concentrated", t["obs_steering"], text, m.quote(example["index"]))


def _silent(m: _Meeting, t: dict[str, str]) -> Observation | None:
    if len(m.speakers) < 3:
        return None
    s = min(m.speakers.values(), key=lambda s: s["talk_share"])
    said = m.by(s["name"])
    if s["talk_share"] >= 0.05 or not said:
        return None
    text = t["obs_silent_text"].format(who=s["name"], share=_pct(s["talk_share"]), words=s["words"])
    return Observation("nearly_silent", t["obs_silent"], text, m.quote(max(said, key=lambda u: u["words"])["index"]))


def _factions(m: _Meeting, t: dict[str, str]) -> Observation | None:
    factions = m.data["factions"]
    if not camps_supported(m.data):
        return None
    side = {name: f["id"] for f in factions for name in f["members"]}
    members = {f["id"]: f["members"] for f in factions}
    crossing: list[tuple[dict[str, Any], dict[str, Any]]] = []
    objections = 0
    for u in m.utts:
        if "disagreement" not in u["acts"] or u["speaker"] is None:
            continue
        objections += 1
        prev = next((p for p in reversed(m.utts[: u["index"]]) if p["speaker"] not in (None, u["speaker"])), None)
        if prev is not None and side.get(prev["speaker"]) != side.get(u["speaker"]):
            crossing.append((prev, u))
    if not crossing:
        return None
    prev, u = crossing[0]
    text = t["obs_factions_text"].format(
        n=len(crossing),
        total=objections,
        a=_join(members[side[prev["speaker"]]], t),
        b=_join(members[side[u["speaker"]]], t),
    )
    return Observation("factions", t["obs_factions"], text, m.quote(u["index"]))


def _most(m: _Meeting, t: dict[str, str], act: str, kind: str, least: int = 2, longest: bool = True):
    """The speaker with the most utterances tagged ``act`` (at least ``least``), quoting the longest of them (or
    the first, with ``longest=False``)."""
    counts = Counter(u["speaker"] for u in m.utts if act in u["acts"] and u["speaker"])
    if not counts or counts.most_common(1)[0][1] < least:
        return None
    who, n = counts.most_common(1)[0]
    said = m.by(who, act)
    example = max(said, key=lambda u: u["words"]) if longest else said[0]
    text = t[f"obs_{kind}_text"].format(who=who, n=n, total=sum(counts.values()))
    return Observation(kind, t[f"obs_{kind}"], text, m.quote(example["index"]))


def _proposer(m: _Meeting, t: dict[str, str]) -> Observation | None:
    return _most(m, t, "proposal", "proposer")


def _supporter(m: _Meeting, t: dict[str, str]) -> Observation | None:
    return _most(m, t, "agreement", "supporter")


def _objector(m: _Meeting, t: dict[str, str]) -> Observation | None:
    return _most(m, t, "disagreement", "objector")


def _questions(m: _Meeting, t: dict[str, str]) -> Observation | None:
    return _most(m, t, "question", "questions", least=1, longest=False)


def _opening(m: _Meeting, t: dict[str, str]) -> Observation | None:
    first = next((u for u in m.utts if u["speaker"]), None)
    if first is None:
        return None
    share = m.speakers[first["speaker"]]["talk_share"]
    text = t["obs_opening_text"].format(who=first["speaker"], share=_pct(share))
    return Observation("opening", t["obs_opening"], text, m.quote(first["index"]))


def _balanced(m: _Meeting, t: dict[str, str]) -> Observation | None:
    gini = m.data["metrics"]["participation_gini"]
    if gini > 0.15 or not m.ideas or len(m.speakers) < 2:
        return None
    top = max(s["talk_share"] for s in m.speakers.values())
    text = t["obs_balanced_text"].format(gini=f"{gini:.2f}", share=_pct(top))
    return Observation("balanced", t["obs_balanced"], text, m.quote(m.ideas[0]["utterance"]))


# Patterns first, then the descriptive ones that fill a short list up to five.
RULES: tuple[Rule, ...] = (
    _objection,
    _unheard,
    _quiet_adopted,
    _interrupted,
    _dominant,
    _steering,
    _factions,
    _silent,
    _popular,
    _balanced,
    _proposer,
    _objector,
    _supporter,
    _questions,
    _opening,
)


def observations(data: dict[str, Any], t: dict[str, str]) -> list[Observation]:
    """Up to eight observations for the analysis ``data`` (the JSON contract), worded in the language ``t``;
    never two quoting the same utterance."""
    m = _Meeting(data)
    out: list[Observation] = []
    quoted: set[int] = set()
    for rule in RULES:
        found = rule(m, t)
        if found is not None and found.quote.utterance not in quoted:
            out.append(found)
            quoted.add(found.quote.utterance)
        if len(out) == MAX_OBSERVATIONS:
            break
    return out
