"""Each column's field is scored from its header words (0.6) and what its cells hold (0.4).

Every test is one table as a council prints it, built here: the decision for each column, its
confidence and its evidence are what the JSON and the Extraction sheet show an officer.
"""

from __future__ import annotations

import pytest

from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.extract.plan import extract_plan
from pipeline.extract.plan_columns import Columns, cell_scores, decide
from pipeline.normalise.plan import normalise_plan
from pipeline.rules import Rules

SMOKING = "Deliver stop smoking support in every maternity unit in the county"
ALCOHOL = "Train frontline staff to give brief advice on alcohol in every practice"
WEIGHT = "Commission a new weight management service for adults across the area"
LONG = [SMOKING, ALCOHOL, WEIGHT]


def cells(*rows: list[str | Cell]) -> list[list[Cell | None]]:
    return [[c if isinstance(c, Cell) else Cell(text=c) for c in row] for row in rows]


def fields(columns: Columns) -> list[str | None]:
    return list(columns.fields)


def test_a_column_of_status_words_is_the_status_whatever_its_header(rules: Rules) -> None:
    got = decide(
        ["Ref", "Action", "Column 3"],
        cells(["1", SMOKING, "On track"], ["2", ALCOHOL, "Complete"], ["3", WEIGHT, "Delayed"]),
        rules,
    )
    assert fields(got) == ["id", "text", "status"]
    decision = got.decisions[2]
    assert decision.confidence == 0.5 and "3/3 cells are status words" in decision.evidence  # cells alone


def test_confidence_weighs_header_and_cells(rules: Rules) -> None:
    got = decide(["No.", "Action", "Status"], cells(["1", SMOKING, "On track"], ["2", ALCOHOL, "Hmm"]), rules)
    status = got.decisions[2]
    assert status.field == "status"
    assert status.confidence == pytest.approx(0.6 * 1.0 + 0.4 * 0.5)  # header 1.0, half the cells
    assert "header 'Status' ~ 'status' (1.00)" in status.evidence and "1/2 cells are status words" in status.evidence


def test_empty_cells_coloured_red_amber_green_are_a_status_column(rules: Rules) -> None:
    rag = [Cell(text="", fill="FF0000"), Cell(text="", fill="00B050"), Cell(text="", fill="FFC000")]
    got = decide(
        ["Ref", "Action", ""], cells(["1", SMOKING, rag[0]], ["2", ALCOHOL, rag[1]], ["3", WEIGHT, rag[2]]), rules
    )
    assert fields(got) == ["id", "text", "status"] and "3/3 cells coloured" in got.decisions[2].evidence


def test_grey_shading_is_no_status(rules: Rules) -> None:
    grey = Cell(text="", fill="D9D9D9")
    got = decide(["Ref", "Action", ""], cells(["1", SMOKING, grey], ["2", ALCOHOL, grey], ["3", WEIGHT, grey]), rules)
    assert fields(got) == ["id", "text", None]


@pytest.mark.parametrize("dates", [["Q3 2024", "Ongoing", "March 2025"], ["2024/25", "31/03/2025", "Within 6 months"]])
def test_dates_quarters_and_ongoing_make_a_timescale(dates: list[str], rules: Rules) -> None:
    rows = cells(*([str(n), text, when] for n, (text, when) in enumerate(zip(LONG, dates, strict=True), 1)))
    got = decide(["Ref", "Action", "Column 3"], rows, rules)
    assert fields(got) == ["id", "text", "timescale"]


def test_organisations_and_roles_make_a_lead(rules: Rules) -> None:
    got = decide(
        ["No.", "Action", "Column 3"],
        cells(["1", SMOKING, "Public Health Team"], ["2", ALCOHOL, "NHS Trust"], ["3", WEIGHT, "County Council"]),
        rules,
    )
    assert fields(got) == ["id", "text", "lead"]


def test_code_like_headers(rules: Rules) -> None:
    got = decide(
        ["ref_no", "desc", "rag", "owner"], cells(["1", SMOKING, "Green", "JB"], ["2", ALCOHOL, "Amber", "KL"]), rules
    )
    assert fields(got) == ["id", "text", "status", "lead"]


def test_a_decorated_rag_header_is_the_status_and_a_progress_note_beside_it_the_update(rules: Rules) -> None:
    got = decide(
        ["No.", "Action", "Progress (RAG)", "Progress update"],
        cells(
            ["1", SMOKING, "Green", "Two units run clinics now and a third starts in May after training"],
            ["2", ALCOHOL, "Amber", "Training is booked for June; numbers so far are lower than we hoped"],
        ),
        rules,
    )
    assert fields(got) == ["id", "text", "status", "update"]


