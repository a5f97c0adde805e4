"""Plain text as paragraphs and list items: what is left of a text file that holds no table.

Blocks are paragraphs separated by blank lines; a line opening with a bullet character starts
a list item, nested as deep as it is indented among the file's bullets (two indents: the deeper
bullets are a list inside the item above). The lines under an item are more of it, unless set
further out than its bullet (a paragraph that follows the list with no blank line between).
Line breaks inside a paragraph are kept (the plan extractor reads them), and every block
carries the line it starts on.

Page furniture of a printed page (page-number lines, running headers: `text.furniture`) becomes
furniture blocks; what a header line holds besides the header stays content.
"""

from __future__ import annotations

import re

from pipeline.core.layout import Block, Layout
from pipeline.core.text import BULLETS
from pipeline.read.text.furniture import find_furniture

BULLET = re.compile(rf"^(\s*)([{BULLETS}*\-–])\s+(?=\S)")


def layout_from_text(text: str, page_starts: set[int] | None = None) -> Layout:
    """`page_starts`: indexes of the lines a form feed starts (the file's own page breaks)."""
    lines = text.split("\n")
    furniture = find_furniture(lines, page_starts)
    depth = _depths(lines)
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    kind = "paragraph"
    marker: str | None = None
    level = 0
    indent = 0  # of the bullet that opened the current list item

    def flush() -> None:
        nonlocal current, kind, marker, level
        if current:
            blocks.append(Block(kind=kind, text="\n".join(current), line=start, marker=marker, level=level))  # type: ignore[arg-type]
        current, kind, marker, level = [], "paragraph", None, 0

    for number, line in enumerate(lines, 1):
        if number - 1 in furniture:
            flush()
            chrome, kept = furniture[number - 1]
            blocks.append(Block(kind="furniture", text=chrome, line=number))
            if kept is None:
                continue
            line = kept
        if not line.strip():
            flush()
            continue
        bullet = BULLET.match(line)
        if bullet:
            flush()
            indent = _indent(bullet.group(1))
            kind, marker, start, level = "list_item", bullet.group(2), number, depth[indent]
            current = [line[bullet.end() :]]
            continue
        if kind == "list_item" and _indent(line[: len(line) - len(line.lstrip())]) < indent:
            flush()  # a line set further out than the bullet above is not more of its item
        if not current:
            start = number
        current.append(line)
    flush()
    return Layout(format="txt", blocks=blocks, pages=None)


def _depths(lines: list[str]) -> dict[int, int]:
    """Indent of a bullet -> its list depth: the file's bullet indents in order, close ones as one."""
    indents = sorted({_indent(m.group(1)) for line in lines if (m := BULLET.match(line))})
    depth: dict[int, int] = {}
    level = -1
    previous: int | None = None
    for indent in indents:
        if previous is None or indent - previous > 1:
            level += 1
        depth[indent] = level
        previous = indent
    return depth


def _indent(space: str) -> int:
    return len(space.expandtabs(4))
