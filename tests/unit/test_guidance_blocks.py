"""Guidance blocks made ready to read: run-together lines, inline bullets, typed markers, nested lists,
contents lists, and questions in table cells."""

from __future__ import annotations

import pytest

from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.extract.guidance import extract
from pipeline.extract.guidance_blocks import (
    drop_contents,
    marker_style,
    ordinal,
    split_hard_lines,
    split_inline_bullets,
    split_numbered,
)
from pipeline.extract.guidance_tables import cell_items, question_and_examples, theme_row
from pipeline.read.text.plain import layout_from_text
from pipeline.rules import Rules


def p(text: str, line: int | None = None) -> Block:
    return Block(kind="paragraph", text=text, line=line)


def li(text: str, level: int = 0, marker: str = "•") -> Block:
    return Block(kind="list_item", text=text, level=level, marker=marker)


def shape(blocks: list[Block]) -> list[tuple[str, str, int]]:
    return [(b.kind, b.text, b.level) for b in blocks]


# --------------------------------------------------------------------------- inline bullets


def test_bullets_inside_a_paragraph_are_items_after_a_lead_in(rules: Rules) -> None:
    block = p(
        "Consider: • Do you work in\nsports clubs? • Have men shaped\nyour materials? For example, posters.", line=7
    )
    out = split_inline_bullets([block], rules)
    assert [(b.kind, b.text, b.marker, b.line) for b in out] == [
        ("paragraph", "Consider:", None, 7),
        ("list_item", "Do you work in\nsports clubs?", "•", 7),
        ("list_item", "Have men shaped\nyour materials? For example, posters.", "•", 8),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Home • About us • Contact",  # a line of links
        "We work with councils – and with the NHS – to plan support.",  # dashes as punctuation
        "One question only – nothing more?",
    ],
)
def test_separators_that_set_apart_no_questions_leave_the_paragraph_alone(text: str, rules: Rules) -> None:
    assert split_inline_bullets([p(text)], rules) == [p(text)]


def test_dashes_that_set_apart_questions_are_bullets(rules: Rules) -> None:
    out = split_inline_bullets([p("Ask yourselves – Is there a plan? – Who leads it?")], rules)
    assert shape(out) == [
        ("paragraph", "Ask yourselves", 0),
        ("list_item", "Is there a plan?", 0),
        ("list_item", "Who leads it?", 0),
    ]


# --------------------------------------------------------------------------- typed markers


@pytest.mark.parametrize(
    ("marker", "previous", "style", "place"),
    [
        ("1.", None, ("1", "x."), 1),
        ("b)", None, ("a", "x)"), 2),
        ("(iii)", None, ("i", "(x)"), 3),
        ("(iv)", None, ("i", "(x)"), 4),
        ("i)", "h", ("a", "x)"), 9),  # after "h)" the letter i
        ("i)", None, ("i", "x)"), 1),
    ],
)
def test_marker_styles(marker: str, previous: str | None, style: tuple[str, str], place: int) -> None:
    assert marker_style(marker, previous) == style
    if previous is None:
        assert ordinal(marker) == place


def test_a_change_of_marker_nests_the_items_under_the_one_before(rules: Rules) -> None:
    blocks = [
        p("a) Is the purpose of the group clear?"),
        p("b) What information do members need?"),
        p("(i) where the group meets"),
        p("(ii) what happens in a session"),
        p("c) Who leads the group?"),
    ]
    assert shape(split_numbered(blocks, rules)) == [
        ("list_item", "Is the purpose of the group clear?", 0),
        ("list_item", "What information do members need?", 0),
        ("list_item", "where the group meets", 1),
        ("list_item", "what happens in a session", 1),
        ("list_item", "Who leads the group?", 0),
    ]


def test_questions_numbered_q1_q2(rules: Rules) -> None:
    out = split_numbered([p("Q1. Is there a plan?\nQ2. Who leads it?"), p("Q3: When was it agreed?")], rules)
    assert [(b.marker, b.text, b.level) for b in out] == [
        ("Q1.", "Is there a plan?", 0),
        ("Q2.", "Who leads it?", 0),
        ("Q3:", "When was it agreed?", 1),  # another style of marker: a list inside the one above
    ]


def test_a_numbered_heading_before_a_list_that_starts_again_is_no_item(rules: Rules) -> None:
    blocks = [p("1. Leadership and policy"), p("1. Has a leader been named?"), p("2. Is the policy reviewed?")]
    assert shape(split_numbered(blocks, rules)) == [
        ("paragraph", "1. Leadership and policy", 0),
        ("list_item", "Has a leader been named?", 0),
        ("list_item", "Is the policy reviewed?", 0),
    ]


