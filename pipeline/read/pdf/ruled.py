"""Ruled tables: cells from the lines a reader can SEE, words dropped into them.

pdfplumber's own finder uses every edge on the page, including white or unstroked ruling
lines that some producers leave behind; one hidden line across a wrapped row splits it in two.
So the edges are chosen here (stroked or filled in a colour that is not white; thin filled
rectangles count as lines, large fills are cell shading, not ruling) and handed to pdfplumber's
named stages: `merge_edges -> edges_to_intersections -> intersections_to_cells ->
cells_to_tables`. Each word then goes to the cell that holds its centre.

Cells come out on a grid: a cell merged down from the row above is `Cell(merged=True)` (what
pdfplumber reports as None), a cell spanning columns is one `Cell(span=n)`. A cell's shading
(the smallest filled rectangle that covers most of it, in a colour that shows) is its `fill`.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from pipeline.core.layout import BBox, Cell, Row
from pipeline.read.geometry.types import Fragment, Word


@dataclass(frozen=True)
class RuledSettings:
    """Which drawn lines are a table's ruling, in points (pdfplumber's `TableSettings`, ours)."""

    snap: float = 3.0
    """Edges this close are one edge, and a cell's corner this far off still meets: pdfplumber's
    default; a cell border drawn as two half-width lines, or offset by a rounding, is within it."""
    min_edge: float = 3.0
    """Shorter lines are not ruling (underlines of a character, bullets, tick marks); pdfplumber's
    default edge_min_length."""
    thin: float = 2.0
    """A filled rectangle this thin is drawn as a line: Word and browsers draw borders of up to
    1.5 pt (the thickest "thick" border) as filled strips; cell shading is far taller."""
    hairline: float = 1.0
    """A stroked line (or a curve's segment) less than this off the horizontal or vertical is
    straight: ruling is drawn straight, and producers' rounding moves an end by well under a point."""
    slack: float = 1.0
    """Points a word's centre may lie outside its cell's box and still be in it (rounding, and
    text that touches a border)."""
    covered: float = 0.5
    """Share of a cell a filled rectangle must cover to be its shading: a cell's own shading
    covers all of it (less its borders), a neighbour's at most a border's width of it."""

    def __post_init__(self) -> None:
        if min(self.snap, self.min_edge, self.thin, self.hairline) <= 0 or self.slack < 0:
            raise ValueError("ruled settings must be positive")
        if not 0 < self.covered <= 1:
            raise ValueError("covered is a share of the cell, in (0, 1]")


RULED = RuledSettings()


def find_tables(
    objects: dict[str, list[dict[str, Any]]], width: float, height: float, words: list[Word], number: int
) -> tuple[list[Fragment], list[Word]]:
    """Ruled table fragments on the page, and the words that are in none of them."""
    edges = visible_edges(objects, width, height)
    if len(edges) < 4:
        return [], words
    grids = cell_groups(edges)
    fragments: list[Fragment] = []
    free = words
    shading = fills(objects)
    for cells in grids:
        fragment, free = build_fragment(cells, free, number, shading)
        if fragment is not None:
            fragments.append(fragment)
    return fragments, free


# ----------------------------------------------------------------------------- edges


def is_white(colour: Any) -> bool:
    """True for a colour that does not show on paper: white in gray, RGB or CMYK."""
    if colour is None or isinstance(colour, str):
        return False
    values = colour if isinstance(colour, (tuple, list)) else (colour,)
    try:
        numbers = [float(v) for v in values]
    except (TypeError, ValueError):
        return False
    if len(numbers) in (1, 3):
        return all(v >= 0.97 for v in numbers)
    if len(numbers) == 4:
        return all(v <= 0.03 for v in numbers)
    return False


def _h(x0: float, x1: float, y: float) -> dict[str, Any]:
    x0, x1 = min(x0, x1), max(x0, x1)
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0, "orientation": "h"}


def _v(x: float, top: float, bottom: float) -> dict[str, Any]:
    top, bottom = min(top, bottom), max(top, bottom)
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top, "orientation": "v"}


def is_stroked(obj: dict[str, Any]) -> bool:
    return bool(obj.get("stroke")) and not is_white(obj.get("stroking_color"))


def is_filled(obj: dict[str, Any]) -> bool:
    return bool(obj.get("fill")) and not is_white(obj.get("non_stroking_color"))


def _thin_edge(obj: dict[str, Any]) -> dict[str, Any] | None:
    x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
    thin = RULED.thin
    if bottom - top <= thin and x1 - x0 > bottom - top:
        return _h(x0, x1, (top + bottom) / 2)
    if x1 - x0 <= thin and bottom - top > x1 - x0:
        return _v((x0 + x1) / 2, top, bottom)
    return None


