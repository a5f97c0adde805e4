"""Guidance pages from layout blocks: the title, the priorities, and the question items of each.

Works on any format's blocks: headings and list items from HTML and Word, paragraphs and
bullets from PDF and text, and the rows of a Word "fillable form" (Question | Current
position | What could be improved | RAG, columns named in rules/headers.yaml).

Site furniture goes first: blocks holding a phrase of rules/guidance.yaml, and whole sections
under a furniture heading ("Contact", "Related links"). Then the page is read in one of two ways:

- *numbered priorities*: some heading or paragraph matches a `priority_patterns` rule
  ("Priority 2 : ...", "Theme 3 - ..."). Each such block opens a priority; the list items (or
  form rows) after it are its questions until a heading of the same or a higher level. Lists
  outside every priority (audience lists, tables of contents) are not questions. A priority
  with no list at all takes its paragraphs that ask as its questions.
- *plain headings*: no priority pattern matches. Each list under a heading is a candidate
  priority titled by that heading; it is kept when most of its items ask something, so a
  "Who this is for" list is not taken for questions.

A list item nested deeper than the question it follows is part of that question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.core.layout import Block, Layout, Row
from pipeline.core.model import Note, Place, Where
from pipeline.core.text import clean
from pipeline.extract.records import RawGuidance, RawQuestion
from pipeline.rules import Rules

_LEADING_BULLET = re.compile(r"^\s*[•◦▪▫●○■□‣⁃∙·\-–]\s+")


def drop_boilerplate(blocks: list[Block], rules: Rules) -> list[Block]:
    """Blocks without site furniture: banner and footer phrases, and whole furniture sections."""
    out: list[Block] = []
    skipping_level: int | None = None
    for block in blocks:
        if block.kind == "furniture":
            continue
        heading = _heading_level(block, rules)
        if skipping_level is not None:
            if heading is not None and heading <= skipping_level and not rules.boilerplate.is_section(block.text):
                skipping_level = None
            else:
                continue
        if heading is not None and rules.boilerplate.is_section(block.text):
            skipping_level = heading
            continue
        if block.kind != "table" and rules.boilerplate.is_phrase(block.text):
            continue
        out.append(block)
    return out


def _heading_level(block: Block, rules: Rules) -> int | None:
    """A block's heading level; in text and PDF, a short line without end punctuation is one."""
    if block.kind in ("heading", "title"):
        return block.level or 1
    if block.kind == "paragraph" and (priority_of(block.text, rules) is not None or looks_like_heading(block.text)):
        return 2
    return None


def looks_like_heading(text: str) -> bool:
    """A short, single line that does not end like a sentence: "Contact", "Related links".

    An address is not a heading, however short ("Email: someone@example.org", "www.nhs.uk").
    """
    stripped = clean(text)
    if not stripped or "\n" in text.strip() or any(mark in stripped for mark in ("@", "://", "www.")):
        return False
    return len(stripped.split()) <= 8 and stripped[-1] not in ".?!:;,"


def priority_of(text: str, rules: Rules) -> tuple[int, str] | None:
    """(number, title) when the text names a priority: "Priority 2 : Continue ..." -> (2, "Continue ...")."""
    flat = clean(text)
    first, _, rest = text.strip().partition("\n")
    for pattern in rules.priority_patterns:
        match = pattern.match(flat)
        if match:
            title = match.groupdict().get("title") or ""
            return int(match.group("number")), title.strip()
    if rest.strip():  # "Priority 1" on its own line, the title on the lines below
        found = priority_of(first, rules)
        if found and not found[1]:
            return found[0], clean(rest)
    return None


# --------------------------------------------------------------------------- the title


def find_title(blocks: list[Block], rules: Rules) -> int | None:
    """Index of the block that titles the page.

    The reader's title block, else the first top-level heading, else the first heading, else
    (text and PDF without font cues) the first one-line paragraph of three or more words that
    does not end like a sentence, else the first paragraph.
    """
    candidates = [i for i, b in enumerate(blocks) if b.kind != "table" and priority_of(b.text, rules) is None]
    for test in (
        lambda b: b.kind == "title",
        lambda b: b.kind == "heading" and (b.level or 1) == 1,
        lambda b: b.kind == "heading",
        lambda b: b.kind == "paragraph" and _title_like(b.text),
        lambda b: b.kind == "paragraph",
    ):
        for index in candidates:
            if test(blocks[index]):
                return index
    return None


