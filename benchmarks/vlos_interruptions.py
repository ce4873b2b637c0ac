"""Interruptions utterance by utterance against the VLOS record: which rule finds the ones the record marks?

    python benchmarks/vlos_interruptions.py ../shared/data/parliament-vlos

For every debate (``<case>.csv`` with ``<case>.truth.json``) the interruptions the record marks, as (utterance,
interrupted speaker), against those of the timing-and-text rule (``turns.interruptions`` without a chair) and of
the structural rule of chaired debates (``turns.structural_interruptions``) with each lookahead. Prints precision,
recall and F1 over all debates. (``score_parliament.py`` scores speaker pairs in the reply graph instead.)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import leadsignal
from leadsignal.signals import turns

LOOKAHEADS = (1, 2, 3, 4, 6)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    args = ap.parse_args()
    counts: dict[str, list[int]] = {}
    for csv in sorted(args.folder.glob("*.csv")):
        truth = json.loads(csv.with_suffix(".truth.json").read_text(encoding="utf-8"))
        gold = {(x["utterance"], x["target"]) for x in truth["interruptions"]}
        meeting = leadsignal.read(csv)
        chair = turns.chair(meeting)
        found = {"timing and text": turns.interruptions(meeting)}
        for lookahead in LOOKAHEADS:
            turns.STRUCTURE_LOOKAHEAD = lookahead
            found[f"structure, lookahead {lookahead}"] = turns.structural_interruptions(meeting, chair) if chair else []
        turns.STRUCTURE_LOOKAHEAD = 2
        for name, interruptions in found.items():
            pred = {(i.utterance, i.of) for i in interruptions}
            c = counts.setdefault(name, [0, 0, 0])
            c[0] += len(pred & gold)
            c[1] += len(pred - gold)
            c[2] += len(gold - pred)
    for name, (tp, fp, fn) in counts.items():
        precision, recall, f1 = tp / max(1, tp + fp), tp / max(1, tp + fn), 2 * tp / (2 * tp + fp + fn)
        print(f"{name:26s} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