def visible_edges(objects: dict[str, list[dict[str, Any]]], width: float, height: float) -> list[dict[str, Any]]:
    """Horizontal and vertical edges of the lines and boxes that are really drawn."""
    edges: list[dict[str, Any]] = []
    for obj in objects.get("line", []):
        if not is_stroked(obj):
            continue
        straight = obj["x1"] - obj["x0"] <= RULED.hairline or obj["bottom"] - obj["top"] <= RULED.hairline
        edge = _thin_edge(obj) if straight else None
        if edge:
            edges.append(edge)
    for obj in objects.get("rect", []):
        thin = _thin_edge(obj)
        if thin is not None:
            if is_filled(obj) or is_stroked(obj):
                edges.append(thin)
        elif is_stroked(obj):
            x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
            edges += [_h(x0, x1, top), _h(x0, x1, bottom), _v(x0, top, bottom), _v(x1, top, bottom)]
    for obj in objects.get("curve", []):
        if is_stroked(obj):
            points = obj.get("pts") or []
            for (ax, ay), (bx, by) in itertools.pairwise(points):
                if abs(ay - by) < RULED.hairline and abs(ax - bx) >= RULED.min_edge:
                    edges.append(_h(ax, bx, (ay + by) / 2))
                elif abs(ax - bx) < RULED.hairline and abs(ay - by) >= RULED.min_edge:
                    edges.append(_v((ax + bx) / 2, ay, by))
        elif is_filled(obj):
            thin = _thin_edge(obj)
            if thin is not None:
                edges.append(thin)
    return [e for e in edges if _on_page(e, width, height) and max(e["width"], e["height"]) >= RULED.min_edge]


def _on_page(edge: dict[str, Any], width: float, height: float) -> bool:
    return edge["x1"] >= 0 and edge["x0"] <= width and edge["bottom"] >= 0 and edge["top"] <= height


def cell_groups(edges: list[dict[str, Any]]) -> list[list[BBox]]:
    """Cells, grouped into tables, by pdfplumber's stages over the chosen edges."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    merged = merge_edges(edges, RULED.snap, RULED.snap, RULED.snap, RULED.snap)
    merged = [e for e in merged if max(e["width"], e["height"]) >= RULED.min_edge]
    closing = close_cut_edges(merged)
    if closing:
        merged = merge_edges(merged + closing, RULED.snap, RULED.snap, RULED.snap, RULED.snap)
    intersections = edges_to_intersections(merged, RULED.snap, RULED.snap)
    cells = intersections_to_cells(intersections)
    return cells_to_tables(cells)


def close_cut_edges(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Horizontal edges where a page break cut a table open.

    Browsers do not draw a cell's bottom border where the page breaks it (nor the top border
    where it goes on): the column rules just stop. Where two or more vertical rules end at the
    same height with no horizontal rule there, the table is closed with one, so the cut rows
    still come out as cells.
    """
    horizontals = [e for e in edges if e["orientation"] == "h"]
    verticals = [e for e in edges if e["orientation"] == "v"]

    def closed(x: float, y: float) -> bool:
        return any(
            abs(h["top"] - y) <= RULED.snap and h["x0"] - RULED.snap <= x <= h["x1"] + RULED.snap for h in horizontals
        )

    added: list[dict[str, Any]] = []
    for end in ("top", "bottom"):
        ends = sorted((v[end], v["x0"], not closed(v["x0"], v[end])) for v in verticals)
        group: list[tuple[float, float, bool]] = []
        for y, x, is_open in [*ends, (float("inf"), 0.0, False)]:
            if group and y - group[0][0] > RULED.snap:
                if len(group) >= 2 and any(g[2] for g in group):
                    xs = [g[1] for g in group]
                    added.append(_h(min(xs), max(xs), sum(g[0] for g in group) / len(group)))
                group = []
            group.append((y, x, is_open))
    return added


# ----------------------------------------------------------------------------- grid


