"""Text set side by side: a sidebar, a contents box or a second column beside the body.

A browser prints a page's grid as it lays it out on screen: an "On this page" box or a
"Contents" sidebar sits beside the introduction, so words of both share the page's lines and
a line read straight across runs them together ("...notice that a On this page"). Lines are
only words on one baseline; where two columns stand side by side they must be read one after
the other.

A *gutter* is an x-range that three or more lines leave empty with a gap far wider than a word
space (`GUTTER` font sizes), the lines between them never crossing it. Around those lines,
up and down, every line that does not cross it belongs to the same stretch of columns (up to a
heading set larger than anything in the stretch). That
stretch is read as its left column, then its right one (each may have a gutter of its own),
except that a sidebar (a column much narrower than the other) is read first: the main text goes
on below the stretch and over the page, and must not be cut by it. The lines of each column
are made again from its words, so a larger heading in one column no longer swallows two lines
of the other. Each column must hold lines of words: a list's markers set apart from its text
are no column.

Tables are found before this (ruled, borderless, and borderless ones that go on over a page
break), so their columns are never read apart: only the text outside them is.
"""

from __future__ import annotations

from pipeline.read.geometry.lines import group_lines
from pipeline.read.geometry.types import Line

GUTTER = 1.4  # white between two words, in font sizes, wider than any word space
MIN_LINES = 3  # lines that must show the gutter with text on both sides of it
MIN_TEXT_LINES = 2  # lines of two or more words each column must hold (a list's markers are no column)
SIDEBAR = 0.6  # a column at most this share of the other's width is a sidebar: it is read first


def split_columns(lines: list[Line], depth: int = 0) -> list[Line]:
    """The lines in reading order, columns that stand side by side read one after the other."""
    found = find_gutter(lines) if depth < 4 else None
    if found is None:
        return lines
    (left_edge, right_edge), first, last = found
    middle = (left_edge + right_edge) / 2
    words = [w for line in lines[first : last + 1] for w in line.words]
    page = lines[first].page
    left = group_lines([w for w in words if (w.x0 + w.x1) / 2 < middle], page)
    right = group_lines([w for w in words if (w.x0 + w.x1) / 2 >= middle], page)
    columns = [split_columns(left, depth + 1), split_columns(right, depth + 1)]
    if _width(right) <= SIDEBAR * _width(left):
        columns.reverse()  # the main text reads on below the stretch and over the page: its sidebar first
    return lines[:first] + columns[0] + columns[1] + split_columns(lines[last + 1 :], depth)


def _width(lines: list[Line]) -> float:
    return max((line.x1 for line in lines), default=0.0) - min((line.x0 for line in lines), default=0.0)


def wide_gaps(line: Line) -> list[tuple[float, float]]:
    """The x-ranges between neighbouring words of a line that no word space could be."""
    gaps = []
    reach = line.words[0].x1
    for previous, word in zip(line.words, line.words[1:], strict=False):
        if word.x0 - reach >= GUTTER * min(previous.size, word.size):
            gaps.append((reach, word.x0))
        reach = max(reach, word.x1)
    return gaps


def free_range(line: Line, gutter: tuple[float, float]) -> tuple[tuple[float, float], bool] | None:
    """Where in the gutter the line leaves room for a column edge, and whether it has words on both
    sides of it; None when it runs through (a word in the way, or words on both sides set close).
    """
    left, right = gutter
    first, last = line.words[0].x0, max(w.x1 for w in line.words)
    options = [((a, b), True) for a, b in wide_gaps(line)]
    options += [((left, first), False), ((last, right), False)]
    best: tuple[tuple[float, float], bool] | None = None
    for (a, b), both in options:
        a, b = max(a, left), min(b, right)
        if b - a > 1 and (best is None or b - a > best[0][1] - best[0][0]):
            best = ((a, b), both)
    return best


def find_gutter(lines: list[Line]) -> tuple[tuple[float, float], int, int] | None:
    """(gutter, first line, last line) of the first stretch of side-by-side columns, if any."""
    for start, line in enumerate(lines):
        for gap in wide_gaps(line):
            found = _stretch(lines, start, gap)
            if found is not None:
                return found
    return None


def _stretch(lines: list[Line], start: int, gap: tuple[float, float]) -> tuple[tuple[float, float], int, int] | None:
    gutter = gap
    both = 1
    last = start
    for index in range(start + 1, len(lines)):
        room = free_range(lines[index], gutter)
        if room is None:
            break
        gutter = room[0]
        both += room[1]
        last = index
    if both < MIN_LINES:
        return None
    first = start
    largest = max(line.size for line in lines[start : last + 1])
    while first > 0 and lines[first - 1].size <= largest + 1:  # a larger heading above is not beside anything
        room = free_range(lines[first - 1], gutter)
        if room is None:
            break
        gutter = room[0]
        first -= 1
    middle = (gutter[0] + gutter[1]) / 2
    for side in (lambda x: x < middle, lambda x: x >= middle):
        texts = 0
        for line in lines[first : last + 1]:
            texts += sum(1 for w in line.words if side((w.x0 + w.x1) / 2)) >= 2
        if texts < MIN_TEXT_LINES:
            return None
    return gutter, first, last
