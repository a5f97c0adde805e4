"""Legacy Office containers (OLE2 / Compound File): a password-protected .docx, or a .doc.

Both start with the same eight bytes; what is inside tells them apart. A protected OOXML file
holds `EncryptionInfo` and `EncryptedPackage` streams; a Word 97-2003 file holds `WordDocument`.
"""

from __future__ import annotations

import io

from pipeline.errors import EncryptedFile, PipelineError, UnsupportedType


def describe_ole2(data: bytes) -> PipelineError:
    """The error to report for an OLE2 file (this pipeline reads no OLE2 format directly)."""
    try:
        import olefile

        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {"/".join(s) for s in ole.listdir()}
    except Exception:  # noqa: BLE001 - a damaged container is reported as legacy/unknown
        streams = set()
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        return EncryptedFile("encrypted Word/Office document: a password is required to open it")
    if "WordDocument" in streams:
        return UnsupportedType(
            "legacy Word 97-2003 (.doc) file, not .docx",
            "open it in Word or LibreOffice and save it as .docx, then put that in inputs/",
        )
    if "Workbook" in streams or "Book" in streams:
        return UnsupportedType("legacy Excel (.xls) file, not a plan document")
    return UnsupportedType("legacy Office (OLE2) file of an unknown kind", "save it as .docx or PDF")
