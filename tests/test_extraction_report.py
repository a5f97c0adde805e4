"""Every word of a PDF is accounted for, page by page, in the JSON and on its own sheet."""

from __future__ import annotations

from pathlib import Path

from pipeline.core.model import PageWords
from pipeline.emit.json_out import validate
from pipeline.emit.xlsx.document import EXTRACTION, build_workbook
from pipeline.process import process
from tests.helpers import FIXTURES, ROOT, as_dict

COLUMN_HEADERS_ROW = ("Table", "Column", "Header in the plan", "Read as", "Confidence", "Why")


def test_pdf_pages_accounted_for(rules) -> None:
    doc = process(FIXTURES / "plan-word.pdf", rules)
    data = as_dict(doc)
    assert validate(data) == []
    pages = data["extraction"]
    assert [p["page"] for p in pages] == list(range(1, data["source"]["pages"] + 1))
    for page in pages:
        assert page["words"] == page["table"] + page["text"] + page["furniture"] + page["unaccounted"]
        assert page["unaccounted"] == 0
    assert sum(p["table"] for p in pages) > 1000 and sum(p["furniture"] for p in pages) > 0

    ws = build_workbook(doc, rules)[EXTRACTION]
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[:2] == ("Page", "Words on the page"))
    total = next(r for r in rows[start:] if r[0] == "All pages")
    assert total[1] == sum(p["words"] for p in pages) and total[5] == 0


def test_how_each_table_column_was_read_is_on_the_extraction_sheet(rules) -> None:
    """For every format that has table headers (PDF, Word, web page): header, field, confidence, why."""
    for name in ("plan-word.pdf", "plan-word.docx"):
        doc = process(FIXTURES / name, rules)
        assert doc.tables, name
        rows = list(build_workbook(doc, rules)[EXTRACTION].iter_rows(values_only=True))
        assert rows[0][0] == "Columns read as"
        start = next(i for i, r in enumerate(rows) if r[:6] == COLUMN_HEADERS_ROW)
        shown = [r[:6] for r in rows[start + 1 : start + 1 + sum(len(t.columns) for t in doc.tables)]]
        want = [
            (r[0], c.column + 1, c.header, c.field or "kept under its own header", round(c.confidence, 2), c.evidence)
            for r, c in (
                ((f"{k}" + (f" (page {t.page})" if t.page else ""),), c)
                for k, t in enumerate(doc.tables, 1)
                for c in t.columns
            )
        ]
        assert shown == want, name
        assert any(r[3] == "status" for r in shown) and any(r[3] == "text" for r in shown)


def test_text_input_says_how_its_columns_were_read_and_has_no_page_report(rules) -> None:
    doc = process(ROOT / "inputs" / "self-harm-action-plan.txt", rules)
    assert doc.extraction == []
    rows = list(build_workbook(doc, rules)[EXTRACTION].iter_rows(values_only=True))
    assert rows[0][0] == "Columns read as" and "was read as text" in rows[1][0]
    assert not any(r[0] == "Table" for r in rows)  # no empty table of columns
    assert not any(r[0] == "All pages" for r in rows)
    guidance = process(ROOT / "inputs" / "self-harm-reflection-tool.txt", rules)
    assert EXTRACTION not in build_workbook(guidance, rules).sheetnames


def test_lost_words_are_counted_and_reported(rules, tmp_path: Path) -> None:
    from pipeline.emit.xlsx.document import write_extraction
    from pipeline.emit.xlsx.style import new_workbook

    doc = process(ROOT / "inputs" / "self-harm-action-plan.txt", rules)
    doc.extraction = [
        PageWords(page=1, words=10, table=5, text=2, furniture=1, unaccounted=2, undecodable_characters=0)
    ]
    wb = new_workbook()
    write_extraction(wb, doc)
    values = [c for row in wb[EXTRACTION].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any("2 word(s) were not placed anywhere" in v for v in values)