def _title_like(text: str) -> bool:
    flat = clean(text)
    return "\n" not in text.strip() and 3 <= len(flat.split()) <= 30 and flat[-1:] not in ".?!:;,"


# --------------------------------------------------------------------------- grouping


@dataclass
class _Group:
    """One priority being read: its heading, and the question items found under it."""

    number: int | None  # as printed; None for a plain heading
    title: str
    level: int | None  # heading level that opened it; None when a paragraph did
    questions: list[RawQuestion] = field(default_factory=list)
    item_level: int | None = None  # list depth of its questions
    from_form: bool = False
    needs_title: bool = False
    paragraphs: list[RawQuestion] = field(default_factory=list)  # its questions if it has no list

    @property
    def numbered(self) -> bool:
        return self.number is not None


class _Reader:
    """Walks the blocks once, opening and closing priorities (see the module docstring)."""

    def __init__(self, rules: Rules, numbered: bool, page_title: str | None) -> None:
        self.rules = rules
        self.numbered = numbered
        self.page_title = page_title
        self.groups: list[_Group] = []
        self.current: _Group | None = None
        self.last_heading: str | None = None
        self.last_item: Block | None = None  # the list item just read, while nothing else came after it
        self.margin: float | None = None  # left edge of headings and body text (PDF)
        self.form: tuple[dict[int, str], int] | None = None  # columns and width of the form just read

    def block(self, block: Block) -> None:
        last_item, self.last_item = self.last_item, None
        if block.kind == "table":
            self.table(block)
            return
        if block.kind == "paragraph" and last_item is not None and self.continues(last_item, block):
            self.current.questions[-1].text += "\n" + block.text  # type: ignore[union-attr]
            self.last_item = last_item
            return
        if block.bbox and block.kind in ("heading", "title", "paragraph"):
            self.margin = block.bbox[0] if self.margin is None else min(self.margin, block.bbox[0])
        if block.kind != "paragraph":
            self.form = None
        found = priority_of(block.text, self.rules) if block.kind != "list_item" else None
        if found:
            number, title = found
            level = (block.level or 1) if block.kind in ("heading", "title") else None
            self.open(_Group(number, title, level, needs_title=not title))
            return
        if block.kind == "list_item":
            self.item(block)
            return
        current = self.current
        if current is not None and current.needs_title and not current.questions and "?" not in block.text:
            current.title, current.needs_title = clean(block.text), False  # "Priority 1" then its title
            return
        if block.kind in ("heading", "title") or (block.kind == "paragraph" and looks_like_heading(block.text)):
            self.heading(block)
        elif block.kind == "paragraph" and current is not None and current.numbered:
            where = Where(page=block.page, line=block.line, bbox=list(block.bbox) if block.bbox else None)
            current.paragraphs.append(RawQuestion(priority=0, text=block.text, where=where))

    def heading(self, block: Block) -> None:
        real = block.kind in ("heading", "title")
        current = self.current
        if current is not None:
            closes = real and (current.level is None or (block.level or 1) <= current.level)
            if not current.numbered or closes:
                self.current = None
        self.last_heading = clean(block.text)

    def item(self, block: Block) -> None:
        current = self.current
        if current is None:
            if self.numbered:
                return  # a list outside every priority: contents, audience, links
            current = self.open(_Group(None, self.last_heading or self.page_title or "Questions", None))
        if current.questions and current.item_level is not None and block.level > current.item_level:
            last = current.questions[-1]
            last.text = f"{last.text}\n{block.text}"  # a sub-point of the question before
            return
        current.item_level = block.level if current.item_level is None else current.item_level
        where = Where(page=block.page, line=block.line, bbox=list(block.bbox) if block.bbox else None)
        current.questions.append(RawQuestion(priority=0, text=block.text, where=where))
        self.last_item = block

    def continues(self, item: Block, block: Block) -> bool:
        """A PDF paragraph indented under the list item before it is more of that item.

        A browser prints `<li><p>Q1?</p><p>Q2?</p></li>` as a bulleted line and a line at the
        item's text indent, right of the body margin, with no bullet of its own.
        """
        if item.bbox is None or block.bbox is None or self.margin is None or self.current is None:
            return False
        return block.bbox[0] >= item.bbox[0] - 2 and block.bbox[0] > self.margin + 6

    def open(self, group: _Group) -> _Group:
        self.groups.append(group)
        self.current = group
        return group

    def table(self, block: Block) -> None:
        """Rows of a fillable form: the header row says which column is which.

        A table with no header right after a form, as wide as it, is the form continuing on a
        new page; a first row that starts in lower case finishes the row the page break split.
        """
        columns, start = _form_columns(block.rows, self.rules)
        continued = False
        if columns is None and self.form is not None and block.rows and _width(block.rows[0]) == self.form[1]:
            (columns, _), start, continued = self.form, 0, True
        if columns is None:
            return
        self.form = (columns, _width(block.rows[max(start - 1, 0)]))
        if start > 0:  # a header like "Priority 1: ... | Current position | RAG" names the priority too
            found = priority_of(_row_fields(block.rows[start - 1], columns).get("question", ""), self.rules)
            if found:
                self.open(_Group(found[0], found[1], None, from_form=True, needs_title=not found[1]))
        for index, row in enumerate(block.rows[start:]):
            cells = _row_fields(row, columns)
            question = cells.get("question", "")
            if continued and index == 0 and self._finish_split_row(cells):
                continue
            texts = [c.text for c in row.cells if not c.merged and clean(c.text)]
            if texts and all(self.rules.header_field("guidance_form", t) for t in texts):
                continue  # the header repeated on a new page
            found = priority_of(texts[0], self.rules) if texts else None
            if found and (len(texts) == 1 or clean(texts[0]) == clean(question)):
                number, title = found
                self.open(_Group(number, title, None, from_form=True, needs_title=not title))
                continue
            if not clean(question):
                continue
            current = self.current
            if current is None:
                if self.numbered:
                    continue
                current = self.open(_Group(None, self.last_heading or self.page_title or "Questions", None))
            current.from_form = True
            current.questions.append(
                RawQuestion(
                    priority=0,
                    text=_LEADING_BULLET.sub("", question),
                    response=cells.get("response"),
                    improve=cells.get("improve"),
                    rag=cells.get("rag"),
                    where=Where(page=row.page, bbox=list(row.bbox) if row.bbox else None),
                )
            )

    def _finish_split_row(self, cells: dict[str, str]) -> bool:
        """Add a row's cells to the last question when the page break cut that row in two."""
        current = self.current
        if current is None or not current.questions:
            return False
        last = current.questions[-1]
        question = clean(cells.get("question", ""))
        if question and (question[:1].isupper() or clean(last.text)[-1:] in ".?!)"):
            return False
        for name in ("question", "response", "improve", "rag"):
            extra = cells.get(name, "").strip()
            if extra:
                attribute = "text" if name == "question" else name
                before = getattr(last, attribute)
                setattr(last, attribute, f"{before}\n{extra}" if before and before.strip() else extra)
        return True


