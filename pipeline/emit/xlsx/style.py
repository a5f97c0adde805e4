"""The house style of every workbook the pipeline writes, so that all of them look alike.

Officers open several of our workbooks side by side (a plan, its revision diff, its status
history, the index of all plans); they should read the same way: a bold, shaded, frozen header
row with filters, wrapped text, widths that fit, the same status colours (taken from
`rules/statuses.yaml`) and the same severity colours. Every value goes through
`xlsx_safe.write_cell`, so no text from a document ever becomes a formula.

API (stable: names are only ever added, never renamed):

- `new_workbook() -> Workbook`: an empty workbook (no default sheet).
- `add_sheet(wb, title) -> Worksheet`: a sheet with a valid, unique title (Excel's 31-character
  limit and forbidden characters handled; `sheet_title(text, taken)` gives the title alone).
- `valid_table_name(text, taken) -> str`: a valid, unique Excel table name.
- `write_table(ws, headers, rows, widths=None, table_name=None, first_row=1, wrap=True,
  max_width=60, number_formats=None, freeze=True, filters=True, centre=()) -> TableRange`: header row (bold,
  shaded, frozen) and data rows; an Excel table with banded rows when `table_name` is given, an
  autofilter otherwise (`filters=False`: neither, for small summary tables). Headers must be
  distinct ignoring case (Excel's rule for tables). `centre` names columns to centre (short
  numbers and ids next to text).
  `widths` maps header -> width (or is a list, one per column); missing widths are fitted to
  the content. Returns where it went (`TableRange.column("Status") -> "E"`, `.data_range("Status")`
  -> "E2:E40", `.ref` -> "A1:L40") for validations and colours.
- `write_title(ws, row, text, note=None)`: a bold sheet title (and a grey note line under it);
  `write_heading(ws, row, text)`: a sub-heading above a table; `font(**kw)`: the house font.
- `solid_fill("RRGGBB") -> PatternFill`; `status_fill(label, rules) -> PatternFill | None`: the
  solid fill of a canonical status.
- `status_colours(rules) -> dict[label, "RRGGBB"]`.
- `add_status_validation(ws, col_letter, first_row, last_row, rules)`: drop-down of the
  canonical statuses (blank allowed).
- `add_list_validation(ws, cell_range, values, title, prompt=None)`: any drop-down list; long or
  comma-holding lists go to a hidden `Lists` sheet so Excel's 255-character limit never bites.
- `add_date_validation(ws, cell_range, title="Date")`: only dates accepted, shown dd/mm/yyyy.
- `add_status_colours(ws, cell_range, rules)`: conditional formatting, one colour per status,
  so the colour follows the value when an officer picks another status.
- `add_value_colours(ws, cell_range, colours)`: the same for any value -> "RRGGBB" mapping.
- `SEVERITY_COLOURS`, `severity_fill(severity)`, `add_severity_colours(ws, cell_range)`.
- `rating_colours(rules) -> dict[label, "RRGGBB"]`: the ratings of self-assessment forms.
- `link_to_cell(cell, sheet_title, coordinate)`: an internal hyperlink (works in Excel and
  LibreOffice; no external relationship).
- `fit_row_heights(ws, first_row, last_row)`: row heights estimated from wrapped text, so rows
  open tall enough in Excel (which does not re-measure rows when it opens a file).
- `print_setup(ws, landscape=True, pages_wide=1)`: A4, one page wide (done by `write_table`).
- `print_ready(wb, header, source)`: every visible sheet made ready for paper: A4 or A3
  landscape chosen by the sheet's width so text prints at 8 pt or more (wrapping, never
  shrinking below it; a sheet wider than A3 goes over more pages, its first column repeated),
  a header (the plan's title and version) and a footer (page X of Y, the source file).
- `write_group_row(ws, row, text, last_column, level)`: a section or outcome heading row across
  a table (merged, shaded), so the heading is printed once above its actions.
- `save(wb, path)`: byte-reproducible and atomic (see `xlsx_safe.save_reproducible`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.emit.xlsx.safe import AUTHOR, cell_text, save_reproducible, write_cell

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.worksheet import Worksheet

    from pipeline.rules import Rules

FONT_NAME = "Calibri"  # Excel's default; LibreOffice shows it with the metric-compatible Carlito
FONT_SIZE = 11
HEADER_FILL = "1F4E78"  # dark blue, white bold text
HEADER_FONT = "FFFFFF"
TITLE_SIZE = 14
NOTE_FONT = "595959"
BORDER_COLOUR = "BFBFBF"
TABLE_STYLE = "TableStyleLight9"
SEVERITY_COLOURS: dict[str, str] = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
LIST_SHEET = "Lists"
MIN_WIDTH = 6.0
LINE_HEIGHT = 15.0  # points per wrapped line at the default 11pt font
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


@dataclass
class TableRange:
    """Where `write_table` put a table: header row, last row, column letter per header."""

    sheet: str
    header_row: int
    last_row: int  # == header_row when there are no data rows
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    @property
    def ref(self) -> str:
        letters = list(self.columns.values())
        return f"{letters[0]}{self.header_row}:{letters[-1]}{max(self.last_row, self.header_row + 1)}"

    def column(self, header: str) -> str:
        return self.columns[header]

    def data_range(self, header: str) -> str:
        """The data cells of one column ("E2:E40"); one blank row when the table is empty."""
        letter = self.columns[header]
        return f"{letter}{self.first_data_row}:{letter}{max(self.last_row, self.first_data_row)}"


# --------------------------------------------------------------------------- workbook and sheets


def new_workbook() -> Workbook:
    """An empty workbook: add sheets with `add_sheet` in the order officers should see them."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    return wb


