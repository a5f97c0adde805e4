"""The sheets of an action plan's workbook: Actions (the plan, one row per action) and Summary.

Actions is the sheet officers filter, sort and paste from, so every field of an action has its
own column, the Status column keeps its drop-down and colours when edited, and cited action ids
jump to the cited row. Summary counts are computed here from the records (never read from the
document's text) and written as values, so they show the same in any viewer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pipeline.core.model import Action, Document
from pipeline.emit.summary import NO_STATUS
from pipeline.emit.xlsx import style

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from pipeline.rules import Rules

ACTIONS = "Actions"
SUMMARY = "Summary"
NO_SECTION = "(no section)"
NO_AGE = "Not given"
TOTAL = "Total"


@dataclass(frozen=True)
class Column:
    header: str
    get: Callable[[Action], Any]
    width: float | None = None  # None: fitted to the content


def action_columns(doc: Document) -> list[Column]:
    """The Actions sheet's columns; a plan's own extra columns (Lead, Timescale...) come too."""
    outcome_text = {o.id: o.text for o in doc.outcomes}
    section_title = {s.number: s.title for s in doc.sections}
    where = "Page" if doc.source.pages or any(a.source.page for a in doc.actions) else "Line"
    columns = [
        Column("Section", lambda a: _section_label(a.section, section_title), 24),
        Column("Outcome", lambda a: a.outcome, 9),
        Column("Outcome text", lambda a: outcome_text.get(a.outcome or ""), 40),
        Column("Action", lambda a: a.id, 9),
        Column("What we will do", lambda a: a.text, 55),
        Column("Status", lambda a: a.status, 15),
        Column("Status as written", lambda a: a.status_raw, 24),
        Column("Age group", lambda a: a.age_group, 10),
        Column("Linked actions", lambda a: style.joined_ids(a.linked_actions), 13),
        Column("Linked outcomes", lambda a: style.joined_ids(a.linked_outcomes), 13),
        Column("Outside references", lambda a: "\n".join(a.external_refs), 28),
        Column("Depends on", lambda a: style.joined_ids(a.depends_on), 12),
        Column("Links as written", lambda a: a.links_raw, 28),
        Column("NICE quality statements", lambda a: style.joined_ids(a.quality_statements), 12),
    ]
    taken = {c.header.lower() for c in columns} | {where.lower()}
    for key in _extra_keys(doc.actions):
        header = _unique_header(key, taken)
        taken.add(header.lower())
        columns.append(Column(header, _extra(key), None))
    by_page = where == "Page"
    columns.append(Column(where, lambda a: a.source.page if by_page else a.source.line, 7))
    return columns


def _section_label(number: str | None, titles: dict[str, str]) -> str | None:
    if number is None:
        return None
    title = titles.get(number)
    return f"{number}. {title}" if title else number


def _extra_keys(actions: Sequence[Action]) -> list[str]:
    keys: list[str] = []
    for action in actions:
        for key in action.extra:
            if key not in keys:
                keys.append(key)
    return keys


def _unique_header(text: str, taken: set[str]) -> str:
    """A plan's own column name as a header: one line, not clashing with ours ("Status" -> "Status (plan)")."""
    header = " ".join(str(text).split()) or "Column"
    candidate, n = header, 2
    if candidate.lower() in taken:
        candidate = f"{header} (plan)"
    while candidate.lower() in taken:
        candidate = f"{header} (plan {n})"
        n += 1
    return candidate


# --------------------------------------------------------------------------- Actions


def write_actions(wb: Workbook, doc: Document, rules: Rules) -> style.TableRange:
    ws = style.add_sheet(wb, ACTIONS)
    columns = action_columns(doc)
    rows = [[c.get(a) for c in columns] for a in doc.actions]
    placed = style.write_table(
        ws,
        [c.header for c in columns],
        rows,
        widths={c.header: c.width for c in columns if c.width is not None},
        table_name="ActionsTable",
        centre=("Page", "Line"),
    )
    status = placed.column("Status")
    style.add_status_validation(ws, status, placed.first_data_row, placed.last_row, rules)
    style.add_status_colours(ws, placed.data_range("Status"), rules)
    _link_ids(ws, doc, placed)
    ws.sheet_view.zoomScale = 90
    return placed


