"""Decompression bombs in PDFs, found before the text extractor meets them.

A 7 KB PDF can hold a page whose content stream inflates to 4 GiB; pdfminer would inflate it in
one piece and die of memory. Here every stream the text extractor will decode (page contents,
form XObjects, fonts, CMaps, patterns, Type 3 glyphs: everything reachable from a page's
/Contents and /Resources, except images, which text extraction never decodes) is inflated in
64 KiB pieces and only counted; the first one over `rules.limits.max_stream_mb` stops the file
with TooLarge. The walk is iterative (no recursion, however deep the file nests) and visits each
indirect object once (reference loops end).

Filters handled: FlateDecode, LZWDecode, RunLengthDecode, ASCIIHexDecode, ASCII85Decode, in any
chain. Streams that also use an image filter (DCT, JPX, JBIG2, CCITT) are images and skipped; a
stream whose data is damaged is measured as far as it decodes (what to do with damaged content
is the reader's business).
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from pipeline.core.errors import TooLarge
from pipeline.read.guard import megabytes

CHUNK = 1 << 16
# Keys that lead away from what text extraction decodes (up the tree, to annotations,
# thumbnails, metadata, structure) are not followed.
_SKIP_KEYS = frozenset(
    {
        "/Parent",
        "/P",
        "/Annots",
        "/Thumb",
        "/Metadata",
        "/PieceInfo",
        "/B",
        "/StructParents",
        "/StructTreeRoot",
        "/ParentTree",
        "/Pg",
        "/Dest",
        "/A",
        "/AA",
        "/OpenAction",
        "/Outlines",
        "/SMask",
        "/Mask",
        "/AcroForm",
        "/Names",
        "/EmbeddedFiles",
    }
)
_FILTER_NAMES = {
    "/FlateDecode": "flate",
    "/Fl": "flate",
    "/LZWDecode": "lzw",
    "/LZW": "lzw",
    "/RunLengthDecode": "rl",
    "/RL": "rl",
    "/ASCIIHexDecode": "hex",
    "/AHx": "hex",
    "/ASCII85Decode": "a85",
    "/A85": "a85",
}
MAX_NODES = 2_000_000  # a walk this long is itself a sign of abuse; the worker's time limit takes over


def check_stream_sizes(pdf: Any, cap_bytes: int) -> None:
    """Raise TooLarge if a stream the text extractor will decode unpacks to more than `cap_bytes`.

    `pdf` is an open `pikepdf.Pdf`.
    """
    import pikepdf

    seen: set[tuple[int, int]] = set()
    stack: list[Any] = []
    try:
        stack.extend(page.obj for page in pdf.pages)
    except Exception:
        return
    nodes = 0
    while stack and nodes < MAX_NODES:
        obj = stack.pop()
        nodes += 1
        try:
            if obj.is_indirect:
                key = obj.objgen
                if key in seen:
                    continue
                seen.add(key)
            if isinstance(obj, pikepdf.Stream):
                if _is_image(obj):
                    continue
                _check_stream(obj, cap_bytes)
                stack.extend(_children(obj))
            elif isinstance(obj, (pikepdf.Dictionary, pikepdf.Array)):
                stack.extend(_children(obj))
        except TooLarge:
            raise
        except Exception:
            continue


def _children(obj: Any) -> Iterator[Any]:
    import pikepdf

    if isinstance(obj, pikepdf.Array):
        for item in obj:
            if isinstance(item, (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream)):
                yield item
        return
    for key in list(obj.keys()):
        if key in _SKIP_KEYS:
            continue
        try:
            value = obj.get(key)
        except Exception:
            continue
        if isinstance(value, (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream)):
            yield value


def _is_image(stream: Any) -> bool:
    return str(stream.get("/Subtype", "")) == "/Image" or str(stream.get("/Type", "")) == "/XImage"


def _filters(stream: Any) -> list[str] | None:
    """The stream's filters as short names, or None if one is not a size-changing text filter."""
    import pikepdf

    value = stream.get("/Filter")
    if value is None:
        return []
    names = [str(v) for v in value] if isinstance(value, pikepdf.Array) else [str(value)]
    out = []
    for name in names:
        short = _FILTER_NAMES.get(name)
        if short is None:
            return None  # an image codec or encryption filter: not decoded for text
        out.append(short)
    return out


