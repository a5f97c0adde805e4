"""Readers: one per format, one signature `read(path, data, rules, password) -> Layout`, one table.

The format is decided here, from the file's first bytes, and nowhere else; readers are
imported only when a file of their format turns up (start-up stays fast).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from pipeline.core.errors import DamagedFile, EmptyFile, NotAPdf, PipelineError, UnsupportedType
from pipeline.core.layout import Layout
from pipeline.read.sniff import SNIFF_BYTES, describe, sniff
from pipeline.rules import Rules

# format -> module holding read()
READERS = {
    "pdf": "pipeline.read.pdf.reader",
    "docx": "pipeline.read.docx.reader",
    "html": "pipeline.read.html",
    "txt": "pipeline.read.text.reader",
}

SUFFIX_FORMAT = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".docm": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "txt",
    ".text": "txt",
}


def detect_format(path: Path, data: bytes) -> str:
    """The reader to use for these bytes, or a PipelineError saying why there is none."""
    kind = sniff(path, data[:SNIFF_BYTES])
    suffix = path.suffix.lower()
    claimed = SUFFIX_FORMAT.get(suffix)
    if kind == "empty":
        raise EmptyFile("empty file (0 bytes)" if not data else "empty file (only blank space)")
    if kind == "pdf":
        return "pdf"
    if kind == "zip":
        if claimed in (None, "docx") or suffix in (".docx", ".docm"):
            return "docx"
        raise UnsupportedType(f"a zip archive named {suffix or 'without an extension'}, not a document")
    if kind == "ole2":
        from pipeline.read.ole import describe_ole2, is_encrypted_ooxml

        if is_encrypted_ooxml(data):
            return "docx"  # a password-protected .docx: open_docx decrypts it when given the password
        raise describe_ole2(data)
    if kind == "html":
        return "html"
    if kind == "text":
        if claimed == "pdf":
            raise NotAPdf("not a PDF (no %PDF header; looks like text)")
        if claimed == "docx":
            raise DamagedFile(
                "not a valid Word file (.docx is a zip; this is plain text)", "save it again from Word as .docx"
            )
        if suffix in (".xlsx", ".xls", ".csv", ".pptx", ".odt", ".ods", ".rtf"):
            raise UnsupportedType(f"{suffix} files are not supported (and this one is really text)")
        return "txt"
    # an image, archive or other binary
    if claimed == "pdf":
        raise NotAPdf(f"not a PDF (looks like {describe(kind)})", "ask the sender for the PDF itself")
    if claimed == "docx":
        raise DamagedFile(
            f"not a valid Word file (looks like {describe(kind)})", "ask the sender for the Word document"
        )
    raise UnsupportedType(f"not a document this pipeline reads (looks like {describe(kind)})")


def read(path: Path, rules: Rules, data: bytes | None = None, password: str | None = None) -> Layout:
    """Read any supported file into a Layout; every failure is a PipelineError."""
    if data is None:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise PipelineError("file not found", "check the name and that it is in inputs/") from None
        except IsADirectoryError:
            raise UnsupportedType("is a folder, not a file") from None
        except PermissionError:
            raise PipelineError("cannot be read (permission denied)", "check the file's permissions") from None
    fmt = detect_format(path, data)
    module = importlib.import_module(READERS[fmt])
    return module.read(path, data, rules, password)
