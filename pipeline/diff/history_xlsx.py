"""The status history of one plan: one row per action, one column per revision, colour-coded.

An action keeps its row through renumbering (the rows follow the revision-to-revision matching
of `match.py`, so 4.1.3 that became 4.2.1 is one row, "earlier numbers: 4.1.3"). Sheets:
- History — Action, earlier numbers, outcome and wording (latest), then each revision's status
  in its status colour (the status as written in a comment when it says more), "not in plan"
  in grey where the action did not exist, and what changed in the latest revision (in the
  words of the diff workbook: "Status moved forward (was Idea)", "Renumbered (was 4.1.3)" ...);
- Status counts — how many actions had each status in each revision, and a stacked column
  chart of the same, one colour per status as in rules/statuses.yaml;
- Revisions — the files in order, how the order was decided, and what changed at each step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.core.ids import sort_key
from pipeline.core.model import Action, Document
from pipeline.diff.changes import ActionChange, ChangeSet, summary_lines
from pipeline.diff.render_xlsx import what_changed
from pipeline.emit.summary import NO_STATUS
from pipeline.emit.xlsx import style
from pipeline.rules import Rules

ABSENT = "not in plan"
ABSENT_COLOUR = "F2F2F2"


@dataclass
class Revision:
    """One revision in the history: its document, its column label and its place in the order."""

    label: str
    doc: Document
    marks: str = ""  # "2020-06, v2": what the order was read from
    why: str = ""  # why it follows the revision before ("v2 after v1")
    diff_name: str | None = None  # the diff with the previous revision (file name)


@dataclass
class Lineage:
    """One action through the revisions: revision index -> its index in that revision's actions."""

    at: dict[int, int] = field(default_factory=dict)


def lineages(revisions: list[Revision], steps: list[ChangeSet]) -> list[Lineage]:
    """Follow every action from revision to revision through each step's matching."""
    rows: list[Lineage] = []
    current: dict[int, Lineage] = {}
    for i in range(len(revisions[0].doc.actions)):
        row = Lineage({0: i})
        rows.append(row)
        current[i] = row
    for k, step in enumerate(steps, 1):
        following: dict[int, Lineage] = {}
        for old_index, new_index in sorted(step.matching.old_to_new().items()):
            row = current[old_index]
            row.at[k] = new_index
            following[new_index] = row
        for j in range(len(revisions[k].doc.actions)):
            if j not in following:
                row = Lineage({k: j})
                rows.append(row)
                following[j] = row
        current = following
    return rows


def history_workbook(plan: str, revisions: list[Revision], steps: list[ChangeSet], how: str, rules: Rules) -> Any:
    wb = style.new_workbook()
    rows = lineages(revisions, steps)

    def latest(row: Lineage) -> tuple[int, Action]:
        k = max(row.at)
        return k, revisions[k].doc.actions[row.at[k]]

    def order(row: Lineage) -> tuple[Any, ...]:
        k, action = latest(row)
        return (sort_key(action.id), action.id, -k, min(row.at))

    rows.sort(key=order)
    _history_sheet(wb, rows, revisions, steps, latest, rules)
    _counts_sheet(wb, revisions, rules)
    _revisions_sheet(wb, plan, revisions, steps, how)
    style.print_ready(
        wb, f"{plan} — status through {len(revisions)} revisions", ", ".join(r.doc.source.file for r in revisions)
    )
    return wb


