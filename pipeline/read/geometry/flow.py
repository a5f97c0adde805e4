"""Text outside tables: lines into headings, paragraphs and list items.

A PDF has no paragraphs, only lines; they are put back together from what a reader sees.
A line set larger than the body text, or wholly in bold, is a heading; a line opening with a
bullet glyph or a list number ("1.", "a)") starts a list item, and the lines that follow it
closely without a marker of their own continue it; other lines close to the one above (less
than half a line of white between them) and in the same type continue its paragraph.
Heading levels and the title are decided for the whole document, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.core.layout import Block, BlockKind
from pipeline.core.text import BULLETS
from pipeline.read.geometry.types import Line

DASHES = ("-", "–", "—")
NUMBERED = re.compile(r"^(?:\d{1,2}[.)]|[a-z][.)]|\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)|[ivx]{1,4}[.)])$")
# a list number set so close to its text that the two read as one word: "1.Is", "a)Who"
ATTACHED = re.compile(r"^(\d{1,2}[.)]|[a-z]\))(?=[A-Z(\u2018\u201c\"'])")


@dataclass(frozen=True)
class FlowSettings:
    """What makes a line a heading, and when the next line goes on with the same block."""

    large: float = 1.15
    """A line this many times the body size is a heading: Word's Heading 2 (13 pt over an 11 pt
    body) is 1.18, a 12 pt heading over 10 pt text 1.2; smaller headings are bold, which counts
    on its own, while a line a mere half point larger is body text set unevenly."""
    paragraph_gap: float = 0.5
    """White between lines, in font sizes, that ends a paragraph: single spacing leaves 0.15 to
    0.25, and a paragraph's space after (6 pt at 10-11 pt) is 0.55 or more."""
    overlap: float = 0.5
    """How far, in font sizes, a line may start above the last one ends and still follow it: lines
    set tighter than solid overlap a little; half a size more is a column beside, not below."""
    size_step: float = 0.6
    """Points two lines' sizes may differ by and be one block: producers round sizes to 0.5 pt."""
    bold_heading_words: int = 30
    """A bold block longer than this is a bold paragraph, not a heading: headings run to 15 words,
    a sentence set in bold for emphasis to 30 and more."""
    marker_slack: float = 2.0
    """Points a list item's next line may start left of its bullet and still continue it
    (hanging indents are measured from the bullet, give or take rounding)."""
    dash_gap: float = 0.4
    """White, in font sizes, after a dash that makes it a bullet: an ordinary word space is 0.25
    to 0.33 of the size, so a wrapped " - " does not reach it."""

    def __post_init__(self) -> None:
        if self.large <= 1 or self.paragraph_gap <= 0 or self.overlap < 0:
            raise ValueError("large must exceed 1, paragraph_gap be positive, overlap not negative")
        if self.size_step < 0 or self.bold_heading_words < 1 or self.marker_slack < 0 or self.dash_gap <= 0:
            raise ValueError("size_step, marker_slack >= 0; bold_heading_words >= 1; dash_gap > 0")


FLOW = FlowSettings()


@dataclass
class Marker:
    marker: str
    text: str  # the line's text without the marker
    x0: float  # where the marker is printed


def split_marker(line: Line) -> Marker | None:
    """The list marker a line opens with, and the rest of its text.  "• Do you know" -> ("•", "Do you know")"""
    words = line.words
    first = words[0]
    rest = " ".join(w.text for w in words[1:])
    if first.text[0] in BULLETS:
        if len(first.text) == 1:
            return Marker(first.text, rest, first.x0) if rest else None
        return Marker(first.text[0], (first.text[1:] + " " + rest).strip(), first.x0)
    if first.text in DASHES and len(words) > 1 and words[1].x0 - first.x1 > FLOW.dash_gap * first.size:
        return Marker(first.text, rest, first.x0)  # a dash bullet stands apart; a wrapped " - " does not
    if NUMBERED.match(first.text) and rest:
        return Marker(first.text, rest, first.x0)
    if attached := ATTACHED.match(first.text):
        return Marker(attached.group(1), (first.text[attached.end() :] + " " + rest).strip(), first.x0)
    return None


@dataclass
class _Open:
    kind: BlockKind
    lines: list[Line] = field(default_factory=list)
    marker: Marker | None = None


def line_kind(line: Line, body: float) -> BlockKind:
    if line.size >= body * FLOW.large:
        return "heading"
    if split_marker(line) is not None:
        return "list_item"
    if line.bold:
        return "heading"
    return "paragraph"


def build_blocks(lines: list[Line], body: float) -> list[tuple[Block, float]]:
    """One page's text lines (furniture and tables removed, in reading order) as blocks.

    Each block comes with its indent (the x of its marker or first line), from which the
    document's list depths are worked out once every page is read.
    """
    opened: list[_Open] = []
    for line in lines:
        kind = line_kind(line, body)
        current = opened[-1] if opened else None
        if current is not None and _continues(current, line, kind):
            current.lines.append(line)
            continue
        opened.append(_Open(kind, [line], split_marker(line) if kind == "list_item" else None))
    return [_block(o, body) for o in opened]


def _continues(current: _Open, line: Line, kind: str) -> bool:
    last = current.lines[-1]
    gap = line.top - last.bottom
    if gap > FLOW.paragraph_gap * max(line.size, last.size) or gap < -FLOW.overlap * line.size:
        return False
    if abs(line.size - last.size) > FLOW.size_step:
        return False
    if current.kind == "heading":
        return kind == "heading" and line.bold == last.bold
    if kind != "paragraph" or line.bold != last.bold:
        return False
    if current.kind == "list_item" and current.marker is not None:
        if len(current.lines) >= 2:  # the item's wrapped lines show its indent: a line left of it is not the item's
            return line.x0 >= min(x.x0 for x in current.lines[1:]) - FLOW.marker_slack
        return line.x0 >= current.marker.x0 - FLOW.marker_slack
    return True


def _block(opened: _Open, body: float) -> tuple[Block, float]:
    lines = opened.lines
    texts = [line.text for line in lines]
    kind = opened.kind
    size = max(line.size for line in lines)
    words = sum(len(line.words) for line in lines)
    if kind == "heading" and size < body * FLOW.large and words > FLOW.bold_heading_words:
        kind = "paragraph"  # a bold paragraph
    marker = None
    indent = min(line.x0 for line in lines)
    if opened.marker is not None:
        marker = opened.marker.marker
        texts[0] = opened.marker.text
        indent = opened.marker.x0
    bbox = (min(line.x0 for line in lines), lines[0].top, max(line.x1 for line in lines), lines[-1].bottom)
    block = Block(
        kind=kind,
        text="\n".join(texts),
        page=lines[0].page,
        bbox=bbox,
        bold=all(line.bold for line in lines),
        size=size,
        marker=marker,
    )
    return block, indent
