"""Is a document an action plan or guidance? Told by its structure, overridable per file.

Both kinds are weighed on the same layout, so every format is judged the same way:

- a plan is a table of actions: a table whose columns read as a plan's (a text column beside
  ids, statuses, leads or timescales, `plan_columns.py`), or rows that carry an action's words
  beside other cells; numbered items that are not questions; "Action: ... / Lead: ..." records;
  and cells holding a status word;
- guidance is questions (sentences ending in "?"), priority headings (rules/guidance.yaml), and
  tables whose header row names a fillable form's columns (Question | Current position | RAG),
  or whose text cells are questions.

A plan that asks a few questions still has far more actions; a guidance page that cites an
action or two still asks far more questions. The heavier side wins. A document with a table of
actions is never refused; one with no table, no numbered items and no questions is.
rules/documents.yaml `kinds:` settles it for a file when the guess is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.core.errors import NotRecognised
from pipeline.core.layout import Block, Layout
from pipeline.core.model import Kind
from pipeline.core.text import clean
from pipeline.extract.plan_recover import recover
from pipeline.extract.plan_table import grid, shared_columns, table_columns
from pipeline.language.headers import best_field
from pipeline.language.ids import opening_id
from pipeline.rules import Rules

HEADER_WEIGHT = 3  # a column header is strong evidence: one per table column, not one per row
PRIORITY_WEIGHT = 3
ACTION_WORDS = 6  # a cell of this many words or more can hold an action


@dataclass(frozen=True)
class Evidence:
    """What was counted for each kind, so a wrong guess can be explained."""

    action_ids: int = 0
    plan_headers: int = 0
    statuses: int = 0
    questions: int = 0
    priorities: int = 0
    form_headers: int = 0
    action_rows: int = 0  # rows of headerless tables that carry an action's words beside other cells
    numbered_items: int = 0  # paragraphs or lines opening with an id that do not ask anything
    records: int = 0  # "Lead: ..." lines: a plan's columns written as labelled paragraphs

    @property
    def plan(self) -> int:
        return (
            self.action_ids
            + HEADER_WEIGHT * self.plan_headers
            + self.statuses
            + self.action_rows
            + self.numbered_items
            + self.records
        )

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


_QUESTION = re.compile(r"\?(?=[\s)\"'”’]|$)")
_RECORD = re.compile(r"^\s*(?P<label>[A-Z][\w /&()'’-]{1,40}?)\s*:\s+\S", re.MULTILINE)


def evidence(layout: Layout, rules: Rules, text: str | None = None) -> Evidence:
    """Count the signs of each kind in a layout (`text`: its `layout_text`, when already made)."""
    from pipeline.extract.guidance import priority_of

    text = layout_text(layout) if text is None else text
    action_ids = len(re.findall(rf"(?<![\d.]){rules.action_id}(?![\d])", text))
    questions = len(_QUESTION.findall(text))
    priorities = sum(
        1
        for b in layout.blocks
        if b.kind in ("title", "heading", "paragraph") and priority_of(b.text, rules) is not None
    )
    plan_headers = form_headers = statuses = action_rows = 0
    tables = list(layout.tables())
    decided = shared_columns(tables, rules)  # tables under one header decided once, as the reader will
    for block in tables:
        form = _form_fields(block, rules)
        found = decided.get(id(block))
        named = [f for f in found[0].fields if f] if found else []
        if found and len(named) > len(form) and not _asks(block, found[1], found[0].fields, rules):
            plan_headers += len(named)
            status_at = found[0].column_of("status")
            if status_at is not None:
                statuses += sum(
                    1
                    for row in block.rows[found[1] :]
                    if status_at < len(cells := grid(row))
                    and (cell := cells[status_at]) is not None
                    and not cell.merged
                    and _is_status(cell.text, rules)
                )
        elif "question" in form or len(form) >= 2:
            form_headers += len(form)
        else:
            action_rows += sum(1 for row in block.rows if _action_row(row))
    if not plan_headers:  # a table a copy into text flattened
        recovered = recover(layout, rules).layout
        for block in recovered.tables() if recovered is not layout else []:
            found = table_columns(block, rules)
            if found is not None:
                plan_headers += sum(1 for f in found[0].fields if f)
                action_rows += len(block.rows) - found[1]
    numbered_items = records = 0
    for block in layout.blocks:
        if block.kind in ("paragraph", "list_item", "heading"):
            body = clean(block.text)
            split = opening_id(block.text, rules)
            if split is not None and len(split.rest.split()) >= 3 and not _QUESTION.search(body):
                numbered_items += 1
            records += sum(1 for m in _RECORD.finditer(block.text) if best_field(m.group("label"), rules)[0])
    return Evidence(
        action_ids, plan_headers, statuses, questions, priorities, form_headers, action_rows, numbered_items, records
    )


def _form_fields(block: Block, rules: Rules) -> set[str]:
    """The form fields named by the best header row among a table's first three rows."""
    best: set[str] = set()
    for row in block.rows[:3]:
        texts = [c.text for c in row.cells if not c.merged]
        form = {f for t in texts if (f := rules.header_field("guidance_form", t))}
        if len(form) > len(best):
            best = form
    return best


def _asks(block: Block, start: int, fields: list[str | None], rules: Rules) -> bool:
    """A table whose text cells are mostly questions is a form to fill in, not a plan."""
    if "text" not in fields:
        return False
    at = fields.index("text")
    cells = [grid(row) for row in block.rows[start:]]
    texts = [clean(cell.text) for row in cells if at < len(row) and (cell := row[at]) is not None and clean(cell.text)]
    return bool(texts) and sum(1 for t in texts if t.rstrip().endswith("?")) * 2 > len(texts)


def _action_row(row: object) -> bool:
    """A row with an action's words (a long cell that is not a question) beside other filled cells."""
    cells = [clean(c.text) for c in row.cells if not c.merged and clean(c.text)]  # type: ignore[attr-defined]
    return len(cells) >= 2 and any(len(c.split()) >= ACTION_WORDS and not c.endswith("?") for c in cells)


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
    if seen.plan_headers or seen.action_rows >= 2:
        return "action_plan"  # a table of actions is never refused
    raise NotRecognised("not an action plan or guidance page (no table of actions, numbered items or questions found)")
