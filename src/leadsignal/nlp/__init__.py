"""The Dutch NLP layer: a spaCy pipeline loaded once per process.

By default ``spacy.blank("nl")`` with a sentencizer and a simplemma-backed lemmatizer (no download needed);
a trained Dutch pipeline (``nl_core_news_sm`` and friends) is used when it is installed and asked for.
Token extensions (all with the ``ls_`` prefix) are computed on demand:

- ``ls_is_filler``: a spoken filler ("eh", "uhm", "nou" as filler); see lexicons/fillers.txt;
- ``ls_is_content``: an alphabetic, non-stop-word, non-filler token (what uptake overlap counts).
"""

from __future__ import annotations

from functools import lru_cache

import simplemma
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..errors import ModelError
from ..lexicons import lexicon

__all__ = ["load", "register_extensions", "is_filler", "is_content", "DEFAULT"]

DEFAULT = "blank"


def is_filler(token: Token) -> bool:
    """True for a spoken filler; "nou" only at the start of an utterance or before a comma."""
    lower = token.lower_
    if lower not in lexicon("fillers"):
        return False
    if lower == "nou":
        doc = token.doc
        return token.i == 0 or (token.i + 1 < len(doc) and doc[token.i + 1].is_punct)
    return True


def is_content(token: Token) -> bool:
    """True for an alphabetic token that is neither a stop word nor a filler."""
    return token.is_alpha and not token.is_stop and not is_filler(token)


def register_extensions() -> None:
    """Declare the ``ls_`` token extensions; safe to call more than once."""
    for name, getter in (("ls_is_filler", is_filler), ("ls_is_content", is_content)):
        if not Token.has_extension(name):
            Token.set_extension(name, getter=getter)


class SimplemmaLemmatizer:
    """Sets ``token.lemma_`` from simplemma's Dutch lemmas, cached per lower-case form."""

    def __init__(self, lang: str = "nl") -> None:
        self.lang = lang
        self.cache: dict[str, str] = {}

    def lemma(self, lower: str) -> str:
        lemma = self.cache.get(lower)
        if lemma is None:
            lemma = simplemma.lemmatize(lower, lang=self.lang).lower() if lower.isalpha() else lower
            self.cache[lower] = lemma
        return lemma

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            token.lemma_ = self.lemma(token.lower_)
        return doc


@Language.factory("leadsignal_lemmatizer", assigns=["token.lemma"])
def make_lemmatizer(nlp: Language, name: str) -> SimplemmaLemmatizer:
    return SimplemmaLemmatizer(nlp.lang)


@lru_cache(maxsize=4)
def load(model: str = DEFAULT) -> Language:
    """The pipeline: ``"blank"`` (default) or the name/path of an installed spaCy Dutch pipeline.

    Cached: each process loads a pipeline once.

    >>> nlp = load()
    >>> [t.lemma_ for t in nlp("We gingen naar de vergaderingen")]
    ['we', 'gaan', 'naar', 'de', 'vergadering']
    """
    register_extensions()
    if model == DEFAULT:
        nlp = spacy.blank("nl")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("leadsignal_lemmatizer")
        return nlp
    try:
        return spacy.load(model, exclude=["ner"])
    except OSError as exc:
        raise ModelError(f"spaCy pipeline {model!r} is not installed ({exc}); use the default 'blank'") from None
