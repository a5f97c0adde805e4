"""Legacy Office containers (OLE2 / Compound File): a password-protected .docx, or a .doc.

Both start with the same eight bytes; what is inside tells them apart. A protected OOXML file
holds `EncryptionInfo` and `EncryptedPackage` streams (the real .docx, encrypted); a Word 97-2003
file holds `WordDocument`. The first can be read when the officer gives its password
(`rules/documents.yaml` `passwords:` or `--password`): `decrypt_ooxml` returns the inner .docx.
No OLE2 format is read directly.
"""

from __future__ import annotations

import io

from pipeline.core.errors import DamagedFile, EncryptedFile, PipelineError, UnsupportedType

_LEGACY: tuple[tuple[str, str, str], ...] = (
    # (stream that identifies it, what it is, what to do)
    (
        "WordDocument",
        "legacy Word 97-2003 (.doc) file, not .docx",
        "open it in Word or LibreOffice and save it as .docx, then put that in inputs/",
    ),
    (
        "Workbook",
        "legacy Excel 97-2003 (.xls) workbook, which is not read",
        "open it in Excel or LibreOffice and save it as .xlsx, then put that in inputs/",
    ),
    (
        "Book",
        "legacy Excel 5.0/95 (.xls) workbook, which is not read",
        "open it in Excel or LibreOffice and save it as .xlsx, then put that in inputs/",
    ),
    (
        "PowerPoint Document",
        "legacy PowerPoint (.ppt) file, not a plan document",
        "save the plan itself as .docx or PDF",
    ),
    (
        "__properties_version1.0",
        "saved Outlook e-mail (.msg), not a document",
        "save the attachment itself (the PDF or Word file) into inputs/",
    ),
)


def ole_streams(data: bytes) -> set[str] | None:
    """Names of the streams in the container ("a/b" for nested ones), or None if it is unreadable."""
    try:
        import olefile

        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return {"/".join(s) for s in ole.listdir(streams=True, storages=False)}
    except Exception:
        return None


def is_encrypted_ooxml(data: bytes) -> bool:
    streams = ole_streams(data)
    return bool(streams) and "EncryptionInfo" in streams and "EncryptedPackage" in streams  # type: ignore[operator]


def describe_ole2(data: bytes) -> PipelineError:
    """The error to report for an OLE2 file that is not a protected .docx given a password."""
    streams = ole_streams(data)
    if streams is None:
        return DamagedFile("damaged legacy Office file (its container cannot be read)")
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        return EncryptedFile("password-protected Word/Office document: a password is needed to open it")
    for marker, reason, remedy in _LEGACY:
        if marker in streams:
            return UnsupportedType(reason, remedy)
    return UnsupportedType("legacy Office (OLE2) file of an unknown kind", "save it as .docx or PDF")


def decrypt_ooxml(data: bytes, password: str | None, what: str = "Word document") -> bytes:
    """The .docx (or .xlsx: `what` names it in messages) inside a password-protected container."""
    if not is_encrypted_ooxml(data):
        raise describe_ole2(data)
    if not password:
        raise EncryptedFile(f"password-protected {what}: a password is needed to open it")
    import msoffcrypto
    from msoffcrypto.exceptions import InvalidKeyError

    out = io.BytesIO()
    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        office.load_key(password=password)
        office.decrypt(out)
    except InvalidKeyError:
        raise EncryptedFile(
            f"password-protected {what}: the password given does not open it",
            "check the password under passwords: in rules/documents.yaml (or --password)",
        ) from None
    except Exception:
        raise DamagedFile(f"damaged password-protected {what} (its encrypted package cannot be read)") from None
    return out.getvalue()
