"""Cue features of each utterance: lexicon matches and light syntax, computed on spaCy docs.

The features are named floats. They feed the transparent rule layer (:func:`rule_acts`) and, as columns next
to TF-IDF n-grams, the learned act classifier. The word lists live in ``leadsignal/lang/nl/*.txt``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from spacy.attrs import IS_PUNCT, LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..lang.nl import SENTENCE_ENDS, groups, lexicon
from .turns import other_speaker_indices

__all__ = ["CueExtractor", "FEATURES", "CUE_LEXICONS", "rule_acts"]

CUE_LEXICONS = ("proposal", "agreement", "disagreement", "decision", "directive")
_OWN = [f"{name}_{kind}" for name in CUE_LEXICONS for kind in ("any", "first", "count")] + [
    "backchannel_only",
    "log_words",
    "short",
    "q_mark",
    "q_end",
    "wh_start",
    "verb_pron",
    "imperative",
    "vocative",
    "second_person",
    "first_plural",
    "first_singular",
    "conditional",
    "negation",
    "starts_ja",
    "starts_nee",
    "starts_maar",
    "ja_maar",
    "n_sentences",
    "laughter",
    "positive",
    "negative",
    "positive_first",
    "negative_first",
    "maar_first",
    "dat_start",
    "modal_we",
    "modal_we_start",
    "ik_modal",
    "als_dan",
    "action_future",
]
_CONTEXT = [
    "q_mark",
    "proposal_any",
    "agreement_any",
    "disagreement_any",
    "decision_any",
    "log_words",
    "backchannel_only",
    "verb_pron",
    "wh_start",
]
FEATURES: tuple[str, ...] = tuple(
    _OWN
    + [f"prev_{f}" for f in _CONTEXT]
    + [f"next_{f}" for f in _CONTEXT]
    + [f"other_{f}" for f in _CONTEXT]
    + [f"reply_{f}" for f in _CONTEXT]
    + ["same_speaker_prev", "same_speaker_next", "speaker_utterance_share", "position", "opening_speaker"]
)
_INDEX = {name: i for i, name in enumerate(FEATURES)}
_FIRST_WINDOW = 4  # a cue "opens" the utterance when it starts within its first four words


class CueExtractor:
    """Computes :data:`FEATURES` for every utterance of a meeting from its docs.

    >>> from leadsignal.nlp import load
    >>> nlp = load()
    >>> docs = list(nlp.pipe(["Zullen we de planning eerst doen?", "Goed idee."]))
    >>> m = CueExtractor(nlp).transform(docs, ["A", "B"])
    >>> float(m[0, FEATURES.index("proposal_first")]), float(m[1, FEATURES.index("agreement_first")])
    (1.0, 1.0)
    """

    def __init__(self, nlp: Language) -> None:
        vocab = nlp.vocab
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        for name in CUE_LEXICONS:
            self.matcher.add(name, [nlp.make_doc(p) for p in sorted(lexicon(name))])
        h = vocab.strings.add
        self.sets = {
            name: {h(w) for w in lexicon(name) if " " not in w}
            for name in (
                "backchannel",
                "question_words",
                "finite_verbs",
                "pronouns",
                "imperatives",
                "fillers",
                "stance_positive",
                "stance_negative",
            )
        }
        self.ends = {h(p) for p in SENTENCE_ENDS}
        self.qmark = h("?")
        self.words = {key: {h(w) for w in words} for key, words in groups("cue_words").items()}
        self.words["modal"] = {h(w) for w in lexicon("modal_verbs")}
        self.words["future"] = {h(w) for w in lexicon("future_markers")}
        self.label = {vocab.strings[name]: name for name in CUE_LEXICONS}

    def own_features(self, doc: Doc, row: np.ndarray) -> None:
        """Fill ``row`` (zeros, len(FEATURES)) with the features of the utterance alone; the pipeline calls this
        doc by doc, so that a meeting's docs need not all be in memory at once."""
        n = len(doc)
        if n == 0:
            return
        arr = doc.to_array([LOWER, IS_PUNCT])
        lowers = arr[:, 0].tolist()
        punct = arr[:, 1].tolist()
        fillers = self.sets["fillers"]
        content_pos = [i for i, (k, p) in enumerate(zip(lowers, punct, strict=True)) if not p and k not in fillers]
        words = [lowers[i] for i in content_pos]
        first_pos = content_pos[_FIRST_WINDOW - 1] if len(content_pos) >= _FIRST_WINDOW else n
        for match_id, start, _ in self.matcher(doc):
            name = self.label[match_id]
            row[_INDEX[f"{name}_any"]] = 1.0
            row[_INDEX[f"{name}_count"]] += 1.0
            if start <= first_pos:
                row[_INDEX[f"{name}_first"]] = 1.0
        n_words = len(words)
        row[_INDEX["log_words"]] = math.log1p(n_words)
        row[_INDEX["short"]] = float(n_words <= 3)
        backchannel = self.sets["backchannel"]
        row[_INDEX["backchannel_only"]] = float(0 < n_words <= 4 and all(w in backchannel for w in words))
        row[_INDEX["q_mark"]] = float(self.qmark in lowers)
        # the last token that is a word or a "?" (so "...?" and "? ..." both end on the question mark)
        last = next((k for k in reversed(lowers) if k not in self.ends or k == self.qmark), None)
        row[_INDEX["q_end"]] = float(last == self.qmark)
        # sentence starts, skipping a vocative "Naam," and fillers
        starts = [0] + [i for i in range(1, n) if lowers[i - 1] in self.ends and lowers[i] not in self.ends]
        row[_INDEX["n_sentences"]] = float(len(starts))
        qwords, verbs, prons, imps = (
            self.sets[k] for k in ("question_words", "finite_verbs", "pronouns", "imperatives")
        )
        comma = self.words["comma"]
        for s in starts:
            i = s
            while i < n and (punct[i] or lowers[i] in fillers):
                i += 1
            if i + 1 < n and lowers[i + 1] in comma and doc[i].is_title and lowers[i] not in verbs:
                row[_INDEX["vocative"]] = 1.0
                i += 2
            if i >= n:
                continue
            if lowers[i] in qwords:
                row[_INDEX["wh_start"]] = 1.0
            if lowers[i] in verbs and i + 1 < n and lowers[i + 1] in prons:
                row[_INDEX["verb_pron"]] = 1.0
            if lowers[i] in imps and not (i + 1 < n and lowers[i + 1] in prons - self.words["second_person"]):
                row[_INDEX["imperative"]] = 1.0
        lw = set(words)
        row[_INDEX["second_person"]] = float(bool(lw & self.words["second_person"]))
        row[_INDEX["first_plural"]] = float(bool(lw & self.words["first_plural"]))
        row[_INDEX["first_singular"]] = float(bool(lw & self.words["first_singular"]))
        row[_INDEX["conditional"]] = float(bool(lw & self.words["conditional"]))
        row[_INDEX["negation"]] = float(bool(lw & self.words["negation"]))
        row[_INDEX["laughter"]] = float(bool(lw & self.words["laughter"]))
        pos, neg = self.sets["stance_positive"], self.sets["stance_negative"]
        row[_INDEX["positive"]] = sum(map(pos.__contains__, words)) / max(1, n_words) * 10
        row[_INDEX["negative"]] = sum(map(neg.__contains__, words)) / max(1, n_words) * 10
        opening = words[:6]
        row[_INDEX["positive_first"]] = float(any(w in pos for w in opening))
        row[_INDEX["negative_first"]] = float(any(w in neg for w in opening))
        row[_INDEX["maar_first"]] = float(any(w in self.words["but"] for w in opening))
        modal, subj = self.words["modal"], self.words["modal_subject"]
        for k, w in enumerate(words):
            if w not in modal:
                continue
            near = set(words[max(0, k - 2) : k + 3])
            if subj & near:
                row[_INDEX["modal_we"]] = 1.0
                if k == 0:
                    row[_INDEX["modal_we_start"]] = 1.0
                if self.words["first_singular_subject"] & near:
                    row[_INDEX["ik_modal"]] = 1.0
        als = [k for k, w in enumerate(words) if w in self.words["if"]]
        row[_INDEX["als_dan"]] = float(bool(als) and any(w in self.words["then"] for w in words[als[0] + 1 :]))
        row[_INDEX["action_future"]] = float(bool(lw & self.words["future"]))
        if words:
            row[_INDEX["dat_start"]] = float(words[0] in self.words["demonstrative"])
            row[_INDEX["starts_ja"]] = float(words[0] in self.words["yes"])
            row[_INDEX["starts_nee"]] = float(words[0] in self.words["no"])
            row[_INDEX["starts_maar"]] = float(words[0] in self.words["but"])
            row[_INDEX["ja_maar"]] = float(
                words[0] in self.words["yes"] and self.words["but"] & set(words[1:3]) != set()
            )

    def transform(self, docs: Sequence[Doc], speakers: Sequence[str | None]) -> np.ndarray:
        """A (n_utterances, len(FEATURES)) matrix for the docs of one meeting, in order."""
        out = np.zeros((len(docs), len(FEATURES)), dtype=np.float64)
        for row, doc in zip(out, docs, strict=True):
            self.own_features(doc, row)
        return self.add_context(out, speakers)

    def add_context(self, out: np.ndarray, speakers: Sequence[str | None]) -> np.ndarray:
        """Complete the own features of a meeting's utterances with their neighbours' (in place; returned)."""
        n = out.shape[0]
        counts: dict[str | None, int] = {}
        for s in speakers:
            counts[s] = counts.get(s, 0) + 1
        ctx = [_INDEX[f] for f in _CONTEXT]
        prev_cols = [_INDEX[f"prev_{f}"] for f in _CONTEXT]
        next_cols = [_INDEX[f"next_{f}"] for f in _CONTEXT]
        if n > 1:
            out[1:, prev_cols] = out[:-1, ctx]
            out[:-1, next_cols] = out[1:, ctx]
        other_cols = [_INDEX[f"other_{f}"] for f in _CONTEXT]
        reply_cols = [_INDEX[f"reply_{f}"] for f in _CONTEXT]
        previous, following = other_speaker_indices(speakers)
        for i in range(n):
            if previous[i] >= 0:
                out[i, other_cols] = out[previous[i], ctx]
            if following[i] >= 0:
                out[i, reply_cols] = out[following[i], ctx]
        for i, s in enumerate(speakers):
            out[i, _INDEX["same_speaker_prev"]] = float(i > 0 and speakers[i - 1] == s)
            out[i, _INDEX["same_speaker_next"]] = float(i + 1 < n and speakers[i + 1] == s)
            out[i, _INDEX["speaker_utterance_share"]] = counts[s] / n
            out[i, _INDEX["position"]] = i / max(1, n - 1)
            out[i, _INDEX["opening_speaker"]] = float(s is not None and s == speakers[0])
        return out


