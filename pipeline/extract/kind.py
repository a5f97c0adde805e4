"""Is a document an action plan or guidance? Told by its content, overridable per file.

Both kinds are weighed on the same layout, so every format is judged the same way:

- a plan is numbered actions (ids like 2.3.1, rules/references.yaml), tables whose header row
  names plan columns (rules/headers.yaml `plan`), and cells holding a status word;
- guidance is questions (sentences ending in "?"), priority headings (rules/guidance.yaml), and
  tables whose header row names a fillable form's columns (Question | Current position | RAG).

A plan that asks a few questions still has far more numbered actions; a guidance page that cites
an action or two still asks far more questions. The heavier side wins; a document with neither
is refused. rules/documents.yaml `kinds:` settles it for a file when the guess is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.core.errors import NotRecognised
from pipeline.core.layout import Block, Layout
from pipeline.core.model import Kind
from pipeline.core.text import clean
from pipeline.rules import Rules

HEADER_WEIGHT = 3  # a column header is strong evidence: one per table column, not one per row
PRIORITY_WEIGHT = 3


@dataclass(frozen=True)
class Evidence:
    """What was counted for each kind, so a wrong guess can be explained."""

    action_ids: int = 0
    plan_headers: int = 0
    statuses: int = 0
    questions: int = 0
    priorities: int = 0
    form_headers: int = 0

    @property
    def plan(self) -> int:
        return self.action_ids + HEADER_WEIGHT * self.plan_headers + self.statuses

    @property
    def guidance(self) -> int:
        return self.questions + PRIORITY_WEIGHT * self.priorities + HEADER_WEIGHT * self.form_headers


def layout_text(layout: Layout) -> str:
    """All the document's text (no page furniture), cells included, one block or cell a line."""
    parts: list[str] = []
    for block in layout.blocks:
        if block.kind == "furniture":
            continue
        if block.kind == "table":
            parts.extend(cell.text for row in block.rows for cell in row.cells if not cell.merged)
        else:
            parts.append(block.text)
    return "\n".join(parts)


def evidence(layout: Layout, rules: Rules, text: str | None = None) -> Evidence:
    """Count the signs of each kind in a layout (`text`: its `layout_text`, when already made)."""
    from pipeline.extract.guidance import priority_of

    text = layout_text(layout) if text is None else text
    action_ids = len(re.findall(rf"(?<![\d.]){rules.action_id}(?![\d])", text))
    questions = len(re.findall(r"\?(?=[\s)\"'”’]|$)", text))
    priorities = sum(
        1
        for b in layout.blocks
        if b.kind in ("title", "heading", "paragraph") and priority_of(b.text, rules) is not None
    )
    plan_headers = form_headers = statuses = 0
    for block in layout.tables():
        plan, form = _header_fields(block, rules)
        if {"id", "text"} & plan and len(plan) >= 2 and len(plan) > len(form):
            plan_headers += len(plan)
            statuses += sum(
                1 for row in block.rows for cell in row.cells if not cell.merged and _is_status(cell.text, rules)
            )
        elif "question" in form or len(form) >= 2:
            form_headers += len(form)
    return Evidence(action_ids, plan_headers, statuses, questions, priorities, form_headers)


def _header_fields(block: Block, rules: Rules) -> tuple[set[str], set[str]]:
    """The plan and form fields named by the best header row among a table's first three rows."""
    best: tuple[set[str], set[str]] = (set(), set())
    for row in block.rows[:3]:
        texts = [c.text for c in row.cells if not c.merged]
        plan = {f for t in texts if (f := rules.header_field("plan", t))}
        form = {f for t in texts if (f := rules.header_field("guidance_form", t))}
        if len(plan) + len(form) > len(best[0]) + len(best[1]):
            best = (plan, form)
    return best


def _is_status(text: str, rules: Rules) -> bool:
    flat = clean(text)
    return bool(flat) and len(flat.split()) <= 6 and rules.status_for(flat) is not None


def detect_kind(layout: Layout, rules: Rules, file_name: str) -> Kind:
    """action_plan or guidance; the per-file rule first, then the evidence."""
    override = rules.kind_for(file_name)
    if override:
        return override  # type: ignore[return-value]
    text = layout_text(layout)
    if not text.strip():
        raise NotRecognised("no text found in the document", "check the file is the document you meant to send")
    seen = evidence(layout, rules, text)
    if seen.plan >= 3 and seen.plan >= seen.guidance:
        return "action_plan"
    if seen.guidance >= 2:
        return "guidance"
    raise NotRecognised("not an action plan or guidance page (no numbered actions or questions found)")
