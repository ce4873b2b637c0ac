"""Every encoding and line ending we promise to read gives the same meeting."""

from __future__ import annotations

import pytest

from leadsignal.io import read_bytes

TEXT = "Anna: Dat is één idee, Noël.\nBram: Ja, prima — café om 10:00?\n"
EXPECTED = [("Anna", "Dat is één idee, Noël."), ("Bram", "Ja, prima — café om 10:00?")]

ENCODINGS = {
    "utf-8": TEXT.encode("utf-8"),
    "utf-8 BOM": b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
    "utf-16 LE BOM": TEXT.encode("utf-16"),
    "utf-16 BE BOM": b"\xfe\xff" + TEXT.encode("utf-16-be"),
    "windows-1252": TEXT.encode("cp1252"),
    "utf-8 CRLF": TEXT.replace("\n", "\r\n").encode("utf-8"),
    "utf-8 CR": TEXT.replace("\n", "\r").encode("utf-8"),
    "windows-1252 CRLF": TEXT.replace("\n", "\r\n").encode("cp1252"),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_encoding(encoding):
    m = read_bytes(ENCODINGS[encoding], "m.txt")
    assert [(u.speaker, u.text) for u in m.utterances] == EXPECTED


@pytest.mark.parametrize("encoding", ["utf-8 BOM", "utf-16 LE BOM", "windows-1252 CRLF"])
def test_encoding_in_other_formats(encoding):
    vtt = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v Noël>Één café.</v>\n"
    data = {
        "utf-8 BOM": b"\xef\xbb\xbf" + vtt.encode(),
        "utf-16 LE BOM": vtt.encode("utf-16"),
        "windows-1252 CRLF": vtt.replace("\n", "\r\n").encode("cp1252"),
    }[encoding]
    m = read_bytes(data, "m.vtt")
    assert [(u.speaker, u.text) for u in m.utterances] == [("Noël", "Één café.")]
    csv_text = "spreker,tekst\nNoël,Één café.\n"
    data = csv_text.encode("utf-16") if "16" in encoding else b"\xef\xbb\xbf" + csv_text.encode()
    assert read_bytes(data, "m.csv").utterances[0].speaker == "Noël"
