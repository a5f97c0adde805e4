"""Objective headings with a cross-reference, and a first row that holds a tag under its id.

"Objective 2 (LECP / 149): Provide safe play spaces" is objective 2 whose words are "Provide safe
play spaces": the bracketed reference points to another plan. And a table's first row whose id cell
holds a tag under the number ("88." / "Recreation Action") is that action, never a second line of
the header.
"""

from __future__ import annotations

from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.extract.plan import extract_plan
from pipeline.language.ids import hierarchy
from pipeline.normalise.plan import normalise_plan


def test_a_bracketed_reference_after_the_number_is_not_the_title(rules) -> None:
    label = hierarchy("Objective 2 (LECP / 149): Provide safe play spaces", rules)
    assert label is not None
    assert (label.level, label.number, label.title) == ("outcome", "2", "Provide safe play spaces")


def test_brackets_that_are_words_of_the_title_stay(rules) -> None:
    label = hierarchy("Theme 1 (see annex) shows the gaps", rules)
    assert label is not None
    assert label.title == "(see annex) shows the gaps"


def test_a_first_row_with_a_tag_under_its_id_is_an_action(rules) -> None:
    rows = [
        ["No.", "Action", "Responsibility", "Timeline", "Local Measure / Indicator"],
        [
            "88.\nRecreation Action",
            "NPAP: Build physical activity into the CYPSC plans",
            "CYPSC",
            "2018-2022",
            "• CYPSC plan written, including physical activity",
        ],
        ["89", "Support anti-bullying programmes", "Youth Services", "2018-2022", "• Programmes run"],
    ]
    lay = Layout(format="html", blocks=[Block(kind="table", rows=[Row(cells=[Cell(text=t) for t in r]) for r in rows])])
    _s, _o, acts = normalise_plan(extract_plan(lay, rules), rules)
    assert [(a.id, a.title, a.lead) for a in acts] == [
        ("88", "Recreation Action", "CYPSC"),
        ("89", None, "Youth Services"),
    ]
    assert acts[0].extra == {"Local Measure / Indicator": "• CYPSC plan written, including physical activity"}


def test_an_objective_heading_over_a_table_is_an_outcome_even_with_no_section(rules) -> None:
    rows = [
        ["#", "Activity Description", "Time Frame"],
        ["1.1", "Find the staff support already in place", "01/01/18-12/31/18"],
        ["1.2", "Create a coordinator post", "01/01/18-12/31/18"],
    ]
    lay = Layout(
        format="html",
        blocks=[
            Block(kind="heading", level=2, text="Objective 1: By December 2018, build local capacity."),
            Block(kind="table", rows=[Row(cells=[Cell(text=t) for t in r]) for r in rows]),
        ],
    )
    sections, outcomes, acts = normalise_plan(extract_plan(lay, rules), rules)
    assert sections == []
    assert [(o.id, o.text) for o in outcomes] == [("1", "By December 2018, build local capacity.")]
    assert [(a.id, a.outcome, a.section) for a in acts] == [("1.1", "1", None), ("1.2", "1", None)]


def test_a_page_heading_over_the_plans_own_chapters_is_not_a_section(rules) -> None:
    rows = [
        Row(cells=[Cell(text=t) for t in ("Action", "Delivery Lead", "Timescale")]),
        Row(cells=[Cell(text="Chapter 3: Health Education", span=3)]),
        Row(cells=[Cell(text=t) for t in ("1. Run a smoke-free campaign in every school.", "Education", "Ongoing")]),
        Row(cells=[Cell(text=t) for t in ("2. Train school nurses in brief advice.", "NHS Board", "2008/09")]),
    ]
    lay = Layout(
        format="html",
        blocks=[
            Block(kind="title", level=1, text="Smoking prevention action plan"),
            Block(kind="heading", level=2, text="SUMMARY OF ACTIONS"),
            Block(kind="table", rows=rows),
        ],
    )
    sections, _o, acts = normalise_plan(extract_plan(lay, rules), rules)
    assert [(s.number, s.title) for s in sections] == [("3", "Health Education")]
    assert [(a.id, a.section) for a in acts] == [("1", "3"), ("2", "3")]
