"""Claims: the statements leadsignal makes about a meeting, as data before they are sentences.

Each claim names what it is about (``subject``: one speaker, or several when they tie), the figure (``value`` out
of ``out_of``), the utterances that are its evidence and a ``confidence``: the probability that it holds given the
act model's probabilities (utterances are treated as independent; a count comparison uses the normal approximation
of the difference of two sums of Bernoulli variables). The coach page renders its observations from claims only.

Every kind has two functions: one that makes the claim from an analysis (the JSON contract's dict) and one that
says whether a claim *holds* on any set of signals, predicted or annotated. :func:`holds` with the annotators'
signals (:func:`gold_view`) is what ``leadsignal evaluate --observations`` counts. What each kind asserts:

==========================  ===========  =============================================================================
kind                        basis        holds when
==========================  ===========  =============================================================================
``most_proposals``          acts         the subject made more proposals than anyone else (a tie: every tied speaker
(``most_objections``,                    made at least as many as anyone outside the tie), and more than none
``most_agreements``,
``most_questions``)
``steering_concentrated``   acts         more than half of all decisions and directives came from the subject
``decision_over_objection`` acts         the evidence's first utterance is a decision, and every speaker in the subject
                                         objected (act disagreement) in the ten utterances before it
``unanswered_idea``         ideas        the quoted utterance is an idea and no one took it up
``supported_idea``          ideas        the quoted utterance is an idea that others supported or built on at least
                                         twice
``quiet_but_adopted``       ideas        others supported or built on the subject's ideas at least twice
``factions``                factions     the group split into more than one camp
``most_interrupted``,       transcript   read off the timing and turns alone, so they hold on any signals; the
``dominant_voice``,                      interruptions themselves need evidence (overlap or a cut-off dash,
``nearly_silent``,                       :mod:`leadsignal.signals.turns`)
``balanced``, ``opening``
==========================  ===========  =============================================================================

A claim is made only when its confidence is at least :data:`BORDERLINE`; the page words those below
:data:`SURE` as likely rather than certain. "Most" needs a lead, ties are named as ties, counts are of what the
claim names only (support and rejection are never merged).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .metrics.factions import ALPHA
from .results import Claim

__all__ = ["BORDERLINE", "SURE", "KINDS", "claims", "count_range", "count_ranges", "from_rows", "gold_view", "holds"]

SURE = 0.9
BORDERLINE = 0.8
OBJECTION_WINDOW = 10
MOST_ACTS = {
    "most_proposals": ("proposal",),
    "most_objections": ("disagreement",),
    "most_agreements": ("agreement",),
    "most_questions": ("question",),
}
STEERING = ("decision", "directive")
SUPPORTIVE = ("support", "build")
MAX_TIED = 2  # a "most" shared by three or more people says nothing


class _View:
    """The signals of one meeting, indexed for the rules: from an analysis dict or from the annotators' gold."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.utts: list[dict[str, Any]] = data["utterances"]
        self.speakers: dict[str, dict[str, Any]] = {s["name"]: s for s in data["speakers"]}
        self.ideas: list[dict[str, Any]] = data["ideas"]
        self.idea_at = {i["utterance"]: i for i in self.ideas}

    def p(self, index: int, act: str) -> float:
        """Probability that utterance ``index`` does ``act`` (0 or 1 where the signals are given, as gold)."""
        u = self.utts[index]
        probabilities = u.get("act_probabilities")
        if probabilities is None:
            return float(act in u["acts"])
        return float(probabilities[act])

    def p_any(self, index: int, acts: Sequence[str]) -> float:
        return 1 - math.prod(1 - self.p(index, a) for a in acts)

    def counts(self, acts: Sequence[str]) -> Counter[str]:
        """Utterances per speaker doing one of ``acts`` (every speaker present, zeros included)."""
        c: Counter[str] = Counter(dict.fromkeys(self.speakers, 0))
        for u in self.utts:
            if u["speaker"] in self.speakers and any(a in u["acts"] for a in acts):
                c[u["speaker"]] += 1
        return c

    def supportive(self, idea: dict[str, Any]) -> list[dict[str, Any]]:
        return [x for x in idea["uptakes"] if x["kind"] in SUPPORTIVE and x["speaker"] != idea["speaker"]]

    def equal(self) -> float:
        return 1 / max(len(self.speakers), 1)


