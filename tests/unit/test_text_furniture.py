"""Text copied from printed pages: page-number lines and running headers are furniture; bullets nest."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.read.text.furniture import PAGE_LINE, find_furniture
from pipeline.read.text.plain import layout_from_text
from pipeline.read.text.reader import read


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("https://www.example.org/tool                      1 of 3", True),
        ("Last reviewed: January 2024            Page 1 of 2", True),
        ("Troubleshooting guide – Page 2 of 2", True),
        ("Page 4", True),
        ("file:///tmp/page.html                             2/3", True),
        ("Two of the three partners agreed: 1 of 3 votes", False),
        ("Is support offered within 2 of the 5 days?", False),
        ("Dates 12/03", False),
    ],
)
def test_page_number_lines(line: str, expected: bool) -> None:
    assert bool(PAGE_LINE.search(line)) is expected


def test_a_running_header_is_furniture_and_what_shares_its_line_stays() -> None:
    lines = [
        "12/03/2024, 14:05      Men's health tool | Southvale",
        "Priority 1: Reaching men",
        "https://example.org/tool        1 of 2",
        "13/03/2024, 09:10      Men's health tool | Southvale      Priority 2: Making help easier",
        "Think about: • Can men get help?",
        "https://example.org/tool        2 of 2",
    ]
    assert find_furniture(lines) == {
        0: ("12/03/2024, 14:05   Men's health tool | Southvale", None),
        2: ("https://example.org/tool        1 of 2", None),
        3: ("13/03/2024, 09:10   Men's health tool | Southvale", "Priority 2: Making help easier"),
        5: ("https://example.org/tool        2 of 2", None),
    }


def test_a_header_printed_with_the_page_number_on_another_page_is_furniture_on_the_first() -> None:
    lines = [
        "Intranet > Suicide prevention > Checklist",
        "SAFER PLACES",
        "1. Knowing your locations",
        "Intranet > Suicide prevention > Checklist          Page 2 of 2",
        "4. Working with partners",
    ]
    assert find_furniture(lines) == {
        0: ("Intranet > Suicide prevention > Checklist", None),
        3: ("Intranet > Suicide prevention > Checklist          Page 2 of 2", None),
    }


def test_text_without_page_numbers_has_no_furniture() -> None:
    lines = ["Priority 1: A", "Priority 1: A", "Is there a plan?"]
    assert find_furniture(lines) == {}


def test_form_feeds_are_page_breaks(tmp_path: Path) -> None:
    page = tmp_path / "copy.txt"
    page.write_bytes(
        b"Draft for consultation\nTitle of the tool\nIs it used?\n\x0cDraft for consultation\nWho leads?\n"
    )
    layout = read(page)
    assert [(b.kind, b.text) for b in layout.blocks] == [
        ("furniture", "Draft for consultation"),
        ("paragraph", "Title of the tool\nIs it used?"),
        ("furniture", "Draft for consultation"),
        ("paragraph", "Who leads?"),
    ]


def test_bullets_nest_by_indent_and_a_line_set_further_out_ends_the_item() -> None:
    text = (
        "* Which staff could be trained to spot someone in\n"
        "  distress?\n"
        "      – security staff\n"
        "      – lifeguards\n"
        "    • an item at a third indent\n"
        "Have a look at the questions.\n"
    )
    blocks = layout_from_text(text).blocks
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("list_item", 0, "Which staff could be trained to spot someone in\n  distress?"),
        ("list_item", 2, "security staff"),
        ("list_item", 2, "lifeguards"),
        ("list_item", 1, "an item at a third indent"),
        ("paragraph", 0, "Have a look at the questions."),
    ]
