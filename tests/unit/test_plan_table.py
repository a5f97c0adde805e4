"""Plan tables -> raw records, on layouts built by hand (no file format involved).

Each test is one quirk councils' tables have: merged or continued outcome cells, rows split by
a page break, repeated headers, section rows, renamed and unknown columns.
"""

from __future__ import annotations

from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.extract import plan_table
from pipeline.extract.plan import extract_plan
from pipeline.normalise.plan import normalise_plan

HEADER = ["Outcome", "No.", "Specific Action", "Status", "Links with other actions /\nworkstreams", "Age\nGroup"]
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
    return Row(cells=out, page=page, bbox=(10.0, 10.0, 500.0, 40.0) if page else None)


def table(*rows: Row) -> Block:
    return Block(kind="table", rows=list(rows))


def layout(*blocks: Block) -> Layout:
    return Layout(format="pdf", blocks=list(blocks))


def heading(text: str) -> Block:
    return Block(kind="heading", text=text, level=1)


def records(lay: Layout, rules) -> tuple:
    raw = extract_plan(lay, rules)
    return raw, normalise_plan(raw, rules)


def test_merged_outcome_is_carried_to_every_action(rules) -> None:
    lay = layout(
        heading("1. Prevention"),
        table(
            row(HEADER),
            row(["1.1 Parents are\nbetter informed", "1.1.1", "First", "Underway", "", "CYP"]),
            row([MERGED, "1.1.2", "Second", "Idea", "", "CYP"]),
            row(["1.2 Schools", "1.2.1", "Third", "Complete", "", "CYP"]),
        ),
    )
    _raw, (sections, outcomes, actions) = records(lay, rules)
    assert [(a.id, a.outcome, a.section) for a in actions] == [
        ("1.1.1", "1.1", "1"),
        ("1.1.2", "1.1", "1"),
        ("1.2.1", "1.2", "1"),
    ]
    assert [(o.id, o.text) for o in outcomes] == [("1.1", "Parents are better informed"), ("1.2", "Schools")]
    assert [s.title for s in sections] == ["Prevention"]


def test_outcome_text_only_in_its_first_row(rules) -> None:
    lay = layout(
        table(
            row(HEADER),
            row(["2.2. Professionals", "2.2.1", "A", "Idea", "", "Both"]),
            row(["", "2.2.2", "B", "Idea", "", "Both"]),
        )
    )
    _, (_, outcomes, actions) = records(lay, rules)
    assert [a.outcome for a in actions] == ["2.2", "2.2"] and [o.id for o in outcomes] == ["2.2"]


def test_row_split_by_a_page_break_is_joined(rules) -> None:
    lay = layout(
        table(
            row(HEADER, page=1),
            row(["2.1 Trauma informed", "2.1.1", "Pilot face-to-face support for", "Underway", "", "Adults"], page=1),
            row(["support is provided", "", "vulnerable women", "", "", ""], page=2),
            row([MERGED, "2.1.2", "Build capacity", "Initial\nmeeting", "Link with actions\n2.3.2", "Both"], page=2),
        )
    )
    raw, (_, outcomes, actions) = records(lay, rules)
    assert [a.id for a in raw.actions] == ["2.1.1", "2.1.2"]
    assert actions[0].text == "Pilot face-to-face support for vulnerable women"
    assert actions[0].source.page == 1 and actions[0].source.bbox == [10.0, 10.0, 500.0, 40.0]
    assert outcomes[0].text == "Trauma informed support is provided"
    assert actions[1].status == "Initial meeting" and actions[1].links_raw == "Link with actions 2.3.2"


def test_outcome_continued_on_a_new_page_beside_a_new_action(rules) -> None:
    lay = layout(
        table(
            row(HEADER, page=1),
            row(["3.1 People who present", "3.1.1", "Review liaison", "Underway", "", "CYP"], page=1),
            row(["receive good care (NICE QS34 2-5)", "3.1.2", "Review policy", "Underway", "", "CYP"], page=2),
        )
    )
    _, (_, outcomes, actions) = records(lay, rules)
    assert [(o.id, o.text, o.quality_statements) for o in outcomes] == [
        ("3.1", "People who present receive good care (NICE QS34 2-5)", [2, 3, 4, 5])
    ]
    assert [a.outcome for a in actions] == ["3.1", "3.1"]


def test_outcome_cell_without_an_id_starts_the_outcome_its_actions_name(rules) -> None:
    lay = layout(
        table(
            row(HEADER),
            row(["Parents are informed", "1.1.1", "A", "Idea", "", "CYP"]),
            row(["Schools respond", "1.2.1", "B", "Idea", "", "CYP"]),
        )
    )
    _, (_, outcomes, actions) = records(lay, rules)
    assert [(o.id, o.text) for o in outcomes] == [("1.1", "Parents are informed"), ("1.2", "Schools respond")]
    assert [a.outcome for a in actions] == ["1.1", "1.2"]


