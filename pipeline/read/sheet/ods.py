"""OpenDocument spreadsheets (.ods, LibreOffice Calc's own format) into sheets, then a Layout.

content.xml is streamed with lxml, row by row, with the same defences as an Excel workbook
(`package.py`). An .ods stores, beside each value, the text the cell shows (`text:p`), so
dates, percentages and currencies come out as the sheet shows them without rendering number
formats. Fills come from the cell's style (or its row's or column's default style), and its
parent styles ("Good", "Bad", "Neutral" are shaded styles officers apply); merged cells from
`number-columns-spanned` / `number-rows-spanned`; hidden rows and columns from
`table:visibility`; hidden sheets from their table style. Repeated rows and cells (how an .ods
stores a blank sheet's million rows) are never expanded unless they hold something, and what
they hold is counted against the row and cell caps.

A password-protected .ods cannot be read here (its encryption is not Office's): the officer is
asked to save it without the password.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.core.errors import DamagedFile, EmptyFile, EncryptedFile, UnsupportedType
from pipeline.core.layout import Layout
from pipeline.read.guard import check_file_size
from pipeline.read.sheet.grid import Budget, Sheet, SheetCell, SheetTooLarge
from pipeline.rules import Rules

WHAT = "OpenDocument spreadsheet"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
MAX_COLUMNS = 16384
_T = f"{{{TABLE}}}"


def read(path: Path, data: bytes | None, rules: Rules, password: str | None = None) -> Layout:
    from pipeline.read.sheet.layout import layout_from_sheets

    raw = path.read_bytes() if data is None else data
    return layout_from_sheets(read_sheets(raw, rules), "ods", rules, [])


def read_sheets(data: bytes, rules: Rules) -> list[Sheet]:
    from pipeline.read.sheet.package import Package

    if not data:
        raise EmptyFile("empty file (no bytes)")
    check_file_size(len(data), rules.limits)
    package = Package(data, WHAT, int(rules.limits.max_unzipped_mb * 1024 * 1024))
    try:
        if package.has("mimetype"):
            kind = package.read("mimetype")[:100].decode("ascii", "replace").strip()
            if kind != "application/vnd.oasis.opendocument.spreadsheet":
                raise UnsupportedType(f"an OpenDocument file ({kind or 'of no stated kind'}), not a spreadsheet")
        if package.has("META-INF/manifest.xml") and b"encryption-data" in package.read("META-INF/manifest.xml"):
            raise EncryptedFile(
                "password-protected OpenDocument spreadsheet: it cannot be read here",
                "open it in LibreOffice, save a copy without the password, and put that in inputs/",
            )
        if not package.has("content.xml"):
            raise DamagedFile(f"damaged {WHAT}: its content (content.xml) is missing")
        styles = _Styles()
        if package.has("styles.xml"):
            styles.read_named(package, "styles.xml")
        return _Content(package, styles, rules).read()
    finally:
        package.close()


class _Styles:
    """Cell styles: name -> (fill, parent); table styles: name -> shown or not."""

    def __init__(self) -> None:
        self.cell: dict[str, tuple[str | None, str | None]] = {}
        self.hidden_tables: set[str] = set()

    def read_named(self, package: Any, name: str) -> None:
        from pipeline.read.sheet.package import iterparse

        with package.part(name) as handle:
            for _event, element in iterparse(handle, events=("end",), tag=f"{{{STYLE}}}style", what=WHAT):
                self.add(element)
                element.clear()

    def add(self, element: Any) -> None:
        family = element.get(f"{{{STYLE}}}family")
        name = element.get(f"{{{STYLE}}}name")
        if not name:
            return
        if family == "table-cell":
            fill = None
            props = element.find(f"{{{STYLE}}}table-cell-properties")
            if props is not None:
                colour = props.get(f"{{{FO}}}background-color") or ""
                if colour.startswith("#") and len(colour) == 7:
                    fill = colour[1:].upper()
                elif colour == "transparent":
                    fill = ""
            self.cell[name] = (fill, element.get(f"{{{STYLE}}}parent-style-name"))
        elif family == "table":
            props = element.find(f"{{{STYLE}}}table-properties")
            if props is not None and props.get(f"{{{TABLE}}}display") == "false":
                self.hidden_tables.add(name)

    def fill(self, name: str | None) -> str | None:
        seen = 0
        while name and seen < 20:
            fill, parent = self.cell.get(name, (None, None))
            if fill is not None:
                return fill or None
            name, seen = parent, seen + 1
        return None


class _Content:
    def __init__(self, package: Any, styles: _Styles, rules: Rules) -> None:
        self.package = package
        self.styles = styles
        self.rules = rules
        self.sheets: list[Sheet] = []

    def read(self) -> list[Sheet]:
        from pipeline.read.sheet.package import iterparse

        sheet: Sheet | None = None
        budget: Budget | None = None
        row = 0
        column_styles: list[str | None] = []
        column = 0
        with self.package.part("content.xml") as handle:
            parsed = iterparse(handle, events=("start", "end"), what=WHAT)
            for event, element in parsed:
                tag = element.tag
                if event == "start":
                    if tag == f"{_T}table":
                        sheet = Sheet(name=element.get(f"{_T}name") or f"Sheet {len(self.sheets) + 1}")
                        if element.get(f"{_T}style-name") in self.styles.hidden_tables:
                            sheet.state = "hidden"
                        limits = self.rules.limits
                        budget = Budget(limits.max_sheet_rows, limits.max_sheet_cells)
                        row, column, column_styles = 0, 0, []
                    continue
                if tag == f"{{{STYLE}}}style" and sheet is None:
                    self.styles.add(element)
                elif sheet is None or budget is None:
                    continue
                elif tag == f"{_T}table-column":
                    repeat = min(_int(element.get(f"{_T}number-columns-repeated"), 1), MAX_COLUMNS)
                    hidden = element.get(f"{_T}visibility") in ("collapse", "filter")
                    style = element.get(f"{_T}default-cell-style-name")
                    for _ in range(repeat):
                        column += 1
                        if column > MAX_COLUMNS:
                            break
                        column_styles.append(style)
                        if hidden:
                            sheet.hidden_columns.add(column)
                elif tag == f"{_T}table-row":
                    repeat = _int(element.get(f"{_T}number-rows-repeated"), 1)
                    if sheet.too_large is None:
                        try:
                            row = self._row(sheet, element, row, repeat, column_styles, budget)
                        except SheetTooLarge as exc:
                            sheet.cells.clear()
                            sheet.too_large = str(exc)
                    else:
                        row += repeat
                    element.clear()
                    while element.getprevious() is not None:
                        del element.getparent()[0]
                elif tag == f"{_T}table":
                    self.sheets.append(sheet)
                    sheet, budget = None, None
                    element.clear()
        if not self.sheets:
            raise DamagedFile(f"damaged {WHAT}: it holds no sheets")
        return self.sheets

    def _row(
        self, sheet: Sheet, element: Any, row: int, repeat: int, column_styles: list[str | None], budget: Budget
    ) -> int:
        hidden = element.get(f"{_T}visibility") in ("collapse", "filter")
        row_style = element.get(f"{_T}default-cell-style-name")
        cells: list[tuple[int, int, SheetCell, tuple[int, int]]] = []  # column, repeat, cell, span
        formulas: list[int] = []
        column = 0
        for child in element:
            name = child.tag
            if name not in (f"{_T}table-cell", f"{_T}covered-table-cell"):
                continue
            times = _int(child.get(f"{_T}number-columns-repeated"), 1)
            if name == f"{_T}table-cell":
                text = _cell_text(child)
                style = child.get(f"{_T}style-name") or row_style
                if style is None and column < len(column_styles):
                    style = column_styles[column]
                fill = self.styles.fill(style)
                if not text and child.get(f"{_T}formula") and not _has_value(child):
                    formulas.append(column + 1)
                if text or fill:
                    span = (
                        _int(child.get(f"{_T}number-rows-spanned"), 1),
                        _int(child.get(f"{_T}number-columns-spanned"), 1),
                    )
                    cells.append((column + 1, min(times, MAX_COLUMNS), SheetCell(text=text, fill=fill), span))
            column += times
            if column > MAX_COLUMNS:
                break
        if not cells:
            return row + repeat
        budget.row(repeat)
        budget.cell(repeat * sum(times for _c, times, _cell, _s in cells))
        for _ in range(repeat):
            row += 1
            if hidden:
                sheet.hidden_rows.add(row)
            for first, times, cell, (down, across) in cells:
                for c in range(first, min(first + times, MAX_COLUMNS + 1)):
                    sheet.put(row, c, SheetCell(text=cell.text, fill=cell.fill))
                    if down > 1 or across > 1:
                        sheet.merges.append((row, c, row + down - 1, c + across - 1))
            for c in formulas:
                sheet.formulas_without_value.append(f"{_letter(c)}{row}")
        return row


def _has_value(cell: Any) -> bool:
    return any(
        cell.get(f"{{{OFFICE}}}{key}") is not None
        for key in ("value", "date-value", "time-value", "boolean-value", "string-value")
    )


def _cell_text(cell: Any) -> str:
    """The text a cell shows: its paragraphs, one a line, with spaces, tabs and breaks."""
    lines = [_inline(p) for p in cell if p.tag == f"{{{TEXT}}}p"]
    text = "\n".join(lines)
    if not text.strip():
        value = cell.get(f"{{{OFFICE}}}string-value") or cell.get(f"{{{OFFICE}}}value")
        return value or ""
    return text


def _inline(element: Any) -> str:
    parts: list[str] = [element.text or ""]
    for child in element:
        name = child.tag
        if name == f"{{{TEXT}}}s":
            parts.append(" " * _int(child.get(f"{{{TEXT}}}c"), 1))
        elif name == f"{{{TEXT}}}tab":
            parts.append("\t")
        elif name == f"{{{TEXT}}}line-break":
            parts.append("\n")
        elif name in (f"{{{OFFICE}}}annotation", f"{{{TEXT}}}note"):
            pass  # comments are not the cell's text
        else:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _int(value: str | None, default: int) -> int:
    try:
        return max(int(value), 1) if value is not None else default
    except ValueError:
        return default


def _letter(column: int) -> str:
    from pipeline.read.sheet.grid import column_letter

    return column_letter(column)
