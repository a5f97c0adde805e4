"""Bytes to text for text and HTML files, whatever their encoding.

Order of trust:
1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. UTF-16 without a mark (every other byte zero);
3. UTF-8, if the bytes are valid UTF-8 (plain ASCII is);
4. a charset the file declares (`<meta charset>`, `http-equiv`, or an XML declaration), if the
   bytes decode under it. A declared UTF-8 that the bytes contradict is not believed;
5. otherwise Windows-1252, the web's default for unlabelled Western pages (the WHATWG standard
   also reads "iso-8859-1" and "us-ascii" labels as Windows-1252, so smart quotes and the euro
   sign come out right). Bytes that form valid UTF-8 sequences inside such a file (a page pasted
   together from two sources) are still read as UTF-8, so neither half turns into mojibake.

Never raises: undecodable bytes are dropped, and U+FFFD (the mark of text damaged before it
reached us) is removed, so neither reaches the outputs; how many characters went is counted
(`Decoded.dropped`), and the reader says so in a finding (`undecodable_notes`). A file with a
UTF-8 mark whose bytes are not all UTF-8 is read as such a mixed page is (step 5), so that a
stray Windows-1252 "é" is kept rather than dropped.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from pipeline.core.model import DOCUMENT, Note

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
# Labels the WHATWG Encoding Standard maps to windows-1252.
_WINDOWS_1252_LABELS = {"latin-1", "iso8859-1", "ascii", "cp1252"}
# Declared codecs not honoured: UTF-8 (already tried), UTF-16/32 named in a page that has no
# mark and no NUL pattern (the standard reads such labels as UTF-8), and codecs that are not
# plain text encodings or are unsafe to take from a document.
_REFUSED = {
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "utf-32-le",
    "utf-32-be",
    "utf-7",
    "idna",
    "punycode",
    "raw-unicode-escape",
    "unicode-escape",
    "mbcs",
}
_UTF8_LEAD = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def sniff_bom(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark names, and the mark's length."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset the file names for itself (HTML meta or XML declaration), as a Python codec."""
    match = _XML_ENCODING.search(data[:1024]) or _META_CHARSET.search(data[:8192])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii", "ignore")).name
    except (LookupError, ValueError):
        return None


class Decoded(NamedTuple):
    """A file's text, the encoding it was read in, and how many characters could not be decoded."""

    text: str
    encoding: str
    dropped: int


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding used). Never raises; never returns U+FFFD for bad bytes."""
    text, encoding, _dropped = decode_counted(data, declared)
    return text, encoding


def decode_counted(data: bytes, declared: str | None = None) -> Decoded:
    """The text, the encoding used and the characters dropped. Never raises; never returns U+FFFD."""
    bom = sniff_bom(data)
    if bom:
        name, size = bom
        errors = "cp1252-fallback" if name == "utf-8" else "replace"
        return _strip_replacement(data[size:].decode(name, errors=errors), name)
    utf16 = _utf16_without_mark(data)
    if utf16:
        return _strip_replacement(data.decode(utf16, errors="replace"), utf16)
    try:
        return _strip_replacement(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    codec = _codec(declared) if declared else declared_charset(data)
    if codec and codec not in _REFUSED and codec not in _WINDOWS_1252_LABELS:
        try:
            return _strip_replacement(data.decode(codec), codec)
        except (UnicodeDecodeError, LookupError, ValueError, TypeError):
            pass
    if _UTF8_LEAD.search(data):
        return _strip_replacement(data.decode("utf-8", errors="cp1252-fallback"), "utf-8+cp1252")
    return _strip_replacement(data.decode("cp1252", errors="cp1252-fallback"), "cp1252")


def undecodable_notes(decoded: Decoded) -> list[Note]:
    """A finding for the characters that could not be decoded, if any (none for a clean file)."""
    if not decoded.dropped:
        return []
    return [
        Note(
            "warning",
            "undecodable-characters",
            DOCUMENT,
            f"{decoded.dropped} character(s) that are not valid text in the file's encoding "
            f"({decoded.encoding}) were left out — check the text against the original.",
        )
    ]


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):
        return None


def _strip_replacement(text: str, encoding: str) -> Decoded:
    """The text without U+FFFD (bad bytes, or text damaged before it reached us), counted."""
    dropped = text.count("\ufffd")
    return Decoded(text.replace("\ufffd", "") if dropped else text, encoding, dropped)


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Error handler: read each undecodable byte as Windows-1252; the five bytes that
    Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD, to be counted
    and dropped."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return bytes(chunk).decode("cp1252", errors="replace"), error.end


codecs.register_error("cp1252-fallback", _cp1252_fallback)


def _utf16_without_mark(data: bytes) -> str | None:
    """UTF-16 without a mark: every other byte NUL in the first few hundred bytes."""
    sample = data[:400]
    if len(sample) < 8:
        return None
    half = len(sample) // 2
    odd_nuls, even_nuls = sample[1::2].count(0), sample[0::2].count(0)
    if odd_nuls > half * 0.8 and even_nuls < half * 0.1:
        return "utf-16-le"
    if even_nuls > half * 0.8 and odd_nuls < half * 0.1:
        return "utf-16-be"
    return None