def test_a_free_text_progress_column_beside_a_rag_column_is_the_update(rules: Rules) -> None:
    got = decide(
        ["No.", "Action", "RAG", "Progress"],
        cells(
            ["1", SMOKING, "Green", "Two units run clinics now and a third starts in May after training"],
            ["2", ALCOHOL, "Amber", "Training is booked for June; numbers so far are lower than we hoped"],
        ),
        rules,
    )
    assert fields(got) == ["id", "text", "status", "update"]


def test_hierarchy_column_needs_values_that_hold_over_rows(rules: Rules) -> None:
    held = decide(
        ["Theme", "No.", "Action", "Status"],
        cells(
            ["Smoking", "1", SMOKING, "On track"],
            ["", "2", ALCOHOL, "Complete"],
            ["Alcohol", "3", WEIGHT, "Delayed"],
            ["", "4", WEIGHT, "Delayed"],
        ),
        rules,
    )
    assert fields(held) == ["section", "id", "text", "status"]
    assert "2 values over 4 rows" in held.decisions[0].evidence


def test_values_that_come_back_after_others_are_a_category_kept_under_extra(rules: Rules) -> None:
    got = decide(
        ["Theme", "No.", "Action", "Status"],
        cells(
            ["Smoking", "1", SMOKING, "On track"],
            ["Alcohol", "2", ALCOHOL, "Complete"],
            ["Smoking", "3", WEIGHT, "Delayed"],
            ["", "4", WEIGHT, "Delayed"],
        ),
        rules,
    )
    assert fields(got) == [None, "id", "text", "status"]


def test_an_id_and_a_short_title_in_one_cell_beside_a_description(rules: Rules) -> None:
    got = decide(
        ["Action", "Description", "Status"],
        cells(
            ["1 - Stop smoking in pregnancy", SMOKING, "On track"], ["2 - Alcohol brief advice", ALCOHOL, "Complete"]
        ),
        rules,
    )
    assert fields(got) == ["id", "text", "status"] and got.titled_ids
    assert "cells open with an id" in got.decisions[0].evidence


def test_ids_at_the_start_of_the_text_cells(rules: Rules) -> None:
    got = decide(
        ["Action", "Lead", "Status"],
        cells(
            ["1.1 " + SMOKING, "Public Health", "On track"],
            ["1.2 " + ALCOHOL, "NHS Trust", "Complete"],
            ["1.3 " + WEIGHT, "Council", "Delayed"],
        ),
        rules,
    )
    assert fields(got) == ["text", "lead", "status"] and got.ids_in_text and not got.titled_ids


def test_a_much_shorter_second_text_column_is_the_title(rules: Rules) -> None:
    got = decide(
        ["No.", "Action", "Action description", "Status"],
        cells(["1", "Stop smoking", SMOKING, "On track"], ["2", "Alcohol advice", ALCOHOL, "Complete"]),
        rules,
    )
    assert fields(got) == ["id", "title", "text", "status"]
    assert got.decisions[1].evidence.startswith("two columns of text")


def test_two_text_columns_of_like_length_are_not_a_title(rules: Rules) -> None:
    got = decide(
        ["No.", "Action", "Action description", "Status"],
        cells(["1", ALCOHOL, SMOKING, "On track"], ["2", WEIGHT, ALCOHOL, "Complete"]),
        rules,
    )
    assert "title" not in got.fields and got.fields.count("text") == 1


def test_a_summary_of_statuses_is_never_the_text(rules: Rules) -> None:
    got = decide(
        ["Theme", "Actions", "Column 3"],
        cells(
            ["Smoking", "40% Delivered, 40% On Track, 20% Not started yet", SMOKING],
            ["Alcohol", "20% Delayed, 60% On Track and 20% Not started", ALCOHOL],
        ),
        rules,
    )
    assert got.fields[1] != "text" and got.fields[2] == "text"


def test_a_summary_of_statuses_is_not_the_text_even_when_no_other_column_could_be(rules: Rules) -> None:
    # a progress overview ("Actions: 40% Delivered, 60% On Track" for each theme) is no table of actions
    got = decide(
        ["Theme", "Actions", "Lead"],
        cells(
            ["Smoking", "40% Delivered, 60% On Track", "Public Health"],
            ["Alcohol", "20% Delayed, 80% On Track", "NHS Trust"],
        ),
        rules,
    )
    assert "text" not in got.fields


