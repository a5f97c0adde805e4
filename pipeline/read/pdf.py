"""PDF files into a Layout: pages read one at a time, then put together.

Stages (each its own module, each result inspectable with `extract --debug`):
1. `pdf_open.open_pdf` opens the file or fails with a one-line reason (its remarks, e.g. that
   the file was repaired, go into the layout's notes);
2. `pdf_page.read_page` turns one page into words, lines and table fragments (ruled tables in
   `pdf_ruled`, borderless ones in `pdf_borderless`), then the page is closed so its cached
   objects are released and memory does not grow with the page count;
3. `pdf_assemble.assemble` settles what needs the whole document: running headers and footers,
   tables that go on over page breaks, paragraphs, heading levels, the word report.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.layout import Layout
from pipeline.read.guard import opening_notes
from pipeline.read.pdf_assemble import assemble
from pipeline.read.pdf_open import open_pdf
from pipeline.read.pdf_page import read_page
from pipeline.read.pdf_types import PageContent
from pipeline.rules import Rules


def read(path: Path, data: bytes | None, rules: Rules, password: str | None = None) -> Layout:
    raw = path.read_bytes() if data is None else data
    pdf = open_pdf(raw, rules, password)
    pages: list[PageContent] = []
    notes = opening_notes(pdf)
    try:
        for page in pdf.pages:
            try:
                pages.append(read_page(page, rules))
            finally:
                page.close()
    finally:
        pdf.close()
    layout = assemble(pages, rules)
    layout.notes = notes + layout.notes
    return layout
