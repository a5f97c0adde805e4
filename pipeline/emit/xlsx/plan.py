"""The sheets of an action plan's workbook: Actions (the plan, as a board reads it), Links, Summary.

Actions is the plan laid out for a board pack and for filtering: the action number first, then
what the plan says of each action under its own header (title, text, status and the status as
written, lead, timescale, update, links, age group, NICE quality statements, then any other
column the plan has under the plan's own header); each section and outcome is a heading row
above its actions rather than a column repeated on every row. The Status column keeps its
drop-down and colours when edited. A cell citing one action or outcome jumps to it; a cell
citing several jumps to that action's rows on the Links sheet, where each cited id jumps to
its own row (Excel and LibreOffice allow one link per cell). Summary counts are computed here
from the records (never read from the document's text) and written as values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline.core.model import Action, Document
from pipeline.emit.summary import NO_STATUS
from pipeline.emit.xlsx import style

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from pipeline.rules import Rules

ACTIONS = "Actions"
LINKS = "Links"
SUMMARY = "Summary"
NO_SECTION = "(no section)"
NO_AGE = "Not given"
TOTAL = "Total"
LINK_HEADERS = ["Action", "Cites", "As", "What it says"]


@dataclass(frozen=True)
class Column:
    header: str
    get: Callable[[Action], Any]
    width: float | None = None  # None: fitted to the content
    role: str = "derived"  # what the column is read back as (pipeline.read.sheet.marker ROLES, or extra:<key>)


@dataclass
class ActionsSheet:
    """Where the Actions sheet put things: its table, each action's row, each outcome's heading row."""

    placed: style.TableRange
    rows: dict[str, int] = field(default_factory=dict)  # action id -> row (the first, if an id repeats)
    outcome_rows: dict[str, int] = field(default_factory=dict)  # outcome id -> its heading row


# Contract v2 fields a plan may or may not have: a column only when some action has a value.
OPTIONAL = (
    ("Title", "title", 22),
    ("Lead", "lead", 16),
    ("Timescale", "timescale", 12),
    ("Update", "update", 30),
)


def action_columns(doc: Document) -> list[Column]:
    """The Actions sheet's columns in the order a board reads them (see the module docstring);
    a column empty for every action of this plan is left out (`left_out_columns` names them)."""
    columns = _all_columns(doc)
    return [c for c in columns if c.header in ALWAYS or any(_filled(c.get(a)) for a in doc.actions)]


def left_out_columns(doc: Document) -> list[str]:
    """The Actions columns left out because no action of this plan has anything in them."""
    kept = {c.header for c in action_columns(doc)}
    return [c.header for c in _all_columns(doc) if c.header not in kept]


ALWAYS = ("Action", "What we will do", "Status")


def _filled(value: Any) -> bool:
    return value is not None and value != "" and value != []


def _all_columns(doc: Document) -> list[Column]:
    present = {key for _, key, _ in OPTIONAL if any(getattr(a, key) for a in doc.actions)}
    optional = {key: Column(header, _attribute(key), width, key) for header, key, width in OPTIONAL}
    columns = [Column("Action", lambda a: a.id, 8, "id")]
    if "title" in present:
        columns.append(optional["title"])
    columns += [
        Column("What we will do", lambda a: a.text, 44, "text"),
        Column("Status", lambda a: a.status, 13, "status"),
        Column("Status as written", lambda a: _status_as_written(a), 18, "status_written"),
    ]
    columns += [optional[key] for key in ("lead", "timescale", "update") if key in present]
    columns += [
        Column("Linked actions", lambda a: style.joined_ids(a.linked_actions), 10),
        Column("Linked outcomes", lambda a: style.joined_ids(a.linked_outcomes), 10),
        Column("Depends on", lambda a: style.joined_ids(a.depends_on), 10),
        Column("Outside references", lambda a: "\n".join(a.external_refs), 18),
        Column("Links as written", lambda a: a.links_raw, 20, "links"),
        Column("Age group", lambda a: a.age_group, 8, "age_group"),
        Column("NICE quality statements", lambda a: style.joined_ids(a.quality_statements), 10),
    ]
    taken = {c.header.lower() for c in columns} | {"page", "line", "row", "sheet", "section", "outcome"}
    for key in _extra_keys(doc.actions):
        header = _unique_header(key, taken)
        taken.add(header.lower())
        columns.append(Column(header, _extra(key), 20, f"extra:{key}"))
    return columns + _where(doc)


def _where(doc: Document) -> list[Column]:
    """Where each action was read: its page (PDFs), its sheet and row (spreadsheets), or its line."""
    if doc.source.pages or any(a.source.page for a in doc.actions):
        return [Column("Page", lambda a: a.source.page, 6)]
    if any(a.source.row for a in doc.actions):
        sheets = {a.source.sheet for a in doc.actions if a.source.sheet}
        row = [Column("Row", lambda a: a.source.row, 6)]
        return [Column("Sheet", lambda a: a.source.sheet, 14), *row] if len(sheets) > 1 else row
    return [Column("Line", lambda a: a.source.line, 6)]


def _status_as_written(action: Action) -> str | None:
    """The plan's own status words; a status read from a cell's colour says so."""
    if action.status_source == "colour" and not action.status_raw:
        return "(the cell's colour)"
    return action.status_raw


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


def _layout(doc: Document) -> list[tuple[str, Any]]:
    """The sheet's rows in order: ("section", label), ("outcome", (id, label)), ("action", action)."""
    outcome_text = {o.id: o.text for o in doc.outcomes}
    section_title = {s.number: s.title for s in doc.sections}
    rows: list[tuple[str, Any]] = []
    section: object = object()
    outcome: object = object()
    for action in doc.actions:
        if action.section != section:
            section, outcome = action.section, object()
            if action.section is not None:
                rows.append(("section", _section_label(action.section, section_title)))
        if action.outcome != outcome:
            outcome = action.outcome
            if action.outcome is not None:
                text = outcome_text.get(action.outcome)
                rows.append(
                    (
                        "outcome",
                        (action.outcome, f"Outcome {action.outcome}: {text}" if text else f"Outcome {action.outcome}"),
                    )
                )
        rows.append(("action", action))
    return rows


