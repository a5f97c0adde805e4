"""The table walker reads a plan's header and hierarchy from wherever the plan keeps them.

Layouts are built by hand, one habit each: a header below a title row or wrapped over two rows,
a theme row under the header, headings that own tables (numbered, labelled, or neither), rows
across a table, section and outcome label columns, "Cohort: ..." levels, plans that print no ids,
rows split by a page break, and tables printed with one header read with one set of columns.
"""

from __future__ import annotations

import pytest

from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.core.model import Action, Outcome, Section
from pipeline.extract.plan import extract_plan
from pipeline.extract.plan_table import find_header, shared_columns, table_columns
from pipeline.extract.records import RawPlan
from pipeline.normalise.plan import normalise_plan
from pipeline.rules import Rules

SMOKING = "Deliver stop smoking support in every maternity unit"
ALCOHOL = "Train frontline staff to give brief advice on alcohol"
WEIGHT = "Commission a weight management service for adults"
MERGED = None


def row(cells: list[str | tuple[str, int] | None], page: int | None = None) -> Row:
    out = []
    for cell in cells:
        if cell is None:
            out.append(Cell(text="", merged=True, page=page))
        elif isinstance(cell, tuple):
            out.append(Cell(text=cell[0], span=cell[1], page=page))
        else:
            out.append(Cell(text=cell, page=page))
    return Row(cells=out, page=page)


def table(*rows: Row) -> Block:
    return Block(kind="table", rows=list(rows))


def heading(text: str, level: int = 1) -> Block:
    return Block(kind="heading", text=text, level=level)


def paragraph(text: str) -> Block:
    return Block(kind="paragraph", text=text)


TITLE = Block(kind="title", text="Healthy lives action plan")


def read(*blocks: Block, rules: Rules) -> tuple[RawPlan, list[Section], list[Outcome], list[Action]]:
    raw = extract_plan(Layout(format="docx", blocks=list(blocks)), rules)
    sections, outcomes, actions = normalise_plan(raw, rules)
    return raw, sections, outcomes, actions


# ----------------------------------------------------------------------------- headers


def test_the_header_is_found_below_a_title_row_in_the_table(rules: Rules) -> None:
    block = table(
        row([("Healthy lives action plan 2024 to 2026", 3)]),
        row(["No.", "Action", "Status"]),
        row(["1", SMOKING, "On track"]),
    )
    header = find_header(block, rules)
    assert header is not None and header.rows == 2 and header.texts == ["No.", "Action", "Status"]
    _, _, _, actions = read(block, rules=rules)
    assert [(a.id, a.text, a.status) for a in actions] == [("1", SMOKING, "Underway")]


def test_a_header_wrapped_over_two_rows_is_one_header(rules: Rules) -> None:
    block = table(
        row(["No.", "Action", "Lead", "Target"]),
        row(["", "", "officer", "date"]),
        row(["1", SMOKING, "Public Health", "March 2025"]),
    )
    header = find_header(block, rules)
    assert header is not None and header.rows == 2
    assert header.texts == ["No.", "Action", "Lead officer", "Target date"]
    _, _, _, [action] = read(block, rules=rules)
    assert (action.lead, action.timescale) == ("Public Health", "March 2025")


def test_a_theme_row_under_the_header_is_a_section_not_part_of_the_header(rules: Rules) -> None:
    block = table(
        row(["No.", "Action", "Lead", "Status"]),
        row([("Theme 1: Smoking", 4)]),
        row(["1", SMOKING, "Public Health", "On track"]),
        row([("Theme 2: Alcohol", 4)]),
        row(["2", ALCOHOL, "NHS Trust", "Complete"]),
    )
    header = find_header(block, rules)
    assert header is not None and header.rows == 1
    _, sections, _, actions = read(block, rules=rules)
    assert [(s.number, s.title) for s in sections] == [("1", "Smoking"), ("2", "Alcohol")]
    assert [(a.id, a.section) for a in actions] == [("1", "1"), ("2", "2")]


def test_a_header_printed_again_on_a_new_page_is_skipped(rules: Rules) -> None:
    header = ["Ref", "Action", "Lead officer", "Status"]
    block = table(
        row(header, page=1),
        row(["A1", SMOKING, "Public Health", "On track"], page=1),
        row(header, page=2),
        row(["A2", ALCOHOL, "NHS Trust", "Complete"], page=2),
    )
    _, _, _, actions = read(block, rules=rules)
    assert [a.id for a in actions] == ["A1", "A2"]


