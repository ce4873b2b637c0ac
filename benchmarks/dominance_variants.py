"""Dominance rankings with leadership acts: do proposals, directives and decisions help the talk-based composite?

    python benchmarks/dominance_variants.py ../shared/data/meetings

Leave-one-meeting-out: each held-out meeting's acts come from an act model trained on the other 30. The shipped
composite (words 1.0, turns 0.25, floor taking 0.1; docs/metrics.md) gets w x the speaker's share of leadership
acts (proposal, directive, decision) added, counted from the tagged acts or as expected counts (the sum of the act
probabilities), and, for comparison, from the annotators' own acts. Prints the mean Kendall tau against the gold
ranking (95 % bootstrap interval over meetings) and top-1 for each.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from leadsignal import analyse
from leadsignal.gold import load_gold_dir
from leadsignal.labels import ACTS
from leadsignal.training import kendall_tau, prepare, train_acts

LEADING = ("proposal", "directive", "decision")
WEIGHTS = (0.0, 0.1, 0.25, 0.5, 1.0)


def ranking(base: dict[str, float], lead: dict[str, float], w: float) -> list[str]:
    total = sum(lead.values()) or 1.0
    score = {s: base[s] + w * lead[s] / total for s in base}
    return sorted(base, key=lambda s: -score[s])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", type=Path)
    args = ap.parse_args()
    prepared = prepare(load_gold_dir(args.gold_dir))
    columns = [ACTS.index(a) for a in LEADING]
    taus: dict[str, list[float]] = {}
    tops: dict[str, int] = {}
    for k, held in enumerate(prepared):
        model = train_acts([p for i, p in enumerate(prepared) if i != k])
        analysis = analyse(held.gold.meeting, acts_model=model)
        gold = held.gold.gold
        base = {s.name: s.dominance for s in analysis.speaker_measures}
        leads = {name: dict.fromkeys(base, 0.0) for name in ("tagged", "expected", "annotators")}
        rows = zip(held.gold.meeting.utterances, analysis.utterance_signals, gold["utterances"], strict=True)
        for u, signals, truth in rows:
            if u.speaker not in base:
                continue
            leads["tagged"][u.speaker] += any(a in signals.acts for a in LEADING)
            p = np.array(signals.act_probabilities)[columns]
            leads["expected"][u.speaker] += 1 - float(np.prod(1 - p))
            leads["annotators"][u.speaker] += any(a in truth["acts"] for a in LEADING)
        for name, lead in leads.items():
            for w in WEIGHTS if name == "tagged" else WEIGHTS[1:]:  # w = 0 is the shipped ranking, counted once
                key = f"{name} w={w}" if w else "shipped (w=0)"
                ranked = ranking(base, lead, w)
                taus.setdefault(key, []).append(kendall_tau(gold["dominance_rank"], ranked))
                tops[key] = tops.get(key, 0) + (ranked[0] == gold["dominance_rank"][0])
        print(gold["meeting"], flush=True)
    rng = np.random.default_rng(0)
    for key, values in taus.items():
        t = np.array(values)
        draws = [t[rng.integers(0, len(t), len(t))].mean() for _ in range(1000)]
        print(
            f"{key:24s} tau {t.mean():.3f} ({np.percentile(draws, 2.5):.3f}-{np.percentile(draws, 97.5):.3f}) "
            f"top-1 {tops[key]}/{len(t)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
