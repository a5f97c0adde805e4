"""Which lines of a guidance page are its priorities' headings, and how they are numbered and titled."""

from __future__ import annotations

import pytest

from pipeline.core.layout import Block, Layout
from pipeline.extract.guidance import extract, find_title
from pipeline.extract.guidance_blocks import heading_number, heads_list, looks_like_heading
from pipeline.read.text.plain import layout_from_text
from pipeline.rules import Rules


def p(text: str) -> Block:
    return Block(kind="paragraph", text=text)


def li(text: str, marker: str = "•", level: int = 0) -> Block:
    return Block(kind="list_item", text=text, marker=marker, level=level)


def read_text(text: str, rules: Rules) -> tuple[str | None, list[tuple[int, str]], list[tuple[int, str]]]:
    raw = extract(layout_from_text(text), rules)
    return raw.title, raw.priorities, [(q.priority, q.text) for q in raw.questions]


@pytest.mark.parametrize(
    ("text", "number", "title"),
    [
        ("1. The person at risk", 1, "The person at risk"),
        (
            "2.\u00a0\u00a0\u00a0\u00a0 Are you building on the person's strengths?",
            2,
            "Are you building on the person's strengths?",
        ),
        ("12) Working with partners", 12, "Working with partners"),
        ("Step 3: Review what you learned", 3, "Review what you learned"),
        ("Part 2 – Data and evidence", 2, "Data and evidence"),
        ("SECTION B: DATA AND INTELLIGENCE", 2, "DATA AND INTELLIGENCE"),
        ("A. Leadership", None, "A. Leadership"),  # a letter alone is no label
        ("Key Principle 1: Safety", None, "Key Principle 1: Safety"),  # two words before the number
        ("10 Implementation Domains", None, "10 Implementation Domains"),  # a caption, not a number
        ("Priority 1: Data", 1, "Data"),
        ("1.1 Sub-section", None, "1.1 Sub-section"),
    ],
)
def test_heading_number(text: str, number: int | None, title: str) -> None:
    assert heading_number(text) == (number, title)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Contact", True),
        ("Working with health services and the council so that referrals are quick, clear and followed up", True),
        ("Answer these with your team.", False),
        ("Are you being professionally curious?", False),  # only a heading when questions follow it
        ("Email: team@example.org", False),
        ("Are children offered support? (not only through their parents)", False),
        ("Contact us. Opening hours 9 to 5", False),
        ("1. Understanding who is lonely in your area", True),
        ("Step 2: Support that fits", True),
        ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
         "seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five "
         "twenty-six twenty-seven twenty-eight twenty-nine thirty thirty-one", False),
    ],
)  # fmt: skip
def test_looks_like_heading(text: str, expected: bool) -> None:
    assert looks_like_heading(text) is expected


def test_a_line_that_asks_heads_the_questions_after_it(rules: Rules) -> None:
    questions = [li("Are you checking what you are told?"), li("Have you spoken to the person alone?")]
    assert heads_list(p("Are you being professionally curious?"), questions, rules)
    assert heads_list(p("3. Are we learning from every incident?"), questions, rules)
    assert not heads_list(p("Answer these with your team."), questions, rules)
    assert not heads_list(p("Are you being professionally curious?"), [p("A paragraph."), *questions], rules)
    assert not heads_list(p("Which groups do you reach?"), [li("carers"), li("young people")], rules)


def test_a_numbered_heading_with_a_lead_in_heads_a_list_that_starts_again(rules: Rules) -> None:
    lead = p("The questions below can help you think about where your group is now.")
    restarted = [li("Have we agreed who is involved?", "1."), li("Have we met?", "2.")]
    assert heads_list(p("1. We are not sure where to start."), [lead, *restarted], rules)
    going_on = [li("Have we agreed who is involved?", "2."), li("Have we met?", "3.")]
    assert not heads_list(p("1. We are not sure where to start."), [lead, *going_on], rules)


