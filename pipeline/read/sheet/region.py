"""Where a sheet's title rows and table are, its rows as layout rows, and what to tell the officer.

Used for every sheet that is read: by the sheet layout (`layout.py`) and by the read-back of a
workbook this pipeline wrote (`roundtrip.py`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from pipeline.core.layout import Cell, Row
from pipeline.core.model import DOCUMENT, Note
from pipeline.core.text import clean
from pipeline.read.sheet.grid import Sheet, column_letter
from pipeline.rules import Rules

HEADER_ROWS_SEARCHED = 4
HEADER_CELL_WORDS = 8
MAX_LISTED = 12  # rows or cells named in one note


@dataclass
class Region:
    titles: list[tuple[int, str]]  # (row, text) above the table
    rows: list[int]  # the table's filled rows, in order
    width: int  # columns of the table


def _filled(sheet: Sheet, row: int) -> list[int]:
    """Columns of a row holding text; a cell merged across columns counts once."""
    return sorted(c for c, cell in sheet.cells.get(row, {}).items() if cell.text.strip())


def region_of(sheet: Sheet, rules: Rules) -> Region | None:
    """Where a sheet's title rows and table are, or None when it has no table."""
    rows = sorted(r for r in sheet.cells if _filled(sheet, r))
    start = next((i for i, r in enumerate(rows) if len(_filled(sheet, r)) >= 2), None)
    if start is None:
        return None
    titles = [(r, " ".join(sheet.text(r, c).strip() for c in _filled(sheet, r))) for r in rows[:start]]
    table = rows[start:]
    width = max(max(_filled(sheet, r)) for r in table)
    for r1, c1, _r2, c2 in sheet.merges:
        if c1 <= width and table[0] <= r1 <= table[-1]:
            width = max(width, min(c2, 16384))
    if len(table) * width > rules.limits.max_sheet_cells:
        sheet.too_large = (
            f"its table would have more than {rules.limits.max_sheet_cells:,} cells (max_sheet_cells)".replace(",", " ")
        )
        return None
    return Region(titles=titles, rows=table, width=width)


def names_columns(sheet: Sheet, region: Region, rules: Rules) -> bool:
    """Do the table's first rows hold a header naming a plan's (or a guidance form's) columns?"""
    from pipeline.language.headers import NAMES_FIELD, header_score

    for row in region.rows[:HEADER_ROWS_SEARCHED]:
        texts = [clean(sheet.text(row, c)) for c in _filled(sheet, row) if c <= region.width]
        if any(len(t.split()) > HEADER_CELL_WORDS for t in texts):
            continue
        plan = sum(
            1 for t in texts if any(header_score(t, name, rules)[0] >= NAMES_FIELD for name in rules.headers["plan"])
        )
        form = {f for t in texts if (f := rules.header_field("guidance_form", t))}
        if (plan >= 2 and plan * 2 >= len(texts)) or len(form) >= 2:
            return True
    return False


def table_rows(sheet: Sheet, region: Region) -> list[Row]:
    """The table's rows as layout rows: merged ranges as `span` and `merged`, fills kept."""
    rows = region.rows
    # merges that start in a table column, by the table rows they reach
    anchors: dict[tuple[int, int], int] = {}  # (row, col) of a merge's anchor -> columns spanned
    covered: dict[tuple[int, int], int] = {}  # (row, first col) of a merge below its anchor -> columns
    hidden_by_merge: dict[int, set[int]] = {}  # row -> columns inside a merge, right of its first
    budget = len(rows) * max(region.width, 1)
    for r1, c1, r2, c2 in sheet.merges:
        if c1 > region.width or r2 < rows[0] or r1 > rows[-1]:
            continue
        span = min(c2, region.width) - c1 + 1
        lo, hi = bisect.bisect_left(rows, r1), bisect.bisect_right(rows, r2)
        for r in rows[lo:hi]:
            budget -= 1
            if budget < 0:
                break  # overlapping merges cannot make more cells than the table has
            if r == r1:
                anchors[(r, c1)] = span
            else:
                covered[(r, c1)] = span
            if span > 1:
                hidden_by_merge.setdefault(r, set()).update(range(c1 + 1, c1 + span))
    out: list[Row] = []
    for r in rows:
        cells: list[Cell] = []
        inside = hidden_by_merge.get(r, set())
        values = sheet.cells.get(r, {})
        c = 1
        while c <= region.width:
            if (r, c) in covered:
                span = covered[(r, c)]
                cells.append(Cell(text="", merged=True, span=span))
                c += span
                continue
            if c in inside:
                c += 1
                continue
            value = values.get(c)
            span = anchors.get((r, c), 1)
            cells.append(Cell(text=value.text if value else "", fill=value.fill if value else None, span=span))
            c += span
        out.append(Row(cells=cells, sheet=sheet.name if sheet.name else None, row=r))
    return out


def sheet_notes(sheet: Sheet, region: Region, fmt: str) -> list[Note]:
    """What the officer must know about a sheet that was read: hidden rows and columns, formulas."""
    notes: list[Note] = []
    where = f"Sheet {sheet.name!r}: " if fmt != "csv" else ""
    read_rows = set(region.rows) | {r for r, _ in region.titles}
    hidden = sorted(r for r in sheet.hidden_rows if r in read_rows)
    if hidden:
        notes.append(Note("warning", "hidden-rows", DOCUMENT, _hidden(where, "row", [str(r) for r in hidden])))
    header = region.rows[0]
    columns = sorted(c for c in sheet.hidden_columns if c <= region.width)
    if columns:
        named = [
            f"{column_letter(c)} ({clean(sheet.text(header, c))[:30]!r})" if sheet.text(header, c) else column_letter(c)
            for c in columns
        ]
        notes.append(Note("warning", "hidden-columns", DOCUMENT, _hidden(where, "column", named)))
    refs = sheet.formulas_without_value
    if refs:
        notes.append(
            Note(
                "warning",
                "formula-without-value",
                DOCUMENT,
                f"{where}{_count(len(refs), 'formula cell')} with no saved result ({_listed(refs)}) "
                f"{_was(refs)} read as empty: formulas are never calculated here; open the workbook in Excel or "
                "LibreOffice and save it, so their results are stored.",
            )
        )
    return notes


def _hidden(where: str, what: str, items: list[str]) -> str:
    them = "it" if len(items) == 1 else "them"
    return (
        f"{where}{_count(len(items), what)} hidden in the workbook ({_listed(items)}) {_was(items)} read like "
        f"the others: unhide {them} to check."
    )


def _was(items: list[str]) -> str:
    return "was" if len(items) == 1 else "were"


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_LISTED])
    return shown + (f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else "")