def build_fragment(
    cells: list[BBox], words: list[Word], page: int, shading: list[tuple[BBox, str]] | None = None
) -> tuple[Fragment | None, list[Word]]:
    """A table fragment from its cells, with the words inside it; the other words are returned."""
    xs = _positions(c[0] for c in cells)
    ys = _positions(c[1] for c in cells)
    if len(xs) < 2:  # one column: a box around text, not a table
        return None, words
    right = max(c[2] for c in cells)
    bottom = max(c[3] for c in cells)
    owner: dict[tuple[int, int], int] = {}
    spans: list[tuple[int, int, int, int]] = []
    index: int | None
    for index, (x0, top, x1, bot) in enumerate(cells):
        c0, c1 = _index(xs, x0), max(_index(xs, x1 - RULED.snap), _index(xs, x0))
        r0, r1 = _index(ys, top), max(_index(ys, bot - RULED.snap), _index(ys, top))
        spans.append((r0, c0, r1, c1))
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                owner.setdefault((r, c), index)

    inside: dict[int, list[Word]] = {}
    free: list[Word] = []
    slack = RULED.slack
    x_min, y_min = xs[0] - slack, ys[0] - slack
    for word in words:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        if not (x_min <= cx <= right + slack and y_min <= cy <= bottom + slack):
            free.append(word)
            continue
        index = owner.get((_index(ys, cy), _index(xs, cx)))
        if index is None or not _contains(cells[index], cx, cy):
            free.append(word)
            continue
        inside.setdefault(index, []).append(word)
        word.place = "table"

    from pipeline.read.geometry.lines import lines_text

    rows: list[Row] = []
    for r in range(len(ys)):
        row_cells: list[Cell] = []
        c = 0
        while c < len(xs):
            index = owner.get((r, c))
            if index is None:
                row_cells.append(Cell(text="", page=page))
                c += 1
                continue
            r0, c0, _r1, c1 = spans[index]
            span = c1 - c + 1
            if r0 == r:
                text = lines_text(inside.get(index, []), (cells[index][0], cells[index][2]))
                fill = cell_fill(cells[index], shading) if shading else None
                row_cells.append(Cell(text=text, page=page, bbox=cells[index], span=span, fill=fill))
            else:
                row_cells.append(Cell(text="", page=page, bbox=cells[index], merged=True, span=span))
            c += span
        own = [cell.bbox for cell in row_cells if cell.bbox and not cell.merged]
        row_bbox = (xs[0], ys[r], right, max((b[3] for b in own), default=ys[r]))
        rows.append(Row(cells=row_cells, page=page, bbox=row_bbox))
    fragment = Fragment(page=page, rows=rows, bbox=(xs[0], ys[0], right, bottom), columns=[*xs, right], ruled=True)
    return fragment, free


# ----------------------------------------------------------------------------- shading


def fills(objects: dict[str, list[dict[str, Any]]]) -> list[tuple[BBox, str]]:
    """Filled rectangles in a colour that shows, larger than a ruling line: (box, "RRGGBB")."""
    out = []
    for obj in objects.get("rect", []):
        if not is_filled(obj) or _thin_edge(obj) is not None:
            continue
        colour = rgb_hex(obj.get("non_stroking_color"))
        if colour is not None:
            out.append(((obj["x0"], obj["top"], obj["x1"], obj["bottom"]), colour))
    return out


def cell_fill(cell: BBox, shading: list[tuple[BBox, str]]) -> str | None:
    """The colour of the smallest filled rectangle that covers at least half the cell."""
    area = (cell[2] - cell[0]) * (cell[3] - cell[1])
    best: tuple[float, str] | None = None
    for box, colour in shading:
        width = min(cell[2], box[2]) - max(cell[0], box[0])
        height = min(cell[3], box[3]) - max(cell[1], box[1])
        if width <= 0 or height <= 0 or width * height < RULED.covered * area:
            continue
        size = (box[2] - box[0]) * (box[3] - box[1])
        if best is None or size < best[0]:
            best = (size, colour)
    return best[1] if best else None


def rgb_hex(colour: Any) -> str | None:
    """A fill colour as "RRGGBB": grey, RGB and CMYK components (0 to 1); None for a pattern."""
    if not isinstance(colour, (tuple, list)):
        colour = (colour,) if isinstance(colour, (int, float)) else ()
    try:
        values = [min(max(float(v), 0.0), 1.0) for v in colour]
    except (TypeError, ValueError):
        return None
    if len(values) == 1:
        red = green = blue = values[0]
    elif len(values) == 3:
        red, green, blue = values
    elif len(values) == 4:
        c, m, y, k = values
        red, green, blue = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    else:
        return None
    return "".join(f"{round(v * 255):02X}" for v in (red, green, blue))


def _positions(values: Any) -> list[float]:
    """Distinct coordinates, near-equal ones taken as one (already snapped by merge_edges)."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > RULED.snap / 2:
            out.append(value)
    return out


def _index(positions: list[float], value: float) -> int:
    return max(bisect_right(positions, value + RULED.snap / 2) - 1, 0)


def _contains(bbox: BBox, x: float, y: float) -> bool:
    slack = RULED.slack
    return bbox[0] - slack <= x <= bbox[2] + slack and bbox[1] - slack <= y <= bbox[3] + slack
