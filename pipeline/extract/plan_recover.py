"""Tables that a copy into plain text flattened, recovered as table blocks for the table reader.

A web page's or a document-sharing site's text keeps a plan's table in one of three shapes:

- **flat rows**: the column names on one line (or one per line), then one line per row with its
  cells run together by single spaces ("Business As Usual 1.1 Maintain RTS dashboard ...
  Public Health Ongoing"), sometimes with " / " between cells, a row running over several lines
  until the next id. The columns cannot be told apart: each row becomes one action whose text is
  the whole row (its id taken out), and one finding says so;
- **stacked cells**: the column names one per paragraph, then each row's cells one per paragraph
  in the same order, the first opening with an id: the columns are all there, one under another;
- **records**: "Ref: 2.6.1" / "Action: ..." / "Lead: ..." paragraphs, the same labels over and
  over: each run of labels is a row, the labels its columns.

Each recovered region becomes a table block in place of the text it came from, so the plan table
reader reads it like any other table (ids, hierarchy, column roles, statuses). Column names are
recognised by the same scores as table headers (`language/headers.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.core.model import PLAN, Note
from pipeline.core.text import clean
from pipeline.language.headers import NAMES_FIELD, best_field
from pipeline.language.ids import hierarchy, ids_in, opening_id, whole_id
from pipeline.rules import Rules

HEADER_WORDS = 8  # a column name is a few words
SEGMENT_WORDS = 5  # ... and, run together with others on one line, fewer
SEGMENT_SCORE = 0.7  # ... each naming its field clearly
MIN_COLUMNS = 3  # a header names at least this many columns
ID_PREFIX_WORDS = 4  # a row's id may come after a short first cell ("Business As Usual 1.1 ...")
_LABELLED = re.compile(r"^\s*(?P<label>[A-Z][\w /&()'’-]{0,40}?)\s*:\s*(?P<value>\S.*)$", re.DOTALL)
_SEPARATOR = " / "
THEME = "\x00theme"  # marks a theme row among flattened rows
RECOVERED = "recovered heading"  # the style of a line of plain text taken for the heading over a table
MIN_HEADERLESS_ROWS = 3  # rows a table with no header needs before its columns are named from its cells
BULLETS = "•◦▪▫●○■□‣⁃∙·*-–"

COLUMNS_LOST = (
    "The table was copied as text with its columns run together, so they could not be separated: "
    "each action's text holds its whole row. Use the document itself (Word, PDF or the web page) "
    "to read the columns."
)


@dataclass
class _Line:
    text: str
    line: int | None
    block: int  # index of the block it came from
    first: bool  # the first line of its block (a paragraph starts here)


@dataclass
class Recovered:
    """A layout with flattened tables turned back into table blocks, and what was done."""

    layout: Layout
    notes: list[Note] = field(default_factory=list)


def names(text: str, rules: Rules) -> list[str] | None:
    """The column names a header line holds, or None when it is not a header line.

    "Domain" -> ["Domain"]; "Action Lead Delivery date" -> ["Action", "Lead", "Delivery date"];
    "Priority Actions / Lead Organisation / Time scale" -> three names.
    """
    flat = clean(text).strip(" /")
    if not flat or opening_id(flat, rules) is not None:
        return None
    parts: list[str] = []
    if _SEPARATOR in f" {flat} " or flat.count("/") >= 2:
        parts = [p.strip() for p in re.split(r"\s+/\s*|\s*/\s+", flat) if p.strip()]
        if any(len(p.split()) > SEGMENT_WORDS for p in parts):
            parts = []  # a slash inside a name ("Lead officer / organisation"), not between names
    if not parts:
        parts = _segment(flat.split(), rules)
    if not parts or any(len(p.split()) > HEADER_WORDS for p in parts):
        return None
    named = sum(1 for p in parts if best_field(p, rules)[1] >= NAMES_FIELD)
    return parts if named * 2 >= len(parts) and named >= 1 else None


def _segment(words: list[str], rules: Rules) -> list[str]:
    """Words run together into the column names they best make ("Action Lead Delivery date").

    Each name must be a few words that clearly name a field: a sentence that happens to hold a
    column's name ("Complete the current position column for each question") is no header."""
    if len(words) > 20:
        return []
    best: list[tuple[float, list[str]]] = [(0.0, [])]
    for end in range(1, len(words) + 1):
        options = []
        for start in range(max(0, end - SEGMENT_WORDS), end):
            score = best_field(" ".join(words[start:end]), rules)[1]
            if score >= SEGMENT_SCORE and best[start][1] is not None:
                # each word counts by how well its name scores; one name more costs a little, so
                # "Lead organisation" stays one name while "Action Lead" makes two
                gain = score * (end - start) - 0.05
                options.append((best[start][0] + gain, [*best[start][1], " ".join(words[start:end])]))
        best.append(max(options) if options else (-1e9, []))
    return best[-1][1] if best[-1][0] > 0 else []


