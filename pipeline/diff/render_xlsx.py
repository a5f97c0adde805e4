"""The change set as a workbook: the new revision with its changes marked, a list of changes, counts.

Sheets, in the order an officer wants them:
- Summary — the two files, the summary sentence and the counts per kind of change;
- Actions — the new revision's actions; every changed cell is highlighted and carries a
  comment with its old value, status cells keep their status colour, and "What changed"
  says it in words (green forward, red back or stalled);
- Changes — one row per change, removed actions included, with a word-by-word column where
  struck-through red words were dropped and bold green words added.
House style from `pipeline.emit.xlsx.style`; every value goes through `write_cell`, so no text
from a plan becomes a formula.
"""

from __future__ import annotations

from typing import Any

from pipeline.diff.changes import ActionChange, ActionView, ChangeSet, TextChange, summary_lines
from pipeline.emit.xlsx import style
from pipeline.emit.xlsx.safe import cell_text, write_cell
from pipeline.rules import Rules

CHANGED = "FFF2CC"  # a changed cell: pale yellow
ADDED = "E2EFDA"  # a row that is new in this revision: pale green
TAG_COLOURS = {"forward": "C6EFCE", "back": "FFC7CE", "stalled": "FFC7CE", "added": ADDED, "removed": "F2F2F2"}

ACTION_HEADERS = [
    "Action",
    "What changed",
    "Outcome",
    "What we will do",
    "Status",
    "Status as written",
    "Links",
    "Age group",
    "Section",
]
CHANGE_HEADERS = ["Record", "Number", "Was number", "Change", "Before", "After", "Word by word"]
CHANGE_NAMES = {
    "forward": "Status moved forward",
    "back": "Status went back",
    "stalled": "Stalled",
    "status changed": "Status changed",
    "status wording": "Status note reworded",
    "reworded": "Reworded",
    "moved": "Renumbered",
    "outcome": "Moved to another outcome",
    "section": "Moved to another section",
    "links": "Links changed",
    "age group": "Age group changed",
    "added": "Added",
    "removed": "Removed",
    "replaced": "Replaced by different work",
}
RECORD_NAMES = {**CHANGE_NAMES, "renamed": "Renamed"}  # outcomes and sections: renamed, not reworded


def diff_workbook(changes: ChangeSet, rules: Rules) -> Any:
    wb = style.new_workbook()
    _summary_sheet(wb, changes)
    _actions_sheet(wb, changes, rules)
    _changes_sheet(wb, changes)
    style.print_ready(
        wb, f"{changes.new.title} — what changed", f"{changes.old.file} (older) → {changes.new.file} (newer)"
    )
    return wb


