"""Pages read one by one, put together: furniture, tables across page breaks, blocks, word report.

What no single page can tell is settled here, in page order:
- running headers and footers: the same text at the same place in the margin of two or more
  pages (page numbers are recognised on their own page already);
- a borderless table that goes on to the next page without its header is cut with the
  previous page's columns;
- a table that ends one page and starts the next with the same columns is one table: its rows
  keep their own pages, a header row printed again on the new page is left out (the extractor
  joins a row that a page break split, since only it knows which column holds the ids);
- text set side by side outside the tables (a sidebar beside the introduction) is read column
  by column (`geometry.columns`), once the tables that go on over a page break are known;
- a paragraph or list item broken by a page break is joined;
- the title and heading levels come from the sizes used in the whole document;
- a word a narrow column broke across two lines is joined, judged by the whole document's words;
- every word is accounted for: the word report counts, page by page, the words that went into
  tables, text and page furniture, and any word that went nowhere becomes a warning.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict

from pipeline.core.errors import GarbledText, NoTextLayer, NotRecognised
from pipeline.core.layout import Block, Layout, Row
from pipeline.core.model import DOCUMENT, Note, PageWords
from pipeline.core.text import clean
from pipeline.read.geometry.borderless import cut_rows, fits
from pipeline.read.geometry.columns import split_columns
from pipeline.read.geometry.flow import build_blocks
from pipeline.read.geometry.lines import BAND, body_size
from pipeline.read.geometry.types import Fragment, Item, Line, PageContent
from pipeline.read.geometry.wordbreak import resolve as resolve_word_breaks
from pipeline.rules import Rules


def assemble(pages: list[PageContent], rules: Rules) -> Layout:
    notes = check_text_layer(pages, rules)
    mark_running_furniture(pages)
    body = body_size(_text_sizes(pages))
    continue_borderless(pages, rules)
    separate_columns(pages)
    blocks, indents = _blocks(pages, body)
    _levels(blocks, indents)
    resolve_word_breaks(blocks)
    report, unplaced = word_report(pages)
    notes += unplaced
    return Layout(format="pdf", blocks=blocks, pages=len(pages), notes=notes, word_report=report)


def _text_sizes(pages: list[PageContent]) -> Counter[float]:
    """Characters per font size, page furniture left out: the body size is the text's, not the footer's."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for word in page.words:
            if word.place != "furniture":
                sizes[word.size] += len(word.text)
    return sizes


# ----------------------------------------------------------------------------- text layer


def check_text_layer(pages: list[PageContent], rules: Rules) -> list[Note]:
    """Scanned pages and undecodable fonts: an error when they are the document, a note when not."""
    notes: list[Note] = []
    glyphs = sum(p.glyphs for p in pages)
    garbled = sum(p.garbled for p in pages)
    # a page with images and text operators that gave no words is damaged, not scanned (`pdf.losses`)
    scanned = [p.number for p in pages if p.images and not p.words and not p.garbled and not p.text_ops]
    with_text = [p.number for p in pages if p.words]
    if not with_text:
        if garbled:
            raise GarbledText("the text cannot be decoded (the fonts carry no character map)")
        if scanned:
            raise NoTextLayer("no text layer: the pages are scanned images")
        raise NotRecognised(
            "no text found in the PDF (its pages are empty)", "check the file is the document you meant to send"
        )
    if scanned and len(scanned) * 2 > len(pages):
        raise NoTextLayer(f"no text layer on {len(scanned)} of {len(pages)} pages (scanned images)")
    for number in scanned:
        notes.append(
            Note(
                "warning",
                "no-text-layer",
                DOCUMENT,
                f"Page {number} is an image with no text layer; anything on it was not read "
                "(run OCR on the file if it holds part of the plan).",
            )
        )
    if glyphs and garbled / glyphs > rules.limits.garbled_ratio:
        raise GarbledText(f"{garbled / glyphs:.0%} of the characters cannot be decoded (fonts without a character map)")
    if garbled:
        where = ", ".join(str(p.number) for p in pages if p.garbled)
        notes.append(
            Note(
                "warning",
                "undecodable-characters",
                DOCUMENT,
                f"{garbled} character(s) that the PDF's fonts do not map to text were left out (pages {where}).",
            )
        )
    return notes