def sheet_title(title: str, taken: Iterable[str] = ()) -> str:
    """A valid sheet title: no `[]:*?/\\`, at most 31 characters, unique (case-insensitively).

    "Q1: plan / 2024" -> "Q1 plan 2024"
    """
    clean = re.sub(r"\s+", " ", _BAD_TITLE.sub(" ", str(cell_text(title)))).strip().strip("'") or "Sheet"
    clean = clean[:31]
    used = {t.lower() for t in taken}
    candidate, n = clean, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = clean[: 31 - len(suffix)] + suffix
        n += 1
    return candidate


def add_sheet(wb: Workbook, title: str) -> Worksheet:
    ws = wb.create_sheet(sheet_title(title, wb.sheetnames))
    ws.sheet_view.zoomScale = 100
    return ws


def valid_table_name(text: str, taken: Iterable[str] = ()) -> str:
    """A valid, unique Excel table name: letters, digits, underscores, starting with a letter.

    "Status history 2.1" -> "Status_history_2_1"
    """
    name = re.sub(r"[^A-Za-z0-9_]", "_", text).strip("_") or "Table"
    if not name[0].isalpha():
        name = "T_" + name
    if re.fullmatch(r"[A-Za-z]{1,3}\d+", name) or name.upper() in ("R", "C"):
        name = name + "_"  # would read as a cell reference
    name = name[:250]
    used = {t.lower() for t in taken}
    candidate, n = name, 2
    while candidate.lower() in used:
        candidate = f"{name}_{n}"
        n += 1
    return candidate


def _all_table_names(wb: Workbook) -> list[str]:
    return [name for ws in wb.worksheets for name in ws.tables]


# --------------------------------------------------------------------------- writing


def font(**kwargs: Any) -> Font:
    """The house font with changes, e.g. `font(bold=True)`; the name is always set so that
    LibreOffice does not fall back to a serif face."""
    from openpyxl.styles import Font

    kwargs.setdefault("name", FONT_NAME)
    kwargs.setdefault("size", FONT_SIZE)
    return Font(**kwargs)


def write_heading(ws: Worksheet, row: int, text: str, column: int = 1) -> Any:
    """A bold sub-heading above a table (e.g. "Actions by section and status")."""
    cell = write_cell(ws, row, column, text)
    cell.font = font(bold=True, size=12)
    return cell


def write_title(ws: Worksheet, row: int, text: str, note: str | None = None) -> int:
    """A bold title in column A (and a grey note under it). Returns the next free row."""
    write_cell(ws, row, 1, text).font = font(bold=True, size=TITLE_SIZE)
    ws.row_dimensions[row].height = 21
    if note:
        write_cell(ws, row + 1, 1, note).font = font(italic=True, color=NOTE_FONT)
        return row + 2
    return row + 1


