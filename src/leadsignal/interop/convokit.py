"""ConvoKit corpora (Chang et al. 2020, Cornell Conversational Analysis Toolkit) in and out, without ConvoKit.

Export writes the on-disk layout that ``convokit.Corpus(filename=DIR)`` loads: ``utterances.jsonl``,
``speakers.json``, ``conversations.json``, ``corpus.json`` and ``index.json``. One meeting is one conversation.

- utterance id ``{meeting}:{index}``; ``conversation_id`` the id of the meeting's first utterance (ConvoKit's
  convention: a conversation is named by its root); ``reply-to`` (the key ConvoKit writes; ``reply_to`` in its
  API): the first utterance of a turn replies to the latest earlier utterance of another speaker, a later
  utterance of the same turn to the one before it, the first utterance to nothing; ``timestamp`` the start in
  seconds (null without times);
- utterance meta ``leadsignal``: index, end, words, source_line, acts, addressed, interrupts, the idea it
  proposes, the uptakes it gives (idea, kind, score) and the transcript's own metadata;
- speaker meta ``leadsignal``: per meeting id, that meeting's speaker measures (talk share, dominance, influence,
  faction, GCA, ...); an utterance without a speaker is spoken by ``UNKNOWN``;
- conversation meta ``leadsignal``: the meeting (id, source, format, ...), its metrics and factions;
  corpus meta ``leadsignal``: schema, provenance of each meeting.

Import reads such a corpus (ConvoKit's own exports included) back as :class:`~leadsignal.transcript.Meeting`
objects, one per conversation, utterances in timestamp order when every utterance has one, else in file order.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import TranscriptError, excerpt
from ..results import Analysis
from ..signals.turns import other_speaker_indices
from ..transcript import Meeting, Utterance

__all__ = ["UNKNOWN", "write_corpus", "read_corpus", "reply_to", "write_transcripts"]

_KINDS = ("utterances", "speakers", "conversations", "overall")
UNKNOWN = "[unknown]"
"""The ConvoKit speaker id of utterances whose transcript does not say who spoke."""


def reply_to(speakers: list[str | None]) -> list[int | None]:
    """For each utterance, the index of the utterance it replies to (see the module docstring).

    >>> reply_to(["A", "A", "B", "A", None])
    [None, 0, 1, 2, 3]
    """
    previous, _ = other_speaker_indices(speakers)
    out: list[int | None] = []
    for k, speaker in enumerate(speakers):
        if k == 0:
            out.append(None)
        elif speaker is not None and speakers[k - 1] == speaker:
            out.append(k - 1)  # the turn goes on
        else:
            out.append(previous[k] if previous[k] >= 0 else k - 1)
    return out


def write_corpus(analyses: Iterable[Analysis | dict[str, Any]], directory: str | os.PathLike[str]) -> Path:
    """Write analyses (objects or their JSON documents, as ``analyse --json`` and ``batch`` write them) as one
    ConvoKit corpus in ``directory`` (created; existing corpus files in it are replaced). Returns the folder."""
    from ..contract import to_dict

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    speakers: dict[str, dict[str, Any]] = {}
    conversations: dict[str, Any] = {}
    provenance: dict[str, Any] = {}
    seen: set[str] = set()
    with open(out / "utterances.jsonl", "w", encoding="utf-8") as lines:
        for item in analyses:
            data = to_dict(item) if isinstance(item, Analysis) else item
            meeting_id = data["meeting"]["id"]
            if meeting_id in seen:
                raise ValueError(f"two meetings with the id {meeting_id!r}: ConvoKit ids must be unique")
            seen.add(meeting_id)
            rows = data["utterances"]
            root = f"{meeting_id}:0"
            ideas = {i["utterance"]: i["id"] for i in data["ideas"]}
            given: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for idea in data["ideas"]:
                for up in idea["uptakes"]:
                    given[up["utterance"]].append({"idea": idea["id"], "kind": up["kind"], "score": up["score"]})
            targets = reply_to([r["speaker"] for r in rows])
            for row, target in zip(rows, targets, strict=True):
                meta = {
                    "index": row["index"],
                    "end": row["end"],
                    "words": row["words"],
                    "source_line": row["source_line"],
                    "acts": row["acts"],
                    "addressed": row["addressed"],
                    "interrupts": row["interrupts"],
                    "idea": ideas.get(row["index"]),
                    "uptakes": given.get(row["index"], []),
                    "meta": row.get("meta", {}),
                }
                record = {
                    "id": f"{meeting_id}:{row['index']}",
                    "conversation_id": root,
                    "text": row["text"],
                    "speaker": row["speaker"] if row["speaker"] is not None else UNKNOWN,
                    "meta": {"leadsignal": meta},
                    "reply-to": None if target is None else f"{meeting_id}:{target}",
                    "timestamp": row["start"],
                    "vectors": [],
                }
                lines.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
                speakers.setdefault(record["speaker"], {})
            for measures in data["speakers"]:
                speakers.setdefault(measures["name"], {})[meeting_id] = measures
            conversations[root] = {
                "meta": {
                    "leadsignal": {
                        "meeting": data["meeting"],
                        "metrics": data["metrics"],
                        "factions": data["factions"],
                    }
                },
                "vectors": [],
            }
            provenance[meeting_id] = data.get("provenance")
    corpus_meta = {"leadsignal": {"schema": "leadsignal-convokit/1", "provenance": provenance}}
    files = {
        "speakers.json": {name: {"meta": {"leadsignal": per}, "vectors": []} for name, per in speakers.items()},
        "conversations.json": conversations,
        "corpus.json": corpus_meta,
        # ConvoKit's type index of the metadata: one field, "leadsignal", a dict, on every kind of object
        "index.json": {f"{kind}-index": {"leadsignal": ["<class 'dict'>"]} for kind in _KINDS}
        | {"version": 1, "vectors": []},
    }
    for name, content in files.items():
        (out / name).write_text(json.dumps(content, ensure_ascii=False, allow_nan=False), encoding="utf-8")
    return out


def read_corpus(directory: str | os.PathLike[str]) -> list[Meeting]:
    """The conversations of a ConvoKit corpus folder as meetings (see the module docstring).

    Raises TranscriptError naming ``utterances.jsonl`` and the line for anything that is not a ConvoKit utterance.
    """
    folder = Path(directory)
    path = folder / "utterances.jsonl"
    if not path.is_file():
        raise TranscriptError(folder, None, "not a ConvoKit corpus folder (no utterances.jsonl)")
    by_conversation: dict[str, list[tuple[int, str | None, float | None, dict[str, Any]]]] = {}
    with open(path, encoding="utf-8") as f:
        for line_number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise TranscriptError(path, line_number, f"not JSON: {exc}") from None
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise TranscriptError(path, line_number, "an utterance must be an object with a text")
            speaker = record.get("speaker", record.get("user"))
            if not isinstance(speaker, str | type(None)):
                raise TranscriptError(path, line_number, f"speaker {excerpt(speaker)} is not a string")
            stamp = record.get("timestamp")
            start = float(stamp) if isinstance(stamp, int | float) and not isinstance(stamp, bool) else None
            conversation = str(record.get("conversation_id", record.get("root", "")) or "corpus")
            entry = (line_number, None if speaker == UNKNOWN else speaker, start, record)
            by_conversation.setdefault(conversation, []).append(entry)
    meetings = []
    for conversation, entries in by_conversation.items():
        if all(start is not None for _, _, start, _ in entries):
            entries.sort(key=lambda e: e[2] or 0.0)
        utterances = []
        for k, (line_number, speaker, start, record) in enumerate(entries):
            meta: tuple[tuple[str, str], ...] = (("id", str(record.get("id", ""))),)
            if record.get("reply-to") is not None:
                meta += (("reply_to", str(record["reply-to"])),)
            utterances.append(Utterance(k, speaker, record["text"], start, None, line_number, meta))
        meetings.append(Meeting(conversation, tuple(utterances), source=str(path), format="convokit"))
    return meetings


def write_transcripts(meetings: Iterable[Meeting], directory: str | os.PathLike[str]) -> list[Path]:
    """Each meeting as a CSV transcript (speaker, start, text, and the ConvoKit id and reply_to as metadata columns)
    that ``analyse`` and ``batch`` read; file names from the meeting ids, made safe and unique. Returns the files."""
    import csv
    import io
    import re

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for meeting in meetings:
        name = re.sub(r"[^\w.-]+", "_", meeting.id).strip("._")[:80] or "conversation"
        while out / f"{name}.csv" in written:
            name += "_"
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["speaker", "start", "text", "id", "reply_to"])
        for u in meeting.utterances:
            meta = dict(u.meta)
            start = "" if u.start is None else u.start
            writer.writerow([u.speaker or "", start, u.text, meta.get("id", ""), meta.get("reply_to", "")])
        written.append(out / f"{name}.csv")
        written[-1].write_text(buf.getvalue(), encoding="utf-8")
    return written
