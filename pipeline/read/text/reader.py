"""Plain-text files: what copying a PDF table or a web page into a text file gives.

Tables in tab-separated cells (`text.delimited`) and tables laid out in columns of spaces
(`text.columns`) are read as tables; anything else as the paragraphs below.

The rest is paragraphs and list items (`text.plain`).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.core.layout import Layout
from pipeline.core.text import safe_text
from pipeline.read.decode import decode_counted, undecodable_notes
from pipeline.read.text.columns import read_columns
from pipeline.read.text.delimited import read_delimited
from pipeline.read.text.plain import layout_from_text
from pipeline.rules import Rules


def read(path: Path, data: bytes | None = None, rules: Rules | None = None, password: str | None = None) -> Layout:
    raw = path.read_bytes() if data is None else data
    decoded = decode_counted(raw)
    layout = _layout(decoded.text, rules)
    layout.notes[:0] = undecodable_notes(decoded)
    return layout


def _layout(text: str, rules: Rules | None) -> Layout:
    safe = safe_text(text)
    delimited = read_delimited(safe)  # tables in tab-separated cells
    if delimited is not None:
        return delimited
    if rules is not None:
        columns = read_columns(text, rules)  # columns of characters; reads the form feeds `safe` lacks
        if columns is not None:
            return columns
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return layout_from_text(safe, page_starts={i for i, line in enumerate(lines) if "\f" in line and i})