SURE_P = 0.65
"""An act with at least this probability is counted as sure in :func:`count_range`."""
POSSIBLE_P = 0.15
"""An act with at least this probability is counted as possible in :func:`count_range` (with the shipped thresholds
of 0.3, these two lie halfway from the threshold to 1 and to 0)."""


def count_ranges(data: dict[str, Any], act: str) -> dict[str | None, tuple[int, int, int]]:
    """Per speaker, (sure, counted, possible): how many of their utterances do ``act`` with probability >= SURE_P,
    as tagged, and tagged or with probability >= POSSIBLE_P. The coach page shows "3 (2-5)" when the three
    differ: the count as tagged and how far the uncertain cases could move it. Speakers without such an utterance
    are left out (0, 0, 0).

    >>> u = [{"index": i, "speaker": "A", "acts": a, "act_probabilities": {"proposal": p}}
    ...      for i, (a, p) in enumerate([(["proposal"], 0.9), (["proposal"], 0.4), ([], 0.2), ([], 0.05)])]
    >>> count_ranges({"utterances": u}, "proposal")
    {'A': (1, 2, 3)}
    """
    out: dict[str | None, list[int]] = {}
    for u in data["utterances"]:
        tagged = act in u["acts"]
        p = (u.get("act_probabilities") or {}).get(act, float(tagged))
        if tagged or p >= POSSIBLE_P:
            c = out.setdefault(u["speaker"], [0, 0, 0])
            c[0] += tagged and p >= SURE_P
            c[1] += tagged
            c[2] += 1
    return {s: (c[0], c[1], c[2]) for s, c in out.items()}


def count_range(data: dict[str, Any], speaker: str, act: str) -> tuple[int, int, int]:
    """:func:`count_ranges` of one speaker."""
    return count_ranges(data, act).get(speaker, (0, 0, 0))


def _at_least(m: _View, a: str, b: str, acts: Sequence[str], strict: bool) -> float:
    """P(count of ``a`` > count of ``b``) (``strict``) or >=, over utterances doing one of ``acts``."""
    mean = var = 0.0
    for u in m.utts:
        sign = 1 if u["speaker"] == a else -1 if u["speaker"] == b else 0
        if sign:
            p = m.p(u["index"], acts[0]) if len(acts) == 1 else m.p_any(u["index"], acts)
            mean += sign * p
            var += p * (1 - p)
    return _above(mean, var, 0.5 if strict else -0.5)  # continuity correction: > means a difference of at least 1


def _above(mean: float, var: float, edge: float) -> float:
    """P(X > edge) for X normal with this mean and variance (a point mass when the variance is 0)."""
    if var < 1e-12:
        return float(mean > edge)
    return 0.5 * (1 + math.erf((mean - edge) / math.sqrt(2 * var)))


def _claim(kind: str, subject: Iterable[str], value: float, out_of: float | None, evidence: Iterable[int],
           confidence: float, basis: str) -> Claim:  # fmt: skip
    return Claim(kind, tuple(subject), round(float(value), 6), out_of, tuple(evidence), round(confidence, 4), basis)


# ------------------------------------------------------------------------------------------------ acts


def _most(m: _View, kind: str, acts: Sequence[str]) -> Claim | None:
    counts = m.counts(acts)
    if len(counts) < 2:
        return None
    top = max(counts.values())
    leaders = [s for s, n in counts.items() if n == top]
    if top < 2 or len(leaders) > MAX_TIED:
        return None
    others = [s for s in counts if s not in leaders]
    strict = len(leaders) == 1
    confidence = min((_at_least(m, a, b, acts, strict) for a in leaders for b in others), default=1.0)
    evidence = sorted(
        (u["index"] for u in m.utts if u["speaker"] in leaders and any(a in u["acts"] for a in acts)),
        key=lambda i: -m.p_any(i, acts),
    )
    return _claim(kind, leaders, top, sum(counts.values()), evidence, confidence, "acts")


def _holds_most(m: _View, claim: Claim, acts: Sequence[str]) -> bool:
    counts = m.counts(acts)
    if any(s not in counts for s in claim.subject):
        return False
    low = min(counts[s] for s in claim.subject)
    rest = [n for s, n in counts.items() if s not in claim.subject]
    if len(claim.subject) == 1:
        return low > 0 and all(low > n for n in rest)
    return low > 0 and all(low >= n for n in rest)


