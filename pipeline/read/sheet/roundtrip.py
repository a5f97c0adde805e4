"""A workbook this pipeline wrote, edited by an officer, read back as the plan's next revision.

Officers update statuses in the Actions sheet each quarter: pick another status from the
drop-down, correct a text, add a row, delete one, sort the rows. The marker inside the
workbook (`marker.py`) says which document it was made from and what each column holds, so
the Actions sheet is read with its columns known for certain (`Layout.columns`), not guessed,
and the document records `revision_of` the one it was made from (`pipeline.diff.revisions`
puts it after that one in the plan's history and diffs the two).

- Status: the drop-down is the officer's instrument. "Status as written" (the plan's own
  words) is kept while it still means the status the drop-down shows ("Awaiting result of
  2.3.1" beside "Awaiting"); once the drop-down says something else, its label is the status.
- Sections and outcomes are heading rows across the sheet ("1. Primary prevention", "Outcome 1.1:
  ..."), read as a plan's rows across its table are; older workbooks that wrote them in columns
  of their own are read too (a section or outcome written again below is read once).
- A column the officer added is kept under `extra` with its header, like a plan's own column.
- Columns worked out from the others (linked actions, depends on, quality statements, page)
  are not read back: they are worked out again from the words.
- Only the Actions sheet is read. Every other sheet of ours carries a fingerprint of its values
  in the marker; one that was edited, and any sheet the officer added, is named in a note saying
  its changes were ignored.
"""

from __future__ import annotations

from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.core.model import DOCUMENT, Note
from pipeline.core.text import clean
from pipeline.read.sheet.grid import Sheet
from pipeline.read.sheet.marker import MARKER_SHEET, Marker, fingerprint, from_rows
from pipeline.rules import Rules

# Roles read back, in the order the table is given to the plan reader.
_FIELDS = ("section", "outcome", "id", "title", "text", "status", "lead", "timescale", "update", "links", "age_group")
_FIELD_HEADERS = {
    "section": "Section",
    "outcome": "Outcome",
    "id": "Action",
    "title": "Title",
    "text": "What we will do",
    "status": "Status",
    "lead": "Lead",
    "timescale": "Timescale",
    "update": "Update",
    "links": "Links",
    "age_group": "Age group",
}


def find_marker(sheets: list[Sheet]) -> Marker | None:
    """The marker of a workbook this pipeline wrote, or None."""
    for sheet in sheets:
        if sheet.name != MARKER_SHEET:
            continue
        rows = {}
        for row in sorted(sheet.cells):
            key = sheet.text(row, 1).strip()
            if key:
                rows[key] = sheet.text(row, 2)
        return from_rows(rows)
    return None


