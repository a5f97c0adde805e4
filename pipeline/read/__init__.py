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
    "xlsx": "pipeline.read.sheet.xlsx",
    "ods": "pipeline.read.sheet.ods",
    "csv": "pipeline.read.sheet.delimited",
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
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".ods": "ods",
    ".csv": "csv",
    ".tsv": "csv",
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
        inside = package_kind(data)
        if inside is not None:
            return inside
        if claimed in ("xlsx", "ods"):
            return claimed  # a damaged workbook: its reader says what is wrong with it
        if claimed in (None, "docx") or suffix in (".docx", ".docm"):
            return "docx"
        raise UnsupportedType(f"a zip archive named {suffix or 'without an extension'}, not a document")
    if kind == "ole2":
        from pipeline.read.ole import describe_ole2, is_encrypted_ooxml

        if is_encrypted_ooxml(data):
            # a password-protected .docx or .xlsx (which, only the name tells before decrypting)
            return "xlsx" if claimed == "xlsx" else "docx"
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
        if suffix in (".csv", ".tsv"):
            return "csv"
        if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
            raise UnsupportedType(
                f"not a real {suffix} workbook (it is plain text with a spreadsheet's name)",
                "if it is a CSV file, rename it .csv; otherwise ask the sender for the workbook itself",
            )
        if suffix in (".pptx", ".odt", ".rtf"):
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


def package_kind(data: bytes) -> str | None:
    """What an Office zip package holds, from its part names: "docx", "xlsx", "ods", or None.

    Only the zip directory is read. A Word file named .xlsx is read as Word, a workbook named
    .docx as a workbook: the content decides, as for every other type.
    """
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                kind = archive.read("mimetype").decode("ascii", "replace").strip()
                if kind == "application/vnd.oasis.opendocument.spreadsheet":
                    return "ods"
                return None
    except Exception:
        return None
    if "xl/workbook.xml" in names or any(n.startswith("xl/worksheets/") for n in names):
        return "xlsx"
    if any(n.startswith("word/") for n in names):
        return "docx"
    return None


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