def recover(layout: Layout, rules: Rules) -> Recovered:
    """The layout with every flattened table it holds recovered (unchanged when it holds none)."""
    listed = layout
    for shaped in (_list_tables, _headed_records, _noted_lists, _piped_cells, _headerless_tables):
        listed = shaped(listed, rules)
    if listed is not layout:
        return Recovered(listed)
    lines = _lines(layout)
    out: list[Block] = []
    notes: list[Note] = []
    consumed: set[int] = set()  # lines taken into a recovered table
    tables: list[tuple[int, int, Block]] = []  # (first line, last line, block)
    i = 0
    while i < len(lines):
        found = _records(lines, i, rules) or _header(lines, i, rules)
        if found is None:
            i += 1
            continue
        block, end, lost = found
        tables.append((i, end, block))
        consumed.update(range(i, end))
        if lost:
            notes.append(Note("warning", "columns-lost", PLAN, COLUMNS_LOST))
        i = end
    if not tables:
        return Recovered(layout)
    # rebuild the blocks: untouched blocks as they were, recovered lines replaced by their table
    starts = {start: block for start, _, block in tables}
    by_block: dict[int, list[int]] = {}
    for n, line in enumerate(lines):
        by_block.setdefault(line.block, []).append(n)
    for index, original in enumerate(layout.blocks):
        members = by_block.get(index)
        if not members or not any(n in consumed for n in members):
            out.append(original)
            continue
        kept: list[_Line] = []
        for n in members:
            if n in starts:
                _flush(kept, original, out, before_table=True)
                kept = []
                out.append(starts[n])
            elif n not in consumed:
                kept.append(lines[n])
        _flush(kept, original, out, before_table=False)
    for n, block in enumerate(out):  # a one-line paragraph just above a recovered table is its heading
        above = block.kind == "paragraph" and n + 1 < len(out) and any(out[n + 1] is t for _, _, t in tables)
        if above and "\n" not in block.text.strip() and _heading_like(block.text) and names(block.text, rules) is None:
            out[n] = Block(kind="heading", text=block.text, line=block.line, level=1, style=RECOVERED)
    rebuilt = Layout(format=layout.format, blocks=out, pages=layout.pages, notes=list(layout.notes))
    rebuilt.word_report = layout.word_report
    rebuilt.columns = dict(layout.columns)
    return Recovered(rebuilt, notes)


def _flush(kept: list[_Line], original: Block, out: list[Block], before_table: bool) -> None:
    """Text of a block left around a recovered table, as a block of its own. A short line just
    above the table is its heading ("Improving data and evidence")."""
    if not kept:
        return
    text = "\n".join(line.text for line in kept)
    kind = original.kind
    style = original.style
    if before_table and len(kept) == 1 and _heading_like(text):
        kind, style = "heading", RECOVERED
    marker = original.marker if kept[0].first else None
    out.append(Block(kind=kind, text=text, line=kept[0].line, marker=marker, style=style, level=original.level or 1))


def _heading_like(text: str) -> bool:
    flat = clean(text)
    return 0 < len(flat.split()) <= 14 and not flat.endswith((".", ":", ";", ","))


