"""One PDF page into words, lines and table fragments, with no knowledge of the other pages.

The page arrives parsed (`pdf_pages.PageSource`: characters, lines and rectangles, from playa or
pdfminer); its characters are made into words once (`pdf_words`) and the words reused by every
later step (ruled tables, borderless tables, text lines).
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from pipeline.core.errors import TooLarge
from pipeline.read.geometry import borderless
from pipeline.read.geometry.lines import group_lines, mark_bands
from pipeline.read.geometry.types import PageContent, Word
from pipeline.read.pdf import ruled
from pipeline.read.pdf.fills import mark_fills
from pipeline.read.pdf.ruled import is_filled, is_stroked
from pipeline.read.pdf.words import RawWord, words
from pipeline.rules import Rules

if TYPE_CHECKING:
    from pipeline.read.pdf.glyphs import Parsed
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
    content.streams = parsed.streams
    content.text_ops = parsed.text_ops
    content.text_lost = lost_operators(parsed)
    content.library_warnings = list(parsed.remarks)
    if not content.words:
        return content
    bullets = drawn_bullets(bullet_shapes(parsed.objects), content.words)
    fragments, free = ruled.find_tables(parsed.objects, frame.width, frame.height, content.words + bullets, number)
    lines = group_lines(free, number)
    mark_bands(lines, content)
    content.items = borderless.find_tables(lines, fragments, rules, content)
    mark_fills(content.items, parsed.objects.get("rect", []), content.width, content.height)
    return content


def lost_operators(parsed: Parsed) -> int:
    """How many of the page's text-showing operators gave no characters (`pdf.losses`).

    playa counts the operators it showed; pdfminer does not, so there only a page whose
    operators gave no character at all is known to have lost them.
    """
    if parsed.text_read is not None:
        return max(0, parsed.text_ops - parsed.text_read)
    return parsed.text_ops if not parsed.chars else 0


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


def drawn_bullets(shapes: list[tuple[float, float, float, float, str]], words: list[Word]) -> list[Word]:
    """The bullets a browser draws as shapes, as the glyphs they stand for, where text follows.

    A shape is a bullet when a word starts just right of it on its line and no word ends just
    left of it (a dot drawn between words, or alone in a cell, is not a list's bullet). The
    glyphs join the words that tables and lines are made from (a bulleted list inside a table
    cell keeps its bullets), but not the page's own words, so the word report counts only what
    the PDF prints as text.
    """
    if not shapes:
        return []
    ordered = sorted(words, key=lambda w: w.top)
    tops = [w.top for w in ordered]
    out: list[Word] = []
    for x0, x1, top, bottom, glyph in shapes:
        middle = (top + bottom) / 2
        near = ordered[bisect.bisect_left(tops, middle - 40) : bisect.bisect_right(tops, middle)]
        beside = [w for w in near if w.top <= middle <= w.bottom]
        after = [w for w in beside if 0 <= w.x0 - x1 <= 3 * w.size]
        if not after or any(0 <= x0 - w.x1 <= 1.5 * w.size for w in beside):
            continue
        word = min(after, key=lambda w: w.x0)
        if any(abs(b.x0 - x0) < 2 and b.top == word.top for b in out):
            continue  # the same bullet drawn twice (a fill and a stroke)
        out.append(
            Word(text=glyph, x0=x0, x1=x1, top=word.top, bottom=word.bottom, size=word.size, bold=False, page=word.page)
        )
    return out


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
