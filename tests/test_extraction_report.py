"""Every word of a PDF is accounted for, page by page, in the JSON and on its own sheet."""

from __future__ import annotations

from pathlib import Path

from pipeline.core.model import PageWords
from pipeline.emit.json_out import validate
from pipeline.emit.xlsx.document import EXTRACTION, build_workbook
from pipeline.process import process
from tests.helpers import FIXTURES, ROOT, as_dict


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
    assert rows[0][:2] == ("Page", "Words on the page")
    total = next(r for r in rows if r[0] == "All pages")
    assert total[1] == sum(p["words"] for p in pages) and total[5] == 0


def test_text_input_has_no_page_report(rules) -> None:
    doc = process(ROOT / "inputs" / "self-harm-action-plan.txt", rules)
    assert doc.extraction == []
    assert EXTRACTION not in build_workbook(doc, rules).sheetnames


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
