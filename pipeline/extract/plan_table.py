"""Action plans from tables (PDF, Word, web pages, text laid out as tables): rows -> records.

Works on any reader's table blocks, so every format is read by the same code:
- the header row (or two rows of it) is found among a table's first rows; each column's field
  is scored from its header words and its cells (`plan_columns.py`); a column no field claims is
  kept under `extra` with its header, never dropped;
- a header row printed again (a new page, a new section's table) is skipped; a table with no
  header row of its own goes on with the columns of the table before it;
- the plan's hierarchy is read from wherever the plan keeps it: headings between tables
  ("1. Data and intelligence", "Theme 2: ...", or unnumbered headings that own the tables below
  them, numbered by position), rows across the table, a section or outcome column merged or
  repeated down its actions, outcome cells ("Objective 1.1 - Improve data", or an outcome id);
- ids in any scheme from the id column ("1 - Stop smoking" gives an id and a title), from the
  start of the text cells, or, when the plan prints none, generated from the hierarchy and the
  row order (`{outcome or section}.{k}`), marked as generated;
- a row without an id that opens a new page is the rest of the row the page break split: its
  cells are joined to that row's;
- the title comes from the text blocks before the first table.
Cells stay as laid out; the normaliser cleans them.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from itertools import islice

from pipeline.core.ids import normalise_id, parent_id, tidy_id
from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.core.model import PLAN, Note, Place, Where
from pipeline.core.text import clean, fold
from pipeline.extract.plan_columns import Columns, decide
from pipeline.extract.plan_recover import RECOVERED
from pipeline.extract.plan_text import follows, section_heading
from pipeline.extract.records import RawAction, RawOutcome, RawPlan, RawSection, RawTable
from pipeline.language.headers import NAMES_FIELD, best_field, header_score
from pipeline.language.ids import Label, closing_id, hierarchy, numbered, opening_id, whole_id
from pipeline.rules import Rules

ACTION_FIELDS = ("title", "text", "status", "lead", "timescale", "update", "links", "age_group")
HEADER_ROWS_SEARCHED = 4
# A header cell is a few words; a row is a header when most of its filled cells name a field.
HEADER_CELL_WORDS = 8
# A bracketed gloss in a header cell ("Source (agenda title / item / date / Action Ref)", "Time
# scale (if applicable)") explains the column; it is not counted as words of the header.
_GLOSS = re.compile(r"\([^()]*\)")
# Columns are scored on this many body rows: enough to see what a column holds, and a
# 10,000-row tracker is not scored cell by cell.
SCORED_ROWS = 300


@dataclass
class _Header:
    rows: int  # how many rows the header takes
    texts: list[str]  # per grid column
    folded: list[str]


def grid(row: Row) -> list[Cell | None]:
    """A row's cells by grid column: a cell spanning columns fills them all."""
    if all(cell.span <= 1 for cell in row.cells):
        return list(row.cells)  # most rows: one cell per column
    out: list[Cell | None] = []
    for cell in row.cells:
        out.append(cell)
        out.extend([cell] * (max(cell.span, 1) - 1))
    return out


def _header_cells(row: Row) -> list[str]:
    """The header text of every grid column; a header spanning two columns names both."""
    return [clean(c.text) if c is not None and not c.merged else "" for c in grid(row)]


def header_words(text: str) -> int:
    """How many words a header cell has, its bracketed gloss left out."""
    return len(_GLOSS.sub(" ", text).split())


def header_strength(texts: list[str], rules: Rules) -> tuple[int, int]:
    """(cells naming a field, filled cells) of a candidate header row."""
    filled = [t for t in dict.fromkeys(texts) if t]
    named = 0
    for text in filled:
        if header_words(text) > HEADER_CELL_WORDS:
            return 0, len(filled)  # a sentence: a body row
        if any(header_score(text, name, rules)[0] >= NAMES_FIELD for name in rules.headers["plan"]):
            named += 1
    return named, len(filled)


def _is_header(texts: list[str], rules: Rules) -> bool:
    """Most filled cells name a field, at least two of them (one, in a one-column table)."""
    named, filled = header_strength(texts, rules)
    return named >= (1 if len(texts) == 1 else 2) and named * 2 >= filled


def find_header(block: Block, rules: Rules) -> _Header | None:
    """The header of a table: the first row among its first few whose cells name fields, with the
    row below it when that row only finishes the header (a header wrapped into two rows, or
    group headers above their columns)."""
    rows = block.rows[:HEADER_ROWS_SEARCHED]
    for index, row in enumerate(rows):
        texts = _header_cells(row)
        if not _is_header(texts, rules):
            continue
        used = index + 1
        if used < len(block.rows):
            below = _header_cells(block.rows[used])
            if _finishes_header(texts, below, rules):
                texts = [f"{a} {b}".strip() if a != b else a for a, b in _pad(texts, below)]
                used += 1
        return _Header(rows=used, texts=texts, folded=[fold(t) for t in texts])
    return None