def _lines(layout: Layout) -> list[_Line]:
    out: list[_Line] = []
    for index, block in enumerate(layout.blocks):
        if block.kind not in ("paragraph", "list_item", "heading", "title"):
            continue
        text = f"{block.marker} {block.text}" if block.kind == "list_item" and block.marker else block.text
        for offset, line in enumerate(text.split("\n")):
            if line.strip():
                number = block.line + offset if block.line is not None else None
                out.append(_Line(line, number, index, offset == 0))
    return out


# ----------------------------------------------------------------------------- headers and rows


def _header(lines: list[_Line], i: int, rules: Rules) -> tuple[Block, int, bool] | None:
    """A header (one line of names, or one name per line) at lines[i], and the rows under it."""
    one = names(lines[i].text, rules)
    if one is not None and len(one) >= MIN_COLUMNS:
        header, j = one, i + 1
        while j < len(lines) and "/" in lines[j].text and not _row_id(lines[j].text, rules):
            more = [p.strip() for p in re.split(r"\s*/\s*", clean(lines[j].text)) if p.strip()]
            if not more or any(len(p.split()) > HEADER_WORDS for p in more):
                break
            header = [*header, *more]  # a header wrapped onto the next line ("(if applicable) / Costs")
            j += 1
        return _flat_rows(lines, i, j, header, rules)
    stacked: list[str] = []
    j = i
    while (
        j < len(lines)
        and len(clean(lines[j].text).split()) <= HEADER_WORDS
        and best_field(clean(lines[j].text), rules)[1] >= NAMES_FIELD
        and opening_id(lines[j].text, rules) is None
        and hierarchy(clean(lines[j].text), rules) is None  # "Pillar: Plan" is a heading, not a column
    ):
        stacked.append(clean(lines[j].text))  # one name per line, as a whole ("Sub-Action Delivery RAG")
        j += 1
    if len(stacked) < MIN_COLUMNS:
        return None
    for skip in range(len(stacked) - MIN_COLUMNS + 1):
        # the lines just above a header may use field words too ("SUMMARY OF ACTIONS" over
        # "Action / Delivery Lead / Timescale"): the header is the run whose rows follow it
        found = _stacked_rows(lines, i + skip, j, stacked[skip:], rules)
        if found is not None:
            return found
    return _flat_rows(lines, i, j, stacked, rules)


def _row_id(text: str, rules: Rules) -> tuple[str, int, int] | None:
    """The id a flattened row carries at its start or after a short first cell, with its span."""
    split = opening_id(text, rules)
    if split is not None:
        start = len(text) - len(text.lstrip())
        return split.id, start, len(text) - len(split.rest)
    for ident, start, end in ids_in(text, rules)[:1]:
        prefix = text[:start].split()
        if 0 < len(prefix) <= ID_PREFIX_WORDS and not re.search(r"\d", text[:start]) and "." in ident:
            return ident, start, end
    return None


