"""A workbook as lines of text, so `git diff` can show what changed in a committed .xlsx.

    python -m pipeline.diff.xlsx_text FILE.xlsx

Rows of a table are keyed by the record they hold, not by their cell address: a row of the
Actions sheet prints as one line, `Actions [1.1.1] What we will do: ... | Status: Underway | ...`
(its non-empty cells under their headers). So changing an action changes its one line, and
adding or removing one adds or removes one line, where cell addresses would shift every row
below it (`git diff --word-diff` shows which words changed). A table is an Excel table or the
range under a filter; its key is the row's values under `KEY_HEADERS` (File and Action on a
sheet of every plan's actions; Where and Code on Findings), else under its first column. A row
with no key (a section or outcome heading between actions) is keyed by its own first value.
Cells outside any table (titles, counts) print a line per row, from its first non-empty cell:
`Summary: 1 | Primary prevention | 0 | 2`. Columns giving a row's line in a text file
(`POSITION_HEADERS`) are left out, as in the committed JSON: they move whenever a row is added
above, and the sheet's heading line says so. Line breaks inside a cell are shown as "\\n", so
one cell is always one line. Set it up once per clone (see docs/revisions.md):

    git config diff.xlsx.textconv ".venv/bin/python -m pipeline.diff.xlsx_text"

with `.gitattributes` holding `*.xlsx diff=xlsx`.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Headers whose values say which record a row is, in the order they make up the key.
KEY_HEADERS = ("File", "Revision", "Record", "Number", "Action", "Cites", "Question", "Where", "Code")
# Headers whose values move with every row added above them: left out of the text.
POSITION_HEADERS = ("Line", "Page or line")


def _shown(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\n", "\\n")


def _ranges(ws: Any) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column) of each table on the sheet."""
    from openpyxl.utils.cell import range_boundaries

    refs = [table.ref for table in ws.tables.values()]
    if ws.auto_filter.ref and ws.auto_filter.ref not in refs:
        refs.append(ws.auto_filter.ref)
    out = []
    for ref in refs:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        out.append((min_row, min_col, max_row, max_col))
    return sorted(out)


def _table_lines(ws: Any, bounds: tuple[int, int, int, int], left_out: set[str]) -> Iterator[str]:
    """One line per row of a table: `Sheet [key] Header: value | Header: value ...`.

    The key is the row's values under `KEY_HEADERS` (else under the first column); a row with
    none there (a heading between records) is keyed by its first value."""
    first_row, first_col, last_row, last_col = bounds
    headers = {c: ws.cell(first_row, c).value for c in range(first_col, last_col + 1)}
    keys = [c for name in KEY_HEADERS for c, h in headers.items() if h == name] or [first_col]
    seen: dict[str, int] = {}
    for row in range(first_row + 1, last_row + 1):
        cells = {c: ws.cell(row, c) for c in headers}
        values = {c: cell.value for c, cell in cells.items() if cell.value not in (None, "")}
        if not values and not any(cell.comment for cell in cells.values()):
            continue
        row_keys = [c for c in keys if c in values] or list(values)[:1]
        fields = []
        for c, cell in cells.items():
            header = _shown(headers[c]) if headers[c] is not None else cell.column_letter
            if headers[c] in POSITION_HEADERS:
                left_out.add(str(headers[c]))
                continue
            if c in values and c not in row_keys:
                fields.append(f"{header}: {_shown(values[c])}")
            if cell.comment is not None:
                fields.append(f"{header} (comment): {_shown(cell.comment.text)}")
        key = " | ".join(_shown(values[c]) for c in row_keys)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key} ({seen[key]})"
        yield f"{ws.title} [{key}]" + (" " + " | ".join(fields) if fields else "")


def _row_line(ws: Any, cells: list[Any]) -> Iterator[str]:
    """Cells outside any table, one line per row: `Summary: 1 | Primary prevention | 0 | 2`.

    No cell address: a row added above would change it on every line below."""
    shown = [c for c in cells if c.value is not None and c.value != ""]
    if shown:
        first, last = shown[0].column, shown[-1].column
        values = [_shown(c.value) if c.value is not None else "" for c in cells if first <= c.column <= last]
        yield f"{ws.title}: " + " | ".join(values)
    for cell in cells:
        if cell.comment is not None:
            yield f"{ws.title}!{cell.coordinate} (comment): {_shown(cell.comment.text)}"


def sheet_lines(ws: Any) -> Iterator[str]:
    """One sheet: its tables a line per record, every other row a line per row."""
    tables = _ranges(ws)
    left_out: set[str] = set()
    body: list[str] = []
    done: set[tuple[int, int]] = set()
    for bounds in tables:
        first_row, first_col, last_row, last_col = bounds
        header = [ws.cell(first_row, c) for c in range(first_col, last_col + 1)]
        body += list(_row_line(ws, header))
        body += list(_table_lines(ws, bounds, left_out))
        done |= {(r, c) for r in range(first_row, last_row + 1) for c in range(first_col, last_col + 1)}
    for row in ws.iter_rows():
        body += list(_row_line(ws, [cell for cell in row if (cell.row, cell.column) not in done]))
    state = "" if ws.sheet_state == "visible" else f" ({ws.sheet_state})"
    note = f" (left out: {', '.join(sorted(left_out))}, which move when a row is added above)" if left_out else ""
    yield f"=== {ws.title}{state}{note} ==="
    yield from body


def workbook_lines(path: Path) -> Iterator[str]:
    """Every sheet's cells and comments, one per line, in sheet order."""
    from openpyxl import load_workbook

    # from bytes: git hands textconv a temporary file whose name need not end in .xlsx
    wb = load_workbook(io.BytesIO(path.read_bytes()), data_only=False)
    for ws in wb.worksheets:
        yield from sheet_lines(ws)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m pipeline.diff.xlsx_text FILE.xlsx", file=sys.stderr)
        return 2
    path = Path(argv[0])
    try:
        lines = list(workbook_lines(path))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        print(
            f"{path.name}: not a readable workbook ({type(exc).__name__}) — open it in Excel to check it",
            file=sys.stderr,
        )
        return 1
    sys.stdout.write("".join(line + "\n" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
