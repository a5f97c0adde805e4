"""Ids in any numbering scheme, and the label words that name a level of the plan.

Councils number actions 1, 2, 3; 1.1; 2.3.1; A1; SP1.2; ACT-07; "Action 3"; put a short title in
the id's cell ("1 - Stop smoking"); label headings and rows "Theme 2: ..." or "Objective 1.1 -
...". The shapes come from rules/references.yaml; these tests hold the grammar built from them.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.core.ids import tidy_id
from pipeline.language.ids import IdSplit, Label, hierarchy, ids_in, numbered, opening_id, whole_id
from pipeline.rules import Rules


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1 - Stop smoking support in pregnancy", IdSplit("1", "Stop smoking support in pregnancy")),
        ("12: Alcohol brief advice", IdSplit("12", "Alcohol brief advice")),
        ("Action 3: Train staff", IdSplit("3", "Train staff", labelled=True)),
        ("No. 4 Review the pathway", IdSplit("4", "Review the pathway", labelled=True)),
        ("PA 3.Set up a forum", IdSplit("PA 3", "Set up a forum")),
        ("A1 Map the services", IdSplit("A1", "Map the services")),
        ("SP1.2 – Audit deaths", IdSplit("SP1.2", "Audit deaths")),
        ("ACT-07 Deliver training", IdSplit("ACT-07", "Deliver training")),
        ("2.2. Improve data", IdSplit("2.2", "Improve data")),
        ("4a) Extend the scheme", IdSplit("4a", "Extend the scheme")),
        ("1.1.1\n0 Recruit champions", IdSplit("1.1.10", "Recruit champions")),  # wrapped by a narrow column
        ("1.1.1\n0", IdSplit("1.1.10", "")),
    ],
)
def test_opening_id_splits_the_id_from_the_words_after_it(cell: str, expected: IdSplit, rules: Rules) -> None:
    assert opening_id(cell, rules) == expected


@pytest.mark.parametrize(
    "cell",
    [
        "2024 review of the service",  # a year, not an id
        "12months of support",  # a number run on into a word
        "Stop smoking support",
        "",
        None,
    ],
)
def test_cells_that_open_with_no_id(cell: str | None, rules: Rules) -> None:
    assert opening_id(cell, rules) is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2.2.", "2.2"),
        (" A1 ", "A1"),
        ("Action 3", "3"),
        ("ACT-07", "ACT-07"),
        ("1.1.1\n0", "1.1.10"),
        ("01.05", "01.05"),  # a tracker's zeros are kept as printed
        ("1 - Stop smoking", None),  # an id with a title is not a whole id
        ("Complete", None),
        ("2024", None),
        (None, None),
    ],
)
def test_whole_id(cell: str | None, expected: str | None, rules: Rules) -> None:
    assert whole_id(cell, rules) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Theme 2: Reducing access", Label("section", "2", "Reducing access")),
        ("Objective 1.1 – Improve data", Label("outcome", "1.1", "Improve data")),
        ("Priority: Prevention", Label("section", None, "Prevention")),
        ("Strategic priority 3 - Crisis care", Label("section", "3", "Crisis care")),
        ("Workstream 4 Data and intelligence", Label("section", "4", "Data and intelligence")),
        ("Aim 2", Label("outcome", "2", "")),
        ("THEME 1: Smoking", Label("section", "1", "Smoking")),
    ],
)
def test_hierarchy_labels_give_level_number_and_title(text: str, expected: Label, rules: Rules) -> None:
    assert hierarchy(text, rules) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Priority groups were chosen with partners",  # a label word that only starts a sentence
        "Outcomes for children improved",
        "Themes",
        "Reducing access to means",
        "",
        None,
    ],
)
def test_sentences_are_not_hierarchy_labels(text: str | None, rules: Rules) -> None:
    assert hierarchy(text, rules) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2. Reducing access", Label("section", "2", "Reducing access")),
        ("1.1 Improve data", Label("outcome", "1.1", "Improve data")),
        ("3) Crisis care", Label("section", "3", "Crisis care")),
        ("4 - Recovery", Label("section", "4", "Recovery")),
        ("2024 was a good year", None),
        ("Improve data", None),
        ("1.1.1 Recruit champions", None),  # three parts: an action, not a heading
    ],
)
def test_numbered_headings(text: str, expected: Label | None) -> None:
    assert numbered(text) == expected


def test_ids_in_running_text_keep_their_spans(rules: Rules) -> None:
    text = "See A3 and 2.3.1 (from 2024), then SP1.2."
    found = ids_in(text, rules)
    assert [ident for ident, _, _ in found] == ["A3", "2.3.1", "SP1.2"]
    assert all(text[start:end].rstrip(".") == ident for ident, start, end in found)


# ----------------------------------------------------------------------------- tidy_id


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [("2.2.", "2.2"), (" A1 ", "A1"), ("1.1.1\n0", "1.1.10"), ("PA  1.", "PA 1"), ("01.05", "01.05")],
)
def test_tidy_id_takes_off_layout_only(raw: str, tidy: str) -> None:
    assert tidy_id(raw) == tidy


# An id as printed, with the layout a cell may put around it: spaces, line breaks, full stops.
_PRINTED_ID = st.tuples(
    st.text(alphabet=" \n", max_size=2),
    st.sampled_from(["", "A", "SP", "PA ", "ACT-"]),
    st.lists(st.integers(min_value=0, max_value=120), min_size=1, max_size=3).map(lambda p: ".".join(map(str, p))),
    st.text(alphabet=" .\n\t", max_size=3),
).map("".join)
_ID_TEXT = st.one_of(_PRINTED_ID, st.text(alphabet="0123456789.ASP- \n\t", max_size=16), st.text(max_size=16))


@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(_ID_TEXT)
@example("2..")  # a stray second full stop
@example("PA 1 .")  # a full stop after a space
def test_tidy_id_is_idempotent(text: str) -> None:
    once = tidy_id(text)
    assert tidy_id(once) == once
