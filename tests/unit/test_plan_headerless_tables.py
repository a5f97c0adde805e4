"""Tables read without a header row, and a numbered row that only names a level.

A web page's table of numbered recommendations often has no header at all ("1" | "Set up ...");
copied as text, its cells may come one per line, each ending in " |". And a plan's area-of-work
row ("1." | "Maternity" | | ) numbers the section its actions ("1.1", "1.2") sit under.
"""

from __future__ import annotations

from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.extract.plan import extract_plan
from pipeline.extract.plan_recover import recover
from pipeline.normalise.plan import normalise_plan


def table(*rows: list[str]) -> Block:
    return Block(kind="table", rows=[Row(cells=[Cell(text=t) for t in row]) for row in rows])


def read(lay: Layout, rules):
    return normalise_plan(extract_plan(lay, rules), rules)


RECOMMENDATIONS = [
    ["1", "Set up a national alliance on infant feeding with a clear work plan."],
    ["2", "Train health workers and volunteers in breastfeeding counselling."],
    ["3", "Make the Ten Steps part of hospital accreditation."],
]


def test_a_table_of_ids_and_words_with_no_header_gives_actions(rules) -> None:
    _s, _o, acts = read(Layout(format="html", blocks=[table(*RECOMMENDATIONS)]), rules)
    assert [(a.id, a.text) for a in acts] == [(r[0], r[1]) for r in RECOMMENDATIONS]


def test_cells_copied_one_per_line_with_a_pipe_give_the_table_back(rules) -> None:
    text = "\n".join(f"{i} |\n{t} |" for i, t in RECOMMENDATIONS)
    _s, _o, acts = read(Layout(format="txt", blocks=[Block(kind="paragraph", text=text)]), rules)
    assert [(a.id, a.text) for a in acts] == [(r[0], r[1]) for r in RECOMMENDATIONS]


def test_a_headerless_table_not_led_by_ids_is_left_alone(rules) -> None:
    lay = Layout(
        format="html",
        blocks=[table(["CCG", "Clinical commissioning group"], ["PCN", "Primary care network"], ["ICB", "Board"])],
    )
    assert recover(lay, rules).layout.blocks[0].rows[0].cells[0].text == "CCG"


def test_an_area_row_holding_only_a_number_numbers_its_section(rules) -> None:
    lay = Layout(
        format="html",
        blocks=[
            table(
                ["No.", "Area of work", "Action", "Timeframe"],
                ["1.", "Maternity", "", ""],
                ["1.1", "", "Give every pregnant woman oral health advice.", "Jan-2015"],
                ["1.2", "", "Raise the share of pregnant women seeing a dentist.", "Ongoing"],
                ["2.", "Parenting", "", ""],
                ["2.1", "", "Cover oral health in every parenting class.", "Aug-2015"],
            )
        ],
    )
    sections, _o, acts = read(lay, rules)
    assert [(s.number, s.title) for s in sections] == [("1", "Maternity"), ("2", "Parenting")]
    assert [(a.id, a.section, a.timescale) for a in acts] == [
        ("1.1", "1", "Jan-2015"),
        ("1.2", "1", "Ongoing"),
        ("2.1", "2", "Aug-2015"),
    ]