def write_actions(wb: Workbook, doc: Document, rules: Rules) -> ActionsSheet:
    ws = style.add_sheet(wb, ACTIONS)
    columns = action_columns(doc)
    layout = _layout(doc)
    body = [[c.get(item) for c in columns] if kind == "action" else [None] * len(columns) for kind, item in layout]
    placed = style.write_table(
        ws,
        [c.header for c in columns],
        body,
        widths={c.header: c.width for c in columns if c.width is not None},
        centre=("Action", "Page", "Line", "Row", "Age group"),
    )
    sheet = ActionsSheet(placed)
    notes = []  # said where the officer looks, not left to be guessed
    left_out = left_out_columns(doc)
    if left_out:
        notes.append("Left out: no action of this plan has anything under " + ", ".join(left_out) + ".")
    if any(a.id_generated for a in doc.actions):
        notes.append("The plan prints no action numbers: these are given by each action's place in it.")
    if notes:
        style.add_comment(
            ws[f"{placed.column('Action')}{placed.header_row}"], "\n".join(notes), height=60 + 12 * len(left_out)
        )
    for row, (kind, item) in enumerate(layout, placed.first_data_row):
        if kind == "action":
            sheet.rows.setdefault(item.id, row)
        elif kind == "outcome":
            sheet.outcome_rows.setdefault(item[0], row)
            style.write_group_row(ws, row, item[1], len(columns), level=1)
        else:
            style.write_group_row(ws, row, item, len(columns), level=0)
    status = placed.column("Status")
    style.add_status_validation(ws, status, placed.first_data_row, placed.last_row, rules)
    style.add_status_colours(ws, placed.data_range("Status"), rules)
    ws.sheet_view.zoomScale = 90
    return sheet


def link_rows(doc: Document) -> list[tuple[Action, str, str]]:
    """(action, cited id, how it is cited) for every id an action cites that the plan has."""
    actions = {a.id for a in doc.actions}
    outcomes = {o.id for o in doc.outcomes} | {a.outcome for a in doc.actions if a.outcome}
    out = []
    for action in doc.actions:
        for cited, how, known in (
            (action.linked_actions, "linked action", actions),
            (action.depends_on, "depends on", actions),
            (action.linked_outcomes, "linked outcome", outcomes),
        ):
            out += [(action, i, how) for i in cited if i in known]
    return out


