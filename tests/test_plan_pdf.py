"""The seed plan's PDF fixtures, layout by layout: the quirks each one is there to carry.

These check that the fixtures really hold the hard cases (a merged outcome cell running over a
page break, a row split by one, repeated and missing headers) and that the reader accounts for
every word on every page.
"""

from __future__ import annotations

import json
from functools import cache

import pytest

from pipeline.core.layout import Block, Layout
from pipeline.process import process
from pipeline.read import read
from pipeline.rules import load_rules
from tests.helpers import FIXTURES, as_dict

PDFS = ["plan-word.pdf", "plan-word-unruled.pdf", "plan-borderless.pdf", "plan-browser.pdf"]
FURNITURE = {
    "plan-word.pdf": ["Gloucestershire Self-Harm Review", "Page 1 of 5"],
    "plan-word-unruled.pdf": ["Gloucestershire Self-Harm Review", "Page 1 of 5"],
    "plan-borderless.pdf": ["Self-harm action plan - progress update", "Page 1"],
    "plan-browser.pdf": ["file://", "1/4"],
}


@cache
def layout(name: str) -> Layout:
    return read(FIXTURES / name, load_rules())


def plan_tables(name: str) -> list[Block]:
    return layout(name).tables()


@pytest.mark.parametrize("name", PDFS)
def test_every_word_on_every_page_is_accounted_for(name: str) -> None:
    lay = layout(name)
    assert [r.page for r in lay.word_report] == list(range(1, lay.pages + 1))
    for report in lay.word_report:
        assert report.unaccounted == 0, report
        assert report.table + report.text + report.furniture == report.words, report
        assert report.furniture >= 1, report  # each page has at least its page number
    assert not [n for n in lay.notes if n.code == "unaccounted-words"]


@pytest.mark.parametrize("name", PDFS)
def test_page_furniture_never_reaches_the_records(name: str) -> None:
    furniture = " ".join(b.text for b in layout(name).blocks if b.kind == "furniture")
    text = json.dumps(as_dict(process(FIXTURES / name, load_rules()))["actions"])
    for piece in FURNITURE[name]:
        assert piece in furniture
        assert piece not in text


def test_word_pdf_outcome_runs_over_a_page_break_beside_a_split_row() -> None:
    # outcome 2.1's merged cell and action 2.1.1's row both go on from page 1 to page 2
    rows = [row for table in plan_tables("plan-word.pdf") for row in table.rows]
    start = next(i for i, row in enumerate(rows) if row.cells[1].text == "2.1.1")
    cut = rows[start + 1]
    assert (rows[start].page, cut.page) == (1, 2)
    assert cut.cells[1].text == "" and cut.cells[0].text.startswith("is provided to")
    assert cut.cells[2].text.startswith("partnership between Rethink")
    doc = as_dict(process(FIXTURES / "plan-word.pdf", load_rules()))
    action = next(a for a in doc["actions"] if a["id"] == "2.1.1")
    assert action["source"]["page"] == 1


def test_word_pdf_header_row_is_printed_on_every_page_but_read_once_per_table() -> None:
    tables = plan_tables("plan-word.pdf")
    assert len(tables) == 5  # one per section, each stitched over its pages
    for table in tables:
        assert sum(1 for row in table.rows if row.cells[0].text == "Outcome") == 1


def test_borderless_pdf_has_no_ruling_lines_and_renamed_headers() -> None:
    import pdfplumber

    with pdfplumber.open(FIXTURES / "plan-borderless.pdf") as pdf:
        assert all(not page.lines and not page.rects and not page.curves for page in pdf.pages)
    tables = plan_tables("plan-borderless.pdf")
    assert [c.text for c in tables[0].rows[0].cells] == [
        "Ref",
        "Objective",
        "What we will do",
        "Progress",
        "Population",
        "Related work",
    ]


def test_browser_pdf_is_one_table_with_its_header_on_the_first_page_only() -> None:
    [table] = plan_tables("plan-browser.pdf")
    assert sorted({row.page for row in table.rows}) == [1, 2, 3, 4]
    assert [row.page for row in table.rows if row.cells[0].text == "Outcome"] == [1]
    sections = [row.cells[0].text for row in table.rows if len(row.cells) == 1]
    assert [s.split(".")[0] for s in sections] == ["1", "2", "3", "4", "5"]


def test_unruled_word_pdf_outcome_text_runs_down_past_its_first_row() -> None:
    # without borders, a merged outcome cell's text sits beside its later actions too
    rows = [row for table in plan_tables("plan-word-unruled.pdf") for row in table.rows]
    second = next(row for row in rows if row.cells[1].text == "1.1.2")
    assert second.cells[0].text.strip() != ""
    doc = as_dict(process(FIXTURES / "plan-word-unruled.pdf", load_rules()))
    assert next(o for o in doc["outcomes"] if o["id"] == "1.1")["text"].startswith("Parents and carers of children")
