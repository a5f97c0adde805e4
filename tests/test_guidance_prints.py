"""Guidance printed by a browser reads as the saved page does; Word and web-page forms keep their
examples and ratings (tests/fixtures/guidance_mechanisms.py builds the prints)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.core.model import to_json
from pipeline.emit.json_out import validate
from pipeline.process import process
from pipeline.read import html as html_reader
from pipeline.rules import Rules
from tests.helpers import FIXTURES, as_dict
from tests.xlsx_checks import record_rows

PRINTS = ["print-sidebar-left", "print-sidebar-right"]


def records(doc: dict) -> tuple:
    return (
        doc["title"],
        [(p["number"], p["title"]) for p in doc["priorities"]],
        [(q["id"], q["parts"], q["notes"], q["examples"]) for q in doc["questions"]],
    )


@pytest.mark.parametrize("name", PRINTS)
def test_a_browser_print_gives_the_saved_page_s_records(name: str, rules: Rules) -> None:
    saved = as_dict(process(FIXTURES / f"{name}.html", rules))
    printed = as_dict(process(FIXTURES / f"{name}.pdf", rules))
    assert records(printed) == records(saved)
    assert validate(printed) == []


def test_the_sidebar_print(rules: Rules) -> None:
    doc = as_dict(process(FIXTURES / "print-sidebar-left.pdf", rules))
    assert [(p["number"], p["title"]) for p in doc["priorities"]] == [
        (1, "Knowing who the carers are"),
        (2, "Support that fits"),
        (3, "Looking after staff"),
    ]
    which = next(q for q in doc["questions"] if q["id"] == "1.2")
    assert which["parts"] == ["Which carers are you least likely to hear from?"]
    assert which["examples"] == [
        "young carers at school",
        "carers who work full time",
        "carers of people who refuse help",
    ]
    content = json.dumps({k: v for k, v in doc.items() if k not in ("source", "extraction")}).lower()
    for chrome in ("contents", "back to top", "carers@example", "file:///", "example council"):
        assert chrome not in content


def test_the_theme_table_print(rules: Rules) -> None:
    doc = as_dict(process(FIXTURES / "print-sidebar-right.pdf", rules))
    assert [(p["number"], p["title"]) for p in doc["priorities"]] == [
        (1, "Food and drink"),
        (2, "Physical activity"),
        (3, "Emotional wellbeing"),
    ]
    assert [q["id"] for q in doc["questions"]][-5:] == ["1.15", "2.1", "2.2", "3.1", "3.2"]
    assert {q["source"]["page"] for q in doc["questions"] if q["priority"] == 1} == {1, 2}  # over the page break
    assert "related pages" not in json.dumps(doc).lower()


def test_word_nested_list_styles_are_examples_and_ratings_get_their_label(tmp_path: Path, rules: Rules) -> None:
    from docx import Document

    document = Document()
    document.add_heading("Workplace self-assessment", level=0)
    document.add_heading("1. Leadership", level=2)
    document.add_paragraph("Which sources of help do you promote?", style="List Number")
    for example in ("the employee assistance programme", "national helplines"):
        document.add_paragraph(example, style="List Bullet 2")
    document.add_paragraph("Who leads on wellbeing?", style="List Number")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Question", "Current position", "RAG"), strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("Is there a policy?", "Drafted", "amber"), strict=True):
        cell.text = text
    path = tmp_path / "self-assessment.docx"
    document.save(str(path))
    doc = as_dict(process(path, rules))
    assert [(q["id"], q["parts"], q["examples"]) for q in doc["questions"]] == [
        ("1.1", ["Which sources of help do you promote?"], ["the employee assistance programme", "national helplines"]),
        ("1.2", ["Who leads on wellbeing?"], []),
        ("1.3", ["Is there a policy?"], []),
    ]
    rated = doc["questions"][2]
    assert (rated["rag"], rated["rag_label"]) == ("amber", "Amber")
    assert doc["questions"][0]["rag_label"] is None
    assert to_json(process(path, rules)) == to_json(process(path, rules))


def test_a_page_without_h1_is_titled_by_the_block_its_title_names(rules: Rules) -> None:
    markup = (
        "<html><head><title>Professional curiosity: questions for self-reflection - Partnership</title></head>"
        "<body><p>Eastfield Partnership</p><p>Professional curiosity: questions for self-reflection</p>"
        "<h1>Reflecting on risk</h1><ul><li>Did anything worry me?</li><li>Do I need to act now?</li></ul>"
        "<h1>Reflecting on my assessment</h1><ul><li>Did I use every tool?</li></ul></body></html>"
    )
    layout = html_reader.read(Path("tool.html"), markup.encode(), rules)
    assert [(b.kind, b.text) for b in layout.blocks][:3] == [
        ("paragraph", "Eastfield Partnership"),
        ("title", "Professional curiosity: questions for self-reflection"),
        ("heading", "Reflecting on risk"),
    ]


def test_the_questions_sheet_shows_examples_and_the_rating_label(tmp_path: Path, rules: Rules) -> None:
    from openpyxl import load_workbook

    from pipeline.emit.xlsx.document import write_workbook

    doc = process(FIXTURES / "print-sidebar-left.html", rules)
    doc.questions[0].rag, doc.questions[0].rag_label = "G", "Green"
    target = tmp_path / "form.xlsx"
    write_workbook(doc, target, rules)
    sheet = load_workbook(target)["Questions"]
    rows = {r["Question"]: r for r in record_rows(sheet, "Question")}
    assert rows["1.2"]["What it asks"].endswith(
        "Examples:\n• young carers at school\n• carers who work full time\n• carers of people who refuse help"
    )
    assert rows["1.1"]["RAG"] == "Green"
