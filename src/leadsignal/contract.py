"""The JSON output contract ``leadsignal.analysis/3``: the only code that knows its field names.

- :func:`to_dict` / :func:`to_json` write an :class:`~leadsignal.results.Analysis`; :func:`from_dict` reads one
  back (``to_dict(from_dict(d)) == d``);
- :func:`json_schema` is the JSON Schema of a document, generated from the records of :mod:`leadsignal.results`
  and stored as ``schema/analysis-3.json`` (a test checks that the file and the code agree and validates every
  document the tests produce against it);
- :func:`table_rows` and :func:`arrow_schemas` give the batch tables their rows and one fixed Arrow schema each,
  whatever the corpus holds.

Documents may carry fields added in later versions of schema 1; none changes meaning without a new version.
"""

from __future__ import annotations

import functools
import json
import types
import typing
from dataclasses import MISSING, fields, is_dataclass
from importlib import resources
from typing import Any

import networkx as nx

from .claims import claims
from .labels import ACTS
from .results import (
    Analysis,
    Claim,
    Decision,
    Faction,
    Idea,
    MeetingIndices,
    Provenance,
    SpeakerMeasures,
    UtteranceSignals,
    Window,
)
from .transcript import Meeting, Utterance

__all__ = [
    "SCHEMA",
    "GRAPHS",
    "TABLES",
    "to_dict",
    "to_json",
    "from_dict",
    "utterance_rows",
    "json_schema",
    "stored_json_schema",
    "validate",
    "problem",
    "table_rows",
    "arrow_schemas",
    "schema_markdown",
]

SCHEMA = "leadsignal.analysis/3"
READS = ("leadsignal.analysis/1", "leadsignal.analysis/2", SCHEMA)
"""Schema versions :func:`from_dict` reads: version 1 documents lack act probabilities (they come back None),
versions 1 and 2 lack decisions and claims (read as none)."""
GRAPHS = ("reply", "uptake", "agreement", "leadership", "mention")
TABLES = ("meetings", "speakers", "utterances", "ideas", "windows", "edges", "factions", "decisions", "claims")
EDGE_COUNTS = ("responses", "addresses", "interruptions", "support", "build", "reject", "positive", "negative")
EDGE_TIMES: tuple[tuple[str, Any, str], ...] = (
    ("first_utterance", int, "index of the first utterance behind the edge"),
    ("last_utterance", int, "index of the last utterance behind the edge"),
    ("first_s", float | None, "start (s) of the first utterance behind the edge; absent without times"),
    ("last_s", float | None, "start (s) of the last utterance behind the edge; absent without times"),
)

# The meeting header: (name, type, definition); derived from the transcript and the per-utterance words.
MEETING_FIELDS: tuple[tuple[str, Any, str], ...] = (
    ("id", str, "file name without suffix"),
    ("source", str, "the path read"),
    ("format", str, "the reader used (webvtt, srt, text, json, csv)"),
    ("language", str, "nl"),
    ("n_utterances", int, "number of source units: always what the file holds"),
    ("n_words", int, "whitespace tokens holding a letter or digit"),
    ("n_speakers", int, "named speakers"),
    ("duration_s", float | None, "last end minus first start in seconds; null without times"),
    ("talk_share_basis", str, "time when every utterance has start and end, else words"),
    ("warnings", tuple[str, ...], "what the reader kept but noticed"),
)
# One utterance of the contract: the transcript's fields, then the signals (UtteranceSignals without index).
UTTERANCE_FIELDS: tuple[tuple[str, Any, str], ...] = (
    ("index", int, "0-based position in the file"),
    ("speaker", str | None, "the speaker as written (after aliases); null when the source does not say"),
    ("start", float | None, "seconds, or null"),
    ("end", float | None, "seconds, or null"),
    ("text", str, "the text as written, markup removed"),
    ("words", int, "whitespace tokens holding a letter or digit"),
    ("source_line", int | None, "1-based line of the file where the unit starts"),
    ("acts", tuple[str, ...], "the dialogue acts of the utterance (docs/signals.md)"),
    ("addressed", tuple[str, ...], "the other speakers the utterance addresses by name"),
    ("mentioned", tuple[str, ...], "the other speakers it names without addressing them"),
    ("interrupts", str | None, "the speaker this utterance interrupts, else null"),
    (
        "act_probabilities",
        dict[str, float] | None,
        "the act model's probability (0-1, 4 decimals) of each act, {act: p}; acts holds those at or above the "
        "model's threshold (since schema 2)",
    ),
    ("meta", dict, "what else the source gives for the utterance (a CSV's other columns); only when there is some"),
)
OPTIONAL = (
    "meta",
    "provenance",
    "act_probabilities",
    "decisions",
    "claims",
)  # fields a document may leave out (older versions)


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    """The resolved field types of a record class (resolving them per record made from_dict slow)."""
    return typing.get_type_hints(cls)


