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
