"""A PDF page that pdfminer cannot interpret must cost that page, not the document.

Real files mix good pages with one broken content stream (an unknown filter name, a damaged
LZW stream, an operator list that does not parse). The opener cannot see that in advance: it is
met page by page while reading. The reader is expected to read around it: the other pages come
out, and an error finding names the page that could not be read (what was on it is missing).
When no page at all can be read, the reason is one line for people, with no library class names
in it.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfgen import canvas

from pipeline.core.errors import PipelineError
from pipeline.process import process
from pipeline.read import read
from pipeline.rules import Rules
from tests.helpers import SHARED

HOSTILE = SHARED / "corpus" / "hostile"
LIBRARY_NAMES = re.compile(r"\b[A-Z][A-Za-z0-9]*(?:Error|Exception)\b|Pdfminer|pdfminer|lxml|zipfile")


def _three_pages_with_a_broken_middle() -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(595, 842), invariant=1)
    for word in ("Alpha outcome", "Broken page", "Gamma outcome"):
        pdf.setFont("Helvetica", 12)
        pdf.drawString(72, 770, word)
        pdf.showPage()
    pdf.save()
    doc = pikepdf.open(io.BytesIO(out.getvalue()))
    contents = doc.pages[1].obj.Contents
    contents.Filter = pikepdf.Name("/FlateDNcode")  # a misspelt filter: pdfminer refuses the stream
    fixed = io.BytesIO()
    doc.save(fixed)
    return fixed.getvalue()


def test_one_unreadable_page_does_not_sink_the_document(rules: Rules) -> None:
    layout = read(Path("plan.pdf"), rules, _three_pages_with_a_broken_middle())
    text = " ".join(b.text for b in layout.blocks)
    assert "Alpha outcome" in text and "Gamma outcome" in text
    assert any("Page 2" in n.message and n.severity == "error" for n in layout.notes), layout.notes


@pytest.mark.parametrize("name", ["qpdf__broken-lzw.pdf", "pdf.js__poppler-395-0-fuzzed.pdf"])
def test_unreadable_pages_give_a_reason_for_people(rules: Rules, name: str) -> None:
    data = (HOSTILE / name).read_bytes()
    with pytest.raises(PipelineError) as caught:
        process(HOSTILE / name, rules, data=data)
    assert not LIBRARY_NAMES.search(caught.value.reason), caught.value.reason