def test_repeated_header_rows_are_skipped(rules) -> None:
    lay = layout(
        table(
            row(HEADER, page=1),
            row(["1.1 A", "1.1.1", "First", "Idea", "", "CYP"], page=1),
            row(HEADER, page=2),
            row([MERGED, "1.1.2", "Second", "Idea", "", "CYP"], page=2),
        )
    )
    raw, _ = records(lay, rules)
    assert [a.id for a in raw.actions] == ["1.1.1", "1.1.2"]


def test_section_rows_inside_one_long_table(rules) -> None:
    lay = layout(
        table(
            row(HEADER),
            row([("1. Primary prevention", 6)]),
            row(["1.1 A", "1.1.1", "First", "Idea", "", "CYP"]),
            row([("2. Improve access to care", 6)]),
            row(["2.1 B", "2.1.1", "Second", "Idea", "", "Adults"]),
        )
    )
    _, (sections, _, actions) = records(lay, rules)
    assert [(s.number, s.title) for s in sections] == [("1", "Primary prevention"), ("2", "Improve access to care")]
    assert [(a.id, a.section) for a in actions] == [("1.1.1", "1"), ("2.1.1", "2")]


def test_several_tables_one_per_section_and_a_table_without_header(rules) -> None:
    lay = layout(
        Block(kind="title", text="Preventing Self-Harm Action Plan"),
        heading("1. Primary prevention"),
        table(row(HEADER), row(["1.1 A", "1.1.1", "First", "Idea", "", "CYP"])),
        heading("2. Improve access"),
        table(row(["2.1 B", "2.1.1", "Second", "Idea", "", "Adults"])),
    )
    raw, (sections, _, actions) = records(lay, rules)
    assert raw.title == "Preventing Self-Harm Action Plan"
    assert [a.id for a in actions] == ["1.1.1", "2.1.1"] and [s.number for s in sections] == ["1", "2"]


def test_renamed_and_reordered_columns(rules) -> None:
    header = ["Ref", "Objective", "What we will do", "Progress", "Population", "Related work"]
    lay = layout(
        table(
            row(header),
            row(
                ["1.1.1", "1.1 Parents", "Provide information", "Initial meeting", "CYP", "Future in Mind Action 1.09"]
            ),
        )
    )
    _, (_, _, [action]) = records(lay, rules)
    assert (action.text, action.status, action.age_group, action.links_raw) == (
        "Provide information",
        "Initial meeting",
        "CYP",
        "Future in Mind Action 1.09",
    )
    assert action.outcome == "1.1"


def test_unknown_column_is_kept_under_extra_with_its_header(rules) -> None:
    lay = layout(
        table(
            row([*HEADER, "Lead officer", "Budget code"]),
            row(["1.1 A", "1.1.1", "First", "Idea", "", "CYP", "Jo Bloggs,\nPublic Health", "PH-2024/17"]),
        )
    )
    _, (_, _, [action]) = records(lay, rules)
    assert action.lead == "Jo Bloggs, Public Health"
    assert action.extra == {"Budget code": "PH-2024/17"}


def test_ids_written_in_the_action_cell_when_there_is_no_id_column(rules) -> None:
    header = ["Outcome", "Action", "Status", "Age group"]
    lay = layout(table(row(header), row(["1.1 Parents", "1.1.1 Provide information", "Idea", "CYP"])))
    _, (_, _, [action]) = records(lay, rules)
    assert (action.id, action.text) == ("1.1.1", "Provide information")


def test_a_row_without_an_action_number_is_kept_and_noted(rules) -> None:
    lay = layout(
        table(
            row(HEADER),
            row(["1.1 A", "1.1.1", "First", "Idea", "", "CYP"]),
            row([MERGED, "", "An unnumbered action", "Idea", "", "CYP"]),
        )
    )
    raw, _ = records(lay, rules)
    assert [a.text for a in raw.actions] == ["First", "An unnumbered action"]
    assert [(n.severity, n.code) for n in raw.notes] == [("warning", "missing-action-id")]


def test_tables_that_are_not_plans_are_not_plan_tables(rules) -> None:
    lay = layout(table(row(["Key", "Meaning"]), row(["Idea", "Not started"])))
    assert not plan_table.has_plan_table(lay, rules)
    assert plan_table.has_plan_table(layout(table(row(HEADER))), rules)


