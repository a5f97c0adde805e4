"""Words into lines, and the margin bands of a page: geometry shared by PDF pages and text laid
out in columns (where a character is a point), so neither reader imports the other."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from pipeline.read.geometry.types import Line, PageContent, Word
from pipeline.read.geometry.wordbreak import MARK, proposes_break

PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?\s*(?:(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class BandSettings:
    """Where a page keeps its margin text, and what words on one line look like."""

    band: float = 0.08
    """Share of the page height, top and bottom, where running headers, footers and page numbers
    live: A4's 2.5 cm margins are 0.085 of its height, and Word's default header sits inside them."""
    edge: float = 0.035
    """The outer part of the band (about 1 cm on A4), where only headers and footers are printed:
    small text there is furniture on any page, without waiting to see it repeat."""
    smaller: float = 0.4
    """Points below the body size that make margin text "small": sizes are rounded to 0.5 pt by
    producers, so anything under half a point smaller is the body text itself."""
    same_line: float = 0.5
    """Share of the shorter height two words must overlap to be on one line: a superscript or a
    larger first word still overlaps by more, the line above or below by far less."""

    def __post_init__(self) -> None:
        if not 0 < self.edge < self.band < 0.5:
            raise ValueError(f"need 0 < edge < band < 0.5, got edge {self.edge}, band {self.band}")
        if self.smaller < 0 or not 0 < self.same_line <= 1:
            raise ValueError("smaller must be >= 0 and same_line in (0, 1]")


BANDS = BandSettings()
BAND = BANDS.band  # the share of the page height that is margin band (used across pages too)


def group_lines(words: list[Word], page: int) -> list[Line]:
    """Words into lines: a word joins a line when it overlaps it vertically by half its height."""
    lines: list[Line] = []
    current: list[Word] = []
    top = bottom = 0.0
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        height = max(word.bottom - word.top, 0.1)
        if current and min(bottom, word.bottom) - max(top, word.top) >= BANDS.same_line * min(
            height, bottom - top or height
        ):
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
    is marked for `wordbreak` to settle once the whole document has been read.
    """
    lines = group_lines(words, 0)
    if box is None or len(lines) < 2:
        return "\n".join(line.text for line in lines)
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


def mark_bands(lines: list[Line], content: PageContent, settings: BandSettings = BANDS) -> None:
    """Margin text: page numbers, and small print at the very edge, are furniture on any page.

    Other small text in the margin band is kept out of tables; whether it is a running header
    or footer is decided once every page is read (it repeats).
    """
    body = body_size(content.sizes)
    height = content.height
    for line in lines:
        in_band = line.bottom <= height * settings.band or line.top >= height * (1 - settings.band)
        if not in_band:
            continue
        at_edge = line.bottom <= height * settings.edge or line.top >= height * (1 - settings.edge)
        small = line.size < body - settings.smaller
        if PAGE_NUMBER.match(line.text) or (at_edge and small):
            line.furniture = True
            line.place("furniture")
        elif small:
            line.band = True
