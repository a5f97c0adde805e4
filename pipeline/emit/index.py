"""The officer's one place to look: `outputs/index.json` and the workbook `outputs/all-plans.xlsx`.

Both are made from the per-document JSON outputs (never by reading a document again), so they
cost little and always agree with what is in outputs/. Every input is listed: its kind, its
counts, its actions by status, its findings by severity, and, when the latest version of the
file could not be read, the one-line reason and whether the outputs shown are an earlier
version's. The workbook adds every plan's actions, every guidance page's questions and every
finding on one sheet each, in the house style, so officers can filter across documents.

Deterministic: documents in file-name order, records in document order, no clock anywhere.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import __version__
from pipeline.core.errors import Failure
from pipeline.core.kinds import KINDS
from pipeline.core.model import SEVERITIES, json_bytes
from pipeline.emit.summary import NO_STATUS, summarise
from pipeline.emit.xlsx import style

if TYPE_CHECKING:
    from openpyxl import Workbook

    from pipeline.rules import Rules

INDEX_VERSION = 1
PRINT_COLUMNS_PER_PAGE = 16  # more columns than this print too small on one A4 page
STATE_LABEL = {
    "ok": "Up to date",
    "stale": "Failed: outputs are from an earlier version",
    "failed": "Failed: no outputs",
}
INDEX_SHEET, ACTIONS_SHEET, QUESTIONS_SHEET, FINDINGS_SHEET = "Index", "All actions", "All questions", "All findings"


@dataclass(frozen=True)
class Entry:
    """One input as the build left it: its output names (None if it never built) and its failure."""

    file: str
    json: str | None = None
    workbook: str | None = None
    failure: Failure | None = None  # of the latest attempt


# --------------------------------------------------------------------------- the index data


def load(outputs: Path, entries: list[Entry]) -> list[tuple[Entry, dict[str, Any] | None, str | None]]:
    """(entry, its JSON or None, a problem reading it or None), in file-name order."""
    loaded = []
    for entry in sorted(entries, key=lambda e: e.file):
        doc, problem = None, None
        if entry.json:
            try:
                doc = json.loads((outputs / entry.json).read_text(encoding="utf-8"))
                if not isinstance(doc, dict) or doc.get("kind") not in KINDS:
                    raise ValueError("not a document of a known kind")
            except (OSError, ValueError) as exc:
                doc, problem = None, f"its JSON output {entry.json} could not be read ({type(exc).__name__})"
        loaded.append((entry, doc, problem))
    return loaded


def index_data(loaded: list[tuple[Entry, dict[str, Any] | None, str | None]], rules: Rules) -> dict[str, Any]:
    """The content of index.json."""
    labels = [s.label for s in rules.statuses]
    documents = []
    totals: Counter[str] = Counter()
    status_totals: Counter[str] = Counter()
    finding_totals: Counter[str] = Counter()
    for entry, doc, problem in loaded:
        record: dict[str, Any] = {"file": entry.file, "json": entry.json, "workbook": entry.workbook}
        if doc is not None:
            summary = summarise(doc)
            statuses = summary.statuses
            if KINDS[summary.kind].statuses:
                statuses = {**dict.fromkeys(labels, 0), **statuses}
            record.update(asdict(summary), statuses=dict(sorted(statuses.items())))
        else:
            record.update(kind=None, title=None, counts={}, statuses={}, findings={})
        failure = entry.failure
        if problem and not failure:
            failure = Failure("unreadable-output", problem, "run `python -m pipeline build --force` to write it again")
        record["state"] = "ok" if not failure else ("stale" if doc is not None else "failed")
        record["problem"] = {**asdict(failure), "line": failure.line(entry.file)} if failure else None
        documents.append(record)
        totals["documents"] += 1
        totals[record["state"]] += 1
        if record["kind"]:
            totals[record["kind"]] += 1
        totals.update(record["counts"])
        status_totals.update({k: v for k, v in record["statuses"].items()})
        finding_totals.update(record["findings"])
    for key in ("documents", "ok", "stale", "failed", *KINDS):
        totals.setdefault(key, 0)
    return {
        "index_version": INDEX_VERSION,
        "pipeline_version": __version__,
        "documents": documents,
        "totals": {
            **dict(sorted(totals.items())),
            "statuses": dict(sorted(status_totals.items())),
            "findings": {s: finding_totals.get(s, 0) for s in SEVERITIES},
        },
    }


# --------------------------------------------------------------------------- writing


def write_index(outputs: Path, entries: list[Entry], rules: Rules, json_name: str, workbook_name: str) -> list[Path]:
    """Write index.json, the combined workbook and the CSVs atomically; return their paths."""
    from pipeline.emit.atomic import write_bytes_atomic
    from pipeline.emit.csv_out import write_csvs

    loaded = load(outputs, entries)
    data = index_data(loaded, rules)
    write_bytes_atomic(outputs / json_name, json_bytes(data))
    style.save(combined_workbook(loaded, data, rules), outputs / workbook_name)
    csvs = write_csvs(outputs, [(entry.file, doc) for entry, doc, _ in loaded if doc is not None])
    return [outputs / json_name, outputs / workbook_name, *csvs]


def combined_workbook(
    loaded: list[tuple[Entry, dict[str, Any] | None, str | None]], data: dict[str, Any], rules: Rules
) -> Workbook:
    """Index, All actions, All questions, All findings: one workbook across every document."""

    wb = style.new_workbook()
    index_ws = style.add_sheet(wb, INDEX_SHEET)
    actions_first = _all_actions(wb, loaded, rules)
    questions_first = _all_questions(wb, loaded, rules)
    _all_findings(wb, loaded)
    _index_sheet(index_ws, data, rules, actions_first, questions_first)
    files = [d["file"] for d in data["documents"]]
    style.print_ready(wb, "Every document in one place", f"{len(files)} documents: " + ", ".join(files))
    return wb


def _index_sheet(
    ws: Any, data: dict[str, Any], rules: Rules, actions_first: dict[str, int], questions_first: dict[str, int]
) -> None:

    labels = [s.label for s in rules.statuses]
    extra = sorted({k for d in data["documents"] for k in d["statuses"]} - set(labels) - {NO_STATUS})
    status_columns = [*labels, *extra, NO_STATUS]
    fixed = ["File", "Kind", "Title", "State", "Sections", "Outcomes", "Actions", "Priorities", "Questions", "Answered"]
    tail = ["Errors", "Warnings", "Info", "Problem", "Workbook"]
    taken = {h.lower() for h in fixed + tail}
    status_headers = []
    for label in status_columns:
        header = label if label.lower() not in taken else f"{label} (status)"
        taken.add(header.lower())
        status_headers.append(header)
    headers = fixed + status_headers + tail
    rows = []
    for d in data["documents"]:
        counts, has_statuses = d["counts"], d["kind"] is not None and KINDS[d["kind"]].statuses
        problem = d["problem"]
        rows.append(
            [
                d["file"],
                KINDS[d["kind"]].label if d["kind"] else "",
                d["title"],
                STATE_LABEL[d["state"]],
                counts.get("sections"),
                counts.get("outcomes"),
                counts.get("actions"),
                counts.get("priorities"),
                counts.get("questions"),
                counts.get("answered"),
                *[(d["statuses"].get(label, 0) if has_statuses else None) for label in status_columns],
                *[(d["findings"].get(s) if d["findings"] else None) for s in ("error", "warning", "info")],
                f"{problem['reason']} — {problem['remedy']}" if problem else None,
                d["workbook"],
            ]
        )
    placed = style.write_table(
        ws, headers, rows, widths={"File": 34, "Title": 40, "State": 22, "Problem": 60}, table_name="Documents"
    )
    if len(headers) > PRINT_COLUMNS_PER_PAGE:  # readable on paper: two pages wide, file names on both
        style.print_setup(ws, pages_wide=2)
        ws.print_title_cols = f"{placed.column('File')}:{placed.column('File')}"
    colours = style.status_colours(rules)
    for label, header in zip(status_columns, status_headers, strict=True):
        if label in colours:
            ws[f"{placed.column(header)}{placed.header_row}"].fill = style.solid_fill(colours[label])
            ws[f"{placed.column(header)}{placed.header_row}"].font = style.font(bold=True)
    style.add_value_colours(
        ws,
        placed.data_range("State"),
        {
            STATE_LABEL["stale"]: style.SEVERITY_COLOURS["warning"],
            STATE_LABEL["failed"]: style.SEVERITY_COLOURS["error"],
        },
    )
    file_col = placed.column("File")
    for row, d in enumerate(data["documents"], placed.first_data_row):
        if d["file"] in actions_first:
            style.link_to_cell(
                ws[f"{file_col}{row}"], ACTIONS_SHEET, f"A{actions_first[d['file']]}", "Go to its actions"
            )
        elif d["file"] in questions_first:
            style.link_to_cell(
                ws[f"{file_col}{row}"], QUESTIONS_SHEET, f"A{questions_first[d['file']]}", "Go to its questions"
            )


def _all_actions(
    wb: Workbook, loaded: list[tuple[Entry, dict[str, Any] | None, str | None]], rules: Rules
) -> dict[str, int]:
    """Every plan's actions; returns the first row of each plan (for the index's links)."""

    ws = style.add_sheet(wb, ACTIONS_SHEET)
    headers = [
        "File",
        "Section",
        "Outcome",
        "Action",
        "Title",
        "What we will do",
        "Status",
        "Status as written",
        "Lead",
        "Timescale",
        "Update",
        "Age group",
        "Linked actions",
        "Depends on",
        "Outside references",
        "Page or line",
    ]
    rows: list[list[Any]] = []
    first: dict[str, int] = {}
    for entry, doc, _ in loaded:
        if not doc or KINDS[doc["kind"]].records != "actions":
            continue
        for a in doc.get("actions", []):
            first.setdefault(entry.file, len(rows) + 2)
            where = a.get("source") or {}
            rows.append(
                [
                    entry.file,
                    a.get("section"),
                    a.get("outcome"),
                    a.get("id"),
                    a.get("title"),
                    a.get("text"),
                    a.get("status"),
                    a.get("status_raw"),
                    a.get("lead"),
                    a.get("timescale"),
                    a.get("update"),
                    a.get("age_group"),
                    style.joined_ids(a.get("linked_actions", [])),
                    style.joined_ids(a.get("depends_on", [])),
                    "\n".join(a.get("external_refs", [])),
                    where.get("page") if where.get("page") is not None else where.get("line"),
                ]
            )
    placed = style.write_table(
        ws,
        headers,
        rows,
        table_name="AllActions",
        widths={"File": 28, "Title": 24, "What we will do": 60, "Status as written": 24, "Update": 40},
    )
    style.add_status_colours(ws, placed.data_range("Status"), rules)
    return first


def _all_questions(
    wb: Workbook, loaded: list[tuple[Entry, dict[str, Any] | None, str | None]], rules: Rules
) -> dict[str, int]:
    from pipeline.emit.xlsx import guidance as xlsx_guidance

    ws = style.add_sheet(wb, QUESTIONS_SHEET)
    headers = ["File", "Priority", "Question", "Text", "Current position", "What could be improved", "RAG"]
    rows: list[list[Any]] = []
    first: dict[str, int] = {}
    for entry, doc, _ in loaded:
        if not doc or KINDS[doc["kind"]].records != "questions":
            continue
        for q in doc.get("questions", []):
            first.setdefault(entry.file, len(rows) + 2)
            rows.append(
                [
                    entry.file,
                    q.get("priority"),
                    q.get("id"),
                    q.get("text"),
                    q.get("response"),
                    q.get("improve"),
                    xlsx_guidance.rag_label(q.get("rag"), rules),
                ]
            )
    placed = style.write_table(ws, headers, rows, table_name="AllQuestions", widths={"File": 28, "Text": 70})
    style.add_value_colours(ws, placed.data_range("RAG"), style.rating_colours(rules))
    return first


def _all_findings(wb: Workbook, loaded: list[tuple[Entry, dict[str, Any] | None, str | None]]) -> None:

    ws = style.add_sheet(wb, FINDINGS_SHEET)
    headers = ["File", "Severity", "Code", "Where", "Message"]
    rows = [
        [entry.file, f.get("severity"), f.get("code"), f.get("where"), f.get("message")]
        for entry, doc, _ in loaded
        if doc
        for f in doc.get("findings", [])
    ]
    placed = style.write_table(ws, headers, rows, table_name="AllFindings", widths={"File": 28, "Message": 80})
    style.add_severity_colours(ws, placed.data_range("Severity"))
