"""Speakers' names in text: one matcher, used to find who an utterance names (addressing, :mod:`.signals.turns`)
and to replace names (pseudonymisation, :mod:`.report.pseudonym`). They differ only in the forms they look for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping

from .lang.nl import NAME_PARTICLES

__all__ = ["WORD", "NameMatcher", "address_forms", "fold", "name_part_forms", "names_in_text"]


WORD = re.compile(r"[^\W\d_][\w'’-]*")
"""A word as names are made of: a letter, then letters, digits, apostrophes and hyphens."""


def fold(text: str) -> str:
    """The key two spellings of a name share: case-folded, accents and dots removed ("İlker", "ilker" and
    "ILKER" all give "ilker").

    >>> fold("İlker"), fold("Özdemir"), fold("ÉLODIE")
    ('ilker', 'ozdemir', 'elodie')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class NameMatcher:
    """Finds the ``forms`` (a spelling -> name) in text, ignoring case, the longest form first.

    By default a form counts as a whole word: not inside a word or a hyphenated compound (addressing: "Bram, wat
    vind jij?"). With ``loose=True`` (pseudonymisation) it also counts inside a compound or an e-mail address
    ("Jansen-rapport", "p.jansen@gemeente.nl") and with a possessive s ("Brams idee", "Bram's"; a bare s only
    after four letters or more: "lees" is a verb, not Lee's).

    >>> m = NameMatcher({"anna de vries": "Anna de Vries", "anna": "Anna de Vries"})
    >>> m.names("Anna, wat vind jij? Ja, Anna de Vries."), m.sub("Anna-plan van anna", lambda name: "X")
    (['Anna de Vries'], 'Anna-plan van X')
    >>> NameMatcher({"anna": "Anna"}, loose=True).sub("Annas plan, het Anna-plan, anna@x.nl", lambda name: "X")
    "X's plan, het X-plan, X@x.nl"
    """

    def __init__(self, forms: Mapping[str, str], loose: bool = False) -> None:
        self.forms = {fold(form): name for form, name in forms.items()}
        # as given, as the name is written, and folded ("i̇lker", the lower case of "İlker", does not match "ilker")
        spellings = dict.fromkeys([*forms, *forms.values(), *self.forms])
        spellings = {s: None for s in spellings if fold(s) in self.forms}
        alternatives = "|".join(re.escape(f) for f in sorted(spellings, key=len, reverse=True))
        if not spellings:
            self.pattern = None
        elif loose:
            self.pattern = re.compile(rf"(?<![^\W_])({alternatives})(['’]s|s)?(?![^\W_])", re.IGNORECASE)
        else:
            self.pattern = re.compile(rf"(?<![\w-])({alternatives})()(?![\w-])", re.IGNORECASE)

    def _name(self, found: str) -> str | None:
        return self.forms.get(fold(found))

    def names(self, text: str) -> list[str]:
        """The names found in ``text``, each once, in order of first mention."""
        if self.pattern is None:
            return []
        found = (self._name(m.group(1)) for m in self.pattern.finditer(text))
        return [name for name in dict.fromkeys(found) if name is not None]

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """Every name found in ``text`` with where it is: (name, start, end), in order."""
        if self.pattern is None:
            return []
        found = ((self._name(m.group(1)), m.start(1), m.end(1)) for m in self.pattern.finditer(text))
        return [(name, start, end) for name, start, end in found if name is not None]

    def sub(self, text: str, replace: Callable[[str], str]) -> str:
        """``text`` with every form found replaced by ``replace(name)`` (a possessive s becomes "'s")."""
        if self.pattern is None:
            return text

        def swap(m: re.Match[str]) -> str:
            name = self._name(m.group(1))
            if name is None:
                return m.group(0)
            suffix = m.group(2) or ""
            if suffix[:1] in "sS" and suffix and len(m.group(1)) < 4:  # "Lees" is no possessive of "Lee"
                return m.group(0)
            return replace(name) + ("'s" if suffix else "")

        return self.pattern.sub(swap, text)


def address_forms(speakers: Iterable[str]) -> dict[str, str]:
    """How one speaker calls another: the full name, and the first name (3+ letters, not a particle such as the
    "van" of "Van Eijs") when no one else has it.
    Labels without two letters in a row or of the form SPEAKER_00 are not names.

    >>> forms = address_forms(["Anna de Vries", "Anna Bos", "Bram Jansen", "SPEAKER_00", "Van Eijs"])
    >>> list(forms.items())[3:]
    [('van eijs', 'Van Eijs'), ('bram', 'Bram Jansen')]
    >>> forms["anna bos"]
    'Anna Bos'
    """
    forms: dict[str, str] = {}
    firsts: dict[str, list[str]] = {}
    for name in speakers:
        if not re.search(r"[^\W\d_]{2}", name) or name.upper().startswith("SPEAKER"):
            continue
        forms[name.lower()] = name
        first = name.split()[0].lower()
        if len(first) >= 3 and first != name.lower() and first not in NAME_PARTICLES:  # not "van" of "Van Eijs"
            firsts.setdefault(first, []).append(name)
    for first, names in firsts.items():
        if len(names) == 1 and first not in forms:
            forms[first] = names[0]
    return forms


def name_part_forms(names: Iterable[str]) -> dict[str, str]:
    """Every way a name may identify its owner in text: the full name, and each part of three letters or more
    that is not a name particle (lang/nl/name_particles.txt) and belongs to one name only.

    >>> name_part_forms(["Jan de Vries", "Jan Bos"])
    {'jan de vries': 'Jan de Vries', 'jan bos': 'Jan Bos', 'vries': 'Jan de Vries', 'bos': 'Jan Bos'}
    """
    forms: dict[str, str] = {}
    parts: dict[str, set[str]] = {}
    for name in names:
        forms[name.lower()] = name
        for part in WORD.findall(name):
            if len(part) >= 3 and part.lower() not in NAME_PARTICLES:
                parts.setdefault(part.lower(), set()).add(name)
    for part, owners in parts.items():
        if len(owners) == 1:
            forms.setdefault(part, next(iter(owners)))
    return forms


_SENTENCE_START = re.compile(r"(^|[.!?:;…\"“”‘(\[]\s*|\s[-–—]\s*)$")


def names_in_text(texts: Iterable[str], known: Iterable[str] = ()) -> list[str]:
    """Words that look like people's names in ``texts``, for pseudonymisation: capitalised where a sentence does
    not start, written in lower case nowhere in the texts, not in capitals only (acronyms), three letters or more,
    not a name particle and not a part of a ``known`` name. It over-reaches on purpose (places and organisations
    are found too): a name left in a pseudonymised page is worse than a place replaced.

    >>> names_in_text(["We vragen het Karin en Wendy.", "Ja, Wendy weet het. Dat doen we via Teams en de HR.",
    ...                "Bel teams maar."], known=["Bram Jansen"])
    ['Karin', 'Wendy']
    """
    known_parts = {fold(p) for name in known for p in WORD.findall(name)}
    lower: set[str] = set()
    found: dict[str, None] = {}
    for text in texts:
        for m in WORD.finditer(text):
            word = m.group(0)
            if word[0].islower():
                lower.add(fold(word))
            elif (
                len(word) >= 3
                and not word.isupper()
                and not _SENTENCE_START.search(text[: m.start()])
                and word.lower() not in NAME_PARTICLES
                and not {fold(word), fold(re.sub(r"(['’]?s)$", "", word))} & known_parts  # "Brams": Bram's
            ):
                found.setdefault(word.rstrip("'’-"), None)
    return [w for w in found if fold(w) not in lower]
