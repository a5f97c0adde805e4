"""Is a document an action plan or guidance? Told by its content, overridable per file.

A plan is numbered actions in rows (ids like 2.3.1, column headers, status words); guidance
is questions (question marks, priorities). rules/documents.yaml `kinds:` settles it for a file
when the guess is wrong.
"""

from __future__ import annotations

import re

from pipeline.errors import NotRecognised
from pipeline.layout import Layout
from pipeline.model import Kind
from pipeline.rules import Rules


def layout_text(layout: Layout) -> str:
    parts: list[str] = []
    for block in layout.blocks:
        if block.kind == "furniture":
            continue
        if block.kind == "table":
            parts.extend(cell.text for row in block.rows for cell in row.cells if not cell.merged)
        else:
            parts.append(block.text)
    return "\n".join(parts)


def detect_kind(layout: Layout, rules: Rules, file_name: str) -> Kind:
    override = rules.kind_for(file_name)
    if override:
        return override  # type: ignore[return-value]
    text = layout_text(layout)
    if not text.strip():
        raise NotRecognised("no text found in the document", "check the file is the document you meant to send")
    action_ids = len(re.findall(rf"(?<![\d.]){rules.action_id}(?![\d])", text))
    headers = sum(
        1
        for block in layout.tables()
        for row in block.rows[:3]
        for cell in row.cells
        if rules.header_field("plan", cell.text) in ("id", "text", "status")
    )
    questions = text.count("?")
    priorities = sum(1 for b in layout.blocks for p in rules.priority_patterns if p.match(b.text.strip()))
    plan_score = action_ids + 3 * headers
    guidance_score = questions + 3 * priorities
    if plan_score >= 3 and plan_score >= guidance_score:
        return "action_plan"
    if guidance_score >= 2:
        return "guidance"
    raise NotRecognised("not an action plan or guidance page (no numbered actions or questions found)")
