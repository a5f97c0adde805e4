"""A plan's first column of words merged down over rows that each have words of their own.

"Key Actions" merged over two "Key Deliverables", each deliverable with its own lead and date:
what is done, by whom and when is the deliverable row, so each is an action and the merged key
action ("1a Encourage ...") is the outcome they share.
"""

from __future__ import annotations

from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.extract.plan import extract_plan
from pipeline.normalise.plan import normalise_plan


def test_a_text_column_merged_down_over_deliverables_is_their_outcome(rules) -> None:
    key = Cell(text="1a Encourage schools and nurseries to adopt a healthy food policy")
    below = Cell(text="", merged=True)
    rows = [
        Row(cells=[Cell(text=t) for t in ("Key Actions", "Key Deliverables", "Organisation / Lead", "Timescale")]),
        Row(
            cells=[
                key,
                Cell(text="Work with nurseries to write and adopt a food policy"),
                Cell(text="Public Health"),
                Cell(text="Ongoing"),
            ]
        ),
        Row(
            cells=[
                below,
                Cell(text="Raise the number of schools holding a healthy food award"),
                Cell(text="Public Protection"),
                Cell(text="March 2018"),
            ]
        ),
        Row(
            cells=[
                Cell(text="1b Help the most vulnerable people to eat a healthy diet"),
                Cell(text="Give food parcels with recipe cards through the food bank"),
                Cell(text="Adult Services"),
                Cell(text="April 2017"),
            ]
        ),
    ]
    lay = Layout(format="docx", blocks=[Block(kind="table", rows=rows)])
    _s, outcomes, acts = normalise_plan(extract_plan(lay, rules), rules)
    assert [(o.id, o.text) for o in outcomes] == [
        ("1a", "Encourage schools and nurseries to adopt a healthy food policy"),
        ("1b", "Help the most vulnerable people to eat a healthy diet"),
    ]
    assert [(a.id, a.outcome, a.lead, a.timescale) for a in acts] == [
        ("1a.1", "1a", "Public Health", "Ongoing"),
        ("1a.2", "1a", "Public Protection", "March 2018"),
        ("1b.1", "1b", "Adult Services", "April 2017"),
    ]