def _flat_rows(
    lines: list[_Line], start: int, body: int, header: list[str], rules: Rules
) -> tuple[Block, int, bool] | None:
    """Rows one per line (or one per id, over several lines) under a header whose columns are lost."""
    rows: list[tuple[str, list[_Line]]] = []
    with_ids = any(_row_id(line.text, rules) is not None for line in lines[body : body + 4])
    j = body
    while j < len(lines):
        line = lines[j]
        if names(line.text, rules) and len(names(line.text, rules) or []) >= MIN_COLUMNS:
            break  # the header again: a new table
        labelled = hierarchy(clean(line.text), rules) is not None or (line.first and _section_like(line.text, rules))
        if labelled and with_ids and _next_opens_row(lines, j, rules):
            rows.append((THEME, [line]))  # "Theme 2: Reducing access to means" over its rows
            j += 1
            continue
        if labelled:
            break
        if rules.boilerplate.is_phrase(line.text):
            break  # page furniture after the table ("Page last updated ...")
        lone = names(line.text, rules)
        if with_ids and lone is not None and len(lone) == 1 and _row_id(line.text, rules) is None:
            break  # a column's name alone on its line: the next table's header starts
        found = _row_id(line.text, rules) if with_ids else None
        if with_ids and found is not None:
            rows.append((found[0], [line]))
        elif with_ids and (line.first or not rows) and _heading_like(line.text) and _next_opens_row(lines, j, rules):
            rows.append((THEME, [line]))  # a theme's title across the table, before its rows
        elif with_ids and rows and not line.first:
            rows[-1][1].append(line)
        elif with_ids and rows and line.first:
            rows[-1][1].append(line)  # a cell that broke onto a new paragraph
        elif not with_ids and len(line.text.split()) >= 4:
            rows.append(("", [line]))  # no ids: one line, one row
        else:
            break
        j += 1
    if len(rows) < 1 or sum(1 for _, m in rows if _asks(m[-1].text)) * 2 > len(rows):
        return None  # rows of questions: a form to fill in, not a plan
    head = [Cell(text="No."), Cell(text="Action")] if with_ids else [Cell(text="Action")]
    table = [Row(cells=head, line=lines[start].line)]
    for ident, members in rows:
        text = " ".join(m.text.strip() for m in members)
        if ident == THEME:
            table.append(Row(cells=[Cell(text=clean(text), span=len(head))], line=members[0].line))
            continue
        if ident:
            found = _row_id(members[0].text, rules)
            assert found is not None
            first = members[0].text
            text = " ".join(
                [(first[: found[1]] + " " + first[found[2] :]).strip(), *(m.text.strip() for m in members[1:])]
            )
        cells = [Cell(text=ident), Cell(text=clean(text))] if with_ids else [Cell(text=clean(text))]
        table.append(Row(cells=cells, line=members[0].line))
    return Block(kind="table", rows=table, line=lines[start].line), j, True


def _asks(text: str) -> bool:
    return text.rstrip().endswith("?")


def _next_opens_row(lines: list[_Line], j: int, rules: Rules) -> bool:
    return j + 1 < len(lines) and _row_id(lines[j + 1].text, rules) is not None


def _section_like(text: str, rules: Rules) -> bool:
    from pipeline.extract.plan_text import section_heading

    return section_heading(clean(text), rules) is not None


def _stacked_rows(
    lines: list[_Line], start: int, body: int, header: list[str], rules: Rules
) -> tuple[Block, int, bool] | None:
    """Each row's cells one per line, in the header's order, the first opening with an id; a
    theme's line between rows ("Chapter 3: Health Education & Promotion") spans the table."""
    width = len(header)
    rows: list[tuple[int, list[str]]] = []  # (first line, cells); one cell for a theme line
    j = body
    while j + width <= len(lines):
        text = lines[j].text.strip()
        if opening_id(text, rules) is None and _theme_line(lines, j, rules):
            rows.append((j, [text]))
            j += 1
            continue
        group = [lines[k].text.strip() for k in range(j, j + width)]
        if opening_id(group[0], rules) is None or any(opening_id(g, rules) for g in group[1:]):
            break
        rows.append((j, group))
        j += width
    cells = [group for _, group in rows if len(group) == width]
    if not cells or sum(1 for group in cells if _asks(group[0])) * 2 > len(cells):
        return None
    while rows and len(rows[-1][1]) != width:
        rows.pop()  # a theme line with no row under it belongs to what follows the table
        j -= 1
    table = [Row(cells=[Cell(text=h) for h in header], line=lines[start].line)]
    for first, group in rows:
        if len(group) == width:
            table.append(Row(cells=[Cell(text=g) for g in group], line=lines[first].line))
        else:
            table.append(Row(cells=[Cell(text=clean(group[0]), span=width)], line=lines[first].line))
    return Block(kind="table", rows=table, line=lines[start].line), j, False


def _theme_line(lines: list[_Line], j: int, rules: Rules) -> bool:
    """A labelled heading ("Chapter 3: ...", "Theme 2 - ...") whose next line opens a row."""
    text = clean(lines[j].text)
    labelled = hierarchy(text, rules) is not None or _section_like(text, rules)
    return labelled and j + 1 < len(lines) and opening_id(lines[j + 1].text, rules) is not None


