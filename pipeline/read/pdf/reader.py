"""PDF files into a Layout: pages read one at a time, then put together.

Stages (each its own module, each result inspectable with `extract --debug`):
1. `pdf_open.open_pdf` opens the file or fails with a one-line reason (its remarks, e.g. that
   the file was repaired, go into the layout's notes);
2. `pdf_page.read_page` turns one page into words, lines and table fragments (ruled tables in
   `pdf_ruled`, borderless ones in `pdf_borderless`), then the page is closed so its cached
   objects are released and memory does not grow with the page count; a page whose content
   cannot be interpreted costs that page only (a warning names it), not the document. The
   page loop is `pdf_parallel.read_pages`: a long PDF's pages are split across processes
   there when the machine has cores to spare, merged back in page order;
3. `pdf_assemble.assemble` settles what needs the whole document: running headers and footers,
   tables that go on over page breaks, paragraphs, heading levels, the word report.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.core.errors import DamagedFile
from pipeline.core.layout import Layout
from pipeline.core.model import DOCUMENT, Note
from pipeline.read.geometry.assemble import assemble
from pipeline.read.guard import opening_notes
from pipeline.read.pdf.opener import open_pdf
from pipeline.read.pdf.parallel import page_jobs, read_pages
from pipeline.rules import Rules


def read(path: Path, data: bytes | None, rules: Rules, password: str | None = None) -> Layout:
    raw = path.read_bytes() if data is None else data
    pdf = open_pdf(raw, rules, password)
    notes = opening_notes(pdf)
    try:
        pages, unreadable = read_pages(pdf, rules, path.name, page_jobs(len(pdf.pages)), password)
    finally:
        pdf.close()
    if unreadable and len(unreadable) == len(pages):
        raise DamagedFile(f"damaged PDF: none of its {len(pages)} page(s) could be read")
    layout = assemble(pages, rules)
    notes += [
        Note(
            "warning",
            "unreadable-page",
            DOCUMENT,
            f"Page {n} could not be read (its content is damaged); anything on it is missing - "
            "check it in the original.",
        )
        for n in unreadable
    ]
    layout.notes = notes + layout.notes
    return layout
