"""Plain text as paragraphs and list items: what is left of a text file that holds no table.

Blocks are paragraphs separated by blank lines; a line opening with a bullet character starts
a list item. Line breaks inside a paragraph are kept (the plan extractor reads them), and every
block carries the line it starts on.
"""

from __future__ import annotations

import re

from pipeline.core.layout import Block, Layout

BULLET = re.compile(r"^\s*([•◦▪▫●○■□‣⁃∙·*\-–])\s+(?=\S)")


def layout_from_text(text: str) -> Layout:
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    kind = "paragraph"
    marker: str | None = None

    def flush() -> None:
        nonlocal current, kind, marker
        if current:
            blocks.append(Block(kind=kind, text="\n".join(current), line=start, marker=marker))  # type: ignore[arg-type]
        current, kind, marker = [], "paragraph", None

    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            flush()
            continue
        bullet = BULLET.match(line)
        if bullet:
            flush()
            kind, marker, start = "list_item", bullet.group(1), number
            current = [line[bullet.end() :]]
            continue
        if not current:
            start = number
        current.append(line)
    flush()
    return Layout(format="txt", blocks=blocks, pages=None)
