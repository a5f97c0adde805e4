"""Characters into words, as pdfplumber's `extract_words(extra_attrs=["size", "fontname"])` makes them.

The reader's geometry was written and checked against pdfplumber's words, so words are made by
the very same rules, whichever parser read the characters (`pdf_glyphs` or pdfminer):
1. characters are taken in the order the page draws them, in runs of the same uprightness, size
   and font (a change of font starts a new run, and so a new word);
2. each run is cut into lines: characters whose tops are within `Y_TOLERANCE` of the previous
   one (chained, on the sorted tops) share a line; the line is read left to right (rotated text:
   lines by x, read top to bottom);
3. a word ends at a blank character, where the next character starts before the last one did,
   more than `X_TOLERANCE` after it ends, or on a line more than `Y_TOLERANCE` away.
The word's box bounds its characters; its size and font are its first character's. Ligatures
("ﬁ") are spelt out. Working on tuples instead of pdfplumber's dicts makes this several times
faster; tests compare the two on every fixture PDF.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple

X_TOLERANCE = 3.0  # pdfplumber's default: a gap wider than this between characters ends a word
Y_TOLERANCE = 3.0  # pdfplumber's default: tops further apart than this are different lines
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


# One drawn character, in pdfplumber's page coordinates (top-left origin): (text, x0, x1, top,
# bottom, size, fontname, upright). A plain tuple, not a named one: a long plan has hundreds of
# thousands of characters, and a plain tuple is made several times faster.
Char = tuple[Any, ...]  # (str, float, float, float, float, float, str, bool); indexed by position below


class RawWord(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    fontname: str


_RUN_KEY = itemgetter(7, 5, 6)  # upright, size, fontname


def words(chars: Sequence[Char]) -> list[RawWord]:
    """The page's words, in pdfplumber's order."""
    out: list[RawWord] = []
    for (upright, _size, _font), run in groupby(chars, _RUN_KEY):
        for line in _lines(list(run), upright):
            out.extend(_split(line, upright))
    return out


def _lines(run: list[Char], upright: bool) -> Iterator[list[Char]]:
    """The run cut into lines (pdfplumber's `cluster_objects`), each sorted in reading order."""
    key = 3 if upright else 1  # top, or x0 for rotated text
    values = sorted({c[key] for c in run})
    cluster: dict[float, int] = {}
    index, last = 0, values[0]
    tolerance = Y_TOLERANCE if upright else X_TOLERANCE
    for value in values:
        if value > last + tolerance:
            index += 1
        cluster[value] = index
        last = value
    ordered = sorted(run, key=lambda c: cluster[c[key]])
    sort_key = (lambda c: c[1]) if upright else (lambda c: (c[3], c[4]))
    for _, line in groupby(ordered, key=lambda c: cluster[c[key]]):
        yield sorted(line, key=sort_key)


def _split(line: list[Char], upright: bool) -> Iterator[RawWord]:
    """A line's characters into words (pdfplumber's `iter_chars_to_words` and `merge_chars`)."""
    if upright:  # advance along x, lines apart in their tops
        start, end, across, gap, apart = 1, 2, 3, X_TOLERANCE, Y_TOLERANCE
    else:  # advance down the page, lines apart in their x0s
        start, end, across, gap, apart = 3, 4, 1, Y_TOLERANCE, X_TOLERANCE
    current: list[Char] = []
    for char in line:
        text = char[0]
        if not text or text.isspace():
            if current:
                yield _merge(current)
            current = []
            if not text:  # pdfplumber makes an empty character a word of its own
                yield _merge([char])
            continue
        if current:
            previous = current[-1]
            if (
                char[start] < previous[start]
                or char[start] > previous[end] + gap
                or abs(char[across] - previous[across]) > apart
            ):
                yield _merge(current)
                current = [char]
                continue
        current.append(char)
    if current:
        yield _merge(current)


def _merge(chars: list[Char]) -> RawWord:
    first = chars[0]
    if len(chars) == 1:
        return RawWord(LIGATURES.get(first[0]) or first[0], first[1], first[2], first[3], first[4], first[5], first[6])
    x0, x1, top, bottom = first[1], first[2], first[3], first[4]
    for c in chars:
        if c[1] < x0:
            x0 = c[1]
        if c[2] > x1:
            x1 = c[2]
        if c[3] < top:
            top = c[3]
        if c[4] > bottom:
            bottom = c[4]
    text = "".join([LIGATURES.get(c[0]) or c[0] for c in chars])
    return RawWord(text, x0, x1, top, bottom, first[5], first[6])
