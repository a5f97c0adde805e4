"""Borderless tables: columns learned from the header words, rows from the id column.

With no ruling lines, a table is only words set in columns. The header row is what gives it
away: a band of one to three lines whose word groups are column names from rules/headers.yaml
("Ref", "What we will do", "Links with other actions /" + "workstreams" wrapped under it). Each
header cell's left edge starts a column; the white gaps ("rivers") that run down the body then
put each boundary where the body's words really start (a centred header sits right of its
column's text). The table goes on down the page until a line crosses a column boundary with
an ordinary word space (a heading or paragraph across the page), a bigger font, or the margin.

Rows: a new row starts where the anchor column (the one holding ids, or questions) has a line
that is an id or follows a gap; without an anchor column, where a gap opens between lines.
An id too wide for a narrow id column is broken by the program that drew it ("10.10.1" over
"0"): a line whose only anchor text is digits, set close under the row's id, where that id
reaches as far right as any text in the column (it filled it) and the two read together as an
id, finishes that id; it does not start a row.
Lines above the first anchor (a row that began on the previous page) form a row of their own,
with an empty anchor cell; the extractor joins it to the row it continues.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from pipeline.core.layout import Cell, Row
from pipeline.core.text import clean
from pipeline.read.geometry.types import ColumnModel, Fragment, Item, Line, PageContent, Word
from pipeline.rules import Rules


@dataclass(frozen=True)
class BorderlessSettings:
    """How a table without lines is told from text: its header, its columns and its rows."""

    run_gap: float = 0.6
    """White, in font sizes, that separates two header cells on one line: a word space is 0.25 to
    0.33 of the size, justified text stretches it to about 0.5, and cells stand further apart."""
    row_gap: float = 0.45
    """White between lines, in font sizes, that starts a new row: lines of one cell are 0.15 to
    0.25 apart, rows add the cell's padding (reportlab 7 pt, Word's paragraph spacing)."""
    header_gap: float = 0.8
    """White, in font sizes, under which the next line still belongs to a wrapped header cell:
    wider than a line's own spacing, narrower than the gap a header leaves above the first row."""
    header_sizes: float = 0.15
    """Share of the size by which the lines of one header may differ: a header is set in one size
    (rounding moves it by 0.5 pt at most, 5 % of a 10 pt size)."""
    larger: float = 1.2
    """A line more than this many times the table's size (plus `larger_slack`) is a heading, not a
    row: Word's Heading 2 is 1.18 of the body, cells are set in one size."""
    larger_slack: float = 0.5
    """Points added to `larger`, for rounding."""
    margin: float = 2.0
    """Font sizes left of the first column a line may start and still be in the table: a cell's
    text is at most its padding out of line; a paragraph set at the page margin is further left."""
    crossing: float = 3.0
    """Font sizes into a column that a run of words must start before it crosses a boundary, for
    the line to be running text across the table; centred header text sits less far in."""
    reach: float = 0.5
    """Font sizes short of the widest text in the id column that a broken id must reach (it was
    stopped by the column's edge, so it is as wide as anything in the column)."""
    slack: float = 1.0
    """Points of slack for boxes that touch: PDF producers round positions to 0.01 to 1 point."""

    def __post_init__(self) -> None:
        values = (self.run_gap, self.row_gap, self.header_gap, self.larger, self.margin, self.crossing, self.reach)
        if min(values) <= 0 or self.header_sizes < 0 or self.larger_slack < 0 or self.slack < 0:
            raise ValueError("borderless settings must be positive")
        if self.larger < 1:
            raise ValueError("larger must be at least 1 (a heading is larger than the table's text)")


BORDERLESS = BorderlessSettings()
_ID_LIKE = re.compile(r"^\(?\d{1,3}(?:\.\d{1,3}){0,3}\.?\)?$")
_ID_TAIL = re.compile(r"^\.?\d{1,3}\.?$")  # what is left of an id broken at a column's edge: "0", ".10"
_ANCHORS = {"plan": "id", "guidance_form": "question"}
_NEEDED = {"plan": ("id", "text"), "guidance_form": ("question",)}


def find_tables(lines: list[Line], ruled: list[Fragment], rules: Rules, content: PageContent) -> list[Item]:
    """The page in reading order: text lines, ruled fragments, and borderless tables found in the lines."""
    items: list[Item] = []
    i = 0
    model: ColumnModel | None = None
    while i < len(lines):
        line = lines[i]
        if line.furniture or line.band:
            items.append(line)
            i += 1
            continue
        header = find_header(lines, i, rules)
        if header is not None:
            end, model = header
            fragment, i = cut_rows(lines, i, end, model, rules, content.number)
            items.append(fragment)
            continue
        if model is not None and fits(line, model, first=True):
            fragment, i = cut_rows(lines, i, i, model, rules, content.number)
            if fragment.rows:
                items.append(fragment)
                continue
        items.append(line)
        i += 1
    items += ruled
    items.sort(key=lambda item: item.top)
    return items


# ----------------------------------------------------------------------------- header