# ----------------------------------------------------------------------------- furniture


def _margin_key(line: Line, page: PageContent) -> tuple[str, int, str] | None:
    if line.bottom <= page.height * BAND:
        side, offset = "top", line.top
    elif line.top >= page.height * (1 - BAND):
        side, offset = "bottom", page.height - line.bottom
    else:
        return None
    text = re.sub(r"\d+", "#", clean(line.text).lower())
    return side, round(offset / 3), text


def mark_running_furniture(pages: list[PageContent]) -> None:
    """Text at the same place in the margin of two or more pages is a running header or footer."""
    if len(pages) < 2:
        return
    seen: defaultdict[tuple[str, int, str], set[int]] = defaultdict(set)
    for page in pages:
        for item in page.items:
            if isinstance(item, Line) and (key := _margin_key(item, page)) is not None:
                seen[key].add(page.number)
    for page in pages:
        for item in page.items:
            if isinstance(item, Line) and not item.furniture:
                key = _margin_key(item, page)
                if key is not None and len(seen[key]) >= 2:
                    item.furniture = True
                    item.place("furniture")


# ----------------------------------------------------------------------------- borderless over pages


def _content(items: list[Item]) -> list[Item]:
    return [i for i in items if not (isinstance(i, Line) and (i.furniture or i.band))]


def continue_borderless(pages: list[PageContent], rules: Rules) -> None:
    """Cut the lines that open a page with the columns of the borderless table that ended the last."""
    for previous, page in itertools.pairwise(pages):
        before = _content(previous.items)
        if not before or not isinstance(before[-1], Fragment) or before[-1].model is None:
            continue
        last = before[-1]
        model = last.model
        assert model is not None
        lines: list[Line] = []
        for item in page.items:
            if isinstance(item, Fragment):
                break
            if item.furniture or item.band:
                continue
            lines.append(item)
        if not lines or not fits(lines[0], model) or not _goes_on(lines[0], last):
            continue
        fragment, end = cut_rows(lines, 0, 0, model, rules, page.number)
        taken = {id(line) for line in lines[:end]}
        items = [i for i in page.items if id(i) not in taken]
        items.append(fragment)
        items.sort(key=lambda i: i.top)
        page.items = items


def _goes_on(line: Line, last: Fragment) -> bool:
    """A first line that fills two columns, or continues a column the last row was writing in."""
    assert last.model is not None
    columns = {last.model.column(w.x0) for w in line.words}
    if len(columns) >= 2:
        return True
    filled = {i for i, cell in enumerate(last.rows[-1].cells) if cell.text.strip()} if last.rows else set()
    return columns <= filled


def separate_columns(pages: list[PageContent]) -> None:
    """Each page's text between its tables in reading order, columns side by side one after the other."""
    for page in pages:
        items: list[Item] = []
        run: list[Line] = []
        for item in page.items:
            if isinstance(item, Line) and not (item.furniture or item.band):
                run.append(item)
                continue
            items.extend(split_columns(run))
            run = []
            items.append(item)
        items.extend(split_columns(run))
        page.items = items


# ----------------------------------------------------------------------------- blocks


def _same_columns(a: Fragment, b: Fragment, width: float) -> bool:
    if len(a.columns) != len(b.columns) or a.ruled != b.ruled:
        return False
    tolerance = max(4.0, width * 0.01)
    return all(abs(x - y) <= tolerance for x, y in zip(a.columns, b.columns, strict=True))


def _row_key(row: Row) -> tuple[str, ...]:
    return tuple(clean(c.text) for c in row.cells)


