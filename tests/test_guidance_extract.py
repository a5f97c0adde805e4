"""The guidance extractor on small layouts: which blocks are priorities, questions and furniture."""

from __future__ import annotations

from pathlib import Path

from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.extract.guidance import drop_boilerplate, extract, find_title, priority_of
from pipeline.process import document_from_layout
from pipeline.read import html as html_reader
from pipeline.read.text.plain import layout_from_text
from pipeline.rules import Rules


def h(text: str, level: int = 2) -> Block:
    return Block(kind="heading", text=text, level=level)


def p(text: str) -> Block:
    return Block(kind="paragraph", text=text)


def li(text: str, level: int = 0) -> Block:
    return Block(kind="list_item", text=text, level=level, marker="•")


def table(*rows: list[str | Cell]) -> Block:
    return Block(
        kind="table", rows=[Row(cells=[c if isinstance(c, Cell) else Cell(text=c) for c in row]) for row in rows]
    )


def run(blocks: list[Block], rules: Rules) -> tuple[str | None, list[tuple[int, str]], list[tuple[int, str]]]:
    raw = extract(Layout(format="html", blocks=blocks), rules)
    return raw.title, raw.priorities, [(q.priority, q.text) for q in raw.questions]


def test_priority_patterns(rules: Rules) -> None:
    assert priority_of("Priority 2 : Build support.", rules) == (2, "Build support.")
    assert priority_of("Priority area 3 – Data", rules) == (3, "Data")
    assert priority_of("Theme 1 - Leadership", rules) == (1, "Leadership")
    assert priority_of("PRIORITY 4", rules) == (4, "")
    assert priority_of("Priority 1\nContinue to expand", rules) == (1, "Continue to expand")
    assert priority_of("Our priorities for 2025", rules) is None
    assert priority_of("Overview\nPriority 1\nPriority 2", rules) is None


def test_numbered_priorities_own_the_lists_after_them(rules: Rules) -> None:
    blocks = [
        Block(kind="title", text="Reflection tool", level=1),
        h("Who this is for"),
        li("Leaders"),
        h("Priority 1: Knowledge", 3),
        li("Is training available?"),
        h("Examples", 4),  # a lower heading stays inside the priority
        li("Is it used?"),
        h("Priority 2: Support", 3),
        li("Who leads?"),
        h("Further reading", 2),  # a higher heading closes it
        li("A report on support"),
    ]
    title, priorities, questions = run(blocks, rules)
    assert title == "Reflection tool"
    assert priorities == [(1, "Knowledge"), (2, "Support")]
    assert questions == [(1, "Is training available?"), (1, "Is it used?"), (2, "Who leads?")]


def test_questions_printed_as_paragraphs_under_a_priority(rules: Rules) -> None:
    blocks = [
        h("Tool", 1),
        p("Is this a question outside any priority?"),
        h("Priority 1: A"),
        p("Answer these with your team."),
        p("Who leads the work?"),
        p("To what degree is it funded."),
        h("Priority 2: B"),
        p("Is there a plan?"),
        li("Is it shared?"),  # a priority with a list keeps to its list
    ]
    assert run(blocks, rules)[2] == [
        (1, "Who leads the work?"),
        (1, "To what degree is it funded."),
        (2, "Is it shared?"),
    ]


def test_a_priority_without_a_title_takes_the_next_line(rules: Rules) -> None:
    blocks = [h("Tool", 1), h("Priority 1"), p("Continue to expand knowledge."), li("Is there a plan?")]
    assert run(blocks, rules)[1:] == ([(1, "Continue to expand knowledge.")], [(1, "Is there a plan?")])


def test_a_contents_list_of_priorities_is_not_taken_for_the_sections(rules: Rules) -> None:
    blocks = [
        h("Tool", 1),
        h("Contents"),
        p("Priority 1"),
        p("Priority 2"),
        h("Supporting documents"),
        h("Priority 1: Knowledge"),
        li("Is training available?"),
        h("Priority 2: Support"),
        li("Who leads?"),
    ]
    _, priorities, questions = run(blocks, rules)
    assert priorities == [(1, "Knowledge"), (2, "Support")]
    assert [q[0] for q in questions] == [1, 2]


def test_a_priority_printed_twice_is_read_once_with_a_warning(rules: Rules) -> None:
    blocks = [h("Tool", 1), h("Priority 1: A"), li("Q1?"), h("Priority 1: A (continued)"), li("Q2?")]
    raw = extract(Layout(format="pdf", blocks=blocks), rules)
    assert raw.priorities == [(1, "A")]
    assert [q.text for q in raw.questions] == ["Q1?", "Q2?"]
    assert [(n.code, str(n.where)) for n in raw.notes] == [("repeated-priority", "priority 1")]


