"""One PDF page into words, lines and table fragments, with no knowledge of the other pages.

The cost of a page is one `extract_words()` plus a pass over its drawn lines: words are taken
once and reused by every later step (ruled tables, borderless tables, text lines), and the
page's own cached objects are released by the caller right after (`page.close()`).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import Any

from pipeline.errors import TooLarge
from pipeline.read.pdf_types import Line, PageContent, Word
from pipeline.rules import Rules

_GARBLED = re.compile(r"\(cid:\d+\)|[\ufffd\uffff]")
_BOLD = re.compile(r"bold|black|heavy|semibold|demibold|extrabold|,b\b", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?\s*(?:(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)

# Share of the page height, at the top and at the bottom, where running headers, footers and
# page numbers live. Text there that is smaller than the body text is kept out of tables.
BAND = 0.08
EDGE = 0.035  # the outer part of the band, where only running headers and footers are printed


def read_page(page: Any, rules: Rules) -> PageContent:
    """The content of one `pdfplumber.Page`; uses nothing from any other page."""
    from pipeline.read import pdf_borderless, pdf_ruled

    number = int(page.page_number)
    check_density(page, number, rules)
    content = PageContent(number=number, width=float(page.width), height=float(page.height))
    raw = page.extract_words(extra_attrs=["size", "fontname"])
    content.words = take_words(raw, number, content)
    content.images = len(page.images)
    if not content.words:
        return content
    fragments, free = pdf_ruled.find_tables(page, content.words, number)
    lines = group_lines(free, number)
    mark_bands(lines, content)
    mark_drawn_bullets(lines, page.objects)
    content.items = pdf_borderless.find_tables(lines, fragments, rules, content)
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


def group_lines(words: list[Word], page: int) -> list[Line]:
    """Words into lines: a word joins a line when it overlaps it vertically by half its height."""
    lines: list[Line] = []
    current: list[Word] = []
    top = bottom = 0.0
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        height = max(word.bottom - word.top, 0.1)
        if current and min(bottom, word.bottom) - max(top, word.top) >= 0.5 * min(height, bottom - top or height):
            current.append(word)
            bottom = max(bottom, word.bottom)
            continue
        if current:
            lines.append(Line(sorted(current, key=lambda w: w.x0), page))
        current, top, bottom = [word], word.top, word.bottom
    if current:
        lines.append(Line(sorted(current, key=lambda w: w.x0), page))
    return lines


def lines_text(words: list[Word], box: tuple[float, float] | None = None) -> str:
    """The text of some words as laid out: lines joined by "\\n", words by a space.

    Given the cell's left and right edges (`box`), a line break that may have cut a word in two
    is marked for `pdf_wordbreak` to settle once the whole document has been read.
    """
    lines = group_lines(words, 0)
    if box is None or len(lines) < 2:
        return "\n".join(line.text for line in lines)
    from pipeline.read.pdf_wordbreak import MARK, proposes_break

    padding = max(0.0, min(line.x0 for line in lines) - box[0])
    right_edge = box[1] - padding
    out = [lines[0].text]
    for previous, line in itertools.pairwise(lines):
        if len(previous.words) == 1 and proposes_break(previous.x1, right_edge, line.text, previous.words[0].size):
            out[-1] += MARK
        out.append(line.text)
    return "\n".join(out)


def body_size(sizes: Counter[float]) -> float:
    """The size most characters are set in."""
    if not sizes:
        return 10.0
    return max(sizes.items(), key=lambda kv: (kv[1], -kv[0]))[0]


def mark_bands(lines: list[Line], content: PageContent) -> None:
    """Margin text: page numbers, and small print at the very edge, are furniture on any page.

    Other small text in the margin band is kept out of tables; whether it is a running header
    or footer is decided once every page is read (it repeats).
    """
    body = body_size(content.sizes)
    height = content.height
    for line in lines:
        in_band = line.bottom <= height * BAND or line.top >= height * (1 - BAND)
        if not in_band:
            continue
        at_edge = line.bottom <= height * EDGE or line.top >= height * (1 - EDGE)
        small = line.size < body - 0.4
        if PAGE_NUMBER.match(line.text) or (at_edge and small):
            line.furniture = True
            line.place("furniture")
        elif small:
            line.band = True


def bullet_shapes(objects: dict[str, list[dict[str, Any]]]) -> list[tuple[float, float, float, float, str]]:
    """Small round or square marks that browsers draw for list bullets: (x0, x1, top, bottom, glyph)."""
    from pipeline.read.pdf_ruled import is_filled, is_stroked

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
