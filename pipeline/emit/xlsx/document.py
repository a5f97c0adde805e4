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
from typing import TYPE_CHECKING, Any, Protocol

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


class PlacedRecords(Protocol):
    """Where a records sheet put things: its table, and each record's row (heading rows sit
    between records, so a record's row is not its position in the list)."""

    placed: style.TableRange
    rows: dict[str, int]


@dataclass(frozen=True)
class RecordSheets:
    """The sheets of one kind of document: its records (whose id column the findings link to),
    its summary, and what follows the findings (a plan's Links sheet)."""

    write_records: Callable[[Workbook, Document, Rules], PlacedRecords]
    write_summary: Callable[[Workbook, Document, Rules], None]
    sheet: str
    id_column: str  # the header of the records' id column
    place: PlaceKind  # the findings about one record
    write_after: Callable[[Workbook, Document, Any], None] | None = None
    extraction_always: bool = False  # how the columns were read is shown even without a PDF's word report


SHEETS: dict[str, RecordSheets] = {
    "action_plan": RecordSheets(
        xlsx_plan.write_actions,
        xlsx_plan.write_summary,
        xlsx_plan.ACTIONS,
        "Action",
        "action",
        write_after=xlsx_plan.write_links,
        extraction_always=True,
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
    write_findings(wb, doc, sheets, records.placed.column(sheets.id_column), records.rows)
    if sheets.write_after is not None:
        sheets.write_after(wb, doc, records)
    if doc.extraction or sheets.extraction_always:
        write_extraction(wb, doc)
    write_source(wb, doc, rules)
    style.print_ready(wb, print_header(doc, rules), doc.source.file)
    if doc.kind == "action_plan":
        write_marker(wb, doc)
    return wb


def write_marker(wb: Workbook, doc: Document) -> None:
    """The very hidden sheet that lets an officer's edited copy come back as the plan's next
    revision (pipeline.read.sheet.marker): which document it was made from, what each Actions
    column holds, and a fingerprint of every other sheet, so edits there can be named."""
    from pipeline.read.sheet.marker import MARKER_SHEET, Marker, fingerprint, shown

    sheets = {
        ws.title: fingerprint(
            (cell.row, cell.column, shown(cell.value, cell.number_format))
            for row in ws.iter_rows()
            for cell in row
            if cell.value is not None
        )
        for ws in wb.worksheets
        if ws.sheet_state == "visible" and ws.title != xlsx_plan.ACTIONS
    }
    marker = Marker(
        source_file=doc.source.file,
        source_sha256=doc.source.sha256,
        title=doc.title,
        sheet=xlsx_plan.ACTIONS,
        columns={c.header: c.role for c in xlsx_plan.action_columns(doc)},
        sheets=sheets,
    )
    ws = wb.create_sheet(MARKER_SHEET)
    ws.sheet_state = "veryHidden"
    for row, (key, value) in enumerate(marker.rows(), 1):
        write_cell(ws, row, 1, key)
        write_cell(ws, row, 2, value)


def print_header(doc: Document, rules: Rules) -> str:
    """The page header: the document's title and version, as the document (or its name) gives it.

    "Preventing Self-Harm Action Plan — Version 2.0";  "... — 2020-06, v2" (from the file name)
    """
    from pipeline.language.revision_marks import NameReader

    version = doc.revision or NameReader.from_rules(rules).marks_of(Path(doc.source.file).stem).describe()
    return f"{doc.title} — {version}" if version else doc.title


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
COLUMN_HEADERS = ["Table", "Column", "Header in the plan", "Read as", "Confidence", "Why"]
KEPT_AS_IS = "kept under its own header"
# The sheet's two tables share its columns: one set of widths fits both.
EXTRACTION_WIDTHS = [12, 10, 28, 18, 12, 60, 14]


def write_extraction(wb: Workbook, doc: Document) -> None:
    """How the document was read: how each plan table's columns were read (any format), and for
    a PDF, page by page, where every word went (the officer's proof that nothing was lost)."""
    from openpyxl.styles import Alignment

    ws = style.add_sheet(wb, EXTRACTION)
    row = 1
    if doc.kind == "action_plan":
        row = style.write_title(ws, row, "Columns read as", _columns_note(doc))
        if doc.tables:
            columns_read: list[list[object]] = [
                [
                    f"{k}" + (f" (page {t.page})" if t.page else ""),
                    c.column + 1,
                    c.header,
                    c.field or KEPT_AS_IS,
                    round(c.confidence, 2),
                    c.evidence,
                ]
                for k, t in enumerate(doc.tables, 1)
                for c in t.columns
            ]
            placed = style.write_table(
                ws,
                COLUMN_HEADERS,
                columns_read,
                first_row=row,
                widths=EXTRACTION_WIDTHS,
                number_formats={"Confidence": "0%"},
                centre=("Column", "Confidence"),
                freeze=False,
                filters=False,
            )
            row = placed.last_row
        row += 2
    if doc.extraction:
        style.write_heading(ws, row, "Where every word of each page went")
        body: list[list[object]] = [[count(page) for _, count in EXTRACTION_COLUMNS] for page in doc.extraction]
        body.append(
            ["All pages", *(sum(count(page) for page in doc.extraction) for _, count in EXTRACTION_COLUMNS[1:])]
        )
        placed = style.write_table(
            ws,
            [header for header, _ in EXTRACTION_COLUMNS],
            body,
            first_row=row + 1,
            widths=EXTRACTION_WIDTHS,
            freeze=False,
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
        cell.alignment = Alignment(wrap_text=False)


def _columns_note(doc: Document) -> str:
    if doc.tables:
        return (
            "Each column of the plan's tables, the field it was read as and why; a column read as the wrong "
            "field can be pinned under columns: in rules/documents.yaml."
        )
    return (
        f"This plan ({doc.source.format.upper()}) was read as text: its cells were taken by their order in "
        "each row, not matched to fields by a table header, so there is no column to show here."
    )


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
        *(
            [("Actions columns left out (empty in this plan)", ", ".join(xlsx_plan.left_out_columns(doc)) or "none")]
            if doc.kind == "action_plan"
            else []
        ),
        ("Version (as the document gives it)", doc.revision or "-"),
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
