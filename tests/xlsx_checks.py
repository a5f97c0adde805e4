"""What every workbook we write must satisfy, checked by opening it (openpyxl) and its XML.

Shared by the workbook tests: sheet names and headers per kind, the drop-downs and colours,
the chart, and the safety rule that no worksheet holds a formula.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from pipeline.emit.xlsx.safe import is_formula_like

PLAN_SHEETS = ["Actions", "Summary", "Findings", "Links", "Extraction", "Source"]  # Links when actions cite
GUIDANCE_SHEETS = ["Questions", "Summary", "Findings", "Source"]
# The seed plan's Actions columns (it has something under each; a plan with nothing under one
# leaves it out). Title, Lead, Timescale and Update come after the status when a plan has them.
ACTION_HEADERS = [
    "Action",
    "What we will do",
    "Status",
    "Status as written",
    "Linked actions",
    "Linked outcomes",
    "Depends on",
    "Outside references",
    "Links as written",
    "Age group",
    "NICE quality statements",
]
QUESTION_HEADERS = [
    "Question",
    "What it asks",
    "Current position",
    "What could be improved",
    "RAG",
    "Owner",
    "Review date",
]
FINDING_HEADERS = ["Severity", "Code", "Where", "Message"]


def header_row(ws: Any, row: int = 1) -> list[Any]:
    return [c.value for c in ws[row] if c.value is not None]


def record_rows(ws: Any, key: str) -> list[dict[str, Any]]:
    """The record rows of a sheet with heading rows between them (Actions, Questions): every
    row with a value under `key`, as header -> value, with its row number under "_row"."""
    headers = [c.value for c in ws[1]]
    col = headers.index(key) + 1
    out = []
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, col).value is not None and ws.cell(r, col).coordinate not in ws.merged_cells:
            out.append({**dict(zip(headers, (c.value for c in ws[r]), strict=False)), "_row": r})
    return out


def heading_rows(ws: Any) -> list[str]:
    """The text of every heading row (a section, an outcome, a priority), merged across the table."""
    return [ws.cell(m.min_row, 1).value for m in sorted(ws.merged_cells.ranges, key=lambda m: m.min_row)]


def check_print(wb: Any) -> None:
    """Every visible sheet is set for paper: landscape A4 or A3, a header and a page X of Y footer."""
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) in (int(ws.PAPERSIZE_A4), int(ws.PAPERSIZE_A3)), ws.title
        assert ws.oddHeader.left.text, ws.title
        assert ws.oddFooter.left.text.startswith("Source: "), ws.title
        assert ws.oddFooter.right.text == "Page &P of &N", ws.title


def column_of(ws: Any, header: str, row: int = 1) -> str:
    for cell in ws[row]:
        if cell.value == header:
            return cell.column_letter
    raise AssertionError(f"no column {header!r} in {ws.title}")


def worksheet_formulas(path: Path) -> list[str]:
    """Every <f> element in any worksheet of the file (there must be none)."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                found += [f"{name}: {m}" for m in re.findall(r"<f[ >][^<]*", xml)]
    return found


def validations(ws: Any) -> dict[str, Any]:
    """Data validations by their range."""
    return {_span(str(dv.sqref)): dv for dv in ws.data_validations.dataValidation}


def _span(ref: str) -> str:
    """ "F2" and "F2:F2" name the same cells: always the long form."""
    return ref if ":" in ref else f"{ref}:{ref}"


def conditional_colours(ws: Any) -> dict[str, dict[str, str]]:
    """range -> value -> "RRGGBB" of the conditional formats of a sheet."""
    out: dict[str, dict[str, str]] = {}
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            out.setdefault(_span(str(cf.sqref)), {})[rule.formula[0].strip('"')] = rule.dxf.fill.fgColor.rgb[-6:]
    return out


def check_workbook(path: Path, kind: str, rules: Any, records: int) -> Any:
    """The structure every per-document workbook has; returns the loaded workbook."""
    assert worksheet_formulas(path) == []
    wb = load_workbook(path)
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    statuses = {s.label: s.colour for s in rules.statuses}
    if kind == "action_plan":
        assert visible in (PLAN_SHEETS, [s for s in PLAN_SHEETS if s != "Links"])
        ws = wb["Actions"]
        headers = header_row(ws)
        assert headers[:2] == ["Action", "What we will do"] and "Status" in headers
        assert headers[-1] in ("Page", "Line", "Row") or not {"Page", "Line", "Row"} & set(
            headers
        )  # where read, when known
        assert len(record_rows(ws, "Action")) == records
        last = max(ws.max_row, 2)
        status = column_of(ws, "Status")
        span = f"{status}2:{status}{last}"
        dv = validations(ws)[span]
        assert dv.type == "list" and dv.formula1 == '"' + ",".join(statuses) + '"'
        assert conditional_colours(ws)[span] == statuses
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(headers)).column_letter}{last}"
        charts = wb["Summary"]._charts
        assert len(charts) == (1 if records else 0)
    else:
        assert visible == GUIDANCE_SHEETS
        ws = wb["Questions"]
        assert header_row(ws) == QUESTION_HEADERS
        assert len(record_rows(ws, "Question")) == records
        last = max(ws.max_row, 2)
        rag, date = column_of(ws, "RAG"), column_of(ws, "Review date")
        found = validations(ws)
        ratings = [r.label for r in rules.ratings]  # the shipped rules: Red, Amber, Green
        assert found[f"{rag}2:{rag}{last}"].formula1 == '"' + ",".join(ratings) + '"'
        assert found[f"{date}2:{date}{last}"].type == "date"
        assert set(conditional_colours(ws)[f"{rag}2:{rag}{last}"]) == set(ratings)
    check_print(wb)
    assert ws.freeze_panes is not None
    findings = wb["Findings"]
    assert header_row(findings) == FINDING_HEADERS
    assert set(next(iter(conditional_colours(findings).values()))) == {"error", "warning", "info"}
    assert [c.value for c in wb["Source"]["A"]][:3] == ["Item", "Title", "Kind"]
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if is_formula_like(cell.value):
                    assert cell.data_type == "s" and cell.quotePrefix, f"{sheet.title}!{cell.coordinate}"
    return wb
