"""Text laid out in columns: a table printed with spaces, as `pdftotext -layout` writes a PDF.

A plan converted to text by a PDF tool, or typed in a fixed-width editor, keeps its table as
columns of characters: each cell's lines start at the same character position, cells are set
apart by two or more spaces, and a form feed ends each page. That is the PDF reader's
borderless case with characters for points, so it is read by the same code: each line becomes
a line of words whose positions are character columns (one space between words is an ordinary
word space, two or more a column gap), each form feed a new page; the borderless-table reader
finds the header by its column names (rules/headers.yaml), cuts the rows, carries a table over
page breaks and drops running headers, footers and page numbers.

Records keep the text file's line numbers (and its pages, when it has form feeds); positions
in characters mean nothing to an officer and are not kept.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from pipeline.core.layout import Layout
from pipeline.core.text import safe_text
from pipeline.read.geometry.borderless import cut_rows, word_runs
from pipeline.read.geometry.types import ColumnModel, Fragment, Item, Line, PageContent, Word
from pipeline.rules import Rules

CHAR_WIDTH = 5.0  # points per character: one space (5) is a word space, two (10) a column gap
LINE_HEIGHT = 12.0  # points per line: lines of one cell touch, a blank line is a row gap
SIZE = 10.0  # the "font size" every character is set in
TAB = 8
_WORD = re.compile(r"\S+")
_GAP = re.compile(r"\S {2,}\S")


def read_columns(text: str, rules: Rules) -> Layout | None:
    """The layout of a text whose tables are laid out in columns, or None when it has none."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not any(len(_GAP.findall(line)) >= 2 for line in text.split("\n")):
        return None  # no line has three runs of words set apart: nothing in columns
    from pipeline.read.geometry.assemble import assemble
    from pipeline.read.geometry.borderless import find_tables
    from pipeline.read.geometry.lines import PAGE_NUMBER, mark_bands

    pages, first_line = _pages(text)
    found = False
    for page, lines in pages:
        mark_bands(lines, page)
        if lines and PAGE_NUMBER.match(lines[-1].text):
            lines[-1].furniture = True  # a page's last line "Page 2", wherever a short page ends
            lines[-1].place("furniture")
        page.items = find_tables(lines, [], rules, page, squeezed=True)
        found = found or any(isinstance(item, Fragment) for item in page.items)
    if not found:
        return None
    _headerless_tables(pages, rules)
    contents = [page for page, _ in pages]
    layout = assemble(contents, rules)
    layout.format = "txt"
    one_page = len(contents) == 1
    _to_lines(layout, first_line, keep_pages=not one_page)
    if one_page:
        layout.pages = None
        layout.word_report = []
    return layout


def _pages(text: str) -> tuple[list[tuple[PageContent, list[Line]]], dict[int, int]]:
    """Each form-feed page as positioned words and lines, like a PDF page; and the file line
    each page starts on."""
    out: list[tuple[PageContent, list[Line]]] = []
    first_line: dict[int, int] = {}
    chunks = text.split("\f")
    if len(chunks) > 1 and not chunks[-1].strip():
        chunks.pop()  # the form feed that ends the last page
    line = 1
    for number, chunk in enumerate(chunks, 1):
        first_line[number] = line
        line += chunk.count("\n")
        rows = safe_text(chunk.expandtabs(TAB)).split("\n")
        page = PageContent(
            number=number,
            width=max((len(r) for r in rows), default=0) * CHAR_WIDTH,
            height=max(len(rows), 1) * LINE_HEIGHT,
        )
        lines: list[Line] = []
        for index, row in enumerate(rows):
            top = index * LINE_HEIGHT
            words = [
                Word(m.group(), m.start() * CHAR_WIDTH, m.end() * CHAR_WIDTH, top, top + SIZE, SIZE, False, number)
                for m in _WORD.finditer(row)
            ]
            if words:
                lines.append(Line(words, number))
                page.words.extend(words)
        page.sizes = Counter({SIZE: sum(len(w.text) for w in page.words)})
        page.glyphs = page.sizes[SIZE]
        out.append((page, lines))
    return out, first_line


