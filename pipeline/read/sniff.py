"""What a file really is, from its first bytes, not its name.

A `.pdf` may be a PNG, a `.docx` may be a legacy Word file (which contains a zip, so
`zipfile.is_zipfile` is fooled), a `.html` may be UTF-16, a PDF may arrive with a mail header in
front of it or without its `%PDF-` line at all. The name's extension is only a tie-breaker between
text formats.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.read.decode import sniff_bom

# (magic bytes, offset, what it is). Short ASCII magics that also start ordinary sentences
# ("BMJ report", "MZ ...", "BZh") are in _WEAK_MAGIC and count only when the bytes are not text.
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"II*\x00", 0, "TIFF image"),
    (b"MM\x00*", 0, "TIFF image"),
    (b"WEBP", 8, "WebP image"),
    (b"ftypheic", 4, "HEIC photo"),
    (b"ftypmif1", 4, "HEIC photo"),
    (b"RIFF", 0, "RIFF media file"),
    (b"\x1f\x8b", 0, "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive"),
    (b"Rar!", 0, "RAR archive"),
    (b"\xfd7zXZ\x00", 0, "xz archive"),
    (b"{\\rtf", 0, "RTF document"),
    (b"%!PS", 0, "PostScript file"),
    (b"\x7fELF", 0, "program file"),
    (b"\x00\x00\x01\x00", 0, "icon image"),
    (b"ID3", 0, "MP3 audio file"),
    (b"OggS", 0, "Ogg media file"),
    (b"\x1aE\xdf\xa3", 0, "video file"),
    (b"ftyp", 4, "video file"),
    (b"SQLite format 3\x00", 0, "SQLite database"),
)

_WEAK_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"BM", 0, "BMP image"),
    (b"MZ", 0, "Windows program"),
    (b"BZh", 0, "bzip2 archive"),
)

SNIFF_BYTES = 8192  # how much of the file `sniff` is given
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
TEXT_SUFFIXES = {".txt", ".text", ".md", ".csv", ".tsv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

# Viewers accept a PDF whose "%PDF-" line comes after up to 1 KiB of junk (mail or HTTP headers).
PDF_HEADER_WINDOW = 1024
# A PDF whose header line is missing still starts with an object: "1 0 obj", after optional
# whitespace and "%" comment lines (the binary-marker comment is often all that is left).
_HEADERLESS_PDF = re.compile(rb"\A(?:\s|%[^\r\n]*[\r\n])*\d{1,10}\s+\d{1,5}\s+obj\b")
_PDF_OBJECT = re.compile(rb"\b\d{1,10}\s+\d{1,5}\s+obj\b")
_PDF_KEYWORD = re.compile(rb"\b(?:endobj|stream|xref|trailer|startxref)\b")
_HTML_START = ("<!doctype html", "<html", "<head", "<body", "<?xml", "<!--")
_HTML_TAGS = ("<html", "<body", "<div", "<p>", "<p ", "<table", "<h1", "<ul", "<meta", "<title")


def sniff(path: Path, head: bytes) -> str:
    """One of: pdf, zip, ole2, html, text, empty, or a description such as "PNG image".

    `head` is the file's first SNIFF_BYTES bytes (all of it if shorter); `path` is used only for
    its extension.
    """
    if not head:
        return "empty"
    if b"%PDF-" in head[: PDF_HEADER_WINDOW + 5]:
        return "pdf"
    if head.startswith(ZIP):
        return "zip"
    if head.startswith(OLE2):
        return "ole2"
    for magic, offset, what in _MAGIC:
        if head[offset : offset + len(magic)] == magic:
            return what
    if _HEADERLESS_PDF.match(head):
        return "pdf"
    text = _as_text(head)
    if text is None:
        for magic, offset, what in _WEAK_MAGIC:
            if head[offset : offset + len(magic)] == magic:
                return what
        return "binary file of an unknown kind"
    if not text.strip(" \t\r\n\x00\x0b\x0c\ufeff") and len(head) < SNIFF_BYTES:
        return "empty"  # the whole file is spaces, line breaks or zero bytes
    lowered = text.lstrip().lower()[:2048]
    suffix = path.suffix.lower()
    looks_html = lowered.startswith(_HTML_START) or any(tag in lowered for tag in _HTML_TAGS)
    if suffix in HTML_SUFFIXES or (looks_html and suffix not in TEXT_SUFFIXES):
        return "html"
    if suffix == ".pdf" and _PDF_OBJECT.search(head[:PDF_HEADER_WINDOW]) and _PDF_KEYWORD.search(head):
        return "pdf"  # a damaged PDF whose start was overwritten: let the PDF opener try to repair it
    return "text"


def describe(kind: str) -> str:
    """`kind` as a phrase for a message: "PNG image" -> "a PNG image"."""
    names = {"zip": "zip archive", "ole2": "legacy Office file", "html": "web page", "text": "plain text"}
    what = names.get(kind, kind)
    return ("an " if what[:1].lower() in "aeiou" else "a ") + what


def _as_text(head: bytes) -> str | None:
    """The head as text if it plausibly is text (few control bytes), else None."""
    bom = sniff_bom(head)
    if bom:
        return head[bom[1] :].decode(bom[0], errors="replace")
    sample = head[:4096]
    if len(sample) >= 8:
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        half = len(sample) // 2
        if odd > half * 0.8 and even < half * 0.2:  # UTF-16 little-endian without a mark
            return sample.decode("utf-16-le", errors="replace")
        if even > half * 0.8 and odd < half * 0.2:  # big-endian
            return sample.decode("utf-16-be", errors="replace")
    if sample.count(0) == len(sample):
        return "\x00" * len(sample)
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if controls > max(8, len(sample) // 10):
        return None
    return sample.decode("utf-8", errors="replace")
