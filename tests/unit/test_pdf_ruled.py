"""Ruled tables in PDFs: cells from visible lines only, wrapped cells, merged cells, cut tables."""

from __future__ import annotations

from pathlib import Path

from pipeline.core.layout import Block, Layout
from pipeline.read.pdf.reader import read
from pipeline.read.pdf.ruled import is_white
from tests.fixtures.plan_fixtures import Page, Rule, Text, draw_pdf, grid_table

WIDTHS = [110, 45, 200, 80, 60]
HEADER = ["Outcome", "No.", "Specific Action", "Status", "Age Group"]


def layout_of(pages: list[Page], rules) -> Layout:
    return read(Path("test.pdf"), draw_pdf(pages), rules)


def tables(layout: Layout) -> list[Block]:
    return [b for b in layout.blocks if b.kind == "table"]


def texts(block: Block) -> list[list[str]]:
    return [["<merged>" if c.merged else c.text for c in row.cells] for row in block.rows]


def test_wrapped_cell_keeps_its_lines(rules) -> None:
    rows = [
        HEADER,
        [
            "1.1 Parents are\nbetter informed",
            "1.1.1",
            "Provide improved information\nto parents and carers",
            "Initial\nmeeting",
            "CYP",
        ],
    ]
    t, r, _ = grid_table(40, 60, WIDTHS, rows)
    [table] = tables(layout_of([Page(texts=t, rules=r)], rules))
    assert texts(table) == [
        HEADER,
        [
            "1.1 Parents are\nbetter informed",
            "1.1.1",
            "Provide improved information\nto parents and carers",
            "Initial\nmeeting",
            "CYP",
        ],
    ]
    assert table.rows[1].page == 1 and table.rows[1].bbox is not None


def test_a_white_ruling_line_does_not_split_a_wrapped_row(rules) -> None:
    rows = [HEADER, ["1.1 Outcome", "1.1.1", "Line one of the action\nline two of the action", "Underway", "CYP"]]
    t, r, _ = grid_table(40, 60, WIDTHS, rows)
    between = 60 + 11 + 6 + 3 + 11 + 5  # between the two lines of the wrapped row
    hidden = [Rule(40, between, 535, between, colour=1.0)]
    [table] = tables(layout_of([Page(texts=t, rules=r + hidden)], rules))
    assert len(table.rows) == 2
    assert table.rows[1].cells[2].text == "Line one of the action\nline two of the action"


def test_merged_outcome_cell_is_marked_merged(rules) -> None:
    rows = [
        HEADER,
        ["1.1 Parents", "1.1.1", "First action", "Underway", "CYP"],
        ["", "1.1.2", "Second action", "Complete", "CYP"],
    ]
    t, r, _ = grid_table(40, 60, WIDTHS, rows, merged_down=(0,))
    [table] = tables(layout_of([Page(texts=t, rules=r)], rules))
    assert texts(table)[1:] == [
        ["1.1 Parents", "1.1.1", "First action", "Underway", "CYP"],
        ["<merged>", "1.1.2", "Second action", "Complete", "CYP"],
    ]


def test_a_cell_across_the_table_is_one_spanning_cell(rules) -> None:
    t, r, bottom = grid_table(40, 60, WIDTHS, [HEADER])
    heading = [Text(43, bottom + 3, "2. Improve access to care", bold=True)]
    rules_across = [
        Rule(40, bottom + 20, 535, bottom + 20),
        Rule(40, bottom, 40, bottom + 20),
        Rule(535, bottom, 535, bottom + 20),
    ]
    t2, r2, _ = grid_table(
        40, bottom + 20, WIDTHS, [["2.1 Outcome", "2.1.1", "Action", "Idea", "Both"]], bold_first=False
    )
    [table] = tables(layout_of([Page(texts=t + heading + t2, rules=r + rules_across + r2)], rules))
    assert [(c.text, c.span) for c in table.rows[1].cells] == [("2. Improve access to care", 5)]
    assert texts(table)[2] == ["2.1 Outcome", "2.1.1", "Action", "Idea", "Both"]


def test_a_table_cut_open_by_the_page_end_still_gives_its_cells(rules) -> None:
    # browsers draw no border where a page break cuts a row: the column rules just stop
    rows = [HEADER, ["2.1 Trauma informed", "2.1.3", "Develop a proposal for a", "Underway", "Adults"]]
    t, r, _ = grid_table(40, 700, WIDTHS, rows, close_bottom=False)
    [table] = tables(layout_of([Page(texts=t, rules=r)], rules))
    assert texts(table)[1] == ["2.1 Trauma informed", "2.1.3", "Develop a proposal for a", "Underway", "Adults"]


