"""What the PDF reader works with between pdfplumber and the Layout: words, lines, table pieces.

Each page is read on its own into a `PageContent` (plain data, no pdfplumber objects), so a
page's cached objects can be released as soon as it is read and pages could be read in other
processes; everything that needs more than one page (running headers, tables that go on over a
page break) is decided afterwards from these records.

Every `Word` carries `place`: where it went ("table", "text", "furniture"). The reader's word
report is counted from it, and a word left without a place is reported, never silently lost.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from pipeline.core.layout import BBox, Row

Place = Literal["table", "text", "furniture"]


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    place: Place | None = None


@dataclass(slots=True)
class Line:
    """Words on one baseline, left to right."""

    words: list[Word]
    page: int
    band: bool = False  # in the page's top/bottom margin band, smaller than the body text
    furniture: bool = False

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    def place(self, place: Place) -> None:
        for word in self.words:
            word.place = place


@dataclass
class ColumnModel:
    """A borderless table's columns, learned from its header words; reused where it goes on."""

    lefts: list[float]  # left boundary of each column
    right: float
    anchor: int | None  # the column whose cells start rows (the id / question column), if any
    size: float  # the table's text size
    header: list[str]  # header texts as printed
    id_shapes: set[tuple[str, int]] = field(default_factory=set)  # ids seen opening rows: ("", 3) for 2.3.1

    def column(self, x: float) -> int:
        """The column an x position (a word's left edge) falls in."""
        index = 0
        for i, left in enumerate(self.lefts):
            if x >= left:
                index = i
        return index


@dataclass
class Fragment:
    """The part of one table that is on one page: rows of cells, header row included if printed."""

    page: int
    rows: list[Row]
    bbox: BBox
    columns: list[float]  # left edge of each grid column, then the right edge of the table
    ruled: bool
    model: ColumnModel | None = None  # borderless tables: the model that cut the rows
    header_rows: int = 0  # how many leading rows are the header (borderless: detected, else 0)

    @property
    def top(self) -> float:
        return self.bbox[1]


Item = Line | Fragment


@dataclass
class PageContent:
    """One page, read: lines and table fragments in reading order, plus what the checks need."""

    number: int
    width: float
    height: float
    items: list[Item] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    glyphs: int = 0
    garbled: int = 0
    images: int = 0
    sizes: Counter[float] = field(default_factory=Counter)  # characters per font size
    parser: str = ""  # which PDF parser read the page ("playa", or "pdfminer" where it fell back)
    streams: int = 0  # content streams the page has (none: nothing was ever drawn on it, or they were lost)
    text_ops: int = 0  # text-showing operators in the page's content streams (`pdf.losses`)
    text_lost: int = 0  # of those, how many gave no characters (the page is damaged)
    library_warnings: list[str] = field(default_factory=list)  # what the PDF libraries said reading it

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickled compactly, for pages read in another process and sent back.

        A page holds thousands of words, each an object; as plain tuples they are sent and
        unpacked several times faster, and the lines are sent as positions in the word list,
        so that a line and the page still share each word (a word placed through its line is
        placed in the page's word report).
        """
        index = {id(word): n for n, word in enumerate(self.words)}
        words = [_pack_word(w) for w in self.words]
        items: list[object] = []
        for item in self.items:
            if isinstance(item, Line):
                # a drawn bullet is a word of its line but not of the page: it travels as itself
                positions = [index.get(id(w), _pack_word(w)) for w in item.words]
                items.append((positions, item.page, item.band, item.furniture))
            else:
                items.append(item)
        state = (
            self.width,
            self.height,
            self.glyphs,
            self.garbled,
            self.images,
            dict(self.sizes),
            self.parser,
            self.streams,
            self.text_ops,
            self.text_lost,
            self.library_warnings,
        )
        return (_unpack_page, (self.number, words, items, state))


def _pack_word(w: Word) -> tuple[object, ...]:
    return (w.text, w.x0, w.x1, w.top, w.bottom, w.size, w.bold, w.page, w.place)


def _unpack_page(
    number: int, words: list[tuple[object, ...]], items: list[object], state: tuple[object, ...]
) -> PageContent:
    """A page as `PageContent.__reduce__` packed it."""
    width, height, glyphs, garbled, images, sizes, parser, streams, text_ops, text_lost, heard = state
    page = PageContent(number, width, height, glyphs=glyphs, garbled=garbled, images=images, parser=parser)  # type: ignore[arg-type]
    page.streams, page.text_ops, page.text_lost = streams, text_ops, text_lost  # type: ignore[assignment]
    page.library_warnings = heard  # type: ignore[assignment]
    page.sizes = Counter(sizes)  # type: ignore[call-overload]
    page.words = [Word(*w) for w in words]  # type: ignore[arg-type]
    for item in items:
        if isinstance(item, tuple):
            positions, line_page, band, furniture = item
            line_words = [page.words[n] if isinstance(n, int) else Word(*n) for n in positions]
            page.items.append(Line(line_words, line_page, band, furniture))
        else:
            page.items.append(item)  # type: ignore[arg-type]
    return page
