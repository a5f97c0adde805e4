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
from pipeline.language.headers import field_named
from pipeline.language.ids import hierarchy, opening_id, whole_id
from pipeline.language.refs import shape
from pipeline.read.geometry.types import ColumnModel, Fragment, Item, Line, PageContent, Word
from pipeline.read.geometry.wordbreak import MARK, proposes_break
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
    aligned: float = 1.0
    """Font sizes right of a column's left edge within which a word starts that column even one
    word space from the word before it: a narrow gutter leaves an ordinary space between cells."""
    strong_name: float = 0.75
    """How well (0 to 1) each part of a squeezed header cell must name a field for the cell to be
    split into two columns (a text copy can set two headers one space apart); a header that only
    reads as one field stays whole."""
    reach: float = 0.5
    """Font sizes short of the widest text in the id column that a broken id must reach (it was
    stopped by the column's edge, so it is as wide as anything in the column)."""
    slack: float = 1.0
    """Points of slack for boxes that touch: PDF producers round positions to 0.01 to 1 point."""

    def __post_init__(self) -> None:
        values = (
            self.run_gap,
            self.row_gap,
            self.header_gap,
            self.larger,
            self.margin,
            self.crossing,
            self.aligned,
            self.reach,
        )
        if min(values) <= 0 or self.header_sizes < 0 or self.larger_slack < 0 or self.slack < 0:
            raise ValueError("borderless settings must be positive")
        if self.larger < 1:
            raise ValueError("larger must be at least 1 (a heading is larger than the table's text)")
        if not 0 < self.strong_name <= 1:
            raise ValueError("strong_name is a score in (0, 1]")


BORDERLESS = BorderlessSettings()
_JOINING = ("/", "&", "+", "-", "–")
_JOINERS = {"&", "and", "/", "or", "+", "-", "–", "of", "with", "by", "to"}
_ID_TAIL = re.compile(r"^\.?\d{1,3}\.?$")  # what is left of an id broken at a column's edge: "0", ".10"
_ID_LIKE = re.compile(r"^\(?\d{1,3}(?:\.\d{1,3}){0,3}\.?\)?$")
_ANCHORS = {"plan": "id", "guidance_form": "question"}
_NEEDED = {"plan": ("id", "text"), "guidance_form": ("question",)}


def find_tables(
    lines: list[Line], ruled: list[Fragment], rules: Rules, content: PageContent, squeezed: bool = False
) -> list[Item]:
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
        header = find_header(lines, i, rules, squeezed)
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


def column_runs(line: Line, model: ColumnModel, rules: Rules | None = None) -> list[list[Word]]:
    """A line's runs of words, a run also cut where a word starts right at a column's left edge:
    a narrow gutter can leave one ordinary space between two cells ("Children VR04" when the Ref
    column starts at "VR04"), and a word set exactly on the column's edge is that column's."""
    out: list[list[Word]] = []
    tolerance = BORDERLESS.aligned * model.size
    for run in word_runs(line):
        current = [run[0]]
        for word in run[1:]:
            if any(0 <= word.x0 - left <= tolerance for left in model.lefts[1:]) and model.column(
                word.x0
            ) != model.column(current[0].x0):
                out.append(current)
                current = [word]
            else:
                current.append(word)
        out.append(current)
    if rules is not None and model.anchor is not None:
        out = [part for run in out for part in _split_id(run, model, rules)]
    return out


def _note_id(line: Line, model: ColumnModel, rules: Rules) -> None:
    """Remember the shape of an id opening a row of this table (a whole id in the id column)."""
    if model.anchor is None:
        return
    for run in word_runs(line):
        if model.column(run[0].x0) == model.anchor:
            ident = whole_id(" ".join(w.text for w in run), rules)
            if ident is not None:
                model.id_shapes.add(shape(ident))
            return


def _split_id(run: list[Word], model: ColumnModel, rules: Rules) -> list[list[Word]]:
    """A run that opens the id column with an id and goes on into the next column, one space
    apart ("Action 16 Include physical activity ..."): the id, then the next column's words."""
    if model.anchor is None or model.column(run[0].x0) != model.anchor or len(run) < 2:
        return [run]
    if model.anchor + 1 >= len(model.lefts) or run[-1].x0 < model.lefts[model.anchor + 1]:
        return [run]  # the run stays in the id column
    split = opening_id(" ".join(w.text for w in run), rules)
    if split is None or not split.rest.strip() or (model.id_shapes and shape(split.id) not in model.id_shapes):
        return [run]  # no id, or not one like the ids above it ("2. Timely access" over 2.1.1 rows)
    taken = len(run) - len(split.rest.split())
    if taken <= 0 or taken >= len(run):
        return [run]
    return [run[:taken], run[taken:]]


