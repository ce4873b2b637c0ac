"""Microsoft Teams' Word transcript (.docx): both layouts Teams writes, and clear errors for other binaries."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

import pytest

import leadsignal
from leadsignal.errors import TranscriptError
from leadsignal.io import read, read_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(paragraphs: list[str]) -> bytes:
    """A minimal Word document: one w:p per item, '\\n' inside an item as a w:br, '\\t' as a w:tab."""

    def runs(text: str) -> str:
        out = []
        for k, line in enumerate(text.split("\n")):
            if k:
                out.append("<w:br/>")
            for j, piece in enumerate(line.split("\t")):
                if j:
                    out.append("<w:tab/>")
                out.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
        return f"<w:r>{''.join(out)}</w:r>"

    body = "".join(f"<w:p>{runs(p)}</w:p>" for p in paragraphs)
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
    return buf.getvalue()


NEW_TEAMS = [
    "Transcript",
    "12 maart 2026, 10:00",
    "Anna de Vries   0:03",
    "Zullen we beginnen met de planning?",
    "Bram Jansen   0:09",
    "Ja.\nDat doen we om 10:30",  # a line break inside the paragraph; a sentence ending in a time stays speech
    "Anna de Vries   1:02:03",
    "Goed, dan is dat besloten.",
]
OLD_TEAMS = [
    "0:0:0.0 --> 0:0:3.120",
    "Anna de Vries",
    "Zullen we beginnen met de planning?",
    "0:0:3.500 --> 0:0:5.000",
    "Bram Jansen",
    "Ja.",
]


def test_name_and_time_layout():
    m = read_bytes(docx(NEW_TEAMS), "overleg.docx")
    assert m.format == "docx"
    assert [(u.speaker, u.text, u.start) for u in m.utterances] == [
        ("Anna de Vries", "Zullen we beginnen met de planning?", 3.0),
        ("Bram Jansen", "Ja. Dat doen we om 10:30", 9.0),
        ("Anna de Vries", "Goed, dan is dat besloten.", 3723.0),
    ]
    assert [u.source_line for u in m.utterances] == [3, 5, 8]  # paragraph numbers


def test_arrow_layout():
    m = read_bytes(docx(OLD_TEAMS), "overleg.docx")
    assert [(u.speaker, u.text, u.start, u.end) for u in m.utterances] == [
        ("Anna de Vries", "Zullen we beginnen met de planning?", 0.0, 3.12),
        ("Bram Jansen", "Ja.", 3.5, 5.0),
    ]


def test_recognised_by_content_under_any_name(tmp_path):
    path = tmp_path / "export"
    path.write_bytes(docx(NEW_TEAMS))
    assert read(path).format == "docx"
    assert len(leadsignal.analyse(read(path)).utterances) == 3


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (docx(["Notulen", "Iedereen was er."]), "n.docx", "no Teams transcript entries"),
        (b"PK\x03\x04" + b"\x00" * 40, "n.docx", "not a readable .docx"),
        (b"hello", "n.docx", "not a Word document"),
        (b"\x00\x01\x02 binary", "n.bin", "export the transcript as WebVTT (.vtt) or Word (.docx)"),
    ],
)
def test_errors(data, name, reason):
    with pytest.raises(TranscriptError) as info:
        read_bytes(data, name)
    assert reason in info.value.reason


def test_a_zip_that_is_not_word_says_which_export_to_use():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(TranscriptError, match=r"export the transcript as WebVTT \(\.vtt\)"):
        read_bytes(buf.getvalue(), "sheet.xlsx")