def write_table(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Mapping[str, float] | Sequence[float] | None = None,
    table_name: str | None = None,
    first_row: int = 1,
    wrap: bool = True,
    max_width: float = 60,
    number_formats: Mapping[str, str] | None = None,
    freeze: bool = True,
    filters: bool = True,
    centre: Sequence[str] = (),
) -> TableRange:
    """Write a header row and data rows in the house style; see the module docstring."""
    from openpyxl.styles import Alignment, Border, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    headers = [str(h) for h in headers]
    if len({h.lower() for h in headers}) != len(headers) or not all(h.strip() for h in headers):
        raise ValueError(f"table headers must be distinct and non-empty: {headers!r}")
    columns = {h: get_column_letter(i) for i, h in enumerate(headers, 1)}
    header_font = font(bold=True, color=HEADER_FONT)
    header_fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    header_align = Alignment(wrap_text=True, vertical="center")
    side = Side(style="thin", color=BORDER_COLOUR)
    border = Border(left=side, right=side, top=side, bottom=side)
    body_align = Alignment(wrap_text=wrap, vertical="top")
    centre_align = Alignment(wrap_text=wrap, vertical="top", horizontal="center")
    centred = {i for i, h in enumerate(headers, 1) if h in centre}
    formats = dict(number_formats or {})

    for col, header in enumerate(headers, 1):
        cell = write_cell(ws, first_row, col, header)
        cell.font, cell.fill, cell.alignment, cell.border = header_font, header_fill, header_align, border
    row_number = first_row
    # Each column's body style is set once and copied (openpyxl's documented way to copy a style);
    # setting it cell by cell costs seconds on a plan of a few thousand actions.
    templates: dict[int, Any] = {}
    for row_number, values in enumerate(rows, first_row + 1):
        for col, value in enumerate(values, 1):
            cell = ws.cell(row=row_number, column=col)
            if col in templates:
                cell._style = copy(templates[col])
            else:
                cell.alignment = centre_align if col in centred else body_align
                cell.border = border
                fmt = formats.get(headers[col - 1]) if col <= len(headers) else None
                if fmt:
                    cell.number_format = fmt
                templates[col] = copy(cell._style)
            write_cell(ws, row_number, col, value)  # after the style: it may add the quote prefix
    last_row = row_number
    placed = TableRange(ws.title, first_row, last_row, columns)

    fitted = fit_widths(ws, headers, first_row, last_row, max_width=max_width)
    for i, header in enumerate(headers):
        width = fitted[i]
        if isinstance(widths, Mapping) and header in widths:
            width = widths[header]
        elif isinstance(widths, Sequence) and not isinstance(widths, str) and i < len(widths):
            width = widths[i]
        ws.column_dimensions[columns[header]].width = round(float(width), 1)
    ws.row_dimensions[first_row].height = _header_height(headers, ws, columns)
    fit_row_heights(ws, first_row + 1, last_row)
    if freeze:
        ws.freeze_panes = f"A{first_row + 1}"
        ws.print_title_rows = f"{first_row}:{first_row}"
    print_setup(ws)

    if table_name:
        # Excel wants at least one data row under a table's header; an empty table gets a blank row.
        name = valid_table_name(table_name, _all_table_names(ws.parent))
        table = Table(displayName=name, ref=placed.ref)
        table.tableStyleInfo = TableStyleInfo(
            name=TABLE_STYLE, showRowStripes=True, showColumnStripes=False, showFirstColumn=False, showLastColumn=False
        )
        ws.add_table(table)
    elif filters:
        ws.auto_filter.ref = placed.ref  # one per sheet: the last table written with filters has it
    return placed


# Printing. Excel column width w (characters of the default font) is w * 7 + 5 pixels at 96 dpi;
# LibreOffice prints the same column 1.3 to 1.4 times as wide (measured on our workbooks), and the
# wider of the two decides, so text is at least as large as planned in both.
MIN_PRINT_SCALE = 0.75  # 11 pt text printed at 75 % is 8.25 pt: 8 pt or more even if a guess is a little out
PRINT_WIDTH_FACTOR = 1.4
PRINTABLE_POINTS = {"A4": (842 - 2 * 0.4 * 72), "A3": (1191 - 2 * 0.4 * 72)}  # landscape width less margins
GROUP_FILLS = ("D9E1F2", "EDF1F9")  # section rows, outcome rows
HEADER_LIMIT = 250  # Excel refuses a header or footer of more than 255 characters