def _steering(m: _View) -> Claim | None:
    counts = m.counts(STEERING)
    total = sum(counts.values())
    if not counts or total < 3:
        return None
    who, n = counts.most_common(1)[0]
    if n < 0.6 * total:
        return None
    # P(who's steering acts outnumber everyone else's together), as for a "most" between two sides.
    mean = var = 0.0
    for u in m.utts:
        if u["speaker"] is None:
            continue
        p = m.p_any(u["index"], STEERING)
        mean += p if u["speaker"] == who else -p
        var += p * (1 - p)
    confidence = _above(mean, var, 0.5)
    evidence = [u["index"] for u in m.utts if u["speaker"] == who and set(STEERING) & set(u["acts"])]
    return _claim("steering_concentrated", [who], n, total, evidence, confidence, "acts")


def _holds_steering(m: _View, claim: Claim) -> bool:
    counts = m.counts(STEERING)
    return counts.get(claim.subject[0], 0) * 2 > sum(counts.values())


def _objection(m: _View) -> Claim | None:
    best: Claim | None = None
    for u in m.utts:
        if "decision" not in u["acts"]:
            continue
        before = m.utts[max(0, u["index"] - OBJECTION_WINDOW) : u["index"]]
        objecting = [b for b in before if "disagreement" in b["acts"] and b["speaker"] not in (None, u["speaker"])]
        if not objecting:
            continue
        names = list(dict.fromkeys(b["speaker"] for b in objecting))
        confidence = m.p(u["index"], "decision")
        for name in names:
            confidence *= 1 - math.prod(1 - m.p(b["index"], "disagreement") for b in objecting if b["speaker"] == name)
        found = _claim(
            "decision_over_objection",
            names,
            len(objecting),
            None,
            [u["index"], *(b["index"] for b in objecting)],
            confidence,
            "acts",
        )
        if best is None or found.confidence > best.confidence:
            best = found
    return best


def _holds_objection(m: _View, claim: Claim) -> bool:
    decision = claim.evidence[0]
    if "decision" not in m.utts[decision]["acts"]:
        return False
    before = m.utts[max(0, decision - OBJECTION_WINDOW) : decision]
    objected = {b["speaker"] for b in before if "disagreement" in b["acts"]}
    return set(claim.subject) <= objected


# ------------------------------------------------------------------------------------------------ ideas


def _idea_confidence(m: _View, idea: dict[str, Any]) -> float:
    return m.p(idea["utterance"], "proposal")


def _unanswered(m: _View) -> Claim | None:
    unheard = [i for i in m.ideas if not i["uptakes"]]
    if not unheard:
        return None
    # The most certain of them, then the longest: the most substantial idea that got no response.
    idea = max(unheard, key=lambda i: (_idea_confidence(m, i), m.utts[i["utterance"]]["words"]))
    return _claim(
        "unanswered_idea", [idea["speaker"]], 0, None, [idea["utterance"]], _idea_confidence(m, idea), "ideas"
    )


def _holds_unanswered(m: _View, claim: Claim) -> bool:
    idea = m.idea_at.get(claim.evidence[0])
    return idea is not None and not idea["uptakes"]


def _at_least_k(probabilities: Sequence[float], k: int) -> float:
    """P(at least ``k`` of independent events with these probabilities happen) (exact, Poisson binomial)."""
    dist = [1.0]  # dist[j]: P(j events so far)
    for p in probabilities:
        dist = [
            (dist[j] if j < len(dist) else 0) * (1 - p) + (dist[j - 1] * p if j else 0) for j in range(len(dist) + 1)
        ]
    return sum(dist[k:])


def _uptake_confidence(m: _View, ideas: Sequence[dict[str, Any]], k: int) -> float:
    """P(the ideas are ideas and at least ``k`` of their supporting uptakes are real), from the act and uptake
    models' probabilities (1 for annotated signals)."""
    proposed = max(_idea_confidence(m, i) for i in ideas)
    return proposed * _at_least_k([x.get("score", 1.0) for i in ideas for x in m.supportive(i)], k)


def _supported(m: _View) -> Claim | None:
    backed = [i for i in m.ideas if len(m.supportive(i)) >= 2]
    if not backed:
        return None
    # The best attested of them.
    idea = max(backed, key=lambda i: (_uptake_confidence(m, [i], 2), len(m.supportive(i))))
    supportive = m.supportive(idea)
    evidence = [idea["utterance"], *(x["utterance"] for x in supportive)]
    confidence = _uptake_confidence(m, [idea], 2)
    return _claim("supported_idea", [idea["speaker"]], len(supportive), None, evidence, confidence, "ideas")


