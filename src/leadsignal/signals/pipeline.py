"""The signal pipeline of one meeting: docs -> cue features -> acts -> ideas and uptake, interruptions, addressing.

One :class:`SignalPipeline` holds what is loaded once (spaCy pipeline, cue matcher, encoder) and is reused for
every meeting of a process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IS_ALPHA, IS_STOP, LEMMA, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..labels import ACTS
from ..lang.nl import FILLERS
from ..transcript import Meeting
from .cues import FEATURES, CueExtractor
from .encoders import Encoder, TfidfEncoder, shared_encoder
from .ideas import (
    UPTAKE_FEATURES,
    Idea,
    Uptake,
    UptakeModel,
    candidate_pairs,
    find_ideas,
    kind_of,
    pair_features,
    pair_similarities,
)
from .inference import ActModel, is_punctuated
from .loading import default_models
from .tfidf import Terms
from .turns import Interruption, chair, interruptions, names_said

__all__ = ["SignalPipeline", "SignalResult", "spacy_text", "MAX_TOKEN_CHARS", "MAX_UTTERANCE_CHARS"]

MAX_TOKEN_CHARS = 100
"""Longer runs without white space (no spoken word is that long: "!!!!…", pasted data) go to spaCy cut to this."""
MAX_UTTERANCE_CHARS = 100_000
"""The part of an utterance that goes to spaCy (spaCy refuses 1,000,000 characters and slows on long runs)."""
_LONG_RUN = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")


DEFAULT_PIPES = ["leadsignal_sentencizer", "leadsignal_lemmatizer"]  # leadsignal.nlp.load("blank")


def spacy_text(text: str) -> str:
    """What spaCy, the act model and the text encoders read of an utterance: runs of more than
    :data:`MAX_TOKEN_CHARS` characters without white space cut to that length, the whole cut to
    :data:`MAX_UTTERANCE_CHARS` characters. spaCy's tokeniser is quadratic on long runs of punctuation, and the
    n-grams of a 50 MB line took gigabytes. Only the cue features, acts, content lemmas
    and text vectors see the cut text; the utterance, its word count and everything shown keep the full text.

    >>> spacy_text("Nee" + "!" * 5000) == "Nee" + "!" * 97
    True
    """
    if len(text) > MAX_TOKEN_CHARS:
        text = _LONG_RUN.sub(lambda m: m.group(0)[:MAX_TOKEN_CHARS], text)
    return text[:MAX_UTTERANCE_CHARS]


@dataclass
class SignalResult:
    """Per-utterance acts (and their probabilities), ideas with uptakes, interruptions and addressing."""

    acts: list[list[str]]
    act_probs: np.ndarray
    ideas: list[Idea]
    interruptions: list[Interruption]
    addressed: list[list[str]]
    mentioned: list[list[str]]
    content_lemmas: list[list[str]]
    content_terms: Terms  # the content lemmas tokenised once, for the TF-IDF fits that read them
    chair: str | None  # the speaker who chairs the debate (turns.chair), if any
    text_vectors: np.ndarray | None = None  # every utterance's vector, for encoders that read the text as said


def _named(addressed: list[list[str]], mentioned: list[list[str]]) -> list[list[str]]:
    """Every other speaker each utterance names, addressed or mentioned ("zoals Samira al zei" names the author of
    the idea it takes up as much as "Samira, goed idee")."""
    return [a + m for a, m in zip(addressed, mentioned, strict=True)]


class SignalPipeline:
    """Runs the dialogue-signal layers on a meeting with a loaded spaCy pipeline and encoder."""

    def __init__(self, nlp: Language, encoder: str | Encoder = "tfidf", batch_size: int = 256) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.cue_extractor = CueExtractor(nlp)
        self.encoder = shared_encoder(encoder) if isinstance(encoder, str) else encoder
        self.fillers = {nlp.vocab.strings.add(w) for w in FILLERS}
        # with the default pipeline a token's lemma depends on its form alone, so each form's content lemma (or
        # None) is looked up once per process; a trained pipeline's lemmas depend on context
        self.form_lemmas: dict[int, str | None] | None = {} if nlp.pipe_names == DEFAULT_PIPES else None

    def docs(self, meeting: Meeting) -> list[Doc]:
        """The spaCy docs of the utterances, of :func:`spacy_text` (the utterances themselves are kept whole)."""
        return list(self.nlp.pipe((spacy_text(u.text) for u in meeting.utterances), batch_size=self.batch_size))

    def cues(self, meeting: Meeting, docs: list[Doc]) -> np.ndarray:
        """The cue features of the meeting's utterances from their docs."""
        return self.cue_extractor.transform(docs, [u.speaker for u in meeting.utterances])

    def content_lemmas(self, docs: list[Doc]) -> list[list[str]]:
        """Lemmas of the alphabetic, non-stop, non-filler tokens of each doc."""
        return [self._lemmas(doc) for doc in docs]

    def _lemmas(self, doc: Doc) -> list[str]:
        if not len(doc):
            return []
        if self.form_lemmas is not None:
            known = self.form_lemmas
            orths = doc.to_array(ORTH).tolist()
            for i, orth in enumerate(orths):
                if orth not in known:  # the first time this form is seen
                    known[orth] = self._content_lemma(doc[i])
            return [lemma for lemma in map(known.__getitem__, orths) if lemma is not None]
        strings = self.nlp.vocab.strings
        arr = doc.to_array([LEMMA, LOWER, IS_ALPHA, IS_STOP])
        return [
            strings[int(lem)]
            for lem, low, alpha, stop in arr.tolist()
            if alpha and not stop and low not in self.fillers
        ]

    def _content_lemma(self, token: Token) -> str | None:
        if token.is_alpha and not token.is_stop and token.lower not in self.fillers:
            return token.lemma_
        return None

    def features(self, meeting: Meeting) -> tuple[np.ndarray, list[list[str]]]:
        """Cue features and content lemmas of every utterance, streaming: each spaCy doc is dropped once read, so
        memory does not hold a meeting's docs (1M words: about 0.5 GB of docs)."""
        cues = np.zeros((len(meeting.utterances), len(FEATURES)), dtype=np.float64)
        lemmas: list[list[str]] = []
        texts = (spacy_text(u.text) for u in meeting.utterances)
        for row, doc in zip(cues, self.nlp.pipe(texts, batch_size=self.batch_size), strict=True):
            self.cue_extractor.own_features(doc, row)
            lemmas.append(self._lemmas(doc))
        return self.cue_extractor.add_context(cues, [u.speaker for u in meeting.utterances]), lemmas

    def uptake_candidates(
        self,
        meeting: Meeting,
        ideas: list[int],
        act_probs: np.ndarray,
        acts: np.ndarray,
        model: UptakeModel,
        lemmas: list[list[str]],
        text_vectors: np.ndarray | None = None,
        named: list[list[str]] | None = None,
        terms: Terms | None = None,
    ):
        """Candidate (idea, utterance) pairs and their feature matrix.

        ``lemmas`` are the content lemmas of every utterance; ``text_vectors``, when given, the encoder's vectors
        of every utterance (otherwise the involved utterances are encoded here); ``named``, when given, the
        speakers each utterance names (otherwise found here); ``terms``, when given, the :class:`Terms` of the
        content lemmas (the TF-IDF encoder then does not tokenise them again).
        """
        decisions = {i for i in range(len(acts)) if acts[i, ACTS.index("decision")]}
        pairs = candidate_pairs(meeting, ideas, decisions, model.window, model.window_s)
        if not pairs:
            return pairs, np.zeros((0, len(UPTAKE_FEATURES)))
        if text_vectors is not None:
            sims = pair_similarities(text_vectors, pairs)
        else:
            # TF-IDF is fitted on the utterances it compares: the ideas and their candidates
            involved = sorted({k for pair in pairs for k in pair})
            position = {k: n for n, k in enumerate(involved)}
            if terms is not None and isinstance(self.encoder, TfidfEncoder):
                vectors = self.encoder.encode_rows(terms, involved)
            elif self.encoder.wants == "lemmas":
                vectors = self.encoder.encode([" ".join(lemmas[k]) for k in involved])
            else:
                vectors = self.encoder.encode([meeting.utterances[k].text for k in involved])
            sims = pair_similarities(vectors, [(position[i], position[j]) for i, j in pairs])
        named = named if named is not None else _named(*names_said(meeting))
        X = pair_features(meeting, pairs, sims, [set(x) for x in lemmas], act_probs, ideas, named)
        return pairs, X

    def run(
        self,
        meeting: Meeting,
        acts_model: ActModel | None = None,
        uptake_model: UptakeModel | None = None,
        docs: list[Doc] | None = None,
    ) -> SignalResult:
        """Acts (with probabilities), ideas and uptakes, interruptions and addressing of one meeting."""
        if acts_model is None or uptake_model is None:
            default_acts, default_uptake = default_models()
            acts_model = acts_model or default_acts
            uptake_model = uptake_model or default_uptake
        if docs is None:
            cues, lemmas = self.features(meeting)
        else:
            cues, lemmas = self.cues(meeting, docs), self.content_lemmas(docs)
        texts = [spacy_text(u.text) for u in meeting.utterances]  # the act model and encoders read the same cut
        acts_model = acts_model.for_transcript(is_punctuated(texts))
        probs = acts_model.probabilities(texts, cues)
        del cues
        matrix = (probs >= acts_model.thresholds()).astype(int)
        acts = [[a for a, on in zip(ACTS, row, strict=True) if on] for row in matrix]
        idea_idx = find_ideas(acts)
        # an encoder of the text as said (use, hf:PATH) runs once per meeting; uptake and GCA share its vectors
        text_vectors = self.encoder.encode(texts) if self.encoder.wants == "text" else None
        to, about = names_said(meeting)
        terms = Terms([" ".join(x) for x in lemmas])
        pairs, X = self.uptake_candidates(
            meeting, idea_idx, probs, matrix, uptake_model, lemmas, text_vectors, _named(to, about), terms
        )
        scores = uptake_model.predict_proba(X)
        taken: dict[int, list[Uptake]] = {i: [] for i in idea_idx}
        for (i, j), score in zip(pairs, scores, strict=True):
            if score >= uptake_model.threshold:
                u = meeting.utterances[j]
                taken[i].append(Uptake(j, u.speaker, kind_of(acts[j]), round(float(score), 4)))
        ideas = [Idea(f"I{n + 1}", i, meeting.utterances[i].speaker, tuple(taken[i])) for n, i in enumerate(idea_idx)]
        chaired_by = chair(meeting)
        return SignalResult(
            acts, probs, ideas, interruptions(meeting, chaired_by), to, about, lemmas, terms, chaired_by, text_vectors
        )
