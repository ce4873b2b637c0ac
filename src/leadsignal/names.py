"""Speakers' names in text: one matcher, used to find who an utterance names (addressing, :mod:`.signals.turns`)
and to replace names (pseudonymisation, :mod:`.report.pseudonym`). They differ only in the forms they look for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from .lang.nl import NAME_PARTICLES

__all__ = ["NameMatcher", "address_forms", "name_part_forms"]


class NameMatcher:
    """Finds the ``forms`` (lower-cased spelling -> name) in text as whole words (not inside a word or a
    hyphenated compound), ignoring case, the longest form first.

    >>> m = NameMatcher({"anna de vries": "Anna de Vries", "anna": "Anna de Vries"})
    >>> m.names("Anna, wat vind jij? Ja, Anna de Vries."), m.sub("Anna-plan van anna", lambda name: "X")
    (['Anna de Vries'], 'Anna-plan van X')
    """

    def __init__(self, forms: Mapping[str, str]) -> None:
        self.forms = dict(forms)
        alternatives = "|".join(re.escape(f) for f in sorted(self.forms, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", re.IGNORECASE) if self.forms else None

    def names(self, text: str) -> list[str]:
        """The names found in ``text``, each once, in order of first mention."""
        if self.pattern is None:
            return []
        return list(dict.fromkeys(self.forms[m.group(1).lower()] for m in self.pattern.finditer(text)))

    def sub(self, text: str, replace: Callable[[str], str]) -> str:
        """``text`` with every form found replaced by ``replace(name)``."""
        if self.pattern is None:
            return text
        return self.pattern.sub(lambda m: replace(self.forms[m.group(1).lower()]), text)


def address_forms(speakers: Iterable[str]) -> dict[str, str]:
    """How one speaker calls another: the full name, and the first name (3+ letters) when no one else has it.
    Labels without two letters in a row or of the form SPEAKER_00 are not names.

    >>> address_forms(["Anna de Vries", "Anna Bos", "Bram Jansen", "SPEAKER_00"])
    {'anna de vries': 'Anna de Vries', 'anna bos': 'Anna Bos', 'bram jansen': 'Bram Jansen', 'bram': 'Bram Jansen'}
    """
    forms: dict[str, str] = {}
    firsts: dict[str, list[str]] = {}
    for name in speakers:
        if not re.search(r"[^\W\d_]{2}", name) or name.upper().startswith("SPEAKER"):
            continue
        forms[name.lower()] = name
        first = name.split()[0].lower()
        if len(first) >= 3 and first != name.lower():
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
        for part in re.findall(r"[^\W\d_][\w'’-]*", name):
            if len(part) >= 3 and part.lower() not in NAME_PARTICLES:
                parts.setdefault(part.lower(), set()).add(name)
    for part, owners in parts.items():
        if len(owners) == 1:
            forms.setdefault(part, next(iter(owners)))
    return forms