def _holds_supported(m: _View, claim: Claim) -> bool:
    idea = m.idea_at.get(claim.evidence[0])
    return idea is not None and len(m.supportive(idea)) >= 2


def _quiet(m: _View) -> Claim | None:
    found: list[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]] = []
    for s in m.speakers.values():
        if s["talk_share"] >= 0.6 * m.equal():
            continue
        theirs = [i for i in m.ideas if i["speaker"] == s["name"]]
        backed = [x for i in theirs for x in m.supportive(i)]
        if len(backed) >= 2:
            found.append((s, theirs, backed))
    if not found:
        return None
    s, theirs, backed = max(found, key=lambda f: _uptake_confidence(m, f[1], 2))
    best = max(theirs, key=lambda i: len(m.supportive(i)))
    confidence = _uptake_confidence(m, theirs, 2)
    evidence = [best["utterance"], *(x["utterance"] for x in backed)]
    return _claim("quiet_but_adopted", [s["name"]], len(backed), None, evidence, confidence, "ideas")


def _holds_quiet(m: _View, claim: Claim) -> bool:
    who = claim.subject[0]
    return sum(len(m.supportive(i)) for i in m.ideas if i["speaker"] == who) >= 2


# ------------------------------------------------------------------------------------------------ factions


def _factions(m: _View) -> Claim | None:
    factions = m.data["factions"]
    if len(factions) < 2 or m.data["metrics"].get("faction_p_value", 0.0) >= ALPHA:
        return None
    side = {name: f["id"] for f in factions for name in f["members"]}
    crossing = []
    for u in m.utts:
        if "disagreement" not in u["acts"] or u["speaker"] is None:
            continue
        prev = next((p for p in reversed(m.utts[: u["index"]]) if p["speaker"] not in (None, u["speaker"])), None)
        if prev is not None and side.get(prev["speaker"]) != side.get(u["speaker"]):
            crossing.append(u["index"])
    if not crossing:
        return None
    confidence = 1 - m.data["metrics"].get("faction_p_value", 0.0)
    return _claim("factions", list(side), len(factions), None, crossing, confidence, "factions")


def _holds_factions(m: _View, claim: Claim) -> bool:
    return len(m.data["factions"]) > 1


# ------------------------------------------------------------------------------------------------ transcript


def _interrupted(m: _View) -> Claim | None:
    counts = Counter(u["interrupts"] for u in m.utts if u.get("interrupts"))
    if not counts:
        return None
    top = max(counts.values())
    who = [s for s, n in counts.items() if n == top]
    if top < 2 or len(who) > MAX_TIED:
        return None
    evidence = [u["index"] for u in m.utts if u.get("interrupts") in who]
    return _claim("most_interrupted", who, top, sum(counts.values()), evidence, 1.0, "transcript")


def _dominant(m: _View) -> Claim | None:
    shares = sorted(m.speakers.values(), key=lambda s: -s["talk_share"])
    if len(shares) < 2 or shares[0]["talk_share"] < 1.5 * m.equal():
        return None
    s = shares[0]
    if s["talk_share"] - shares[1]["talk_share"] < 0.05:
        return None
    longest = max((u for u in m.utts if u["speaker"] == s["name"]), key=lambda u: u["words"])
    return _claim("dominant_voice", [s["name"]], s["talk_share"], m.equal(), [longest["index"]], 1.0, "transcript")


def _silent(m: _View) -> Claim | None:
    if len(m.speakers) < 3:
        return None
    s = min(m.speakers.values(), key=lambda s: s["talk_share"])
    said = [u for u in m.utts if u["speaker"] == s["name"]]
    if s["talk_share"] >= 0.05 or not said:
        return None
    longest = max(said, key=lambda u: u["words"])
    return _claim("nearly_silent", [s["name"]], s["talk_share"], s["words"], [longest["index"]], 1.0, "transcript")


def _balanced(m: _View) -> Claim | None:
    gini = m.data["metrics"]["participation_gini"]
    if gini > 0.15 or len(m.speakers) < 2:
        return None
    top = max(s["talk_share"] for s in m.speakers.values())
    first = next((u["index"] for u in m.utts if u["speaker"]), 0)
    return _claim("balanced", [], gini, top, [first], 1.0, "transcript")


