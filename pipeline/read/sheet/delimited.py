"""CSV and TSV files (a plan exported from Excel, LibreOffice or a tracker system) into a Layout.

- Encoding: any common one (`pipeline.read.decode`: byte-order marks, UTF-16 without one,
  UTF-8, else Windows-1252, as Excel writes "CSV" on a UK machine).
- Delimiter: comma, semicolon (Excel in much of Europe), tab or pipe, whichever splits the
  first lines into the same number of fields most consistently; the name (.tsv) breaks a tie.
- Quoted fields may hold delimiters, doubled quotes and line breaks; each record keeps the row
  number a spreadsheet program shows when it opens the file (and the line it starts on).
- Cells are text as written: "=SUM(A1)" stays those characters (it is never a formula here,
  and every workbook the pipeline writes neutralises it).

The records then go through the same sheet logic as a workbook's (`layout.py`): title lines
above the header, one table, the plan reader's column scoring.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pipeline.core.layout import Layout
from pipeline.core.text import safe_text
from pipeline.read.decode import decode_counted, undecodable_notes
from pipeline.read.guard import check_file_size
from pipeline.read.sheet.grid import Budget, Sheet, SheetCell, SheetTooLarge
from pipeline.rules import Rules

DELIMITERS = (",", ";", "\t", "|")
SAMPLE_LINES = 50

csv.field_size_limit(1 << 24)  # a cell may hold a long update note; the file-size limit still applies


def read(path: Path, data: bytes | None, rules: Rules, password: str | None = None) -> Layout:
    from pipeline.read.sheet.layout import layout_from_sheets

    raw = path.read_bytes() if data is None else data
    check_file_size(len(raw), rules.limits)
    decoded = decode_counted(raw)
    text = safe_text(decoded.text)
    delimiter = sniff_delimiter(text, path.suffix.lower())
    sheet = Sheet(name="")
    budget = Budget(rules.limits.max_sheet_rows, rules.limits.max_sheet_cells)
    try:
        _fill(sheet, text, delimiter, budget)
    except SheetTooLarge as exc:
        sheet.cells.clear()
        sheet.too_large = str(exc)
    return layout_from_sheets([sheet], "csv", rules, undecodable_notes(decoded))


def sniff_delimiter(text: str, suffix: str) -> str:
    """The delimiter that splits the first lines most evenly into two or more fields.

    "a,b,c\n1,2,3" -> ","; "a;b;c\n1;2,5;3" -> ";"; a file of one column -> "," (or tab for .tsv)
    """
    sample = "\n".join(text.split("\n", SAMPLE_LINES)[:SAMPLE_LINES])
    best: tuple[tuple[float, int, int], str] | None = None
    for rank, delimiter in enumerate(DELIMITERS):
        counts = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter, strict=False) if any(r)]
        if len(counts) > 2:
            counts = counts[:-1]  # the sample may cut the last record short
        if not counts or max(counts) < 2:
            continue
        common = max(sorted(set(counts)), key=counts.count)
        if common < 2:
            continue
        steady = counts.count(common) / len(counts)
        named = 1 if (delimiter == "\t") == (suffix == ".tsv") else 0
        key = (round(steady, 2), named, -rank)
        if best is None or key > best[0]:
            best = (key, delimiter)
    if best is None:
        return "\t" if suffix == ".tsv" else ","
    return best[1]


def _fill(sheet: Sheet, text: str, delimiter: str, budget: Budget) -> None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', strict=False)
    for number, record in enumerate(reader, 1):
        if not any(field.strip() for field in record):
            continue
        budget.row()
        for column, field in enumerate(record, 1):
            if field.strip():
                budget.cell()
                sheet.put(number, column, SheetCell(text=field.strip("\n")))
