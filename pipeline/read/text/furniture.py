"""Page furniture in text copied from a printed page: page-number lines and running headers.

A PDF or a browser print copied into a text file keeps what every page printed around its
content: a footer with the page number ("https://example.org/tool      1 of 3", "Page 2 of 2")
and a header (the print date, the page title, the site name). Nothing in a text file says where
a page ends, so the page numbers do:

- a *page-number line* ends in "N of M" or "Page N" (after a wide gap or a dash, or as the
  whole line: "Self-assessment – Page 1 of 2"); it is furniture, whatever else it holds;
- a *page boundary* is the first line of the file, the line after a page-number line, and the
  first line of a page a form feed starts (pdftotext writes one between pages);
- a *running header* is text that opens the line at two or more page boundaries, or that a
  page-number line also opens with (digits aside: "12/03/2024" and "1 of 3" change). The
  header's columns are furniture; what the line holds after them is content, so a heading
  printed on the same line as the header ("...| Southvale Partnership   Priority 2: ...") is kept.

A file without page-number lines has no page boundaries beyond its first line, and nothing in
it is taken for furniture.
"""

from __future__ import annotations

import re
from collections import Counter

_GAP = re.compile(r"\s{3,}")
_PAGE_MARK = r"(?:page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s+of\s+\d{1,4})"
PAGE_LINE = re.compile(
    rf"(?:^\s*{_PAGE_MARK}|(?:\s{{2,}}|\s[–—|-]\s){_PAGE_MARK}|\s{{3,}}\d{{1,4}}\s*/\s*\d{{1,4}})\s*$",
    re.IGNORECASE,
)


def _key(segment: str) -> str:
    return re.sub(r"\d+", "#", " ".join(segment.split()).lower())


def _columns(line: str) -> list[str]:
    """The line's columns: text set apart by three or more spaces."""
    return [part for part in _GAP.split(line.strip()) if part]


def find_furniture(lines: list[str], page_starts: set[int] | None = None) -> dict[int, tuple[str, str | None]]:
    """Line index -> (its furniture, what is left of the line: None when nothing is).

    "12/03/2024, 14:05   Tool | Site   Priority 2: Help" at a page boundary, where
    "12/03/2024, 14:05   Tool | Site" opens other pages too -> "Priority 2: Help".
    """
    page_lines = {i for i, line in enumerate(lines) if line.strip() and PAGE_LINE.search(line)}
    page_starts = page_starts or set()
    if not page_lines and not page_starts:
        return {}
    out: dict[int, tuple[str, str | None]] = {i: (lines[i].strip(), None) for i in page_lines}
    after = sorted(page_lines | {i - 1 for i in page_starts})
    boundaries = [_next_text(lines, 0)] + [_next_text(lines, i + 1) for i in after]
    starts = [i for i in dict.fromkeys(boundaries) if i is not None and i not in page_lines]
    openers: Counter[tuple[str, ...]] = Counter()
    for i in starts:
        opening = tuple(_key(c) for c in _columns(lines[i]))
        for n in range(1, len(opening) + 1):
            openers[opening[:n]] += 1
    footers = {_key(c) for i in page_lines for c in _columns(PAGE_LINE.sub("", lines[i]))[:1]}
    for i in starts:
        columns = _columns(lines[i])
        keys = tuple(_key(c) for c in columns)
        taken = max(
            (n for n in range(1, len(keys) + 1) if openers[keys[:n]] >= 2 or (n == 1 and keys[0] in footers)),
            default=0,
        )
        if taken:
            rest = "   ".join(columns[taken:])
            out[i] = ("   ".join(columns[:taken]), rest or None)
    return out


def _next_text(lines: list[str], start: int) -> int | None:
    for i in range(start, len(lines)):
        if lines[i].strip():
            return i
    return None