def _opening(m: _View) -> Claim | None:
    first = next((u for u in m.utts if u["speaker"]), None)
    if first is None:
        return None
    share = m.speakers[first["speaker"]]["talk_share"]
    return _claim("opening", [first["speaker"]], share, None, [first["index"]], 1.0, "transcript")


# ------------------------------------------------------------------------------------------------ registry


def _transcript_holds(m: _View, claim: Claim) -> bool:
    return True  # the same timing and turns whatever the acts and ideas: nothing to re-check


Maker = Callable[[_View], Claim | None]
Checker = Callable[[_View, Claim], bool]


def _most_maker(kind: str) -> Maker:
    return lambda m: _most(m, kind, MOST_ACTS[kind])


def _most_checker(kind: str) -> Checker:
    return lambda m, c: _holds_most(m, c, MOST_ACTS[kind])


# In the order the page shows them: patterns worth discussing first, then the descriptive ones.
KINDS: dict[str, tuple[Maker, Checker]] = {
    "decision_over_objection": (_objection, _holds_objection),
    "unanswered_idea": (_unanswered, _holds_unanswered),
    "quiet_but_adopted": (_quiet, _holds_quiet),
    "most_interrupted": (_interrupted, _transcript_holds),
    "dominant_voice": (_dominant, _transcript_holds),
    "steering_concentrated": (_steering, _holds_steering),
    "factions": (_factions, _holds_factions),
    "nearly_silent": (_silent, _transcript_holds),
    "supported_idea": (_supported, _holds_supported),
    "balanced": (_balanced, _transcript_holds),
    **{kind: (_most_maker(kind), _most_checker(kind)) for kind in MOST_ACTS},
    "opening": (_opening, _transcript_holds),
}


def claims(data: dict[str, Any]) -> tuple[Claim, ...]:
    """Every claim the analysis ``data`` (the JSON contract's dict) supports with confidence >= BORDERLINE, in the
    order of :data:`KINDS`."""
    m = _View(data)
    made = (make(m) for make, _ in KINDS.values())
    return tuple(c for c in made if c is not None and c.confidence >= BORDERLINE)


def from_rows(rows: Iterable[dict[str, Any]]) -> tuple[Claim, ...]:
    """The claims of a JSON document (its ``claims`` list) as records."""
    return tuple(
        Claim(**(row | {"subject": tuple(row["subject"]), "evidence": tuple(row["evidence"])})) for row in rows
    )


def holds(claim: Claim, data: dict[str, Any]) -> bool:
    """Whether ``claim`` is true of the signals in ``data`` (an analysis dict, or :func:`gold_view`)."""
    return KINDS[claim.kind][1](_View(data), claim)


def gold_view(data: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """The analysis ``data`` with its acts, ideas, uptakes, decisions and factions replaced by the annotators' (a
    gold file of ../shared/data/ANNOTATION.md); timing, turns and interruptions stay, as they are read off the
    transcript."""
    speaker = {u["index"]: u["speaker"] for u in data["utterances"]}
    uptakes: dict[str, list[dict[str, Any]]] = {i["id"]: [] for i in gold["ideas"]}
    for x in gold["uptakes"]:
        uptakes[x["idea"]].append({"utterance": x["utterance"], "speaker": speaker[x["utterance"]], "kind": x["kind"]})
    ideas = [
        {"id": i["id"], "utterance": i["utterance"], "speaker": speaker[i["utterance"]], "uptakes": uptakes[i["id"]]}
        for i in sorted(gold["ideas"], key=lambda i: i["utterance"])
    ]
    utterances = [
        u | {"acts": list(g.get("acts", [])), "act_probabilities": None}
        for u, g in zip(data["utterances"], gold["utterances"], strict=True)
    ]
    factions = [{"id": k, "members": list(members)} for k, members in enumerate(gold.get("factions", []))]
    decisions = [
        {"utterance": d["utterance"], "speaker": speaker[d["utterance"]], "ideas": list(d["ideas"])}
        for d in gold.get("decisions", [])
    ]
    metrics = data["metrics"] | {"faction_p_value": 0.0 if len(factions) > 1 else 1.0}
    return data | {
        "utterances": utterances,
        "ideas": ideas,
        "decisions": decisions,
        "factions": factions,
        "metrics": metrics,
    }