def rule_acts(features: np.ndarray) -> list[list[str]]:
    """The transparent rule layer: acts from cue features alone (no learning).

    >>> row = np.zeros((1, len(FEATURES))); row[0, FEATURES.index("q_end")] = 1
    >>> rule_acts(row)
    [['question']]
    """
    f = {name: features[:, i] for name, i in _INDEX.items()}
    out: list[list[str]] = []
    for i in range(features.shape[0]):
        acts = []
        backchannel = f["backchannel_only"][i] > 0
        if backchannel and f["agreement_first"][i] == 0:
            acts.append("backchannel")
        if f["q_end"][i] or f["wh_start"][i] or f["verb_pron"][i]:
            acts.append("question")
        if f["proposal_first"][i] or (f["proposal_any"][i] and f["conditional"][i] and f["first_plural"][i]):
            acts.append("proposal")
        if not backchannel and (f["agreement_first"][i] and not f["disagreement_first"][i]):
            acts.append("agreement")
        if f["ja_maar"][i] or f["starts_nee"][i] or f["disagreement_first"][i] and f["negation"][i]:
            acts.append("disagreement")
        if f["decision_first"][i]:
            acts.append("decision")
        if f["directive_any"][i] or f["imperative"][i] or f["vocative"][i] and f["second_person"][i]:
            acts.append("directive")
        out.append(acts)
    return out