def _records(lines: list[_Line], i: int, rules: Rules) -> tuple[Block, int, bool] | None:
    """ "Ref: 2.6.1" / "Action: ..." / "Lead: ..." paragraphs: the labels are the columns, a label
    seen again starts the next row."""
    labels: list[str] = []
    rows: list[dict[str, str]] = []
    current: dict[str, str] = {}
    j = i
    while j < len(lines):
        line = lines[j]
        match = _LABELLED.match(line.text) if line.first else None
        label = match.group("label").strip() if match else None
        if match and label and best_field(label, rules)[1] >= NAMES_FIELD:
            if label in current:
                rows.append(current)
                current = {}
            if label not in labels:
                labels.append(label)
            current[label] = match.group("value").strip()
        elif current and (not line.first or line.text.lstrip()[:1] in BULLETS):
            last = next(reversed(current))
            current[last] += "\n" + line.text.strip()  # the value goes on: a wrapped line, a list inside it
        else:
            break
        j += 1
    if current:
        rows.append(current)
    if len(labels) < MIN_COLUMNS or not rows or not any(best_field(x, rules)[0] == "text" for x in labels):
        return None
    table = [Row(cells=[Cell(text=label) for label in labels], line=lines[i].line)]
    for row in rows:
        table.append(Row(cells=[Cell(text=row.get(label, "")) for label in labels]))
    return Block(kind="table", rows=table, line=lines[i].line), j, False


# ----------------------------------------------------------------------------- lists as rows


def _list_tables(layout: Layout, rules: Rules) -> Layout:
    """Bulleted lists whose items each hold the same few lines, one per cell ("UNICEF Baby
    Friendly" / "Joey Needham" / "On track"): a table with no header. Its columns are named by
    what their cells hold (a status, a lead, a date, the longest words the action), so the table
    reader weighs them like any other."""
    blocks = layout.blocks
    out: list[Block] = []
    changed = False
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j].kind == "list_item" and "\n" in blocks[j].text.strip():
            j += 1
        items = [[line.strip() for line in b.text.strip().split("\n")] for b in blocks[i:j]]
        header = _list_header(items, rules) if items and len({len(x) for x in items}) == 1 else None
        if header is None:
            out.append(blocks[i])
            i += 1
            continue
        rows = [Row(cells=[Cell(text=h) for h in header], line=blocks[i].line)]
        rows += [
            Row(cells=[Cell(text=t) for t in item], line=b.line) for item, b in zip(items, blocks[i:j], strict=True)
        ]
        out.append(Block(kind="table", rows=rows, line=blocks[i].line))
        changed = True
        i = j
    if not changed:
        return layout
    rebuilt = Layout(format=layout.format, blocks=out, pages=layout.pages, notes=list(layout.notes))
    rebuilt.word_report = layout.word_report
    rebuilt.columns = dict(layout.columns)
    return rebuilt


def _list_header(items: list[list[str]], rules: Rules) -> list[str] | None:
    """Names for the columns of list items' lines, from what the lines hold; None unless one
    column is clearly statuses and the items have two to six lines each."""
    width = len(items[0])
    if not 2 <= width <= 6:
        return None
    columns = [[item[k] for item in items] for k in range(width)]
    status = [sum(1 for t in col if rules.status_for(t)) / len(col) for col in columns]
    if max(status) < 0.7:
        return None
    names = ["" for _ in range(width)]
    names[status.index(max(status))] = rules.headers["plan"]["status"][0]
    lengths = [sum(len(t.split()) for t in col) / len(col) for col in columns]
    free = [k for k in range(width) if not names[k]]
    text_at = free[0]  # the first cell holds the action, unless a later one is clearly the longer text
    longest = max(free, key=lambda k: (lengths[k], -k))
    if lengths[longest] >= max(4.0, 1.5 * lengths[text_at]):
        text_at = longest
    names[text_at] = rules.headers["plan"]["text"][0]
    for k in free:
        if k != text_at:
            field = "lead" if all(len(t.split()) <= 6 for t in columns[k]) else "update"
            names[k] = rules.headers["plan"][field][0]
    return names


# ----------------------------------------------------------------------------- records without a table