def word_runs(line: Line) -> list[list[Word]]:
    """A line's words in runs separated by more than an ordinary word space."""
    runs: list[list[Word]] = []
    for word in line.words:
        if runs and word.x0 - runs[-1][-1].x1 <= BORDERLESS.run_gap * word.size:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _header_cells(band: list[Line]) -> list[list[list[Word]]]:
    """Header cells over a band of lines: runs of later lines join the cell they sit under."""
    cells: list[list[list[Word]]] = []  # cell -> its lines -> words
    for line in band:
        for run in word_runs(line):
            x0, x1 = run[0].x0, run[-1].x1
            home = next((c for c in cells if _overlaps(c, x0, x1)), None)
            if home is None:
                cells.append([run])
            else:
                home.append(run)
    cells.sort(key=lambda c: min(r[0].x0 for r in c))
    return cells


def _overlaps(cell: list[list[Word]], x0: float, x1: float) -> bool:
    cx0 = min(r[0].x0 for r in cell)
    cx1 = max(r[-1].x1 for r in cell)
    return x0 < cx1 - BORDERLESS.slack and x1 > cx0 + BORDERLESS.slack


def _cell_text(cell: list[list[Word]]) -> str:
    return "\n".join(" ".join(w.text for w in run) for run in cell)


def find_header(lines: list[Line], i: int, rules: Rules) -> tuple[int, ColumnModel] | None:
    """(index after the header band, model) when a table header starts at lines[i].

    A line just above a header (the last line of a heading, say) could be taken into the band;
    so when the band one line lower names as many columns, the header starts there instead.
    """
    found = _header_at(lines, i, rules)
    if found is None:
        return None
    below = _header_at(lines, i + 1, rules)
    if below is not None and below[0] >= found[0]:
        return None
    return found[1], found[2]


def _header_at(lines: list[Line], i: int, rules: Rules) -> tuple[int, int, ColumnModel] | None:
    """(columns named, index after the band, model) for the best header band starting at lines[i]."""
    best: tuple[int, int, ColumnModel] | None = None
    for n in (1, 2, 3):
        band = lines[i : i + n]
        if len(band) < n or any(b.furniture or b.band for b in band):
            break
        if n > 1 and band[-1].top - band[-2].bottom > BORDERLESS.header_gap * band[-2].size:
            break
        if n > 1 and abs(band[-1].size - band[0].size) > BORDERLESS.header_sizes * band[0].size:
            break  # a header is set in one size
        cells = _header_cells(band)
        if len(cells) < 3:
            continue
        for kind, anchor_field in _ANCHORS.items():
            fields = [rules.header_field(kind, clean(_cell_text(c))) for c in cells]
            mapped = sum(1 for f in fields if f)
            if mapped < 3 or mapped * 2 < len(cells) or not any(f in fields for f in _NEEDED[kind]):
                continue
            if best is None or mapped > best[0]:
                size = max(w.size for b in band for w in b.words)
                anchor = fields.index(anchor_field) if anchor_field in fields else None
                model = ColumnModel(
                    lefts=[min(r[0].x0 for r in c) for c in cells],
                    right=max(w.x1 for b in band for w in b.words),
                    anchor=anchor,
                    size=size,
                    header=[_cell_text(c) for c in cells],
                )
                best = (mapped, i + n, model)
    return best


# ----------------------------------------------------------------------------- body


def fits(line: Line, model: ColumnModel, first: bool = False) -> bool:
    """Does a line belong to a table with these columns? `first`: could it open a headerless piece?

    Running text (a heading or paragraph across the page) gives itself away by a run of words,
    set with ordinary spaces, that crosses a column boundary from well inside the column to
    its left; a run that starts just short of a boundary is that column's text under a centred
    header.
    """
    settings = BORDERLESS
    if line.furniture or line.band or line.size > model.size * settings.larger + settings.larger_slack:
        return False
    if line.x0 < model.lefts[0] - settings.margin * model.size:
        return False
    columns = set()
    for run in word_runs(line):
        start, last = run[0].x0, run[-1].x0
        for boundary in model.lefts[1:]:
            if start < boundary <= last and boundary - start > settings.crossing * run[0].size:
                return False
        columns.add(model.column(start))
    return not first or len(columns) >= 2


def _refine(model: ColumnModel, lines: list[Line]) -> None:
    """Move each boundary into the white gap that runs down the body just left of its header."""
    spans = sorted((w.x0, w.x1) for line in lines for w in line.words)
    covered: list[list[float]] = []
    for x0, x1 in spans:
        if covered and x0 <= covered[-1][1] + BORDERLESS.slack / 2:
            covered[-1][1] = max(covered[-1][1], x1)
        else:
            covered.append([x0, x1])
    gaps = [(a[1], b[0]) for a, b in itertools.pairwise(covered)]
    lefts = list(model.lefts)
    for i in range(1, len(lefts)):
        low, high = model.lefts[i - 1], model.lefts[i] + BORDERLESS.slack
        inside = [g for g in gaps if g[1] > low and g[0] < high]
        if inside:
            lefts[i] = min(inside[-1][1], model.lefts[i]) - BORDERLESS.slack / 2
    model.lefts = lefts


