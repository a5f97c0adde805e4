"""Bytes to text for text and HTML files, whatever their encoding.

Order of trust: a byte-order mark; then UTF-8 if the bytes are valid UTF-8; then a charset the
file declares (HTML), if the bytes decode under it; then Windows-1252, the web's default for
unlabelled Western pages (every byte decodes, so this never fails). A declared charset that
the bytes contradict (`<meta charset=utf-8>` over Windows-1252 bytes) is not believed.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


def sniff_bom(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark names, and the mark's length."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding used). Never raises."""
    bom = sniff_bom(data)
    if bom:
        name, size = bom
        return data[size:].decode(name, errors="replace"), name
    if _looks_utf16(data):
        return data.decode("utf-16-le", errors="replace"), "utf-16-le"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared is None:
        match = _META_CHARSET.search(data[:4096])
        declared = match.group(1).decode("ascii", "ignore") if match else None
    if declared:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = None
        if codec and codec not in ("utf-8", "ascii"):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                pass
    return data.decode("cp1252", errors="replace").replace("\ufffd", ""), "cp1252"


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a mark: every other byte NUL in the first few hundred bytes."""
    sample = data[:400]
    if len(sample) < 8:
        return False
    odd_nuls = sample[1::2].count(0)
    return odd_nuls > len(sample) // 2 * 0.8 and sample[0::2].count(0) < len(sample) // 20
