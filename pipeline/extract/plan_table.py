"""Action plans from tables (PDF and Word): header row -> fields, rows -> outcomes and actions.

Works on any reader's table blocks, so the PDF and Word paths cannot drift apart:
- the header row names the columns; rules/headers.yaml says which field each name is ("Ref",
  "What we will do", "Links with other actions / workstreams" wrapped over three lines);
  a column whose name is not there is kept under `extra` with its header, never dropped;
- a header row printed again (a new page, a new section's table) is skipped; a table with no
  header row of its own goes on with the columns of the table before it;
- a row with one cell across the table that reads as a section heading is a section;
- the outcome cell may be merged down over its actions, left empty below its first row,
  or continued on a new page: an outcome cell that opens with an outcome id starts an
  outcome, one without an id continues the current outcome unless the row's action id says it
  belongs to another;
- a row without an action id that opens a new page is the rest of the row the page break
  split: its cells are joined to that row's;
- section headings and the title come from the text blocks between tables.
Cells stay as laid out; the normaliser cleans them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.core.ids import normalise_id, parent_id
from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.core.model import PLAN, Note, Place, Where
from pipeline.core.text import clean
from pipeline.extract.plan_text import follows, section_heading
from pipeline.extract.records import RawAction, RawOutcome, RawPlan, RawSection
from pipeline.rules import Rules

ACTION_FIELDS = ("text", "status", "links", "age_group")
HEADER_ROWS_SEARCHED = 3


@dataclass
class Columns:
    """What each grid column of a plan table holds: a contract field, or an extra column's header."""

    fields: list[str | None]
    headers: list[str]

    @property
    def width(self) -> int:
        return len(self.fields)


def grid(row: Row) -> list[Cell | None]:
    """A row's cells by grid column: a cell spanning columns fills them all."""
    out: list[Cell | None] = []
    for cell in row.cells:
        out.append(cell)
        out.extend([cell] * (max(cell.span, 1) - 1))
    return out


def header_columns(row: Row, rules: Rules) -> Columns | None:
    """The columns a header row names, or None when the row is not a plan header."""
    fields: list[str | None] = []
    headers: list[str] = []
    seen: set[int] = set()
    for cell in grid(row):
        text = clean(cell.text) if cell is not None and not cell.merged else ""
        first = cell is not None and id(cell) not in seen
        if cell is not None:
            seen.add(id(cell))
        field = rules.header_field("plan", text) if text else None
        if not first and fields:
            field, text = fields[-1], headers[-1]  # the same header spanning two grid columns
        fields.append(field)
        headers.append(text)
    mapped = [f for f in fields if f]
    if len(set(mapped)) < 3 or not ({"id", "text"} & set(mapped)):
        return None
    return Columns(fields=fields, headers=headers)


def has_plan_table(layout: Layout, rules: Rules) -> bool:
    return any(header_columns(row, rules) for block in layout.tables() for row in block.rows[:HEADER_ROWS_SEARCHED])


def extract(layout: Layout, rules: Rules) -> RawPlan:
    reader = _PlanReader(rules)
    for block in layout.blocks:
        if block.kind == "furniture":
            continue
        if block.kind == "table":
            reader.table(block)
        else:
            reader.text(block)
    return reader.plan


