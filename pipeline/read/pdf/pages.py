"""An open PDF's pages as the reader takes them: each page's characters, lines and rectangles.

The file is opened by `pdf_opener` (qpdf's checks and repairs, then pdfminer through pdfplumber,
whose failures the hostile corpus was tuned on). Its pages are then parsed by playa
(`pdf_glyphs`), several times faster than pdfminer, from the very bytes pdfminer opened (qpdf's
repaired or decrypted copy included). pdfminer stays as the fallback:
- for the whole file when playa cannot open it or finds other pages than pdfminer (a damaged page
  tree read two ways);
- for one page when playa fails on it, or it uses what the fast path does not reproduce.
A page read by the fallback says so (`PageSource.parser`), and the reader notes it.

Either way a page is refused for its density before it is parsed (`check_density`), and its
decoded content is released once it is read, so memory does not grow with the page count.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import Any

from pipeline.core.errors import PipelineError
from pipeline.read.pdf import glyphs
from pipeline.read.pdf.glyphs import Frame, Parsed
from pipeline.read.pdf.losses import text_operators

log = logging.getLogger(__name__)

FAST = "playa"
FALLBACK = "pdfminer"


@dataclass(slots=True)
class PageSource:
    """One page, parsed: where it sits, what it draws, and which parser read it."""

    frame: Frame
    parsed: Parsed
    parser: str = FAST


class Pages:
    """The pages of an open `pdfplumber.PDF`, parsed one at a time by playa or, failing that, pdfminer."""

    def __init__(self, pdf: Any, password: str | None = None) -> None:
        self.pdf = pdf
        self.count = len(pdf.pages)
        self.fast, self.refused = open_fast(pdf, password)

    def source(self, index: int, density: Any, budget: int) -> PageSource:
        """Page `index` (0-based) parsed; `density(glyphs, number)` may refuse it before it is parsed.

        `budget` is the most characters a page may hold: below it the estimate need not be exact.
        """
        page = self.pdf.pages[index]
        frame = frame_of(page)
        if self.fast is not None:
            fast_page = self.fast.pages[index]
            try:
                streams = glyphs.content(fast_page)
                density(glyphs.glyph_estimate(streams, budget), frame.number)
                parsed = glyphs.read(fast_page, frame)
                parsed.streams, parsed.text_ops = len(streams), text_operators(streams)
                return PageSource(frame, parsed)
            except (PipelineError, MemoryError):
                raise
            except Exception as exc:  # playa could not parse it as pdfminer would: pdfminer reads it
                log.info("page %d: read by pdfminer (%r)", frame.number, exc)
        streams, remarks = pdfminer_content(page)
        density(sum(glyphs.shown_characters(data) for data in streams), frame.number)
        parsed = parse_with_pdfminer(page)
        parsed.streams, parsed.text_ops = len(streams), text_operators(streams)
        parsed.remarks = remarks
        return PageSource(frame, parsed, FALLBACK)

    def release(self, index: int) -> None:
        """Let go of what reading page `index` decoded and cached (each page is read once)."""
        page = self.pdf.pages[index]
        from pipeline.read.pdf.objects import restore

        page.close()
        restore(page)
        release_contents(page)
        if self.fast is not None:
            release_fast(self.fast, index)

    def close(self) -> None:
        glyphs.forget_fonts()
        if self.fast is not None:
            self.fast.close()
            self.fast = None


def open_fast(pdf: Any, password: str | None) -> tuple[Any, str]:
    """playa over the bytes pdfminer reads, or (None, why not) when it cannot stand in for pdfminer."""
    try:
        import playa

        doc = playa.Document(bytes_read(pdf), password=password or "", space="page")
        fast_pages = doc.pages
        if len(fast_pages) != len(pdf.pages):
            doc.close()
            return None, "it finds another number of pages"
        for page, fast_page in zip(pdf.pages, fast_pages, strict=True):
            if getattr(page.page_obj, "pageid", None) != fast_page.pageid:
                doc.close()
                return None, "it finds other pages"
    except Exception as exc:
        log.info("playa cannot open the file (%r)", exc)
        return None, "it cannot open the file"
    return doc, ""


def frame_of(page: Any) -> Frame:
    """pdfplumber's placement of a page: size, MediaBox offset and pdfminer's transformation."""
    obj = page.page_obj
    return Frame(
        number=int(page.page_number),
        width=float(page.width),
        height=float(page.height),
        x0=float(page.mediabox[0]),
        top=float(page.mediabox[1]),
        ctm=glyphs.pdfminer_ctm(obj.mediabox, int(obj.rotate)),
    )


def pdfminer_content(page: Any) -> tuple[list[bytes], list[str]]:
    """A pdfminer page's content streams, decoded, and what went wrong decoding them.

    pdfminer decodes a stream that zlib rejects from its start as nothing, and says nothing:
    that is said here, so that the page's loss is reported (`losses`).
    """
    from pdfminer.pdftypes import resolve1

    contents = page.page_obj.contents
    out: list[bytes] = []
    remarks: list[str] = []
    for stream in contents if isinstance(contents, list) else [contents]:
        stream = resolve1(stream)
        if hasattr(stream, "get_data"):
            raw = len(stream.rawdata or b"") if stream.data is None else 0
            data = stream.get_data()
            if not data and raw:
                remarks.append(f"Data loss: a content stream of {raw} bytes decompressed to nothing")
            out.append(data)
    return out, remarks


def parse_with_pdfminer(page: Any) -> Parsed:
    """The page's characters and shapes through pdfminer and pdfplumber (the fallback)."""
    from pipeline.read.pdf.objects import speed_up

    speed_up(page)
    parsed = Parsed(images=0)
    parsed.chars = [
        (c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"], c["fontname"], bool(c["upright"]))
        for c in page.chars
    ]
    objects = page.objects
    for kind in ("line", "rect", "curve"):
        parsed.objects[kind] = [
            {
                "x0": o["x0"],
                "x1": o["x1"],
                "top": o["top"],
                "bottom": o["bottom"],
                "stroke": bool(o.get("stroke")),
                "fill": bool(o.get("fill")),
                "stroking_color": glyphs.colour(o.get("stroking_color")),
                "non_stroking_color": glyphs.colour(o.get("non_stroking_color")),
                "pts": list(o.get("pts") or []),
            }
            for o in objects.get(kind, [])
        ]
    parsed.images = len(objects.get("image", []))
    return parsed


def release_contents(page: Any) -> None:
    """Let go of a pdfminer page's decoded content streams once it is read.

    pdfminer keeps every object it has parsed, and a page keeps its content streams decoded:
    kept for every page, they would grow memory with the page count. Fonts and other shared
    resources stay cached. The page cannot be read again afterwards (each page is read once).
    """
    cache = getattr(getattr(page.pdf, "doc", None), "_cached_objs", None)
    page_obj = page.page_obj
    for stream in getattr(page_obj, "contents", None) or []:
        objid = getattr(stream, "objid", None)
        if isinstance(cache, dict) and objid is not None:
            cache.pop(objid, None)
    page_obj.contents = []


def release_fast(doc: Any, index: int) -> None:
    """The same for playa: its page's content streams leave the document's object cache."""
    cache = getattr(doc, "_cached_objs", None)
    if not isinstance(cache, dict):
        return
    page = doc.pages[index]
    for ref in getattr(page, "_contents", None) or []:
        objid = getattr(ref, "objid", None)
        if objid is not None:
            cache.pop(objid, None)


def bytes_read(pdf: Any) -> bytes:
    """The bytes pdfminer is reading (qpdf's repaired or decrypted copy, when that is what it got)."""
    stream = pdf.stream
    if isinstance(stream, io.BytesIO):
        return stream.getvalue()
    position = stream.tell()
    try:
        stream.seek(0)
        return bytes(stream.read())
    finally:
        stream.seek(position)