def test_plain_headings_become_priorities_only_when_their_lists_ask(rules: Rules) -> None:
    blocks = [
        Block(kind="title", text="Self-assessment", level=1),
        h("Who this is for"),
        li("directors of public health"),
        li("partnership boards"),
        h("Leadership"),
        li("Who is responsible?"),
        li("Is there a plan?"),
        h("Learning"),
        li("To what degree do services learn."),
        li("Describe your data sources"),
        h("Related reading"),
        li("National strategy 2024"),
    ]
    _, priorities, questions = run(blocks, rules)
    assert priorities == [(1, "Leadership"), (2, "Learning")]
    assert questions == [
        (1, "Who is responsible?"),
        (1, "Is there a plan?"),
        (2, "To what degree do services learn."),
        (2, "Describe your data sources"),
    ]


def test_nested_items_are_the_examples_or_sub_questions_of_the_question_above(rules: Rules) -> None:
    blocks = [
        h("Tool", 1),
        h("Priority 1: Data"),
        li("What data do you use?"),
        li("hospital data", 1),
        li("school reports", 1),
        li("Who?"),
        li("Is it shared?", 1),  # a nested question is more of the question above
    ]
    raw = extract(Layout(format="html", blocks=blocks), rules)
    assert [(q.text, q.examples) for q in raw.questions] == [
        ("What data do you use?", ["hospital data", "school reports"]),
        ("Who?\nIs it shared?", []),
    ]


def test_form_tables_give_questions_and_answers(rules: Rules) -> None:
    blocks = [
        Block(kind="title", text="Appendix 1", level=1),
        table(
            [Cell(text="Reflective questions: fillable form", span=4)],
            ["RAG", "Reflective question", "Where are we now", "Next steps"],
            [Cell(text="Priority 1: Knowledge", span=4)],
            ["Green", "• Is training\navailable?", "Yes, all staff", ""],
            ["RAG", "Reflective question", "Where are we now", "Next steps"],  # header repeated on a new page
            [Cell(text="Priority 2 : Support", span=4)],
            ["", "Who leads?", "", "Agree a lead"],
            ["", "", "", ""],
        ),
    ]
    raw = extract(Layout(format="docx", blocks=blocks), rules)
    assert raw.priorities == [(1, "Knowledge"), (2, "Support")]
    got = [(q.priority, q.text, q.response, q.improve, q.rag) for q in raw.questions]
    assert got == [
        (1, "Is training\navailable?", "Yes, all staff", "", "Green"),
        (2, "Who leads?", "", "Agree a lead", ""),
    ]


def test_form_columns_are_placed_by_grid_position(rules: Rules) -> None:
    blocks = [
        h("Priority 1: A"),
        table(
            [Cell(text="Question", span=2), "Response", "RAG"],
            [Cell(text="Is it done?", span=2), "Mostly", "Amber"],
        ),
    ]
    raw = extract(Layout(format="docx", blocks=blocks), rules)
    assert [(q.text, q.response, q.rag) for q in raw.questions] == [("Is it done?", "Mostly", "Amber")]


def test_a_form_continued_on_the_next_page_keeps_its_columns_and_split_rows(rules: Rules) -> None:
    header = ["Question", "Current position", "What could be improved", "RAG"]
    blocks = [
        h("Priority 1: A"),
        table(header, ["Is there a plan?", "Yes", "", "Green"], ["What mechanisms are in place to", "Some", "", ""]),
        p("Appendix 1 - running footer"),
        table(["evaluate training?", "reviews", "", "Amber"], ["Who leads?", "", "", ""]),
        h("Priority 2: B"),
        table(["Unrelated", "Table"], ["is not", "a form"]),
    ]
    raw = extract(Layout(format="pdf", blocks=blocks), rules)
    got = [(q.priority, q.text, q.response, q.rag) for q in raw.questions]
    assert got == [
        (1, "Is there a plan?", "Yes", "Green"),
        (1, "What mechanisms are in place to\nevaluate training?", "Some\nreviews", "Amber"),
        (1, "Who leads?", "", ""),
    ]


def test_an_indented_paragraph_after_a_printed_bullet_continues_it(rules: Rules) -> None:
    tops = iter(range(0, 1000, 20))

    def at(block: Block, x0: float) -> Block:  # each block a line below the one before
        top = float(next(tops))
        block.bbox = (x0, top, x0 + 100, top + 10.0)
        return block

    blocks = [
        at(h("Self-assessment", 1), 34),
        at(h("Leadership"), 34),
        at(li("Does your partnership have a plan?"), 52),
        at(p("When was it last reviewed?"), 64),
        at(li("Who leads?"), 52),
        at(p("A note at the margin."), 34),
        at(h("Data"), 34),
        at(li("What is shared?"), 52),
    ]
    _, priorities, questions = run(blocks, rules)
    assert priorities == [(1, "Leadership"), (2, "Data")]
    assert questions == [
        (1, "Does your partnership have a plan?\nWhen was it last reviewed?"),
        (1, "Who leads?"),
        (2, "What is shared?"),
    ]


