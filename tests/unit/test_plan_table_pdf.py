"""Plan tables read from drawn PDFs end to end: the reader and the extractor together."""

from __future__ import annotations

from pathlib import Path

from pipeline.process import process
from tests.fixtures.plan_fixtures import Page, Text, draw_pdf, grid_table
from tests.helpers import as_dict

WIDTHS = [110, 45, 170, 70, 70, 50]
HEADER = ["Outcome", "No.", "Specific Action", "Status", "Links", "Age Group"]


def plan(pages: list[Page], rules) -> dict:
    return as_dict(process(Path("plan.pdf"), rules, draw_pdf(pages)))


def test_row_and_outcome_split_by_a_page_break_come_out_whole(rules) -> None:
    title = [Text(40, 40, "A Self-Harm Action Plan", size=18, bold=True), Text(40, 70, "1. Prevention", 12, True)]
    t1, r1, _ = grid_table(
        40,
        700,
        WIDTHS,
        [HEADER, ["1.1 Parents are", "1.1.1", "Provide information", "Initial", "Links to 1.1.2", "CYP"]],
        close_bottom=True,
    )
    t2, r2, _ = grid_table(
        40,
        60,
        WIDTHS,
        [
            HEADER,
            ["better informed", "", "to parents and carers", "meeting", "", ""],
            ["", "1.1.2", "Deliver training", "Underway", "", "CYP"],
        ],
        merged_down=(0,),
    )
    doc = plan([Page(texts=title + t1, rules=r1), Page(texts=t2, rules=r2)], rules)
    assert doc["title"] == "A Self-Harm Action Plan"
    assert [(o["id"], o["text"]) for o in doc["outcomes"]] == [("1.1", "Parents are better informed")]
    first, second = doc["actions"]
    assert (first["id"], first["text"], first["status"], first["linked_actions"]) == (
        "1.1.1",
        "Provide information to parents and carers",
        "Initial meeting",
        ["1.1.2"],
    )
    assert first["source"]["page"] == 1 and second["source"]["page"] == 2
    assert (second["outcome"], second["section"]) == ("1.1", "1")
