"""The sheets of a guidance document's workbook: a ready self-assessment form, and its Summary.

Guidance asks reflective questions; officers answer them question by question. The Questions
sheet is the form as it prints: a heading row for each priority, then its questions, each in one
column with its parts numbered beneath it and marked yes/no or open, its notes and the examples
listed under it (one bulleted line each), then the columns an officer
fills in (current position, what could be improved, RAG, owner, review date), shaded so it is
plain where to type; the question stays in view while scrolling to them. Answers read back from
a filled-in Word form are already there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline.core.model import Document, Question
from pipeline.emit.xlsx import style

if TYPE_CHECKING:
    from openpyxl import Workbook

    from pipeline.rules import Rules

QUESTIONS = "Questions"
SUMMARY = "Summary"
FILL_IN = "FFF9E5"  # the pale yellow of form fields
FILLABLE = ("Current position", "What could be improved", "RAG", "Owner", "Review date")
NO_RAG = "Not rated"


def numbered(lines: Sequence[str]) -> str:
    """Parts as numbered lines; a single part stays as it is.

    ["Do you?", "How?"] -> "1. Do you?\\n2. How?"
    """
    if len(lines) <= 1:
        return "".join(lines)
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))


def bulleted(lines: Sequence[str]) -> str:
    """Examples as bulleted lines.  ["carers", "young people"] -> "• carers\\n• young people" """
    return "\n".join(f"• {line}" for line in lines)


def rag_label(value: str | None, rules: Rules) -> str | None:
    """A form's rating as the drop-down spells it when the rules know it ("A" -> "Amber"), else as written."""
    rating = rules.rating_for(value)
    return rating.label if rating else value


def question_text(q: Question) -> str:
    """One cell for the whole question: its parts numbered and marked yes/no or open when it asks
    more than one thing (else its text), then its notes, then the examples listed under it.

    "Do you ...? How ...?" -> "1. Do you ...? (yes/no)\n2. How ...? (open)"

    The parts and notes are the question's own sentences; should they ever leave a word of the
    text out, the text is shown above them, so nothing the guidance says goes missing.
    """
    kinds = [*q.kinds, *[""] * (len(q.parts) - len(q.kinds))]
    said = {w.casefold() for line in [*q.parts, *q.notes] for w in WORD.findall(line)}
    whole = {w.casefold() for w in WORD.findall(q.text)} <= said
    if len(q.parts) > 1:
        lines = [
            f"{i}. {part}{KIND_NOTE.get(kind, '')}"
            for i, (part, kind) in enumerate(zip(q.parts, kinds, strict=True), 1)
        ]
        if not whole:
            lines.insert(0, q.text)
    elif q.parts and whole:
        lines = [q.parts[0] + (KIND_NOTE["closed"] if kinds[0] == "closed" else "")]
    else:
        lines = [q.text + (KIND_NOTE["closed"] if kinds and kinds[0] == "closed" else "")]
    lines += [f"Note: {note}" for note in q.notes]
    if q.examples:
        lines += ["Examples:", bulleted(q.examples)]
    return "\n".join(lines)


WORD = re.compile(r"\w+")
KIND_NOTE = {"closed": " (yes/no)", "open": " (open)"}


def question_row(q: Question, rules: Rules) -> list[object]:
    return [q.id, question_text(q), q.response, q.improve, q.rag_label or rag_label(q.rag, rules), None, None]


HEADERS = ["Question", "What it asks", *FILLABLE]
WIDTHS = {
    "Question": 10,
    "What it asks": 62,
    "Current position": 40,
    "What could be improved": 34,
    "RAG": 9,
    "Owner": 16,
    "Review date": 12,
}


@dataclass
class QuestionsSheet:
    """Where the Questions sheet put things: its table and each question's row."""

    placed: style.TableRange
    rows: dict[str, int] = field(default_factory=dict)


