"""Comparing two revisions field by field: status direction, wording, links, age group, outcome."""

from __future__ import annotations

import random

import pytest

from pipeline.core.model import Action, Document, Outcome, Section, Source
from pipeline.diff.changes import summary_lines
from pipeline.diff.compare import compare, status_direction

TEXTS = {
    "1.1.1": "Provide improved information to parents and carers about self-harm",
    "1.1.2": "Deliver self-harm training and awareness raising sessions for parents",
    "1.2.1": "Roll out the new mental health e-learning package to all schools",
    "2.1.1": "Pilot face-to-face support for vulnerable women through a partnership",
}

OUTCOME_TEXTS = {
    "1.1": "Parents and carers are better informed and equipped",
    "1.2": "People working in schools respond well to distress",
    "1.3": "Young people can reach emotional support early",
    "2.1": "Trauma informed support meets needs not met today",
    "2.2": "Professionals share one understanding of the pathway",
}


def action(ident: str, **fields: object) -> Action:
    values: dict[str, object] = {
        "id": ident,
        "outcome": ident.rsplit(".", 1)[0],
        "section": ident.split(".")[0],
        "text": TEXTS.get(ident, f"Action number {ident} about something specific"),
        "status": "Underway",
        "status_raw": None,
        "links_raw": None,
        "age_group": "CYP",
    }
    values.update(fields)
    if values["status_raw"] is None:
        values["status_raw"] = values["status"]
    return Action(**values)  # type: ignore[arg-type]


def plan(
    *actions: Action,
    outcomes: list[Outcome] | None = None,
    sections: list[Section] | None = None,
    title: str = "Self-Harm Action Plan",
) -> Document:
    if outcomes is None:
        ids = sorted({a.outcome for a in actions if a.outcome})
        outcomes = [Outcome(i, i.split(".")[0], OUTCOME_TEXTS[i]) for i in ids]
    if sections is None:
        numbers = sorted({o.section for o in outcomes})
        sections = [Section(n, f"Section {n} title") for n in numbers]
    return Document(Source("plan.txt", "0" * 64, "txt"), "action_plan", title, sections, outcomes, list(actions))


BASE = [
    action("1.1.1"),
    action("1.1.2", status="Initial meeting"),
    action("1.2.1", age_group="Both"),
    action("2.1.1", links_raw="Links to 1.1.1"),
]


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        ("Idea", "Initial meeting", "forward"),
        ("Initial meeting", "Complete", "forward"),
        ("Complete", "Underway", "back"),
        ("Underway", "At risk", "changed"),  # equal progress, another label
        ("Underway", "Awaiting", "stalled"),  # to a blocked status
        ("Idea", "Awaiting", "stalled"),  # stalled even where progress would be higher
        ("Awaiting", "Underway", "forward"),
        ("Awaiting", "Initial meeting", "changed"),  # same progress, no longer blocked
        (None, "Idea", "changed"),
        ("Underway", None, "changed"),
    ],
)
def test_status_direction(old: str | None, new: str | None, direction: str, rules) -> None:
    assert status_direction(old, new, rules) == direction


def test_a_plan_against_itself_has_no_changes(rules) -> None:
    changes = compare(plan(*BASE), plan(*BASE), rules)
    assert changes.is_empty() and changes.unchanged == 4
    assert summary_lines(changes) == ["No changes: the same actions, statuses and wording in both revisions."]


def test_the_same_actions_in_another_order_are_no_change(rules) -> None:
    shuffled = list(BASE)
    random.Random(3).shuffle(shuffled)
    assert compare(plan(*BASE), plan(*reversed(BASE)), rules).is_empty()
    assert compare(plan(*BASE), plan(*shuffled), rules).is_empty()


def test_layout_only_differences_are_no_change(rules) -> None:
    curly = [action("1.1.1", text=TEXTS["1.1.1"].replace("parents", "parents\u2019").replace(" ", "  ")), *BASE[1:]]
    plain = [action("1.1.1", text=TEXTS["1.1.1"].replace("parents", "parents'")), *BASE[1:]]
    assert compare(plan(*plain), plan(*curly), rules).is_empty()


def test_status_moved_forward_and_back(rules) -> None:
    new = [action("1.1.1", status="Complete"), action("1.1.2", status="Idea"), *BASE[2:]]
    changes = compare(plan(*BASE), plan(*new), rules)
    assert [(c.new_id, c.tags(), c.status.old, c.status.new) for c in changes.actions] == [  # type: ignore[union-attr]
        ("1.1.1", ["forward"], "Underway", "Complete"),
        ("1.1.2", ["back"], "Initial meeting", "Idea"),
    ]
    assert summary_lines(changes)[0] == "1 action moved forward, 1 went back; 2 unchanged."