def _in_contract(f: Any) -> bool:
    return f.metadata.get("json", True)


def _plain(value: Any) -> Any:
    """A record as JSON-ready data: dataclasses as dicts in field order, tuples as lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value) if _in_contract(f)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


# --------------------------------------------------------------------------------------------------- writing


def utterance_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """One dict per source utterance: the transcript's fields and the utterance's signals."""
    return [
        {
            "index": u.index,
            "speaker": u.speaker,
            "start": u.start,
            "end": u.end,
            "text": u.text,
            "words": s.words,
            "source_line": u.source_line,
            "acts": list(s.acts),
            "addressed": list(s.addressed),
            "mentioned": list(s.mentioned),
            "interrupts": s.interrupts,
            "act_probabilities": None
            if s.act_probabilities is None
            else {act: round(p, 4) for act, p in zip(ACTS, s.act_probabilities, strict=True)},
        }
        | ({"meta": dict(u.meta)} if u.meta else {})
        for u, s in zip(analysis.meeting.utterances, analysis.utterance_signals, strict=True)
    ]


def to_dict(analysis: Analysis) -> dict[str, Any]:
    """The analysis as plain JSON-ready data (docs/schema.md)."""
    m = analysis.meeting
    data = {
        "schema": SCHEMA,
        "meeting": {
            "id": m.id,
            "source": m.source,
            "format": m.format,
            "language": m.language,
            "n_utterances": len(m.utterances),
            "n_words": sum(s.words for s in analysis.utterance_signals),
            "n_speakers": len(m.speakers),
            "duration_s": m.duration_s,
            "talk_share_basis": analysis.talk_share_basis,
            "warnings": list(m.warnings),
        },
        "speakers": _plain(analysis.speaker_measures),
        "utterances": utterance_rows(analysis),
        "ideas": _plain(analysis.ideas),
        "decisions": _plain(analysis.decisions),
        "factions": _plain(analysis.factions),
        "graphs": {name: nx.node_link_data(g, edges="links") for name, g in analysis.networks.items()},
        "metrics": _plain(analysis.indices) | {"windows": _plain(analysis.windows)},
    }
    data["claims"] = _plain(claims(data))  # read off the rest of the document, so always consistent with it
    return data | ({"provenance": _plain(analysis.provenance)} if analysis.provenance is not None else {})


def to_json(analysis: Analysis, indent: int | None = 2) -> str:
    """:func:`to_dict` as a JSON string (UTF-8 text, non-ASCII kept)."""
    return json.dumps(to_dict(analysis), ensure_ascii=False, indent=indent, allow_nan=False)  # strict JSON


# --------------------------------------------------------------------------------------------------- reading


def _record(cls: Any, data: dict[str, Any]) -> Any:
    """A record from its JSON object: nested records and tuples rebuilt from the field types."""
    hints = _hints(cls)
    values = {}
    for f in fields(cls):
        if f.name not in data and (f.default is not MISSING or not _in_contract(f)):
            continue
        values[f.name] = _value(hints[f.name], data[f.name])
    return cls(**values)


def _value(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        kind = next(k for k in typing.get_args(kind) if k is not type(None))
    if typing.get_origin(kind) is tuple:
        item = typing.get_args(kind)[0]
        return tuple(_value(item, v) for v in value)
    if is_dataclass(kind):
        return _record(kind, value)
    return value


def from_dict(data: dict[str, Any]) -> Analysis:
    """An :class:`Analysis` from a document of this schema (as :func:`to_dict` or ``analyse --json`` wrote it).

    Reads the versions in :data:`READS`; raises ValueError for another. Act probabilities are not part of schema 1
    and come back None.
    """
    if data.get("schema") not in READS:
        raise ValueError(f"analysis schema {data.get('schema')!r}, this version reads {', '.join(READS)}")
    m = data["meeting"]
    utterances = data["utterances"]
    meeting = Meeting(
        id=m["id"],
        utterances=tuple(
            Utterance(
                u["index"],
                u["speaker"],
                u["text"],
                u["start"],
                u["end"],
                u["source_line"],
                tuple(u.get("meta", {}).items()),
            )
            for u in utterances
        ),
        source=m["source"],
        format=m["format"],
        language=m["language"],
        warnings=tuple(m["warnings"]),
    )
    metrics = dict(data["metrics"])
    windows = metrics.pop("windows")
    return Analysis(
        meeting=meeting,
        talk_share_basis=m["talk_share_basis"],
        utterance_signals=tuple(_record(UtteranceSignals, _probabilities_as_tuple(u)) for u in utterances),
        speaker_measures=tuple(_record(SpeakerMeasures, s) for s in data["speakers"]),
        ideas=tuple(_record(Idea, i) for i in data["ideas"]),
        decisions=tuple(_record(Decision, d) for d in data.get("decisions", [])),
        factions=tuple(_record(Faction, f) for f in data["factions"]),
        indices=_record(MeetingIndices, metrics),
        windows=tuple(_record(Window, w) for w in windows),
        networks={name: nx.node_link_graph(g, edges="links") for name, g in data["graphs"].items()},
        provenance=_record(Provenance, data["provenance"]) if "provenance" in data else None,
    )


def _probabilities_as_tuple(row: dict[str, Any]) -> dict[str, Any]:
    """An utterance row with its {act: p} as the record's tuple in ACTS order."""
    probabilities = row.get("act_probabilities")
    if probabilities is None:
        return row
    return row | {"act_probabilities": tuple(probabilities[act] for act in ACTS)}


