"""One PDF page into words, lines and table fragments, with no knowledge of the other pages.

The cost of a page is one `extract_words()` plus a pass over its drawn lines: words are taken
once and reused by every later step (ruled tables, borderless tables, text lines), and the
page's own cached objects are released by the caller right after (`page.close()`).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from pipeline.core.errors import TooLarge
from pipeline.read.geometry import borderless
from pipeline.read.geometry.lines import group_lines, mark_bands
from pipeline.read.geometry.types import PageContent, Word
from pipeline.read.pdf import ruled
from pipeline.read.pdf.fills import mark_fills
from pipeline.read.pdf.ruled import is_filled, is_stroked
from pipeline.rules import Rules

_GARBLED = re.compile(r"\(cid:\d+\)|[\ufffd\uffff]")
_BOLD = re.compile(r"bold|black|heavy|semibold|demibold|extrabold|,b\b", re.IGNORECASE)


def read_page(page: Any, rules: Rules) -> PageContent:
    """The content of one `pdfplumber.Page`; uses nothing from any other page."""
    number = int(page.page_number)
    check_density(page, number, rules)
    content = PageContent(number=number, width=float(page.width), height=float(page.height))
    raw = page.extract_words(extra_attrs=["size", "fontname"])
    content.words = take_words(raw, number, content)
    content.images = len(page.images)
    if not content.words:
        return content
    bullets = drawn_bullets(bullet_shapes(page.objects), content.words)
    fragments, free = ruled.find_tables(page, content.words + bullets, number)
    lines = group_lines(free, number)
    mark_bands(lines, content)
    content.items = borderless.find_tables(lines, fragments, rules, content)
    mark_fills(content.items, page.objects.get("rect", []), content.width, content.height)
    return content


# What one character costs while a page is read (pdfminer's object, pdfplumber's dict, our word),
# and what the interpreter and libraries take before any page: a page is refused before it is
# parsed when its characters could not fit in the memory a document may use.
BYTES_PER_GLYPH = 4096
BASE_MB = 400
_LITERAL = re.compile(rb"\((?:\\.|[^\\)])*\)", re.DOTALL)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]+)>")


def glyph_estimate(page: Any) -> int:
    """About how many characters a page's content streams show (string operands, counted in bytes)."""
    from pdfminer.pdftypes import resolve1

    contents = page.page_obj.contents
    total = 0
    for stream in contents if isinstance(contents, list) else [contents]:
        stream = resolve1(stream)
        if not hasattr(stream, "get_data"):
            continue
        data = stream.get_data()
        total += sum(len(m.group(0)) - 2 for m in _LITERAL.finditer(data))
        total += sum(len(m.group(1).translate(None, b" \t\r\n")) // 2 for m in _HEX.finditer(data))
    return total


def check_density(page: Any, number: int, rules: Rules) -> None:
    """Refuse, with a reason, a page with more characters than the memory limit lets us read."""
    budget = max(rules.limits.memory_mb - BASE_MB, 64) * 1024 * 1024 // BYTES_PER_GLYPH
    glyphs = glyph_estimate(page)
    if glyphs > budget:
        raise TooLarge(
            f"page {number} holds about {glyphs:,} characters, more than can be read within the "
            f"{rules.limits.memory_mb:g} MB memory limit"
        )


def take_words(raw: list[dict[str, Any]], page: int, content: PageContent) -> list[Word]:
    """pdfplumber's words as `Word`s; undecodable glyphs are counted and dropped."""
    words: list[Word] = []
    for w in raw:
        text = w["text"]
        bad = len(_GARBLED.findall(text))
        if bad:
            text = _GARBLED.sub("", text)
        content.glyphs += len(text) + bad
        content.garbled += bad
        if not text.strip():
            continue
        size = round(float(w.get("size") or w["bottom"] - w["top"]), 2)
        content.sizes[size] += len(text)
        words.append(
            Word(
                text=text,
                x0=float(w["x0"]),
                x1=float(w["x1"]),
                top=float(w["top"]),
                bottom=float(w["bottom"]),
                size=size,
                bold=bool(_BOLD.search(w.get("fontname") or "")),
                page=page,
            )
        )
    return words


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
