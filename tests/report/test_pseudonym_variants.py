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


def test_named_people_who_do_not_speak_are_replaced_when_listed():
    data = {
        "meeting": {"id": "m", "source": "m.txt", "warnings": []},
        "speakers": [{"name": "Bram Jansen"}],
        "utterances": [{"speaker": "Bram Jansen", "text": "Wethouder Karin Bakker wil het rapport van Bakker zien."}],
    }
    out = pseudonymise(data, other_names=["Karin Bakker"])
    assert out["utterances"][0]["text"] == "Wethouder Persoon 1 wil het rapport van Persoon 1 zien."


def test_cli_names_option(tmp_path):
    import subprocess
    import sys

    transcript = tmp_path / "m.txt"
    transcript.write_text("Bram: Karin Bakker belde.\nAnna: Zeg Karin maar dat het goed is.\n", encoding="utf-8")
    names = tmp_path / "namen.txt"
    names.write_text("# niet-sprekers\nKarin Bakker\n", encoding="utf-8")
    out = tmp_path / "r.html"
    cmd = [sys.executable, "-m", "leadsignal", "report", str(transcript), "-o", str(out), "--pseudonymise"]
    proc = subprocess.run([*cmd, "--names", str(names)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert "Karin" not in html and "Bakker" not in html and "Persoon 1" in html


def test_names_in_the_text_are_found_without_a_list():
    data = {
        "meeting": {"id": "m", "source": "m.txt", "warnings": []},
        "speakers": [{"name": "Bram Jansen"}, {"name": "Anna"}],
        "utterances": [
            {"speaker": "Bram Jansen", "text": "Ik sprak Wendy gisteren, en ook Karin Bakker."},
            {"speaker": "Anna", "text": "Zeg Wendy maar dat het via de HR loopt. Bakker weet het."},
        ],
    }
    out = pseudonymise(data, other_names=["Karin Bakker"])
    texts = " ".join(u["text"] for u in out["utterances"])
    assert "Wendy" not in texts and "Bakker" not in texts and "Karin" not in texts
    assert "de HR loopt" in texts  # acronyms stay
    assert out["pseudonymised"] == {
        "speakers": ["Deelnemer A", "Deelnemer B"],
        "order": ["Deelnemer A", "Deelnemer B"],
        "others": [{"label": "Persoon 1", "how": "given"}, {"label": "Persoon 2", "how": "found"}],
    }
    assert pseudonymise(data, detect=False)["utterances"][0]["text"] == data["utterances"][0]["text"]
