"""A page's characters, lines and rectangles through playa, as pdfminer would have measured them.

pdfminer interprets a page's content stream in pure Python and builds an object per character;
profiling a 320-page plan put three quarters of the reading time there. playa (a compiled
rewrite of pdfminer's parser) interprets the same stream several times faster, and here its text
objects are turned straight into `Char` tuples and its paths into the line, rect and curve
records `pdf_ruled` reads, with no per-character object in between.

The reader's geometry was tuned on pdfminer's measurements, so they are reproduced exactly:
- a character's box is pdfminer's: from its origin to its advance, from the font's descent to
  one font size above it (not the glyph's ink); descent, missing widths and font names follow
  pdfminer's rules (the descriptor's /Descent or 0, /MissingWidth or 0, /FontName or "unknown",
  pdfminer's own metrics for the 14 standard fonts), not playa's kinder guesses;
- a code with no Unicode mapping reads "(cid:N)" as in pdfminer, so undecodable fonts are still
  counted as such;
- coordinates are pdfplumber's (top-left origin, in the page's MediaBox), from pdfminer's own
  page transformation.
Vertical writing is not reproduced: such a page raises `Unsupported` and is read by pdfminer.
Tests compare the two parsers on every fixture PDF (words, lines, rectangles) and on every page of
the hostile corpus that both can read (words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.read.pdf.words import Char

Objects = dict[str, list[dict[str, Any]]]


class Unsupported(Exception):
    """The page uses something the fast path does not reproduce exactly (pdfminer reads it)."""


@dataclass(frozen=True, slots=True)
class Frame:
    """Where pdfplumber puts a page: its size, MediaBox offset and pdfminer's page transformation."""

    number: int
    width: float
    height: float
    x0: float  # MediaBox left, added to every x
    top: float  # MediaBox top (top-left origin), added to every y
    ctm: tuple[float, float, float, float, float, float]


@dataclass(slots=True)
class Parsed:
    """What one page draws: characters, and lines, rectangles and curves as pdfplumber records them."""

    chars: list[Char] = field(default_factory=list)
    objects: Objects = field(default_factory=lambda: {"line": [], "rect": [], "curve": []})
    images: int = 0
    streams: int = 0  # content streams the page has
    text_ops: int = 0  # text-showing operators in the page's content streams (`losses.text_operators`)
    text_read: int | None = None  # those the parser turned into characters (None: not known)
    remarks: list[str] = field(default_factory=list)  # what went wrong decoding the page, in the parser's words


def pdfminer_ctm(mediabox: Any, rotate: int) -> tuple[float, float, float, float, float, float]:
    """pdfminer's transformation from a page's user space to its device space (`process_page`)."""
    x0, y0, x1, y1 = (float(v) for v in mediabox)
    if rotate == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotate == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotate == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


# ----------------------------------------------------------------------------- fonts as pdfminer sees them


@dataclass(slots=True)
class _Font:
    """A playa font as pdfminer reads it: descent, name, and each code's text and width."""

    font: Any  # kept so the font (and its id) lives as long as the entry
    descent: float  # in text space (font size 1), negative
    fontname: str
    multibyte: bool
    to_unicode: dict[int, str] | None  # the ToUnicode map, keyed by code as pdfminer keys it
    encoding: dict[int, str]  # a simple font's encoding (pdfminer's fallback after ToUnicode)
    glyphs: dict[int, tuple[str, float]] = field(default_factory=dict)  # code -> (text, width)

    def glyph(self, cid: int) -> tuple[str, float]:
        """pdfminer's text (`to_unichr`, "(cid:N)" when unmapped) and width (`char_width`) for a code."""
        found = self.glyphs.get(cid)
        if found is None:
            found = self.glyphs[cid] = (self._text(cid), float(self.font.hdisp(cid)))
        return found

    def _text(self, cid: int) -> str:
        if self.to_unicode is not None and cid in self.to_unicode:
            return self.to_unicode[cid]
        if not self.multibyte:
            if cid in self.encoding:
                return str(self.encoding[cid])
            return f"(cid:{cid})"
        unicode_map = getattr(self.font, "unicode_map", None)
        if self.to_unicode is None and unicode_map is not None and cid in unicode_map.cid2unichr:
            return str(unicode_map.cid2unichr[cid])
        return f"(cid:{cid})"


_cache: dict[int, _Font] = {}


