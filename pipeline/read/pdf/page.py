"""One PDF page into words, lines and table fragments, with no knowledge of the other pages.

The page arrives parsed (`pdf_pages.PageSource`: characters, lines and rectangles, from playa or
pdfminer); its characters are made into words once (`pdf_words`) and the words reused by every
later step (ruled tables, borderless tables, text lines).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pipeline.core.errors import TooLarge
from pipeline.read.geometry import borderless
from pipeline.read.geometry.lines import group_lines, mark_bands
from pipeline.read.geometry.types import Line, PageContent, Word
from pipeline.read.pdf import ruled
from pipeline.read.pdf.ruled import is_filled, is_stroked
from pipeline.read.pdf.words import RawWord, words
from pipeline.rules import Rules

if TYPE_CHECKING:
    from pipeline.read.pdf.pages import PageSource

_GARBLED = re.compile(r"\(cid:\d+\)|[\ufffd\uffff]")
_BOLD = re.compile(r"bold|black|heavy|semibold|demibold|extrabold|,b\b", re.IGNORECASE)


def read_page(source: PageSource, rules: Rules) -> PageContent:
    """The content of one parsed page; uses nothing from any other page."""
    frame, parsed = source.frame, source.parsed
    number = frame.number
    content = PageContent(number=number, width=frame.width, height=frame.height, parser=source.parser)
    content.words = take_words(words(parsed.chars), number, content)
    content.images = parsed.images
    if not content.words:
        return content
    fragments, free = ruled.find_tables(parsed.objects, frame.width, frame.height, content.words, number)
    lines = group_lines(free, number)
    mark_bands(lines, content)
    mark_drawn_bullets(lines, parsed.objects)
    content.items = borderless.find_tables(lines, fragments, rules, content)
    return content


# What one character costs while a page is read (pdfminer's object, pdfplumber's dict, our word),
# and what the interpreter and libraries take before any page: a page is refused before it is
# parsed when its characters could not fit in the memory a document may use.
BYTES_PER_GLYPH = 4096
BASE_MB = 400


def glyph_budget(rules: Rules) -> int:
    """The most characters a page may hold and still be read within the memory limit."""
    return int(max(rules.limits.memory_mb - BASE_MB, 64) * 1024 * 1024 // BYTES_PER_GLYPH)


def check_density(glyphs: int, number: int, rules: Rules) -> None:
    """Refuse, with a reason, a page with more characters than the memory limit lets us read."""
    if glyphs > glyph_budget(rules):
        raise TooLarge(
            f"page {number} holds about {glyphs:,} characters, more than can be read within the "
            f"{rules.limits.memory_mb:g} MB memory limit"
        )


def take_words(raw: list[RawWord], page: int, content: PageContent) -> list[Word]:
    """Words as `Word`s; undecodable glyphs are counted and dropped."""
    out: list[Word] = []
    bold: dict[str, bool] = {}  # per font name: a page uses a handful
    for w in raw:
        text = w.text
        garbled = "(cid:" in text or "\ufffd" in text or "\uffff" in text  # nearly every word is clean
        bad = len(_GARBLED.findall(text)) if garbled else 0
        if bad:
            text = _GARBLED.sub("", text)
        content.glyphs += len(text) + bad
        content.garbled += bad
        if not text.strip():
            continue
        size = round(float(w.size or w.bottom - w.top), 2)
        content.sizes[size] += len(text)
        if w.fontname not in bold:
            bold[w.fontname] = _is_bold(w.fontname)
        out.append(
            Word(
                text=text,
                x0=float(w.x0),
                x1=float(w.x1),
                top=float(w.top),
                bottom=float(w.bottom),
                size=size,
                bold=bold[w.fontname],
                page=page,
            )
        )
    return out


def _is_bold(fontname: str | None) -> bool:
    return bool(_BOLD.search(fontname or ""))


def bullet_shapes(objects: dict[str, list[dict[str, Any]]]) -> list[tuple[float, float, float, float, str]]:
    """Small round or square marks that browsers draw for list bullets: (x0, x1, top, bottom, glyph)."""
    out = []
    for kind in ("curve", "rect"):
        for obj in objects.get(kind, []):
            width, height = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
            if not (1.5 <= width <= 8 and 1.5 <= height <= 8 and abs(width - height) <= 1.5):
                continue
            filled, stroked = is_filled(obj), is_stroked(obj)
            if not (filled or stroked):
                continue
            glyph = "▪" if kind == "rect" else ("•" if filled else "◦")
            out.append((obj["x0"], obj["x1"], obj["top"], obj["bottom"], glyph))
    return out


def mark_drawn_bullets(lines: list[Line], objects: dict[str, list[dict[str, Any]]]) -> None:
    """Give a line the bullet drawn just left of it, as if the glyph had been printed."""
    shapes = bullet_shapes(objects) if lines else []
    for x0, x1, top, bottom, glyph in shapes:
        middle = (top + bottom) / 2
        for line in lines:
            if line.top <= middle <= line.bottom and 0 <= line.x0 - x1 <= 3 * line.size:
                line.marker, line.marker_x = glyph, x0
                break