def test_a_form_headed_by_its_priority(rules: Rules) -> None:
    blocks = [
        Block(kind="title", text="Form", level=1),
        table(["Priority 1: Knowledge", "Current position", "RAG"], ["Is there a plan?", "Drafted", "Amber"]),
        table(["Priority 2: Support", "Current position", "RAG"], ["Who leads?", "", "Red"]),
    ]
    raw = extract(Layout(format="docx", blocks=blocks), rules)
    assert raw.priorities == [(1, "Knowledge"), (2, "Support")]
    assert [(q.priority, q.text, q.response, q.rag) for q in raw.questions] == [
        (1, "Is there a plan?", "Drafted", "Amber"),
        (2, "Who leads?", "", "Red"),
    ]


def test_tables_that_are_not_forms_are_ignored(rules: Rules) -> None:
    blocks = [h("Priority 1: A"), table(["Year", "Deaths"], ["2023", "41"]), li("Why?")]
    assert run(blocks, rules)[2] == [(1, "Why?")]


def test_title_choice(rules: Rules) -> None:
    assert find_title([p("Label"), h("Main", 1), Block(kind="title", text="T")], rules) == 2
    assert find_title([p("Label"), h("Sub", 2), h("Main", 1)], rules) == 2
    assert find_title([p("A short label"), h("Sub", 3)], rules) == 1
    assert find_title([p("Intro sentence here."), p("Supporting better responses to self-harm")], rules) == 1
    assert find_title([h("Priority 1: A", 1), p("Fallback text.")], rules) == 1


def test_furniture_sections_and_phrases_are_dropped(rules: Rules) -> None:
    blocks = [
        Block(kind="furniture", text="Page 1 of 2"),
        p("Information"),
        p("Skip to main content"),
        h("Priority 1: A"),
        li("Is it done?"),
        h("Contact"),
        p("Email: someone@example.org"),
        li("Who do I ask?"),
        h("Share this page", 3),
        h("Priority 2: B"),
        li("Back to top"),
    ]
    kept = [b.text for b in drop_boilerplate(blocks, rules)]
    assert kept == ["Priority 1: A", "Is it done?", "Priority 2: B"]


def test_text_copy_of_a_page_with_guessed_headings(rules: Rules) -> None:
    text = (
        "Reflection and improvement tool\n\nAn intro that explains the tool.\n\n"
        "Priority 1: Knowledge\n\n  • Is training available?\n\nQuestions for managers\n\n"
        "  • Is supervision offered?\n\nContact\n\nEmail: a@b.org\n\n  • Not a question\n"
    )
    raw = extract(layout_from_text(text), rules)
    assert raw.title == "Reflection and improvement tool"
    assert [(q.priority, q.text) for q in raw.questions] == [
        (1, "Is training available?"),
        (1, "Is supervision offered?"),
    ]


def test_theme_numbered_html_page(rules: Rules) -> None:
    markup = (
        "<html><body><main><h1>Checklist</h1><p>Use these questions.</p>"
        "<h2>Theme 1 – Leadership</h2><ol><li>Who leads?</li><li>Is there a plan?</li></ol>"
        "<h2>Theme 2 – Data</h2><ol><li>What data is shared? For example, A&amp;E attendances.</li></ol>"
        "</main></body></html>"
    )
    layout = html_reader.read(Path("themes.html"), markup.encode(), rules)
    doc = document_from_layout(layout, "themes.html", "0" * 64, rules)
    assert doc.kind == "guidance" and doc.title == "Checklist"
    assert [(x.number, x.title) for x in doc.priorities] == [(1, "Leadership"), (2, "Data")]
    assert [(q.id, q.parts, q.notes) for q in doc.questions] == [
        ("1.1", ["Who leads?"], []),
        ("1.2", ["Is there a plan?"], []),
        ("2.1", ["What data is shared?"], ["For example, A&E attendances."]),
    ]


def test_questions_written_as_sub_headings_of_a_theme(rules: Rules) -> None:
    markup = (
        "<html><body><main><h1>Self-assessment</h1>"
        "<h2>Involving people</h2>"
        "<h3>How do you involve people with lived experience?</h3><p>Good practice includes paid roles.</p>"
        "<ul><li>reference groups</li><li>paid advisory roles</li></ul>"
        "<h3>Are carers offered support?</h3>"
        "<h2>Are you learning from each death?</h2><ul><li>Is there a review?</li><li>Who sees it?</li></ul>"
        "</main></body></html>"
    )
    layout = html_reader.read(Path("tool.html"), markup.encode(), rules)
    doc = document_from_layout(layout, "tool.html", "0" * 64, rules)
    assert [(x.number, x.title) for x in doc.priorities] == [
        (1, "Involving people"),
        (2, "Are you learning from each death?"),
    ]
    assert [(q.id, q.parts, q.examples) for q in doc.questions] == [
        ("1.1", ["How do you involve people with lived experience?"], ["reference groups", "paid advisory roles"]),
        ("1.2", ["Are carers offered support?"], []),
        ("2.1", ["Is there a review?"], []),
        ("2.2", ["Who sees it?"], []),
    ]