def _resolve(value: Any) -> Any:
    """An indirect reference followed (pdfminer's metrics hold plain Python values)."""
    from playa.pdftypes import ObjRef, resolve1

    return resolve1(value) if isinstance(value, ObjRef) else value


def _number(value: Any, default: float) -> float:
    value = _resolve(value)
    return float(value) if isinstance(value, (int, float)) else default


def font_of(font: Any) -> _Font:
    """pdfminer's view of a playa font (made once per font); its missing width becomes pdfminer's."""
    found = _cache.get(id(font))
    if found is not None and found.font is font:
        return found
    from playa.font import CIDFont, SimpleFont, Type3Font
    from playa.fontmetrics import FONT_METRICS

    descriptor = font.descriptor or {}
    basefont = getattr(font, "basefont", None)
    if not isinstance(font, Type3Font) and basefont in FONT_METRICS:
        from pdfminer.fontmetrics import FONT_METRICS as PDFMINER_METRICS

        descriptor = PDFMINER_METRICS.get(basefont, (descriptor,))[0]
    if isinstance(font, Type3Font):
        box = descriptor.get("FontBBox") if descriptor else None
        bottom = _number(box[1], 0.0) if isinstance(box, (list, tuple)) and len(box) == 4 else 0.0
        if not descriptor:
            bottom = float(font.bbox[1])
        descent = bottom * (font.matrix[1] + font.matrix[3])
    else:
        raw = _number(descriptor.get("Descent"), 0.0)
        descent = (-raw if raw > 0 else raw) * 0.001
    if isinstance(font, SimpleFont):
        font.default_width = _number(descriptor.get("MissingWidth"), 0.0)
    tounicode = font.tounicode
    entry = _Font(
        font=font,
        descent=descent,
        fontname=_fontname(descriptor.get("FontName")),
        multibyte=isinstance(font, CIDFont),  # pdfminer's `is_multibyte`
        to_unicode=None
        if tounicode is None
        else {int.from_bytes(code, "big"): text for code, text in tounicode.bytes2unicode.items()},
        encoding=dict(getattr(font, "_cid2unicode", None) or {}),
    )
    _cache[id(font)] = entry
    return entry


def _fontname(value: Any) -> str:
    from playa.parser import PSLiteral

    value = _resolve(value)
    if isinstance(value, PSLiteral):
        return str(value.name)
    if isinstance(value, bytes):
        from pdfplumber.page import fix_fontname_bytes

        return str(fix_fontname_bytes(value))
    if isinstance(value, str):
        return value
    return "unknown"


def forget_fonts() -> None:
    """Drop the font cache (a document's fonts are not needed once it is read)."""
    _cache.clear()


# ----------------------------------------------------------------------------- the page


def read(page: Any, frame: Frame) -> Parsed:
    """Characters, lines, rectangles, curves and the image count of one playa page."""
    from playa.content import ImageObject, PathObject, TextObject

    page.ctm = frame.ctm
    parsed = Parsed(text_read=0)
    shown = 0
    for obj in page.flatten():
        if isinstance(obj, TextObject):
            shown += _text(obj, frame, parsed.chars)
        elif isinstance(obj, PathObject):
            _path(obj, frame, parsed.objects)
        elif isinstance(obj, ImageObject):
            parsed.images += 1
    parsed.text_read = shown
    return parsed


