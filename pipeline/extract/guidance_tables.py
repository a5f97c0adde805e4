"""Questions in tables: the rows of a fillable form, and tables that list questions by theme.

A *form* has a header row naming its columns (Question | Current position | What could be
improved | RAG, the names in rules/headers.yaml); each row is one question with the officer's
answers beside it. A *theme table* has no such header: a row whose cell holds questions (a
bulleted list that asks, or a cell that asks) is a priority, titled by the row's first other
cell ("Governance, management and leadership" | "• How does ...? • How do ...?").

A form may name its themes in rows across it, or in a column of its own left of the questions
("Area" | "Question" | "RAG"): each theme opens a priority.

A question cell may hold a bulleted list under its question ("Which data sources do you use?"
then "• hospital attendance data", "• school reports"): the list is the question's examples.
"""

from __future__ import annotations

import re

from pipeline.core.layout import Row
from pipeline.core.text import BULLETS, clean
from pipeline.rules import Rules

LEADING_BULLET = re.compile(rf"^\s*[{BULLETS}\-–]\s+")


def cell_items(text: str) -> list[str]:
    """A cell's bulleted items: "Intro\\n• A?\\n• B?" -> ["A?", "B?"]; a cell with no bullets -> []."""
    items: list[str] = []
    for line in text.split("\n"):
        if LEADING_BULLET.match(line):
            items.append(LEADING_BULLET.sub("", line))
        elif items and line.strip():
            items[-1] += "\n" + line
    return items


def question_and_examples(text: str, rules: Rules) -> tuple[str, list[str]]:
    """A question cell: its question, and the bulleted list under it when that list does not ask.

    "Which data do you use?\\n• hospital data\\n• school reports" -> ("Which data do you use?",
    ["hospital data", "school reports"]); a list of questions stays in the text.
    """
    from pipeline.language.questions import asks

    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    lines[first] = LEADING_BULLET.sub("", lines[first])
    start = next((i for i, line in enumerate(lines) if i > first and LEADING_BULLET.match(line)), None)
    if start is None:
        return "\n".join(lines), []
    examples = cell_items("\n".join(lines[start:]))
    if any(asks(item, rules) for item in examples):
        return "\n".join(lines), []
    return "\n".join(lines[:start]), examples


def width(row: Row) -> int:
    return sum(max(c.span, 1) for c in row.cells)


def form_columns(rows: list[Row], rules: Rules) -> tuple[dict[int, str] | None, int]:
    """(grid column -> form field, first row after the header) from a header among the first rows.

    The questions' column is the one headed "Question" (rules/headers.yaml); when no column is,
    but two or more answer columns are named, it is the first other column with a header (often
    the priority itself: "Priority 1: ... | Current position | RAG").
    """
    for index, row in enumerate(rows[:3]):
        columns: dict[int, str] = {}
        unnamed: list[int] = []
        position = 0
        for cell in row.cells:
            name = rules.header_field("guidance_form", cell.text) if not cell.merged else None
            if name and name not in columns.values():
                columns[position] = name
            elif not name and clean(cell.text):
                unnamed.append(position)
            position += max(cell.span, 1)
        if "question" not in columns.values() and len(columns) >= 2 and unnamed:
            columns[unnamed[0]] = "question"
        if "question" in columns.values():
            return columns, index + 1
    return None, 0


def row_fields(row: Row, columns: dict[int, str]) -> dict[str, str]:
    """A row's cells by form field, placed by grid column so spanning cells line up."""
    out: dict[str, str] = {}
    position = 0
    for cell in row.cells:
        name = columns.get(position)
        if name and not cell.merged:
            out[name] = cell.text
        position += max(cell.span, 1)
    return out


def form_theme(row: Row, columns: dict[int, str], rules: Rules) -> str | None:
    """The theme a form's row names: a cell across the whole row, or the cell of an unnamed
    column left of the questions ("Area", "Domain"), when it names something and asks nothing.

    "Data and intelligence" is a theme; "1.2" (a question's number), "Yes" and a question are not.
    """
    from pipeline.language.questions import asks

    question = next(position for position, name in columns.items() if name == "question")
    position = 0
    for cell in row.cells:
        across = cell.span > 1 and cell.span >= width(row) - 1
        if (across or (position < question and position not in columns)) and not cell.merged and clean(cell.text):
            text = clean(cell.text)
            if re.search(r"[^\W\d_]{3,}", text) and len(text.split()) <= 30 and not asks(text, rules):
                return text
        if position >= question:
            break
        position += max(cell.span, 1)
    return None


def theme_row(row: Row, rules: Rules) -> tuple[str, str, list[str]] | None:
    """(title, lead, question items) of a theme table's row, or None when no cell of it asks.

    The questions are the first cell whose bulleted items (or, with no bullets, whose text)
    mostly ask; the title is the first other cell with text that does not ask. The lead is the
    text above the cell's first bullet: in a row that a page break split, the end of the
    question the row before was asking.
    """
    from pipeline.language.questions import asks

    texts = [c.text for c in row.cells if not c.merged]
    for index, text in enumerate(texts):
        items = cell_items(text)
        lead = "\n".join(text.split("\n")[: _first_bullet(text)]) if items else ""
        if not items and clean(text)[:1].islower() and sum(1 for t in texts if clean(t)) == 1:
            return "", text.strip(), []  # all the row holds is the end of the question above
        if not items:
            items = [text] if clean(text) else []
        if not items or 2 * sum(asks(item, rules) for item in items) < len(items):
            continue
        title = next((clean(t) for i, t in enumerate(texts) if i != index and clean(t) and not asks(t, rules)), "")
        return title, lead.strip(), items
    return None


def _first_bullet(text: str) -> int:
    return next(i for i, line in enumerate(text.split("\n")) if LEADING_BULLET.match(line))