# ----------------------------------------------------------------------------- headings


def test_unnumbered_headings_that_own_tables_are_sections_numbered_by_position(rules: Rules) -> None:
    _, sections, _, actions = read(
        TITLE,
        heading("Smoking"),
        table(row(["No.", "Action", "Status"]), row(["1", SMOKING, "On track"])),
        heading("Alcohol"),
        table(row(["No.", "Action", "Status"]), row(["2", ALCOHOL, "Complete"])),
        rules=rules,
    )
    assert [(s.number, s.title) for s in sections] == [("1", "Smoking"), ("2", "Alcohol")]
    assert [(a.id, a.section) for a in actions] == [("1", "1"), ("2", "2")]


def test_labelled_headings_give_the_level_and_number(rules: Rules) -> None:
    _, sections, outcomes, actions = read(
        TITLE,
        heading("Theme 3: Reducing access to means"),
        heading("Objective 3.2 – Safer places", level=2),
        table(row(["No.", "Action", "Status"]), row(["3.2.1", SMOKING, "On track"])),
        rules=rules,
    )
    assert [(s.number, s.title) for s in sections] == [("3", "Reducing access to means")]
    assert [(o.id, o.section, o.text) for o in outcomes] == [("3.2", "3", "Safer places")]
    assert [(a.id, a.outcome, a.section) for a in actions] == [("3.2.1", "3.2", "3")]


def test_rows_across_a_table_under_an_unnumbered_heading_are_outcomes(rules: Rules) -> None:
    _, sections, outcomes, actions = read(
        TITLE,
        heading("Data and intelligence"),
        table(
            row(["No.", "Action", "Status"]),
            row([("Better data", 3)]),
            row(["1.1.1", SMOKING, "On track"]),
            row([("Improve sharing", 3)]),
            row(["1.2.1", ALCOHOL, "On track"]),
        ),
        heading("Crisis care"),
        table(row(["No.", "Action", "Status"]), row(["2.1.1", WEIGHT, "Complete"])),
        rules=rules,
    )
    assert [(s.number, s.title) for s in sections] == [("1", "Data and intelligence"), ("2", "Crisis care")]
    assert [(o.id, o.text) for o in outcomes] == [("1.1", "Better data"), ("1.2", "Improve sharing")]
    assert [(a.id, a.outcome, a.section) for a in actions] == [
        ("1.1.1", "1.1", "1"),
        ("1.2.1", "1.2", "1"),
        ("2.1.1", None, "2"),
    ]


@pytest.mark.parametrize("first,second", [("1. ", "2. "), ("Theme 1: ", "Theme 2: ")])
def test_rows_across_a_table_under_a_numbered_heading_are_outcomes(first: str, second: str, rules: Rules) -> None:
    # the same plan with its headings numbered or labelled: the rows across its tables are still
    # outcomes under the heading's section, and the second heading is still section 2
    _, sections, outcomes, actions = read(
        TITLE,
        heading(f"{first}Data and intelligence"),
        table(
            row(["No.", "Action", "Status"]),
            row([("Better data", 3)]),
            row(["1.1.1", SMOKING, "On track"]),
            row([("Improve sharing", 3)]),
            row(["1.2.1", ALCOHOL, "On track"]),
        ),
        heading(f"{second}Crisis care"),
        table(row(["No.", "Action", "Status"]), row(["2.1.1", WEIGHT, "Complete"])),
        rules=rules,
    )
    assert [(s.number, s.title) for s in sections] == [("1", "Data and intelligence"), ("2", "Crisis care")]
    assert [(o.id, o.text) for o in outcomes] == [("1.1", "Better data"), ("1.2", "Improve sharing")]
    assert [(a.id, a.section) for a in actions] == [("1.1.1", "1"), ("1.2.1", "1"), ("2.1.1", "2")]


def test_a_heading_over_a_table_that_is_not_the_plans_is_no_section(rules: Rules) -> None:
    # a progress overview (no table of actions) under its own heading, then the labelled sections
    _, sections, _, actions = read(
        TITLE,
        heading("Delivery plan progress overview"),
        table(row(["Priority", "Progress"]), row(["Smoking", "40% Delivered, 60% On Track"])),
        heading("Priority 1 - Smoking"),
        table(row(["No.", "Action", "Status"]), row(["1.1", SMOKING, "On track"])),
        heading("Priority 2 - Alcohol"),
        table(row(["No.", "Action", "Status"]), row(["2.1", ALCOHOL, "Complete"])),
        rules=rules,
    )
    assert [(s.number, s.title) for s in sections] == [("1", "Smoking"), ("2", "Alcohol")]
    assert [(a.id, a.section) for a in actions] == [("1.1", "1"), ("2.1", "2")]


