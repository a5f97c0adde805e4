"""Citations are read in the plan's own numbering; numbers inside outside documents are never links.

`cite` takes out outside programmes and documents first ("NHS Long Term Plan 3.2", "NICE NG225
recommendation 1.4", "National Suicide Prevention Strategy Action 4.1"), then NICE quality
statements, and only then reads what is left in the plan's own scheme: dotted numbers, ids shaped
like the plan's (A3, SP1.2, ACT-07), and plain numbers after a cue in a plan numbered 1, 2, 3.
The normaliser then links an action to the plan's own ids from its links cell, from a closed
status ("merged with 2.3") and from its own words.
"""

from __future__ import annotations

import pytest

from pipeline.extract.records import RawAction, RawPlan
from pipeline.language.refs import cite, shape
from pipeline.normalise.plan import normalise_plan
from pipeline.rules import Rules

FLAT = frozenset(str(n) for n in range(1, 13))  # a plan numbered 1, 2, 3 ... 12
PREFIXED = frozenset({"A1", "A2", "A3", "SP1.1", "SP1.2", "ACT-01", "ACT-07"})


# ----------------------------------------------------------------------------- outside documents


@pytest.mark.parametrize(
    "text",
    [
        "NHS Long Term Plan 3.2",
        "NICE NG225 recommendation 1.4",
        "National Suicide Prevention Strategy Action 4.1",
        "CG133 1.3.2",
        "NHS LTP 3.2",  # an outside body's initials before a dotted number
        "Future in Mind Actions 1.08, 1.11 and 1.15",
    ],
)
def test_a_number_inside_an_outside_reference_is_never_this_plans(text: str, rules: Rules) -> None:
    own = frozenset({"3.2", "1.4", "4.1", "1.3.2", "1.08", "1.11", "1.15"})
    found = cite(text, rules, own)
    assert found.ids == [] and found.actions == [] and found.outcomes == []
    assert found.external == [text]


def test_the_plans_own_number_beside_an_outside_one_is_still_cited(rules: Rules) -> None:
    found = cite("Links with 3.2 and NHS Long Term Plan 3.2", rules, frozenset({"3.2"}))
    assert found.ids == ["3.2"] and found.external == ["NHS Long Term Plan 3.2"]
    found = cite("see NICE NG225 recommendation 1.4 and action 1.4", rules, frozenset({"1.4"}))
    assert found.ids == ["1.4"] and found.external == ["NICE NG225 recommendation 1.4"]


def test_quality_statements_are_not_ids(rules: Rules) -> None:
    found = cite("QS34 statement 2, and (NICE QS34 3-5) with 2.3.1", rules, frozenset({"2.3.1", "2"}))
    assert found.quality_statements == [2, 3, 4, 5] and found.quality_standards == ["QS34"]
    assert found.ids == ["2.3.1"] and found.actions == ["2.3.1"]


def test_an_outside_bodys_initials_are_not_taken_for_the_plans_own_prefix(rules: Rules) -> None:
    own = frozenset({"PA 3.1", "PA 3.2"})
    assert cite("PA 3.1", rules, own).ids == ["PA 3.1"] and cite("PA 3.1", rules, own).external == []
    assert cite("CQC 2.1", rules, own).external == ["CQC 2.1"]


# ----------------------------------------------------------------------------- the plan's own scheme


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("see A3", ["A3"]),
        ("Links to SP1.2", ["SP1.2"]),
        ("Delivered through ACT-07 and A1", ["ACT-07", "A1"]),
        ("A4 once agreed", ["A4"]),  # shaped like the plan's: cited (and then dangling)
        ("B2", []),  # another scheme: not this plan's
        ("SP1", []),  # the plan's prefix but not its shape (one number, not two)
    ],
)
def test_ids_shaped_like_the_plans_own(text: str, ids: list[str], rules: Rules) -> None:
    assert cite(text, rules, PREFIXED).ids == ids


def test_prefixed_ids_are_cited_only_when_the_plan_is_known(rules: Rules) -> None:
    assert cite("see A3", rules).ids == []


def test_shape_is_prefix_and_count_of_numbers() -> None:
    assert [shape(i) for i in ("SP1.2", "A3", "ACT-07", "2.3.1", "PA 3")] == [
        ("SP", 2),
        ("A", 1),
        ("ACT", 1),
        ("", 3),
        ("PA", 1),
    ]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("actions 3 and 5", ["3", "5"]),
        ("Links with 3", ["3"]),
        ("Supports actions 4 & 7", ["4", "7"]),
        ("see 4", ["4"]),
        ("Action 9", ["9"]),
        ("in 2024, by Q3", []),  # a year and a quarter are no ids
    ],
)
def test_plain_numbers_after_a_cue_in_a_flat_numbered_plan(text: str, ids: list[str], rules: Rules) -> None:
    assert cite(text, rules, FLAT).ids == ids


