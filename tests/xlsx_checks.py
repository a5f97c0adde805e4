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

PLAN_SHEETS = ["Actions", "Summary", "Findings", "Source"]
GUIDANCE_SHEETS = ["Questions", "Summary", "Findings", "Source"]
ACTION_HEADERS = [
    "Section",
    "Outcome",
    "Outcome text",
    "Action",
    "What we will do",
    "Status",
    "Status as written",
    "Age group",
    "Linked actions",
    "Linked outcomes",
    "Outside references",
    "Depends on",
    "Links as written",
    "NICE quality statements",
]
QUESTION_HEADERS = [
    "Priority",
    "Question",
    "Question text",
    "Parts",
    "Closed or open",
    "Notes",
    "Examples",
    "Current position",
    "What could be improved",
    "RAG",
    "Owner",
    "Review date",
]
FINDING_HEADERS = ["Severity", "Code", "Where", "Message"]


def header_row(ws: Any, row: int = 1) -> list[Any]:
    return [c.value for c in ws[row] if c.value is not None]


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
        assert visible == PLAN_SHEETS
        ws = wb["Actions"]
        headers = header_row(ws)
        assert headers[: len(ACTION_HEADERS)] == ACTION_HEADERS
        assert headers[-1] in ("Page", "Line")
        assert ws.max_row == records + 1 or (records == 0 and ws.max_row <= 2)
        status = column_of(ws, "Status")
        span = f"{status}2:{status}{max(records + 1, 2)}"
        dv = validations(ws)[span]
        assert dv.type == "list" and dv.formula1 == '"' + ",".join(statuses) + '"'
        assert conditional_colours(ws)[span] == statuses
        assert list(ws.tables) == ["ActionsTable"]
        charts = wb["Summary"]._charts
        assert len(charts) == (1 if records else 0)
    else:
        assert visible == GUIDANCE_SHEETS
        ws = wb["Questions"]
        assert header_row(ws) == QUESTION_HEADERS
        assert ws.max_row == records + 1 or (records == 0 and ws.max_row <= 2)
        last = max(records + 1, 2)
        rag, date = column_of(ws, "RAG"), column_of(ws, "Review date")
        found = validations(ws)
        ratings = [r.label for r in rules.ratings]  # the shipped rules: Red, Amber, Green
        assert found[f"{rag}2:{rag}{last}"].formula1 == '"' + ",".join(ratings) + '"'
        assert found[f"{date}2:{date}{last}"].type == "date"
        assert set(conditional_colours(ws)[f"{rag}2:{rag}{last}"]) == set(ratings)
        assert list(ws.tables) == ["QuestionsTable"]
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