def test_status_note_reworded_under_the_same_status(rules) -> None:
    old = [action("1.1.1", status="Awaiting", status_raw="Awaiting result of 1.1.2"), *BASE[1:]]
    new = [action("1.1.1", status="Awaiting", status_raw="Awaiting sign-off by the board"), *BASE[1:]]
    (change,) = compare(plan(*old), plan(*new), rules).actions
    assert change.tags() == ["status wording"] and change.status.direction == "reworded"  # type: ignore[union-attr]


def test_links_age_group_and_wording(rules) -> None:
    new = [
        action("1.1.1", text=TEXTS["1.1.1"] + " and young people"),
        BASE[1],
        action("1.2.1", age_group="Adults"),
        action("2.1.1", links_raw="Links to 1.1.1 and 1.2.1"),
    ]
    changes = compare(plan(*BASE), plan(*new), rules)
    assert [(c.new_id, c.tags()) for c in changes.actions] == [
        ("1.1.1", ["reworded"]),
        ("1.2.1", ["age group"]),
        ("2.1.1", ["links"]),
    ]
    reworded, age, links = changes.actions
    assert reworded.text.words[-1] == ("+", "and young people")  # type: ignore[union-attr]
    assert (age.age_group.old, age.age_group.new) == ("Both", "Adults")  # type: ignore[union-attr]
    assert links.links.words == (("=", "Links to 1.1.1"), ("+", "and 1.2.1"))  # type: ignore[union-attr]


def test_added_removed_and_replaced(rules) -> None:
    new = [BASE[0], BASE[1], action("1.2.2"), action("2.1.1", text="Commission a brand new advice line for students")]
    changes = compare(plan(*BASE), plan(*new), rules)
    assert [(c.change, c.old_id, c.new_id) for c in changes.actions] == [
        ("removed", "1.2.1", None),
        ("added", None, "1.2.2"),
        ("replaced", "2.1.1", "2.1.1"),
    ]
    assert changes.counts() == {"added": 1, "removed": 1, "replaced": 1}


def test_moved_to_another_outcome(rules) -> None:
    new = [*BASE[:3], action("2.2.1", text=TEXTS["2.1.1"], links_raw="Links to 1.1.1")]
    changes = compare(plan(*BASE), plan(*new), rules)
    (change,) = changes.actions
    assert (change.old_id, change.new_id, change.tags()) == ("2.1.1", "2.2.1", ["moved", "outcome"])
    assert (change.outcome.old, change.outcome.new) == ("2.1", "2.2")  # type: ignore[union-attr]
    assert [(o.change, o.old_id, o.new_id) for o in changes.outcomes] == [
        ("removed", "2.1", None),
        ("added", None, "2.2"),
    ]
    assert summary_lines(changes)[0] == "1 action renumbered (1 to another outcome); 3 unchanged."


def test_outcome_renumbered_with_its_actions_is_not_an_outcome_change_for_them(rules) -> None:
    outcomes = [
        Outcome("1.1", "1", "Parents are better informed"),
        Outcome("1.2", "1", "Schools respond well"),
        Outcome("2.1", "2", "Trauma informed support"),
    ]
    renumbered = [
        Outcome("1.1", "1", "Parents are better informed"),
        Outcome("1.3", "1", "Schools respond well"),
        Outcome("2.1", "2", "Trauma informed support"),
    ]
    new = [BASE[0], BASE[1], action("1.3.1", text=TEXTS["1.2.1"], age_group="Both"), BASE[3]]
    changes = compare(plan(*BASE, outcomes=outcomes), plan(*new, outcomes=renumbered), rules)
    assert [(c.old_id, c.new_id, c.tags()) for c in changes.actions] == [("1.2.1", "1.3.1", ["moved"])]
    assert [(o.old_id, o.new_id, o.tags()) for o in changes.outcomes] == [("1.2", "1.3", ["moved"])]


def test_sections_and_title(rules) -> None:
    old = plan(*BASE)
    new = plan(
        *BASE,
        sections=[Section("1", "Section 1 title"), Section("2", "Prevention and early help")],
        title="Self-Harm Action Plan 2020 update",
    )
    changes = compare(old, new, rules)
    assert [(s.change, s.new_id, s.tags()) for s in changes.sections] == [("replaced", "2", ["replaced"])]
    assert changes.title is not None and changes.title.new == "Self-Harm Action Plan 2020 update"
    renamed = plan(*BASE, sections=[Section("1", "Section 1 title"), Section("2", "Section 2 title, revised")])
    (section,) = compare(old, renamed, rules).sections
    assert section.tags() == ["renamed"]
    assert section.text.words == (("=", "Section 2"), ("-", "title"), ("+", "title, revised"))  # type: ignore[union-attr]


def test_changes_are_listed_in_plan_order(rules) -> None:
    new = [
        action("2.1.1", status="Complete", links_raw="Links to 1.1.1"),
        action("1.1.1", status="Complete"),
        action("1.1.2", status="Complete"),
        BASE[2],
    ]
    changes = compare(plan(*BASE), plan(*new), rules)
    assert [c.new_id for c in changes.actions] == ["1.1.1", "1.1.2", "2.1.1"]
