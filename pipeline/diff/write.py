"""Write a diff's three files, and only touch a file whose bytes changed.

`outputs/` is rebuilt after every build; a report that did not change keeps its file (and its
modification time), so an officer who has it open in Excel is not disturbed and `git status`
stays quiet.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.core.model import json_bytes
from pipeline.diff.changes import ChangeSet
from pipeline.emit.atomic import write_bytes_atomic
from pipeline.emit.xlsx.safe import reproducible_bytes
from pipeline.rules import Rules

SUFFIXES = (".diff.md", ".diff.json", ".diff.xlsx")


MAX_STEM_BYTES = 200  # room left in a 255-byte file name for ".diff.xlsx" and a temporary prefix


def diff_stem(old_stem: str, new_stem: str) -> str:
    """`<old>__<new>`: the name every file of one diff starts with.

    Long names are cut (each half keeps its start) and tagged with a hash of the full pair, so
    every file system can hold the name and two different pairs never share one.
    """
    stem = f"{old_stem}__{new_stem}"
    if len(stem.encode("utf-8", "surrogateescape")) <= MAX_STEM_BYTES:
        return stem
    tag = "~" + hashlib.sha256(stem.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    half = (MAX_STEM_BYTES - len(tag) - 2) // 2
    return f"{_cut(old_stem, half)}__{_cut(new_stem, half)}{tag}"


def _cut(text: str, limit: int) -> str:
    return text.encode("utf-8", "surrogateescape")[:limit].decode("utf-8", "ignore")


def write_if_changed(path: Path, data: bytes) -> Path:
    """Write `data` atomically unless `path` already holds exactly these bytes."""
    try:
        if path.read_bytes() == data:
            return path
    except OSError:
        pass
    write_bytes_atomic(path, data)
    return path


def write_diff(changes: ChangeSet, out_dir: Path, old_stem: str, new_stem: str, rules: Rules) -> list[Path]:
    """Write `<old>__<new>.diff.md`, `.diff.json` and `.diff.xlsx` in `out_dir`; return their paths."""
    from pipeline.diff.render_md import render_markdown
    from pipeline.diff.render_xlsx import diff_workbook

    stem = diff_stem(old_stem, new_stem)
    md_path, json_path, xlsx_path = (out_dir / f"{stem}{suffix}" for suffix in SUFFIXES)
    return [
        # a file name that is not valid Unicode is written escaped, never a reason to fail
        write_if_changed(md_path, render_markdown(changes).encode("utf-8", "backslashreplace")),
        write_if_changed(json_path, json_bytes(changes.to_dict())),
        write_if_changed(xlsx_path, reproducible_bytes(diff_workbook(changes, rules))),
    ]