def test_named_levels_nest_in_the_order_the_plan_uses_them(rules: Rules) -> None:
    header = ["Action", "Lead", "Status"]
    _, sections, outcomes, actions = read(
        TITLE,
        paragraph("Cohort: Early years"),
        paragraph("Setting: Nurseries"),
        table(row(header), row([SMOKING, "Public Health", "On track"])),
        paragraph("Setting: Childminders"),
        table(row(header), row([ALCOHOL, "NHS Trust", "Complete"])),
        paragraph("Cohort: School age"),
        paragraph("Setting: Schools"),
        table(row(header), row([WEIGHT, "County Council", "Delayed"])),
        rules=rules,
    )
    assert [(s.number, s.title) for s in sections] == [("1", "Early years"), ("2", "School age")]
    assert [(o.id, o.section, o.text) for o in outcomes] == [
        ("1.1", "1", "Nurseries"),
        ("1.2", "1", "Childminders"),
        ("2.1", "2", "Schools"),
    ]
    assert [(a.id, a.outcome) for a in actions] == [("1.1.1", "1.1"), ("1.2.1", "1.2"), ("2.1.1", "2.1")]


# ----------------------------------------------------------------------------- label columns


def test_section_and_outcome_columns_open_new_levels_as_their_values_change(rules: Rules) -> None:
    _, sections, outcomes, actions = read(
        table(
            row(["Priority", "Objective", "No.", "Action", "Status"]),
            row(["Priority 1: Smoking", "Objective 1.1 - Fewer smokers", "1.1.1", SMOKING, "On track"]),
            row([MERGED, MERGED, "1.1.2", ALCOHOL, "Complete"]),
            row([MERGED, "Objective 1.2 - Quit support", "1.2.1", WEIGHT, "Delayed"]),
            row(["Priority 2: Alcohol", "Objective 2.1 - Less harm", "2.1.1", ALCOHOL, "Delayed"]),
        ),
        rules=rules,
    )
    assert [(s.number, s.title) for s in sections] == [("1", "Smoking"), ("2", "Alcohol")]
    assert [(o.id, o.section, o.text) for o in outcomes] == [
        ("1.1", "1", "Fewer smokers"),
        ("1.2", "1", "Quit support"),
        ("2.1", "2", "Less harm"),
    ]
    assert [(a.id, a.outcome, a.section) for a in actions] == [
        ("1.1.1", "1.1", "1"),
        ("1.1.2", "1.1", "1"),
        ("1.2.1", "1.2", "1"),
        ("2.1.1", "2.1", "2"),
    ]


def test_an_outcome_column_of_plain_titles_in_a_plan_without_ids(rules: Rules) -> None:
    _, _, outcomes, actions = read(
        table(
            row(["Objective", "Action", "Status"]),
            row(["Fewer smokers", SMOKING, "On track"]),
            row([MERGED, ALCOHOL, "Complete"]),
            row(["Less harm", WEIGHT, "Delayed"]),
        ),
        rules=rules,
    )
    assert [o.text for o in outcomes] == ["Fewer smokers", "Less harm"]
    assert [(a.text, a.outcome, a.id, a.id_generated) for a in actions] == [
        (SMOKING, outcomes[0].id, f"{outcomes[0].id}.1", True),
        (ALCOHOL, outcomes[0].id, f"{outcomes[0].id}.2", True),
        (WEIGHT, outcomes[1].id, f"{outcomes[1].id}.1", True),
    ]


def test_an_outcome_column_of_labelled_values_in_a_plan_without_ids_keeps_every_action(rules: Rules) -> None:
    _, _, outcomes, actions = read(
        table(
            row(["Objective", "Action", "Status"]),
            row(["Objective 1.1 - Fewer smokers", SMOKING, "On track"]),
            row([MERGED, ALCOHOL, "Complete"]),
            row(["Objective 1.2 - Less harm", WEIGHT, "Delayed"]),
        ),
        rules=rules,
    )
    assert [(o.id, o.text) for o in outcomes] == [("1.1", "Fewer smokers"), ("1.2", "Less harm")]
    assert [(a.id, a.outcome, a.text, a.status) for a in actions] == [
        ("1.1.1", "1.1", SMOKING, "Underway"),
        ("1.1.2", "1.1", ALCOHOL, "Complete"),
        ("1.2.1", "1.2", WEIGHT, "At risk"),
    ]


