"""Text set side by side in a PDF is read column by column; drawn bullets are read as glyphs."""

from __future__ import annotations

from pipeline.read.geometry.columns import find_gutter, split_columns
from pipeline.read.geometry.lines import group_lines
from pipeline.read.geometry.types import Line, Word
from pipeline.read.pdf.page import drawn_bullets


def words(text: str, x0: float, top: float, size: float = 10.0) -> list[Word]:
    """The words of a line of text set from x0, each letter half a font size wide."""
    out, x = [], x0
    for token in text.split():
        width = len(token) * size * 0.5
        out.append(Word(token, x, x + width, top, top + size, size, False, 1))
        x += width + size * 0.3
    return out


def lines_of(*rows: list[Word]) -> list[Line]:
    return group_lines([w for row in rows for w in row], 1)


def test_a_sidebar_beside_the_body_is_read_before_it() -> None:
    lines = lines_of(
        words("Reflection tool for staff", 40, 10, 16),
        words("Contents", 40, 40) + words("Most people will care for someone in their lives.", 200, 40),
        words("Knowing the carers", 40, 54) + words("These questions help services to check that.", 200, 54),
        words("Support that fits", 40, 68) + words("Answer them with the people you support.", 200, 68),
        words("1. Knowing who the carers are", 200, 90, 14),
        words("Do you know who the carers are?", 210, 110),
        words("Back to top across the whole width of the page", 40, 140),
    )
    texts = [line.text for line in split_columns(lines)]
    assert texts == [
        "Reflection tool for staff",
        "Contents",
        "Knowing the carers",
        "Support that fits",
        "Most people will care for someone in their lives.",
        "These questions help services to check that.",
        "Answer them with the people you support.",
        "1. Knowing who the carers are",
        "Do you know who the carers are?",
        "Back to top across the whole width of the page",
    ]


def test_equal_columns_are_read_left_then_right() -> None:
    lines = lines_of(
        *(
            words(f"left column line {n} of text", 40, 10 + 14 * n)
            + words(f"right column line {n} of text", 300, 10 + 14 * n)
            for n in range(4)
        )
    )
    texts = [line.text for line in split_columns(lines)]
    assert texts == [f"left column line {n} of text" for n in range(4)] + [
        f"right column line {n} of text" for n in range(4)
    ]


def test_no_columns_in_ordinary_text_or_a_list_beside_its_markers() -> None:
    prose = lines_of(*(words("An ordinary paragraph of text that wraps over lines", 40, 10 + 14 * n) for n in range(5)))
    assert find_gutter(prose) is None
    numbered = lines_of(
        *(
            words(f"{n}.", 40, 10 + 14 * n) + words("A question set at a hanging indent?", 80, 10 + 14 * n)
            for n in range(1, 5)
        )
    )
    assert find_gutter(numbered) is None  # the markers alone are no column
    assert split_columns(numbered)[0].text == "1. A question set at a hanging indent?"


def test_drawn_bullets_become_glyphs_where_text_follows_them() -> None:
    line = words("Do you know who the carers are?", 60, 100)
    alone = words("Green", 300, 100)
    shapes = [
        (48.0, 54.0, 102.0, 108.0, "•"),  # just left of the line: a bullet
        (48.2, 53.8, 102.2, 107.8, "•"),  # the same bullet drawn again (a stroke over the fill)
        (200.0, 206.0, 102.0, 108.0, "•"),  # with nothing right of it: a dot, not a bullet
        (290.0, 296.0, 102.0, 108.0, "◦"),  # a dot between two words is no bullet either
    ]
    mid = words("carers", 250, 100)
    glyphs = drawn_bullets(shapes, line + alone + mid)
    assert [(g.text, g.x0, g.top) for g in glyphs] == [("•", 48.0, 100.0)]
    assert group_lines(line + glyphs, 1)[0].text == "• Do you know who the carers are?"
