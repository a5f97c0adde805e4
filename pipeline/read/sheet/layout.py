"""Sheets of cells (from .xlsx, .ods or .csv) into the layout blocks every plan is read from.

Decisions made here, once for every spreadsheet format:

- **Which sheets hold the plan.** A sheet is read when its table's first rows name a plan's
  columns (rules/headers.yaml, the same scoring the plan reader uses) or a guidance form's;
  when no sheet does, every sheet with a table is read (a plan without a header row). Every
  other sheet is skipped with a note saying why: hidden, empty, too large, no table, or a table
  whose columns are not a plan's (a colour key, a list of leads).
- **Title rows and the table.** Rows above the first row with two or more filled cells are the
  sheet's title and notes (the first becomes the document title); the table runs from there to
  the last filled row. Blank rows inside it are left out.
- **Several plan sheets** (a workbook that keeps one theme per sheet): each sheet's name becomes
  a heading above its table, which the plan reader takes as a section, unless the name is a
  program's default ("Sheet1").
- **Merged cells** become one cell spanning its columns (`span`), with `merged` cells below it
  for the rows it covers, as Word tables are read; **fills** are kept as `fill` (a RAG cell may
  be coloured, not worded).
- **Hidden rows and columns are read like the others** (an officer hides finished actions or an
  old column to tidy the view; they are still the plan's), and a note names them, so nothing is
  read unseen without the officer knowing. Hidden *sheets* are skipped with a note: they hold
  drop-down lists, lookups or archived copies, not the plan.
- **Formulas** show the result the program saved; cells with no saved result are named.
- A workbook this pipeline wrote (`marker.py`) is read back through its Actions sheet only:
  see `roundtrip.py`.
"""

from __future__ import annotations

import re

from pipeline.core.errors import NotRecognised, TooLarge
from pipeline.core.layout import Block, Layout
from pipeline.core.model import DOCUMENT, Note
from pipeline.read.sheet.grid import Sheet
from pipeline.read.sheet.region import Region, names_columns, region_of, sheet_notes, table_rows
from pipeline.rules import Rules

_DEFAULT_NAME = re.compile(r"^(?:sheet|tabelle|feuil|hoja|foglio|blad|planilha|arkusz|taulukko)\s*\d+$", re.IGNORECASE)


def layout_from_sheets(sheets: list[Sheet], fmt: str, rules: Rules, notes: list[Note]) -> Layout:
    """The Layout of a workbook's (or a CSV file's) sheets."""
    from pipeline.read.sheet.marker import MARKER_SHEET
    from pipeline.read.sheet.roundtrip import find_marker, roundtrip_layout

    notes = list(notes)
    marker = find_marker(sheets)
    if marker is not None:
        return roundtrip_layout(sheets, marker, fmt, rules, notes)
    candidates: list[tuple[Sheet, Region]] = []
    reasons: list[str] = []
    single = len(sheets) == 1
    for sheet in sheets:
        if sheet.name == MARKER_SHEET:
            continue
        reason = _skip_reason(sheet)
        region = None if reason else region_of(sheet, rules)
        if region is None and reason is None:
            reason = "no table (no row has two or more filled cells)"
        if reason is not None:
            reasons.append(f"{sheet.name}: {reason}" if sheet.name else reason)
            if not single:
                notes.append(Note("info", "sheet-skipped", DOCUMENT, f"Sheet {sheet.name!r} skipped: {reason}."))
            continue
        assert region is not None
        candidates.append((sheet, region))
    plan_sheets = [(s, r) for s, r in candidates if names_columns(s, r, rules)] or candidates
    for sheet, _region in candidates:
        if all(sheet is not s for s, _ in plan_sheets):
            reason = "no table of actions (its first rows name none of a plan's columns)"
            reasons.append(f"{sheet.name}: {reason}" if sheet.name else reason)
            notes.append(Note("info", "sheet-skipped", DOCUMENT, f"Sheet {sheet.name!r} skipped: {reason}."))
    if not plan_sheets:
        if sheets and all(s.too_large and "more than" in s.too_large for s in sheets if s.name != MARKER_SHEET):
            raise TooLarge(f"every sheet is too large to read ({'; '.join(reasons)[:200]})")
        what = "none of its sheets holds a table" if not single else "no table found"
        raise NotRecognised(
            f"{what} ({'; '.join(reasons)[:200]})",
            "check it is the plan itself; a plan's table needs a row of column names above its rows",
        )
    blocks: list[Block] = []
    headings = len(plan_sheets) > 1
    titled = False
    for index, (sheet, region) in enumerate(plan_sheets):
        heading = None
        if headings and not _DEFAULT_NAME.match(sheet.name.strip()):
            heading = Block(kind="heading", text=sheet.name.strip(), level=1)
        if heading is not None and index > 0:
            blocks.append(heading)
        for _row, text in region.titles:
            kind = "paragraph" if titled or index > 0 else "title"
            titled = True
            blocks.append(Block(kind=kind, text=text))  # type: ignore[arg-type]
        if heading is not None and index == 0:
            blocks.append(heading)
        blocks.append(Block(kind="table", rows=table_rows(sheet, region)))
        notes.extend(sheet_notes(sheet, region, fmt))
    return Layout(format=fmt, blocks=blocks, pages=None, notes=notes)


def _skip_reason(sheet: Sheet) -> str | None:
    if sheet.too_large:
        return sheet.too_large
    if sheet.state != "visible":
        return "hidden in the workbook (hidden sheets hold lists and lookups, not the plan)"
    if not any(cell.text.strip() for cells in sheet.cells.values() for cell in cells.values()):
        return "empty"
    return None