def test_a_section_column_of_labelled_values_in_a_plan_without_ids_keeps_every_action(rules: Rules) -> None:
    _, sections, _, actions = read(
        table(
            row(["Priority", "Action", "Status"]),
            row(["Priority 1: Smoking", SMOKING, "On track"]),
            row([MERGED, ALCOHOL, "Complete"]),
            row(["Priority 2: Alcohol", WEIGHT, "Delayed"]),
        ),
        rules=rules,
    )
    assert [(s.number, s.title) for s in sections] == [("1", "Smoking"), ("2", "Alcohol")]
    assert [(a.id, a.section, a.text) for a in actions] == [
        ("1.1", "1", SMOKING),
        ("1.2", "1", ALCOHOL),
        ("2.1", "2", WEIGHT),
    ]


# ----------------------------------------------------------------------------- ids the plan does not print


def test_generated_ids_count_within_the_outcome_or_section_and_are_noted_once(rules: Rules) -> None:
    raw, _, _, actions = read(
        heading("Theme 1: Smoking"),
        table(
            row(["Action", "Lead", "Status"]),
            row([SMOKING, "Public Health", "On track"]),
            row([ALCOHOL, "NHS Trust", "Complete"]),
        ),
        heading("Theme 2: Alcohol"),
        table(row(["Action", "Lead", "Status"]), row([WEIGHT, "County Council", "Delayed"])),
        rules=rules,
    )
    assert [(a.id, a.section, a.id_generated) for a in actions] == [
        ("1.1", "1", True),
        ("1.2", "1", True),
        ("2.1", "2", True),
    ]
    assert [(n.severity, n.code) for n in raw.notes] == [("info", "id-generated")]


def test_printed_ids_are_not_marked_generated(rules: Rules) -> None:
    raw, _, _, actions = read(
        table(row(["Ref", "Action", "Status"]), row(["ACT-07", SMOKING, "On track"])), rules=rules
    )
    assert [(a.id, a.id_generated) for a in actions] == [("ACT-07", False)]
    assert [n.code for n in raw.notes] == []


# ----------------------------------------------------------------------------- page breaks


def test_a_row_split_by_a_page_break_is_joined_in_a_plan_without_ids(rules: Rules) -> None:
    _, _, _, actions = read(
        table(
            row(["Action", "Lead", "Status"], page=1),
            row([SMOKING + " across", "Public Health", "On track"], page=1),
            row(["the county", MERGED, ""], page=2),
            row([ALCOHOL, "NHS Trust", "Complete"], page=2),
        ),
        rules=rules,
    )
    assert [(a.id, a.text) for a in actions] == [("1", SMOKING + " across the county"), ("2", ALCOHOL)]


def test_a_row_on_a_new_page_with_a_status_of_its_own_is_a_new_action(rules: Rules) -> None:
    _, _, _, actions = read(
        table(
            row(["Action", "Lead", "Status"], page=1),
            row([SMOKING, "Public Health", "On track"], page=1),
            row([ALCOHOL, "", "Complete"], page=2),
        ),
        rules=rules,
    )
    assert [a.text for a in actions] == [SMOKING, ALCOHOL]


# ----------------------------------------------------------------------------- one header, one set of columns


def test_tables_with_one_header_are_decided_together(rules: Rules) -> None:
    header = ["Ref", "Action", "Current"]  # "Current" names no field: its cells decide
    first = table(
        row(header), row(["1", SMOKING, "On track"]), row(["2", ALCOHOL, "Complete"]), row(["3", WEIGHT, "Delayed"])
    )
    second = table(row(header), row(["4", ALCOHOL, ""]))  # one action, its status not yet given
    alone = table_columns(second, rules)
    assert alone is not None and alone[0].fields == ["id", "text", None]
    together = shared_columns([first, second], rules)
    assert together[id(second)][0].fields == ["id", "text", "status"]
    assert together[id(first)][0] is together[id(second)][0]
    raw, _, _, _ = read(heading("Smoking"), first, heading("Alcohol"), second, rules=rules)
    assert [[d.field for d in t.decisions] for t in raw.tables] == [["id", "text", "status"]] * 2