def _text(obj: Any, frame: Frame, out: list[Char]) -> bool:
    """The characters of one text object, computed as pdfminer's `render_string_horizontal` does.

    False when the object could not be shown (no font is set: a damaged page), so that the
    page's lost text is counted (`losses`).

    Every sum and product is pdfminer's, in pdfminer's order, so that positions agree to the last
    bit (words are cut at exactly 3 points' gap, and a tie must fall the same way). Where the next
    text object starts is handed back to playa, so it goes on from pdfminer's position too.
    """
    gstate = obj.gstate
    font = gstate.font
    if font is None:
        return False
    if not obj.args:
        return True
    if font.vertical:
        raise Unsupported("vertical writing")
    info = font_of(font)
    glyph, known = info.glyph, info.glyphs.get
    fontsize = gstate.fontsize
    scaling = gstate.scaling * 0.01
    charspace = gstate.charspace * scaling
    wordspace = 0 if info.multibyte else gstate.wordspace * scaling
    rise = gstate.rise
    dxscale = 0.001 * fontsize * scaling
    (a1, b1, c1, d1, e1, f1), (a0, b0, c0, d0, e0, f0) = obj.line_matrix, obj.ctm
    a, b = a0 * a1 + c0 * b1, b0 * a1 + d0 * b1
    c, d = a0 * c1 + c0 * d1, b0 * c1 + d0 * d1
    e, f = a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0
    upright = a * d * scaling > 0 and b * c <= 0
    descent = info.descent * fontsize
    low = descent + rise
    high = descent + rise + fontsize
    straight = b == 0 and c == 0
    height, left, top = frame.height, frame.x0, frame.top
    fontname = info.fontname
    append = out.append
    x, y = obj._glyph_offset
    needcharspace = False
    for arg in obj.args:
        if isinstance(arg, (int, float)):
            x -= arg * dxscale
            needcharspace = True
            continue
        cids = arg if not info.multibyte else [cid for _, cid in font.cmap.decode(arg)]
        for cid in cids:
            if needcharspace:
                x += charspace
            text, width = known(cid) or glyph(cid)
            adv = width * fontsize * scaling
            te = x * a + y * c + e
            tf = x * b + y * d + f
            if straight:
                x0, x1 = te, a * adv + te
                y0, y1 = d * low + tf, d * high + tf
                if x1 < x0:
                    x0, x1 = x1, x0
                if y1 < y0:
                    y0, y1 = y1, y0
            else:
                xs = (c * low + te, a * adv + c * low + te, a * adv + c * high + te, c * high + te)
                ys = (b * 0 + d * low + tf, b * adv + d * low + tf, b * adv + d * high + tf, d * high + tf)
                x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
            append((text, x0 + left, x1 + left, height - y1 + top, height - y0 + top, y1 - y0, fontname, upright))
            x += adv
            if cid == 32 and wordspace:
                x += wordspace
            needcharspace = True
    obj._next_glyph_offset = (x, y)
    return True


_KIND = {"LTLine": "line", "LTRect": "rect", "LTCurve": "curve"}


def _path(obj: Any, frame: Frame, out: Objects) -> None:
    """One path as pdfminer's lines, rectangles and curves (playa's `process_path` sorts them)."""
    from playa.miner import process_path

    height, left, top = frame.height, frame.x0, frame.top
    shape: Any  # pdfminer's LTLine, LTRect or LTCurve: each has these attributes
    for shape in process_path(obj):
        kind = _KIND.get(type(shape).__name__, "curve")
        x0, y0, x1, y1 = shape.bbox
        out[kind].append(
            {
                "x0": x0 + left,
                "x1": x1 + left,
                "top": height - y1 + top,
                "bottom": height - y0 + top,
                "stroke": bool(shape.stroke),
                "fill": bool(shape.fill),
                "stroking_color": colour(shape.stroking_color),
                "non_stroking_color": colour(shape.non_stroking_color),
                "pts": [(px + left, height - py + top) for px, py in shape.pts],
            }
        )


def colour(value: Any) -> tuple[float, ...] | str | None:
    """A playa colour as pdfplumber gives one: its components, or a pattern's name."""
    if value is None:
        return None
    values = getattr(value, "values", None)
    if values is None:
        return value if isinstance(value, tuple) else (value,)
    if values:
        return tuple(float(v) for v in values)
    return getattr(value, "pattern", None)


# ----------------------------------------------------------------------------- density


_LITERAL = re.compile(rb"\((?:\\.|[^\\)])*\)", re.DOTALL)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]+)>")


def content(page: Any) -> list[bytes]:
    """A playa page's content streams, decoded."""
    return [stream.buffer for stream in page.streams]


def glyph_estimate(streams: list[bytes], budget: int) -> int:
    """About how many characters a page's decoded content `streams` show (string operands, in bytes).

    A stream cannot show more characters than it has bytes, so streams that fit in the `budget`
    whole are not searched (nearly every page): the estimate is then their length, an upper bound.
    """
    if sum(len(data) for data in streams) <= budget:
        return sum(len(data) for data in streams)
    return sum(shown_characters(data) for data in streams)


def shown_characters(data: bytes) -> int:
    """How many bytes a content stream's string operands hold: about how many characters it shows."""
    total = sum(len(m.group(0)) - 2 for m in _LITERAL.finditer(data))
    return total + sum(len(m.group(1).translate(None, b" \t\r\n")) // 2 for m in _HEX.finditer(data))