def _width(row: Row) -> int:
    return sum(max(c.span, 1) for c in row.cells)


def _form_columns(rows: list[Row], rules: Rules) -> tuple[dict[int, str] | None, int]:
    """(grid column -> form field, first row after the header) from a header among the first rows.

    The questions' column is the one headed "Question" (rules/headers.yaml); when no column is,
    but two or more answer columns are named, it is the first other column with a header (often
    the priority itself: "Priority 1: ... | Current position | RAG").
    """
    for index, row in enumerate(rows[:3]):
        columns: dict[int, str] = {}
        unnamed: list[int] = []
        position = 0
        for cell in row.cells:
            name = rules.header_field("guidance_form", cell.text) if not cell.merged else None
            if name and name not in columns.values():
                columns[position] = name
            elif not name and clean(cell.text):
                unnamed.append(position)
            position += max(cell.span, 1)
        if "question" not in columns.values() and len(columns) >= 2 and unnamed:
            columns[unnamed[0]] = "question"
        if "question" in columns.values():
            return columns, index + 1
    return None, 0


def _row_fields(row: Row, columns: dict[int, str]) -> dict[str, str]:
    """A row's cells by form field, placed by grid column so spanning cells line up."""
    out: dict[str, str] = {}
    position = 0
    for cell in row.cells:
        name = columns.get(position)
        if name and not cell.merged:
            out[name] = cell.text
        position += max(cell.span, 1)
    return out