def cut_rows(
    lines: list[Line], start: int, body: int, model: ColumnModel, rules: Rules, page: int
) -> tuple[Fragment, int]:
    """The table from lines[start:] (header band up to `body`), and the index after it."""
    end = body
    while end < len(lines) and fits(lines[end], model):
        end += 1
    header_lines, body_lines = lines[start:body], lines[body:end]
    if header_lines:
        _refine(model, header_lines + body_lines)
    rows: list[Row] = []
    if header_lines:
        rows.append(_row(header_lines, model, page))
    group: list[Line] = []
    previous: Line | None = None
    broken: set[int] = set()  # lines that finish an id broken at the column's edge
    widest = _widest_anchor(body_lines, model)
    for line in body_lines:
        if group and _finishes_id(line, group, broken, model, rules, widest):
            broken.add(id(line))
        elif group and _starts_row(line, previous, model, rules):
            rows.append(_row(group, model, page, broken))
            group = []
        group.append(line)
        previous = line
    if group:
        rows.append(_row(group, model, page, broken))
    for line in header_lines + body_lines:
        line.place("table")
    top = (header_lines or body_lines or [lines[start]])[0].top
    bottom = max((line.bottom for line in header_lines + body_lines), default=top)
    fragment = Fragment(
        page=page,
        rows=rows,
        bbox=(model.lefts[0], top, model.right, bottom),
        columns=[*model.lefts, model.right],
        ruled=False,
        model=model,
        header_rows=1 if header_lines else 0,
    )
    return fragment, end


def _starts_row(line: Line, previous: Line | None, model: ColumnModel, rules: Rules) -> bool:
    gap = line.top - previous.bottom if previous is not None else 0.0
    if model.anchor is None:
        return gap >= BORDERLESS.row_gap * line.size
    anchor_runs = [run for run in word_runs(line) if model.column(run[0].x0) == model.anchor]
    if not anchor_runs:
        return False
    text = " ".join(w.text for run in anchor_runs for w in run)
    return (
        bool(_ID_LIKE.match(text))
        or re.fullmatch(rules.action_id + r"\.?", text) is not None
        or (gap >= BORDERLESS.row_gap * line.size)
    )


def _anchor_words(line: Line, model: ColumnModel) -> list[Word]:
    return [w for run in word_runs(line) if model.column(run[0].x0) == model.anchor for w in run]


def _widest_anchor(lines: list[Line], model: ColumnModel) -> float:
    """How far right the anchor column's text reaches in these lines."""
    if model.anchor is None:
        return 0.0
    return max((w.x1 for line in lines for w in _anchor_words(line, model)), default=0.0)


def _finishes_id(
    line: Line, group: list[Line], broken: set[int], model: ColumnModel, rules: Rules, widest: float
) -> bool:
    """Is this line's anchor text the end of the row's id, broken at the edge of a narrow column?"""
    if model.anchor is None:
        return False
    tail = _anchor_words(line, model)
    if len(tail) != 1 or not _ID_TAIL.match(tail[0].text):
        return False
    head_lines = [g for g in group if _anchor_words(g, model)]
    if not head_lines or head_lines[0] is not group[0] or any(id(g) not in broken for g in head_lines[1:]):
        return False  # the id opens the row; only pieces of it follow
    last = group[-1]
    if last is not head_lines[-1] or line.top - last.bottom >= BORDERLESS.row_gap * line.size:
        return False  # the piece sits right under the id, at the cell's own line spacing
    head = [w for g in head_lines for w in _anchor_words(g, model)]
    if len(head) != len(head_lines) or head[-1].x1 < widest - BORDERLESS.reach * head[-1].size:
        return False  # each piece is one word, the last of them reaching the column's edge
    joined = "".join(w.text for w in head) + tail[0].text
    if "." not in joined.rstrip("."):
        return False  # a one-part number is too short to be broken; "1" over "2" are two rows
    return bool(_ID_LIKE.match(joined)) or re.fullmatch(rules.action_id + r"\.?", joined) is not None


def _row(lines: list[Line], model: ColumnModel, page: int, broken: set[int] | None = None) -> Row:
    """One row's cells: each run of words goes to the column its first word starts in."""
    per_column: list[list[str]] = [[] for _ in model.lefts]
    for line in lines:
        parts: dict[int, list[str]] = {}
        for run in word_runs(line):
            parts.setdefault(model.column(run[0].x0), []).extend(w.text for w in run)
        for column, words in parts.items():
            if broken and id(line) in broken and column == model.anchor and per_column[column]:
                per_column[column][-1] += " ".join(words)  # the rest of an id the column's edge broke
                continue
            per_column[column].append(" ".join(words))
    top = min(line.top for line in lines)
    bottom = max(line.bottom for line in lines)
    edges = [*model.lefts, model.right]
    cells = [
        Cell(text="\n".join(texts), page=page, bbox=(edges[i], top, edges[i + 1], bottom))
        for i, texts in enumerate(per_column)
    ]
    return Row(cells=cells, page=page, bbox=(model.lefts[0], top, model.right, bottom))
