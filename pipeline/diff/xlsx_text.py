"""A workbook as lines of text, so `git diff` can show what changed in a committed .xlsx.

    python -m pipeline.diff.xlsx_text FILE.xlsx

prints every sheet, every non-empty cell as `Sheet!A1: value` (in row order), and every cell
comment as `Sheet!A1 (comment): text`. Line breaks inside a cell are shown as "\\n" so that
one cell is always one line. Set it up once per clone (see docs/revisions.md):

    git config diff.xlsx.textconv ".venv/bin/python -m pipeline.diff.xlsx_text"

with `.gitattributes` holding `*.xlsx diff=xlsx`.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def _shown(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\n", "\\n")


def workbook_lines(path: Path) -> Iterator[str]:
    """Every sheet's cells and comments, one per line, in sheet and row order."""
    from openpyxl import load_workbook

    # from bytes: git hands textconv a temporary file whose name need not end in .xlsx
    wb = load_workbook(io.BytesIO(path.read_bytes()), data_only=False)
    for ws in wb.worksheets:
        state = "" if ws.sheet_state == "visible" else f" ({ws.sheet_state})"
        yield f"=== {ws.title}{state} ==="
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None and cell.value != "":
                    yield f"{ws.title}!{cell.coordinate}: {_shown(cell.value)}"
                if cell.comment is not None:
                    yield f"{ws.title}!{cell.coordinate} (comment): {_shown(cell.comment.text)}"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m pipeline.diff.xlsx_text FILE.xlsx", file=sys.stderr)
        return 2
    path = Path(argv[0])
    try:
        lines = list(workbook_lines(path))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        print(
            f"{path.name}: not a readable workbook ({type(exc).__name__}) — open it in Excel to check it",
            file=sys.stderr,
        )
        return 1
    sys.stdout.write("".join(line + "\n" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
