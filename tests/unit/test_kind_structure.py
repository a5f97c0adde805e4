"""Plan or guidance is told by the document's structure, not by counting ids shaped like one plan's.

A table of actions is a plan whatever its ids (1, 2, 3; A1; none at all), with a header or
without; numbered items and "Lead: ..." records count for a plan; questions for guidance. Only a
document with no table, no numbered items and no questions is refused.
"""

from __future__ import annotations

import pytest

from pipeline.core.errors import NotRecognised
from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.extract.kind import detect_kind, evidence
from pipeline.rules import Rules

SMOKING = "Deliver stop smoking support in every maternity unit"
ALCOHOL = "Train frontline staff to give brief advice on alcohol"
WEIGHT = "Commission a weight management service for adults"


def table(*rows: tuple[str, ...]) -> Block:
    return Block(kind="table", rows=[Row(cells=[Cell(text=t) for t in r]) for r in rows])


def layout(*blocks: Block) -> Layout:
    return Layout(format="docx", blocks=list(blocks))


def paragraph(text: str) -> Block:
    return Block(kind="paragraph", text=text)


@pytest.mark.parametrize(
    "ids",
    [("1", "2", "3"), ("A1", "A2", "A3"), ("ACT-01", "ACT-02", "ACT-03"), ("1.1", "1.2", "2.1")],
)
def test_a_plan_table_is_a_plan_whatever_its_numbering(ids: tuple[str, ...], rules: Rules) -> None:
    lay = layout(
        table(
            ("Ref", "Action", "Status"),
            (ids[0], SMOKING, "On track"),
            (ids[1], ALCOHOL, "Complete"),
            (ids[2], WEIGHT, "Delayed"),
        )
    )
    seen = evidence(lay, rules)
    assert seen.action_ids == 0  # no seed-shaped ids at all
    assert (seen.plan_headers, seen.statuses) == (3, 3)
    assert detect_kind(lay, rules, "plan.docx") == "action_plan"


def test_a_plan_table_with_no_ids_and_no_statuses_is_a_plan(rules: Rules) -> None:
    lay = layout(table(("Action", "Lead officer"), (SMOKING, "Public Health")))
    assert evidence(lay, rules).plan_headers == 2
    assert detect_kind(lay, rules, "plan.docx") == "action_plan"


def test_a_headerless_table_of_actions_is_never_refused(rules: Rules) -> None:
    lay = layout(table(("Smoking", SMOKING, "Public Health"), ("Alcohol", ALCOHOL, "NHS Trust")))
    seen = evidence(lay, rules)
    assert (seen.plan_headers, seen.action_rows) == (0, 2)
    assert detect_kind(lay, rules, "plan.docx") == "action_plan"


def test_a_headerless_table_of_questions_is_no_table_of_actions(rules: Rules) -> None:
    lay = layout(table(("Staff", "How do you know staff are trained in suicide awareness?")))
    assert evidence(lay, rules).action_rows == 0


def test_a_table_whose_action_cells_are_questions_is_a_form(rules: Rules) -> None:
    lay = layout(
        table(
            ("Ref", "Action", "Lead"),
            ("1", "How do you know staff are trained in suicide awareness?", "Public Health"),
            ("2", "Who leads the work with schools on self-harm in your area?", "NHS Trust"),
        )
    )
    seen = evidence(lay, rules)
    assert seen.plan_headers == 0 and seen.questions == 2
    assert detect_kind(lay, rules, "form.docx") == "guidance"


def test_numbered_items_that_ask_nothing_make_a_plan(rules: Rules) -> None:
    lay = layout(
        paragraph("1. Deliver stop smoking support in maternity units"),
        paragraph("2. Train frontline staff to give alcohol advice"),
        paragraph("A3 Commission a weight management service"),
    )
    assert evidence(lay, rules).numbered_items == 3
    assert detect_kind(lay, rules, "plan.docx") == "action_plan"


def test_numbered_questions_make_guidance(rules: Rules) -> None:
    lay = layout(
        paragraph("1. How do you know staff are trained in suicide awareness?"),
        paragraph("2. Who leads the work with schools on self-harm?"),
    )
    seen = evidence(lay, rules)
    assert (seen.numbered_items, seen.questions) == (0, 2)
    assert detect_kind(lay, rules, "page.docx") == "guidance"


def test_label_value_records_make_a_plan(rules: Rules) -> None:
    lay = layout(paragraph("Action: Deliver stop smoking support\nLead: Public Health\nStatus: On track"))
    assert evidence(lay, rules).records == 3
    assert detect_kind(lay, rules, "plan.docx") == "action_plan"


def test_a_table_pasted_as_text_counts_as_a_plan_table(rules: Rules) -> None:
    lay = Layout(
        format="txt",
        blocks=[
            paragraph("Ref Action Lead Timescale Status"),
            paragraph("A1 Maintain the dashboard and share it monthly Public Health Ongoing On track"),
            paragraph("A2 Run a campaign on safer drinking in the summer Comms Team Q3 2025 Complete"),
        ],
    )
    seen = evidence(lay, rules)
    assert seen.plan_headers >= 2 and seen.action_rows == 2
    assert detect_kind(lay, rules, "pasted.txt") == "action_plan"


def test_a_document_with_no_table_no_numbered_items_and_no_questions_is_refused(rules: Rules) -> None:
    lay = layout(paragraph("This report describes the year."), paragraph("The board met four times."))
    with pytest.raises(NotRecognised, match="no table of actions, numbered items or questions"):
        detect_kind(lay, rules, "report.docx")
