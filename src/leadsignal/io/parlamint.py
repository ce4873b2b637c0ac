"""ParlaMint TEI: one session file (``<TEI>``) of the CLARIN comparable corpora of parliamentary debates.

One ``<u>`` is one utterance; its text is its ``<seg>`` paragraphs (notes, gaps and incidents inside are transcriber
material and left out). Speakers, parties, roles and coalition side come from the corpus's ``listPerson`` and
``listOrg`` files, looked up beside the session or up to two folders above it (``ParlaMint-NL/2017/x.xml`` finds
``ParlaMint-NL/ParlaMint-NL-listPerson.xml``), as the ParlaMint releases lay them out. Each utterance's ``meta``
holds ``who`` (the person id), ``role`` (``chair``, ``regular``, ``guest`` or the corpus's own speaker type),
``party``, ``side`` (``coalition``, ``opposition``, ``government``) when the lists say so at the session's date,
``lang`` and the ``u``'s ``xml:id``. The linguistically annotated ``.ana.xml`` form (``<w>`` and ``<pc>`` tokens) is
read too. Sessions carry no times.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from .. import cache
from ..errors import TranscriptError
from ..transcript import Utterance
from ._common import Parsed
from ._xml import XML_NS, local, parse

NAME = "parlamint"
SUFFIXES = (".xml",)
DESCRIPTION = (
    "ParlaMint TEI session (<TEI> with <u who=...>); names, parties, chair and coalition side from the corpus's "
    "listPerson/listOrg files beside it"
)

TEI = "{http://www.tei-c.org/ns/1.0}"
_NOT_SPEECH = {"note", "gap", "incident", "kinesic", "vocal", "head", "desc"}
_SPEAKER_TYPES = ("chair", "regular", "guest")


def sniff(text: str) -> bool:
    """A TEI document (``<TEI`` in the TEI namespace) near the start of the file."""
    head = text[:4000]
    return "tei-c.org/ns/1.0" in head and ("<TEI" in head or "<teiCorpus" in head)


def read(text: str, path: str) -> Parsed:
    """One utterance per ``<u>`` of a ParlaMint session; raises TranscriptError for anything else."""
    root, lines = parse(text, path)
    if local(root.tag) == "teiCorpus":
        raise TranscriptError(path, 1, "this is the corpus root (teiCorpus); give one session file (<TEI>) of it")
    if root.tag != TEI + "TEI":
        raise TranscriptError(path, 1, f"not a TEI session: the root element is <{local(root.tag)}>")
    body = root.find(f"{TEI}text")
    if body is None:
        raise TranscriptError(path, lines[root], "TEI session without <text>")
    parsed = Parsed()
    date = _session_date(root)
    corpus = _corpus_lists(path, root.get(XML_NS + "id", "") or Path(path).stem)
    if corpus is None:
        parsed.warnings.append(
            f"{path}: no listPerson/listOrg of the corpus beside the session; names come from the person ids, "
            "without parties"
        )
    default_lang = body.get(XML_NS + "lang") or root.get(XML_NS + "lang") or ""
    gap_before = ""
    for element in body.iter():
        if element.tag == TEI + "gap":
            gap_before = element.get("reason", "gap")
            continue
        if element.tag != TEI + "u":
            continue
        who = element.get("who", "").strip().lstrip("#")
        person = corpus.persons.get(who) if corpus is not None and who else None
        speaker = person.name if person is not None else (_name_from_id(who) if who else None)
        text, langs = _speech(element, element.get(XML_NS + "lang") or default_lang)
        meta = [("who", who)] if who else []
        role = _role(element.get("ana", ""))
        if role:
            meta.append(("role", role))
        if person is not None and corpus is not None:
            party, side = corpus.affiliation(person, date)
            meta += [(k, v) for k, v in (("party", party), ("side", side)) if v]
        if langs:
            meta.append(("lang", ",".join(langs)))
        if element.get(XML_NS + "id"):
            meta.append(("id", element.get(XML_NS + "id", "")))
        if gap_before:
            meta.append(("gap_before", gap_before))
            parsed.warnings.append(
                f"{path}:{lines[element]}: material left out before this turn ({gap_before} gap): "
                "the turns on either side were not adjacent"
            )
            gap_before = ""
        parsed.utterances.append(
            Utterance(len(parsed.utterances), speaker, text, None, None, lines[element], tuple(meta))
        )
    if not parsed.utterances:
        raise TranscriptError(path, lines[body], "TEI session without utterances (<u>)")
    return parsed


def _speech(u: ET.Element, lang: str) -> tuple[str, list[str]]:
    """The text of a ``<u>``'s segments, one paragraph each, and the languages they are in."""
    paragraphs, langs = [], []
    segments = [child for child in u if child.tag == TEI + "seg"] or [u]
    for seg in segments:
        words = _words(seg)
        if words:
            paragraphs.append(words)
            seg_lang = seg.get(XML_NS + "lang") or lang
            if seg_lang and seg_lang not in langs:
                langs.append(seg_lang)
    return "\n".join(paragraphs), langs


