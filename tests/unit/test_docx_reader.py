"""The Word reader on small documents built here: styles, lists, tracked changes, merged cells."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from pipeline.core.layout import Layout
from pipeline.read.docx.reader import read


def layout_of(document: Any, rules) -> Layout:
    buffer = io.BytesIO()
    document.save(buffer)
    return read(Path("test.docx"), buffer.getvalue(), rules)


def test_styles_give_title_headings_paragraphs_and_list_items(rules) -> None:
    d = docx.Document()
    d.add_paragraph("Suicide prevention reflection tool", style="Title")
    d.add_paragraph("Priority 1: Improving data", style="Heading 1")
    d.add_paragraph("Local questions", style="Heading 2")
    d.add_paragraph("Some text with a\tTab.")
    d.add_paragraph("Do you know how many people died?", style="List Bullet")
    d.add_paragraph("Is there a plan?", style="List Number")
    d.add_paragraph("Who leads it?", style="List Number")
    d.add_paragraph("   ")
    blocks = layout_of(d, rules).blocks
    assert [(b.kind, b.level, b.marker, b.text) for b in blocks] == [
        ("title", 0, None, "Suicide prevention reflection tool"),
        ("heading", 1, None, "Priority 1: Improving data"),
        ("heading", 2, None, "Local questions"),
        ("paragraph", 0, None, "Some text with a\tTab."),
        ("list_item", 0, "•", "Do you know how many people died?"),
        ("list_item", 0, "1.", "Is there a plan?"),
        ("list_item", 0, "2.", "Who leads it?"),
    ]
    assert blocks[1].style == "Heading 1"


def test_typed_bullets_and_bold_paragraphs(rules) -> None:
    d = docx.Document()
    d.add_paragraph("• Is it funded?")
    d.add_paragraph().add_run("A bold line").bold = True
    blocks = layout_of(d, rules).blocks
    assert [(b.kind, b.marker, b.text, b.bold) for b in blocks] == [
        ("list_item", "•", "Is it funded?", False),
        ("paragraph", None, "A bold line", True),
    ]


def _run(xml: str) -> Any:
    return parse_xml(f"<w:r {nsdecls('w')}>{xml}</w:r>")


def test_tracked_deletions_hidden_text_and_field_codes_are_left_out(rules) -> None:
    d = docx.Document()
    p = d.add_paragraph("Kept ")
    deleted = parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="A"><w:r><w:delText>removed </w:delText></w:r></w:del>'
    )
    inserted = parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="A"><w:r><w:t xml:space="preserve">added </w:t></w:r></w:ins>'
    )
    p._p.append(deleted)
    p._p.append(inserted)
    p._p.append(_run("<w:rPr><w:vanish/></w:rPr><w:t>hidden </w:t>"))
    p._p.append(_run('<w:fldChar w:fldCharType="begin"/>'))
    p._p.append(_run('<w:instrText xml:space="preserve"> PAGE </w:instrText>'))
    p._p.append(_run('<w:fldChar w:fldCharType="separate"/>'))
    p._p.append(_run("<w:t>3</w:t>"))
    p._p.append(_run('<w:fldChar w:fldCharType="end"/>'))
    p._p.append(_run("<w:br/><w:t>next line</w:t>"))
    [block] = layout_of(d, rules).blocks
    assert block.text == "Kept added 3\nnext line"


def test_headers_footers_and_comments_are_not_read(rules) -> None:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Running header"
    d.sections[0].footer.paragraphs[0].text = "Page 1"
    p = d.add_paragraph("Body text.")
    d.add_comment(p.runs, text="A reviewer's comment", author="R")
    assert [b.text for b in layout_of(d, rules).blocks] == ["Body text."]


def _merge_down(table: Any, column: int, first: int, last: int) -> None:
    for index in range(first, last + 1):
        merge = OxmlElement("w:vMerge")
        if index == first:
            merge.set(qn("w:val"), "restart")
        table.rows[index].cells[column]._tc.get_or_add_tcPr().append(merge)


def test_table_cells_merged_down_spanning_and_with_several_paragraphs(rules) -> None:
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.rows[0].cells[0].text = "Outcome"
    t.rows[0].cells[1].text = "No."
    t.rows[0].cells[2].text = "Action"
    t.rows[1].cells[0].text = "1.1 Parents"
    t.rows[1].cells[1].text = "1.1.1"
    cell = t.rows[1].cells[2]
    cell.text = "First paragraph"
    cell.add_paragraph("Second paragraph")
    cell.paragraphs[1].add_run()._r.append(OxmlElement("w:br"))
    cell.paragraphs[1].add_run("after a break")
    t.rows[2].cells[1].text = "1.1.2"
    t.rows[2].cells[2].text = "Another"
    _merge_down(t, 0, 1, 2)
    spanning = d.add_table(rows=1, cols=3)
    spanning.rows[0].cells[0].merge(spanning.rows[0].cells[2]).text = "2. Improve access"
    layout = layout_of(d, rules)
    first, second = layout.tables()
    assert [[("<merged>" if c.merged else c.text) for c in r.cells] for r in first.rows] == [
        ["Outcome", "No.", "Action"],
        ["1.1 Parents", "1.1.1", "First paragraph\nSecond paragraph\nafter a break"],
        ["<merged>", "1.1.2", "Another"],
    ]
    assert [(c.text, c.span) for c in second.rows[0].cells] == [("2. Improve access", 3)]


def test_numbered_heading_keeps_its_number(rules) -> None:
    d = docx.Document()
    numbered = d.add_paragraph("Improve access to care", style="Heading 1")
    list_style = d.styles["List Number"]._element
    num_pr = list_style.find(qn("w:pPr")).find(qn("w:numPr"))
    numbered._p.get_or_add_pPr().append(parse_xml(num_pr.xml if hasattr(num_pr, "xml") else num_pr))
    [block] = layout_of(d, rules).blocks
    assert (block.kind, block.text) == ("heading", "1. Improve access to care")


def test_deleted_table_row_is_left_out(rules) -> None:
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.rows[0].cells[0].text, t.rows[0].cells[1].text = "Kept", "row"
    t.rows[1].cells[0].text, t.rows[1].cells[1].text = "Deleted", "row"
    t.rows[1]._tr.get_or_add_trPr().append(parse_xml(f'<w:del {nsdecls("w")} w:id="9" w:author="A"/>'))
    [table] = layout_of(d, rules).tables()
    assert [[c.text for c in r.cells] for r in table.rows] == [["Kept", "row"]]


def test_content_controls_with_and_without_content(rules) -> None:
    """A content control's paragraphs are read in place; one with no content part (the schema
    allows it) holds nothing and is passed over, in the body and in a table row."""
    d = docx.Document()
    d.add_paragraph("Before")
    body = d.element.body
    sect = body[-1]
    sect.addprevious(
        parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Inside</w:t></w:r></w:p></w:sdtContent></w:sdt>")
    )
    sect.addprevious(parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/></w:sdt>"))
    t = d.add_table(rows=1, cols=2)
    t.rows[0].cells[0].text, t.rows[0].cells[1].text = "A", "B"
    t._tbl.append(parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/></w:sdt>"))
    d.add_paragraph("After")
    layout = layout_of(d, rules)
    assert [b.text for b in layout.blocks if b.kind != "table"] == ["Before", "Inside", "After"]
    assert [[c.text for c in r.cells] for r in layout.tables()[0].rows] == [["A", "B"]]


def _saved(document: Any) -> dict[str, bytes]:
    import zipfile

    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zipped(parts: dict[str, bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_text_after_a_comment_inside_a_text_run_is_kept(rules) -> None:
    """Word writes none, but an XML comment or instruction inside w:t must not end its text."""
    d = docx.Document()
    d.add_paragraph("Train staff")
    parts = _saved(d)
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"Train staff", b"Train <!-- a note --> all <?pi x?> staff"
    )
    layout = read(Path("test.docx"), _zipped(parts), rules)
    assert [b.text for b in layout.blocks] == ["Train  all  staff"]


def test_numbers_from_a_lost_numbering_part_are_a_finding(rules) -> None:
    d = docx.Document()
    d.add_paragraph("Train staff", style="List Number")
    d.add_paragraph("Audit the data", style="List Number")
    parts = _saved(d)
    assert not [n.code for n in read(Path("test.docx"), _zipped(parts), rules).notes]
    parts["word/numbering.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering ' + nsdecls("w").encode() + b"/>"
    )
    layout = read(Path("test.docx"), _zipped(parts), rules)
    assert [(n.severity, n.code) for n in layout.notes] == [("warning", "missing-numbering")]
    assert layout.notes[0].message.startswith("2 numbered paragraph(s) use list numbering")
