"""What a file really is, from its first bytes, not its name.

A `.pdf` may be a PNG, a `.docx` may be a legacy Word file (which contains a zip, so
`zipfile.is_zipfile` is fooled), a `.html` may be UTF-16. The name's extension is only a
tie-breaker between text formats.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.read.decode import sniff_bom

# (magic bytes, offset, what it is)
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"II*\x00", 0, "TIFF image"),
    (b"MM\x00*", 0, "TIFF image"),
    (b"BM", 0, "BMP image"),
    (b"RIFF", 0, "RIFF media file"),
    (b"\x1f\x8b", 0, "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive"),
    (b"Rar!", 0, "RAR archive"),
    (b"{\\rtf", 0, "RTF document"),
    (b"\x7fELF", 0, "program file"),
    (b"MZ", 0, "Windows program"),
)

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
TEXT_SUFFIXES = {".txt", ".text", ".md", ".csv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def sniff(path: Path, head: bytes) -> str:
    """One of: pdf, zip, ole2, html, text, empty, or a description such as "PNG image"."""
    if not head:
        return "empty"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(ZIP):
        return "zip"
    if head.startswith(OLE2):
        return "ole2"
    for magic, offset, what in _MAGIC:
        if head[offset:offset + len(magic)] == magic:
            return what
    text = _as_text(head)
    if text is None:
        return "binary data"
    lowered = text.lstrip().lower()[:1024]
    suffix = path.suffix.lower()
    looks_html = lowered.startswith(("<!doctype html", "<html", "<head", "<body", "<?xml")) or (
        "<html" in lowered or "<body" in lowered or "<div" in lowered or "<p>" in lowered
    )
    if suffix in HTML_SUFFIXES or (looks_html and suffix not in TEXT_SUFFIXES):
        return "html"
    if "%pdf" in lowered[:64] or suffix == ".pdf" and "obj" in lowered and "endobj" in lowered:
        return "pdf"
    return "text"


def _as_text(head: bytes) -> str | None:
    """The head as text if it plausibly is text (few control bytes), else None."""
    bom = sniff_bom(head)
    if bom:
        return head[bom[1]:].decode(bom[0], errors="replace")
    sample = head[:4096]
    if sample.count(0) > len(sample) // 3:  # UTF-16 without a mark
        try:
            return sample.decode("utf-16-le", errors="replace")
        except Exception:  # noqa: BLE001 - any failure means "not text"
            return None
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if controls > max(8, len(sample) // 10):
        return None
    return sample.decode("utf-8", errors="replace")
