"""Every page's tables by camelot (stream mode), as JSON: pages -> tables -> rows -> cells.

Run by bench/run.py with the Python of a separate virtual environment that has camelot-py
(camelot is not one of the project's dependencies): `python camelot_tables.py FILE.pdf OUT.json`.
Imports nothing from the project. Writes {"seconds": ..., "pages": [...]}.
"""

from __future__ import annotations

import json
import sys
import time


def main(argv: list[str]) -> int:
    import camelot

    path, out = argv[0], argv[1]
    started = time.perf_counter()
    tables = camelot.read_pdf(path, pages="all", flavor="stream")
    pages: dict[int, list[list[list[str]]]] = {}
    for table in tables:
        rows = [[str(cell) for cell in row] for row in table.df.values.tolist()]
        pages.setdefault(int(table.page), []).append(rows)
    seconds = time.perf_counter() - started
    ordered = [pages.get(n, []) for n in range(1, max(pages, default=0) + 1)]
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"seconds": seconds, "pages": ordered, "version": camelot.__version__}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