def roundtrip_layout(sheets: list[Sheet], marker: Marker, fmt: str, rules: Rules, notes: list[Note]) -> Layout:
    from pipeline.core.errors import NotRecognised
    from pipeline.read.sheet.region import region_of, sheet_notes

    by_name = {s.name: s for s in sheets}
    actions = by_name.get(marker.sheet)
    if actions is None:
        raise NotRecognised(
            f"a workbook this pipeline wrote for {marker.source_file}, but its {marker.sheet!r} sheet is missing",
            f"put the {marker.sheet} sheet back (or use the workbook as it was written) and run again",
        )
    notes = [
        *notes,
        Note(
            "info",
            "read-back",
            DOCUMENT,
            f"A workbook this pipeline wrote for {marker.source_file!r}, read back as that plan's next revision: "
            f"only its {marker.sheet} sheet was read.",
        ),
        *_edits_elsewhere(sheets, marker),
    ]
    region = region_of(actions, rules)
    blocks: list[Block] = [Block(kind="title", text=marker.title)] if marker.title else []
    columns: dict[str, str] = {}
    if region is not None:
        header_row = region.rows[0]
        headers_here = {c: clean(actions.text(header_row, c)) for c in range(1, region.width + 1)}
        # a column the officer added is the plan's own column: kept under `extra`, never dropped
        roles = {c: marker.columns.get(h, f"extra:{h}" if h else "") for c, h in headers_here.items()}
        present = [f for f in _FIELDS if f in roles.values()]
        extras = [(c, r.removeprefix("extra:")) for c, r in sorted(roles.items()) if r.startswith("extra:")]
        headers = [_FIELD_HEADERS[f] for f in present]
        taken = {h.casefold() for h in headers}
        extra_headers = []
        for c, key in extras:
            header = key if key.casefold() not in taken else clean(actions.text(header_row, c))
            taken.add(header.casefold())
            extra_headers.append((c, header))
        columns = {h: f for h, f in zip(headers, present, strict=True)}
        columns.update({h: "extra" for _c, h in extra_headers})
        rows = [
            Row(
                cells=[Cell(text=h) for h in [*headers, *(h for _c, h in extra_headers)]],
                sheet=actions.name,
                row=header_row,
            )
        ]
        before: dict[str, str] = {}
        width = len(headers) + len(extra_headers)
        for r in region.rows[1:]:
            heading = _heading_row(actions, r, region.width)
            if heading is not None:  # a section or outcome heading row across the sheet
                rows.append(Row(cells=[Cell(text=heading, span=max(width, 2))], sheet=actions.name, row=r))
                continue
            values = _by_role(actions, r, roles, rules)
            for label in ("section", "outcome"):  # written on each row; read as a plan prints it, once
                if values.get(label) and values[label] == before.get(label):
                    values[label] = ""
                elif values.get(label):
                    before[label] = values[label]
                    if label == "section":
                        before.pop("outcome", None)  # a new section opens its outcomes afresh
            cells = [Cell(text=values.get(f, "")) for f in present] + [
                Cell(text=actions.text(r, c)) for c, _h in extra_headers
            ]
            if any(clean(c.text) for c in cells):
                rows.append(Row(cells=cells, sheet=actions.name, row=r))
        blocks.append(Block(kind="table", rows=rows))
        notes.extend(sheet_notes(actions, region, fmt))
    return Layout(
        format=fmt,
        blocks=blocks,
        pages=None,
        notes=notes,
        columns=columns,
        revision_of={"file": marker.source_file, "sha256": marker.source_sha256},
    )


def _heading_row(sheet: Sheet, row: int, width: int) -> str | None:
    """The text of a row that holds words in its first cell only ("1. Primary prevention",
    "Outcome 1.1: Parents ..."): the sheet's section and outcome heading rows."""
    first = clean(sheet.text(row, 1))
    if not first or any(clean(sheet.text(row, c)) for c in range(2, width + 1)):
        return None
    return first


def _by_role(sheet: Sheet, row: int, roles: dict[int, str], rules: Rules) -> dict[str, str]:
    """One row's cells by role; the outcome's number and words joined, the status settled."""
    got: dict[str, str] = {}
    for column, role in roles.items():
        text = sheet.text(row, column)
        if role and not role.startswith("extra:") and role != "derived":
            got[role] = text
    outcome, words = clean(got.pop("outcome", "")), got.pop("outcome_text", "").strip()
    if outcome or words:
        got["outcome"] = f"{outcome} {words}".strip() if outcome else words
    chosen, written = clean(got.get("status", "")), got.pop("status_written", "").strip()
    got["status"] = _status(chosen, written, rules)
    return got


def _status(chosen: str, written: str, rules: Rules) -> str:
    """The status as the plan should now say it (see the module docstring)."""
    if not chosen:
        return written if rules.status_for(clean(written)) is None else ""
    rule = rules.status_for(clean(written)) if written else None
    if rule is not None and rule.label == chosen:
        return written
    return chosen


def _edits_elsewhere(sheets: list[Sheet], marker: Marker) -> list[Note]:
    notes: list[Note] = []
    for sheet in sheets:
        if sheet.name in (marker.sheet, MARKER_SHEET) or (sheet.state != "visible" and sheet.name not in marker.sheets):
            continue
        cells = [(r, c, cell.text) for r, row in sheet.cells.items() for c, cell in row.items()]
        if sheet.name not in marker.sheets:
            if any(t.strip() for _r, _c, t in cells):
                notes.append(
                    Note(
                        "warning",
                        "edits-ignored",
                        DOCUMENT,
                        f"Sheet {sheet.name!r} was added to the workbook; only the {marker.sheet} sheet is read back, "
                        "so it was ignored.",
                    )
                )
        elif fingerprint(cells) != marker.sheets[sheet.name]:
            notes.append(
                Note(
                    "warning",
                    "edits-ignored",
                    DOCUMENT,
                    f"Sheet {sheet.name!r} was changed; only the {marker.sheet} sheet is read back, so those changes "
                    "were ignored.",
                )
            )
    return notes
