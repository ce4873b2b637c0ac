"""ELAN annotation documents (``.eaf``): one top-level tier per speaker, one time-aligned annotation per utterance.

The speaker is the tier's ``PARTICIPANT`` (its ``TIER_ID`` when that is empty). Dependent tiers (``PARENT_REF``:
translations, glosses) are not speech and are left out, with a warning naming them. Utterances are put in time
order across tiers by their position in the document's ``TIME_ORDER``, so an annotation whose time slot has no
value keeps its place; such an utterance has no time.
"""

from __future__ import annotations

from ..errors import TranscriptError, excerpt
from ..transcript import Utterance
from ._common import Parsed
from ._xml import parse

NAME = "elan"
SUFFIXES = (".eaf",)
DESCRIPTION = "ELAN .eaf: a top-level tier per speaker (PARTICIPANT or TIER_ID), time-aligned annotations"


def sniff(text: str) -> bool:
    """An ``ANNOTATION_DOCUMENT`` root near the start."""
    return "<ANNOTATION_DOCUMENT" in text[:2000]


def read(text: str, path: str) -> Parsed:
    """One utterance per alignable annotation of a top-level tier, in time order; raises TranscriptError."""
    root, lines = parse(text, path)
    if root.tag != "ANNOTATION_DOCUMENT":
        raise TranscriptError(path, 1, f"not an ELAN document: the root element is <{root.tag}>")
    header = root.find("HEADER")
    scale = 1000.0 if header is None or header.get("TIME_UNITS", "milliseconds") == "milliseconds" else 1.0
    order: dict[str, int] = {}
    times: dict[str, float | None] = {}
    for k, slot in enumerate(root.iter("TIME_SLOT")):
        slot_id = slot.get("TIME_SLOT_ID", "")
        value = slot.get("TIME_VALUE")
        order[slot_id] = k
        try:
            times[slot_id] = None if value is None else int(value) / scale
        except ValueError:
            raise TranscriptError(path, lines[slot], f"TIME_VALUE {excerpt(value)} is not a whole number") from None
    parsed = Parsed()
    found = []
    dependent = []
    for tier_number, tier in enumerate(root.iter("TIER")):
        tier_id = tier.get("TIER_ID", "")
        if tier.get("PARENT_REF"):
            dependent.append(tier_id)
            continue
        speaker = (tier.get("PARTICIPANT") or "").strip() or tier_id.strip() or None
        for annotation in tier.iter("ALIGNABLE_ANNOTATION"):
            refs = annotation.get("TIME_SLOT_REF1", ""), annotation.get("TIME_SLOT_REF2", "")
            for ref in refs:
                if ref not in order:
                    raise TranscriptError(path, lines[annotation], f"time slot {excerpt(ref)} is not in TIME_ORDER")
            start, end = times[refs[0]], times[refs[1]]
            if start is not None and end is not None and end < start:
                raise TranscriptError(path, lines[annotation], f"annotation ends ({end}) before it starts ({start})")
            value_el = annotation.find("ANNOTATION_VALUE")
            said = " ".join((value_el.text or "").split()) if value_el is not None else ""
            found.append(((order[refs[0]], tier_number), speaker, said, start, end, lines[annotation], tier_id))
    if dependent:
        parsed.warnings.append(f"{path}: dependent tier(s) left out (not speech): {', '.join(dependent[:10])}")
    for _, speaker, said, start, end, line, tier_id in sorted(found, key=lambda f: f[0]):
        meta = (("tier", tier_id),) if tier_id != speaker else ()
        parsed.utterances.append(Utterance(len(parsed.utterances), speaker, said, start, end, line, meta))
    return parsed