class _PlanReader:
    """Walks the blocks in order, keeping the current section, outcome, action and columns."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.plan = RawPlan(title=None)
        self.section: str | None = None
        self.outcome: RawOutcome | None = None
        self.action: RawAction | None = None
        self.columns: Columns | None = None
        self.page: int | None = None  # page of the last row read
        self._styled_title = False
        self._outcome_id = re.compile(rf"^\s*(?P<id>{rules.outcome_id}\.?)(?=\s|$)(?P<rest>.*)$", re.DOTALL)
        self._action_id = re.compile(rf"^\s*(?P<id>{rules.action_id}\.?)(?=\s|$)(?P<rest>.*)$", re.DOTALL)
        self._action_line = re.compile(  # a line opening with an id, or an action id after a column gap
            rf"(?:^\s*(?:{rules.action_id}|{rules.outcome_id})|(?<=\S {{2}}){rules.action_id})\.?(?=\s|$)", re.MULTILINE
        )

    # text between tables -------------------------------------------------------------
    def text(self, block: Block) -> None:
        text = f"{block.marker} {block.text}" if block.kind == "list_item" and block.marker else block.text
        if self._section(text, styled=block.kind in ("heading", "title")):
            self._unplaced(text)  # a heading run together with rows below it
            return
        if self.plan.sections or self.plan.actions:
            self._unplaced(text)
            return
        if block.kind == "title" and not self._styled_title:
            self.plan.title, self._styled_title = block.text, True  # wins over text printed above it
        elif self.plan.title is None and block.kind in ("heading", "paragraph"):
            self.plan.title = block.text

    def _unplaced(self, text: str) -> None:
        """Text between tables is notes or headings; one with a line opening with an action number
        is a row the table reader could not place, and the officer is told, never left to find out."""
        if not self._action_line.search(text):
            return
        self.plan.notes.append(
            Note(
                "warning",
                "unplaced-text",
                Place("section", self.section) if self.section else PLAN,
                f"Text outside the table looks like an action but was not read as one: {clean(text)[:80]!r}",
            )
        )

    def _section(self, text: str, styled: bool) -> bool:
        heading = section_heading(text, self.rules)
        if heading is None or not follows(heading[0], self.plan.sections, styled):
            return False
        self.section = normalise_id(heading[0]) or heading[0]
        self.plan.sections.append(RawSection(number=heading[0], title=heading[1]))
        self.outcome, self.action = None, None
        return True

    # tables --------------------------------------------------------------------------
    def table(self, block: Block) -> None:
        columns = None
        start = 0
        for index, row in enumerate(block.rows[:HEADER_ROWS_SEARCHED]):
            columns = header_columns(row, self.rules)
            if columns is not None:
                start = index + 1
                break
        if columns is None:
            width = len(grid(block.rows[0])) if block.rows else 0
            if self.columns is None or width != self.columns.width:
                return  # not a plan table (a key, a sign-off box)
            columns = self.columns
        self.columns = columns
        for row in block.rows[start:]:
            self.row(row, columns)

    def row(self, row: Row, columns: Columns) -> None:
        new_page = row.page is not None and self.page is not None and row.page != self.page
        self.page = row.page if row.page is not None else self.page
        repeated = header_columns(row, self.rules)
        if repeated is not None and repeated.fields == columns.fields:
            return
        if self._heading_row(row):
            return
        cells = self._cells(row, columns)
        ident = cells.pop("id", "")
        if not clean(ident) and "id" not in columns.fields:
            found = self._action_id.match(cells.get("text", ""))
            if found:
                ident, cells["text"] = found.group("id"), found.group("rest")
        ident = ident.strip()
        continuation = not clean(ident) and new_page and self.action is not None
        self._outcome_cell(cells.pop("outcome", ""), ident, continuation)
        if continuation:
            self._join(cells)
            return
        if not clean(ident) and not any(clean(v) for v in cells.values()):
            return
        if not clean(ident):
            self.plan.notes.append(
                Note(
                    "warning",
                    "missing-action-id",
                    Place("outcome", self.outcome.id) if self.outcome else PLAN,
                    f"A row on page {row.page} has no action number: {clean(cells.get('text', ''))[:80]!r}"
                    if row.page
                    else f"A row has no action number: {clean(cells.get('text', ''))[:80]!r}",
                )
            )
        self.action = RawAction(
            id=ident,
            outcome=self.outcome.id if self.outcome else None,
            section=self.section,
            text=cells.pop("text", ""),
            status=cells.pop("status", None),
            links=cells.pop("links", None),
            age_group=cells.pop("age_group", None),
            extra={k: v for k, v in cells.items() if clean(v)},
            where=Where(page=row.page, line=row.line, bbox=[round(v, 1) for v in row.bbox] if row.bbox else None),
        )
        self.plan.actions.append(self.action)

    def _cells(self, row: Row, columns: Columns) -> dict[str, str]:
        """Cell texts by field (extra columns by their header); merged cells are left out."""
        out: dict[str, str] = {}
        seen: set[int] = set()
        for position, cell in enumerate(grid(row)):
            if position >= columns.width or cell is None or id(cell) in seen or cell.merged:
                continue
            seen.add(id(cell))
            key = columns.fields[position] or columns.headers[position] or f"Column {position + 1}"
            if key in out and cell.text:
                out[key] += "\n" + cell.text
            elif cell.text or key not in out:
                out[key] = cell.text
        return out

    def _heading_row(self, row: Row) -> bool:
        """A row with one cell across the table: a section heading (or nothing to read)."""
        filled = [c for c in row.cells if not c.merged and clean(c.text)]
        if len(filled) != 1 or filled[0].span < 2 or len(row.cells) > 2:
            return False
        if self._section(filled[0].text, styled=True):
            return True
        self.plan.notes.append(
            Note(
                "warning",
                "unplaced-text",
                Place("section", self.section) if self.section else PLAN,
                f"A row across the table was not read as part of any action: {clean(filled[0].text)[:80]!r}",
            )
        )
        return True

    def _outcome_cell(self, text: str, action_id: str, continuation: bool) -> None:
        if not clean(text):
            return
        found = self._outcome_id.match(text)
        if found:
            ident, rest = found.group("id"), found.group("rest").strip(" \t")
            if self.outcome is not None and normalise_id(ident) == normalise_id(self.outcome.id):
                self._extend_outcome(rest)
            else:
                self._new_outcome(ident, rest.lstrip("\n"))
            return
        parent = parent_id(action_id)
        current = normalise_id(self.outcome.id) if self.outcome else None
        if self.outcome is not None and (continuation or parent is None or parent == current):
            self._extend_outcome(text)
        elif parent is not None:
            self._new_outcome(parent, text)

    def _new_outcome(self, ident: str, text: str) -> None:
        self.outcome = RawOutcome(id=ident, section=self.section, text=text)
        self.plan.outcomes.append(self.outcome)

    def _extend_outcome(self, text: str) -> None:
        assert self.outcome is not None
        self.outcome.text = f"{self.outcome.text}\n{text}" if self.outcome.text else text

    def _join(self, cells: dict[str, str]) -> None:
        """The rest of a row split by a page break: each cell joins the same cell above."""
        action = self.action
        assert action is not None
        for key, value in cells.items():
            if not clean(value):
                continue
            if key in ACTION_FIELDS:
                before = getattr(action, key) or ""
                setattr(action, key, f"{before}\n{value}" if before else value)
            else:
                before = action.extra.get(key, "")
                action.extra[key] = f"{before}\n{value}" if before else value