def test_one_box_around_text_is_not_a_table(rules) -> None:
    box = [Rule(40, 60, 300, 60), Rule(40, 120, 300, 120), Rule(40, 60, 40, 120), Rule(300, 60, 300, 120)]
    layout = layout_of([Page(texts=[Text(50, 70, "A note in a box.")], rules=box)], rules)
    assert [(b.kind, b.text) for b in layout.blocks] == [("paragraph", "A note in a box.")]


def test_table_rows_on_two_pages_are_stitched_and_the_repeated_header_dropped(rules) -> None:
    t1, r1, _ = grid_table(40, 60, WIDTHS, [HEADER, ["1.1 A", "1.1.1", "First", "Idea", "CYP"]])
    t2, r2, _ = grid_table(40, 60, WIDTHS, [HEADER, ["", "1.1.2", "Second", "Idea", "CYP"]], merged_down=(0,))
    layout = layout_of([Page(texts=t1, rules=r1), Page(texts=t2, rules=r2)], rules)
    [table] = tables(layout)
    assert [row.cells[1].text for row in table.rows] == ["No.", "1.1.1", "1.1.2"]
    assert [row.page for row in table.rows] == [1, 1, 2]
    assert all(r.unaccounted == 0 for r in layout.word_report)
    assert [r.table for r in layout.word_report] == [13, 11]  # the repeated header counts: it is in a table


def test_tables_with_other_columns_are_not_stitched(rules) -> None:
    t1, r1, _ = grid_table(40, 60, WIDTHS, [HEADER, ["1.1 A", "1.1.1", "First", "Idea", "CYP"]])
    t2, r2, _ = grid_table(40, 60, [200, 200], [["Key", "Meaning"], ["Idea", "Not started"]])
    layout = layout_of([Page(texts=t1, rules=r1), Page(texts=t2, rules=r2)], rules)
    assert len(tables(layout)) == 2


def test_white_in_every_colour_space() -> None:
    assert is_white(1) and is_white((1.0,)) and is_white((1, 1, 1)) and is_white((0, 0, 0, 0))
    assert not is_white(0) and not is_white((0.5, 0.5, 0.5)) and not is_white(None) and not is_white("P0")


# ----------------------------------------------------------------------------- cell shading


def _shaded_table() -> bytes:
    """A 3 x 2 ruled table: a red-amber-green status column (one cell holds no word), grey header."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(595, 842), invariant=1)
    xs, tops = [50, 250, 400], [100, 130, 160, 190]
    y = lambda top: 842 - top  # noqa: E731 - top-left to PDF's bottom-left
    c.setFillGray(0.8)
    c.rect(xs[0], y(tops[1]), xs[2] - xs[0], 30, stroke=0, fill=1)  # the header row, in one piece
    c.setFillColorRGB(1, 0, 0)
    c.rect(xs[1], y(tops[2]), 150, 30, stroke=0, fill=1)
    c.setFillColorCMYK(0, 0.25, 1, 0)  # amber, in CMYK
    c.rect(xs[1], y(tops[3]), 150, 30, stroke=0, fill=1)
    c.setStrokeColorRGB(0, 0, 0)
    for top in tops:
        c.line(xs[0], y(top), xs[2], y(top))
    for x in xs:
        c.line(x, y(tops[0]), x, y(tops[-1]))
    c.setFillColorRGB(0, 0, 0)
    for top, (action, status) in zip(tops, [("Action", "Status"), ("1.1.1", "Red"), ("1.1.2", "")], strict=False):
        c.drawString(xs[0] + 4, y(top + 20), action)
        if status:
            c.drawString(xs[1] + 4, y(top + 20), status)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _fills(rules) -> list[list[str | None]]:  # type: ignore[no-untyped-def]
    [table] = tables(read(Path("rag.pdf"), _shaded_table(), rules))
    return [[c.fill for c in row.cells] for row in table.rows]


def test_a_shaded_cell_keeps_its_colour_even_with_no_word_in_it(rules) -> None:
    assert _fills(rules) == [["CCCCCC", "CCCCCC"], [None, "FF0000"], [None, "FFBF00"]]


def test_the_pdfminer_fallback_gives_the_same_colours(rules, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pipeline.read.pdf import pages

    fast = _fills(rules)
    monkeypatch.setattr(pages, "open_fast", lambda pdf, password: (None, "it cannot open the file"))
    assert _fills(rules) == fast


def test_colours_in_every_colour_space_become_rrggbb() -> None:
    from pipeline.read.pdf.ruled import rgb_hex

    assert rgb_hex((0.5,)) == rgb_hex(0.5) == "808080"
    assert rgb_hex((0.0, 0.5, 1.0)) == "0080FF"
    assert rgb_hex((0, 0, 0, 1)) == "000000" and rgb_hex((0, 1, 1, 0)) == "FF0000"
    assert rgb_hex("P1") is None and rgb_hex(None) is None and rgb_hex((1, 2)) is None