def write_links(wb: Workbook, doc: Document, sheet: ActionsSheet) -> None:
    """The Links sheet, and every citing cell on Actions made a link (see the module docstring)."""
    cited = link_rows(doc)
    if not cited:
        return
    ws = style.add_sheet(wb, LINKS)
    texts = {a.id: a.text for a in doc.actions} | {o.id: o.text for o in doc.outcomes}
    placed = style.write_table(
        ws,
        LINK_HEADERS,
        [[a.id, i, how, texts.get(i)] for a, i, how in cited],
        widths={"Action": 10, "Cites": 10, "As": 16, "What it says": 80},
        centre=("Action", "Cites"),
    )
    actions_ws = wb[ACTIONS]
    action_col = sheet.placed.column("Action")
    first_link: dict[tuple[str, str], int] = {}
    for row, (action, i, how) in enumerate(cited, placed.first_data_row):
        first_link.setdefault((action.id, how), row)
        style.link_to_cell(ws[f"A{row}"], ACTIONS, f"{action_col}{sheet.rows[action.id]}", f"Go to {action.id}")
        target = sheet.outcome_rows.get(i) if how == "linked outcome" else sheet.rows.get(i)
        if target is not None:
            style.link_to_cell(ws[f"B{row}"], ACTIONS, f"{action_col}{target}", f"Go to {i}")
    for header, how in (
        ("Linked actions", "linked action"),
        ("Depends on", "depends on"),
        ("Linked outcomes", "linked outcome"),
    ):
        if header not in sheet.placed.columns:
            continue  # left out: no action cites anything that way
        letter = sheet.placed.column(header)
        for action in doc.actions:
            ids = [i for a, i, h in cited if a is action and h == how]
            row = sheet.rows[action.id]
            if len(ids) == 1:
                target = sheet.outcome_rows.get(ids[0]) if how == "linked outcome" else sheet.rows.get(ids[0])
                if target is not None:
                    style.link_to_cell(
                        actions_ws[f"{letter}{row}"], ACTIONS, f"{action_col}{target}", f"Go to {ids[0]}"
                    )
            elif len(ids) > 1 and (action.id, how) in first_link:
                style.link_to_cell(
                    actions_ws[f"{letter}{row}"],
                    LINKS,
                    f"B{first_link[(action.id, how)]}",
                    f"{len(ids)} cited: go to the Links sheet, one link each",
                )


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


def _attribute(key: str) -> Callable[[Action], Any]:
    """An action's field by name (Lead, Timescale...)."""
    return lambda a: getattr(a, key)


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

    key_end = _write_status_key(ws, row, rules, labels)
    if doc.actions:  # below the tables on a page of its own, so the sheet prints one page wide, readable
        from openpyxl.worksheet.pagebreak import Break

        ws.row_breaks.append(Break(id=key_end + 1))
        _chart(ws, section_table, len(sections), labels, rules, anchor_row=key_end + 2)
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


def _write_status_key(ws: Worksheet, row: int, rules: Rules, labels: list[str]) -> int:
    """The colour key: each canonical status, its colour and what it means. Returns its last row."""
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
    return placed.last_row


def _summary_widths(labels: list[str]) -> list[float]:
    """One set of widths for the sheet's three tables (they share columns)."""
    return [12, 30, *[max(8, len(label) + 2) for label in [*labels, TOTAL]]]


def _chart(
    ws: Worksheet, table: style.TableRange, sections: int, labels: list[str], rules: Rules, anchor_row: int
) -> None:
    """Stacked bars: one bar per section, one segment per status, in the status colours."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import column_index_from_string

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
    chart.height = max(10, 1.6 * sections + 5)
    chart.width = 24
    ws.add_chart(chart, f"A{anchor_row}")


def _max_bar(ws: Worksheet, table: style.TableRange) -> int:
    total = table.column(TOTAL)
    values = [ws[f"{total}{r}"].value for r in range(table.first_data_row, table.last_row)]
    return max((v for v in values if isinstance(v, int)), default=0)
