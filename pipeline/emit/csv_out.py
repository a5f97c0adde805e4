"""`outputs/all-actions.csv`, `all-questions.csv`, `all-findings.csv`: every record in one table.

For analysts: one row per action, question or finding across every document, the `file` it
came from first, then the contract's own field names as headers. Written from the per-document
JSON outputs (like the index), so the CSVs always agree with them.

- UTF-8 with a byte-order mark, so Excel opens accents and curly quotes correctly; Windows line
  ends (what Excel writes); every text field quoted only when it must be (the csv module's rule).
- Formula-safe by the workbooks' rule (`xlsx.safe.is_formula_like`): text that Excel could take
  for a formula ("=...", "+44...", "@SUM") is written after an apostrophe, which Excel shows as
  text; the same control characters as in the workbooks are dropped.
- Lists of ids are joined with ", " (as in the workbooks); lists of texts with a line break;
  a plan's own columns (`extra`) as "Header: value" lines.

    pandas.read_csv("outputs/all-actions.csv", dtype=str, keep_default_na=False)

reads every field as the text it is ("1.10" stays "1.10"; an empty cell stays "").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pipeline.emit.atomic import write_bytes_atomic
from pipeline.emit.xlsx.safe import cell_text, is_formula_like

ACTIONS_CSV, QUESTIONS_CSV, FINDINGS_CSV = "all-actions.csv", "all-questions.csv", "all-findings.csv"
CSV_NAMES = (ACTIONS_CSV, QUESTIONS_CSV, FINDINGS_CSV)


def _ids(values: Iterable[Any]) -> str:
    return ", ".join(str(v) for v in values)


def _lines(values: Iterable[Any]) -> str:
    return "\n".join(str(v) for v in values)


def _get(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda record: record.get(key)


ACTION_COLUMNS: tuple[tuple[str, Callable[[dict[str, Any]], Any]], ...] = (
    ("section", _get("section")),
    ("outcome", _get("outcome")),
    ("id", _get("id")),
    ("id_generated", _get("id_generated")),
    ("title", _get("title")),
    ("text", _get("text")),
    ("status", _get("status")),
    ("status_family", _get("status_family")),
    ("status_raw", _get("status_raw")),
    ("status_source", _get("status_source")),
    ("lead", _get("lead")),
    ("timescale", _get("timescale")),
    ("update", _get("update")),
    ("age_group", _get("age_group")),
    ("age_group_raw", _get("age_group_raw")),
    ("links_raw", _get("links_raw")),
    ("linked_actions", lambda a: _ids(a.get("linked_actions", []))),
    ("linked_outcomes", lambda a: _ids(a.get("linked_outcomes", []))),
    ("depends_on", lambda a: _ids(a.get("depends_on", []))),
    ("external_refs", lambda a: _lines(a.get("external_refs", []))),
    ("quality_statements", lambda a: _ids(a.get("quality_statements", []))),
    ("unresolved_refs", lambda a: _ids(a.get("unresolved_refs", []))),
    ("mentions", lambda a: _lines(a.get("mentions", []))),
    ("extra", lambda a: _lines(f"{k}: {v}" for k, v in (a.get("extra") or {}).items())),
    ("page", lambda a: (a.get("source") or {}).get("page")),
)
QUESTION_COLUMNS: tuple[tuple[str, Callable[[dict[str, Any]], Any]], ...] = (
    ("priority", _get("priority")),
    ("id", _get("id")),
    ("text", _get("text")),
    ("parts", lambda q: _lines(q.get("parts", []))),
    ("kinds", lambda q: _ids(q.get("kinds", []))),
    ("follow_up", lambda q: _ids(["true" if f else "false" for f in q.get("follow_up", [])])),
    ("notes", lambda q: _lines(q.get("notes", []))),
    ("examples", lambda q: _lines(q.get("examples", []))),
    ("response", _get("response")),
    ("improve", _get("improve")),
    ("rag", _get("rag")),
    ("rag_label", _get("rag_label")),
    ("page", lambda q: (q.get("source") or {}).get("page")),
)
FINDING_COLUMNS: tuple[tuple[str, Callable[[dict[str, Any]], Any]], ...] = (
    ("severity", _get("severity")),
    ("code", _get("code")),
    ("where", _get("where")),
    ("message", _get("message")),
)


def safe_field(value: Any) -> str:
    """One CSV field: blank for none, true/false for flags, text made safe as in the workbooks.

    "=1+1" -> "'=1+1";  None -> "";  True -> "true";  "a\\x00b" -> "ab"
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = cell_text(value)
    text = "" if text is None else str(text)
    return "'" + text if is_formula_like(text) else text


def csv_bytes(headers: list[str], rows: Iterable[list[Any]]) -> bytes:
    """A whole CSV file: BOM, header row, one row per record, CRLF line ends."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([safe_field(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def _table(
    documents: list[tuple[str, dict[str, Any]]],
    kind: str | None,
    key: str,
    columns: tuple[tuple[str, Callable[[dict[str, Any]], Any]], ...],
) -> bytes:
    rows = [
        [file, *(get(record) for _, get in columns)]
        for file, doc in documents
        if kind is None or doc.get("kind") == kind
        for record in doc.get(key, [])
    ]
    return csv_bytes(["file", *(name for name, _ in columns)], rows)


def write_csvs(outputs: Path, documents: list[tuple[str, dict[str, Any]]]) -> list[Path]:
    """The three CSVs from (input file name, its JSON) in file-name order; returns their paths."""
    tables = {
        ACTIONS_CSV: _table(documents, "action_plan", "actions", ACTION_COLUMNS),
        QUESTIONS_CSV: _table(documents, "guidance", "questions", QUESTION_COLUMNS),
        FINDINGS_CSV: _table(documents, None, "findings", FINDING_COLUMNS),
    }
    for name, body in tables.items():
        write_bytes_atomic(outputs / name, body)
    return [outputs / name for name in tables]