# a note's date after its label: "UPDATE March 2019 ...", "Update 3 May 2024: ...", "Progress 12/03/24 - ..."
_NOTE_DATE = re.compile(
    r"^(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+(?:19|20)\d\d)?\b"
    r"|^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|^(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_NOTE_LEAD = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{1,30}?)\s*(?::|\s-\s|\s–\s|\s(?=\S))")


def _field_label(block: Block, rules: Rules) -> tuple[str, str] | None:
    """("Status", "✔ Complete") for a one-line "Status: ✔ Complete" paragraph whose label names
    a column other than the action's words; None otherwise."""
    text = block.text.strip()
    if block.kind not in ("paragraph", "list_item") or "\n" in text:
        return None
    match = _LABELLED.match(text)
    if not match:
        return None
    label = match.group("label").strip()
    field_name, score = best_field(label, rules)
    if score < NAMES_FIELD or field_name in ("text", "id"):
        return None
    return label, match.group("value").strip()


def _note(text: str, rules: Rules) -> str | None:
    """The words of a progress note that opens with an update label ("UPDATE March 2019 Safe
    Space carries on" -> "Safe Space carries on"), or None when the text opens with no such label."""
    match = _NOTE_LEAD.match(text.strip())
    if not match:
        return None
    field_name, score = best_field(match.group("label"), rules)
    if field_name != "update" or score < NAMES_FIELD:
        return None
    rest = text.strip()[match.end() :].strip()
    dated = _NOTE_DATE.match(rest)
    if dated:
        rest = rest[dated.end() :].lstrip(" :-–").strip()
    return rest or None


def _record_table(rows: list[dict[str, str]], line: int | None, rules: Rules) -> Block:
    labels: list[str] = []
    for row in rows:
        labels += [label for label in row if label not in labels]
    table = [Row(cells=[Cell(text=label) for label in labels], line=line)]
    table += [Row(cells=[Cell(text=row.get(label, "")) for label in labels]) for row in rows]
    return Block(kind="table", rows=table, line=line)


def _rebuilt(layout: Layout, blocks: list[Block]) -> Layout:
    rebuilt = Layout(format=layout.format, blocks=blocks, pages=layout.pages, notes=list(layout.notes))
    rebuilt.word_report = layout.word_report
    rebuilt.columns = dict(layout.columns)
    return rebuilt


def _headed_records(layout: Layout, rules: Rules) -> Layout:
    """Numbered items with no table, each followed by labelled lines and paragraphs of progress
    ("1. Adopt open government principles" / "Status: ✔ Complete" / "The Bank opened ..."): each
    item a row, its numbered line the action, each label a column, the paragraphs its update.
    Two such items at least; anything else is left as it was."""
    blocks = layout.blocks
    action = rules.headers["plan"]["text"][0]
    update = rules.headers["plan"]["update"][0]

    def opens(k: int) -> bool:
        b = blocks[k]
        one_line = b.kind in ("paragraph", "heading", "list_item") and "\n" not in b.text.strip()
        return (
            one_line
            and opening_id(b.text, rules) is not None
            and k + 1 < len(blocks)
            and _field_label(blocks[k + 1], rules) is not None
        )

    out: list[Block] = []
    i = 0
    changed = False
    while i < len(blocks):
        rows: list[dict[str, str]] = []
        j = i
        while j < len(blocks) and opens(j):
            row = {action: blocks[j].text.strip()}
            j += 1
            while j < len(blocks) and (found := _field_label(blocks[j], rules)) is not None:
                row.setdefault(found[0], found[1])
                j += 1
            notes = []
            while j < len(blocks) and blocks[j].kind == "paragraph" and not opens(j):
                notes.append(blocks[j].text.strip())
                j += 1
            if notes:
                row[update] = "\n".join(notes)
            rows.append(row)
        if len(rows) >= 2:
            out.append(_record_table(rows, blocks[i].line, rules))
            changed = True
            i = j
        else:
            out.append(blocks[i])
            i += 1
    return _rebuilt(layout, out) if changed else layout


