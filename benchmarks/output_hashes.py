"""SHA-256 of the analysis JSON and of the report variants for every transcript given (default: the fixtures, the
dev meetings and both parliament sets), so that a refactor can be shown to change no output.

    python benchmarks/output_hashes.py > before.tsv
    ... change the code ...
    python benchmarks/output_hashes.py > after.tsv && diff before.tsv after.tsv

Each line: file, then the hash of the analysis JSON (default windows), of the analysis JSON with 10-utterance
windows, of the Dutch report, of the English report and of the pseudonymised Dutch report.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import leadsignal
from leadsignal import report
from leadsignal.config import Config

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
SUFFIXES = {".vtt", ".srt", ".txt", ".json", ".csv", ".tsv"}


def default_files() -> list[Path]:
    files = sorted((ROOT / "tests" / "fixtures" / "good").iterdir())
    for folder in ("meetings", "parliament", "parliament-vlos"):
        files += sorted(
            p
            for p in (SHARED / folder).glob("*")
            if p.suffix in SUFFIXES and not p.name.endswith((".gold.json", ".truth.json")) and p.name != "manifest.json"
        )
    return files


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def main(argv: list[str]) -> None:
    files = [Path(a) for a in argv] or default_files()
    for path in files:
        meeting = leadsignal.read(path)
        analysis = leadsignal.analyse(meeting)
        small = leadsignal.analyse(meeting, Config(window_utterances=10, window_s=60.0))
        row = [
            digest(analysis.to_json()),
            digest(small.to_json()),
            digest(report.render(analysis, "nl")),
            digest(report.render(analysis, "en")),
            digest(report.render(analysis, "nl", pseudonymise_names=True)),
        ]
        name = path.relative_to(ROOT.parent) if path.is_relative_to(ROOT.parent) else path
        print(name, *row, sep="\t", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
