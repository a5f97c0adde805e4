"""A RAG cell that holds no word gives the status from its colour, in every format.

Each reader turns what its format writes (Word's w:shd, a web page's style or bgcolor, a filled
rectangle behind a PDF cell) into RRGGBB; the rules say what a colour means (`cell_colours`, by
distance, white and greys never). Readers are tested on tiny files built here.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pipeline.core.layout import Cell, Row
from pipeline.extract.records import RawAction, RawPlan
from pipeline.normalise.plan import normalise_plan
from pipeline.process import process
from pipeline.read.colour import css_background, to_rrggbb
from pipeline.read.geometry.types import Fragment
from pipeline.read.pdf.fills import colour, mark_fills
from pipeline.rules import Rules

SMOKING = "Deliver stop smoking support in every maternity unit"
ALCOHOL = "Train frontline staff to give brief advice on alcohol"
WEIGHT = "Commission a weight management service for adults"
RED, GREEN, AMBER = "FF0000", "00B050", "FFC000"


# ----------------------------------------------------------------------------- colours to statuses


@pytest.mark.parametrize(
    ("fill", "label"),
    [
        ("FF0000", "Off track"),
        ("EE1111", "Off track"),  # another shade of red
        ("C00000", "Off track"),
        ("FFC000", "At risk"),
        ("FFD966", "At risk"),
        ("00B050", "Underway"),
        ("C6EFCE", "Underway"),  # the palest green Excel uses
        ("0070C0", "Complete"),
        ("ffc000", "At risk"),
    ],
)
def test_a_fill_near_a_listed_colour_means_its_status(fill: str, label: str, rules: Rules) -> None:
    status = rules.status_for_colour(fill)
    assert status is not None and status.label == label


@pytest.mark.parametrize("fill", ["FFFFFF", "F2F2F2", "D9D9D9", "808080", "000000", "123456", None, "red", "#FF0000"])
def test_white_greys_far_colours_and_non_hex_mean_nothing(fill: str | None, rules: Rules) -> None:
    assert rules.status_for_colour(fill) is None


def test_red_and_amber_are_never_confused(rules: Rules) -> None:
    reds = [rules.status_for_colour(c) for c in ("FF0000", "FF3333", "E60000", "FF5050")]
    ambers = [rules.status_for_colour(c) for c in ("FFC000", "FFBF00", "FFA500")]
    assert {s.family for s in reds if s} == {"off track"} and {s.label for s in reds if s} == {"Off track"}
    assert {s.label for s in ambers if s} == {"At risk"}


# ----------------------------------------------------------------------------- documents' colours to RRGGBB


@pytest.mark.parametrize(
    ("written", "rrggbb"),
    [
        ("#f00", "FF0000"),
        ("#FFC000", "FFC000"),
        ("ffc000", "FFC000"),
        ("rgb(0, 176, 80)", "00B050"),
        ("rgba(255,0,0,0.5)", "FF0000"),
        ("rgba(255,0,0,0)", None),  # fully transparent
        ("Red", "FF0000"),
        ("amber", "FFC000"),
        ("#00b050 !important", "00B050"),
        ("auto", None),
        ("transparent", None),
        ("", None),
        (None, None),
    ],
)
def test_colours_as_documents_write_them(written: str | None, rrggbb: str | None) -> None:
    assert to_rrggbb(written) == rrggbb


@pytest.mark.parametrize(
    ("style", "rrggbb"),
    [
        ("background-color: #ff0000", "FF0000"),
        ("color: red; background: rgb(0,176,80)", "00B050"),
        ("color: red", None),  # the text's colour, not the cell's
        ("border-color: red", None),
        (None, None),
    ],
)
def test_css_background(style: str | None, rrggbb: str | None) -> None:
    assert css_background(style) == rrggbb


@pytest.mark.parametrize(
    ("value", "rrggbb"),
    [
        ((1, 0, 0), "FF0000"),
        ((0.5,), "808080"),
        ((0, 0.25, 1, 0), "FFBF00"),
        ([1, 1, 1], "FFFFFF"),
        ((1, 2), None),
        (None, None),
        ("P0", None),
    ],
)
def test_pdf_fill_colours_in_each_colour_space(value: object, rrggbb: str | None) -> None:
    assert colour(value) == rrggbb


def _fragment(*centres: tuple[float, float]) -> Fragment:
    cells = [Cell(text="", bbox=(x - 5, y - 5, x + 5, y + 5)) for x, y in centres]
    return Fragment(page=1, rows=[Row(cells=cells)], bbox=(0, 0, 600, 800), columns=[0, 600], ruled=True)


def _rect(
    x0: float, top: float, x1: float, bottom: float, rgb: tuple[float, ...], fill: bool = True
) -> dict[str, object]:
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "fill": fill, "non_stroking_color": rgb}


def test_a_cell_takes_the_smallest_filled_rectangle_behind_its_centre() -> None:
    fragment = _fragment((100, 100), (300, 100), (500, 500))
    stripe = _rect(0, 90, 600, 110, (1, 0.92, 0.61))  # a pale amber stripe across the row
    own = _rect(290, 90, 310, 110, (1, 0, 0))  # the status cell's own red
    outline = _rect(480, 480, 520, 520, (0, 1, 0), fill=False)  # stroked, not filled
    mark_fills([fragment], [stripe, own, outline], 600, 800)
    assert [c.fill for c in fragment.rows[0].cells] == ["FFEB9C", "FF0000", None]


def test_a_page_background_is_no_cell_fill() -> None:
    fragment = _fragment((100, 100))
    mark_fills([fragment], [_rect(0, 0, 600, 800, (0.78, 0.94, 0.81))], 600, 800)  # pale green over the page
    assert fragment.rows[0].cells[0].fill is None


# ----------------------------------------------------------------------------- the normaliser


def test_the_word_in_a_cell_wins_over_its_colour_and_the_source_is_recorded(rules: Rules) -> None:
    raw = RawPlan(
        title="Plan",
        actions=[
            RawAction(id="1", outcome=None, section=None, text="A", status="", status_fill=RED),
            RawAction(id="2", outcome=None, section=None, text="B", status="Complete", status_fill=RED),
            RawAction(id="3", outcome=None, section=None, text="C", status=None, status_fill="D9D9D9"),
            RawAction(id="4", outcome=None, section=None, text="D", status="Undreway", status_fill=GREEN),
        ],
    )
    _, _, actions = normalise_plan(raw, rules)
    assert [(a.status, a.status_family, a.status_source) for a in actions] == [
        ("Off track", "off track", "colour"),
        ("Complete", "complete", "text"),
        (None, None, None),
        (None, None, None),  # a word the rules do not know is reported, not replaced by the colour
    ]


# ----------------------------------------------------------------------------- readers, end to end


def _statuses(path: Path, data: bytes, rules: Rules) -> list[tuple[str, str | None, str | None]]:
    doc = process(path, rules, data=data)
    return [(a.id, a.status, a.status_source) for a in doc.actions]


EXPECTED = [("1", "Off track", "colour"), ("2", "Underway", "colour"), ("3", "At risk", "colour")]


def test_word_cell_shading_gives_the_status(rules: Rules) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading("Healthy lives action plan", 1)
    grid = document.add_table(rows=4, cols=3)
    for i, header in enumerate(["No.", "Action", "RAG"]):
        grid.cell(0, i).text = header
    # a clear pattern's fill; a solid pattern, whose colour covers the cell; a clear fill again
    shading = [("clear", "auto", RED), ("solid", GREEN, "auto"), ("clear", "auto", AMBER)]
    for k, (text, (pattern, colour_, fill)) in enumerate(zip([SMOKING, ALCOHOL, WEIGHT], shading, strict=True)):
        grid.cell(k + 1, 0).text = str(k + 1)
        grid.cell(k + 1, 1).text = text
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), pattern)
        shd.set(qn("w:color"), colour_)
        shd.set(qn("w:fill"), fill)
        grid.cell(k + 1, 2)._tc.get_or_add_tcPr().append(shd)
    buffer = io.BytesIO()
    document.save(buffer)
    assert _statuses(Path("plan.docx"), buffer.getvalue(), rules) == EXPECTED


def test_web_page_cell_colours_give_the_status(rules: Rules) -> None:
    page = f"""<html><body><h1>Healthy lives action plan</h1><table>
    <tr><th>No.</th><th>Action</th><th>RAG</th></tr>
    <tr><td>1</td><td>{SMOKING}</td><td style="background-color: #FF0000"></td></tr>
    <tr><td>2</td><td>{ALCOHOL}</td><td bgcolor="#00B050">&nbsp;</td></tr>
    <tr><td>3</td><td>{WEIGHT}</td><td><span style="background:rgb(255,192,0)"></span></td></tr>
    </table></body></html>"""
    assert _statuses(Path("plan.html"), page.encode(), rules) == EXPECTED


def test_pdf_cell_fills_give_the_status(rules: Rules) -> None:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(595, 842), invariant=1)
    xs, tops = [50, 90, 450, 540], [100, 130, 160, 190, 220]

    def y(top: float) -> float:
        return 842 - top  # top-left to PDF's bottom-left

    for k, rgb in enumerate([(1, 0, 0), (0, 0.69, 0.31), (1, 0.75, 0)]):
        c.setFillColorRGB(*rgb)
        c.rect(xs[2], y(tops[k + 2]), xs[3] - xs[2], 30, stroke=0, fill=1)
    c.setStrokeColorRGB(0, 0, 0)
    for top in tops:
        c.line(xs[0], y(top), xs[-1], y(top))
    for x in xs:
        c.line(x, y(tops[0]), x, y(tops[-1]))
    c.setFillColorRGB(0, 0, 0)
    c.drawString(50, 800, "Healthy lives action plan")
    rows = [
        ("No.", "Action", "RAG"),
        ("1", "Deliver stop smoking support", ""),
        ("2", "Train staff in alcohol advice", ""),
        ("3", "Commission a weight service", ""),
    ]
    for top, cells in zip(tops, rows, strict=False):
        for x, text in zip(xs, cells, strict=False):
            if text:
                c.drawString(x + 4, y(top + 20), text)
    c.showPage()
    c.save()
    assert _statuses(Path("plan.pdf"), buffer.getvalue(), rules) == EXPECTED