def test_the_block_styled_as_title_wins_over_a_marking_above_it(rules) -> None:
    lay = layout(
        Block(kind="paragraph", text="OFFICIAL"),
        Block(kind="title", text="Self-Harm Action Plan"),
        heading("1. Prevention"),
        table(row(HEADER), row(["1.1 A", "1.1.1", "First", "Idea", "", "CYP"])),
    )
    raw, _ = records(lay, rules)
    assert raw.title == "Self-Harm Action Plan"


def test_a_heading_may_skip_a_section_number_a_numbered_paragraph_may_not(rules) -> None:
    lay = layout(
        heading("1. Prevention"),
        table(row(HEADER), row(["1.1 A", "1.1.1", "First", "Idea", "", "CYP"])),
        Block(kind="list_item", marker="5.", text="Nothing here is a section"),
        heading("3. Recovery"),
        table(row(["3.1 C", "3.1.1", "Third", "Idea", "", "Both"])),
    )
    _, (sections, _, actions) = records(lay, rules)
    assert [s.number for s in sections] == ["1", "3"]
    assert [(a.id, a.section) for a in actions] == [("1.1.1", "1"), ("3.1.1", "3")]


def test_text_outside_the_tables_that_reads_like_an_action_is_flagged(rules) -> None:
    lay = layout(
        heading("1. Prevention"),
        table(row(HEADER), row(["1.1 Parents", "1.1.1", "First", "Underway", "", "CYP"])),
        Block(kind="paragraph", text="Note: figures are for 2019."),
        Block(kind="paragraph", text="Note: action 1.1.1 is funded to 2025."),  # a citation, not a row
        Block(kind="paragraph", text="2. Access to care\n2.1 People   2.1.1 Pilot support   Underway"),
        Block(kind="paragraph", text="A closing note\n1.1.2   Second action   Idea   CYP"),
    )
    raw, _records = records(lay, rules)
    unplaced = [n for n in raw.notes if n.code == "unplaced-text"]
    assert [n.message[:60] for n in unplaced] == [
        "Text outside the table looks like an action but was not read",
    ] * 2
    assert "2. Access to care 2.1 People" in unplaced[0].message and "A closing note 1.1.2" in unplaced[1].message


def test_a_header_cell_with_a_bracketed_gloss_is_still_a_header(rules) -> None:
    lay = layout(
        table(
            row(["Ref", "Source\n(agenda title / item / date / Action Ref)", "Action", "Lead", "Due Date"]),
            row(
                ["85.6", "Public Board, 15.03.2023, Patient Story", "Share the list of local organisations", "DoN", ""]
            ),
            row(
                [
                    "90.13",
                    "Public Board, 15.03.2023, IPR",
                    "Report the timeline for the next phase",
                    "DoCAP",
                    "10.05.2023",
                ]
            ),
        )
    )
    _raw, (_sections, _outcomes, actions) = records(lay, rules)
    assert [(a.id, a.lead, a.timescale) for a in actions] == [("85.6", "DoN", None), ("90.13", "DoCAP", "10.05.2023")]


# ----------------------------------------------------------------------------- decided once


def _plan_table() -> Block:
    return table(
        row(["Ref", "Action", "Status", "Lead"]),
        row(["1.1", "Deliver training to every school nurse", "Complete", "Public Health"]),
        row(["1.2", "Review the referral pathway with partners", "On track", "CCG"]),
    )


def test_the_same_tables_are_decided_once(rules, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []
    real = plan_table.decide
    monkeypatch.setattr(plan_table, "decide", lambda *a, **k: (calls.append(1), real(*a, **k))[1])
    block = _plan_table()
    first = plan_table.shared_columns([block], rules)
    again = plan_table.shared_columns([heading("Theme"), block], rules)  # the same tables among other blocks
    assert calls == [1]
    assert again == first and again[id(block)][0].fields == ["id", "text", "status", "lead"]


def test_tables_changed_since_are_decided_again(rules, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []
    real = plan_table.decide
    monkeypatch.setattr(plan_table, "decide", lambda *a, **k: (calls.append(1), real(*a, **k))[1])
    block = _plan_table()
    plan_table.shared_columns([block], rules)
    block.rows[0].cells[3].text = "Progress update"  # a header edited in place
    changed = plan_table.shared_columns([block], rules)
    assert len(calls) == 2 and changed[id(block)][0].fields[3] == "update"
    same_content = _plan_table()  # equal cells, another table: its own answer, under its own id
    assert id(same_content) in plan_table.shared_columns([same_content], rules)
    assert len(calls) == 3
    plan_table.shared_columns([block], rules, pinned={"Lead": "lead"})  # other pins, another answer
    assert len(calls) == 4
