"""Lemma accuracy of the default Dutch pipeline on the UD Dutch test treebanks (gold tokenisation).

    python benchmarks/lemma_accuracy.py [UD_DIR]     # default ../shared/data/ud-dutch

Compares lower-cased lemmas; multi-word token ranges and empty nodes are skipped. Prints one line per file and a
JSON summary. Skips with a message when the treebanks are absent.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from spacy.vocab import Vocab

from leadsignal.nlp import SimplemmaLemmatizer

CONTENT = {"NOUN", "VERB", "ADJ", "ADV", "AUX"}


def tokens(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        yield cols[1], cols[2], cols[3]


def main() -> int:
    ud = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/data/ud-dutch"
    files = sorted(p for p in ud.glob("*-test.conllu") if "train" not in p.name)
    if not files:
        print(f"skipped: no *-test.conllu under {ud}")
        return 0
    lemmatizer = SimplemmaLemmatizer(Vocab(), "nl")
    summary = {}
    for path in files:
        hits: Counter[str] = Counter()
        totals: Counter[str] = Counter()
        for form, lemma, upos in tokens(path):
            ok = lemmatizer.lemma(form.lower()) == lemma.lower()
            for key in ("all", "content" if upos in CONTENT else "other"):
                hits[key] += ok
                totals[key] += 1
        summary[path.name] = {k: round(hits[k] / totals[k], 4) for k in totals} | {"tokens": totals["all"]}
        print(f"{path.name}: {summary[path.name]}")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