def test_a_numbered_line_that_asks_heads_the_lettered_questions_under_it(rules: Rules) -> None:
    blocks = [p("3. Is your approach making a difference?\na. How do you measure it?\nb. Who sees the results?")]
    assert shape(split_numbered(blocks, rules)) == [
        ("paragraph", "3. Is your approach making a difference?", 0),
        ("list_item", "How do you measure it?", 0),
        ("list_item", "Who sees the results?", 0),
    ]
    examples = [p("c) What do members need to know?\n(i) where the group meets\n(ii) what happens")]
    assert [b.level for b in split_numbered(examples, rules)] == [0, 1, 1]


def test_a_numbered_line_that_asks_and_heads_a_bulleted_list_stays_a_heading(rules: Rules) -> None:
    blocks = [p("3. Are we learning from every incident?"), li("Is there a review process?"), li("Who is told?")]
    assert split_numbered(blocks, rules) == blocks


# --------------------------------------------------------------------------- text copies


def test_lines_a_text_copy_ran_together_are_set_apart_where_the_writer_broke_them() -> None:
    wrapped = "\n".join(
        [
            "Men's mental health: a reflection tool",
            "Three in four suicides in Southvale are by men. Many of these men had no contact",
            "with services. This tool asks partners to reflect on how well local services reach",
            "men, and what could make it easier for men to ask for help.",
            "Use the questions in a team meeting or a partnership workshop with colleagues and",
            "partners. You do not need to answer them in order.",
            "Priorities",
        ]
    )
    out = split_hard_lines([p(wrapped, line=1)])
    assert [(b.text.split("\n")[0][:20], b.line) for b in out] == [
        ("Men's mental health:", 1),
        ("Three in four suicid", 2),
        ("Use the questions in", 5),
        ("Priorities", 7),
    ]


def test_a_copy_with_one_line_per_paragraph_is_cut_at_every_typed_break() -> None:
    text = "\n".join(
        [
            "Have a look at the questions and think about how they could fit into your work and your team's.",
            "Reflecting on risk",
            "Practitioners helped us write these questions for self-reflection. You might use them before a visit:",
        ]
    )
    assert [b.text for b in split_hard_lines([p(text)])] == text.split("\n")


def test_indented_bullets_nest_in_a_text_file(rules: Rules) -> None:
    text = (
        "Safer places\n\n2. Making locations safer\n\n"
        "* Which staff work near these locations and could be trained to spot someone in\n"
        "  distress?\n"
        "      – security and car park staff\n"
        "      – lifeguards and park rangers\n"
        "* Are signs with helpline numbers in place?\n"
    )
    raw = extract(layout_from_text(text), rules)
    assert [(q.text, q.examples) for q in raw.questions] == [
        (
            "Which staff work near these locations and could be trained to spot someone in\n  distress?",
            ["security and car park staff", "lifeguards and park rangers"],
        ),
        ("Are signs with helpline numbers in place?", []),
    ]


def test_a_bulleted_list_right_under_a_numbered_question_is_its_examples(rules: Rules) -> None:
    blocks = [
        Block(kind="heading", text="Skills", level=2),
        li("Do staff know where to direct people?", marker="1."),
        li("Which sources of help do you promote?", marker="2."),
        li("the employee assistance programme"),
        li("national helplines"),
        li("Who keeps the list up to date?", marker="3."),
    ]
    raw = extract(Layout(format="txt", blocks=blocks), rules)
    assert [(q.text, q.examples) for q in raw.questions] == [
        ("Do staff know where to direct people?", []),
        ("Which sources of help do you promote?", ["the employee assistance programme", "national helplines"]),
        ("Who keeps the list up to date?", []),
    ]


# --------------------------------------------------------------------------- contents lists


def test_a_contents_list_repeating_later_headings_is_dropped(rules: Rules) -> None:
    blocks = [
        Block(kind="heading", text="Contents", level=2),
        li("1. Understanding who is lonely"),
        li("2. Connecting people"),
        li("3. Is your approach making a difference? Contact"),  # ran on into the link after it
        p("Loneliness affects people of all ages."),
        Block(kind="heading", text="1. Understanding who is lonely", level=2),
        li("What data do you hold?"),
        Block(kind="heading", text="2. Connecting people", level=2),
        Block(kind="heading", text="3. Is your approach making a difference?", level=2),
    ]
    kept = drop_contents(blocks, rules)
    assert [b.text for b in kept][:3] == [
        "Contents",
        "Loneliness affects people of all ages.",
        "1. Understanding who is lonely",
    ]


def test_a_single_line_naming_a_later_heading_is_kept(rules: Rules) -> None:
    blocks = [p("Introduction"), p("Setting up the group"), Block(kind="heading", text="Setting up the group", level=2)]
    assert drop_contents(blocks, rules) == blocks


# --------------------------------------------------------------------------- questions in tables


