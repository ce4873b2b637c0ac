"""Analysis time with many speakers (a plenary, a large consultation): N speakers, three utterances each, with
agreement and disagreement so that factions have ties to work on. Prints seconds and the number of factions.

    python benchmarks/many_speakers.py [--speakers 100 500 2000]
"""

from __future__ import annotations

import argparse
import json
import random
import time

import leadsignal
from leadsignal.transcript import Meeting, Utterance

LINES = [
    "Ik stel voor dat we het budget verhogen.",
    "Ja, daar ben ik het mee eens.",
    "Nee, dat lijkt me geen goed idee.",
    "Goed punt, laten we dat doen.",
    "Daar kan ik me niet in vinden.",
    "Wat vinden jullie van de planning?",
]


def meeting(n: int, seed: int = 0) -> Meeting:
    rng = random.Random(seed)
    order = [f"Spreker {k}" for k in range(n) for _ in range(3)]
    rng.shuffle(order)
    return Meeting("many", tuple(Utterance(i, s, rng.choice(LINES)) for i, s in enumerate(order)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--speakers", type=int, nargs="+", default=[100, 500, 2000])
    args = ap.parse_args()
    leadsignal.analyse(meeting(3))
    for n in args.speakers:
        m = meeting(n)
        started = time.perf_counter()
        analysis = leadsignal.analyse(m)
        seconds = time.perf_counter() - started
        print(
            json.dumps(
                {
                    "speakers": n,
                    "utterances": len(m),
                    "seconds": round(seconds, 2),
                    "factions": analysis.indices.n_factions,
                }
            )
        )


if __name__ == "__main__":
    main()