def _header_cells(band: list[Line], rules: Rules | None = None) -> list[list[list[Word]]]:
    """Header cells over a band of lines: runs of later lines join the cell they sit under.

    A text converter can squeeze two headers to one space apart ("Action No. What we will do"): a
    run whose words read better as two (or more) column names than as one is split (`rules`
    given: text laid out in columns, where one space is all there is between some columns).
    """
    cells: list[list[list[Word]]] = []  # cell -> its lines -> words
    for line in band:
        runs = word_runs(line)
        if rules is not None:
            runs = [part for run in runs for part in _split_names(run, rules)]
        for run in runs:
            x0, x1 = run[0].x0, run[-1].x1
            home = next((c for c in cells if _overlaps(c, x0, x1)), None)
            if home is None:
                cells.append([run])
            else:
                home.append(run)
    cells.sort(key=lambda c: min(r[0].x0 for r in c))
    return cells


def _split_names(run: list[Word], rules: Rules) -> list[list[Word]]:
    """A run of header words as the column names it holds: split where both sides name a field
    and together name them better than the whole run does."""
    if len(run) < 2:
        return [run]

    def score(words: list[Word]) -> float:
        return field_named("plan", " ".join(w.text for w in words), rules)[1]

    whole = score(run)
    if whole >= 1.0:
        return [run]  # one column's name exactly ("Action No.")
    best: tuple[float, int] | None = None
    for cut in range(1, len(run)):
        before, after = run[cut - 1].text.lower(), run[cut].text.lower()
        if before in _JOINERS or after in _JOINERS or before.endswith(_JOINING) or after.startswith(_JOINING):
            continue  # "RAG rating & update", "STATUS/ COMMENT": one column's name
        left, right = score(run[:cut]), score(run[cut:])
        strong = left >= BORDERLESS.strong_name and right >= BORDERLESS.strong_name
        if strong and left + right > whole + 0.5 and (best is None or left + right > best[0]):
            best = (left + right, cut)
    if best is None:
        return [run]
    return _split_names(run[: best[1]], rules) + _split_names(run[best[1] :], rules)


def _overlaps(cell: list[list[Word]], x0: float, x1: float) -> bool:
    cx0 = min(r[0].x0 for r in cell)
    cx1 = max(r[-1].x1 for r in cell)
    return x0 < cx1 - BORDERLESS.slack and x1 > cx0 + BORDERLESS.slack


def _cell_text(cell: list[list[Word]]) -> str:
    return "\n".join(" ".join(w.text for w in run) for run in cell)


def find_header(lines: list[Line], i: int, rules: Rules, squeezed: bool = False) -> tuple[int, ColumnModel] | None:
    """(index after the header band, model) when a table header starts at lines[i].

    A line just above a header (the last line of a heading, say) could be taken into the band;
    so when the band one line lower names as many columns, the header starts there instead.
    """
    found = _header_at(lines, i, rules, squeezed)
    if found is None:
        return None
    below = _header_at(lines, i + 1, rules, squeezed)
    if below is not None and below[0] >= found[0]:
        return None
    return found[1], found[2]


def _header_at(lines: list[Line], i: int, rules: Rules, squeezed: bool = False) -> tuple[int, int, ColumnModel] | None:
    """(columns named, index after the band, model) for the best header band starting at lines[i].

    Bands of one, two and three lines are tried; the one whose cells name fields best wins (a
    header wrapped over two lines names "Links with other actions / workstreams" better than
    its first line alone), and on a tie the shorter band (a body line under the header only
    blurs the names) -- unless the longer band's last line is a header's last word or two
    ("workstreams" under "Links with other actions /"): a line with words in few of the
    columns, none of them an id.
    """
    best: tuple[float, int, int, ColumnModel] | None = None
    for n in (1, 2, 3):
        band = lines[i : i + n]
        if len(band) < n or any(b.furniture or b.band for b in band):
            break
        if n > 1 and band[-1].top - band[-2].bottom > BORDERLESS.header_gap * band[-2].size:
            break
        if n > 1 and abs(band[-1].size - band[0].size) > BORDERLESS.header_sizes * band[0].size:
            break  # a header is set in one size
        cells = _header_cells(band, rules if squeezed else None)
        if len(cells) < 3:
            continue
        for kind, anchor_field in _ANCHORS.items():
            named = [field_named(kind, clean(_cell_text(c)), rules) for c in cells]
            fields = [f for f, _ in named]
            mapped = sum(1 for f in fields if f)
            if mapped < 3 or mapped * 2 < len(cells) or not any(f in fields for f in _NEEDED[kind]):
                continue
            quality = sum(score for _, score in named)
            wraps = best is not None and n == best[2] - i + 1 and _header_tail(band[-1], len(cells), rules)
            if best is None or quality > best[0] + 1e-9 or (wraps and quality >= best[0] - 1e-9):
                size = max(w.size for b in band for w in b.words)
                anchor = fields.index(anchor_field) if anchor_field in fields else None
                model = ColumnModel(
                    lefts=[min(r[0].x0 for r in c) for c in cells],
                    right=max(w.x1 for b in band for w in b.words),
                    anchor=anchor,
                    size=size,
                    header=[_cell_text(c) for c in cells],
                )
                best = (quality, mapped, i + n, model)
    return (best[1], best[2], best[3]) if best else None