def _check_stream(stream: Any, cap_bytes: int) -> None:
    filters = _filters(stream)
    if not filters:
        return  # stored as is (its size is bounded by the file's) or not decoded for text
    raw = stream.read_raw_bytes()
    chunks: Iterable[bytes] = [raw]
    for name in filters:
        chunks = _DECODERS[name](chunks, cap_bytes)
    total = 0
    for piece in chunks:
        total += len(piece)
        if total > cap_bytes:
            raise TooLarge(
                f"a compressed part of this PDF unpacks to more than {megabytes(cap_bytes)} "
                "(a 'decompression bomb', or an extraordinarily heavy page)",
                "ask the sender for a normal copy; if the file is genuine, raise max_stream_mb in rules/limits.yaml",
            )


def _bounded(chunks: Iterable[bytes], cap_bytes: int) -> bytes:
    """Join chunks, stopping a little past the cap (the caller then reports the overflow)."""
    out = bytearray()
    for piece in chunks:
        out += piece
        if len(out) > cap_bytes:
            break
    return bytes(out)


def _inflate(chunks: Iterable[bytes], cap_bytes: int) -> Iterator[bytes]:
    decoder = zlib.decompressobj()
    produced = 0
    try:
        for chunk in chunks:
            data = chunk
            while data and not decoder.eof:
                piece = decoder.decompress(data, CHUNK)
                data = decoder.unconsumed_tail
                if piece:
                    produced += len(piece)
                    yield piece
                if produced > cap_bytes:
                    return
            if decoder.eof:
                return
        while not decoder.eof:  # input ended; drain what zlib still holds
            piece = decoder.decompress(b"", CHUNK)
            if not piece:
                return
            produced += len(piece)
            yield piece
            if produced > cap_bytes:
                return
    except zlib.error:
        return  # damaged data: measured as far as it goes


def _lzw(chunks: Iterable[bytes], cap_bytes: int) -> Iterator[bytes]:
    from pdfminer.lzw import LZWDecoder

    produced = 0
    try:
        for piece in LZWDecoder(io.BytesIO(_bounded(chunks, cap_bytes))).run():
            produced += len(piece)
            yield piece
            if produced > cap_bytes:
                return
    except Exception:
        return


def _run_length(chunks: Iterable[bytes], cap_bytes: int) -> Iterator[bytes]:
    data = _bounded(chunks, cap_bytes)
    i, produced = 0, 0
    while i < len(data) and produced <= cap_bytes:
        length = data[i]
        if length == 128:  # end of data
            return
        if length < 128:
            piece = data[i + 1 : i + 2 + length]
            i += 2 + length
        else:
            piece = data[i + 1 : i + 2] * (257 - length)
            i += 2
        produced += len(piece)
        yield piece


def _ascii_hex(chunks: Iterable[bytes], cap_bytes: int) -> Iterator[bytes]:
    from pdfminer.ascii85 import asciihexdecode

    try:
        yield asciihexdecode(_bounded(chunks, cap_bytes))
    except Exception:
        return


def _ascii85(chunks: Iterable[bytes], cap_bytes: int) -> Iterator[bytes]:
    from pdfminer.ascii85 import ascii85decode

    try:
        yield ascii85decode(_bounded(chunks, cap_bytes))
    except Exception:
        return


_DECODERS = {"flate": _inflate, "lzw": _lzw, "rl": _run_length, "hex": _ascii_hex, "a85": _ascii85}
