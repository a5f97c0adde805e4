"""The per-document workbook an officer opens: the records, a summary, findings and provenance.

An action plan gets Actions, Summary, Findings, Source; guidance gets Questions (a fillable
self-assessment form), Summary, Findings, Source. The sheets share the house style of
`xlsx_style`; the plan and guidance sheets live in `xlsx_plan` and `xlsx_guidance`. Nothing
here reads a clock or a file time: the same document and rules give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import __version__
from pipeline.core.kinds import KINDS
from pipeline.core.model import SCHEMA_VERSION, Document, PageWords, PlaceKind
from pipeline.emit.xlsx import guidance as xlsx_guidance
from pipeline.emit.xlsx import plan as xlsx_plan
from pipeline.emit.xlsx import style
from pipeline.emit.xlsx.safe import write_cell

if TYPE_CHECKING:
    from openpyxl import Workbook

    from pipeline.rules import Rules

FINDINGS = "Findings"
SOURCE = "Source"
FINDING_HEADERS = ["Severity", "Code", "Where", "Message"]


@dataclass(frozen=True)
class RecordSheets:
    """The sheets of one kind of document: its records (whose id column the findings link to)
    and its summary."""

    write_records: Callable[[Workbook, Document, Rules], style.TableRange]
    write_summary: Callable[[Workbook, Document, Rules], None]
    sheet: str
    id_column: str  # the header of the records' id column
    place: PlaceKind  # the findings about one record


SHEETS: dict[str, RecordSheets] = {
    "action_plan": RecordSheets(
        xlsx_plan.write_actions, xlsx_plan.write_summary, xlsx_plan.ACTIONS, "Action", "action"
    ),
    "guidance": RecordSheets(
        xlsx_guidance.write_questions, xlsx_guidance.write_summary, xlsx_guidance.QUESTIONS, "Question", "question"
    ),
}


def build_workbook(doc: Document, rules: Rules) -> Workbook:
    """The workbook for one document, not yet saved (tests inspect it before saving)."""
    wb = style.new_workbook()
    sheets = SHEETS[doc.kind]
    records = sheets.write_records(wb, doc, rules)
    sheets.write_summary(wb, doc, rules)
    rows = {r.id: row for row, r in enumerate(KINDS[doc.kind].records_of(doc), records.first_data_row)}
    write_findings(wb, doc, sheets, records.column(sheets.id_column), rows)
    if doc.extraction:
        write_extraction(wb, doc)
    write_source(wb, doc, rules)
    return wb


def write_workbook(doc: Document, path: Path, rules: Rules) -> None:
    """Write `doc`'s workbook to `path`: atomically, byte-identical for the same input and rules."""
    style.save(build_workbook(doc, rules), path)


def write_findings(wb: Workbook, doc: Document, sheets: RecordSheets, id_column: str, rows: dict[str, int]) -> None:
    """Every finding in the order the checks raised it; "Where" jumps to the record it is about."""
    ws = style.add_sheet(wb, FINDINGS)
    body = [[f.severity, f.code, str(f.where), f.message] for f in doc.findings]
    placed = style.write_table(
        ws,
        FINDING_HEADERS,
        body,
        widths={"Severity": 11, "Code": 24, "Where": 10, "Message": 90},
        table_name="FindingsTable",
    )
    style.add_severity_colours(ws, placed.data_range("Severity"))
    where = placed.column("Where")
    for row, finding in enumerate(doc.findings, placed.first_data_row):
        ident = finding.where.id
        if finding.where.kind == sheets.place and ident in rows:
            style.link_to_cell(ws[f"{where}{row}"], sheets.sheet, f"{id_column}{rows[ident]}", f"Go to {ident}")
    if not doc.findings:
        note = write_cell(ws, placed.last_row + 3, 1, "No findings: every check passed.")
        note.font = style.font(italic=True)


EXTRACTION = "Extraction"
EXTRACTION_COLUMNS: list[tuple[str, Callable[[PageWords], int]]] = [
    ("Page", lambda p: p.page),
    ("Words on the page", lambda p: p.words),
    ("In table cells", lambda p: p.table),
    ("In headings and text", lambda p: p.text),
    ("Page furniture", lambda p: p.furniture),
    ("Not placed anywhere", lambda p: p.unaccounted),
    ("Undecodable characters", lambda p: p.undecodable_characters),
]


def write_extraction(wb: Workbook, doc: Document) -> None:
    """Page by page, where every word of a PDF went: the officer's proof that nothing was lost."""
    ws = style.add_sheet(wb, EXTRACTION)
    body: list[list[object]] = [[count(page) for _, count in EXTRACTION_COLUMNS] for page in doc.extraction]
    body.append(["All pages", *(sum(count(page) for page in doc.extraction) for _, count in EXTRACTION_COLUMNS[1:])])
    placed = style.write_table(
        ws,
        [header for header, _ in EXTRACTION_COLUMNS],
        body,
        widths={header: 14 for header, _ in EXTRACTION_COLUMNS},
        table_name="ExtractionTable",
        filters=False,
    )
    for cell in ws[placed.last_row]:
        cell.font = style.font(bold=True)
    lost = sum(page.unaccounted for page in doc.extraction)
    note = (
        "Every word on every page went into a table cell, a heading or text, or page furniture (running "
        "headers, footers, page numbers)."
        if not lost
        else f"{lost} word(s) were not placed anywhere: see the unaccounted-words finding for which."
    )
    cell = write_cell(ws, placed.last_row + 2, 1, note)
    cell.font = style.font(italic=True, color=style.NOTE_FONT)


def write_source(wb: Workbook, doc: Document, rules: Rules) -> None:
    """Where the records came from and which rules read them; no clock time, no file time."""
    from openpyxl.styles import Alignment

    ws = style.add_sheet(wb, SOURCE)
    kind = KINDS[doc.kind]
    counts = [(name.capitalize(), len(getattr(doc, name))) for name in kind.counted]
    rows: list[tuple[str, object]] = [
        ("Title", doc.title),
        ("Kind", kind.label),
        ("File", doc.source.file),
        ("SHA-256 of the file", doc.source.sha256),
        ("Format", doc.source.format.upper()),
        ("Pages", doc.source.pages if doc.source.pages is not None else "-"),
        *counts,
        ("Findings", len(doc.findings)),
        ("Rules fingerprint", rules.fingerprint),
        ("Pipeline version", __version__),
        ("JSON contract version", SCHEMA_VERSION),
    ]
    placed = style.write_table(
        ws, ["Item", "Value"], [list(r) for r in rows], widths={"Item": 24, "Value": 80}, filters=False
    )
    for row in range(placed.first_data_row, placed.last_row + 1):
        ws[f"A{row}"].font = style.font(bold=True)
        ws[f"B{row}"].alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
    note = (
        "The rules fingerprint changes whenever any file in rules/ changes: two workbooks with the same "
        "fingerprint and pipeline version were read with the same rules."
    )
    cell = write_cell(ws, placed.last_row + 2, 1, note)
    cell.font = style.font(italic=True, color=style.NOTE_FONT)
    ws.merge_cells(start_row=placed.last_row + 2, start_column=1, end_row=placed.last_row + 2, end_column=2)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[placed.last_row + 2].height = 32