def _header_tail(line: Line, columns: int, rules: Rules) -> bool:
    """A line that only finishes a wrapped header: words in at most half the columns, no id."""
    runs = word_runs(line)
    return len(runs) * 2 <= columns and not any(whole_id(" ".join(w.text for w in run), rules) for run in runs)


# ----------------------------------------------------------------------------- body


def fits(line: Line, model: ColumnModel, first: bool = False, rules: Rules | None = None) -> bool:
    """Does a line belong to a table with these columns? `first`: could it open a headerless piece?

    Running text (a heading or paragraph across the page) gives itself away by a run of words,
    set with ordinary spaces, that crosses a column boundary from well inside the column to
    its left; a run that starts just short of a boundary is that column's text under a centred
    header.
    """
    if line.furniture or line.band or line.size > model.size * BORDERLESS.larger + BORDERLESS.larger_slack:
        return False
    if line.x0 < model.lefts[0] - BORDERLESS.margin * model.size:
        return False
    columns: set[int] = set()
    for run in word_runs(line):
        start, last = run[0].x0, run[-1].x0
        crossed = [b for b in model.lefts[1:] if start < b <= last and b - start > BORDERLESS.crossing * run[0].size]
        if len(crossed) > 1 or (crossed and (first or len(column_runs(Line(run, line.page), model, rules)) < 2)):
            return False  # running text across the columns; inside a table, one gutter a word space wide is not
        columns.update(model.column(r[0].x0) for r in column_runs(Line(run, line.page), model, rules))
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
    while end < len(lines) and fits(lines[end], model, rules=rules):
        _note_id(lines[end], model, rules)
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
    widest = _widest_anchor(body_lines, model, rules)
    reach = _reach(body_lines, model, rules)
    for index, line in enumerate(body_lines):
        following = body_lines[index + 1] if index + 1 < len(body_lines) else None
        if group and _finishes_id(line, group, broken, model, rules, widest):
            broken.add(id(line))
        elif group and (_starts_row(line, previous, model, rules) or _label_line(line, following, model, rules)):
            rows.append(_row(group, model, page, rules, broken, reach))
            group = []
        group.append(line)
        previous = line
    if group:
        rows.append(_row(group, model, page, rules, broken, reach))
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
    label = hierarchy(line.text, rules)
    if label is not None and label.number and line.x0 <= model.lefts[0] + model.size:
        return True  # "Objective 1.2 - Staff ..." across the table: a row of its own
    if model.anchor is None:
        return gap >= BORDERLESS.row_gap * line.size or _opens_row(line, previous, model, rules)
    anchor_runs = [run for run in column_runs(line, model, rules) if model.column(run[0].x0) == model.anchor]
    if not anchor_runs:
        return False
    text = " ".join(w.text for w in anchor_runs[0])
    return bool(_ID_LIKE.match(text)) or whole_id(text, rules) is not None or (gap >= BORDERLESS.row_gap * line.size)


def _label_line(line: Line, following: Line | None, model: ColumnModel, rules: Rules) -> bool:
    """A line of a few words alone in the id column, with a row's id on the next line ("May
    2012" above "01.05 ..."): a label row of its own, not the end of the row above."""
    if model.anchor is None or following is None:
        return False
    runs = column_runs(line, model)
    if len(runs) != 1 or model.column(runs[0][0].x0) != model.anchor:
        return False
    text = " ".join(w.text for w in runs[0])
    if whole_id(text, rules) is not None or _ID_LIKE.match(text):
        return False
    return _starts_row(following, line, model, rules)