def _words(element: ET.Element) -> str:
    parts: list[str] = []

    def walk(el: ET.Element) -> None:
        name = local(el.tag)
        if name in ("w", "pc"):  # .ana.xml tokens: spaced unless joined (join="right"/"left"/"both")
            join = el.get("join", "")
            if join in ("left", "both") and parts:
                parts[-1] = parts[-1].rstrip()
            parts.append((el.text or "") + ("" if join in ("right", "both") else " "))
            return
        if name in _NOT_SPEECH:  # transcriber material; its tail is speech again
            return
        parts.append(el.text or "")
        for child in el:
            walk(child)
            if child.tail and (local(child.tag) not in ("w", "pc") or child.tail.strip()):
                parts.append(child.tail)

    walk(element)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _role(ana: str) -> str:
    tokens = [t.lstrip("#") for t in ana.split() if t.startswith("#")]
    return next((t for t in tokens if t in _SPEAKER_TYPES), tokens[0] if tokens else "")


def _name_from_id(who: str) -> str:
    """``KhadijaArib`` -> ``Khadija Arib``: a readable name when the person list is missing."""
    return re.sub(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])", " ", who)


def _session_date(root: ET.Element) -> str:
    for path in (f".//{TEI}sourceDesc/{TEI}bibl/{TEI}date", f".//{TEI}settingDesc//{TEI}date"):
        found = root.find(path)
        if found is not None and found.get("when"):
            return found.get("when", "")
    return ""


def _within(date: str, start: str | None, end: str | None) -> bool:
    """Is the ISO ``date`` inside [start, end]? A missing bound is open; ``2017`` covers all of 2017."""
    if not date:
        return start is None and end is None
    return (start is None or date[: len(start)] >= start) and (end is None or date[: len(end)] <= end)


@dataclass
class _Person:
    name: str
    affiliations: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)  # role, ref, from, to


@dataclass
class _Corpus:
    persons: dict[str, _Person]
    orgs: dict[str, tuple[str, str]]  # id -> (role, abbreviated name)
    relations: list[tuple[str, set[str], str | None, str | None]]  # name, parties, from, to

    def affiliation(self, person: _Person, date: str) -> tuple[str, str]:
        """The person's parliamentary group and its side (coalition, opposition, government) at ``date``."""
        party, side = "", ""
        for role, ref, start, end in person.affiliations:
            if not _within(date, start, end):
                continue
            org_role = self.orgs.get(ref, ("", ""))[0]
            if role == "member" and (org_role == "parliamentaryGroup" or (not self.orgs and ref.startswith("party."))):
                party = ref
            elif org_role == "government" and not side:
                side = "government"
        if party:
            for name, parties, start, end in self.relations:
                if party in parties and name in ("coalition", "opposition") and _within(date, start, end):
                    side = name
                    break
        return (self.orgs.get(party, ("", party))[1] or party, side)


def _corpus_lists(path: str, session_id: str) -> _Corpus | None:
    prefix = session_id.split("_", 1)[0]
    if not prefix.startswith("ParlaMint") or path.startswith("<"):
        return None
    folder = Path(path).resolve().parent
    for directory in (folder, folder.parent, folder.parent.parent):
        persons = directory / f"{prefix}-listPerson.xml"
        if persons.is_file():
            orgs = directory / f"{prefix}-listOrg.xml"
            # cached by content: a batch over hundreds of sessions reads the lists once
            return _Corpus(
                cache.load_model("parlamint-persons", persons, _load_persons),
                *(cache.load_model("parlamint-orgs", orgs, _load_orgs) if orgs.is_file() else ({}, [])),
            )
    return None


def _load_persons(path: Path) -> dict[str, _Person]:
    """The corpus's persons by id, with their affiliations."""
    root, _ = parse(path.read_text(encoding="utf-8"), str(path))
    persons = {}
    for person in root.iter(TEI + "person"):
        pid = person.get(XML_NS + "id", "")
        name_el = person.find(TEI + "persName")
        record = _Person((_person_name(name_el) if name_el is not None else "") or _name_from_id(pid))
        for aff in person.iter(TEI + "affiliation"):
            record.affiliations.append(
                (aff.get("role", ""), aff.get("ref", "").lstrip("#"), aff.get("from"), aff.get("to"))
            )
        persons[pid] = record
    return persons


def _load_orgs(path: Path) -> tuple[dict[str, tuple[str, str]], list[tuple[str, set[str], str | None, str | None]]]:
    """The corpus's organisations (id -> role, abbreviated name) and coalition/opposition relations."""
    root, _ = parse(path.read_text(encoding="utf-8"), str(path))
    orgs: dict[str, tuple[str, str]] = {}
    for org in root.iter(TEI + "org"):
        abbreviations = [n.text or "" for n in org.findall(TEI + "orgName") if n.get("full") == "abb"]
        names = abbreviations or [n.text or "" for n in org.findall(TEI + "orgName")]
        orgs[org.get(XML_NS + "id", "")] = (org.get("role", ""), names[0].strip() if names else "")
    relations = []
    for rel in root.iter(TEI + "relation"):
        members = {m.lstrip("#") for m in (rel.get("mutual") or rel.get("active") or "").split()}
        relations.append((rel.get("name", ""), members, rel.get("from"), rel.get("to")))
    return orgs, relations


def _person_name(pers_name: ET.Element) -> str:
    """Forenames first, then name links and surnames in document order: ``Cem Laçin``, ``Wouter De Vriendt``."""
    fore = [el.text.strip() for el in pers_name if local(el.tag) == "forename" and el.text]
    rest = [el.text.strip() for el in pers_name if local(el.tag) in ("surname", "nameLink") and el.text]
    name = " ".join(fore + rest)
    return name or re.sub(r"\s+", " ", "".join(pers_name.itertext())).strip()