def _summary_sheet(wb: Any, changes: ChangeSet) -> None:
    ws = style.add_sheet(wb, "Summary")
    row = style.write_title(ws, 1, f"What changed: {changes.old.file} → {changes.new.file}")
    for line in summary_lines(changes):
        write_cell(ws, row, 1, line)
        row += 1
    row += 1
    old, new = changes.old, changes.new
    headers = ["Revision", "Old", "New"]
    rows: list[list[Any]] = [
        ["File", old.file, new.file],
        ["Title", old.title, new.title],
        ["Actions", old.actions, new.actions],
        ["Outcomes", old.outcomes, new.outcomes],
        ["Sections", old.sections, new.sections],
    ]
    placed_docs = style.write_table(ws, headers, rows, first_row=row, freeze=False, max_width=50)
    row = placed_docs.last_row + 2
    counts = changes.counts()
    count_rows: list[list[Any]] = [[CHANGE_NAMES[tag], n] for tag, n in counts.items()]
    count_rows.append(["Unchanged", changes.unchanged])
    style.write_table(
        ws, ["Actions", "How many"], count_rows, first_row=row, freeze=False, widths={"Actions": 30, "How many": 12}
    )
    for letter, width in (("A", 28), ("B", 45), ("C", 45)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = None


def _cell_values(view: ActionView, change: ActionChange | None) -> list[Any]:
    return [
        view.id,
        what_changed(change),
        view.outcome,
        view.text,
        view.status,
        view.status_raw,
        view.links_raw,
        view.age_group,
        view.section,
    ]


def what_changed(change: ActionChange | None) -> str | None:
    """One action's changes in words: "Renumbered (was 4.1.3); Moved to another outcome (was 4.1)"."""
    if change is None:
        return None
    bits = []
    for tag in change.tags():
        name = CHANGE_NAMES[tag]
        if tag == "moved":
            name += f" (was {change.old_id})"
        elif tag == "outcome" and change.outcome:
            name += f" (was {change.outcome.old or 'none'})"
        elif tag in ("forward", "back", "stalled", "status changed") and change.status:
            name += f" (was {change.status.old or 'no status'})"
        bits.append(name)
    return "; ".join(bits)


def _actions_sheet(wb: Any, changes: ChangeSet, rules: Rules) -> None:
    ws = style.add_sheet(wb, "Actions")
    by_new = {c.new_index: c for c in changes.actions if c.new_index is not None}
    rows, marks = [], []
    for j, view in enumerate(changes.new_actions):
        change = by_new.get(j)
        rows.append(_cell_values(view, change))
        marks.append(change)
    placed = style.write_table(ws, ACTION_HEADERS, rows, widths={"What we will do": 60, "Links": 30}, table_name=None)
    column = {h: i for i, h in enumerate(ACTION_HEADERS, 1)}
    for row, (values, change) in enumerate(zip(rows, marks, strict=True), placed.first_data_row):
        fill = style.status_fill(values[column["Status"] - 1], rules)
        if fill is not None:
            ws.cell(row=row, column=column["Status"]).fill = fill
        if change is None:
            continue
        what = ws.cell(row=row, column=column["What changed"])
        lead = change.tags()[0]
        what.fill = style.solid_fill(TAG_COLOURS.get(lead, CHANGED))
        if change.change in ("added", "replaced"):
            note = (
                "Added in this revision"
                if change.change == "added"
                else (f"Replaced: this number used to hold different work:\n{change.old.text if change.old else ''}")
            )
            for name in ACTION_HEADERS:
                if name != "Status":
                    ws.cell(row=row, column=column[name]).fill = style.solid_fill(ADDED)
            style.add_comment(ws.cell(row=row, column=column["Action"]), note, 320, 120)
            continue
        old = change.old
        assert old is not None
        marked: list[tuple[str, str | None]] = []
        if change.moved:
            marked.append(("Action", old.id))
        if change.text:
            marked.append(("What we will do", old.text))
        if change.status:
            marked += [("Status", old.status or "(no status)"), ("Status as written", old.status_raw or "(none)")]
        if change.links:
            marked.append(("Links", old.links_raw or "(none)"))
        if change.age_group:
            marked.append(("Age group", change.age_group.old or "(none)"))
        if change.outcome:
            marked.append(("Outcome", change.outcome.old or "(none)"))
        if change.section:
            marked.append(("Section", change.section.old or "(none)"))
        for name, was in marked:
            cell = ws.cell(row=row, column=column[name])
            if name == "Status":
                cell.font = style.font(bold=True)
            else:
                cell.fill = style.solid_fill(CHANGED)
            style.add_comment(cell, f"Was: {was}", 320, 120)


def _changes_sheet(wb: Any, changes: ChangeSet) -> None:
    ws = style.add_sheet(wb, "Changes")
    rows: list[list[Any]] = []
    diffs: list[TextChange | None] = []
    tags: list[str] = []  # each row's change, for its colour
    for c in changes.actions:
        for tag in c.tags():
            before, after, words = _before_after(c, tag)
            rows.append(
                [
                    "Action",
                    c.new_id,
                    c.old_id if c.old_id != c.new_id or c.new_id is None else None,
                    CHANGE_NAMES[tag],
                    before,
                    after,
                    None,
                ]
            )
            diffs.append(words)
            tags.append(tag)
    for r in [*changes.outcomes, *changes.sections]:
        for tag in r.tags():
            rows.append(
                [
                    r.kind.label,
                    r.new_id,
                    r.old_id if r.old_id != r.new_id or r.new_id is None else None,
                    RECORD_NAMES.get(tag, tag),
                    r.old_text if tag != "added" else None,
                    r.new_text if tag != "removed" else None,
                    None,
                ]
            )
            diffs.append(r.text if tag == r.kind.reworded else None)
            tags.append(tag)
    placed = style.write_table(ws, CHANGE_HEADERS, rows, widths={"Before": 50, "After": 50, "Word by word": 60})
    word_col = CHANGE_HEADERS.index("Word by word") + 1
    change_col = CHANGE_HEADERS.index("Change") + 1
    for row, (tag, words) in enumerate(zip(tags, diffs, strict=True), placed.first_data_row):
        if tag in TAG_COLOURS:
            ws.cell(row=row, column=change_col).fill = style.solid_fill(TAG_COLOURS[tag])
        if words is not None and words.old and words.new:
            ws.cell(row=row, column=word_col).value = _rich_words(words)


def _before_after(c: ActionChange, tag: str) -> tuple[str | None, str | None, TextChange | None]:
    old, new = c.old, c.new
    if tag == "added" and new:
        return None, new.text, None
    if tag == "removed" and old:
        return old.text, None, None
    if tag == "replaced":
        return old.text if old else None, new.text if new else None, None
    if tag in ("forward", "back", "stalled", "status changed", "status wording") and c.status:
        return _status_text(c.status.old, c.status.old_raw), _status_text(c.status.new, c.status.new_raw), None
    if tag == "reworded" and c.text:
        return c.text.old, c.text.new, c.text
    if tag == "moved":
        return c.old_id, c.new_id, None
    if tag == "outcome" and c.outcome:
        return c.outcome.old, c.outcome.new, None
    if tag == "section" and c.section:
        return c.section.old, c.section.new, None
    if tag == "links" and c.links:
        return c.links.old, c.links.new, c.links
    if tag == "age group" and c.age_group:
        return c.age_group.old, c.age_group.new, None
    return None, None, None


def _status_text(label: str | None, raw: str | None) -> str:
    if not label:
        return raw or "(no status)"
    if raw and raw.strip().lower() != label.lower():
        return f"{label} ({raw})"
    return label


def _rich_words(change: TextChange) -> Any:
    """The word diff as rich text: dropped words red and struck through, added words green and bold."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    dropped = InlineFont(rFont=style.FONT_NAME, sz=11, strike=True, color="C00000")
    added = InlineFont(rFont=style.FONT_NAME, sz=11, b=True, color="006100")
    parts: list[Any] = []
    last = len(change.words) - 1
    for i, (op, words) in enumerate(change.words):
        # the space between runs stays inside a run: a run of only a space is dropped by Excel
        text = str(cell_text(words)) + (" " if i < last else "")
        parts.append(text if op == "=" else TextBlock(dropped if op == "-" else added, text))
    return CellRichText(parts)
