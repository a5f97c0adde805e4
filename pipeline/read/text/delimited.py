"""Text with tables in tab-separated cells: a plan copied out of Excel or Word into a text file.

Copying table cells gives one line per row with a tab between cells; a cell that holds line
breaks is written in double quotes (Excel's way), so a row may run over several lines. Runs
of lines with at least two tabs (three cells) are read as table blocks with the csv module,
row by row, each row keeping the file line it starts on; the text around them is read as
paragraphs like any text file. The plan reader then maps the header row through
rules/headers.yaml as it does for Word and PDF tables.
"""

from __future__ import annotations

import csv
import io

from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.read.text.plain import layout_from_text

MIN_TABS = 2  # a table line has three cells or more


def read_delimited(text: str) -> Layout | None:
    """The layout of a text (already through `safe_text`) holding tab-separated tables, or None."""
    lines = text.split("\n")
    if sum(1 for line in lines if line.count("\t") >= MIN_TABS) < 2:
        return None
    blocks: list[Block] = []
    prose: list[str] = []
    rows: list[Row] = []
    i = 0

    def flush() -> None:
        """Close the prose or the table being gathered (one of them is empty)."""
        if prose:
            start = i - len(prose)
            for block in layout_from_text("\n".join(prose)).blocks:
                block.line = (block.line or 1) + start
                blocks.append(block)
            prose.clear()
        if rows:
            blocks.append(Block(kind="table", rows=list(rows), line=rows[0].line))
            rows.clear()

    while i < len(lines):
        row = _row(lines, i)
        if row is None:
            if rows:
                flush()
            prose.append(lines[i])
            i += 1
            continue
        if prose:
            flush()
        cells, used = row
        rows.append(_table_row(cells, i + 1))
        i += used
    flush()
    return Layout(format="txt", blocks=blocks, pages=None)


def _table_row(cells: list[str], line: int) -> Row:
    if [n for n, c in enumerate(cells) if c.strip()] == [0]:  # a heading row: one cell across the table
        return Row(cells=[Cell(text=cells[0].strip(), span=len(cells))], line=line)
    return Row(cells=[Cell(text=c.strip()) for c in cells], line=line)


def _row(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """The cells of the table row starting at lines[i] and how many lines it takes (a quoted
    cell may hold line breaks), or None when no row starts there (fewer than three cells)."""
    line = lines[i]
    if line.count("\t") < MIN_TABS and not line.startswith('"') and '\t"' not in line:
        return None  # a quoted cell that runs over lines may open after the row's first cell
    for used in range(1, min(len(lines) - i, 50) + 1):
        chunk = "\n".join(lines[i : i + used])
        if chunk.count('"') % 2 == 0:  # every quote closed: the row is whole
            parsed = next(csv.reader(io.StringIO(chunk, newline=""), delimiter="\t", quotechar='"', strict=False), [])
            cells = parsed if len(parsed) > MIN_TABS else chunk.split("\t")
            break
    else:  # an unbalanced quote: the line as it is
        cells, used = lines[i].split("\t"), 1
    return (cells, used) if len(cells) > MIN_TABS else None
