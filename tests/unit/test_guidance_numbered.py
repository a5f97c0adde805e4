"""Numbered questions in a text copy of a guidance page are separate questions."""

from __future__ import annotations

from pathlib import Path

from pipeline.core.layout import Block
from pipeline.extract.guidance import split_numbered
from pipeline.process import process
from tests.helpers import as_dict

PAGE = """\
Reflective questions for local partnerships

Theme 1: Leadership and governance

1. Is there a named lead for suicide prevention in your area?
2. How does your partnership review progress
against its plan?

Theme 2: Data

a) Do you have access to real-time surveillance data? How is it used?
b) What data gaps have you identified (for example, on self-harm presentations)?
"""


def test_numbered_lines_become_questions(tmp_path: Path, rules) -> None:
    page = tmp_path / "questions.txt"
    page.write_text(PAGE, encoding="utf-8")
    doc = as_dict(process(page, rules))
    assert [p["title"] for p in doc["priorities"]] == ["Leadership and governance", "Data"]
    assert [(q["id"], q["parts"]) for q in doc["questions"]] == [
        ("1.1", ["Is there a named lead for suicide prevention in your area?"]),
        ("1.2", ["How does your partnership review progress against its plan?"]),
        ("2.1", ["Do you have access to real-time surveillance data?", "How is it used?"]),
        ("2.2", ["What data gaps have you identified (for example, on self-harm presentations)?"]),
    ]


def test_numbered_heading_without_questions_stays_a_paragraph() -> None:
    blocks = [Block(kind="paragraph", text="1. Leadership and governance", line=3)]
    assert split_numbered(blocks) == blocks
    items = split_numbered([Block(kind="paragraph", text="1) Who leads?\n2) Who pays?", line=7)])
    assert [(b.kind, b.marker, b.text, b.line) for b in items] == [
        ("list_item", "1)", "Who leads?", 7),
        ("list_item", "2)", "Who pays?", 8),
    ]