def test_headings_of_any_length_in_a_text_copy(rules: Rules) -> None:
    text = (
        "Reflection tool for partners\n\n"
        "Helping every member of staff to recognise self-harm and respond calmly\n\n"
        "  • Have all staff had basic training?\n  • Do staff know what to say?\n\n"
        "Making sure that young people, parents and carers know where to find help in and out of school hours\n\n"
        "  • Is information about help available in places young people use?\n"
    )
    _, priorities, questions = read_text(text, rules)
    assert priorities == [
        (1, "Helping every member of staff to recognise self-harm and respond calmly"),
        (2, "Making sure that young people, parents and carers know where to find help in and out of school hours"),
    ]
    assert [q[0] for q in questions] == [1, 1, 2]


def test_numbered_headings_give_their_number_and_a_title_without_it(rules: Rules) -> None:
    text = (
        "Reflective Practice Checklist\n\n"
        "1.        The person at risk\n\n  • Do you know what the person wants?\n\n"
        "2.        Are you building on the person's strengths?\n\n  • Are you working with their strengths?\n\n"
        "3.        Are you being professionally curious?\n\n  • Are you checking what you are told?\n"
    )
    _, priorities, questions = read_text(text, rules)
    assert priorities == [
        (1, "The person at risk"),
        (2, "Are you building on the person's strengths?"),
        (3, "Are you being professionally curious?"),
    ]
    assert questions == [
        (1, "Do you know what the person wants?"),
        (2, "Are you working with their strengths?"),
        (3, "Are you checking what you are told?"),
    ]


def test_unnumbered_headings_are_numbered_by_position_and_mixed_ones_keep_their_text(rules: Rules) -> None:
    blocks = [
        Block(kind="title", text="Tool", level=1),
        Block(kind="heading", text="Reflecting on risk", level=2),
        li("Did anything worry you?"),
        Block(kind="heading", text="4. Reflecting on my assessment", level=2),
        li("Did I use every tool?"),
    ]
    raw = extract(Layout(format="html", blocks=blocks), rules)
    assert raw.priorities == [(1, "Reflecting on risk"), (2, "4. Reflecting on my assessment")]


def test_a_heading_that_shares_its_line_with_the_printed_page_header(rules: Rules) -> None:
    header = "12/03/2024, 14:05            Men's health: a reflection tool | Southvale"
    footer = "https://www.example.org/tool                                   {} of 2"
    text = "\n".join(
        [
            header,
            "Men's health: a reflection tool for partners",
            "Priority 1: Reaching men where they are",
            "Consider: • Do you work in sports clubs? • Have men shaped your materials?",
            footer.format(1),
            header + "   Priority 2: Making help easier to ask for",
            "Think about: • Can men get help without a referral? • Are peer groups available?",
            footer.format(2),
        ]
    )
    title, priorities, questions = read_text(text, rules)
    assert title == "Men's health: a reflection tool for partners"
    assert priorities == [(1, "Reaching men where they are"), (2, "Making help easier to ask for")]
    assert questions == [
        (1, "Do you work in sports clubs?"),
        (1, "Have men shaped your materials?"),
        (2, "Can men get help without a referral?"),
        (2, "Are peer groups available?"),
    ]


def test_the_title_of_a_text_copy_is_the_line_before_its_first_prose(rules: Rules) -> None:
    blocks = [
        p("Southvale Partnership"),
        p("Home About us Our work News Contact"),
        p("Men's mental health and suicide: a reflection tool"),
        p("Three in four suicides in Southvale are by men. Many of these men had no contact with services."),
        p("Priorities for the year ahead"),
    ]
    assert find_title(blocks, rules) == 2
    cookies = p("We would like to set some other small files to understand how you use this website, thank you.")
    assert find_title([cookies, *blocks], rules) == 3  # a notice above the site's name introduces nothing
    assert find_title([p("A short label"), p("Another label here")], rules) == 0  # no prose: the first


def test_questions_as_plain_paragraphs_under_a_plain_heading(rules: Rules) -> None:
    blocks = [
        Block(kind="title", text="Tool", level=1),
        Block(kind="heading", text="Introduction", level=2),
        p("Why does this matter? Most people who die by suicide were in work."),
        Block(kind="heading", text="Looking after facilitators", level=2),
        p("How often do facilitators meet for supervision?"),
        p("Are facilitators able to take a break?"),
        p("Who checks in with a facilitator after a difficult session."),
    ]
    raw = extract(Layout(format="html", blocks=blocks), rules)
    assert raw.priorities == [(1, "Looking after facilitators")]
    assert len(raw.questions) == 3