def _noted_lists(layout: Layout, rules: Rules) -> Layout:
    """A list whose items alternate between an action and a progress note that opens with an
    update label ("Refresh our alcohol needs assessment." / "UPDATE March 2019 Work began ..."):
    each action a row, the note after it its update. Two pairs at least."""
    blocks = layout.blocks
    action = rules.headers["plan"]["text"][0]
    update = rules.headers["plan"]["update"][0]
    out: list[Block] = []
    i = 0
    changed = False
    while i < len(blocks):
        rows: list[dict[str, str]] = []
        j = i
        while j < len(blocks) and blocks[j].kind == "list_item" and _note(blocks[j].text, rules) is None:
            row = {action: blocks[j].text.strip()}
            j += 1
            if j < len(blocks) and blocks[j].kind == "list_item" and (note := _note(blocks[j].text, rules)):
                row[update] = note
                j += 1
            rows.append(row)
        if sum(1 for row in rows if update in row) >= 2:
            out.append(_record_table(rows, blocks[i].line, rules))
            changed = True
            i = j
        else:
            out.append(blocks[i])
            i += 1
    return _rebuilt(layout, out) if changed else layout


def _names_a_field(text: str, rules: Rules) -> bool:
    return len(text.split()) <= HEADER_WORDS and best_field(text, rules)[1] >= NAMES_FIELD


def _headerless_tables(layout: Layout, rules: Rules) -> Layout:
    """A table with no header row whose first column holds only ids and another the action's
    words ("1" | "Set up a national feeding alliance ..."): a header is put over it, its columns
    named by what their cells hold (ids; a status; the longest words the action; short names a
    lead; other words an update)."""
    out: list[Block] = []
    changed = False
    for block in layout.blocks:
        rows = block.rows if block.kind == "table" else []
        texts = [[clean(c.text) for c in row.cells] for row in rows]
        widths = {len(t) for t in texts}
        fits = (
            len(rows) >= MIN_HEADERLESS_ROWS
            and len(widths) == 1
            and 2 <= next(iter(widths)) <= 6
            and not any(sum(1 for t in row if t and _names_a_field(t, rules)) >= 2 for row in texts[:3])
            and all(whole_id(row[0], rules) for row in texts)
        )
        if not fits:
            out.append(block)
            continue
        width = len(texts[0])
        columns = [[row[k] for row in texts] for k in range(1, width)]
        plan = rules.headers["plan"]
        lengths = [sum(len(t.split()) for t in col) / len(col) for col in columns]
        text_at = max(range(len(columns)), key=lambda k: (lengths[k], -k))
        names = [plan["id"][0]]
        for k, col in enumerate(columns):
            if k == text_at:
                names.append(plan["text"][0])
            elif sum(1 for t in col if rules.status_for(t)) >= 0.7 * len(col):
                names.append(plan["status"][0])
            else:
                names.append(plan["lead" if all(len(t.split()) <= 6 for t in col) else "update"][0])
        header = Row(cells=[Cell(text=n) for n in names], line=rows[0].line)
        out.append(Block(kind="table", rows=[header, *rows], line=block.line))
        changed = True
    return _rebuilt(layout, out) if changed else layout


def _piped_cells(layout: Layout, rules: Rules) -> Layout:
    """Text where a table's cells were copied one per line, each ending in " |" ("1 |" /
    "Set up a national feeding alliance. |"): a table again, a new row at each cell that is an
    id alone."""
    out: list[Block] = []
    changed = False
    for block in layout.blocks:
        lines = [line.strip() for line in block.text.split("\n") if line.strip()] if block.kind == "paragraph" else []
        piped = [line for line in lines if line.endswith("|")]
        if len(lines) < 4 or len(piped) < 0.8 * len(lines):
            out.append(block)
            continue
        rows: list[list[str]] = []
        for line in lines:
            cell = line.rstrip("|").strip()
            if whole_id(cell, rules) or not rows:
                rows.append([cell])
            else:
                rows[-1].append(cell)
        if len(rows) < MIN_HEADERLESS_ROWS or len({len(r) for r in rows}) != 1:
            out.append(block)
            continue
        out.append(Block(kind="table", rows=[Row(cells=[Cell(text=t) for t in r]) for r in rows], line=block.line))
        changed = True
    return _rebuilt(layout, out) if changed else layout