def sheet_points(ws: Worksheet) -> float:
    """How wide the used columns of a sheet print at 100 %, in points (charts included)."""
    from openpyxl.utils import get_column_letter

    def column_points(col: int) -> float:
        width = ws.column_dimensions[get_column_letter(col)].width or 8.43
        return (width * 7 + 5) * 0.75 * PRINT_WIDTH_FACTOR

    total = sum(column_points(col) for col in range(1, ws.max_column + 1))
    for chart in getattr(ws, "_charts", []):
        anchor = getattr(chart.anchor, "_from", None)
        left = sum(column_points(col) for col in range(1, (anchor.col if anchor is not None else 0) + 1))
        total = max(total, left + chart.width / 2.54 * 72)  # chart.width is in cm
    return total


def choose_paper(points: float) -> tuple[str, int]:
    """("A4" | "A3", pages wide) for a sheet `points` wide, so that it prints at MIN_PRINT_SCALE or more."""
    for paper in ("A4", "A3"):
        if points * MIN_PRINT_SCALE <= PRINTABLE_POINTS[paper]:
            return paper, 1
    return "A3", math.ceil(points * MIN_PRINT_SCALE / PRINTABLE_POINTS["A3"])


def _header_text(text: str) -> str:
    """Text for a header or footer: "&" doubled (a lone one starts a code), within Excel's limit."""
    text = " ".join(str(cell_text(text) or "").split())
    if len(text) > HEADER_LIMIT // 2:
        text = text[: HEADER_LIMIT // 2 - 1] + "…"
    return text.replace("&", "&&")


def print_ready(wb: Workbook, header: str, source: str) -> None:
    """Every visible sheet ready for a board pack (see the module docstring)."""
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        paper, pages_wide = choose_paper(sheet_points(ws))
        print_setup(ws, landscape=True, pages_wide=pages_wide)
        ws.page_setup.paperSize = ws.PAPERSIZE_A3 if paper == "A3" else ws.PAPERSIZE_A4
        if pages_wide > 1 and not ws.print_title_cols:
            ws.print_title_cols = "A:A"  # the record's number on every page across
        ws.oddHeader.left.text = _header_text(header)
        ws.oddHeader.left.size = FONT_SIZE  # scaled with the sheet, like its text: 8 pt or more on paper
        ws.oddHeader.right.text = _header_text(ws.title)
        ws.oddHeader.right.size = FONT_SIZE
        ws.oddFooter.left.text = _header_text(f"Source: {source}")
        ws.oddFooter.left.size = FONT_SIZE
        ws.oddFooter.right.text = "Page &P of &N"
        ws.oddFooter.right.size = FONT_SIZE
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.page_margins.header = ws.page_margins.footer = 0.25


def write_group_row(ws: Worksheet, row: int, text: str, last_column: int, level: int = 0) -> Any:
    """A heading row across a table: `text` in bold across every column, shaded by level
    (0 section, 1 outcome), its height fitted to the text. Returns the cell."""
    from openpyxl.styles import Alignment, Border, Side

    cell = write_cell(ws, row, 1, text)
    cell.font = font(bold=True, size=FONT_SIZE + (1 if level == 0 else 0))
    cell.fill = solid_fill(GROUP_FILLS[min(level, len(GROUP_FILLS) - 1)])
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    side = Side(style="thin", color=BORDER_COLOUR)
    cell.border = Border(left=side, right=side, top=side, bottom=side)
    if last_column > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
    from openpyxl.utils import get_column_letter

    width = sum((ws.column_dimensions[get_column_letter(c)].width or 8.43) for c in range(1, last_column + 1))
    ws.row_dimensions[row].height = LINE_HEIGHT * _wrapped_lines(text, width) + 6
    return cell


def print_setup(ws: Worksheet, landscape: bool = True, pages_wide: int = 1) -> None:
    """Print on A4, `pages_wide` pages wide (as many pages tall as it takes).

    A sheet with a score of columns squeezed onto one page prints too small to read; such a
    sheet asks for two pages wide and repeats its first column on each (`repeat_first_column`).
    """
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


def fit_widths(
    ws: Worksheet, headers: Sequence[str], header_row: int, last_row: int, max_width: float = 60
) -> list[float]:
    """Column widths from content: the longest line, headers a little wider, within limits."""
    out = []
    for col, header in enumerate(headers, 1):
        longest = max((len(w) for w in str(header).split()), default=4) + 4  # header words never split
        for row in range(header_row + 1, last_row + 1):
            value = ws.cell(row=row, column=col).value
            if value is None:
                continue
            text = value if isinstance(value, str) else _shown(value)
            longest = max(longest, max((len(line) for line in text.split("\n")), default=0) + 2)
        out.append(max(MIN_WIDTH, min(float(longest), float(max_width))))
    return out


def _shown(value: Any) -> str:
    if hasattr(value, "strftime"):
        return "00/00/0000"
    return str(value)


def _header_height(headers: Sequence[str], ws: Worksheet, columns: Mapping[str, str]) -> float:
    lines = 1
    for header in headers:
        width = ws.column_dimensions[columns[header]].width or 10
        lines = max(lines, _wrapped_lines(header, width * 0.8))  # bold: fewer letters to a line
    return LINE_HEIGHT * lines + 6


def _wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes in a column `width` characters wide (word wrap, estimated)."""
    usable = max(1, int(width * 1.15) - 1)
    total = 0
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        lines, length = 1, 0
        for word in words:
            need = len(word) if length == 0 else length + 1 + len(word)
            if need <= usable:
                length = need
                continue
            if length:
                lines += 1
            lines += max(0, math.ceil(len(word) / usable) - 1)
            length = len(word) % usable or min(len(word), usable)
        total += lines
    return total


def fit_row_heights(ws: Worksheet, first_row: int, last_row: int, max_lines: int = 30) -> None:
    """Set each row tall enough for its wrapped cells (Excel does not re-measure on open)."""
    if last_row < first_row:
        return
    widths: dict[str, float] = {}
    for cells in ws.iter_rows(min_row=first_row, max_row=last_row):
        row = cells[0].row
        lines = 1
        for cell in cells:
            if not isinstance(cell.value, str) or not cell.value:
                continue
            letter = cell.column_letter
            if letter not in widths:
                widths[letter] = ws.column_dimensions[letter].width or 8.43
            lines = max(lines, _wrapped_lines(cell.value, widths[letter]))
        if lines > 1:
            ws.row_dimensions[row].height = LINE_HEIGHT * min(lines, max_lines) + 3
        else:
            ws.row_dimensions[row].height = None  # one line: the default height


# --------------------------------------------------------------------------- colours


def solid_fill(colour: str) -> PatternFill:
    """A solid fill of "RRGGBB"."""
    from openpyxl.styles import PatternFill

    return PatternFill("solid", start_color=colour, end_color=colour)


_solid = solid_fill


def joined_ids(values: Sequence[Any]) -> str:
    """Ids for one cell: ["1.1.1", "2.3"] -> "1.1.1, 2.3"."""
    return ", ".join(str(v) for v in values)


def rating_colours(rules: Rules) -> dict[str, str]:
    """Each rating of `rules/guidance.yaml` (Red, Amber, Green...) and its colour, in order."""
    return {r.label: r.colour for r in rules.ratings}


def status_colours(rules: Rules) -> dict[str, str]:
    """Canonical status label -> "RRGGBB", in the order of `rules/statuses.yaml`."""
    return {s.label: s.colour for s in rules.statuses}


def status_fill(label: str | None, rules: Rules) -> PatternFill | None:
    """The fill of a canonical status, or None for an unknown or missing status."""
    colour = status_colours(rules).get(label or "")
    return _solid(colour) if colour else None


def severity_fill(severity: str) -> PatternFill | None:
    colour = SEVERITY_COLOURS.get(severity)
    return _solid(colour) if colour else None


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def add_value_colours(ws: Worksheet, cell_range: str, colours: Mapping[str, str]) -> None:
    """Colour each cell of `cell_range` by its value (conditional formatting; case-insensitive)."""
    from openpyxl.formatting.rule import CellIsRule

    for value, colour in colours.items():
        fill = _solid(colour)
        ws.conditional_formatting.add(cell_range, CellIsRule(operator="equal", formula=[_quoted(value)], fill=fill))


def add_status_colours(ws: Worksheet, cell_range: str, rules: Rules) -> None:
    """Colour status cells with the colours of `rules/statuses.yaml`, following later edits."""
    add_value_colours(ws, cell_range, status_colours(rules))


def add_severity_colours(ws: Worksheet, cell_range: str) -> None:
    add_value_colours(ws, cell_range, SEVERITY_COLOURS)


# --------------------------------------------------------------------------- validations


def add_list_validation(
    ws: Worksheet, cell_range: str, values: Sequence[str], title: str, prompt: str | None = None
) -> None:
    """A drop-down of `values` on `cell_range`; blanks allowed, anything else refused."""
    from openpyxl.worksheet.datavalidation import DataValidation

    values = [str(cell_text(v)) for v in values]
    inline = ",".join(values)
    if any("," in v or '"' in v for v in values) or len(inline) > 250:
        formula = _list_sheet_range(ws.parent, title, values)
    else:
        formula = f'"{inline}"'
    dv = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showDropDown=False,
        showErrorMessage=True,
        errorTitle=title[:32],
        error=f"Choose one of: {', '.join(values)}"[:255],
    )
    if prompt:
        dv.showInputMessage, dv.promptTitle, dv.prompt = True, title[:32], prompt[:255]
    dv.add(cell_range)
    ws.add_data_validation(dv)


def _list_sheet_range(wb: Workbook, title: str, values: Sequence[str]) -> str:
    """Put a list on the hidden `Lists` sheet (one column per list) and return its range."""
    from openpyxl.utils import get_column_letter

    if LIST_SHEET in wb.sheetnames:
        sheet = wb[LIST_SHEET]
        col = sheet.max_column + 1 if sheet.max_row > 1 or sheet["A1"].value is not None else 1
    else:
        sheet = wb.create_sheet(LIST_SHEET)
        sheet.sheet_state = "hidden"
        col = 1
    write_cell(sheet, 1, col, title)
    for row, value in enumerate(values, 2):
        write_cell(sheet, row, col, value)
    letter = get_column_letter(col)
    return f"'{LIST_SHEET}'!${letter}$2:${letter}${len(values) + 1}"


def add_status_validation(ws: Worksheet, col_letter: str, first_row: int, last_row: int, rules: Rules) -> None:
    """Drop-down of the canonical statuses on one column's rows (at least one row)."""
    labels = [s.label for s in rules.statuses]
    last_row = max(last_row, first_row)
    add_list_validation(
        ws, f"{col_letter}{first_row}:{col_letter}{last_row}", labels, "Status", prompt="Pick a status from the list"
    )


def add_date_validation(ws: Worksheet, cell_range: str, title: str = "Date") -> None:
    """Only dates (1 Jan 2000 - 31 Dec 2099), shown as dd/mm/yyyy; blanks allowed."""
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="date",
        operator="between",
        formula1="36526",
        formula2="73050",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title[:32],
        error="Enter a date, for example 31/03/2026",
        showInputMessage=True,
        promptTitle=title[:32],
        prompt="A date, for example 31/03/2026",
    )
    dv.add(cell_range)
    ws.add_data_validation(dv)
    for row in ws[cell_range]:
        for cell in row:
            cell.number_format = "DD/MM/YYYY"


