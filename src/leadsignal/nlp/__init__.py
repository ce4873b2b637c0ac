"""The Dutch NLP layer: a spaCy pipeline loaded once per process.

By default ``spacy.blank("nl")`` with a punctuation sentencizer and a simplemma-backed lemmatizer (no download needed);
a trained Dutch pipeline (``nl_core_news_sm`` and friends) is used when it is installed and asked for.
"""

from __future__ import annotations

from functools import lru_cache

import numpy
import simplemma
import spacy
from spacy.attrs import LEMMA, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .. import cache
from ..errors import ModelError
from ..lang.nl import SENTENCE_ENDS

__all__ = ["load", "DEFAULT"]

DEFAULT = "blank"


class SimplemmaLemmatizer:
    """Sets ``token.lemma_`` from simplemma's Dutch lemmas, cached per lower-case form.

    Works on the doc's attribute arrays (hash in, hash out) rather than on Token objects: creating a Python
    Token per word cost more than the tokeniser itself (profiled on the 1M-word benchmark).
    """

    def __init__(self, vocab: Vocab, lang: str = "nl") -> None:
        self.strings = vocab.strings
        self.lang = lang
        self.cache: dict[str, str] = {}
        self.hash_cache: dict[int, int] = {}

    def lemma(self, lower: str) -> str:
        """The lemma of a lower-case form (itself when it has no letters or simplemma knows none)."""
        lemma = self.cache.get(lower)
        if lemma is None:
            lemma = simplemma.lemmatize(lower, lang=self.lang).lower() if lower.isalpha() else lower
            self.cache[lower] = lemma
        return lemma

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        lowers = doc.to_array(LOWER).tolist()
        cache = self.hash_cache
        try:
            lemmas = [cache[key] for key in lowers]
        except KeyError:
            for key in lowers:
                if key not in cache:
                    cache[key] = self.strings.add(self.lemma(self.strings[key]))
            lemmas = [cache[key] for key in lowers]
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))  # type: ignore[arg-type]
        return doc


class PunctSentencizer:
    """Sentence starts after '.', '!', '?' or '…' (and runs of them): spaCy's sentencizer rule on arrays (every
    other token is marked as no start, as spaCy's own sentencizer does).

    >>> from leadsignal.nlp import load
    >>> [s.text for s in load()("Goed. Zullen we beginnen?! Ja").sents]
    ['Goed.', 'Zullen we beginnen?!', 'Ja']
    """

    ENDS = SENTENCE_ENDS

    def __init__(self, vocab: Vocab) -> None:
        self.ends = {vocab.strings.add(p) for p in self.ENDS}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        ends = self.ends
        orths = doc.to_array(ORTH).tolist()
        starts = [1] + [
            1 if before in ends and orth not in ends else -1 for before, orth in zip(orths, orths[1:], strict=False)
        ]
        values = numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1)  # -1 as spaCy stores it
        doc.from_array([SENT_START], values)  # type: ignore[arg-type]
        return doc


@Language.factory("leadsignal_lemmatizer", assigns=["token.lemma"])
def make_lemmatizer(nlp: Language, name: str) -> SimplemmaLemmatizer:
    """spaCy factory of the simplemma lemmatizer component."""
    return SimplemmaLemmatizer(nlp.vocab, nlp.lang or "nl")


@Language.factory("leadsignal_sentencizer", assigns=["token.is_sent_start", "doc.sents"])
def make_sentencizer(nlp: Language, name: str) -> PunctSentencizer:
    """spaCy factory of the punctuation sentencizer component."""
    return PunctSentencizer(nlp.vocab)


@cache.register
@lru_cache(maxsize=4)
def load(model: str = DEFAULT) -> Language:
    """The pipeline: ``"blank"`` (default) or the name/path of an installed spaCy Dutch pipeline.

    Cached: each process loads a pipeline once.

    >>> nlp = load()
    >>> [t.lemma_ for t in nlp("We gingen naar de vergaderingen")]
    ['we', 'gaan', 'naar', 'de', 'vergadering']
    """
    if model == DEFAULT:
        nlp = spacy.blank("nl")
        nlp.add_pipe("leadsignal_sentencizer")
        nlp.add_pipe("leadsignal_lemmatizer")
        return nlp
    try:
        return spacy.load(model, exclude=["ner"])
    except OSError as exc:
        raise ModelError(f"spaCy pipeline {model!r} is not installed ({exc}); use the default 'blank'") from None
