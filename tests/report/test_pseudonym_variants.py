"""Pseudonymisation measured on name variants: every variant of a speaker's name is replaced, ordinary words are not."""

from __future__ import annotations

from leadsignal.report.pseudonym import pseudonymise

SPEAKERS = ["Bram Jansen", "Anne de Vries", "İlker Yılmaz", "Joost van der Lee"]
VARIANTS = [  # (text, what must be gone from it)
    ("Dat was Brams idee.", "Bram"),
    ("Annes voorstel staat.", "Anne"),
    ("Bram's planning klopt.", "Bram"),
    ("ilker had gelijk.", "ilker"),
    ("İLKER had gelijk.", "İLKER"),
    ("Zoals İlker zei.", "İlker"),
    ("Mail b.jansen@gemeente.nl even.", "jansen"),
    ("Het Jansen-rapport ligt er.", "Jansen"),
    ("De motie-Yılmaz is aangenomen.", "Yılmaz"),
    ("Volgens De Vries niet.", "Vries"),
]
ORDINARY = ["Ik lees het stuk.", "Dat is van de gemeente.", "De wind waait."]  # "lees" is no possessive of Lee


def _pseudonymised(texts: list[str]) -> list[str]:
    data = {
        "meeting": {"id": "m", "source": "m.txt", "warnings": []},
        "speakers": [{"name": n} for n in SPEAKERS],
        "utterances": [{"speaker": "Bram Jansen", "text": t} for t in texts],
    }
    return [u["text"] for u in pseudonymise(data)["utterances"]]


def test_every_variant_is_replaced():
    out = _pseudonymised([t for t, _ in VARIANTS])
    leaks = [(text, gone) for text, (_, gone) in zip(out, VARIANTS, strict=True) if gone.casefold() in text.casefold()]
    assert leaks == []
    assert out[0] == "Dat was Deelnemer A's idee."
    assert out[6] == "Mail b.Deelnemer A@gemeente.nl even."


def test_ordinary_words_are_kept():
    assert _pseudonymised(ORDINARY) == ORDINARY