def test_plain_numbers_are_not_cited_in_a_plan_numbered_otherwise(rules: Rules) -> None:
    assert cite("actions 3 and 5", rules, frozenset({"1.1", "1.2"})).ids == []
    assert cite("actions 3 and 5", rules, PREFIXED).ids == []


@pytest.mark.parametrize(
    "text",
    [
        "Work with 12 schools to agree a policy",
        "Roll out to 5 practices in the north",
        "Run sessions on 3 sites",
    ],
)
def test_a_count_in_running_words_is_not_a_citation(text: str, rules: Rules) -> None:
    # "with", "to" and "on" before a number count things; only a link cue or "action" cites one
    assert cite(text, rules, FLAT).ids == []


# ----------------------------------------------------------------------------- links cells


def test_a_links_cell_naming_only_other_documents_cites_them_whole(rules: Rules) -> None:
    found = cite("Masterplan; C+YP plan, Priority 2", rules, FLAT, whole_cell=True)
    assert found.external == ["Masterplan", "C+YP plan, Priority 2"] and found.ids == []
    assert cite("Masterplan; C+YP plan, Priority 2", rules, FLAT).external == []  # running words: no


def test_a_links_cell_of_plain_numbers_in_a_flat_plan_cites_the_actions(rules: Rules) -> None:
    # a links column of a plan numbered 1, 2, 3 that holds only numbers names this plan's actions
    found = cite("3, 5", rules, FLAT, whole_cell=True)
    assert found.ids == ["3", "5"] and found.external == []


# ----------------------------------------------------------------------------- in the records


def _actions(*raw: RawAction, rules: Rules):  # type: ignore[no-untyped-def]
    _, _, actions = normalise_plan(RawPlan(title="Plan", actions=list(raw)), rules)
    return {a.id: a for a in actions}


def _raw(ident: str, text: str = "Deliver the service well", **cells: str | None) -> RawAction:
    return RawAction(id=ident, outcome=None, section=None, text=text, **cells)  # type: ignore[arg-type]


def test_links_in_a_flat_plan_come_from_the_links_cell_and_a_closed_status(rules: Rules) -> None:
    actions = _actions(
        _raw("1", links="Links to actions 3 and 5; NHS Long Term Plan 3.2"),
        _raw("3"),
        _raw("5", status="Closed - merged with action 3"),
        rules=rules,
    )
    assert actions["1"].linked_actions == ["3", "5"] and actions["1"].external_refs == ["NHS Long Term Plan 3.2"]
    assert actions["1"].unresolved_refs == []
    assert actions["5"].linked_actions == ["3"] and actions["5"].status_family == "closed"


def test_a_closed_status_never_links_an_action_to_itself(rules: Rules) -> None:
    actions = _actions(
        _raw("2.3", status="Closed - merged with 2.3"), _raw("2.4", status="Merged with 2.3"), rules=rules
    )
    assert actions["2.3"].linked_actions == [] and actions["2.4"].linked_actions == ["2.3"]


def test_an_actions_own_words_link_only_to_the_plans_actions(rules: Rules) -> None:
    actions = _actions(
        _raw("A1", text="Extend the scheme (see A3) to reach 66.7% of schools"),
        _raw("A3", text="Map the services, see A9"),
        rules=rules,
    )
    assert actions["A1"].linked_actions == ["A3"] and actions["A1"].unresolved_refs == []
    assert actions["A3"].linked_actions == [] and actions["A3"].unresolved_refs == []  # words: no dangling


def test_an_unknown_id_in_the_plans_scheme_is_unresolved_and_an_outside_one_is_not(rules: Rules) -> None:
    actions = _actions(_raw("A1", links="A4; National Suicide Prevention Strategy Action 4.1"), _raw("A2"), rules=rules)
    assert actions["A1"].unresolved_refs == ["A4"]
    assert actions["A1"].external_refs == ["National Suicide Prevention Strategy Action 4.1"]


def test_a_count_in_an_actions_words_is_not_a_link_in_a_flat_plan(rules: Rules) -> None:
    actions = _actions(_raw("1", text="Deliver training to 5 practices in 2024"), _raw("2"), _raw("5"), rules=rules)
    assert actions["1"].linked_actions == []


def test_a_links_cell_of_numbers_links_a_flat_plans_actions(rules: Rules) -> None:
    actions = _actions(_raw("1", links="3, 5"), _raw("3"), _raw("5"), rules=rules)
    assert actions["1"].linked_actions == ["3", "5"] and actions["1"].external_refs == []
