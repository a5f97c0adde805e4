"""A second guidance page, built differently from the seed, gives its own hand-written records.

tests/fixtures/files/guidance-themes.html is a GOV.UK-style page saved as Windows-1252 with no
charset: no <main>, plain h2 theme headings (no "Priority N"), numbered <ol> lists, a list that
is not questions ("Who this is for"), a sidebar of related links (one of them a question), a
cookie banner, a phase banner, breadcrumbs, a contact section and a feedback box. Printed by a
browser without its stylesheet (guidance-themes.pdf), every one of those prints as text, and a
question's second paragraph prints without a bullet. Nothing in the rules names this page; the
expectations below were written by reading it, and both files must meet them.
"""

from __future__ import annotations

import json

import pytest

from pipeline.process import process
from tests.helpers import FIXTURES, as_dict

PAGE = FIXTURES / "guidance-themes.html"
PRINTED = FIXTURES / "guidance-themes.pdf"  # the same page printed by a browser, without its stylesheet

TITLE = "Preventing suicide in local areas: a self-assessment for partnerships"
PRIORITIES = [
    {"number": 1, "title": "Leadership and governance"},
    {"number": 2, "title": "Working with people with lived experience"},
    {"number": 3, "title": "Data, evidence and learning"},
]
# id -> [(part, kind, follow_up)], notes
QUESTIONS: dict[str, tuple[list[tuple[str, str, bool]], list[str]]] = {
    "1.1": (
        [
            (
                "Who is responsible for suicide prevention in your area, and how is this agreed with partners?",
                "open",
                False,
            )
        ],
        [],
    ),
    "1.2": (
        [
            ("Does your partnership have a current suicide prevention action plan?", "closed", False),
            ("When was it last reviewed?", "open", True),
        ],
        [],
    ),
    "1.3": ([("Are partners’ roles in the action plan clear and understood by all?", "closed", False)], []),
    "2.1": (
        [("How are people with lived and living experience involved in planning services?", "open", False)],
        ["For instance, through a reference group or paid advisory roles."],
    ),
    "2.2": (
        [
            ("Are carers and families offered support after a suicide (“postvention”)?", "closed", False),
            ("Is this offered quickly enough?", "closed", True),
        ],
        [],
    ),
    "2.3": ([("To what degree do services reflect what people have told you they need.", "open", False)], []),
    "3.1": (
        [("What local data on suicide and self-harm do you routinely review, and who reviews it?", "open", False)],
        [],
    ),
    "3.2": (
        [
            (
                "Do you learn from reviews of deaths by suicide across services – and share that learning?",
                "closed",
                False,
            )
        ],
        [],
    ),
    "3.3": ([("Which changes have you made in the last year as a result?", "open", True)], []),
}
NOISE = [
    "Cookies",
    "GOV.UK",
    "Beta",
    "feedback",
    "Public health",
    "Who this is for",
    "directors of public health",
    "Updated 4 February 2025",
    "Related content",
    "How can services respond better to self-harm?",
    "suicide.prevention@example.gov.uk",
    "Print this page",
    "Is this page useful",
    "Crown copyright",
    "Benefits",
    "Departments",
    "Help us improve",
    "file:///",
]


@pytest.fixture(scope="module", params=[PAGE, PRINTED], ids=["html", "pdf"])
def doc(request: pytest.FixtureRequest, rules) -> dict:
    return as_dict(process(request.param, rules))


def test_title_and_themes(doc: dict) -> None:
    assert doc["kind"] == "guidance"
    assert doc["title"] == TITLE
    assert doc["priorities"] == PRIORITIES


def test_every_question_as_written(doc: dict) -> None:
    assert [q["id"] for q in doc["questions"]] == list(QUESTIONS)
    for q in doc["questions"]:
        parts, notes = QUESTIONS[q["id"]]
        assert q["parts"] == [p[0] for p in parts], q["id"]
        assert q["kinds"] == [p[1] for p in parts], q["id"]
        assert q["follow_up"] == [p[2] for p in parts], q["id"]
        assert q["notes"] == notes, q["id"]
        assert q["text"] == " ".join([p[0] for p in parts] + notes), q["id"]


def test_typographic_characters_read_correctly(doc: dict) -> None:
    assert PAGE.read_bytes().find("’".encode("cp1252")) > 0  # the page really is Windows-1252, undeclared
    text = json.dumps(doc, ensure_ascii=False)
    assert "partners’ roles" in text and "(“postvention”)" in text and "services – and" in text
    assert "\ufffd" not in text and "â€" not in text


def test_nothing_but_the_questions(doc: dict) -> None:
    content = json.dumps({k: v for k, v in doc.items() if k != "source"}, ensure_ascii=False).lower()
    assert [n for n in NOISE if n.lower() in content] == []
