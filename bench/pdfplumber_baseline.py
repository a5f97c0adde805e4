"""The baseline to beat: what pdfplumber's own table finder gives an officer, and what we give.

For each PDF rendering of the seed plan (tests/fixtures/files/plan-*.pdf):
- baseline: `page.extract_tables()` with pdfplumber's default settings on every page, rows
  mapped to actions the way a person would do it by hand: a row with an action id in one of
  its cells is an action, and its cells are read through the header row last seen (header
  words looked up in rules/headers.yaml, so renamed columns count in the baseline's favour).
  An action is right when its text, status, links and age group all equal the golden values
  (tests/golden/seed_plan.yaml), compared after the same cleaning the pipeline does;
- ours: the same counts from `pipeline.process.process`, and the time it takes, next to the time
  of bare `pdfplumber.open` + `extract_words()` on every page.

Run: `.venv/bin/python bench/pdfplumber_baseline.py [--json FILE] [--repeat N]`
"""

from __future__ import annotations

import argparse
import io
import json
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.core.text import clean  # noqa: E402
from pipeline.language.headers import best_field  # noqa: E402
from pipeline.process import process  # noqa: E402
from pipeline.rules import Rules, load_rules  # noqa: E402
from tests.helpers import FIXTURES, expected_plan  # noqa: E402

FIELDS = ("text", "status", "links", "age_group")


def golden() -> dict[str, dict[str, str]]:
    """Cleaned golden cells by action id."""
    out = {}
    for a in expected_plan()["actions"]:
        out[a["id"]] = {
            "text": a["text"],
            "status": a["status_raw"] or "",
            "links": a["links_raw"] or "",
            "age_group": a["age_group"] or "",
        }
    return out


def baseline_rows(data: bytes, rules: Rules) -> dict[str, dict[str, str]]:
    """Actions as a person would read them off pdfplumber's default `extract_tables()`."""
    return actions_from_tables(pdfplumber_tables(data), rules)


def pdfplumber_tables(data: bytes) -> list[list[list[list[str | None]]]]:
    """Every page's tables from pdfplumber's default `extract_tables()`: pages -> tables -> rows -> cells."""
    import pdfplumber

    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            pages.append(page.extract_tables())
            page.close()
    return pages


def actions_from_tables(pages: list[list[list[list[str | None]]]], rules: Rules) -> dict[str, dict[str, str]]:
    """Rows to actions the way a person would by hand.

    A row whose cells name three or more plan columns is a header (its columns are used from
    then on); a row with an action id in one of its cells starts an action; a row with no id
    that follows one in the same table goes on with its cells (finders that cut a row per text
    line, such as camelot's stream mode, need this; a page's table is never continued from the
    page before, since a finder that works a page at a time cannot know).
    """
    action_id = re.compile(rf"^\s*({rules.action_id})\.?\s*$")
    found: dict[str, dict[str, list[str]]] = {}
    columns: dict[str, int] = {}
    for tables in pages:
        for table in tables:
            current: dict[str, list[str]] | None = None
            for row in table:
                cells = [c or "" for c in row]
                named = {c: best_field(clean(c), rules) for c in cells if clean(c)}
                header = {f: i for i, c in enumerate(cells) if c in named and (f := named[c][0]) and named[c][1] == 1.0}
                if len(header) >= 3:
                    columns = header  # type: ignore[assignment]
                    current = None
                    continue
                ident = next((m.group(1) for c in cells if (m := action_id.match(clean(c)))), None)
                if ident is not None:
                    current = None if ident in found else {f: [] for f in FIELDS}
                    if current is not None:
                        found[ident] = current
                if current is None:
                    continue
                for f in FIELDS:
                    i = columns.get(f)
                    if i is not None and i < len(cells) and cells[i].strip():
                        current[f].append(cells[i])
    return {ident: {f: clean("\n".join(parts)) for f, parts in cells.items()} for ident, cells in found.items()}


def ours(path: Path, rules: Rules) -> dict[str, dict[str, str]]:
    doc = process(path, rules)
    return {
        a.id: {
            "text": a.text,
            "status": a.status_raw or "",
            "links": a.links_raw or "",
            "age_group": a.age_group_raw or "",
        }
        for a in doc.actions
    }


def score(got: dict[str, dict[str, str]], want: dict[str, dict[str, str]]) -> dict[str, int]:
    result = {"rows_right": 0, **{f: 0 for f in FIELDS}}
    for ident, cells in want.items():
        have = got.get(ident)
        if have is None:
            continue
        right = [f for f in FIELDS if have.get(f, "") == cells[f]]
        for f in right:
            result[f] += 1
        result["rows_right"] += len(right) == len(FIELDS)
    return result


def timed(action: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_words(data: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    parser.add_argument("--repeat", type=int, default=5, help="timing runs per file (median is reported)")
    args = parser.parse_args(argv)
    rules = load_rules()
    want = golden()
    process(FIXTURES / "plan-word.pdf", rules)  # load the language pipeline once, outside the timings
    results = []
    for path in sorted(FIXTURES.glob("plan-*.pdf")):
        data = path.read_bytes()
        base = score(baseline_rows(data, rules), want)
        mine = score(ours(path, rules), want)
        t_ours = timed(lambda path=path: process(path, rules), args.repeat)
        t_bare = timed(lambda data=data: bare_words(data), args.repeat)
        results.append(
            {
                "file": path.name,
                "actions": len(want),
                "ours": mine,
                "baseline": base,
                "seconds": round(t_ours, 3),
                "bare_extract_words_seconds": round(t_bare, 3),
                "ratio": round(t_ours / t_bare, 2),
            }
        )
    print(f"{'file':24} {'ours right':>10} {'baseline right':>15} {'time s':>7} {'bare s':>7} {'ratio':>6}")
    for r in results:
        print(
            f"{r['file']:24} {r['ours']['rows_right']:>7}/{r['actions']} {r['baseline']['rows_right']:>12}/"
            f"{r['actions']} {r['seconds']:>7.3f} {r['bare_extract_words_seconds']:>7.3f} {r['ratio']:>6.2f}"
        )
        print(f"{'':24} baseline per field: " + ", ".join(f"{f} {r['baseline'][f]}" for f in FIELDS))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