def write_questions(wb: Workbook, doc: Document, rules: Rules) -> QuestionsSheet:
    """The self-assessment form: a heading row per priority, then its questions, one question
    column and the columns to fill in."""
    from openpyxl.styles import PatternFill

    ws = style.add_sheet(wb, QUESTIONS)
    titles = {p.number: p.title for p in doc.priorities}
    layout: list[tuple[str, object]] = []
    current: object = object()
    for q in doc.questions:
        if q.priority != current:
            current = q.priority
            title = titles.get(q.priority)
            layout.append(("priority", f"Priority {q.priority}: {title}" if title else f"Priority {q.priority}"))
        layout.append(("question", q))
    body = [question_row(item, rules) if kind == "question" else [None] * len(HEADERS) for kind, item in layout]  # type: ignore[arg-type]
    placed = style.write_table(ws, HEADERS, body, widths=WIDTHS, centre=("Question", "RAG"))
    sheet = QuestionsSheet(placed)
    ws.freeze_panes = f"{placed.column('Current position')}{placed.first_data_row}"  # the question stays in view
    last = max(placed.last_row, placed.first_data_row)
    fill = PatternFill("solid", start_color=FILL_IN, end_color=FILL_IN)
    for row, (kind, item) in enumerate(layout, placed.first_data_row):
        if kind == "priority":
            style.write_group_row(ws, row, str(item), len(HEADERS), level=0)
            continue
        sheet.rows.setdefault(item.id, row)  # type: ignore[attr-defined]
        for header in FILLABLE:
            ws[f"{placed.column(header)}{row}"].fill = fill
    if not layout:
        for header in FILLABLE:
            ws[f"{placed.column(header)}{last}"].fill = fill
    ratings = style.rating_colours(rules)
    if ratings:
        labels = list(ratings)
        prompt = " or ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)
        style.add_list_validation(ws, placed.data_range("RAG"), labels, "RAG", prompt=prompt)
        style.add_value_colours(ws, placed.data_range("RAG"), ratings)
    style.add_date_validation(ws, placed.data_range("Review date"), "Review date")
    return sheet


def write_summary(wb: Workbook, doc: Document, rules: Rules) -> None:
    """Per priority: questions, parts (closed / open), answered so far, and RAG ratings."""
    ws = style.add_sheet(wb, SUMMARY)
    row = style.write_title(ws, 1, "Summary", f"{doc.title} - {len(doc.questions)} questions")
    row += 1
    style.write_heading(ws, row, "Questions by priority")
    ratings = style.rating_colours(rules)
    rags = [*ratings, NO_RAG]
    headers = ["Priority", "Title", "Questions", "Parts", "Closed parts", "Open parts", "Answered", *rags]
    numbers = [p.number for p in doc.priorities]
    numbers += sorted({q.priority for q in doc.questions} - set(numbers))
    titles = {p.number: p.title for p in doc.priorities}
    body: list[list[Any]] = []
    for number in numbers:
        qs = [q for q in doc.questions if q.priority == number]
        rag_counts = dict.fromkeys(rags, 0)
        for q in qs:
            rating = rules.rating_for(q.rag)
            rag_counts[rating.label if rating else NO_RAG] += 1
        body.append(
            [
                number,
                titles.get(number, ""),
                len(qs),
                sum(len(q.parts) for q in qs),
                sum(k == "closed" for q in qs for k in q.kinds),
                sum(k == "open" for q in qs for k in q.kinds),
                sum(bool(q.response and q.response.strip()) for q in qs),
                *[rag_counts[r] for r in rags],
            ]
        )
    total = ["Total", "", *[sum(r[i] for r in body) for i in range(2, len(headers))]]
    placed = style.write_table(
        ws,
        headers,
        [*body, total],
        first_row=row + 1,
        widths={"Priority": 10, "Title": 60},
        centre=("Priority",),
        freeze=False,
        filters=False,
    )
    for header, colour in ratings.items():
        cell = ws[f"{placed.column(header)}{placed.header_row}"]
        cell.fill = style.solid_fill(colour)
        cell.font = style.font(bold=True, color="000000")
    for letter in placed.columns.values():
        ws[f"{letter}{placed.last_row}"].font = style.font(bold=True)
