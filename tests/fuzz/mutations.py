"""A seeded mutation fuzzer for the readers and the analysis: the committed fixtures (good and malformed) mutated
by byte edits, splices and tokens that broke readers before (deep nesting, long numbers, punctuation runs, NaN,
control and bidi characters, timing arrows). Used by tests/fuzz/test_fuzz.py (a few hundred inputs in CI) and
benchmarks/fuzz.py (100,000 inputs).

Every input must end in an analysis that keeps every utterance, or in one ``TranscriptError``, within a time limit.
"""

from __future__ import annotations

import random
import signal
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SUFFIXES = [".vtt", ".srt", ".txt", ".json", ".csv", ".tsv", ".text", ".xml", ".eaf", ".TextGrid", ".bin", ""]
TOKENS = [
    b"-->",
    b" --> ",
    b"\n\n",
    b"\r\n",
    b"NOTE",
    b"NOTEBOOK",
    b"WEBVTT",
    b"STYLE",
    b'"segments"',
    b'"segments": [',
    b'"text": ',
    b'"speaker": "',
    b'"start": 1e999',
    b'"start": NaN',
    b"Infinity",
    b"{",
    b"[",
    b"]",
    b"9" * 5000,
    b"[" * 3000,
    b"{" * 3000,
    b"!" * 20_000,
    b"?" * 5000,
    b". " * 3000,
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    "\u202e".encode(),
    "\u2028".encode(),
    b"\x1b[31m",
    b"<v ",
    b"</v>",
    b"<i>",
    b"[SPEAKER_00]: ",
    b"Anna: ",
    b"van Dijk: ",
    b"\xc4\xb0lker: ",
    b",",
    b";",
    b"\t",
    b'"',
    b"00:00:01.000",
    b"00:00:01,000",
    b"99:99:99",
    b"-1",
    b"(00:03:12)",
    b"speaker,text\n",
    b"=HYPERLINK(",
    b"x" * 300_000,
]


def seeds() -> list[tuple[str, bytes]]:
    """(name, content) of every committed fixture transcript, good and malformed."""
    files = sorted(p for folder in ("good", "bad") for p in (FIXTURES / folder).iterdir() if p.is_file())
    return [(p.name, p.read_bytes()) for p in files + _GOOD_ELSEWHERE]


_GOOD_ELSEWHERE = sorted((FIXTURES / "handmade").glob("*.*")) + sorted((FIXTURES / "parlamint").glob("20*/*.xml"))


def _good(pool: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    names = {p.name for p in (FIXTURES / "good").iterdir()} | {p.name for p in _GOOD_ELSEWHERE}
    return [s for s in pool if s[0] in names]


def mutate(data: bytes, rng: random.Random, pool: list[tuple[str, bytes]]) -> bytes:
    """One to four random edits of ``data``."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        at = rng.randint(0, len(out))
        if op == 0 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif op == 1:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op == 2 and out:
            end = min(len(out), at + rng.randint(1, 64))
            del out[at:end]
        elif op == 3 and out:
            end = min(len(out), at + rng.randint(1, 200))
            out[at:at] = bytes(out[at:end]) * rng.randint(2, 50)
        elif op == 4:
            other = rng.choice(pool)[1]
            cut = rng.randint(0, len(other))
            out = out[:at] + bytearray(other[cut:])
        else:
            out[at:at] = rng.choice(TOKENS)
    return bytes(out)


def inputs(n: int, seed: int = 0, start: int = 0) -> Iterator[tuple[int, str, bytes]]:
    """Inputs ``start`` .. ``start + n - 1`` of the sequence for ``seed``: (number, file name, bytes); input k is
    the same whatever ``start`` is, so a failure is reproduced by its number alone."""
    pool = seeds()
    good = _good(pool)
    for k in range(start, start + n):
        rng = random.Random(f"{seed}:{k}")
        name, data = rng.choice(good if rng.random() < 0.75 else pool)  # mostly valid files, so analyses run
        suffix = Path(name).suffix if rng.random() < 0.6 else rng.choice(SUFFIXES)
        yield k, f"fuzz-{k}{suffix}", mutate(data, rng, pool)


class Timeout(Exception):
    """The input took longer than the limit."""


@dataclass
class Outcome:
    number: int
    name: str
    size: int
    kind: str  # "analysed" | "TranscriptError" | "error" | "timeout"
    seconds: float
    detail: str = ""


def _alarm(signum: int, frame: object) -> None:
    raise Timeout


def run_one(number: int, name: str, data: bytes, limit_s: float = 30.0) -> Outcome:
    """Read and analyse one input: an analysis that keeps every utterance, a TranscriptError, or a failure."""
    import leadsignal
    from leadsignal.errors import TranscriptError
    from leadsignal.io import read_bytes

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit_s)
    started = time.perf_counter()
    try:
        meeting = read_bytes(data, name)
        analysis = leadsignal.analyse(meeting)
        document = analysis.to_json()
        if [u.index for u in meeting.utterances] != list(range(len(meeting.utterances))):
            kind, detail = "error", "utterance indices are not 0..n-1"
        elif len(analysis.utterance_signals) != len(meeting.utterances) or not document:
            kind, detail = "error", "the analysis lost utterances"
        else:
            kind, detail = "analysed", ""
    except TranscriptError as exc:
        kind, detail = "TranscriptError", str(exc)[:200]
    except Timeout:
        kind, detail = "timeout", f"over {limit_s} s"
    except Exception as exc:  # the finding: anything else
        kind = "error"
        detail = f"{type(exc).__name__}: {str(exc)[:200]} | {traceback.format_exc().splitlines()[-3].strip()}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return Outcome(number, name, len(data), kind, time.perf_counter() - started, detail)
