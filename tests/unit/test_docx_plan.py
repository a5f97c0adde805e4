"""Plans in Word: merged outcome and heading rows, one table or several, extra columns, in the JSON."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from pipeline.process import process
from tests.helpers import as_dict

HEADER = ["Outcome", "No.", "Specific Action", "Status", "Links with other actions / workstreams", "Age Group"]
SECTIONS = [
    (
        "1. Primary prevention",
        [
            (
                "1.1 Parents are better informed",
                [
                    (
                        "1.1.1",
                        ["Provide improved information", "to parents"],
                        "Initial meeting",
                        "Future in Mind Action 1.09",
                        "CYP",
                    ),
                    ("1.1.2", ["Deliver training"], "Underway", "", "CYP"),
                ],
            )
        ],
    ),
    (
        "2. Improve access to care",
        [
            (
                "2.1 Trauma informed support (NICE QS34 6 &7)",
                [
                    ("2.1.1", ["Pilot support"], "Underway", "Link with actions 1.1.1", "Adults"),
                ],
            )
        ],
    ),
]


def _merge_down(table: Any, column: int, first: int, last: int) -> None:
    for index in range(first, last + 1):
        merge = OxmlElement("w:vMerge")
        if index == first:
            merge.set(qn("w:val"), "restart")
        table.rows[index].cells[column]._tc.get_or_add_tcPr().append(merge)


def _fill(table: Any, start: int, outcomes: list, extra: bool) -> int:
    index = start
    for outcome, actions in outcomes:
        first = index
        for ident, text, status, links, age in actions:
            cells = table.rows[index].cells
            cells[1].text, cells[3].text, cells[4].text, cells[5].text = ident, status, links, age
            cells[2].text = text[0]
            for more in text[1:]:
                cells[2].add_paragraph(more)
            if extra:
                cells[6].text = "PH-2024/17"
            index += 1
        table.rows[first].cells[0].text = outcome
        _merge_down(table, 0, first, index - 1)
    return index


def plan_docx(one_table: bool, extra: bool = False) -> bytes:
    d = docx.Document()
    d.add_paragraph("A Self-Harm Action Plan", style="Title")
    header = HEADER + (["Budget code"] if extra else [])
    if one_table:
        rows = 1 + sum(1 + sum(len(a) for _, a in outcomes) for _, outcomes in SECTIONS)
        t = d.add_table(rows=rows, cols=len(header))
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            cell.text = text
        index = 1
        for title, outcomes in SECTIONS:
            t.rows[index].cells[0].merge(t.rows[index].cells[-1]).text = title  # a heading row across the table
            index = _fill(t, index + 1, outcomes, extra)
    else:
        for title, outcomes in SECTIONS:
            d.add_paragraph(title, style="Heading 1")
            t = d.add_table(rows=1 + sum(len(a) for _, a in outcomes), cols=len(header))
            for cell, text in zip(t.rows[0].cells, header, strict=True):
                cell.text = text
            _fill(t, 1, outcomes, extra)
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def records(data: bytes, rules) -> dict:
    doc = as_dict(process(Path("plan.docx"), rules, data))
    for action in doc["actions"]:
        action.pop("source")
    return doc


def test_merged_outcome_applies_to_every_action_it_spans(rules) -> None:
    doc = records(plan_docx(one_table=False), rules)
    assert [(a["id"], a["outcome"], a["section"]) for a in doc["actions"]] == [
        ("1.1.1", "1.1", "1"),
        ("1.1.2", "1.1", "1"),
        ("2.1.1", "2.1", "2"),
    ]
    assert doc["outcomes"][1]["quality_statements"] == [6, 7]


def test_paragraphs_in_a_cell_are_layout_not_content(rules) -> None:
    doc = records(plan_docx(one_table=False), rules)
    assert doc["actions"][0]["text"] == "Provide improved information to parents"


def test_merged_heading_row_is_a_section_and_one_table_equals_several(rules) -> None:
    one, several = records(plan_docx(one_table=True), rules), records(plan_docx(one_table=False), rules)
    assert (
        one["sections"]
        == several["sections"]
        == [{"number": "1", "title": "Primary prevention"}, {"number": "2", "title": "Improve access to care"}]
    )
    assert one["actions"] == several["actions"] and one["outcomes"] == several["outcomes"]
    assert one["title"] == "A Self-Harm Action Plan"


def test_unknown_column_is_kept_under_extra(rules) -> None:
    doc = records(plan_docx(one_table=False, extra=True), rules)
    assert [a["extra"] for a in doc["actions"]] == [{"Budget code": "PH-2024/17"}] * 3
