"""Borderless tables: columns from the header words, rows from the id column, no lines at all."""

from __future__ import annotations

from pathlib import Path

from pipeline.core.layout import Block, Layout
from pipeline.read.pdf.reader import read
from tests.fixtures.plan_fixtures import Page, Text, draw_pdf

# Ref | Objective | What we will do | Progress | Related work | Population
X = [40, 90, 250, 470, 560, 700]


def layout_of(pages: list[Page], rules) -> Layout:
    return read(Path("test.pdf"), draw_pdf(pages, width=842, height=595), rules)


def tables(layout: Layout) -> list[Block]:
    return [b for b in layout.blocks if b.kind == "table"]


def texts(block: Block) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in block.rows]


def header(top: float, centred: bool = False) -> list[Text]:
    shift = 12 if centred else 0
    return [
        Text(X[0], top, "Ref", bold=True),
        Text(X[1] + shift, top, "Objective", bold=True),
        Text(X[2] + shift, top, "What we will do", bold=True),
        Text(X[3] + shift, top, "Progress", bold=True),
        Text(X[4] + shift, top, "Related", bold=True),
        Text(X[4] + shift, top + 12, "work", bold=True),
        Text(X[5] + shift, top, "Population", bold=True),
    ]


def row(top: float, cells: list[str]) -> list[Text]:
    out = []
    for x, cell in zip(X, cells, strict=True):
        for n, line in enumerate(cell.split("\n")):
            if line:
                out.append(Text(x, top + n * 12, line))
    return out


ROW1 = [
    "1.1.1",
    "1.1 Parents are\nbetter informed",
    "Provide information\nto parents",
    "Initial meeting",
    "Future in Mind\nAction 1.09",
    "CYP",
]
ROW2 = ["1.1.2", "", "Deliver training", "Underway", "", "CYP"]


def test_renamed_headers_give_the_columns_and_ids_start_rows(rules) -> None:
    page = Page(texts=header(60) + row(100, ROW1) + row(140, ROW2))
    [table] = tables(layout_of([page], rules))
    assert texts(table) == [
        ["Ref", "Objective", "What we will do", "Progress", "Related\nwork", "Population"],
        ROW1,
        ROW2,
    ]
    assert table.rows[1].page == 1 and table.rows[1].bbox[1] < table.rows[2].bbox[1]


def test_centred_headers_still_find_their_column(rules) -> None:
    # the headers sit 12 pt right of where their column's text starts
    page = Page(texts=header(60, centred=True) + row(100, ROW1) + row(140, ROW2))
    [table] = tables(layout_of([page], rules))
    assert texts(table)[1:] == [ROW1, ROW2]


def test_single_line_rows_without_a_gap_are_still_separate(rules) -> None:
    page = Page(
        texts=header(60)
        + row(100, ["1.1.1", "", "First", "Idea", "", "CYP"])
        + row(112, ["1.1.2", "", "Second", "Idea", "", "CYP"])
    )
    [table] = tables(layout_of([page], rules))
    assert [r[0] for r in texts(table)] == ["Ref", "1.1.1", "1.1.2"]


def test_a_heading_across_the_page_ends_the_table_and_the_table_goes_on_after_it(rules) -> None:
    heading = [Text(40, 180, "2. Improve access to care within the community and in primary care", size=13, bold=True)]
    after = row(210, ["2.1.1", "2.1 Trauma informed", "Pilot support", "Underway", "", "Adults"])
    layout = layout_of([Page(texts=header(60) + row(100, ROW1) + row(140, ROW2) + heading + after)], rules)
    assert [b.kind for b in layout.blocks] == ["table", "heading", "table"]
    assert texts(tables(layout)[1]) == [["2.1.1", "2.1 Trauma informed", "Pilot support", "Underway", "", "Adults"]]


def test_paragraph_under_the_table_is_text(rules) -> None:
    note = [Text(40, 200, "These actions are reviewed every quarter by the partnership board and its members.")]
    layout = layout_of([Page(texts=header(60) + row(100, ROW1) + note)], rules)
    assert [b.kind for b in layout.blocks] == ["table", "paragraph"]