def _blocks(pages: list[PageContent], body: float) -> tuple[list[Block], list[float | None]]:
    blocks: list[Block] = []
    indents: list[float | None] = []
    table: tuple[Block, Fragment] | None = None  # the table that may go on over the page break
    for page in pages:
        content = [i for i in page.items if not (isinstance(i, Line) and i.furniture)]
        pending: list[Line] = []

        def flush(page: PageContent = page, pending: list[Line] = pending, content: list[Item] = content) -> None:
            first_on_page = bool(pending) and bool(content) and content[0] is pending[0]
            for line in pending:
                line.place("text")
            for n, (block, indent) in enumerate(build_blocks(pending, body)):
                if n == 0 and first_on_page and _joins(blocks, block, page.number):
                    previous = next(b for b in reversed(blocks) if b.kind != "furniture")
                    previous.text += "\n" + block.text
                    continue
                blocks.append(block)
                indents.append(indent)
            pending.clear()

        for item in page.items:
            if isinstance(item, Line):
                if item.furniture:
                    flush()
                    blocks.append(
                        Block(kind="furniture", text=item.text, page=page.number, bbox=item.bbox, size=item.size)
                    )
                    indents.append(None)
                else:
                    pending.append(item)
                continue
            flush()
            last = next((b for b in reversed(blocks) if b.kind != "furniture"), None)
            if (
                table is not None
                and last is table[0]
                and item is content[0]
                and table[1].page == page.number - 1
                and _same_columns(table[1], item, page.width)
            ):
                rows = item.rows
                if rows and table[0].rows and _row_key(rows[0]) == _row_key(table[0].rows[0]):
                    rows = rows[1:]  # the header row printed again on the new page
                table[0].rows.extend(rows)
                table = (table[0], item)
                continue
            block = Block(kind="table", page=page.number, bbox=item.bbox, rows=list(item.rows))
            blocks.append(block)
            indents.append(None)
            table = (block, item)
        flush()
        if content and not isinstance(content[-1], Fragment):
            table = None
    return blocks, indents


def _joins(blocks: list[Block], block: Block, page: int) -> bool:
    """Does this first block of a page continue the last text block of the page before?"""
    previous = next((b for b in reversed(blocks) if b.kind != "furniture"), None)
    if previous is None or previous.page != page - 1:
        return False
    if previous.kind not in ("paragraph", "list_item") or block.kind != "paragraph":
        return False
    if previous.bold != block.bold or abs((previous.size or 0) - (block.size or 0)) > 0.6:
        return False
    text = previous.text.rstrip()
    return bool(text) and text[-1] not in ".?!:;" and block.text[:1].islower()


def _levels(blocks: list[Block], indents: list[float | None]) -> None:
    """The title, heading levels by size across the document, list depths by indent.

    The title is the document's first heading, on page 1 and before any table, when nothing
    later is set larger (banners and dates above it do not matter).
    """
    headings = [b for b in blocks if b.kind == "heading"]
    first = next((b for b in blocks if b.kind in ("heading", "table")), None)
    largest = max((b.size or 0 for b in headings), default=0)
    if first is not None and first.kind == "heading" and first.page == 1 and (first.size or 0) >= largest - 0.25:
        first.kind = "title"
        headings = headings[1:]
    sizes = sorted({round((b.size or 0) * 2) / 2 for b in headings}, reverse=True)
    for b in headings:
        b.level = sizes.index(round((b.size or 0) * 2) / 2) + 1
    depths = sorted({round(i) for b, i in zip(blocks, indents, strict=True) if b.kind == "list_item" and i is not None})
    clusters: list[float] = []
    for x in depths:
        if not clusters or x - clusters[-1] > 6:
            clusters.append(x)
    for block, indent in zip(blocks, indents, strict=True):
        if block.kind == "list_item" and indent is not None:
            block.level = max(i for i, x in enumerate(clusters) if x <= round(indent) + 0.5)


# ----------------------------------------------------------------------------- word report


def word_report(pages: list[PageContent]) -> tuple[list[PageWords], list[Note]]:
    """Per page: how many words went into tables, text and furniture; a note for any that went nowhere."""
    report: list[PageWords] = []
    notes: list[Note] = []
    for page in pages:
        counts = Counter(w.place for w in page.words)
        lost = [w.text for w in page.words if w.place is None]
        report.append(
            PageWords(
                page=page.number,
                words=len(page.words),
                table=counts["table"],
                text=counts["text"],
                furniture=counts["furniture"],
                unaccounted=len(lost),
                undecodable_characters=page.garbled,
            )
        )
        if lost:
            shown = ", ".join(repr(t) for t in lost[:12]) + (" ..." if len(lost) > 12 else "")
            notes.append(
                Note(
                    "warning",
                    "unaccounted-words",
                    DOCUMENT,
                    f"Page {page.number}: {len(lost)} word(s) were not placed in any table, heading or "
                    f"paragraph: {shown}",
                )
            )
    return report, notes
