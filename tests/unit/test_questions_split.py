"""Splitting a guidance bullet into its questions: parts, open/closed, follow-ups, notes."""

from __future__ import annotations

import pytest

from pipeline.extract.records import RawGuidance, RawQuestion
from pipeline.language.questions import asks, sentences, split_question
from pipeline.rules import Rules

# bullet -> [(part, kind, follow_up)], notes
CASES: list[tuple[str, list[tuple[str, str, bool]], list[str]]] = [
    ("Who leads this work?", [("Who leads this work?", "open", False)], []),
    ("Is there a plan?", [("Is there a plan?", "closed", False)], []),
    (
        "Is there a plan? How can this be improved?",
        [("Is there a plan?", "closed", False), ("How can this be improved?", "open", True)],
        [],
    ),
    # asks with a full stop: an auxiliary after a leading clause
    (
        "If you run a service, are staff trained to respond as needs emerge. Is this reviewed?",
        [
            ("If you run a service, are staff trained to respond as needs emerge.", "closed", False),
            ("Is this reviewed?", "closed", True),
        ],
        [],
    ),
    ("To what extent do staff feel supported.", [("To what extent do staff feel supported.", "open", False)], []),
    ("How well is the plan working.", [("How well is the plan working.", "open", False)], []),
    # a parenthetical after the question mark belongs to the question
    (
        "Do services respond with compassion? (including out of hours) Are they reviewed?",
        [
            ("Do services respond with compassion? (including out of hours)", "closed", False),
            ("Are they reviewed?", "closed", True),
        ],
        [],
    ),
    # notes: "For example", "For instance", and statements that do not ask
    (
        "Have you mapped local groups? For example, youth clubs and faith groups.",
        [("Have you mapped local groups?", "closed", False)],
        ["For example, youth clubs and faith groups."],
    ),
    (
        "What support is offered? This could include peer support. Staff said it helped.",
        [("What support is offered?", "open", False)],
        ["This could include peer support.", "Staff said it helped."],
    ),
    # a leading clause with a question word later: open
    (
        "Based on your data, what would you change first?",
        [("Based on your data, what would you change first?", "open", False)],
        [],
    ),
    # a subordinate "where"/"when" clause does not make a question open
    (
        "Where appropriate, are families told about support?",
        [("Where appropriate, are families told about support?", "closed", False)],
        [],
    ),
    ("When was the plan last reviewed?", [("When was the plan last reviewed?", "open", False)], []),
    # a reference inside the same sentence is not a follow-up
    (
        "Has training been offered, and can this be extended?",
        [("Has training been offered, and can this be extended?", "closed", False)],
        [],
    ),
    ("Are there ways to improve this?", [("Are there ways to improve this?", "closed", True)], []),
    ("Is it possible to share data?", [("Is it possible to share data?", "closed", False)], []),
    ("What changed as a result?", [("What changed as a result?", "open", True)], []),
    # statements that look a little like questions stay notes
    (
        "Is there a named lead? When this is agreed, tell the board. Can be found on the intranet.",
        [("Is there a named lead?", "closed", False)],
        ["When this is agreed, tell the board.", "Can be found on the intranet."],
    ),
    # an instruction with no question at all is kept as one open part
    (
        "Describe how staff are supported. For example, supervision.",
        [("Describe how staff are supported.", "open", False)],
        ["For example, supervision."],
    ),
    # abbreviations do not split a sentence
    (
        "Are agreements in place e.g. for data sharing?",
        [("Are agreements in place e.g. for data sharing?", "closed", False)],
        [],
    ),
]


@pytest.mark.parametrize(("bullet", "parts", "notes"), CASES, ids=[c[0][:40] for c in CASES])
def test_split_question(bullet: str, parts: list[tuple[str, str, bool]], notes: list[str], rules: Rules) -> None:
    got, got_notes = split_question(bullet, rules)
    assert [(p.text, p.kind, p.follow_up) for p in got] == parts
    assert got_notes == notes


def test_layout_is_undone_before_splitting(rules: Rules) -> None:
    parts, _ = split_question("Is the  process for self-\nharm referrals\nclear?  How can this be\nimproved?", rules)
    assert [p.text for p in parts] == ["Is the process for self-harm referrals clear?", "How can this be improved?"]


def test_sentences_glue_parentheticals_and_lowercase_continuations(rules: Rules) -> None:
    assert sentences("Is it safe? (at night) Is it used?", rules) == ["Is it safe? (at night)", "Is it used?"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Who leads this?", True),
        ("To what degree are people involved.", True),
        ("Are supports based on evidence.", True),
        ("directors of public health and their teams", False),
        ("Health and social care partnerships", False),
        ("For example, what works?", False),
        ("Can be found on the intranet.", False),
    ],
)
def test_asks(text: str, expected: bool, rules: Rules) -> None:
    assert asks(text, rules) is expected


def test_normalise_numbers_questions_per_priority_and_keeps_answers(rules: Rules) -> None:
    from pipeline.normalise.guidance import normalise_guidance

    raw = RawGuidance(
        title="T",
        priorities=[(1, " First\npriority "), (2, "Second")],
        questions=[
            RawQuestion(priority=1, text="Is there a\nplan?", response=" Yes,\nsince 2023 ", rag="Green"),
            RawQuestion(priority=1, text="   "),
            RawQuestion(priority=2, text="Who leads?", improve="", rag=None),
            RawQuestion(priority=1, text="How is it funded?"),
        ],
    )
    priorities, questions = normalise_guidance(raw, rules)
    assert [(p.number, p.title) for p in priorities] == [(1, "First priority"), (2, "Second")]
    assert [(q.id, q.text) for q in questions] == [
        ("1.1", "Is there a plan?"),
        ("2.1", "Who leads?"),
        ("1.2", "How is it funded?"),
    ]
    assert (questions[0].response, questions[0].rag) == ("Yes, since 2023", "Green")
    assert (questions[1].response, questions[1].improve, questions[1].rag) == (None, None, None)
