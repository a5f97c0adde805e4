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

from pipeline.layout import Block, Cell, Layout, Row
from pipeline.normalise.text import safe_text

MIN_TABS = 2  # a table line has three cells or more


def read_delimited(text: str) -> Layout | None:
    """The layout of a text holding tab-separated tables, or None when it holds none."""
    text = safe_text(text)
    lines = text.split("\n")
    if sum(1 for line in lines if line.count("\t") >= MIN_TABS) < 2:
        return None
    from pipeline.read.text import layout_from_text

    blocks: list[Block] = []
    prose: list[str] = []
    prose_start = 0
    i = 0

    def flush() -> None:
        if prose:
            for block in layout_from_text("\n".join(prose)).blocks:
                block.line = (block.line or 1) + prose_start
                blocks.append(block)
            prose.clear()

    while i < len(lines):
        if not _is_row(lines, i):
            if not prose:
                prose_start = i
            prose.append(lines[i])
            i += 1
            continue
        flush()
        table, i = _table(lines, i)
        blocks.append(table)
    flush()
    return Layout(format="txt", blocks=blocks, pages=None)


def _table(lines: list[str], start: int) -> tuple[Block, int]:
    """The table whose first row is lines[start], and the index of the first line after it."""
    rows: list[Row] = []
    i = start
    while i < len(lines) and _is_row(lines, i):
        cells, used = _row(lines, i)
        filled = [n for n, c in enumerate(cells) if c.strip()]
        if filled == [0] and len(cells) > 1:  # a heading row: one cell across the table
            rows.append(Row(cells=[Cell(text=cells[0].strip(), span=len(cells))], line=i + 1))
        else:
            rows.append(Row(cells=[Cell(text=c.strip()) for c in cells], line=i + 1))
        i += used
    return Block(kind="table", rows=rows, line=start + 1), i


def _is_row(lines: list[str], i: int) -> bool:
    """Does a table row start at lines[i]? Three cells or more, its first maybe quoted over lines."""
    if lines[i].count("\t") >= MIN_TABS:
        return True
    return lines[i].startswith('"') and len(_row(lines, i)[0]) > MIN_TABS


def _row(lines: list[str], i: int) -> tuple[list[str], int]:
    """One row's cells from lines[i:], and how many lines it took (a quoted cell may hold breaks)."""
    for used in range(1, min(len(lines) - i, 50) + 1):
        chunk = "\n".join(lines[i : i + used])
        if chunk.count('"') % 2 == 0:  # every quote closed: the row is whole
            break
    else:
        used = 1  # an unbalanced quote: take the line as it is
        chunk = lines[i]
        return chunk.split("\t"), used
    parsed = list(csv.reader(io.StringIO(chunk, newline=""), delimiter="\t", quotechar='"', strict=False))
    row = parsed[0] if parsed else []
    return (row if len(row) > MIN_TABS else chunk.split("\t")), used
