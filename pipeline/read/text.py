"""Plain-text files: what copying a PDF table or a web page into a text file gives.

Tables in tab-separated cells (`text_delimited`) and tables laid out in columns of spaces
(`text_columns`) are read as tables; anything else as the paragraphs below.

Blocks are paragraphs separated by blank lines; a line opening with a bullet character starts
a list item. Line breaks inside a paragraph are kept (the plan extractor reads them), and every
block carries the line it starts on.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.layout import Block, Layout
from pipeline.normalise.text import safe_text
from pipeline.read.decode import decode
from pipeline.rules import Rules

BULLET = re.compile(r"^\s*([•◦▪▫●○■□‣⁃∙·*\-–])\s+(?=\S)")


def read(path: Path, data: bytes | None = None, rules: Rules | None = None, password: str | None = None) -> Layout:
    raw = path.read_bytes() if data is None else data
    text, _encoding = decode(raw)
    safe = safe_text(text)
    from pipeline.read.text_delimited import read_delimited

    delimited = read_delimited(safe)  # tables in tab-separated cells
    if delimited is not None:
        return delimited
    if rules is not None:
        from pipeline.read.text_columns import read_columns

        columns = read_columns(text, rules)  # columns of characters; reads the form feeds `safe` lacks
        if columns is not None:
            return columns
    return layout_from_text(safe)


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
