"""PDF files into a Layout: pages read one at a time, then put together.

Stages (each its own module, each result inspectable with `extract --debug`):
1. `pdf_open.open_pdf` opens the file or fails with a one-line reason (its remarks, e.g. that
   the file was repaired, go into the layout's notes);
2. `pdf_page.read_page` turns one page into words, lines and table fragments (ruled tables in
   `pdf_ruled`, borderless ones in `pdf_borderless`), then the page is closed so its cached
   objects are released and memory does not grow with the page count; a page whose content
   cannot be interpreted costs that page only (a warning names it), not the document;
3. `pdf_assemble.assemble` settles what needs the whole document: running headers and footers,
   tables that go on over page breaks, paragraphs, heading levels, the word report.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pipeline.errors import DamagedFile, PipelineError, TooLarge
from pipeline.layout import Layout
from pipeline.read.guard import opening_notes
from pipeline.read.pdf_assemble import assemble
from pipeline.read.pdf_open import open_pdf
from pipeline.read.pdf_page import read_page
from pipeline.read.pdf_types import PageContent
from pipeline.rules import Rules

log = logging.getLogger(__name__)


def read(path: Path, data: bytes | None, rules: Rules, password: str | None = None) -> Layout:
    raw = path.read_bytes() if data is None else data
    pdf = open_pdf(raw, rules, password)
    pages: list[PageContent] = []
    notes = opening_notes(pdf)
    unreadable: list[int] = []
    try:
        for number, page in enumerate(pdf.pages, 1):
            try:
                pages.append(read_page(page, rules))
            except PipelineError:
                raise
            except MemoryError:
                raise TooLarge(f"page {number} needs more memory than allowed to read") from None
            except Exception as exc:  # one damaged page costs that page, not the document
                log.info("page %d of %s could not be read: %r", number, path.name, exc)
                unreadable.append(number)
                pages.append(PageContent(number=number, width=0.0, height=0.0))
            finally:
                page.close()
    finally:
        pdf.close()
    if unreadable and len(unreadable) == len(pages):
        raise DamagedFile(f"damaged PDF: none of its {len(pages)} page(s) could be read")
    layout = assemble(pages, rules)
    notes += [
        (
            "warning",
            "unreadable-page",
            f"Page {n} could not be read (its content is damaged); anything on it is missing - "
            "check it in the original.",
        )
        for n in unreadable
    ]
    layout.notes = notes + layout.notes
    return layout