def test_table_goes_on_over_the_page_without_its_header(rules) -> None:
    first = Page(texts=header(60) + row(100, ROW1))
    second = Page(texts=row(40, ["", "", "and carers", "", "", ""]) + row(70, ROW2))
    layout = layout_of([first, second], rules)
    [table] = tables(layout)
    assert texts(table)[2:] == [["", "", "and carers", "", "", ""], ROW2]
    assert [r.page for r in table.rows] == [1, 1, 2, 2]
    assert layout.word_report[1].table == 7 and layout.word_report[1].unaccounted == 0


def test_repeated_header_on_the_next_page_is_dropped(rules) -> None:
    layout = layout_of([Page(texts=header(60) + row(100, ROW1)), Page(texts=header(40) + row(80, ROW2))], rules)
    [table] = tables(layout)
    assert [r[0] for r in texts(table)] == ["Ref", "1.1.1", "1.1.2"]


def test_words_that_only_look_like_headers_in_a_sentence_are_not_a_table(rules) -> None:
    page = Page(texts=[Text(40, 60, "The status of each action and its links are shown with the outcome it serves.")])
    layout = layout_of([page], rules)
    assert [b.kind for b in layout.blocks] == ["paragraph"]


# ----------------------------------------------------------------------------- ids broken at a narrow column's edge


def _id_rows(ids: list[list[str]], spacing: float = 30) -> list[Text]:
    """Rows whose Ref cell holds the given lines (an id, or an id broken over lines), 12 pt apart."""
    texts = header(60)
    for n, lines in enumerate(ids):
        top = 100 + n * spacing
        for k, line in enumerate(lines):
            texts.append(Text(X[0], top + 12 * k, line))
        texts += [Text(X[2], top, f"Action number {n + 1}"), Text(X[3], top, "Underway")]
    return texts


def test_an_id_broken_at_the_edge_of_its_column_is_one_id(rules) -> None:
    """ "10.10.1" over "0" is 10.10.10 (reportlab and Word break a word wider than its column)."""
    ids = [["10.10.9"], ["10.10.1", "0"], ["10.10.1", "1"], ["10.10.1", "2"]]
    table = tables(layout_of([Page(texts=_id_rows(ids))], rules))[0]
    assert [r[0] for r in texts(table)[1:]] == ["10.10.9", "10.10.10", "10.10.11", "10.10.12"]
    assert [r[2] for r in texts(table)[1:]] == [f"Action number {n}" for n in (1, 2, 3, 4)]


def test_lines_that_only_look_like_the_rest_of_an_id_start_rows(rules) -> None:
    # one-part numbers; a whole id under another; a short id under which a wider one would not fit
    for ids in ([["1", "2"]], [["1.1.9", "1.1.10"]], [["1.1.1", "0"], ["1.1.10"]]):
        table = tables(layout_of([Page(texts=_id_rows(ids))], rules))[0]
        refs = [r[0] for r in texts(table)[1:]]
        assert "\n" not in "".join(refs) and len(refs) == len([line for lines in ids for line in lines]), refs


def test_a_word_the_narrow_column_broke_is_joined_and_a_wrap_is_kept(rules) -> None:
    # the Progress column's widest text is the broken word itself: it stops where the column's
    # text stops, the next line opens in small letters, and no piece is a word of the plan
    rows = [
        ["1.1.1", "", "Provide information", "Incomplet\ne", "", "CYP"],
        ["1.1.2", "", "Deliver training", "Complete", "", "CYP"],
        ["1.1.3", "", "Train staff", "Not\nstarted", "", "CYP"],
    ]
    texts_on_page = header(60) + [t for n, cells in enumerate(rows) for t in row(100 + n * 40, cells)]
    block = tables(layout_of([Page(texts_on_page)], rules))[0]
    progress = [r[3] for r in texts(block)[1:]]
    assert progress == ["Incomplete", "Complete", "Not\nstarted"]
