"""Tables that a copy into plain text flattened are recovered as table blocks and read as tables.

Four shapes: flat rows (cells run together by single spaces: one action per id, a finding that
the columns are lost), stacked cells (one cell per paragraph, in the header's order), "Label:
value" records, and bulleted items of a few lines each. Each is built here as paragraphs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.layout import Block, Layout
from pipeline.extract.plan import extract_plan
from pipeline.extract.plan_recover import COLUMNS_LOST, names, recover
from pipeline.normalise.plan import normalise_plan
from pipeline.process import process
from pipeline.rules import Rules


def paragraphs(*texts: str) -> Layout:
    return Layout(format="txt", blocks=[Block(kind="paragraph", text=t) for t in texts])


def tables(layout: Layout) -> list[list[list[str]]]:
    return [[[c.text for c in r.cells] for r in b.rows] for b in layout.tables()]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Domain", ["Domain"]),
        ("Action Lead Delivery date", ["Action", "Lead", "Delivery date"]),
        ("Ref Action Lead Timescale Status", ["Ref", "Action", "Lead", "Timescale", "Status"]),
        ("Priority Actions / Lead Organisation / Time scale", ["Priority Actions", "Lead Organisation", "Time scale"]),
        ("Complete the current position column for each question", None),  # a sentence, not a header
        ("1.1 Action Lead", None),  # a row: it opens with an id
        ("", None),
    ],
)
def test_column_names_on_one_line(line: str, expected: list[str] | None, rules: Rules) -> None:
    assert names(line, rules) == expected


# ----------------------------------------------------------------------------- flat rows

FLAT = (
    "Ref Action Lead Timescale Status",
    "1.1 Maintain the RTS dashboard and share it monthly Public Health Ongoing On track",
    "1.2 Run a campaign on safer drinking in the summer Comms Team Q3 2025 Complete",
    "1.3 Review the alcohol pathway with partners NHS Trust 2025/26 Delayed",
)


def test_flat_rows_give_one_action_per_id_with_the_whole_row_as_its_text(rules: Rules) -> None:
    found = recover(paragraphs(*FLAT), rules)
    assert tables(found.layout) == [
        [
            ["No.", "Action"],
            ["1.1", "Maintain the RTS dashboard and share it monthly Public Health Ongoing On track"],
            ["1.2", "Run a campaign on safer drinking in the summer Comms Team Q3 2025 Complete"],
            ["1.3", "Review the alcohol pathway with partners NHS Trust 2025/26 Delayed"],
        ]
    ]
    assert [(n.severity, n.code, n.message) for n in found.notes] == [("warning", "columns-lost", COLUMNS_LOST)]


def test_a_flat_row_runs_on_over_lines_until_the_next_id(rules: Rules) -> None:
    lay = Layout(
        format="txt",
        blocks=[
            Block(kind="paragraph", text=FLAT[0]),
            Block(
                kind="paragraph", text="1.1 Run a campaign on safer drinking\nwith partners in the summer Comms Team Q3"
            ),
            Block(kind="paragraph", text=FLAT[3]),
        ],
    )
    raw = extract_plan(lay, rules)
    assert [(a.id, a.text) for a in raw.actions] == [
        ("1.1", "Run a campaign on safer drinking with partners in the summer Comms Team Q3"),
        ("1.3", "Review the alcohol pathway with partners NHS Trust 2025/26 Delayed"),
    ]
    assert [n.code for n in raw.notes] == ["columns-lost"]


def test_a_theme_line_among_flat_rows_is_a_section(rules: Rules) -> None:
    lay = paragraphs(
        FLAT[0], FLAT[1], "Theme 2: Healthy weight", "2.1 Review the weight pathway NHS Trust 2025/26 Delayed"
    )
    sections, _, actions = normalise_plan(extract_plan(lay, rules), rules)
    assert [(s.number, s.title) for s in sections] == [("2", "Healthy weight")]
    assert [(a.id, a.section) for a in actions] == [("1.1", None), ("2.1", "2")]


def test_lost_columns_give_one_finding_and_no_findings_about_empty_columns(rules: Rules) -> None:
    text = "Healthy lives action plan\n\n" + "\n".join(FLAT) + "\n"
    doc = process(Path("pasted.txt"), rules, data=text.encode())
    assert [a.id for a in doc.actions] == ["1.1", "1.2", "1.3"]
    assert all(a.status is None and a.lead is None for a in doc.actions)  # never guessed from the run-together words
    assert [(f.severity, f.code) for f in doc.findings] == [("warning", "columns-lost")]


def test_rows_of_questions_under_a_header_are_a_form_not_a_plan(rules: Rules) -> None:
    lay = paragraphs(
        "Ref Action Lead",
        "1.1 How do you know staff are trained in suicide awareness?",
        "1.2 Who leads the work with schools on self-harm?",
    )
    assert recover(lay, rules).layout.tables() == []
    rows = paragraphs("Ref Action Lead", "1.1 Train staff in suicide awareness", "1.2 Lead the work with schools")
    assert len(recover(rows, rules).layout.tables()) == 1  # the same header over actions: a table


# ----------------------------------------------------------------------------- stacked cells


def test_stacked_cells_keep_their_columns(rules: Rules) -> None:
    lay = paragraphs(
        "Action",
        "Lead",
        "Status",
        "1. Run a smoke-free campaign in every secondary school.",
        "Education Department",
        "On track",
        "2. Train school nurses to give brief advice on stopping smoking.",
        "School Nursing Service",
        "Complete",
    )
    found = recover(lay, rules)
    assert found.notes == []  # nothing lost
    _, _, actions = normalise_plan(extract_plan(lay, rules), rules)
    assert [(a.id, a.text, a.lead, a.status) for a in actions] == [
        ("1", "Run a smoke-free campaign in every secondary school.", "Education Department", "Underway"),
        ("2", "Train school nurses to give brief advice on stopping smoking.", "School Nursing Service", "Complete"),
    ]


# ----------------------------------------------------------------------------- records


def test_label_value_records_are_rows_and_their_labels_the_columns(rules: Rules) -> None:
    lay = paragraphs(
        "Ref: 1",
        "Action: Run a smoke-free campaign in every secondary school",
        "Lead: Education Department",
        "Status: On track",
        "Ref: 2",
        "Action: Train school nurses to give brief advice\non stopping smoking",  # a wrapped value goes on
        "Lead: School Nursing",
        "Status: Complete",
    )
    assert tables(recover(lay, rules).layout) == [
        [
            ["Ref", "Action", "Lead", "Status"],
            ["1", "Run a smoke-free campaign in every secondary school", "Education Department", "On track"],
            ["2", "Train school nurses to give brief advice\non stopping smoking", "School Nursing", "Complete"],
        ]
    ]
    _, _, actions = normalise_plan(extract_plan(lay, rules), rules)
    assert [(a.id, a.lead, a.status) for a in actions] == [
        ("1", "Education Department", "Underway"),
        ("2", "School Nursing", "Complete"),
    ]


def test_records_without_a_text_label_are_not_a_table(rules: Rules) -> None:
    lay = paragraphs(
        "Lead: Education Department", "Status: On track", "Timescale: 2025", "Lead: NHS", "Status: Complete"
    )
    assert recover(lay, rules).layout.tables() == []


# ----------------------------------------------------------------------------- bulleted items


def _bullets(*items: str) -> Layout:
    return Layout(format="txt", blocks=[Block(kind="list_item", marker="•", text=t) for t in items])


def test_bulleted_items_of_a_few_lines_each_are_rows(rules: Rules) -> None:
    lay = _bullets(
        "Run a smoke-free campaign in every secondary school\nEducation Department\nOn track",
        "Train school nurses to give brief advice on stopping smoking\nSchool Nursing\nComplete",
        "Review the alcohol pathway with partners in the county\nNHS Trust\nDelayed",
    )
    _, _, actions = normalise_plan(extract_plan(lay, rules), rules)
    assert [(a.text, a.lead, a.status, a.id_generated) for a in actions] == [
        ("Run a smoke-free campaign in every secondary school", "Education Department", "Underway", True),
        ("Train school nurses to give brief advice on stopping smoking", "School Nursing", "Complete", True),
        ("Review the alcohol pathway with partners in the county", "NHS Trust", "At risk", True),
    ]


def test_bulleted_items_with_no_status_line_stay_a_list(rules: Rules) -> None:
    lay = _bullets(
        "Run a smoke-free campaign in every secondary school\nEducation Department",
        "Train school nurses to give brief advice on stopping smoking\nSchool Nursing",
    )
    assert recover(lay, rules).layout is lay