def _headerless_tables(pages: list[tuple[PageContent, list[Line]]], rules: Rules) -> None:
    """Tables after the first that print no header, each with columns of its own.

    A browser prints one HTML table per section with the header only in the first, and sizes
    each table's columns to its contents: the later tables share the first one's columns in
    name and number but not in position. Such a table is known by its first row: its lines
    fall into as many columns (set apart by two or more spaces on every line) as the table
    before had, and its id column opens with an action id.
    """
    action_id = re.compile(rules.action_id + r"\.?")
    model: ColumnModel | None = None
    for page, _ in pages:
        out: list[Item] = []
        items = page.items
        i = 0
        while i < len(items):
            item = items[i]
            if isinstance(item, Fragment):
                model = item.model or model
            elif model is not None and _may_open_row(item, action_id):
                lines = list(itertools.takewhile(lambda it: isinstance(it, Line), items[i:]))
                restart = _restart(lines, model, action_id)  # type: ignore[arg-type]
                if restart is not None:
                    fragment, taken = cut_rows(lines, 0, 0, restart, rules, page.number)  # type: ignore[arg-type]
                    model = restart
                    out.append(fragment)
                    i += max(taken, 1)
                    continue
            out.append(item)
            i += 1
        page.items = out


def _may_open_row(line: Line, action_id: re.Pattern[str]) -> bool:
    """Could this line open a table's first row: three words or more, one of them an action id?"""
    return (
        not (line.furniture or line.band)
        and len(line.words) >= 3
        and any(action_id.fullmatch(w.text) for w in line.words)
    )


def _restart(lines: list[Line], model: ColumnModel, action_id: re.Pattern[str]) -> ColumnModel | None:
    """The columns of a headerless table starting at lines[0], when it is one like `model`'s."""
    if model.anchor is None:
        return None
    first_row = [lines[0]]
    for line in lines[1:]:
        if line.top - first_row[-1].bottom > LINE_HEIGHT - SIZE + 0.1:
            break  # a blank line ends the row
        if any(action_id.fullmatch(w.text) for w in line.words):
            break  # the next row's id
        first_row.append(line)
    # (start, end) of each run of words set with single spaces
    runs = [(run[0].x0, run[-1].x1) for line in first_row for run in word_runs(line)]
    starts: list[float] = []
    for start in sorted({r[0] for r in runs}):
        if any(r[0] < start < r[1] for r in runs):
            continue  # a run of another line goes over it: not a column edge
        if starts and start - starts[-1] <= 2 * CHAR_WIDTH:
            continue  # the same column, its lines starting a character apart
        starts.append(start)
    lefts = _align(starts, model.lefts)
    if lefts is None:
        return None
    right = max(r[1] for r in runs)
    edges = [*lefts[1:], right + 1]
    anchor = " ".join(w.text for w in lines[0].words if lefts[model.anchor] <= w.x0 < edges[model.anchor])
    if not action_id.fullmatch(anchor):
        return None
    return ColumnModel(lefts=lefts, right=right, anchor=model.anchor, size=SIZE, header=model.header)


def _align(starts: list[float], lefts: list[float]) -> list[float] | None:
    """Column edges for a first row that leaves a cell or two empty ("Links" blank).

    Each edge found is matched, in order, to the nearest column of the table before; a column
    with no edge of its own keeps that table's edge. None when the edges cannot be matched
    (more of them than columns, or two on one column, or an empty first column).
    """
    if len(starts) == len(lefts):
        return starts
    if len(starts) > len(lefts) or len(lefts) - len(starts) > 2 or len(starts) < 3:
        return None
    taken: dict[int, float] = {}
    previous = -1
    for start in starts:
        column = min(range(previous + 1, len(lefts)), key=lambda c: abs(lefts[c] - start), default=None)
        if column is None or abs(lefts[column] - start) > 6 * CHAR_WIDTH:
            return None
        taken[column] = start
        previous = column
    if 0 not in taken:
        return None
    out = [taken.get(c, lefts[c]) for c in range(len(lefts))]
    return out if all(a < b for a, b in itertools.pairwise(out)) else None


def _line_of(top: float | None, first: int) -> int | None:
    return None if top is None else first + round(top / LINE_HEIGHT)


def _to_lines(layout: Layout, first_line: dict[int, int], keep_pages: bool) -> None:
    """Character positions become the file's line numbers; pages stay only when there are several."""
    for block in layout.blocks:
        block.line = _line_of(block.bbox[1] if block.bbox else None, first_line.get(block.page or 1, 1))
        block.bbox, block.size = None, None
        for row in block.rows:
            row.line = _line_of(row.bbox[1] if row.bbox else None, first_line.get(row.page or 1, 1))
            row.bbox = None
            for cell in row.cells:
                cell.bbox = None
                cell.page = cell.page if keep_pages else None
            row.page = row.page if keep_pages else None
        block.page = block.page if keep_pages else None