# --------------------------------------------------------------------------- the result


_NUMBERED = re.compile(r"^\s*(?P<marker>\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)])\s+(?=\S)", re.IGNORECASE)


def split_numbered(blocks: list[Block]) -> list[Block]:
    """Numbered questions written as plain lines ("1. Is there ...?" in a text copy) become list items.

    A paragraph is split only when it opens with a number and its items ask something, so a
    numbered heading ("1. Leadership and governance") stays what it is.
    """
    out: list[Block] = []
    for block in blocks:
        if block.kind != "paragraph" or not _NUMBERED.match(block.text):
            out.append(block)
            continue
        items: list[tuple[str, list[str], int]] = []
        for offset, line in enumerate(block.text.split("\n")):
            found = _NUMBERED.match(line)
            if found:
                items.append((found.group("marker"), [line[found.end() :]], offset))
            elif items:
                items[-1][1].append(line)
        if not any("?" in " ".join(lines) for _, lines, _ in items):
            out.append(block)
            continue
        for marker, lines, offset in items:
            out.append(
                Block(
                    kind="list_item",
                    text="\n".join(lines),
                    page=block.page,
                    line=block.line + offset if block.line is not None else None,
                    marker=marker,
                    level=block.level,
                )
            )
    return out


def extract(layout: Layout, rules: Rules) -> RawGuidance:
    """Title, priorities and their question items, with each item's text as laid out."""
    blocks = split_numbered(drop_boilerplate(layout.blocks, rules))
    title_index = find_title(blocks, rules)
    title = blocks[title_index].text if title_index is not None else None
    numbered = any(priority_of(b.text, rules) for b in blocks if b.kind not in ("table", "list_item")) or any(
        priority_of(c.text, rules) for b in blocks if b.kind == "table" for r in b.rows for c in r.cells[:1]
    )
    reader = _Reader(rules, numbered, clean(title) if title else None)
    for index, block in enumerate(blocks):
        if index != title_index:
            reader.block(block)
    guidance = RawGuidance(title=title)
    for number, group in _settle(reader.groups, rules, guidance):
        guidance.priorities.append((number, group.title))
        for question in group.questions:
            question.priority = number
            guidance.questions.append(question)
    return guidance


def _settle(groups: list[_Group], rules: Rules, guidance: RawGuidance) -> list[tuple[int, _Group]]:
    """Final priorities: numbered ones merged by number; plain ones kept when their items ask."""
    from pipeline.language.questions import asks

    out: list[tuple[int, _Group]] = []
    if any(g.numbered for g in groups):
        for group in groups:
            if not group.questions:  # questions printed as plain paragraphs, without bullets
                group.questions = [q for q in group.paragraphs if asks(q.text, rules)]
        by_number: dict[int, _Group] = {}
        with_questions = {g.number for g in groups if g.questions}
        for group in groups:
            number = group.number
            assert number is not None
            if not group.questions and (number in with_questions or not group.title):
                continue  # a contents entry, or a mention without a section
            if number in by_number:
                first = by_number[number]
                first.questions.extend(group.questions)
                first.title = first.title or group.title
                guidance.notes.append(
                    Note("warning", "repeated-priority", Place("priority", str(number)), f"Priority {number} "
                         "appears twice; its questions were read as one list")
                )  # fmt: skip
                continue
            by_number[number] = group
            out.append((number, group))
        return out
    number = 0
    for group in groups:
        asking = sum(1 for q in group.questions if asks(q.text, rules))
        if group.questions and (group.from_form or asking * 2 >= len(group.questions)):
            number += 1
            out.append((number, group))
    return out
