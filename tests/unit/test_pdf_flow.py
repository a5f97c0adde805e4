"""The PDF reader's text outside tables: title, headings, paragraphs, list items, page furniture.

The guidance reader relies on these for printed web pages, so they are tested on small PDFs
drawn exactly as each case needs (tests/fixtures/plan_fixtures.draw_pdf).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.core.layout import Layout
from pipeline.core.model import PageWords
from pipeline.read.pdf.reader import read
from tests.fixtures.plan_fixtures import Page, Text, draw_pdf


def layout_of(pages: list[Page], rules) -> Layout:
    return read(Path("test.pdf"), draw_pdf(pages), rules)


def kinds(layout: Layout) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in layout.blocks]


def test_title_headings_and_paragraphs(rules) -> None:
    page = Page(
        texts=[
            Text(50, 60, "Suicide prevention: a reflection tool", size=20, bold=True),
            Text(50, 100, "Priority 1: Improving data", size=14, bold=True),
            Text(50, 125, "Local areas should know who is at risk and"),
            Text(50, 137, "act on what they learn."),
            Text(50, 160, "A second paragraph after a gap."),
            Text(50, 185, "Key points", size=10, bold=True),
            Text(50, 205, "Priority 2: Tailored support", size=14, bold=True),
        ]
    )
    layout = layout_of([page], rules)
    assert kinds(layout) == [
        ("title", "Suicide prevention: a reflection tool"),
        ("heading", "Priority 1: Improving data"),
        ("paragraph", "Local areas should know who is at risk and\nact on what they learn."),
        ("paragraph", "A second paragraph after a gap."),
        ("heading", "Key points"),
        ("heading", "Priority 2: Tailored support"),
    ]
    levels = {b.text: b.level for b in layout.blocks}
    assert levels["Priority 1: Improving data"] == 1 and levels["Key points"] == 2
    assert all(b.page == 1 and b.bbox is not None for b in layout.blocks)


def test_list_items_marker_removed_and_continuations_joined(rules) -> None:
    page = Page(
        texts=[
            Text(50, 60, "Questions", size=14, bold=True),
            Text(50, 90, "•"),
            Text(62, 90, "Do you know how many people"),
            Text(62, 102, "died by suicide last year?"),
            Text(50, 120, "1."),
            Text(66, 120, "Is there a plan?"),
            Text(50, 140, "a)Who leads it?"),
            Text(50, 160, "–"),
            Text(62, 160, "Is it funded?"),
            Text(72, 180, "•"),
            Text(84, 180, "Nested point"),
        ]
    )
    layout = layout_of([page], rules)
    items = [(b.marker, b.text, b.level) for b in layout.blocks if b.kind == "list_item"]
    assert items == [
        ("•", "Do you know how many people\ndied by suicide last year?", 0),
        ("1.", "Is there a plan?", 0),
        ("a)", "Who leads it?", 0),
        ("–", "Is it funded?", 0),
        ("•", "Nested point", 1),
    ]


def test_bullets_drawn_as_shapes_are_list_markers(rules) -> None:
    # Chromium draws list discs as small filled circles, not as a "•" glyph
    page = Page(
        texts=[Text(62, 90, "Is there a local surveillance system?"), Text(62, 110, "How is it used?")],
        dots=[(55, 94, 1.8), (55, 114, 1.8)],
    )
    layout = layout_of([page], rules)
    assert [(b.kind, b.marker, b.text) for b in layout.blocks] == [
        ("list_item", "•", "Is there a local surveillance system?"),
        ("list_item", "•", "How is it used?"),
    ]


def test_a_dash_inside_a_wrapped_sentence_is_not_a_bullet(rules) -> None:
    page = Page(
        texts=[Text(50, 90, "Primary prevention and early intervention"), Text(50, 102, "- a more robust approach")]
    )
    layout = layout_of([page], rules)
    assert kinds(layout) == [("paragraph", "Primary prevention and early intervention\n- a more robust approach")]


def test_page_numbers_and_running_headers_are_furniture(rules) -> None:
    pages = [
        Page(
            texts=[
                Text(50, 20, "Council plan 2024", size=8),
                Text(50, 100, f"Body text on page {n}, long enough."),
                Text(280, 810, f"Page {n} of 3", size=8),
            ]
        )
        for n in (1, 2, 3)
    ]
    layout = layout_of(pages, rules)
    furniture = [b.text for b in layout.blocks if b.kind == "furniture"]
    assert furniture.count("Council plan 2024") == 3
    assert [t for t in furniture if t.startswith("Page")] == ["Page 1 of 3", "Page 2 of 3", "Page 3 of 3"]
    assert [b.text for b in layout.blocks if b.kind == "paragraph"] == [
        f"Body text on page {n}, long enough." for n in (1, 2, 3)
    ]
    assert [r.furniture for r in layout.word_report] == [7, 7, 7]


def test_page_number_alone_on_a_one_page_document(rules) -> None:
    layout = layout_of([Page(texts=[Text(50, 100, "Some text."), Text(290, 815, "1")])], rules)
    assert kinds(layout) == [("paragraph", "Some text."), ("furniture", "1")]


def test_paragraph_broken_by_a_page_break_is_joined(rules) -> None:
    pages = [
        Page(texts=[Text(50, 760, "Do you know how many people in your area")]),
        Page(texts=[Text(50, 60, "died by suicide last year?"), Text(50, 100, "Next paragraph.")]),
    ]
    layout = layout_of(pages, rules)
    paragraphs = [b.text for b in layout.blocks if b.kind == "paragraph"]
    assert paragraphs == ["Do you know how many people in your area\ndied by suicide last year?", "Next paragraph."]


def test_word_report_accounts_for_every_word(rules) -> None:
    page = Page(
        texts=[
            Text(50, 60, "Title here", size=18, bold=True),
            Text(50, 100, "Three words here"),
            Text(290, 815, "7", size=8),
        ]
    )
    layout = layout_of([page], rules)
    assert layout.word_report == [
        PageWords(page=1, words=6, table=0, text=5, furniture=1, unaccounted=0, undecodable_characters=0)
    ]
    assert layout.notes == []