def _history_sheet(
    wb: Any, rows: list[Lineage], revisions: list[Revision], steps: list[ChangeSet], latest: Any, rules: Rules
) -> None:

    ws = style.add_sheet(wb, "History")
    labels = [r.label for r in revisions]
    headers = ["Action", "Earlier numbers", "Outcome", "What we will do", *labels, "Change in the latest revision"]
    values: list[list[Any]] = []
    latest_changes = {c.new_index: c for c in steps[-1].actions if c.new_index is not None} if steps else {}
    for row in rows:
        _k, action = latest(row)
        earlier = []
        for i in sorted(row.at):
            ident = revisions[i].doc.actions[row.at[i]].id
            if ident != action.id and ident not in earlier:
                earlier.append(ident)
        statuses = [
            _status_of(revisions[i].doc.actions[row.at[i]]) if i in row.at else ABSENT for i in range(len(revisions))
        ]
        values.append(
            [
                action.id,
                ", ".join(earlier) or None,
                action.outcome,
                action.text,
                *statuses,
                _latest_change(row, revisions, latest_changes),
            ]
        )
    widths: dict[str, float] = {
        "Action": 10,
        "Earlier numbers": 12,
        "Outcome": 10,
        "What we will do": 60,
        "Change in the latest revision": 16,
    }
    widths.update(dict.fromkeys(labels, 18.0))
    placed = style.write_table(ws, headers, values, widths=widths)
    first_status = headers.index(labels[0]) + 1
    grey = style.font(italic=True, color="808080")
    for r, row in enumerate(rows, placed.first_data_row):
        for i in range(len(revisions)):
            cell = ws.cell(row=r, column=first_status + i)
            if i not in row.at:
                cell.fill, cell.font = style.solid_fill(ABSENT_COLOUR), grey
                continue
            action = revisions[i].doc.actions[row.at[i]]
            fill = style.status_fill(action.status, rules)
            if fill is not None:
                cell.fill = fill
            if action.status_raw and (action.status or "").lower() != action.status_raw.strip().lower():
                style.add_comment(cell, f"As written: {action.status_raw}")
    ws.freeze_panes = ws.cell(row=placed.first_data_row, column=2).coordinate


def _status_of(action: Action) -> str:
    return action.status or (f"({action.status_raw})" if action.status_raw else NO_STATUS)


def _latest_change(row: Lineage, revisions: list[Revision], latest_changes: dict[int, ActionChange]) -> str | None:
    """What happened to the action in the latest revision, in the words of the diff workbook."""
    last = len(revisions) - 1
    if last == 0:
        return None
    if last not in row.at:
        gone = max(row.at) + 2  # the revision number it is missing from first
        return "Removed" if gone == last + 1 else f"Removed in revision {gone}"
    change = latest_changes.get(row.at[last])
    return what_changed(change) if change is not None else "No change"


def _counts_sheet(wb: Any, revisions: list[Revision], rules: Rules) -> None:
    from openpyxl.chart import BarChart, Reference

    ws = style.add_sheet(wb, "Status counts")
    labels = [s.label for s in rules.statuses]
    headers = ["Revision", *labels, NO_STATUS, "Actions"]
    rows = []
    for r in revisions:
        counts = [sum(1 for a in r.doc.actions if a.status == label) for label in labels]
        rows.append([r.label, *counts, sum(1 for a in r.doc.actions if not a.status), len(r.doc.actions)])
    placed = style.write_table(ws, headers, rows, widths={"Revision": 30})
    for col, status in enumerate(rules.statuses, 2):
        ws.cell(row=placed.header_row, column=col).fill = style.solid_fill(status.colour)
        ws.cell(row=placed.header_row, column=col).font = style.font(bold=True)

    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = "Actions by status, revision by revision"
    chart.y_axis.title, chart.x_axis.title = "Actions", "Revision"
    chart.height, chart.width = 9, 8 + 3 * len(revisions)
    data = Reference(ws, min_col=2, max_col=len(labels) + 2, min_row=placed.header_row, max_row=placed.last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=placed.first_data_row, max_row=placed.last_row))
    for series, colour in zip(chart.series, [s.colour for s in rules.statuses] + [ABSENT_COLOUR], strict=True):
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = "808080"
    ws.add_chart(chart, f"A{placed.last_row + 3}")


def _revisions_sheet(wb: Any, plan: str, revisions: list[Revision], steps: list[ChangeSet], how: str) -> None:
    ws = style.add_sheet(wb, "Revisions")
    first = style.write_title(ws, 1, f"Revisions of {plan}", note=f"Ordered {how}.")
    rows = []
    for k, r in enumerate(revisions):
        step = steps[k - 1] if k else None
        rows.append(
            [
                k + 1,
                r.doc.source.file,
                r.doc.title,
                r.marks or None,
                r.why or ("(the oldest)" if k == 0 else None),
                len(r.doc.actions),
                summary_lines(step)[0] if step else "(first revision)",
                r.diff_name,
            ]
        )
    style.write_table(
        ws,
        [
            "Revision",
            "File",
            "Title",
            "Date / version",
            "Why in this place",
            "Actions",
            "What changed since the previous revision",
            "Diff report",
        ],
        rows,
        first_row=first + 1,
        widths={
            "Revision": 10,
            "Why in this place": 30,
            "Actions": 10,
            "What changed since the previous revision": 60,
        },
    )