def _link_ids(ws: Worksheet, doc: Document, placed: style.TableRange) -> None:
    """Cells citing actions or outcomes jump to the row of the first one cited.

    One hyperlink per cell is all Excel and LibreOffice support; the other ids stay listed in
    the same cell (and the tooltip says where the link goes).
    """
    row_of: dict[str, int] = {}
    first_of_outcome: dict[str, int] = {}
    for row, action in enumerate(doc.actions, placed.first_data_row):
        row_of.setdefault(action.id, row)
        if action.outcome:
            first_of_outcome.setdefault(action.outcome, row)
    action_col = placed.column("Action")
    targets = (
        ("Linked actions", lambda a: a.linked_actions, row_of),
        ("Depends on", lambda a: a.depends_on, row_of),
        ("Linked outcomes", lambda a: a.linked_outcomes, first_of_outcome),
    )
    for header, cited, rows in targets:
        letter = placed.column(header)
        for row, action in enumerate(doc.actions, placed.first_data_row):
            target = next((i for i in cited(action) if i in rows), None)
            if target is None:
                continue
            cell = ws[f"{letter}{row}"]
            style.link_to_cell(cell, ws.title, f"{action_col}{rows[target]}", tooltip=f"Go to {target}")


# --------------------------------------------------------------------------- Summary


def section_rows(doc: Document) -> list[tuple[str, str]]:
    """(section number, title) in plan order; sections that only actions name come after."""
    rows = [(s.number, s.title) for s in doc.sections]
    known = {s.number for s in doc.sections}
    for action in doc.actions:
        number = action.section or NO_SECTION
        if number not in known:
            known.add(number)
            rows.append((number, ""))
    return rows


def status_headers(doc: Document, rules: Rules) -> list[str]:
    """The canonical statuses in rules order, then "No status" when some action has none."""
    labels = [s.label for s in rules.statuses]
    if any(a.status not in labels for a in doc.actions):
        labels.append(NO_STATUS)
    return labels


def _extra(key: str) -> Callable[[Action], str | None]:
    """The cell of a plan's own column (Lead, Timescale...) in an action."""
    return lambda a: a.extra.get(key)


def _status_key(action: Action, labels: Sequence[str]) -> str:
    status = action.status
    return status if status is not None and status in labels and status != NO_STATUS else NO_STATUS


def count_by(doc: Document, rules: Rules, group: Callable[[Action], str]) -> dict[str, dict[str, int]]:
    """group value -> status -> number of actions (every status present, zeros included)."""
    labels = status_headers(doc, rules)
    counts: dict[str, dict[str, int]] = {}
    for action in doc.actions:
        row = counts.setdefault(group(action), dict.fromkeys(labels, 0))
        row[_status_key(action, labels)] += 1
    return counts


def age_rows(doc: Document, rules: Rules) -> list[str]:
    labels = [a.label for a in rules.age_groups]
    for action in doc.actions:
        label = action.age_group or NO_AGE
        if label not in labels:
            labels.append(label)
    return labels


def write_summary(wb: Workbook, doc: Document, rules: Rules) -> None:
    """Counts by section x status and age group x status, a stacked bar chart, the status key."""
    ws = style.add_sheet(wb, SUMMARY)
    labels = status_headers(doc, rules)
    row = style.write_title(ws, 1, "Summary", f"{doc.title} - {len(doc.actions)} actions")
    row += 1

    style.write_heading(ws, row, "Actions by section and status")
    by_section = count_by(doc, rules, lambda a: a.section or NO_SECTION)
    sections = section_rows(doc)
    body = []
    for number, title in sections:
        counts = by_section.get(number, dict.fromkeys(labels, 0))
        body.append([number, title, *[counts[s] for s in labels], sum(counts.values())])
    section_table = _count_table(ws, row + 1, ["Section", "Title"], labels, body, rules)
    row = section_table.last_row + 2

    style.write_heading(ws, row, "Actions by age group and status")
    by_age = count_by(doc, rules, lambda a: a.age_group or NO_AGE)
    ages = age_rows(doc, rules)
    meaning = {a.label: a.meaning for a in rules.age_groups}
    body = []
    for age in ages:
        counts = by_age.get(age, dict.fromkeys(labels, 0))
        body.append([age, meaning.get(age, ""), *[counts[s] for s in labels], sum(counts.values())])
    age_table = _count_table(ws, row + 1, ["Age group", "Meaning"], labels, body, rules)
    row = age_table.last_row + 2

    _write_status_key(ws, row, rules, labels)
    if doc.actions:
        _chart(ws, section_table, len(sections), labels, rules, anchor_row=1)
    ws.freeze_panes = None


