"""PDF files into a Layout: pages read one at a time, then put together.

Stages (each its own module, each result inspectable with `extract --debug`):
1. `pdf_open.open_pdf` opens the file or fails with a one-line reason (its remarks, e.g. that
   the file was repaired, go into the layout's notes); `pdf_pages.Pages` parses its pages with
   playa, pdfminer where playa cannot (a note says which pages);
2. `pdf_page.read_page` turns one page into words, lines and table fragments (ruled tables in
   `pdf_ruled`, borderless ones in `pdf_borderless`), then the page is closed so its cached
   objects are released and memory does not grow with the page count; a page whose content
   cannot be interpreted costs that page only (an error finding names it), not the document. The
   page loop is `pdf_parallel.read_pages`: a long PDF's pages are split across processes
   there when the machine has cores to spare, merged back in page order;
3. `pdf_assemble.assemble` settles what needs the whole document: running headers and footers,
   tables that go on over page breaks, paragraphs, heading levels, the word report;
4. `pdf_losses` checks that no page gave less text than it holds: what the PDF libraries said
   while reading it, its text operators against the characters they gave, and a page with
   nothing on it between full ones; each shortfall is an error finding naming the page.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.core.errors import DamagedFile
from pipeline.core.layout import Layout
from pipeline.core.model import DOCUMENT, Note
from pipeline.read.geometry.assemble import assemble
from pipeline.read.geometry.types import PageContent
from pipeline.read.guard import opening_notes
from pipeline.read.pdf.losses import damaged_pages, lost_text_notes
from pipeline.read.pdf.opener import open_pdf
from pipeline.read.pdf.pages import FALLBACK, Pages
from pipeline.read.pdf.parallel import page_jobs, read_pages
from pipeline.rules import Rules


def read(path: Path, data: bytes | None, rules: Rules, password: str | None = None) -> Layout:
    raw = path.read_bytes() if data is None else data
    pdf = open_pdf(raw, rules, password)
    notes = opening_notes(pdf)
    try:
        parsed = Pages(pdf, password)
        try:
            pages, unreadable = read_pages(parsed, rules, path.name, page_jobs(parsed.count), password)
        finally:
            parsed.close()
    finally:
        pdf.close()
    if unreadable and len(unreadable) == len(pages):
        raise DamagedFile(f"damaged PDF: none of its {len(pages)} page(s) could be read")
    damaged = damaged_pages(pages)
    if damaged and not any(page.words for page in pages):
        raise DamagedFile(
            f"damaged PDF: the text of page(s) {_ranges(damaged)} could not be read, and no other page has any"
        )
    layout = assemble(pages, rules)
    notes += [
        Note(
            "error",
            "unreadable-page",
            DOCUMENT,
            f"Page {n} could not be read (its content is damaged); anything on it is missing - "
            "check it in the original.",
        )
        for n in unreadable
    ]
    notes += lost_text_notes(pages, unreadable)
    notes += fallback_notes(pages, unreadable, parsed.refused)
    layout.notes = notes + layout.notes
    layout.library_warnings = [f"page {page.number}: {said}" for page in pages for said in page.library_warnings]
    return layout


def fallback_notes(pages: list[PageContent], unreadable: list[int], refused: str) -> list[Note]:
    """Which pages the slower parser read, and why (the text is the same; this is for the record)."""
    slow = [p.number for p in pages if p.parser == FALLBACK and p.number not in unreadable]
    if not slow:
        return []
    if refused:
        why = f"the fast parser (playa) could not stand in for it: {refused}"
    else:
        why = "the fast parser (playa) could not read them as pdfminer does"
    where = "every page" if len(slow) == len(pages) else "page(s) " + _ranges(slow)
    return [Note("info", "pdf-parser", DOCUMENT, f"pdfminer read {where} of this PDF, as {why}.")]


def _ranges(numbers: list[int]) -> str:
    """1, 2, 3, 5 -> "1-3, 5"."""
    out: list[str] = []
    start = previous = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == previous + 1:
            previous = n
            continue
        out.append(str(start) if start == previous else f"{start}-{previous}")
        if n is not None:
            start = previous = n
    return ", ".join(out)
