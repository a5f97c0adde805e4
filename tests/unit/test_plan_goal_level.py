"""A plan's goals are the level above its objectives: "Goal 1: ..." over "Objective 2: ..." gives
section 1 and outcome 2, whether the goal is a heading or a row of merged cells across the table."""

from __future__ import annotations

from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.extract.plan import extract_plan
from pipeline.normalise.plan import normalise_plan


def table(*rows: list[str]) -> Block:
    return Block(kind="table", rows=[Row(cells=[Cell(text=t) for t in row]) for row in rows])


def test_goal_rows_are_sections_and_objective_rows_their_outcomes(rules) -> None:
    lay = Layout(
        format="docx",
        blocks=[
            table(
                ["No.", "Action", "Responsibility", "Timeline"],
                ["Goal 1: Healthy places for everyone", "", "", ""],
                ["Objective 2: Safer parks and playgrounds", "", "", ""],
                ["12", "Put up smoke-free signs in every playground", "Parks team", "2025"],
                ["13", "Survey park users about safety", "Community safety", "2026"],
            )
        ],
    )
    for row in lay.blocks[0].rows[1:3]:
        first = row.cells[0]
        row.cells = [Cell(text=first.text, span=4)]
    sections, outcomes, acts = normalise_plan(extract_plan(lay, rules), rules)
    assert [(s.number, s.title) for s in sections] == [("1", "Healthy places for everyone")]
    assert [(o.id, o.section, o.text) for o in outcomes] == [("2", "1", "Safer parks and playgrounds")]
    assert [(a.id, a.section, a.outcome) for a in acts] == [("12", "1", "2"), ("13", "1", "2")]