def _opens_row(line: Line, previous: Line | None, model: ColumnModel, rules: Rules) -> bool:
    """With no id column and no gap between rows (text laid out in columns): a row starts where a
    cell opens with an id of several parts or a prefix ("1.2 Extend ...", "SP3 ..."), or where
    the first column, empty on the line above, has words again ("Project" under "Business as
    usual"'s last line)."""
    runs = column_runs(line, model)
    for run in runs:
        column = model.column(run[0].x0)
        if run[0].x0 - model.lefts[column] > BORDERLESS.margin * model.size:
            continue
        split = opening_id(" ".join(w.text for w in run), rules)
        if split is not None and not split.id.isdigit() and split.rest.strip():
            return True
    if previous is None or not runs or model.column(runs[0][0].x0) != 0:
        return False
    return all(model.column(run[0].x0) != 0 for run in column_runs(previous, model))


def _anchor_words(line: Line, model: ColumnModel, rules: Rules) -> list[Word]:
    return [w for run in column_runs(line, model, rules) if model.column(run[0].x0) == model.anchor for w in run]


def _widest_anchor(lines: list[Line], model: ColumnModel, rules: Rules) -> float:
    """How far right the anchor column's text reaches in these lines."""
    if model.anchor is None:
        return 0.0
    return max((w.x1 for line in lines for w in _anchor_words(line, model, rules)), default=0.0)


def _finishes_id(
    line: Line, group: list[Line], broken: set[int], model: ColumnModel, rules: Rules, widest: float
) -> bool:
    """Is this line's anchor text the end of the row's id, broken at the edge of a narrow column?"""
    if model.anchor is None:
        return False
    tail = _anchor_words(line, model, rules)
    if len(tail) != 1 or not _ID_TAIL.match(tail[0].text):
        return False
    head_lines = [g for g in group if _anchor_words(g, model, rules)]
    if not head_lines or head_lines[0] is not group[0] or any(id(g) not in broken for g in head_lines[1:]):
        return False  # the id opens the row; only pieces of it follow
    last = group[-1]
    if last is not head_lines[-1] or line.top - last.bottom >= BORDERLESS.row_gap * line.size:
        return False  # the piece sits right under the id, at the cell's own line spacing
    head = [w for g in head_lines for w in _anchor_words(g, model, rules)]
    if len(head) != len(head_lines) or head[-1].x1 < widest - BORDERLESS.reach * head[-1].size:
        return False  # each piece is one word, the last of them reaching the column's edge
    joined = "".join(w.text for w in head) + tail[0].text
    if "." not in joined.rstrip("."):
        return False  # a one-part number is too short to be broken; "1" over "2" are two rows
    return bool(_ID_LIKE.match(joined)) or whole_id(joined, rules) is not None


def _reach(lines: list[Line], model: ColumnModel, rules: Rules) -> list[float]:
    """How far right each column's text goes in these lines: where a word too wide for the
    column was broken, whatever the page's margins or the column's neighbour."""
    reach = [0.0 for _ in model.lefts]
    for line in lines:
        for run in column_runs(line, model, rules):
            column = model.column(run[0].x0)
            reach[column] = max(reach[column], run[-1].x1)
    return reach


def _row(
    lines: list[Line],
    model: ColumnModel,
    page: int,
    rules: Rules | None = None,
    broken: set[int] | None = None,
    reach: list[float] | None = None,
) -> Row:
    """One row's cells: each run of words goes to the column its first word starts in. Given each
    column's `reach`, a lone word stopped by it over a line opening in small letters is marked as
    perhaps a word the column broke, for `wordbreak` to settle."""
    per_column: list[list[str]] = [[] for _ in model.lefts]
    last: dict[int, list[Word]] = {}  # each column's words on its previous line
    for line in lines:
        parts: dict[int, list[Word]] = {}
        for run in column_runs(line, model, rules):
            parts.setdefault(model.column(run[0].x0), []).extend(run)
        for column, found in parts.items():
            words = [w.text for w in found]
            if broken and id(line) in broken and column == model.anchor and per_column[column]:
                per_column[column][-1] += " ".join(words)  # the rest of an id the column's edge broke
                continue
            above = last.get(column)
            if (
                reach is not None
                and above is not None
                and len(above) == 1
                and per_column[column]
                and proposes_break(above[0].x1, reach[column], words[0], above[0].size)
            ):
                per_column[column][-1] += MARK
            per_column[column].append(" ".join(words))
            last[column] = found
    top = min(line.top for line in lines)
    bottom = max(line.bottom for line in lines)
    edges = [*model.lefts, model.right]
    cells = [
        Cell(text="\n".join(texts), page=page, bbox=(edges[i], top, edges[i + 1], bottom))
        for i, texts in enumerate(per_column)
    ]
    return Row(cells=cells, page=page, bbox=(model.lefts[0], top, model.right, bottom))
