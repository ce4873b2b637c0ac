"""XML for the readers of TEI, ELAN and similar formats: parsed by expat into ElementTree elements, with the line
where each element starts, and no entity or DTD processing (a transcript is data, never a place for entity
expansion or external references).

>>> root, lines = parse('<a>\\n  <b n="1">x</b>\\n</a>', "t.xml")
>>> [(el.tag, el.get("n"), lines[el]) for el in root.iter()]
[('a', None, 1), ('b', '1', 2)]
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any
from xml.parsers import expat

from ..errors import TranscriptError

__all__ = ["parse", "local", "XML_NS"]

XML_NS = "{http://www.w3.org/XML/1998/namespace}"
"""The ``xml:`` namespace as ElementTree spells it (``xml:id`` is ``XML_NS + "id"``)."""


class _Refused(Exception):
    pass


def _name(raw: str) -> str:
    # expat with namespace_separator=" " gives "uri local"; ElementTree spells it "{uri}local".
    uri, _, local_name = raw.rpartition(" ")
    return f"{{{uri}}}{local_name}" if uri else local_name


def parse(content: str, path: str) -> tuple[ET.Element, dict[ET.Element, int]]:
    """The root element of ``content`` and the 1-based start line of every element.

    Raises TranscriptError with the line for malformed XML and for documents that declare entities or a DTD.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = builder.start(_name(tag), {_name(k): v for k, v in attrs.items()})
        lines[element] = parser.CurrentLineNumber

    def refuse(*_: object) -> Any:
        raise _Refused

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(_name(tag))
    parser.CharacterDataHandler = builder.data
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(content, True)
    except _Refused:
        line = parser.CurrentLineNumber
        raise TranscriptError(path, line, "XML with a DTD or entity declarations is refused") from None
    except expat.ExpatError as exc:
        raise TranscriptError(path, exc.lineno, f"malformed XML: {expat.ErrorString(exc.code)}") from None
    return builder.close(), lines


def local(tag: str) -> str:
    """The element name without its namespace.

    >>> local("{http://www.tei-c.org/ns/1.0}u"), local("TIER")
    ('u', 'TIER')
    """
    return tag.rpartition("}")[2]
