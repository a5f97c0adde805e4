"""One PDF page into words, lines and table fragments, with no knowledge of the other pages.

The cost of a page is one `extract_words()` plus a pass over its drawn lines: words are taken
once and reused by every later step (ruled tables, borderless tables, text lines), and the
page's own cached objects are released by the caller right after (`page.close()`).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from pipeline.read.pdf_types import Line, PageContent, Word
from pipeline.rules import Rules

_GARBLED = re.compile(r"\(cid:\d+\)|[\ufffd\uffff]")
_BOLD = re.compile(r"bold|black|heavy|semibold|demibold|extrabold|,b\b", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?\s*(?:(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)

# Share of the page height, at the top and at the bottom, where running headers, footers and
# page numbers live. Text there that is smaller than the body text is kept out of tables.
BAND = 0.08


def read_page(page: Any, rules: Rules) -> PageContent:
    """The content of one `pdfplumber.Page`; uses nothing from any other page."""
    from pipeline.read import pdf_borderless, pdf_ruled

    number = int(page.page_number)
    content = PageContent(number=number, width=float(page.width), height=float(page.height))
    raw = page.extract_words(extra_attrs=["size", "fontname"])
    content.words = take_words(raw, number, content)
    content.images = len(page.images)
    if not content.words:
        return content
    fragments, free = pdf_ruled.find_tables(page, content.words, number)
    lines = group_lines(free, number)
    mark_bands(lines, content)
    content.items = pdf_borderless.find_tables(lines, fragments, rules, content)
    return content


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


def lines_text(words: list[Word]) -> str:
    """The text of some words as laid out: lines joined by "\\n", words by a space."""
    return "\n".join(line.text for line in group_lines(words, 0))


def body_size(sizes: Counter[float]) -> float:
    """The size most characters are set in."""
    if not sizes:
        return 10.0
    return max(sizes.items(), key=lambda kv: (kv[1], -kv[0]))[0]


def mark_bands(lines: list[Line], content: PageContent) -> None:
    """Page numbers in the margin bands are furniture; small text there is kept out of tables."""
    body = body_size(content.sizes)
    for line in lines:
        in_band = line.bottom <= content.height * BAND or line.top >= content.height * (1 - BAND)
        if not in_band:
            continue
        if PAGE_NUMBER.match(line.text):
            line.furniture = True
            line.place("furniture")
        elif line.size < body - 0.4:
            line.band = True
