"""The per-document workbook an officer opens: one sheet of records with a bold frozen header."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.emit.xlsx_safe import save_reproducible, write_cell
from pipeline.model import Document
from pipeline.rules import Rules

ACTION_COLUMNS = [
    ("Section", lambda a: a.section), ("Outcome", lambda a: a.outcome), ("Action", lambda a: a.id),
    ("What we will do", lambda a: a.text), ("Status", lambda a: a.status), ("Status as written", lambda a: a.status_raw),
    ("Age group", lambda a: a.age_group), ("Linked actions", lambda a: ", ".join(a.linked_actions)),
    ("Outside references", lambda a: "; ".join(a.external_refs)), ("Depends on", lambda a: ", ".join(a.depends_on)),
    ("NICE quality statements", lambda a: ", ".join(map(str, a.quality_statements))), ("Page", lambda a: a.source.page),
]
QUESTION_COLUMNS = [
    ("Priority", lambda q: q.priority), ("Question", lambda q: q.id), ("Text", lambda q: q.text),
    ("Parts", lambda q: "\n".join(q.parts)), ("Current position", lambda q: q.response),
    ("What could be improved", lambda q: q.improve), ("RAG", lambda q: q.rag),
]


def write_workbook(doc: Document, path: Path, rules: Rules) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    columns: list[tuple[str, Any]]
    if doc.kind == "action_plan":
        ws.title, columns, records = "Actions", ACTION_COLUMNS, doc.actions
    else:
        ws.title, columns, records = "Questions", QUESTION_COLUMNS, doc.questions
    for col, (header, _) in enumerate(columns, 1):
        write_cell(ws, 1, col, header).font = Font(bold=True)
    for row, record in enumerate(records, 2):
        for col, (_, get) in enumerate(columns, 1):
            write_cell(ws, row, col, get(record)).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    save_reproducible(wb, path)