def _count_table(
    ws: Worksheet, first_row: int, lead: list[str], labels: list[str], body: list[list[Any]], rules: Rules
) -> style.TableRange:
    """A counts table with a Total row; status headers in their status colours."""
    totals = [TOTAL, ""] + [sum(r[i] for r in body) for i in range(2, len(lead) + len(labels) + 1)]
    placed = style.write_table(
        ws,
        [*lead, *labels, TOTAL],
        [*body, totals],
        widths=_summary_widths(labels),
        first_row=first_row,
        freeze=False,
        filters=False,
    )
    for status in labels:
        fill = style.status_fill(status, rules)
        cell = ws[f"{placed.column(status)}{first_row}"]
        if fill is not None:
            cell.fill = fill
            cell.font = style.font(bold=True, color="000000")
    for letter in placed.columns.values():
        ws[f"{letter}{placed.last_row}"].font = style.font(bold=True)
    for r in range(placed.first_data_row, placed.last_row + 1):
        ws[f"{placed.column(TOTAL)}{r}"].font = style.font(bold=True)
    return placed


def _write_status_key(ws: Worksheet, row: int, rules: Rules, labels: list[str]) -> None:
    """The colour key: each canonical status, its colour and what it means."""
    style.write_heading(ws, row, "Status key")
    rows = [[s.label, s.meaning] for s in rules.statuses]
    if NO_STATUS in labels:
        rows.append([NO_STATUS, "The plan's status words did not match any status in rules/statuses.yaml"])
    placed = style.write_table(
        ws, ["Status", "Meaning"], rows, widths=_summary_widths(labels), first_row=row + 1, freeze=False, filters=False
    )
    for r in range(placed.first_data_row, placed.last_row + 1):
        fill = style.status_fill(ws[f"A{r}"].value, rules)
        if fill is not None:
            ws[f"A{r}"].fill = fill


def _summary_widths(labels: list[str]) -> list[float]:
    """One set of widths for the sheet's three tables (they share columns)."""
    return [16, 46, *[max(9, len(label) + 3) for label in [*labels, TOTAL]]]


def _chart(
    ws: Worksheet, table: style.TableRange, sections: int, labels: list[str], rules: Rules, anchor_row: int
) -> None:
    """Stacked bars: one bar per section, one segment per status, in the status colours."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import column_index_from_string, get_column_letter

    colours = style.status_colours(rules)
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.gapWidth = 60
    chart.title = "Actions by status in each section"
    chart.y_axis.title = "Actions"
    chart.x_axis.title = "Section"
    chart.x_axis.scaling.orientation = "maxMin"  # section 1 at the top, as in the plan
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if _max_bar(ws, table) <= 12:
        chart.y_axis.majorUnit = 1  # whole actions, not 0.5 steps
    chart.y_axis.numFmt = "0"
    chart.legend.position = "b"
    first, last = table.first_data_row, table.first_data_row + sections - 1
    section_col = column_index_from_string(table.column("Section"))
    for status in labels:
        col = column_index_from_string(table.column(status))
        data = Reference(ws, min_col=col, max_col=col, min_row=table.header_row, max_row=last)
        chart.add_data(data, titles_from_data=True)
        series = chart.series[-1]
        colour = colours.get(status, "F2F2F2")
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = "7F7F7F"
    chart.set_categories(Reference(ws, min_col=section_col, max_col=section_col, min_row=first, max_row=last))
    chart.height = max(7.5, 1.4 * sections + 4)
    chart.width = 18
    after = get_column_letter(column_index_from_string(table.column(TOTAL)) + 2)
    ws.add_chart(chart, f"{after}{anchor_row}")


def _max_bar(ws: Worksheet, table: style.TableRange) -> int:
    total = table.column(TOTAL)
    values = [ws[f"{total}{r}"].value for r in range(table.first_data_row, table.last_row)]
    return max((v for v in values if isinstance(v, int)), default=0)
