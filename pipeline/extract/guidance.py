"""Guidance pages from layout blocks: the title, the priorities, and the question items of each.

Works on any format's blocks: headings and list items from HTML and Word, paragraphs and
bullets from PDF and text, the rows of a Word "fillable form" (Question | Current position |
What could be improved | RAG, columns named in rules/headers.yaml) and tables that list
questions by theme (`guidance_tables`). The blocks are first made ready (`guidance_blocks`):
site furniture and contents lists dropped, a text copy's run-together lines set apart, bullets
and markers typed in the text turned into list items.

Then the page is read in one of two ways:

- *numbered priorities*: some heading or paragraph matches a `priority_patterns` rule
  ("Priority 2 : ...", "Theme 3 - ..."). Each such block opens a priority; the list items (or
  form rows) after it are its questions until a heading of the same or a higher level. Lists
  outside every priority (audience lists, tables of contents) are not questions. A priority
  with no list at all takes its paragraphs that are questions as its questions.
- *plain headings*: no priority pattern matches. Each heading opens a candidate priority titled
  by it: a heading in the markup, or a line that does not end like a sentence, or one that ends
  like a question and heads a list of questions. It is kept when most of its list items ask (a
  "Who this is for" list does not), or, with no list, when two or more of its paragraphs are
  questions and nothing else. Kept priorities are numbered by position, or by their own
  numbers when every one is numbered ("1. The person at risk" -> 1, "The person at risk").

A list item nested deeper than the question it follows is an example of that question when it
does not ask ("Which groups are at risk?" then "carers", "young people"), else more of it; so is
a bulleted list right under a numbered question (a text copy loses the nesting). A sub-heading
that asks, with no questions under it, is a question of the priority above it. A list set
further out than a priority's questions (a printed page's footer links) is not its questions.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.core.layout import Block, Layout
from pipeline.core.model import Note, Place, Where
from pipeline.core.text import clean
from pipeline.extract.guidance_blocks import (
    HEADING_WORDS,
    Rest,
    drop_boilerplate,
    heading_number,
    heads_list,
    looks_like_heading,
    prepare,
    priority_of,
    split_numbered,
)
from pipeline.extract.guidance_tables import (
    form_columns,
    form_theme,
    question_and_examples,
    row_fields,
    theme_row,
    width,
)
from pipeline.extract.records import RawGuidance, RawQuestion
from pipeline.rules import Rules

__all__ = ["drop_boilerplate", "extract", "find_title", "looks_like_heading", "priority_of", "split_numbered"]

PROSE_WORDS = 15  # a paragraph this long is running text: the title comes before it


# --------------------------------------------------------------------------- the title


def find_title(blocks: list[Block], rules: Rules) -> int | None:
    """Index of the block that titles the page.

    The reader's title block, else the first top-level heading, else the first heading, else
    (text and PDF without font cues) the short paragraph of three or more words that does not
    end like a sentence and comes last before the first paragraph of running text that has such
    a line before it (a site name or navigation line above the title is not it, and a cookie
    notice above them all is no page's introduction), else the first such line, else the first
    paragraph.
    """
    candidates = [i for i, b in enumerate(blocks) if b.kind != "table" and priority_of(b.text, rules) is None]
    for test in (
        lambda b: b.kind == "title",
        lambda b: b.kind == "heading" and (b.level or 1) == 1,
        lambda b: b.kind == "heading",
    ):
        for index in candidates:
            if test(blocks[index]):
                return index
    titles = [i for i in candidates if blocks[i].kind == "paragraph" and _title_like(blocks[i].text)]
    last: int | None = None
    for index in candidates:
        block = blocks[index]
        if block.kind == "paragraph" and _prose(block.text) and last is not None:
            return last  # the line that introduces the first running text (a cookie notice has none)
        if index in titles:
            last = index
    if titles:
        return titles[0]
    return next((i for i in candidates if blocks[i].kind == "paragraph"), None)


def _title_like(text: str) -> bool:
    """A line (or a line wrapped once) of 3 to 30 words that does not end like a sentence."""
    flat = clean(text)
    return text.strip().count("\n") <= 1 and 3 <= len(flat.split()) <= 30 and flat[-1:] not in ".?!:;,"


def _prose(text: str) -> bool:
    """Running text: a long sentence or more (a heading, however long, does not end like one)."""
    flat = clean(text)
    words = len(flat.split())
    return words > HEADING_WORDS or (words >= PROSE_WORDS and (flat[-1:] in ".!?" or ". " in flat))


# --------------------------------------------------------------------------- grouping


@dataclass
class _Group:
    """One priority being read: its heading, and the question items found under it."""

    number: int | None  # a priority's number as printed ("Priority 2"); None for a plain heading
    title: str
    level: int | None  # heading level that opened it; None when a paragraph did
    questions: list[RawQuestion] = field(default_factory=list)
    item_level: int | None = None  # list depth of its questions
    item_marker: str | None = None  # the marker of its first question ("1.", "•")
    from_form: bool = False
    needs_title: bool = False
    paragraphs: list[RawQuestion] = field(default_factory=list)  # its questions if it has no list
    own_number: int | None = None  # a plain heading's own number ("1. The person at risk")
    short_title: str = ""  # a plain heading's title without that number

    @property
    def numbered(self) -> bool:
        return self.number is not None


def _questions_follow(after: Iterable[Block], rules: Rules) -> bool:
    """Does a list item that asks come before the next heading?"""
    from pipeline.language.questions import asks

    for block in after:
        if block.kind in ("heading", "title", "table"):
            return False
        if block.kind == "list_item" and asks(block.text, rules):
            return True
    return False


def _numbered(marker: str | None) -> bool:
    """Is a list marker a number or letter ("1.", "b)", "(iv)"), not a bullet?"""
    return bool(marker) and (marker[0].isalnum() or marker[0] == "(")  # type: ignore[index]


def _where(block: Block) -> Where:
    return Where(page=block.page, line=block.line, bbox=list(block.bbox) if block.bbox else None)


class _Reader:
    """Walks the blocks once, opening and closing priorities (see the module docstring)."""

    def __init__(self, rules: Rules, numbered: bool, page_title: str | None) -> None:
        self.rules = rules
        self.numbered = numbered
        self.page_title = page_title
        self.groups: list[_Group] = []
        self.current: _Group | None = None
        self.last_item: Block | None = None  # the list item just read, while nothing else came after it
        self.last_example = False  # that item was an example of the question before it
        self.margin: float | None = None  # left edge of headings and body text (PDF)
        self.form: tuple[dict[int, str], int] | None = None  # columns and width of the form just read
        self.asked_by_heading: RawQuestion | None = None  # the question a heading just asked

    def block(self, block: Block, after: Iterable[Block]) -> None:
        last_item, self.last_item = self.last_item, None
        if block.kind in ("heading", "title", "table"):
            self.asked_by_heading = None
        if block.kind == "table":
            self.table(block)
            return
        if block.kind == "paragraph" and last_item is not None and self.continues(last_item, block):
            last = self.current.questions[-1]  # type: ignore[union-attr]
            if self.last_example:
                last.examples[-1] += "\n" + block.text
            else:
                last.text += "\n" + block.text
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
            self.item(block, follows_item=last_item is not None)
            return
        if block.kind == "paragraph" and self.rules.header_field("guidance_form", block.text):
            return  # a form's column name on a line of its own: a table copied as text
        current = self.current
        if current is not None and current.needs_title and not current.questions and "?" not in block.text:
            current.title, current.needs_title = clean(block.text), False  # "Priority 1" then its title
            return
        if block.kind in ("heading", "title") or (
            block.kind == "paragraph" and (looks_like_heading(block.text) or heads_list(block, after, self.rules))
        ):
            self.heading(block, after)
        elif block.kind == "paragraph" and current is not None:
            current.paragraphs.append(RawQuestion(priority=0, text=block.text, where=_where(block)))

    def heading(self, block: Block, after: Iterable[Block]) -> None:
        """A heading opens a priority (plain headings) or closes one; a heading that asks, set
        below the priority's own heading and with no questions of its own after it, is one of
        the priority's questions ("How do you involve people with lived experience?")."""
        from pipeline.language.questions import asks

        real = block.kind in ("heading", "title")
        current = self.current
        if (
            real
            and current is not None
            and current.level is not None
            and (block.level or 1) > current.level
            and clean(block.text).endswith("?")
            and asks(block.text, self.rules)
            and not _questions_follow(after, self.rules)
        ):
            question = RawQuestion(priority=0, text=block.text, where=_where(block))
            current.questions.append(question)
            self.asked_by_heading = question  # a list under it that does not ask is its examples
            return
        if self.numbered:
            if current is not None:
                closes = real and (current.level is None or (block.level or 1) <= current.level)
                if not current.numbered or closes:
                    self.current = None
            return
        number, short = heading_number(block.text)
        level = (block.level or 1) if real else None
        self.open(_Group(None, clean(block.text), level, own_number=number, short_title=short))

    def item(self, block: Block, follows_item: bool = False) -> None:
        """A list item: a question, or (nested deeper, or bulleted right under a numbered
        question, as a text copy flattens a nested list) an example or sub-question of the last."""
        from pipeline.language.questions import asks

        if self.asked_by_heading is not None and not asks(block.text, self.rules):
            self.asked_by_heading.examples.append(block.text)
            return
        current = self.current
        if current is not None and current.item_level is not None and block.level < current.item_level:
            current = self.current = None  # a list set further out than the questions: the page's, not theirs
        if current is None:
            if self.numbered:
                return  # a list outside every priority: contents, audience, links
            current = self.open(_Group(None, self.page_title or "Questions", None))
        deeper = current.item_level is not None and block.level > current.item_level
        restyled = follows_item and _numbered(current.item_marker) and not _numbered(block.marker)
        if current.questions and (deeper or (restyled and not asks(block.text, self.rules))):
            last = current.questions[-1]
            self.last_example = not asks(block.text, self.rules)
            if self.last_example:
                last.examples.append(block.text)  # an example of the question above
            else:
                last.text = f"{last.text}\n{block.text}"  # a sub-question of the question above
            self.last_item = block
            return
        if current.item_level is None:
            current.item_level, current.item_marker = block.level, block.marker
        current.questions.append(RawQuestion(priority=0, text=block.text, where=_where(block)))
        self.last_item, self.last_example = block, False

    def continues(self, item: Block, block: Block) -> bool:
        """A PDF paragraph indented under the list item before it is more of that item.

        A browser prints `<li><p>Q1?</p><p>Q2?</p></li>` as a bulleted line and a line at the
        item's text indent, right of the body margin, with no bullet of its own.
        """
        if item.bbox is None or block.bbox is None or self.margin is None or self.current is None:
            return False
        below = block.page != item.page or block.bbox[1] >= item.bbox[3] - 1  # not a column beside it
        return below and block.bbox[0] >= item.bbox[0] - 2 and block.bbox[0] > self.margin + 6

    def open(self, group: _Group) -> _Group:
        self.groups.append(group)
        self.current = group
        return group

    def table(self, block: Block) -> None:
        """Rows of a fillable form: the header row says which column is which.

        A table with no header right after a form, as wide as it, is the form continuing on a
        new page; a first row that starts in lower case finishes the row the page break split.
        A table that is no form may list questions by theme (`guidance_tables.theme_row`).
        """
        columns, start = form_columns(block.rows, self.rules)
        continued = False
        if columns is None and self.form is not None and block.rows and width(block.rows[0]) == self.form[1]:
            (columns, _), start, continued = self.form, 0, True
        if columns is None:
            self.themes(block)
            return
        self.form = (columns, width(block.rows[max(start - 1, 0)]))
        if start > 0:  # a header like "Priority 1: ... | Current position | RAG" names the priority too
            found = priority_of(row_fields(block.rows[start - 1], columns).get("question", ""), self.rules)
            if found:
                self.open(_Group(found[0], found[1], None, from_form=True, needs_title=not found[1]))
        for index, row in enumerate(block.rows[start:]):
            cells = row_fields(row, columns)
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
            theme = form_theme(row, columns, self.rules)
            if theme is not None:
                self.form_theme(theme)
                if clean(theme) == clean(question):
                    continue  # a row of its own across the form: "Data and intelligence"
            if not clean(question):
                continue
            current = self.current
            if current is None:
                if self.numbered:
                    continue
                current = self.open(_Group(None, self.page_title or "Questions", None))
            current.from_form = True
            text, examples = question_and_examples(question, self.rules)
            current.questions.append(
                RawQuestion(
                    priority=0,
                    text=text,
                    examples=examples,
                    response=cells.get("response"),
                    improve=cells.get("improve"),
                    rag=cells.get("rag"),
                    where=Where(page=row.page, bbox=list(row.bbox) if row.bbox else None),
                )
            )

    def form_theme(self, text: str) -> None:
        """A form's theme (a row across it, or a cell of a theme column): a priority of its own."""
        current = self.current
        if current is not None and current.from_form and current.title == clean(text):
            return  # the same theme again (a merged cell repeated)
        named = priority_of(text, self.rules)
        if named:
            self.open(_Group(named[0], named[1], None, from_form=True, needs_title=not named[1]))
        elif not self.numbered:
            number, short = heading_number(text)
            self.open(_Group(None, clean(text), None, from_form=True, own_number=number, short_title=short))

    def themes(self, block: Block) -> None:
        """A table whose rows give a theme and its questions: each such row is a priority's questions."""
        for row in block.rows:
            found = theme_row(row, self.rules)
            if found is None:
                continue
            title, lead, items = found
            named = priority_of(title, self.rules) if title else None
            current = self.current
            if lead and not title and current is not None and current.questions:
                current.questions[-1].text += "\n" + lead  # the row a page break split goes on
            if named:
                current = self.open(_Group(named[0], named[1], None, from_form=True, needs_title=not named[1]))
            elif self.numbered:
                if current is None:
                    continue
            elif title and (current is None or not current.from_form or current.title != title):
                number, short = heading_number(title)
                current = self.open(_Group(None, title, None, from_form=True, own_number=number, short_title=short))
            elif current is None:
                current = self.open(_Group(None, self.page_title or "Questions", None, from_form=True))
            where = Where(page=row.page, bbox=list(row.bbox) if row.bbox else None)
            for item in items:
                text, examples = question_and_examples(item, self.rules)
                current.questions.append(RawQuestion(priority=0, text=text, examples=examples, where=where))

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


# --------------------------------------------------------------------------- the result


def extract(layout: Layout, rules: Rules) -> RawGuidance:
    """Title, priorities and their question items, with each item's text as laid out."""
    blocks = prepare(layout.blocks, layout.format == "txt", rules)
    title_index = find_title(blocks, rules)
    title = blocks[title_index].text if title_index is not None else None
    numbered = any(priority_of(b.text, rules) for b in blocks if b.kind not in ("table", "list_item")) or any(
        priority_of(c.text, rules) for b in blocks if b.kind == "table" for r in b.rows for c in r.cells[:1]
    )
    reader = _Reader(rules, numbered, clean(title) if title else None)
    for index, block in enumerate(blocks):
        if index != title_index:
            reader.block(block, Rest(blocks, index + 1))
    guidance = RawGuidance(title=title)
    for number, title_text, group in _settle(reader.groups, rules, guidance):
        guidance.priorities.append((number, title_text))
        for question in group.questions:
            question.priority = number
            guidance.questions.append(question)
    return guidance


def _settle(groups: list[_Group], rules: Rules, guidance: RawGuidance) -> list[tuple[int, str, _Group]]:
    """Final priorities: numbered ones merged by number; plain ones kept when their items ask."""
    from pipeline.language.questions import asks, only_asks

    out: list[tuple[int, str, _Group]] = []
    if any(g.numbered for g in groups):
        for group in groups:
            if not group.questions:  # questions printed as plain paragraphs, without bullets
                group.questions = [q for q in group.paragraphs if only_asks(q.text, rules)]
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
            out.append((number, group.title, group))
        return [(n, g.title, g) for n, _, g in out]
    kept: list[_Group] = []
    for group in groups:
        if not group.questions:  # questions printed as plain paragraphs, without bullets
            asking = [q for q in group.paragraphs if only_asks(q.text, rules)]
            if len(asking) >= 2 and 2 * len(asking) >= len(group.paragraphs):
                group.questions = asking
        asking_items = sum(1 for q in group.questions if asks(q.text, rules))
        if group.questions and (group.from_form or asking_items * 2 >= len(group.questions)):
            kept.append(group)
    own = [g.own_number for g in kept if g.own_number is not None]
    if kept and len(own) == len(kept) and all(a < b for a, b in itertools.pairwise(own)):
        return [(number, g.short_title, g) for number, g in zip(own, kept, strict=True)]
    return [(position, g.title, g) for position, g in enumerate(kept, 1)]