# --------------------------------------------------------------------------------------------------- JSON Schema


def _type_schema(kind: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        inner = _type_schema(options[0], defs)
        if "type" in inner and isinstance(inner["type"], str):
            return inner | {"type": [inner["type"], "null"]}
        return {"anyOf": [inner, {"type": "null"}]}
    if typing.get_origin(kind) is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(kind)[0], defs)}
    if isinstance(kind, type) and is_dataclass(kind):
        name = kind.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = _object_schema(
                [(f.name, _hints(kind)[f.name], f.metadata.get("doc", "")) for f in fields(kind) if _in_contract(f)],
                defs,
                kind.__doc__,
            )
        return {"$ref": f"#/$defs/{name}"}
    simple = {int: {"type": "integer"}, float: {"type": "number"}, str: {"type": "string"}, bool: {"type": "boolean"}}
    if kind is dict:
        return {"type": "object", "additionalProperties": {"type": "string"}}
    if typing.get_origin(kind) is dict:  # {act: probability}
        value = _type_schema(typing.get_args(kind)[1], defs)
        return {"type": "object", "propertyNames": {"enum": list(ACTS)}, "additionalProperties": value}
    return simple[kind]


def _object_schema(
    spec: list[tuple[str, Any, str]] | tuple[tuple[str, Any, str], ...], defs: dict[str, Any], doc: str | None = None
) -> dict[str, Any]:
    properties = {name: _type_schema(kind, defs) | ({"description": text} if text else {}) for name, kind, text in spec}
    out: dict[str, Any] = {"type": "object"}
    if doc:
        out["description"] = " ".join(doc.split())
    required = [name for name, _, _ in spec if name not in OPTIONAL]
    return out | {"properties": properties, "required": required, "additionalProperties": False}


def _fields(cls: Any) -> list[tuple[str, Any, str]]:
    hints = _hints(cls)
    return [(f.name, hints[f.name], f.metadata.get("doc", "")) for f in fields(cls) if _in_contract(f)]


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an analysis document, from the records of :mod:`leadsignal.results`.

    Strict (no undeclared field) so that the documents leadsignal writes and this schema cannot drift apart.
    """
    defs: dict[str, Any] = {}
    node_link = {
        "type": "object",
        "description": "networkx node-link JSON (edges under 'links'); node ids are speaker names",
        "properties": {
            "directed": {"const": True},
            "multigraph": {"const": False},
            "graph": {"type": "object"},
            "nodes": {"type": "array", "items": {"type": "object", "required": ["id"]}},
            "links": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["source", "target", "weight"],  # times: absent in documents before 2026-11-29
                    "properties": {"weight": {"type": "number"}}
                    | {name: _type_schema(kind, defs) | {"description": doc} for name, kind, doc in EDGE_TIMES},
                },
            },
        },
        "required": ["directed", "multigraph", "graph", "nodes", "links"],
    }
    metrics = _object_schema(
        [*_fields(MeetingIndices), ("windows", tuple[Window, ...], "the spread indices per window")], defs
    )
    properties = {
        "schema": {"enum": list(READS)},
        "meeting": _object_schema(MEETING_FIELDS, defs, "The transcript that was read."),
        "speakers": {"type": "array", "items": _type_schema(SpeakerMeasures, defs)},
        "utterances": {"type": "array", "items": _object_schema(UTTERANCE_FIELDS, defs, "One source unit.")},
        "ideas": {"type": "array", "items": _type_schema(Idea, defs)},
        "decisions": {"type": "array", "items": _type_schema(Decision, defs)},
        "factions": {"type": "array", "items": _type_schema(Faction, defs)},
        "graphs": {
            "type": "object",
            "properties": dict.fromkeys(GRAPHS, node_link),
            "required": [g for g in GRAPHS if g not in OPTIONAL],
            "additionalProperties": False,
        },
        "metrics": metrics,
        "claims": {"type": "array", "items": _type_schema(Claim, defs)},
        "provenance": _type_schema(Provenance, defs),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA,
        "title": f"leadsignal analysis, schema {SCHEMA.rsplit('/', 1)[1]} (also reads {', '.join(READS[:-1])})",
        "type": "object",
        "properties": properties,
        "required": [p for p in properties if p not in OPTIONAL],  # documents before 2026-11-28 lack provenance
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def stored_json_schema() -> dict[str, Any]:
    """The JSON Schema shipped with the package (``leadsignal/schema/analysis-3.json``)."""
    text = resources.files("leadsignal").joinpath("schema", "analysis-3.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` is not a valid document of this schema."""
    import jsonschema

    jsonschema.validate(data, stored_json_schema(), cls=jsonschema.Draft202012Validator)


