"""The background colour of table cells in a PDF: the filled rectangle drawn behind each cell.

A RAG cell may hold no word, only a colour: Word shades the cell, reportlab and browsers draw
a filled rectangle under it. A cell's fill is that of the smallest filled rectangle that holds
the cell's centre (a coloured cell inside a striped row: the cell's own colour, not the
stripe's); rectangles as big as a good part of the page are backgrounds, not cell fills.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.read.geometry.types import Fragment, Item

BACKGROUND_SHARE = 0.4  # a filled rectangle over this share of the page is a page background


def colour(value: Any) -> str | None:
    """pdfplumber's non-stroking colour as RRGGBB: gray (g,), RGB (r, g, b) or CMYK (c, m, y, k)."""
    if not isinstance(value, (tuple, list)) or not value or not all(isinstance(v, (int, float)) for v in value):
        return None
    parts = [min(max(float(v), 0.0), 1.0) for v in value]
    if len(parts) == 1:
        rgb = parts * 3
    elif len(parts) == 3:
        rgb = parts
    elif len(parts) == 4:
        c, m, y, k = parts
        rgb = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    else:
        return None
    return "".join(f"{round(v * 255):02X}" for v in rgb)


def mark_fills(items: Sequence[Item], rects: Sequence[dict[str, Any]], width: float, height: float) -> None:
    """Give every table cell on the page the colour of the filled rectangle behind it."""
    page_area = max(width * height, 1.0)
    filled = []
    for rect in rects:
        if not rect.get("fill"):
            continue
        area = (rect["x1"] - rect["x0"]) * (rect["bottom"] - rect["top"])
        found = colour(rect.get("non_stroking_color"))
        if found is None or area > BACKGROUND_SHARE * page_area or area <= 0:
            continue
        filled.append((area, rect["x0"], rect["top"], rect["x1"], rect["bottom"], found))
    if not filled:
        return
    filled.sort()
    for item in items:
        if not isinstance(item, Fragment):
            continue
        for row in item.rows:
            for cell in row.cells:
                if cell.bbox is None or cell.fill is not None:
                    continue
                x = (cell.bbox[0] + cell.bbox[2]) / 2
                y = (cell.bbox[1] + cell.bbox[3]) / 2
                cell.fill = next(
                    (c for _, x0, top, x1, bottom, c in filled if x0 <= x <= x1 and top <= y <= bottom), None
                )
