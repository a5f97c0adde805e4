"""The seed guidance page in every form officers receive it gives exactly the seed's records.

A saved gov.scot page (HTML), that page printed by a browser (PDF; once more with the site's
grid kept, the contents sidebar beside the introduction and bullets drawn as shapes), the Word "fillable form"
(blank, filled in, and filled in then saved as PDF) and the copied text must all give the
3 priorities and 21 questions of tests/golden/seed_guidance.yaml, word for word, and none of
the page's furniture.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.core.model import to_json
from pipeline.emit.json_out import validate
from pipeline.process import process
from tests.helpers import FIXTURES, ROOT, SHARED, as_dict, guidance_differences

RENDERINGS = {
    "html": FIXTURES / "guidance-page.html",
    "pdf": FIXTURES / "guidance-page.pdf",
    "pdf-print-grid": FIXTURES / "guidance-page-print.pdf",
    "docx": FIXTURES / "guidance-form.docx",
    "docx-filled": FIXTURES / "guidance-form-filled.docx",
    "docx-filled-pdf": FIXTURES / "guidance-form-filled.pdf",
    "txt": ROOT / "inputs" / "self-harm-reflection-tool.txt",
    "seed-txt": SHARED / "seeds" / "002_8bd584bef6561ab1.txt",
}

# Navigation, banners, page header, sidebar, feedback box, footer and browser furniture of the
# saved page (tests/fixtures/guidance_fixtures.py): none of it is content.
FURNITURE = [
    "Skip to main content",
    "cookies",
    "Statistics and research",
    "Consultations",
    "Publications",
    "Home /",
    "Advice and guidance",
    "21 March 2025",
    "Mental Health Directorate",
    "Health and social care",
    "Supporting documents",
    "fillable form",
    "Is this page useful",
    "Report a problem",
    "Crown Copyright",
    "Open Government Licence",
    "Accessibility",
    "gov.scot",
    "Email:",
    "file:///",
    "OFFICIAL",
    "Appendix 1",
]


@pytest.fixture(scope="module")
def documents(rules) -> dict[str, dict]:
    return {name: as_dict(process(path, rules)) for name, path in RENDERINGS.items()}


@pytest.mark.parametrize("name", list(RENDERINGS))
def test_every_rendering_gives_the_seed_records_exactly(name: str, documents: dict[str, dict]) -> None:
    doc = documents[name]
    assert guidance_differences(doc) == []
    assert len(doc["priorities"]) == 3 and len(doc["questions"]) == 21
    assert doc["kind"] == "guidance" and doc["actions"] == [] and doc["outcomes"] == []


@pytest.mark.parametrize("name", list(RENDERINGS))
def test_no_page_furniture_anywhere_in_the_output(name: str, documents: dict[str, dict]) -> None:
    doc = documents[name]
    content = json.dumps({k: v for k, v in doc.items() if k != "source"}, ensure_ascii=False).lower()
    leaked = [text for text in FURNITURE if text.lower() in content]
    assert leaked == []


@pytest.mark.parametrize("name", list(RENDERINGS))
def test_outputs_validate_and_are_deterministic(name: str, documents: dict[str, dict], rules) -> None:
    assert validate(documents[name]) == []
    assert to_json(process(RENDERINGS[name], rules)) == to_json(process(RENDERINGS[name], rules))


def test_all_renderings_agree_field_by_field(documents: dict[str, dict]) -> None:
    def content(doc: dict) -> list:
        return [(q["id"], q["text"], q["parts"], q["kinds"], q["follow_up"], q["notes"]) for q in doc["questions"]]

    reference = content(documents["txt"])
    for name, doc in documents.items():
        assert content(doc) == reference, name
        assert doc["priorities"] == documents["txt"]["priorities"], name


def test_pdf_questions_say_which_page_they_are_on(documents: dict[str, dict]) -> None:
    pages = {q["id"]: q["source"]["page"] for q in documents["pdf"]["questions"]}
    assert pages["1.1"] == 2 and pages["3.6"] == 4  # as the browser printed it
    assert documents["pdf"]["source"]["pages"] == 4


def test_blank_form_has_no_answers(documents: dict[str, dict]) -> None:
    for q in documents["docx"]["questions"]:
        assert (q["response"], q["improve"], q["rag"]) == (None, None, None), q["id"]


@pytest.mark.parametrize("name", ["docx-filled", "docx-filled-pdf"])
def test_filled_form_reads_back_every_answer(name: str, documents: dict[str, dict]) -> None:
    answers = {q["id"]: (q["response"], q["improve"], q["rag"]) for q in documents[name]["questions"]}
    assert answers["1.1"] == (
        "All frontline staff complete the Time, Space, Compassion e-learning module. "
        "Managers attend a half-day session each year.",
        "Extend the half-day session to reception staff.",
        "Green",
    )
    assert answers["1.3"] == ("Uptake recorded in 2 of 5 teams.", "Add training records to supervision.", "Amber")
    assert answers["2.2"] == (None, "Map groups who do not use the service (young men, LGBT+ people).", "Red")
    assert answers["3.6"] == ("Quarterly review at the partnership board.", None, "Green")
    unanswered = [qid for qid, answer in answers.items() if answer == (None, None, None)]
    assert len(unanswered) == 17 and "1.2" in unanswered


def test_html_saved_in_another_encoding_reads_the_same(tmp_path: Path, rules) -> None:
    page = (FIXTURES / "guidance-page.html").read_text(encoding="utf-8").replace('<meta charset="utf-8">', "")
    for encoding in ("cp1252", "utf-16"):
        copy = tmp_path / f"page-{encoding}.html"
        copy.write_bytes(page.encode(encoding))
        assert guidance_differences(as_dict(process(copy, rules))) == [], encoding


def test_word_document_with_bulleted_questions(tmp_path: Path, rules) -> None:
    """Guidance typed in Word as headings and bulleted paragraphs, not a form table."""
    from docx import Document

    from tests.fixtures.guidance_fixtures import seed_guidance

    title, priorities = seed_guidance()
    doc = Document()
    doc.add_paragraph(title, style="Title")
    doc.add_paragraph("Use these questions with your team.")
    for priority in priorities:
        doc.add_heading(priority.heading, level=2)
        for _id, text in priority.questions:
            doc.add_paragraph(text, style="List Bullet")
    doc.add_heading("Contact", level=2)
    doc.add_paragraph("Email: Harriet.Waugh@gov.scot")
    path = tmp_path / "reflection tool.docx"
    doc.save(str(path))
    assert guidance_differences(as_dict(process(path, rules))) == []
