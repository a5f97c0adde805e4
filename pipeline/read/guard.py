"""What an opener learned about a file that the officer must be told, handed to the reader.

`open_pdf` and `open_docx` return the library's own object (a `pdfplumber.PDF`, a python-docx
`Document`) so the readers stay simple; when opening needed a repair (a rebuilt PDF
cross-reference table, a Word file with a missing part list, Strict OOXML), the opener attaches
notes to that object. The reader copies them into `layout.notes`, where they become findings:

    pdf = open_pdf(data, rules, password)
    layout.notes.extend(opening_notes(pdf))

A note is a `Note` about the whole document, as everywhere in `Layout.notes`.
"""

from __future__ import annotations

import re
import weakref
from typing import TYPE_CHECKING

from pipeline.core.errors import TooLarge
from pipeline.core.model import Note

if TYPE_CHECKING:
    from pipeline.rules import Limits

# Notes live beside the object, not on it: the objects belong to other libraries (and python-docx's
# Document is not hashable, so the key is the object's id, dropped when the object is collected).
_NOTES: dict[int, list[Note]] = {}


def attach_notes(obj: object, notes: list[Note]) -> None:
    """Remember `notes` for `obj` (replacing any earlier ones) for as long as `obj` lives."""
    key = id(obj)
    if key not in _NOTES:
        weakref.finalize(obj, _NOTES.pop, key, None)
    _NOTES[key] = list(notes)


def opening_notes(obj: object) -> list[Note]:
    """The notes the opener attached to `obj` (an empty list if none)."""
    return list(_NOTES.get(id(obj), []))


def check_file_size(size: int, limits: Limits) -> None:
    """Refuse a file over `max_file_mb` before it is read or parsed."""
    if size > limits.max_file_mb * 1024 * 1024:
        raise TooLarge(f"file is {megabytes(size)}, over the {limits.max_file_mb:g} MB limit")


def megabytes(size: int) -> str:
    """A size for a message: "4 096 MB", "1.5 MB"."""
    mb = size / 1024 / 1024
    return f"{mb:,.0f} MB".replace(",", " ") if mb >= 10 else f"{mb:.1f} MB"


# ----------------------------------------------------------------------------- XML prologs

_UTF8_BOM = b"\xef\xbb\xbf"
# How the first bytes of an XML part say it is UTF-16 or UTF-32, with or without a byte-order
# mark (XML 1.0, appendix F), longest first.
_WIDE = (
    (b"\x00\x00\xfe\xff", "utf-32-be", 4),
    (b"\xff\xfe\x00\x00", "utf-32-le", 4),
    (b"\x00\x00\x00<", "utf-32-be", 0),
    (b"<\x00\x00\x00", "utf-32-le", 0),
    (b"\xfe\xff", "utf-16-be", 2),
    (b"\xff\xfe", "utf-16-le", 2),
    (b"\x00<\x00?", "utf-16-be", 0),
    (b"<\x00?\x00", "utf-16-le", 0),
)
_DECLARED_ENCODING = re.compile(r"""(<\?xml[^>]*encoding\s*=\s*["'])[^"']*""")


def xml_as_utf8(xml: bytes) -> bytes:
    """An XML part in UTF-16 or UTF-32 (with or without a byte-order mark) as UTF-8, its
    declaration saying so, so that byte patterns apply to it; other parts as they are."""
    for start, codec, mark in _WIDE:
        if xml.startswith(start):
            text = xml[mark:].decode(codec, errors="replace")
            return _DECLARED_ENCODING.sub(r"\1UTF-8", text, count=1).encode("utf-8")
    return xml


def xml_prolog(xml: bytes) -> tuple[str, int]:
    """What comes after an XML part's prolog, and where: ("doctype", offset) for a document type
    declaration, ("element", offset) for the root element, ("unknown", offset) for anything
    else, or when `xml` (perhaps only the part's first bytes) ends inside the prolog.

    The prolog is read as the XML parser reads it: a byte-order mark, blank space, the XML
    declaration, comments and processing instructions, in any number and order, so that none of
    them can hide a DOCTYPE behind it (a comment holding "<a" included). `xml` is UTF-8
    (`xml_as_utf8`).
    """
    i = len(_UTF8_BOM) if xml.startswith(_UTF8_BOM) else 0
    size = len(xml)
    while True:
        while i < size and xml[i] in b" \t\r\n":
            i += 1
        if xml.startswith(b"<?", i):
            end = xml.find(b"?>", i + 2)
            if end < 0:
                return "unknown", i
            i = end + 2
        elif xml.startswith(b"<!--", i):
            end = xml.find(b"-->", i + 4)
            if end < 0:
                return "unknown", i
            i = end + 3
        elif xml[i : i + 9].upper() == b"<!DOCTYPE":
            return "doctype", i
        elif xml.startswith(b"<", i) and i + 1 < size and _name_start(xml[i + 1]):
            return "element", i
        else:
            return "unknown", i


def _name_start(byte: int) -> bool:
    """Whether an XML name (the root element's) can start with this byte of UTF-8."""
    return chr(byte).isalpha() or byte in b"_:" or byte >= 0x80


def doctype_extent(xml: bytes, start: int) -> tuple[int, bytes] | None:
    """Where the DOCTYPE at `start` ends (just after its '>'), and its internal subset (b"" if it
    has none); None when it does not end.

    Quoted literals, comments and processing instructions are skipped whole, so a '>' or ']'
    inside them does not end it early.
    """
    i, size = start + len(b"<!DOCTYPE"), len(xml)
    subset = b""
    while i < size:
        char = xml[i : i + 1]
        if char in (b'"', b"'"):
            end = xml.find(char, i + 1)
            if end < 0:
                return None
            i = end + 1
        elif char == b"[":
            close = _subset_end(xml, i + 1)
            if close is None:
                return None
            subset, i = xml[i + 1 : close], close + 1
        elif char == b">":
            return i + 1, subset
        else:
            i += 1
    return None


def _subset_end(xml: bytes, i: int) -> int | None:
    """The offset of the ']' that closes an internal subset starting at `i`."""
    size = len(xml)
    while i < size:
        if xml.startswith(b"<!--", i):
            end = xml.find(b"-->", i + 4)
            i = size if end < 0 else end + 3
        elif xml.startswith(b"<?", i):
            end = xml.find(b"?>", i + 2)
            i = size if end < 0 else end + 2
        elif xml[i : i + 1] in (b'"', b"'"):
            end = xml.find(xml[i : i + 1], i + 1)
            i = size if end < 0 else end + 1
        elif xml[i : i + 1] == b"]":
            return i
        else:
            i += 1
    return None
