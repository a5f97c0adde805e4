"""The uniform form of one spreadsheet sheet, whatever file it came from (.xlsx, .ods, .csv).

Each format's parser fills a `Sheet`: the cells it holds (sparse: only cells with text or a
fill), its merged ranges, its hidden rows and columns, and what the parser noticed (formulas
with no saved result). `pipeline.read.sheet.layout` then turns sheets into layout blocks, so
the decisions about sheets (which hold a plan, where the table starts, what to tell the
officer) are made once for every format.

`Budget` keeps a hostile file from filling memory: rows and cells are counted as they are
parsed, and a sheet over `max_sheet_rows` or `max_sheet_cells` (rules/limits.yaml) stops being
read at once; the sheet is then skipped with a note, never half read.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SheetCell:
    text: str
    fill: str | None = None  # background colour, RRGGBB


@dataclass
class Sheet:
    name: str
    state: str = "visible"  # visible | hidden | veryHidden
    cells: dict[int, dict[int, SheetCell]] = field(default_factory=dict)  # row -> column -> cell (1-based)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # first row, first col, last row, last col
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    formulas_without_value: list[str] = field(default_factory=list)  # cell references ("E5")
    too_large: str | None = None  # why the sheet was not read whole

    def put(self, row: int, column: int, cell: SheetCell) -> None:
        self.cells.setdefault(row, {})[column] = cell

    def text(self, row: int, column: int) -> str:
        cell = self.cells.get(row, {}).get(column)
        return cell.text if cell is not None else ""


class SheetTooLarge(Exception):
    """Raised inside a parser when a sheet goes over a limit; the sheet is skipped with a note."""


@dataclass
class Budget:
    """Rows and cells a sheet may hold (rules/limits.yaml `max_sheet_rows`, `max_sheet_cells`)."""

    max_rows: int
    max_cells: int
    rows: int = 0
    cells: int = 0

    def row(self, count: int = 1) -> None:
        self.rows += count
        if self.rows > self.max_rows:
            raise SheetTooLarge(f"more than {self.max_rows:,} rows (max_sheet_rows)".replace(",", " "))

    def cell(self, count: int = 1) -> None:
        self.cells += count
        if self.cells > self.max_cells:
            raise SheetTooLarge(f"more than {self.max_cells:,} cells (max_sheet_cells)".replace(",", " "))


def column_letter(column: int) -> str:
    """1 -> "A", 28 -> "AB"."""
    out = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def column_number(letters: str) -> int:
    """ "A" -> 1, "AB" -> 28."""
    number = 0
    for ch in letters:
        number = number * 26 + (ord(ch.upper()) - 64)
    return number
