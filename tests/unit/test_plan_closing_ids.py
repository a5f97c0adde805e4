"""An id printed at the end of an action's words, in brackets after a label word.

Recommendation trackers print "... and make adjustments as needed. (Recommendation 1)": with no id
column, that number is the action's id and not part of its words. A bare "(2)" closing a sentence
is a count or a footnote, never an id. "Open" in a Status column means not closed yet.
"""

from __future__ import annotations

from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.extract.plan import extract_plan
from pipeline.language.ids import closing_id
from pipeline.normalise.plan import normalise_plan


def test_a_labelled_id_in_brackets_closing_the_text_is_split_off(rules) -> None:
    split = closing_id("Review the data by rural area, as needed. (Recommendation 3)", rules)
    assert split is not None
    assert (split.id, split.rest) == ("3", "Review the data by rural area, as needed.")


def test_a_bare_number_in_brackets_is_not_an_id(rules) -> None:
    assert closing_id("Train the staff of all surgeries (2)", rules) is None
    assert closing_id("Train staff (Action plan to follow)", rules) is None


def test_recommendations_numbered_at_their_end_are_read_with_their_ids(rules) -> None:
    rows = [
        ["Agency Affected", "Recommendation", "Status"],
        ["Health Department", "Publish the data each quarter. (Recommendation 1)", "Open"],
        ["Housing Department", "Survey every damp home. (Recommendation 2)", "Closed - implemented"],
        ["Transport Department", "Map the walking routes to school. (Recommendation 3)", "Open"],
    ]
    lay = Layout(format="html", blocks=[Block(kind="table", rows=[Row(cells=[Cell(text=t) for t in r]) for r in rows])])
    _s, _o, acts = normalise_plan(extract_plan(lay, rules), rules)
    assert [(a.id, a.text, a.lead) for a in acts] == [
        ("1", "Publish the data each quarter.", "Health Department"),
        ("2", "Survey every damp home.", "Housing Department"),
        ("3", "Map the walking routes to school.", "Transport Department"),
    ]
    assert not any(a.id_generated for a in acts)
    assert acts[0].status_family == "underway"
