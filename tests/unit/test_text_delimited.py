"""Tab-separated tables in text files: rows, quoted cells over several lines, heading rows."""

from __future__ import annotations

from pipeline.read.text.delimited import read_delimited
from pipeline.read.text.reader import read


def test_text_without_tab_tables_is_left_to_the_paragraph_reader() -> None:
    assert read_delimited("A title\n\nOne\ttab only\nplain text\n") is None


def test_rows_cells_and_the_prose_around_them() -> None:
    text = 'Plan title\n\nA\tB\tC\n"one\ntwo"\tx\ty\n\tz\t"""quoted"""\nHeading row\t\t\nAfter the table.\n'
    layout = read_delimited(text)
    assert layout is not None
    kinds = [(b.kind, b.line) for b in layout.blocks]
    assert kinds == [("paragraph", 1), ("table", 3), ("paragraph", 8)]
    table = layout.blocks[1]
    assert [r.texts() for r in table.rows] == [
        ["A", "B", "C"],
        ["one\ntwo", "x", "y"],
        ["", "z", '"quoted"'],
        ["Heading row"],
    ]
    assert [r.line for r in table.rows] == [3, 4, 6, 7]
    assert table.rows[3].cells[0].span == 3


def test_an_unclosed_quote_costs_one_line_not_the_rest_of_the_file() -> None:
    text = 'A\tB\tC\n"open\tx\ty\nD\tE\tF\n'
    layout = read_delimited(text)
    assert layout is not None
    assert [r.texts() for r in layout.blocks[0].rows] == [["A", "B", "C"], ['"open', "x", "y"], ["D", "E", "F"]]


def test_a_pasted_plan_is_read_by_its_header_words(tmp_path, rules) -> None:
    from pipeline.process import process

    path = tmp_path / "pasted.txt"
    path.write_text(
        "Ref\tWhat we will do\tProgress\tPopulation\n1.1.1\tMap assets\tComplete\tAdults\n"
        "1.1.2\tPublish directory\tNot started\tCYP\n",
        encoding="utf-8",
    )
    assert read(path).blocks[0].kind == "table"
    doc = process(path, rules)
    assert [(a.id, a.status, a.age_group, a.source.line) for a in doc.actions] == [
        ("1.1.1", "Complete", "Adults", 2),
        ("1.1.2", "Idea", "CYP", 3),
    ]
