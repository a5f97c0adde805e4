"""Headings that name a part of the document, range ids and named levels, on layouts built by hand.

Published plans sit under headings such as "Annex A: Action Plan" or "Summary of Actions": the
document's parts, not the plan's sections. Their sections are the headings below them, or the
theme rows of their own tables.
"""

from __future__ import annotations

from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.extract.plan import extract_plan
from pipeline.extract.plan_table import document_part
from pipeline.normalise.plan import normalise_plan

HEADER = ["Number", "Action", "Responsibility", "Timing"]


def heading(text: str, level: int) -> Block:
    return Block(kind="heading", text=text, level=level)


def table(*rows: list[str] | tuple[str, int]) -> Block:
    out = []
    for cells in rows:
        if isinstance(cells, tuple):
            out.append(Row(cells=[Cell(text=cells[0], span=cells[1])]))
        else:
            out.append(Row(cells=[Cell(text=c) for c in cells]))
    return Block(kind="table", rows=out)


def read(rules, *blocks: Block):
    raw = extract_plan(Layout(format="html", blocks=[heading("Alcohol Framework", 1), *blocks]), rules)
    return normalise_plan(raw, rules)


def test_a_summary_heading_over_themed_tables_is_not_a_section(rules) -> None:
    sections, outcomes, actions = read(
        rules,
        heading("Summary of Actions", 2),
        heading("Overarching commitment", 3),
        table(HEADER, ["1", "Hear children's views on prevention", "Scottish Government", "Ongoing"]),
        heading("Reducing consumption: affordability and sales", 3),
        table(HEADER, ["2", "Evaluate minimum unit pricing", "Scottish Government", "2018 to 2023"]),
    )
    assert [(s.number, s.title) for s in sections] == [
        ("1", "Overarching commitment"),
        ("2", "Reducing consumption: affordability and sales"),  # two words before a colon are no level name
    ]
    assert outcomes == []
    assert [(a.id, a.section, a.outcome) for a in actions] == [("1", "1", None), ("2", "2", None)]


def test_an_annex_heading_leaves_the_sections_to_the_tables_theme_rows(rules) -> None:
    sections, _outcomes, actions = read(
        rules,
        heading("Annex A: Action Plan", 2),
        heading("THE ROAD TO RECOVERY: ACTION PLAN", 3),
        table(
            HEADER,
            ("Promoting recovery", 4),
            ["1", "Fund recovery communities", "Scottish Government", "2019"],
            ("Getting it right for children", 4),
            ["2", "Support families affected", "Local partnerships", "2020"],
        ),
    )
    assert [s.title for s in sections] == ["Promoting recovery", "Getting it right for children"]
    assert [(a.id, a.section) for a in actions] == [("1", "1"), ("2", "2")]


def test_a_level_named_by_one_word_still_nests(rules) -> None:
    sections, outcomes, actions = read(
        rules,
        heading("Cohort: Early Years", 2),
        heading("Breastfeeding", 3),
        table(HEADER, ["1", "Promote breastfeeding support", "Health visitors", "2025"]),
        heading("Weaning", 3),
        table(HEADER, ["2", "Offer weaning sessions", "Family hubs", "2025"]),
    )
    assert [s.title for s in sections] == ["Early Years"]
    assert [(o.id, o.text) for o in outcomes] == [("1.1", "Breastfeeding"), ("1.2", "Weaning")]
    assert [(a.id, a.outcome) for a in actions] == [("1", "1.1"), ("2", "1.2")]


def test_document_parts_are_whole_headings(rules) -> None:
    for text in [
        "Annex A – Progress on the 2018 actions",
        "SUMMARY OF ACTIONS",
        "Appendix 2",
        "Action plan",
        "The road to recovery: action plan",
        "Key actions",
    ]:
        assert document_part(text, rules), text
    for text in [
        "Actions for schools",
        "Planning our actions together",
        "1. Data and intelligence",
        "Reducing access to means",
        "Action plan for schools",
    ]:
        assert not document_part(text, rules), text


def test_a_range_of_ids_in_one_row_keeps_its_range(rules) -> None:
    _sections, _outcomes, actions = read(
        rules,
        table(
            ["Reference", "Action", "2023 - Progress"],
            ["RA9", "Review retail registration", "Completed"],
            ["RA10-11", "Consult on licensing", "Ongoing"],
            ["RA12", "Publish guidance", "Forms part of work on Accountability."],
        ),
    )
    assert [(a.id, a.status_family) for a in actions] == [
        ("RA9", "complete"),
        ("RA10-11", "underway"),
        ("RA12", "closed"),
    ]