def test_a_progress_overview_above_the_plan_tables_gives_no_actions(rules: Rules) -> None:
    def table(*rows: list[str]) -> Block:
        return Block(kind="table", rows=[Row(cells=[Cell(text=t) for t in r]) for r in rows])

    lay = Layout(
        format="docx",
        blocks=[
            Block(kind="title", text="Healthy lives delivery plan"),
            Block(kind="heading", text="Delivery plan progress overview", level=1),
            table(
                ["Priority", "Actions"],
                ["Smoking", "40% Delivered, 60% On Track"],
                ["Alcohol", "20% Delayed, 80% On Track"],
            ),
            Block(kind="heading", text="Priority 1 - Smoking", level=1),
            table(["No.", "Action", "Status"], ["1.1", SMOKING, "On track"]),
            Block(kind="heading", text="Priority 2 - Alcohol", level=1),
            table(["No.", "Action", "Status"], ["2.1", ALCOHOL, "Complete"]),
        ],
    )
    _, _, actions = normalise_plan(extract_plan(lay, rules), rules)
    assert [(a.id, a.text) for a in actions] == [("1.1", SMOKING), ("2.1", ALCOHOL)]


def test_sentences_without_status_words_are_never_the_status(rules: Rules) -> None:
    got = decide(
        ["No.", "Action", "Reason for RAG"],
        cells(
            ["1", SMOKING, "The team was smaller over the summer, so the launch moved later into the year"],
            ["2", ALCOHOL, "Funding was confirmed in the spring and the work begins once the contract is signed"],
        ),
        rules,
    )
    assert fields(got) == ["id", "text", None]


def test_each_field_goes_to_one_column_and_the_rest_are_kept_under_extra(rules: Rules) -> None:
    got = decide(
        ["No.", "Action", "Status", "Budget", "Cost (£)"],
        cells(
            ["1", SMOKING, "On track", "from the grant", "12,000"], ["2", ALCOHOL, "Complete", "core budget", "5,000"]
        ),
        rules,
    )
    assert got.fields.count("status") == 1 and got.fields[3:] == [None, None]
    assert all(d.evidence == "no field scored" for d in got.decisions[3:])


def test_the_longest_unclaimed_column_is_the_text_when_nothing_else_is(rules: Rules) -> None:
    got = decide(
        ["No.", "Column 2", "Column 3", "Status"],
        cells(
            ["1", "Stop smoking in pregnancy", "from the grant", "On track"],
            ["2", "Alcohol brief advice", "core budget", "Complete"],
        ),
        rules,
    )
    assert fields(got) == ["id", "text", None, "status"]
    assert got.decisions[1].evidence == "the longest cells (4 words on average)"


def test_long_cells_alone_make_the_text(rules: Rules) -> None:
    got = decide(["No.", "Column 2", "Status"], cells(["1", SMOKING, "On track"], ["2", ALCOHOL, "Complete"]), rules)
    assert fields(got) == ["id", "text", "status"] and got.decisions[1].evidence.startswith("cells average")


def test_a_pinned_header_wins_over_the_scores(rules: Rules) -> None:
    rows = cells(["1", SMOKING, "On track", "Green"], ["2", ALCOHOL, "Complete", "Blue"])
    unpinned = decide(["No.", "Action", "Progress", "RAG"], rows, rules)
    assert unpinned.fields[2] == "status"
    pinned = decide(["No.", "Action", "Progress", "RAG"], rows, rules, {"progress": "update", "RAG": "status"})
    assert fields(pinned) == ["id", "text", "update", "status"]
    assert [(d.confidence, d.evidence) for d in pinned.decisions[2:]] == [(1.0, "pinned in rules/documents.yaml")] * 2


def test_a_column_pinned_to_extra_is_kept_under_extra(rules: Rules) -> None:
    rows = cells(["1", SMOKING, "On track"], ["2", ALCOHOL, "Complete"])
    got = decide(["No.", "Action", "Status"], rows, rules, {"Status": "extra"})
    assert fields(got) == ["id", "text", None]


def test_cell_scores_say_what_the_cells_hold(rules: Rules) -> None:
    scores = cell_scores([Cell(text="Q1 2025"), Cell(text="Ongoing"), Cell(text="TBC"), None], rules)
    assert scores["timescale"][0] == 1.0 and scores["timescale"][1] == "3/3 cells are dates, quarters or timescales"
    assert cell_scores([Cell(text="", merged=True), None], rules) == {}