def problem(data: Any) -> str | None:
    """Why ``data`` is not a valid document, in one line (where and what), or None when it is one.

    >>> problem({"schema": SCHEMA})
    "$: 'meeting' is a required property"
    """
    import jsonschema

    validator = jsonschema.Draft202012Validator(stored_json_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is None:
        return None
    return f"{error.json_path}: {error.message[:200]}"


# --------------------------------------------------------------------------------------------------- tables


def table_rows(data: dict[str, Any], file: str, digest: str, json_name: str) -> dict[str, list[dict[str, Any]]]:
    """The rows one analysis document contributes to each batch table (columns as in :func:`arrow_schemas`)."""
    m = data["meeting"]
    key = {"file": file, "hash": digest, "meeting_id": m["id"]} | _provenance_columns(data.get("provenance"))
    meeting = key | {k: v for k, v in m.items() if k not in ("id", "warnings")}
    meeting["n_warnings"] = len(m.get("warnings", ()))
    meeting |= {k: v for k, v in data["metrics"].items() if k != "windows"}
    meeting["json"] = f"json/{json_name}"
    utterances = data["utterances"]  # one per source unit, in order: position = index
    ideas = []
    for idea in data["ideas"]:
        ups = idea["uptakes"]
        ideas.append(
            key
            | {
                "idea": idea["id"],
                "utterance": idea["utterance"],
                "speaker": idea["speaker"],
                "text": utterances[idea["utterance"]]["text"],
                "n_uptakes": len(ups),
                "uptake_utterances": [u["utterance"] for u in ups],
                "uptake_speakers": [u["speaker"] for u in ups],
                "uptake_kinds": [u["kind"] for u in ups],
                "uptake_scores": [u["score"] for u in ups],
            }
        )
    edges = [
        key
        | {"graph": name, "source": link["source"], "target": link["target"], "weight": float(link["weight"])}
        | {count: link.get(count) for count in EDGE_COUNTS}
        | {name: link.get(name) for name, _, _ in EDGE_TIMES}
        for name, graph in data["graphs"].items()
        for link in graph["links"]
    ]
    factions = [
        key | {"faction": f["id"], "n_members": len(f["members"]), "members": f["members"]} for f in data["factions"]
    ]
    return {
        "meetings": [meeting],
        "speakers": [key | s for s in data["speakers"]],
        "utterances": [
            key
            | {k: v for k, v in u.items() if k != "act_probabilities"}
            | {f"p_{act}": (u.get("act_probabilities") or {}).get(act) for act in ACTS}
            | {"meta": json.dumps(u["meta"], ensure_ascii=False) if "meta" in u else None}
            for u in utterances
        ],
        "ideas": ideas,
        "windows": [key | w for w in data["metrics"]["windows"]],
        "edges": edges,
        "factions": factions,
        "decisions": [key | d | {"text": utterances[d["utterance"]]["text"]} for d in data.get("decisions", ())],
        "claims": [key | c for c in data.get("claims", ())],
    }


def _provenance_columns(provenance: dict[str, Any] | None) -> dict[str, Any]:
    names = [name for name, _, _ in _fields(Provenance)]
    return {name: (provenance or {}).get(name) for name in names}


def table_columns() -> dict[str, list[tuple[str, Any]]]:
    """Column names and Python types of each batch table, from the contract (every row carries the provenance)."""
    key: list[tuple[str, Any]] = [("file", str), ("hash", str), ("meeting_id", str)]
    key += [(name, kind) for name, kind, _ in _fields(Provenance)]
    meeting = [(n, k) for n, k, _ in MEETING_FIELDS if n not in ("id", "warnings")]
    indices = [(n, k) for n, k, _ in _fields(MeetingIndices)]
    ideas: list[tuple[str, Any]] = [
        ("idea", str),
        ("utterance", int),
        ("speaker", str | None),
        ("text", str),
        ("n_uptakes", int),
        ("uptake_utterances", tuple[int, ...]),
        ("uptake_speakers", tuple[str | None, ...]),
        ("uptake_kinds", tuple[str, ...]),
        ("uptake_scores", tuple[float, ...]),
    ]
    return {
        "meetings": key + meeting + [("n_warnings", int)] + indices + [("json", str)],
        "speakers": key + [(n, k) for n, k, _ in _fields(SpeakerMeasures)],
        "utterances": key
        + [(n, k) for n, k, _ in UTTERANCE_FIELDS if n not in ("act_probabilities", "meta")]
        + [(f"p_{act}", float | None) for act in ACTS]
        + [("meta", dict)],
        "ideas": key + ideas,
        "windows": key + [(n, k) for n, k, _ in _fields(Window)],
        "edges": key
        + [("graph", str), ("source", str), ("target", str), ("weight", float)]
        + [(count, int | None) for count in EDGE_COUNTS]
        + [(name, int | None if kind is int else kind) for name, kind, _ in EDGE_TIMES],
        "factions": key + [("faction", int), ("n_members", int), ("members", tuple[str, ...])],
        "decisions": key + [(n, k) for n, k, _ in _fields(Decision)] + [("text", str)],
        "claims": key + [(n, k) for n, k, _ in _fields(Claim)],
    }


def _arrow_type(kind: Any) -> Any:
    import pyarrow as pa

    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        kind = next(k for k in typing.get_args(kind) if k is not type(None))
    if typing.get_origin(kind) is tuple:
        return pa.list_(_arrow_type(typing.get_args(kind)[0]))
    return {int: pa.int64(), float: pa.float64(), str: pa.string(), bool: pa.bool_(), dict: pa.string()}[kind]


def arrow_schemas() -> dict[str, Any]:
    """One fixed ``pyarrow.Schema`` per batch table: the same column types for every corpus."""
    import pyarrow as pa

    return {table: pa.schema([(n, _arrow_type(k)) for n, k in cols]) for table, cols in table_columns().items()}


# --------------------------------------------------------------------------------------------------- docs


def schema_markdown() -> str:
    """The field tables of docs/schema.md, generated from :func:`json_schema` (a test keeps the docs equal to it)."""
    schema = json_schema()
    defs = schema["$defs"]
    props = schema["properties"]

    def kind(node: dict[str, Any]) -> str:
        if "$ref" in node:
            return node["$ref"].rsplit("/", 1)[1]
        if "anyOf" in node:
            return " or ".join(kind(n) for n in node["anyOf"])
        if "const" in node:
            return json.dumps(node["const"])
        types_ = node.get("type")
        if types_ == "array":
            return f"[{kind(node['items'])}]"
        return " or ".join(types_) if isinstance(types_, list) else str(types_)

    def table(title: str, node: dict[str, Any]) -> list[str]:
        lines = [f"### {title}", ""]
        if node.get("description"):
            lines += [node["description"], ""]
        lines += ["| field | type | meaning |", "|---|---|---|"]
        for name, field_schema in node["properties"].items():
            text = field_schema.get("description", "").replace("|", "\\|")
            lines.append(f"| `{name}` | {kind(field_schema)} | {text} |")
        return [*lines, ""]

    out = ["<!-- generated by leadsignal.contract.schema_markdown(); do not edit by hand -->", ""]
    out += table("meeting", props["meeting"])
    out += table("speakers[]", defs["SpeakerMeasures"])
    out += table("utterances[]", props["utterances"]["items"])
    out += table("ideas[]", defs["Idea"])
    out += table("ideas[].uptakes[]", defs["Uptake"])
    out += table("factions[]", defs["Faction"])
    out += table("metrics", props["metrics"])
    out += table("metrics.windows[]", defs["Window"])
    out += table("provenance", defs["Provenance"])
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # python -m leadsignal.contract > src/leadsignal/schema/analysis-3.json
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