def test_cell_items_and_examples(rules: Rules) -> None:
    assert cell_items("Questions\n• Is there a plan?\n  wrapped\n• Who leads?") == [
        "Is there a plan?\n  wrapped",
        "Who leads?",
    ]
    assert cell_items("No bullets here") == []
    assert question_and_examples("Which data do you use?\n\uf0b7 hospital data\n\uf0b7 school reports", rules) == (
        "Which data do you use?",
        ["hospital data", "school reports"],
    )
    assert question_and_examples("• Is there a plan?\n• Who leads it?", rules) == (
        "Is there a plan?\n• Who leads it?",
        [],
    )


def test_a_theme_table_gives_a_priority_per_row(rules: Rules) -> None:
    row = Row(
        cells=[Cell(text="Governance and leadership"), Cell(text="• How does leadership show support?\n• Who leads?")]
    )
    assert theme_row(row, rules) == (
        "Governance and leadership",
        "",
        ["How does leadership show support?", "Who leads?"],
    )
    assert theme_row(Row(cells=[Cell(text="Year"), Cell(text="2024")]), rules) is None
    split = Row(cells=[Cell(text=""), Cell(text="the service trauma responsive?\n• What is the plan for training?")])
    assert theme_row(split, rules) == ("", "the service trauma responsive?", ["What is the plan for training?"])
    blocks = [
        Block(kind="title", text="Toolkit", level=1),
        Block(
            kind="table",
            rows=[
                Row(cells=[Cell(text="Safety"), Cell(text="Trust"), Cell(text="Choice")]),
                Row(cells=[Cell(text="10 Implementation Domains", span=3)]),
                Row(
                    cells=[
                        Cell(text="Governance"),
                        Cell(text="• How does leadership show\nsupport?\n• Who"),
                        Cell(text=""),
                    ]
                ),
                Row(cells=[Cell(text=""), Cell(text="leads it?\n• What is the plan?"), Cell(text="")]),
                Row(cells=[Cell(text="Policy"), Cell(text="• Is there a written policy?"), Cell(text="")]),
            ],
        ),
    ]
    raw = extract(Layout(format="pdf", blocks=blocks), rules)
    assert raw.priorities == [(1, "Governance"), (2, "Policy")]
    assert [(q.priority, q.text) for q in raw.questions] == [
        (1, "How does leadership show\nsupport?"),
        (1, "Who\nleads it?"),
        (1, "What is the plan?"),
        (2, "Is there a written policy?"),
    ]


def test_form_rows_keep_the_list_in_a_question_cell_as_its_examples(rules: Rules) -> None:
    form = Block(
        kind="table",
        rows=[
            Row(cells=[Cell(text="Question"), Cell(text="Current position"), Cell(text="RAG")]),
            Row(cells=[Cell(text="Theme 1 – Data", span=3)]),
            Row(
                cells=[
                    Cell(text="Which data do you use?\n• hospital data\n• school reports"),
                    Cell(text=""),
                    Cell(text="A"),
                ]
            ),
        ],
    )
    raw = extract(Layout(format="docx", blocks=[Block(kind="title", text="Form", level=1), form]), rules)
    assert [(q.text, q.examples, q.rag) for q in raw.questions] == [
        ("Which data do you use?", ["hospital data", "school reports"], "A")
    ]


def test_a_form_names_its_themes_in_a_column_or_in_rows_across_it(rules: Rules) -> None:
    def row(*cells: Cell | str) -> Row:
        return Row(cells=[c if isinstance(c, Cell) else Cell(text=c) for c in cells])

    by_column = Block(
        kind="table",
        rows=[
            row("No.", "Area", "Question", "Evidence", "RAG rating"),
            row("1.1", "Leadership", "Is there a named lead?", "", "G"),
            row("1.2", Cell(text="", merged=True), "Is the plan signed off?", "", ""),
            row("2.1", "Data", "Do you receive timely data?", "Monthly", "Amber"),
        ],
    )
    raw = extract(Layout(format="docx", blocks=[Block(kind="title", text="Form", level=1), by_column]), rules)
    assert raw.priorities == [(1, "Leadership"), (2, "Data")]
    assert [(q.priority, q.text, q.rag) for q in raw.questions] == [
        (1, "Is there a named lead?", "G"),
        (1, "Is the plan signed off?", ""),
        (2, "Do you receive timely data?", "Amber"),
    ]
    across = Block(
        kind="table",
        rows=[
            row("Question", "Current position", "RAG"),
            row(Cell(text="Data and intelligence", span=3)),
            row("Is the audit up to date?", "", ""),
            row(Cell(text="Partnership", span=3)),
            row("Is there an action plan?", "", ""),
        ],
    )
    raw = extract(Layout(format="docx", blocks=[Block(kind="title", text="Form", level=1), across]), rules)
    assert raw.priorities == [(1, "Data and intelligence"), (2, "Partnership")]
    assert [q.text for q in raw.questions] == ["Is the audit up to date?", "Is there an action plan?"]
