"""Throughput of the full default analysis on a generated 1-million-word transcript, against bare tokenisation.

    python benchmarks/throughput.py [--words 1000000] [--source DIR]

The transcript repeats the dev meetings (../shared/data/meetings, or the bundled example meeting when that is
absent) until it holds --words words, as one meeting. Prints words/s of ``leadsignal.analyse``, words/s of
``spacy.blank("nl").pipe`` over the same texts (the floor), the words/s of the signal layer alone (acts, ideas
and uptake, interruptions, addressing; default tfidf encoder), both ratios and the peak resident memory. Figures
are printed, never asserted: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from importlib import resources
from pathlib import Path

import spacy

import leadsignal
from leadsignal.metrics.speakers import word_count
from leadsignal.transcript import Meeting, Utterance

SHARED = Path(__file__).resolve().parents[2] / "shared/data/meetings"


def source_meetings(folder: Path) -> list[Meeting]:
    files = (
        sorted(
            p
            for p in folder.glob("*")
            if p.suffix in {".vtt", ".srt", ".txt", ".json", ".csv"} and not p.name.endswith(".gold.json")
        )
        if folder.is_dir()
        else []
    )
    if files:
        return [leadsignal.read(p) for p in files]
    with resources.as_file(resources.files("leadsignal.data") / "voorbeeld-overleg.vtt") as path:
        return [leadsignal.read(path)]


def build(meetings: list[Meeting], target_words: int) -> Meeting:
    """One long meeting: the sources repeated, times shifted so they keep increasing."""
    utterances: list[Utterance] = []
    words = 0
    offset = 0.0
    while words < target_words:
        for m in meetings:
            base = offset
            for u in m.utterances:
                start = None if u.start is None else base + u.start
                end = None if u.end is None else base + u.end
                utterances.append(Utterance(len(utterances), u.speaker, u.text, start, end, u.source_line))
                words += word_count(u.text)
            offset = base + (m.duration_s or 0.0) + 1.0
            if words >= target_words:
                break
    return Meeting("benchmark", tuple(utterances), source="generated", format="generated")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--source", type=Path, default=SHARED)
    args = ap.parse_args()
    meeting = build(source_meetings(args.source), args.words)
    words = sum(word_count(u.text) for u in meeting.utterances)
    texts = [u.text for u in meeting.utterances]

    nlp = spacy.blank("nl")
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    floor_s = time.perf_counter() - t0

    # The signal layer alone (acts, ideas, uptake, interruptions, addressing with the default tfidf encoder),
    # then the full analysis (plus graphs, dominance, factions, GCA, indices). Models are loaded first.
    from leadsignal.analysis import _pipeline
    from leadsignal.config import Config

    config = Config()
    pipeline = _pipeline(config.nlp_model, config.encoder, config.batch_size)
    pipeline.run(build(source_meetings(args.source), 200))
    t0 = time.perf_counter()
    pipeline.run(meeting)
    signals_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    leadsignal.analyse(meeting)
    analyse_s = time.perf_counter() - t0
    result = {
        "utterances": len(texts),
        "words": words,
        "floor_words_per_s": round(words / floor_s),
        "signals_words_per_s": round(words / signals_s),
        "signals_ratio": round(signals_s / floor_s, 2),
        "leadsignal_words_per_s": round(words / analyse_s),
        "ratio": round(analyse_s / floor_s, 2),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
