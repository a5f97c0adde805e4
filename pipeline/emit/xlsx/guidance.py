"""The sheets of a guidance document's workbook: a ready self-assessment form, and its Summary.

Guidance asks reflective questions; officers answer them question by question. The Questions
sheet shows each question with its parts and whether each part is closed (yes/no) or open, then
the columns an officer fills in (current position, what could be improved, RAG, owner, review
date), shaded so it is plain where to type; the question stays in view while scrolling to them.
Answers read back from a filled-in Word form are already there. Priority titles are on Summary.
"""

from __future__ import annotations

from collections.abc import Sequence
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


def rag_label(value: str | None, rules: Rules) -> str | None:
    """A form's rating as the drop-down spells it when the rules know it ("A" -> "Amber"), else as written."""
    rating = rules.rating_for(value)
    return rating.label if rating else value


def question_row(q: Question, rules: Rules) -> list[object]:
    return [
        q.priority,
        q.id,
        q.text,
        numbered(q.parts),
        numbered(q.kinds),
        "\n".join(q.notes),
        q.response,
        q.improve,
        rag_label(q.rag, rules),
        None,
        None,
    ]


HEADERS = [
    "Priority",
    "Question",
    "Question text",
    "Parts",
    "Closed or open",
    "Notes",
    *FILLABLE,
]
WIDTHS = {
    "Priority": 9,
    "Question": 10,
    "Question text": 50,
    "Parts": 45,
    "Closed or open": 11,
    "Notes": 25,
    "Current position": 40,
    "What could be improved": 35,
    "RAG": 9,
    "Owner": 18,
    "Review date": 13,
}


def write_questions(wb: Workbook, doc: Document, rules: Rules) -> style.TableRange:
    from openpyxl.styles import PatternFill

    ws = style.add_sheet(wb, QUESTIONS)
    rows = [question_row(q, rules) for q in doc.questions]
    placed = style.write_table(
        ws, HEADERS, rows, widths=WIDTHS, table_name="QuestionsTable", centre=("Priority", "Question", "RAG")
    )
    ws.freeze_panes = f"{placed.column('Parts')}{placed.first_data_row}"  # the question stays in view while typing
    last = max(placed.last_row, placed.first_data_row)
    fill = PatternFill("solid", start_color=FILL_IN, end_color=FILL_IN)
    for header in FILLABLE:
        letter = placed.column(header)
        for row in range(placed.first_data_row, last + 1):
            ws[f"{letter}{row}"].fill = fill
    ratings = style.rating_colours(rules)
    if ratings:
        labels = list(ratings)
        prompt = " or ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)
        style.add_list_validation(ws, placed.data_range("RAG"), labels, "RAG", prompt=prompt)
        style.add_value_colours(ws, placed.data_range("RAG"), ratings)
    style.add_date_validation(ws, placed.data_range("Review date"), "Review date")
    return placed


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