_BULLET_MARKS = "•◦▪●○■□‣⁃∙"


def _pad(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    width = max(len(a), len(b))
    return list(zip(a + [""] * (width - len(a)), b + [""] * (width - len(b)), strict=True))


def _finishes_header(above: list[str], below: list[str], rules: Rules) -> bool:
    """A second header row: short cells, no id, and either header words of its own or only the
    columns the row above left empty or spanned."""
    filled = [t for t in below if t]
    if (
        not filled
        or any(header_words(t) > HEADER_CELL_WORDS for t in filled)
        or any(whole_id(t, rules) for t in filled)
        or opening_id(filled[0], rules) is not None  # "88. Recreation Action": a row's id and title
        or any(t.lstrip()[:1] in _BULLET_MARKS for t in filled)  # a bulleted cell holds content
    ):
        return False
    if len(set(filled)) == 1 and (len(filled) >= max(2, len(below) - 1) or hierarchy(filled[0], rules)):
        return False  # one cell across the table, or a label: a theme row under the header
    label = hierarchy(" ".join(dict.fromkeys(filled)), rules)
    if label is not None and label.number:
        return False  # "Objective 1.1" | "- Pupils know ...": a label row cut at the columns
    named, count = header_strength(below, rules)
    if named and named * 2 >= count:
        return True
    spanned = [i for i, (a, b) in enumerate(_pad(above, below)) if b and (not a or (i and above[i - 1] == a))]
    return len(spanned) == len(filled)


def table_columns(block: Block, rules: Rules, pinned: dict[str, str] | None = None) -> tuple[Columns, int] | None:
    """The columns of a table with a header of its own, and how many rows the header takes."""
    return shared_columns([block], rules, pinned).get(id(block))


def shared_columns(
    blocks: list[Block], rules: Rules, pinned: dict[str, str] | None = None
) -> dict[int, tuple[Columns, int]]:
    """The columns of every table with a header (keyed by the block's id), and the header's rows.

    One plan keeps one set of columns: tables printed with the same header (one per theme, or a
    header repeated on each page) are decided together, from all their rows, so a theme with
    one action is read like the others.

    Deciding scores every cell of the first rows; the kind of a document is judged on the same
    decisions the plan reader then reads with, so the last few answers are kept for the very same
    tables with the very same cells (`_Decided`), and given again rather than worked out twice.
    """
    tables = [block for block in blocks if block.kind == "table"]
    fingerprint = _Decided.fingerprint_of(tables, pinned)
    for kept in _last_decided:
        if kept.same(tables, rules, fingerprint):
            return dict(kept.columns)
    out = _decide_shared(tables, rules, pinned)
    _last_decided[:] = [_Decided([weakref.ref(b) for b in tables], rules, fingerprint, out), *_last_decided[:3]]
    return dict(out)


@dataclass
class _Decided:
    """One `shared_columns` answer and what it was worked out from: the tables (held weakly, so a
    finished document is not kept) and a fingerprint of every cell's text, merge, span and
    colour, row by row, with the pins."""

    tables: list[weakref.ref[Block]]
    rules: Rules
    fingerprint: int
    columns: dict[int, tuple[Columns, int]]

    @staticmethod
    def fingerprint_of(tables: list[Block], pinned: dict[str, str] | None) -> int:
        return hash(
            (
                tuple(sorted((pinned or {}).items())),
                tuple(len(block.rows) for block in tables),
                tuple(
                    (row.page, tuple((c.text, c.merged, c.span, c.fill) for c in row.cells))
                    for block in tables
                    for row in block.rows
                ),
            )
        )

    def same(self, tables: list[Block], rules: Rules, fingerprint: int) -> bool:
        return (
            rules is self.rules
            and fingerprint == self.fingerprint
            and len(tables) == len(self.tables)
            and all(ref() is block for ref, block in zip(self.tables, tables, strict=True))
        )


_last_decided: list[_Decided] = []  # the last few answers, newest first


def _decide_shared(blocks: list[Block], rules: Rules, pinned: dict[str, str] | None) -> dict[int, tuple[Columns, int]]:
    headers: dict[int, _Header] = {}
    groups: dict[tuple[str, ...], list[Block]] = {}
    for block in blocks:
        if block.kind != "table":
            continue
        header = find_header(block, rules)
        if header is None:
            continue
        headers[id(block)] = header
        groups.setdefault(tuple(header.folded), []).append(block)
    out: dict[int, tuple[Columns, int]] = {}
    for members in groups.values():
        first = headers[id(members[0])]
        width = len(first.texts)
        rows = (row for block in members for row in block.rows[headers[id(block)].rows :])
        body = [grid(row) for row in islice((r for r in rows if not _across(r, width)), SCORED_ROWS)]
        columns = decide(first.texts, body, rules, pinned)
        if "text" not in columns.fields and not columns.titled_ids:
            continue
        for block in members:
            out[id(block)] = (columns, headers[id(block)].rows)
    return out


def _across(row: Row, width: int) -> bool:
    """A row that is one cell across the whole table (a theme or section row)."""
    filled = [c for c in row.cells if not c.merged and clean(c.text)]
    return len(filled) == 1 and filled[0].span >= max(2, width - 1)


def has_plan_table(layout: Layout, rules: Rules) -> bool:
    return any(table_columns(block, rules) is not None for block in layout.tables())


def extract(layout: Layout, rules: Rules, name: str = "") -> RawPlan:
    blocks = [
        b
        for b in layout.blocks
        if b.kind != "furniture" and (b.kind == "table" or not rules.boilerplate.is_phrase(b.text))
    ]
    pinned = {**layout.columns, **rules.columns_for(name)}  # the reader's certainties, then the officer's pins
    found = shared_columns(blocks, rules, pinned)
    blocks = _headings_over_tables(blocks, found, rules)
    owners = _owners(blocks, _plan_tables(blocks, found), rules)
    reader = _PlanReader(rules, pinned, owners)
    reader.found = found
    reader.siblings = _siblings(blocks, owners)
    for index, block in enumerate(blocks):
        if block.kind == "table":
            reader.table(block)
        elif _contents_entry(blocks, index):
            continue  # a numbered contents list: the sections come later, with their tables
        else:
            reader.table_follows = index + 1 < len(blocks) and blocks[index + 1].kind == "table"
            reader.tables_ahead = any(id(b) in found for b in blocks[index + 1 :])
            reader.text(block, index)
    reader.finish()
    return reader.plan


def _headings_over_tables(blocks: list[Block], found: dict[int, tuple[Columns, int]], rules: Rules) -> list[Block]:
    """A short line of plain text just above a plan table is its heading ("Stopping the start"
    over its table in text pasted from a document): plain text has no heading styles to say so."""
    out = list(blocks)
    if any(b.kind in ("heading", "title") and b.style != RECOVERED for b in blocks):
        return out  # the document styles its headings: a plain paragraph is no heading
    for index, block in enumerate(blocks[:-1]):
        after = blocks[index + 1]
        text = clean(block.text)
        if (
            block.kind == "paragraph"
            and after.kind == "table"
            and id(after) in found
            and "\n" not in block.text.strip()
            and 0 < len(text.split()) <= 14
            and not text.endswith((".", ":", ";", ","))
            and best_field(text, rules)[1] < NAMES_FIELD  # "Action" above the rest of a header is no heading
        ):
            out[index] = Block(
                kind="heading", text=block.text, line=block.line, page=block.page, level=1, style=RECOVERED
            )
    return out


def _contents_entry(blocks: list[Block], index: int) -> bool:
    """A numbered list item next to others like it, with no table of its own: a contents list
    ("1. Overview", "2. Progress", ...), not a run of section headings."""
    block = blocks[index]
    if block.kind != "list_item" or not block.marker or not block.marker[:1].isdigit():
        return False
    neighbours = [blocks[i] for i in (index - 1, index + 1) if 0 <= i < len(blocks)]
    return any(b.kind == "list_item" and b.marker and b.marker[:1].isdigit() for b in neighbours)


def _plan_tables(blocks: list[Block], found: dict[int, tuple[Columns, int]]) -> set[int]:
    """The tables read as the plan's: those with plan columns of their own, and those without a
    header that go on with the columns of the plan table before them (as `_PlanReader.table`
    reads them). A key, a sign-off box or a progress overview is none of them."""
    tables: set[int] = set()
    width: int | None = None
    for block in blocks:
        if block.kind != "table":
            continue
        if id(block) in found:
            width = found[id(block)][0].width
            tables.add(id(block))
        elif width is not None and block.rows and len(grid(block.rows[0])) == width:
            tables.add(id(block))
    return tables


def _owners(blocks: list[Block], tables: set[int], rules: Rules) -> set[int]:
    """Headings that own a plan table: one follows before the next heading of the same or a
    higher level. Only these are read as the plan's sections and outcomes when they carry no
    number. A heading over only tables that are not the plan's (a progress overview), or whose
    tables sit under numbered or labelled section headings of their own ("Delivery Plan Progress
    Overview" over "Priority 1 - ..."), is the document's, not a section."""
    owners: set[int] = set()
    for index, block in enumerate(blocks):
        if block.kind not in ("heading", "title") or document_part(block.text, rules):
            continue
        for later in blocks[index + 1 :]:
            if later.kind == "table" and id(later) in tables:
                owners.add(index)
                break
            if later.kind in ("heading", "title") and (later.level <= block.level or block.kind == "title"):
                break
            if (
                later.kind in ("heading", "title")
                and _names_section(later.text, rules)
                and not _labelled(block.text, rules)
            ):
                break
    return owners


def document_part(text: str, rules: Rules) -> bool:
    """A heading that names a part of the document ("Annex A: Action Plan", "Summary of
    actions"), not a section of the plan: the tables under it keep the sections they have."""
    flat = clean(text)
    return any(pattern.fullmatch(flat) for pattern in rules.document_parts)


_LEVEL_NAME = re.compile(r"^(?P<word>[A-Z][a-z]+):\s+(?P<title>\S(?:[^.!?]{0,80}[^.!?:])?)$")


def _named_level(text: str, rules: Rules) -> Label | None:
    """A heading that names its level with a word of its own ("Cohort: Early years"): a level of
    the plan (which one, its nesting decides), the word not part of the title. A column's name
    ("Lead: SG", "Status: On track") labels a value, not a level."""
    match = _LEVEL_NAME.match(text)
    if match is None or best_field(match.group("word"), rules)[0] not in (None, "section", "outcome"):
        return None
    return Label("section", None, match.group("title").strip())


def _labelled(text: str, rules: Rules) -> bool:
    flat = clean(text)
    return hierarchy(flat, rules) is not None or numbered(flat) is not None or _named_level(flat, rules) is not None


def _siblings(blocks: list[Block], owners: set[int]) -> set[int]:
    """Headings over tables that have another of the same level over tables of its own: each is
    a section ("Prevention" and "Crisis support", one sheet or table each), none the title."""
    levels: dict[tuple[str, int], list[int]] = {}
    for index in sorted(owners):
        levels.setdefault((blocks[index].kind, blocks[index].level), []).append(index)
    return {index for group in levels.values() if len(group) > 1 for index in group}


def _names_section(text: str, rules: Rules) -> bool:
    flat = clean(text)
    label = hierarchy(flat, rules)
    return section_heading(flat, rules) is not None or (label is not None and label.level == "section")


class _PlanReader:
    """Walks the blocks in order, keeping the current section, outcome, action and columns."""

    def __init__(self, rules: Rules, pinned: dict[str, str], owners: set[int]) -> None:
        self.rules = rules
        self.pinned = pinned
        self.owners = owners
        self.plan = RawPlan(title=None)
        self.section: str | None = None
        self.section_level: int | None = None  # heading level the current section came from
        self.outcome_level: int | None = None  # ... and the current outcome, when a heading gave it
        self.section_word: str | None = None  # the label word that opened the current section ("cohort")
        self.tables_ahead = False  # a plan table comes later in the document
        self.siblings: set[int] = set()  # headings over tables with another like them: sections, not a title
        self.outcome: RawOutcome | None = None
        self.action: RawAction | None = None
        self.columns: Columns | None = None
        self.header_folded: list[str] = []
        self.page: int | None = None  # page of the last row read
        self.label_value: dict[str, str] = {}  # the last value seen in a section/outcome column
        self.found: dict[int, tuple[Columns, int]] = {}  # each table's columns (`shared_columns`)
        self.table_follows = False  # the text block being read stands just above a table
        self._styled_title = False
        self._tables_seen = 0
        self._by_position: set[int] = set()  # sections numbered by their place, not by the plan
        self._action_line = re.compile(  # a line opening with an id, or an action id after a column gap
            rf"(?:^\s*(?:{rules.action_id}|{rules.outcome_id})|(?<=\S {{2}}){rules.action_id})\.?(?=\s|$)", re.MULTILINE
        )

    # text between tables -------------------------------------------------------------
    def text(self, block: Block, index: int) -> None:
        text = f"{block.marker} {block.text}" if block.kind == "list_item" and block.marker else block.text
        styled = block.kind in ("heading", "title")
        before = self._tables_seen == 0 and not self.plan.sections
        if before and block.kind == "title" and not self._styled_title:
            self.plan.title, self._styled_title = block.text, True  # wins over text printed above it
            return
        if (
            before
            and not self._styled_title
            and styled
            and index not in self.siblings
            and not self._names_a_level(text)
            and (self.plan.title is None or block.style != RECOVERED)
        ):
            self.plan.title, self._styled_title = block.text, True  # the first heading, over plain text above it
            return
        level = block.level if block.kind == "heading" else None
        if self._section(text, styled=styled, level=level) or self._heading(block, index) or self._label(text):
            self._unplaced(text)  # a heading run together with rows below it
            return
        if self.plan.sections or self.plan.actions:
            self._unplaced(text)
            return
        if block.kind == "title" and not self._styled_title:
            self.plan.title, self._styled_title = block.text, True  # wins over text printed above it
        elif self.plan.title is None and block.kind in ("heading", "paragraph"):
            self.plan.title = title_line(block.text)

    def _names_a_level(self, text: str) -> bool:
        """A heading numbered or labelled as a section or outcome ("1. Data", "Theme 2: ...")."""
        flat = clean(text)
        return section_heading(flat, self.rules) is not None or hierarchy(flat, self.rules) is not None

    def _heading(self, block: Block, index: int) -> bool:
        """A heading that owns tables below it: labelled ("Objective 1.1 - ..."), or unnumbered
        (numbered by position). A deeper heading under a section is an outcome."""
        if block.kind not in ("heading", "title") or index not in self.owners:
            return False
        if block.kind == "title" and self.plan.title is None:
            return False
        flat = clean(block.text)
        vocab = hierarchy(flat, self.rules)
        label = vocab or numbered(flat) or _named_level(flat, self.rules)
        deeper = self.section is not None and self.section_level is not None and block.level > self.section_level
        if deeper and self.outcome_level is not None and block.level > self.outcome_level:
            return True  # a third level of headings ("Healthier weight programmes:"): the plan keeps two
        if label is None:
            label = Label("outcome" if deeper else "section", None, flat)
        elif deeper and label.level == "section":
            label = Label("outcome", label.number, label.title)  # nested under a section: the level below
        labelled = vocab is not None and vocab.level == "outcome"  # "Objective 1: ..." says its level
        if label.level == "outcome" and (self.section is not None or deeper or labelled):
            self._new_outcome(label.number, label.title)
            self.outcome_level = block.level if deeper else None
            return True
        self._new_section(label.number, label.title)
        self.section_level = block.level
        return True

    def _label(self, text: str) -> bool:
        """A line of text labelled as a level ("Objective 1.1 - Pupils know where to get help",
        "Theme 2: Access", "Cohort: Early years"): that level opens. Label words set the levels in
        the order the plan uses them: the word that opened the current section opens the next
        one; another word, under it, opens an outcome."""
        flat = clean(text)
        if "\n" in text.strip() or len(flat.split()) > 25:
            return False
        vocab = hierarchy(flat, self.rules)
        label = vocab or _named_level(flat, self.rules)
        if label is None or (self._tables_seen == 0 and not self.table_follows and not self.tables_ahead):
            return False
        word = flat.split()[0].rstrip(":").lower()
        if (self.section_word is not None and word != self.section_word and self.section is not None) or (
            label.level == "outcome" and (self.section is not None or label.number)
        ):
            self._new_outcome(label.number, label.title)
        else:
            self._new_section(label.number, label.title)
            self.section_level = None
            self.section_word = word
        return True

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

    def _section(self, text: str, styled: bool, level: int | None = None) -> bool:
        """A numbered or labelled section ("1. Data", "Theme 2: Access"). A heading keeps its
        level, so rows across the tables under it and deeper headings are its outcomes, as under
        an unnumbered heading; a row across a table or a paragraph gives no level."""
        heading = section_heading(text, self.rules)
        if heading is None or not follows(heading[0], self.plan.sections, styled):
            return False
        self._new_section(heading[0], heading[1])
        self.section_level = level
        return True

    def _new_section(self, number: str | None, title: str) -> None:
        if number is None:
            self._by_position.add(len(self.plan.sections))
            number = str(len(self.plan.sections) + 1)
            while any(normalise_id(s.number) == number for s in self.plan.sections):
                number = str(int(number) + 1)
        self.section = normalise_id(number) or tidy_id(number)
        self.plan.sections.append(RawSection(number=number, title=title))
        self.outcome, self.action = None, None
        self.outcome_level = None

    def _new_outcome(self, number: str | None, text: str) -> None:
        if number is None:
            siblings = [o for o in self.plan.outcomes if o.section == self.section]
            number = f"{self.section}.{len(siblings) + 1}" if self.section else str(len(self.plan.outcomes) + 1)
        self.outcome = RawOutcome(id=number, section=self.section, text=text)
        self.plan.outcomes.append(self.outcome)
        self.action = None

    # tables --------------------------------------------------------------------------
    def table(self, block: Block) -> None:
        found = self.found.get(id(block))
        start = 0
        if found is None:
            width = len(grid(block.rows[0])) if block.rows else 0
            if self.columns is None or width != self.columns.width:
                return  # not a plan table (a key, a sign-off box)
            columns = self.columns
        else:
            columns, start = found
            self.header_folded = [fold(t) for t in _header_rows_text(block, start)]
            self._record(block, columns)
        self.columns = columns
        self._tables_seen += 1
        self.label_value = {}
        for row in block.rows[start:]:
            self.row(row, columns)

    def _record(self, block: Block, columns: Columns) -> None:
        page = next((r.page for r in block.rows if r.page is not None), None)
        self.plan.tables.append(RawTable(page=page, decisions=list(columns.decisions)))

    def row(self, row: Row, columns: Columns) -> None:
        new_page = row.page is not None and self.page is not None and row.page != self.page
        self.page = row.page if row.page is not None else self.page
        if self._repeated_header(row):
            return
        cells = self._cells(row, columns)
        if self._hierarchy_row(row, columns, cells):
            return
        ident, title = self._ident(cells, columns)
        has_ids = "id" in columns.fields or columns.ids_in_text or columns.ids_at_end
        continuation = not clean(ident) and new_page and self.action is not None
        if continuation and not has_ids:
            continuation = self._only_words_go_on(cells)
        opened = (len(self.plan.sections), len(self.plan.outcomes))
        self._label_columns(cells, ident, continuation)
        if self._numbers_a_level(ident, cells, opened):
            return
        if continuation and self.action is None:
            continuation = False  # a new section or outcome began on this row
        if continuation:
            self._join(cells)
            return
        if not clean(ident) and not any(clean(v) for k, v in cells.items() if k != "_fill"):
            return
        if not clean(ident) and has_ids:
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
        if title is not None:
            cells["title"] = title
        fill = cells.pop("_fill", None)
        self.action = RawAction(
            id=ident,
            outcome=self.outcome.id if self.outcome else None,
            section=self.section,
            text=cells.pop("text", ""),
            title=cells.pop("title", None),
            status=cells.pop("status", None),
            status_fill=fill if not clean(cells.get("status") or "") else None,
            lead=cells.pop("lead", None),
            timescale=cells.pop("timescale", None),
            update=cells.pop("update", None),
            links=cells.pop("links", None),
            age_group=cells.pop("age_group", None),
            extra={k: v for k, v in cells.items() if clean(v)},
            id_generated=not has_ids,
            where=Where(
                page=row.page,
                line=row.line,
                bbox=[round(v, 1) for v in row.bbox] if row.bbox else None,
                sheet=row.sheet,
                row=row.row,
            ),
        )
        self.plan.actions.append(self.action)

    def _numbers_a_level(self, ident: str, cells: dict[str, str], opened: tuple[int, int]) -> bool:
        """A row whose section or outcome column opened a new level and which holds nothing else
        but an id ("1." | "Maternity" | | ): the id is that level's number, and the row no action."""
        if not clean(ident) or any(clean(v) for k, v in cells.items() if not k.startswith("_")):
            return False
        number = normalise_id(ident) or tidy_id(ident)
        if len(self.plan.outcomes) > opened[1]:
            self.outcome.id = number  # type: ignore[union-attr]
            return True
        if len(self.plan.sections) > opened[0]:
            self.plan.sections[-1].number = number
            self.section = number
            return True
        return False

    def _only_words_go_on(self, cells: dict[str, str]) -> bool:
        """In a plan without ids, the first row on a new page goes on with the row above when
        it holds only words of its long columns (text, update, extra), no status, lead or date."""
        short = ("status", "lead", "timescale", "title", "age_group", "_fill")
        return not any(clean(cells.get(key, "")) for key in short) and any(clean(v) for v in cells.values())

    def _repeated_header(self, row: Row) -> bool:
        if not self.header_folded:
            return False
        texts = [fold(t) for t in _header_cells(row)]
        filled = [(i, t) for i, t in enumerate(texts) if t]
        if not filled:
            return False
        same = sum(1 for i, t in filled if i < len(self.header_folded) and t == self.header_folded[i])
        return same * 10 >= len(filled) * 6 and same >= 2

    def _ident(self, cells: dict[str, str], columns: Columns) -> tuple[str, str | None]:
        """The row's id, and a short title printed beside it in the id cell."""
        if "id" in columns.fields:
            raw = cells.pop("id", "")
            whole = whole_id(raw, self.rules)
            if whole is not None:
                return whole, None
            split = opening_id(raw, self.rules)
            if split is None:
                if columns.titled_ids and clean(raw):  # the words of a title, with no id: a row split by a page
                    key = "title" if "text" in columns.fields and clean(cells.get("text", "")) else "text"
                    cells[key] = raw
                    return "", None
                return raw.strip(), None
            rest = split.rest.strip()
            if not rest:
                return split.id, None
            if "text" in columns.fields and clean(cells.get("text", "")):
                return split.id, rest
            cells["text"] = rest
            return split.id, None
        if columns.ids_in_text:
            split = opening_id(cells.get("text", ""), self.rules)
            if split is not None:
                cells["text"] = split.rest
                return split.id, None
        if columns.ids_at_end:
            split = closing_id(cells.get("text", ""), self.rules)
            if split is not None:
                cells["text"] = split.rest
                return split.id, None
        return "", None

    def _cells(self, row: Row, columns: Columns) -> dict[str, str]:
        """Cell texts by field (extra columns by their header); merged cells are left out. The
        status cell's fill colour is kept as `_fill`."""
        out: dict[str, str] = {}
        seen: set[int] = set()
        for position, cell in enumerate(grid(row)):
            if position >= columns.width or cell is None or id(cell) in seen:
                continue
            seen.add(id(cell))
            field = columns.fields[position]
            if field in ("section", "outcome"):
                out[f"_{field}"] = "" if cell.merged else cell.text
                continue
            if cell.merged:
                continue
            if field == "status" and cell.fill:
                out["_fill"] = cell.fill
            key = field or columns.headers[position] or f"Column {position + 1}"
            if key in out and cell.text:
                out[key] += "\n" + cell.text
            elif cell.text or key not in out:
                out[key] = cell.text
        return out

    def _hierarchy_row(self, row: Row, columns: Columns, cells: dict[str, str]) -> bool:
        """A row with one cell of text across the table (or a labelled one): a section or outcome."""
        filled = list({id(c): c for c in row.cells if not c.merged and clean(c.text)}.values())
        if len(filled) > 1:
            # a label across the table that a converter cut at the columns ("Objective 1.1" |
            # "- Pupils know ..."): no id, and the cells read in order are one numbered label
            id_at = columns.column_of("id")
            cells_ = grid(row)
            ident = cells_[id_at] if id_at is not None and id_at < len(cells_) else None
            joined = clean(" ".join(c.text for c in filled))
            label = hierarchy(joined, self.rules)
            has_id = ident is not None and whole_id(ident.text, self.rules) is not None
            if label is None or not label.number or has_id or (label.level != "outcome" and self.section is None):
                return False
            if self._label_column_value(filled[0], cells_, columns):
                return False
            if label.level == "outcome":
                self._new_outcome(label.number, label.title)
            else:
                self._new_section(label.number, label.title)
                self.section_level = None
            return True
        if len(filled) != 1:
            return False
        cell = filled[0]
        text = clean(cell.text)
        label = hierarchy(text, self.rules)
        first = len(row.cells) > 2 and row.cells[0] is cell
        label_in_id = first and columns.fields[0] == "id" and opening_id(text, self.rules) is None
        across = cell.span >= 2 or (first and columns.fields[0] not in ("text", "id")) or label_in_id
        if label is None and not across:
            return False
        if label is None and whole_id(text, self.rules):
            return False  # a row holding only an id: an action without words, not a heading
        if label is None:
            if self._section(text, styled=True):
                return True
            label = numbered(text)
        if label is None:
            level = "outcome" if self._sections_from_headings() else "section"
            label = Label(level, None, text)
        if label.level == "outcome" and (self.section is not None or label.number):
            self._new_outcome(label.number, label.title)
        else:
            self._new_section(label.number, label.title)
            self.section_level = None
        return True

    def _label_column_value(self, cell: Cell, cells: list[Cell | None], columns: Columns) -> bool:
        """The first filled cell of a row is a whole label in a section or outcome column
        ("Objective 1.1 - Fewer smokers" | action | status): that column's value over the action
        beside it, not a label across the table cut at the columns."""
        at = next((i for i, c in enumerate(cells) if c is cell), None)
        if at is None or at >= columns.width or columns.fields[at] not in ("section", "outcome"):
            return False
        label = hierarchy(clean(cell.text), self.rules) or numbered(clean(cell.text))
        return label is not None and bool(label.number) and bool(label.title)

    def _sections_from_headings(self) -> bool:
        """The current section came from a heading above this table (so rows across it are outcomes)."""
        return self.section is not None and self.section_level is not None

    def _label_columns(self, cells: dict[str, str], action_id: str, continuation: bool) -> None:
        """A section or outcome column: a new value opens a new section or outcome."""
        section = cells.pop("_section", None)
        current = self.plan.sections[-1].title if self.plan.sections and self.section else None
        if section is not None and clean(section) and clean(section) not in (self.label_value.get("section"), current):
            self.label_value["section"] = clean(section)
            label = hierarchy(clean(section), self.rules) or numbered(clean(section))
            self._new_section(label.number if label else None, label.title if label else clean(section))
            self.section_level = None
        outcome = cells.pop("_outcome", None)
        if outcome is not None:
            self._outcome_cell(outcome, action_id, continuation)

    def _outcome_cell(self, text: str, action_id: str, continuation: bool) -> None:
        if not clean(text):
            return
        label = hierarchy(clean(text), self.rules)
        found = _OUTCOME_ID.match(text) if label is None else None
        lettered = opening_id(text, self.rules) if label is None and found is None else None
        if label is not None and label.level == "outcome":
            ident, rest = label.number, label.title
        elif found and normalise_id(found.group("id")):
            ident, rest = found.group("id"), found.group("rest").strip(" \t")
        elif lettered is not None and lettered.id[-1:].isalpha() and lettered.id[:1].isdigit():
            ident, rest = lettered.id, lettered.rest.strip(" \t")  # "1a Encourage ...": a lettered outcome
        else:
            ident, rest = None, text
        current = normalise_id(self.outcome.id) or self.outcome.id if self.outcome else None
        if ident is not None:
            if self.outcome is not None and (normalise_id(ident) or ident) == current:
                self._extend_outcome(rest)
            else:
                self._new_outcome(ident, rest.lstrip("\n"))
            return
        if clean(text) == self.label_value.get("outcome"):
            return  # the same outcome repeated on each of its rows
        parent = parent_id(action_id)
        if self.outcome is not None and (continuation or (parent is not None and parent == current)):
            self._extend_outcome(text)
        elif parent is not None and parent != current and _is_numeric(action_id):
            self._new_outcome(parent, text)
        elif self.outcome is not None and self.label_value.get("outcome") is None and parent is None:
            self._extend_outcome(text)
        else:
            self._new_outcome(None, text)
        self.label_value["outcome"] = clean(text)

    def _extend_outcome(self, text: str) -> None:
        assert self.outcome is not None
        self.outcome.text = f"{self.outcome.text}\n{text}" if self.outcome.text else text

    def _join(self, cells: dict[str, str]) -> None:
        """The rest of a row split by a page break: each cell joins the same cell above."""
        action = self.action
        assert action is not None
        cells.pop("_fill", None)
        for key, value in cells.items():
            if not clean(value):
                continue
            if key in ACTION_FIELDS:
                before = getattr(action, key) or ""
                setattr(action, key, f"{before}\n{value}" if before else value)
            else:
                before = action.extra.get(key, "")
                action.extra[key] = f"{before}\n{value}" if before else value

    def finish(self) -> None:
        """Ids for plans that print none: `{outcome or section}.{k}`, counting within the parent."""
        self._drop_empty_page_headings()
        counts: dict[str | None, int] = {}
        for action in self.plan.actions:
            if not action.id_generated:
                continue
            parent = action.outcome or action.section
            counts[parent] = counts.get(parent, 0) + 1
            action.id = f"{parent}.{counts[parent]}" if parent else str(counts[parent])
        if any(a.id_generated for a in self.plan.actions):
            self.plan.notes.append(
                Note(
                    "info",
                    "id-generated",
                    PLAN,
                    "This plan does not number its actions; each was given a number from its place in the plan "
                    "(section or outcome, then order), shown as generated.",
                )
            )

    def _drop_empty_page_headings(self) -> None:
        """A heading the plan does not number, holding no action or outcome of its own and
        followed by the plan's own levels ("SUMMARY OF ACTIONS" over "Chapter 3: ..."), is the
        page's heading over the plan, not a section of it."""
        used = {a.section for a in self.plan.actions} | {o.section for o in self.plan.outcomes}
        keep = []
        for index, section in enumerate(self.plan.sections):
            later = index + 1 < len(self.plan.sections)
            number = normalise_id(section.number) or tidy_id(section.number)
            if index in self._by_position and later and number not in used:
                continue
            keep.append(section)
        self.plan.sections = keep


_OUTCOME_ID = re.compile(r"^\s*(?P<id>\d{1,3}(?:\.\d{1,3}){0,2}\.?)(?=\s|$)(?P<rest>.*)$", re.DOTALL)


def title_line(text: str) -> str:
    """A plan's title from the first block of text: the block, or its first lines when the lines
    after them are an introduction run on without a blank line ("Suicide prevention action plan"
    / "Agreed shared objectives of the strategy:"). A title is a few short lines that are not
    sentences; the first line that is one starts the introduction."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title: list[str] = []
    for line in lines:
        if len(line.split()) > 12 or line.endswith((".", ":", ";")):
            break
        title.append(line)
    if not title or len(title) == len(lines):
        return text
    return " ".join(title)


def _is_numeric(ident: str) -> bool:
    return normalise_id(ident) is not None


def _header_rows_text(block: Block, rows: int) -> list[str]:
    """The header of a table as one row of texts (the rows it takes, joined per column)."""
    texts: list[str] = []
    for row in block.rows[:rows]:
        for i, text in enumerate(_header_cells(row)):
            if i < len(texts):
                texts[i] = f"{texts[i]} {text}".strip() if text and text != texts[i] else texts[i]
            else:
                texts.append(text)
    return texts


__all__ = ["Columns", "extract", "find_header", "grid", "has_plan_table", "table_columns"]