# --------------------------------------------------------------------------- links and saving


def add_comment(cell: Any, text: str, width: int = 260, height: int = 80) -> None:
    """A note on a cell (shown on hover), its text made safe like any cell's."""
    from openpyxl.comments import Comment

    comment = Comment(str(cell_text(text)), AUTHOR)
    comment.width, comment.height = width, height
    cell.comment = comment


def link_to_cell(cell: Any, sheet_title: str, coordinate: str, tooltip: str | None = None) -> None:
    """Make `cell` jump to `sheet_title!coordinate` (an in-workbook link; keeps the cell's text)."""
    from openpyxl.worksheet.hyperlink import Hyperlink

    quoted = "'" + sheet_title.replace("'", "''") + "'"
    cell.hyperlink = Hyperlink(
        ref=cell.coordinate,
        location=f"{quoted}!{coordinate}",
        tooltip=tooltip,
        display=str(cell.value) if cell.value is not None else None,
    )
    cell.font = font(color="0563C1", underline="single")


def save(wb: Workbook, path: Path) -> None:
    """Save byte-reproducibly (fixed times, fixed zip entries) and atomically.

    The hidden `Lists` sheet goes last and the first sheet is the one that opens.
    """
    if LIST_SHEET in wb.sheetnames:
        lists = wb[LIST_SHEET]
        wb.move_sheet(lists, len(wb.sheetnames) - 1 - wb.sheetnames.index(LIST_SHEET))
    wb.active = 0
    save_reproducible(wb, path)
