"""The uniform layout every reader produces: blocks in reading order, with page and position.

Readers (`pipeline/read/*`) know file formats and nothing about plans; extractors
(`pipeline/extract/*`) know plans and guidance and nothing about file formats. This module is
the contract between them.

A block keeps its text *as laid out*: line breaks inside a cell or paragraph are kept as "\n",
double spaces are kept. Undoing layout (joining wrapped lines, collapsing spaces) is the
normaliser's job, so that every format is cleaned by the same code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pipeline.core.model import Note, PageWords

BlockKind = Literal["title", "heading", "paragraph", "list_item", "table", "furniture"]

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, top-left origin


@dataclass
class Cell:
    """One table cell. `merged` marks a cell covered by the one above (w:vMerge, PDF None).

    `fill` is the cell's background colour as "RRGGBB" when the source shades it in a colour that
    shows on paper (a red/amber/green status cell may hold no word at all), else None.
    """

    text: str
    page: int | None = None
    bbox: BBox | None = None
    merged: bool = False
    span: int = 1  # columns covered (gridSpan)
    fill: str | None = None  # background colour as RRGGBB (a RAG cell may be coloured, not worded)


@dataclass
class Row:
    cells: list[Cell]
    page: int | None = None
    bbox: BBox | None = None
    line: int | None = None  # the line of a text file the row starts on
    sheet: str | None = None  # the sheet of a workbook the row is on
    row: int | None = None  # the row number a spreadsheet program shows (a workbook's, or a CSV record's)

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Block:
    """A heading, paragraph, list item, table, or page furniture (running header, page number).

    `level` is the heading level (1 = top) or list depth (0 = top). `line` is the 1-based line of
    a text file where the block starts. `style` is the source's own style name when it has one.
    """

    kind: BlockKind
    text: str = ""
    page: int | None = None
    bbox: BBox | None = None
    level: int = 0
    line: int | None = None
    style: str | None = None
    bold: bool = False
    size: float | None = None
    rows: list[Row] = field(default_factory=list)
    marker: str | None = None  # list bullet or number as printed ("•", "1.", "a)")


@dataclass
class Layout:
    """A whole document as blocks. `notes` are reader remarks that become findings."""

    format: str
    blocks: list[Block]
    pages: int | None = None
    notes: list[Note] = field(default_factory=list)
    word_report: list[PageWords] = field(default_factory=list)  # PDFs: where each page's words went
    # Columns the reader knows for certain (header -> field, as rules/documents.yaml `columns:`
    # pins them): a workbook this pipeline wrote says what each of its columns holds.
    columns: dict[str, str] = field(default_factory=dict)
    # The document this one is a revision of, when the file says so itself (a workbook this
    # pipeline wrote, edited by an officer): {"file": ..., "sha256": ...}.
    revision_of: dict[str, str] | None = None
    # What the reading libraries said while reading it ("page 3: ..." for a PDF), for `extract
    # --debug`; what they say that means lost text is a note (`read.pdf.losses`), this is the record.
    library_warnings: list[str] = field(default_factory=list)

    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "table"]
