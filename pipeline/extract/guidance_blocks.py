"""A guidance page's blocks made ready to read: lines a text copy ran together set apart, page
furniture and contents lists dropped, bullets and typed list markers turned into list items.

Every format gives headings, paragraphs and list items, but not equally well:

- *text copies* run a page's lines together with no blank line between them: a line break
  the writer made (a heading, a short paragraph's end) is told from one the wrap made by
  whether the next word would have fitted on the line (`split_hard_lines`);
- a line naming a priority ("Priority 2: Making help easier to ask for") is a heading of its
  own wherever a paragraph holds it (`split_priority_lines`);
- bullets typed inside a paragraph ("Consider: • Do you ...? • Have you ...?") are list items,
  and the words before the first one are a lead-in paragraph (`split_inline_bullets`);
- markers typed at the start of paragraphs or lines ("a)", "1.", "(i)") make a list when the
  run they form asks something; a change of marker style nests ("c) ...?" then "(i) ...": the
  "(i)" items are a list inside "c)"), as Word's multi-level lists do (`split_numbered`);
- a list or run of lines that repeats the headings below it is a table of contents
  (`drop_contents`), and site furniture goes as the rules say (`drop_boilerplate`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from pipeline.core.layout import Block
from pipeline.core.text import BULLETS, clean
from pipeline.rules import Rules

HEADING_WORDS = 30  # a heading is at most this long; a longer line is a paragraph
WRAPPED_SHARE = 0.3  # of line breaks inside paragraphs that fall where a wrap would: the text is wrapped
_ADDRESS = ("@", "://", "www.")


# --------------------------------------------------------------------------- headings


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


# "1. The person at risk", "2) Data", or a label word before the number or letter: "Step 3: Review",
# "Part 2 – Data", "SECTION B: DATA"
_HEADING_NUMBER = re.compile(
    r"^(?:(?:[A-Z][a-z]{2,}|[A-Z]{3,})\s+(?P<letter>[A-Z])\s*[:.–—-]\s+|"
    r"(?:(?:[A-Z][a-z]{2,}|[A-Z]{3,})\s+)?(?P<number>\d{1,2})(?:[.)]|\s*[:–—-])\s+)(?=\S)"
)


def heading_number(text: str) -> tuple[int | None, str]:
    """A numbered heading's number and title: "1.   The person at risk" -> (1, "The person at risk").

    A label word before the number is not part of the title either ("Step 3: Review" -> (3,
    "Review"); "SECTION B: DATA" -> (2, "DATA")); "10 Implementation Domains", with nothing
    after the number, is not numbered.
    """
    flat = clean(text)
    match = _HEADING_NUMBER.match(flat)
    if match is None:
        return None, flat
    number = int(match.group("number")) if match.group("number") else ord(match.group("letter")) - ord("A") + 1
    return number, flat[match.end() :]


def looks_like_heading(text: str) -> bool:
    """A line that does not end like a sentence: "Contact", "Related links", a long heading.

    An address is not a heading, however short ("Email: someone@example.org", "www.nhs.uk"),
    and nor is anything over three lines or `HEADING_WORDS` words, or a line that ends a
    sentence inside it ("Are children offered support? (not only through their parents)").
    """
    stripped = clean(text)
    if not stripped or text.strip().count("\n") > 2 or any(mark in stripped for mark in _ADDRESS):
        return False
    if _SENTENCE_END.search(_MARKER.sub("", heading_number(stripped)[1])):
        return False
    return len(stripped.split()) <= HEADING_WORDS and stripped[-1] not in ".?!:;,"


_SENTENCE_END = re.compile(r"[.?!]\s+[(\"'‘“]?[A-Za-z]")


class Rest:
    """The blocks after one of them, iterated in place: what a line's context is read from,
    without copying the rest of a long document for every line."""

    def __init__(self, blocks: list[Block], start: int) -> None:
        self.blocks, self.start = blocks, start

    def __iter__(self) -> Iterator[Block]:
        return (self.blocks[i] for i in range(self.start, len(self.blocks)))


def heads_list(block: Block, after: Iterable[Block], rules: Rules) -> bool:
    """Is a paragraph that ends like a sentence the heading of the list after it?

    "3. Are we learning from every incident?" (numbered, any ending) or "Are you being
    professionally curious?" (asks) is one when list items follow it at once and most of them
    ask; "Answer these with your team." is not. A numbered one ("1. We are not sure where to
    start.") may have a lead-in paragraph or two between it and its list when the list's own
    numbering starts again at 1: the heading is not the list's first item.
    """
    from pipeline.language.questions import asks

    stripped = clean(block.text)
    if block.kind != "paragraph" or not stripped or block.text.strip().count("\n") > 2:
        return False
    if len(stripped.split()) > HEADING_WORDS or any(mark in stripped for mark in _ADDRESS):
        return False
    number, _ = heading_number(stripped)
    if number is None and stripped[-1] != "?":
        return False
    leads = 0
    items: list[Block] = []
    for following in after:
        if following.kind == "furniture":
            continue
        if following.kind == "paragraph" and number is not None and not items and leads < 2:
            if heading_number(following.text)[0] is not None or looks_like_heading(following.text):
                break
            leads += 1
            continue
        if following.kind != "list_item":
            break
        if not items or following.level <= items[0].level:  # nested items are the items' own
            items.append(following)
    if not items or (leads and ordinal(items[0].marker or "") != 1):
        return False
    return 2 * sum(asks(i.text, rules) for i in items) >= len(items)


# --------------------------------------------------------------------------- text copies


def split_hard_lines(blocks: list[Block]) -> list[Block]:
    """A text copy's paragraphs cut where a line ended before the wrap would have ended it.

    A line break is the wrap's when the next line opens in lower case, when the line ends in a
    hyphen, or, in a copy wrapped at a width (`_wraps`), when the next line's first word would
    not have fitted on the line (the width is the file's longest line of prose); any other break
    was typed, and starts a block.
    """
    width = _wrap_width(blocks)
    wrapped = _wraps(blocks, width)
    out: list[Block] = []
    for block in blocks:
        lines = block.text.split("\n")
        if block.kind != "paragraph" or len(lines) < 2:
            out.append(block)
            continue
        start = 0
        for index in range(1, len(lines) + 1):
            if index < len(lines) and _wrapped(lines[index - 1], lines[index], width if wrapped else None):
                continue
            line = block.line + start if block.line is not None else None
            out.append(replace(block, text="\n".join(lines[start:index]), line=line))
            start = index
    return out


def _wrap_width(blocks: list[Block]) -> int:
    """The longest line of words in the file: lines set in columns (wide gaps) and lone words aside."""
    widths = [
        len(line.rstrip())
        for block in blocks
        if block.kind in ("paragraph", "list_item")
        for line in block.text.split("\n")
        if len(line.split()) > 1 and "   " not in line.strip()
    ]
    return max(widths, default=0)


def _wraps(blocks: list[Block], width: int) -> bool:
    """Was the text wrapped at a width at all? In a wrapped copy many line breaks come where the
    next word would not have fitted; in a copy with one line per paragraph only the longest
    lines reach the width."""
    breaks = full = 0
    for block in blocks:
        if block.kind != "paragraph":
            continue
        lines = block.text.split("\n")
        for line, following in itertools.pairwise(lines):
            if following.strip() and line.strip():
                breaks += 1
                full += _full(line, following, width)
    return full >= 3 and full >= WRAPPED_SHARE * breaks


def _full(line: str, following: str, width: int) -> bool:
    """Would the next line's first word not have fitted on this one?"""
    return len(line.rstrip()) + 1 + len(following.split()[0]) > width


def _wrapped(line: str, following: str, width: int | None) -> bool:
    """Was this line break made by the wrap (`width`: the wrap's, None when the text is not wrapped)?"""
    nxt = following.strip()
    if not nxt or not line.strip() or _MARKER.match(nxt) or _INLINE_BULLET.match(nxt):
        return False  # a line that opens with a list marker ("a. What ...") starts an item
    if nxt[0].islower() or line.rstrip().endswith("-"):
        return True
    return width is not None and _full(line, following, width)


def split_priority_lines(blocks: list[Block], rules: Rules) -> list[Block]:
    """A paragraph line naming a priority becomes a block of its own ("Priority 1: Reaching men ...")."""
    out: list[Block] = []
    for block in blocks:
        lines = block.text.split("\n")
        if block.kind != "paragraph" or len(lines) < 2:
            out.append(block)
            continue
        cuts = {0, len(lines)}
        for index, line in enumerate(lines):
            found = priority_of(line, rules)
            if found:
                cuts.add(index)
                if found[1]:
                    cuts.add(index + 1)
        bounds = sorted(cuts)
        for start, end in itertools.pairwise(bounds):
            at = block.line + start if block.line is not None else None
            out.append(replace(block, text="\n".join(lines[start:end]), line=at))
    return out


# --------------------------------------------------------------------------- bullets and markers

_INLINE_BULLET = re.compile(rf"(?:(?<=\s)|^)([{BULLETS}])\s+(?=\S)")
_INLINE_DASH = re.compile(r"\s[–—]\s+(?=[A-Z])")


def split_inline_bullets(blocks: list[Block], rules: Rules) -> list[Block]:
    """Bullets typed inside a paragraph become list items; the words before them a lead-in.

    "Consider: • Do you ...? • Have you ...?" -> paragraph "Consider:", items "Do you ...?" and
    "Have you ...?". Only when most of what the bullets set apart asks something: "Home • About
    us • Contact" is a line of links, and a dash inside a sentence is punctuation.
    """
    from pipeline.language.questions import asks

    out: list[Block] = []
    for block in blocks:
        text = block.text
        cuts: list[tuple[int, int, str]] = []
        if block.kind == "paragraph":
            cuts = [(m.start(), m.end(), m.group(1)) for m in _INLINE_BULLET.finditer(text)]
            if not cuts:
                dashes = [(m.start(), m.end(), "–") for m in _INLINE_DASH.finditer(text)]
                cuts = dashes if len(dashes) >= 2 else []
        if not cuts:
            out.append(block)
            continue
        ends = [c[0] for c in cuts[1:]] + [len(text)]
        pieces = [text[end:nxt].strip() for (_, end, _), nxt in zip(cuts, ends, strict=True)]
        if 2 * sum(asks(piece, rules) for piece in pieces) < len(pieces):
            out.append(block)
            continue
        lead = text[: cuts[0][0]].strip()
        if lead:
            out.append(replace(block, text=lead))
        for (start, _, glyph), piece in zip(cuts, pieces, strict=True):
            if piece:
                line = block.line + text.count("\n", 0, start) if block.line is not None else None
                out.append(replace(block, kind="list_item", text=piece, marker=glyph, line=line))
    return out


_MARKER = re.compile(
    r"^\s*(?P<marker>\(?(?:(?:q\s?)?\d{1,3}|[a-z]|[ivx]{1,5})[.)]|q\s?\d{1,3}:)\s+(?=\S)", re.IGNORECASE
)  # "1." "a)" "(iv)" "Q3." "Q3:"
_ROMAN = re.compile(r"^(?:x{0,3})(?:ix|iv|v?i{0,3})$", re.IGNORECASE)


def _core(marker: str) -> str:
    """A marker's number or letters: "(iv)" -> "iv", "Q3:" -> "3"."""
    core = marker.strip("().: ")
    return core[1:].strip() if core[:1] in "qQ" and core[1:].strip().isdigit() else core


def _form(marker: str) -> str:
    """How a marker is punctuated: "1." -> "x.", "b)" -> "x)", "(ii)" -> "(x)"."""
    return "(x)" if marker.startswith("(") else "x" + marker[-1]


def marker_style(marker: str, previous: str | None = None) -> tuple[str, str]:
    """(kind, form) of a typed list marker: "1." -> ("1", "x."), "(ii)" -> ("i", "(x)"), "b)" -> ("a", "x)").

    A letter that is also a roman numeral ("i", "v", "x") is a letter when it follows the letter
    before it ("h)" then "i)"), else a numeral.
    """
    core = _core(marker)
    form = _form(marker)
    if core.isdigit():
        return "1", form
    if _ROMAN.match(core) and not (len(core) == 1 and previous and ord(previous.lower()) == ord(core.lower()) - 1):
        return ("i" if core.islower() else "I"), form
    return ("a" if core.islower() else "A"), form


def split_numbered(blocks: list[Block], rules: Rules | None = None) -> list[Block]:
    """Markers typed at the start of paragraphs or lines ("1. Is there ...?", "a) Who ...?") make list items.

    Consecutive paragraphs (or lines of one) that open with a marker are one run; the run becomes
    list items when any of its items asks something, so a numbered heading ("1. Leadership and
    governance") stays what it is, and so does a numbered line that heads the bulleted list
    after it ("3. Are we learning from every incident?"). Lines without a marker continue the
    item above. A marker of another style nests one level deeper, and going back to an earlier
    style goes back to its level.
    """
    from pipeline.language.questions import asks

    out: list[Block] = []
    index = 0
    while index < len(blocks):
        run: list[Block] = []
        while index + len(run) < len(blocks):
            block = blocks[index + len(run)]
            if block.kind != "paragraph" or not _MARKER.match(block.text):
                break
            run.append(block)
        if not run:
            out.append(blocks[index])
            index += 1
            continue
        index += len(run)
        items = _items(run)
        heads = len(items) == 1 and rules is not None and heads_list(run[-1], Rest(blocks, index), rules)
        if heads or not any(asks(text, rules) if rules is not None else "?" in text for _, text, _, _ in items):
            out.extend(run)
            continue
        start = 0
        for k, (marker, text, block, offset) in enumerate(items):
            if k + 1 < len(items) and _heads_items(items, k, rules):
                out.extend(_nest(items[start:k]))  # item k heads the items after it
                line = block.line + offset if block.line is not None else None
                out.append(replace(block, kind="paragraph", text=f"{marker} {text}", line=line, marker=None))
                start = k + 1
        out.extend(_nest(items[start:]))
    return out


def ordinal(marker: str) -> int | None:
    """A list marker's place in its list: "3." -> 3, "b)" -> 2, "(iv)" -> 4, "•" -> None."""
    core = _core(marker)
    if core.isdigit():
        return int(core)
    kind, _ = marker_style(marker) if _MARKER.match(marker + " x") else ("", "")
    if kind in ("i", "I"):
        values = {"i": 1, "v": 5, "x": 10}
        total = 0
        for ch, nxt in itertools.zip_longest(core.lower(), core.lower()[1:]):
            value = values[ch]
            total += -value if nxt and values[nxt] > value else value
        return total
    if kind in ("a", "A"):
        return ord(core.lower()) - ord("a") + 1
    return None


def _heads_items(items: list[tuple[str, str, Block, int]], k: int, rules: Rules | None) -> bool:
    """Is item k the heading of the list that starts at 1 right after it ("1. Leadership" then
    "1. Has a leader been named?", or "3. Is your approach making a difference?" then "a. How do
    you measure ...?")? It is when it does not ask, or when the items under it ask too: "c) What
    do members need?" then "(i) where the group meets" is a question and its examples.
    """
    from pipeline.language.questions import asks

    if rules is None or ordinal(items[k + 1][0]) != 1:
        return False
    if not asks(items[k][1], rules):
        return True
    style = marker_style(items[k][0])
    under = list(itertools.takewhile(lambda item: marker_style(item[0]) != style, items[k + 1 :]))
    return 2 * sum(asks(text, rules) for _, text, _, _ in under) > len(under)


def _items(run: list[Block]) -> list[tuple[str, str, Block, int]]:
    """(marker, text, block, line offset) of each item typed in a run of paragraphs."""
    items: list[tuple[str, list[str], Block, int]] = []
    for block in run:
        for offset, line in enumerate(block.text.split("\n")):
            found = _MARKER.match(line)
            if found:
                items.append((found.group("marker"), [line[found.end() :]], block, offset))
            elif items:
                items[-1][1].append(line)
    return [(marker, "\n".join(lines), block, offset) for marker, lines, block, offset in items]


def _nest(items: list[tuple[str, str, Block, int]]) -> list[Block]:
    styles: list[tuple[str, str]] = []
    last: dict[tuple[str, str], str] = {}
    out: list[Block] = []
    for marker, text, block, offset in items:
        form = _form(marker)
        style = marker_style(marker, last.get(("a", form)) or last.get(("A", form)))
        if style in styles:
            del styles[styles.index(style) + 1 :]
        else:
            styles.append(style)
        last[style] = _core(marker)
        out.append(
            Block(
                kind="list_item",
                text=text,
                page=block.page,
                line=block.line + offset if block.line is not None else None,
                marker=marker,
                level=block.level + len(styles) - 1,
            )
        )
    return out


# --------------------------------------------------------------------------- furniture


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


def _contents_key(text: str) -> str:
    _, title = heading_number(text)
    return re.sub(r"[.?:]", "", title).casefold()


def drop_contents(blocks: list[Block], rules: Rules) -> list[Block]:
    """Drop a table of contents: blocks in a row that repeat the headings further on.

    Web pages repeat their headings as in-page links ("On this page", "Contents"); a print puts
    them beside the introduction. Two or more entries in a row must each name a later heading
    word for word; an entry among them may run on into a link printed after it ("Is your
    approach making a difference? Contact").
    """
    keys: list[str | None] = []
    for block in blocks:
        heading = block.kind in ("heading", "title") or (
            block.kind == "paragraph"
            and (looks_like_heading(block.text) or priority_of(block.text, rules) or heading_number(block.text)[0])
        )
        keys.append(_contents_key(block.text) if heading and block.text.strip() else None)
    last = {key: index for index, key in enumerate(keys) if key}
    drop: set[int] = set()
    index = 0
    while index < len(blocks):
        end = index
        exact = 0
        while end < len(blocks) and blocks[end].kind in ("paragraph", "list_item"):
            named = _names_later(blocks[end], end, keys, last)
            if named is None:
                break
            exact += named
            end += 1
        if exact >= 2:
            drop.update(range(index, end))
        index = max(end, index + 1)
    return [b for i, b in enumerate(blocks) if i not in drop]


def _names_later(block: Block, index: int, keys: list[str | None], last: dict[str, int]) -> bool | None:
    """True when the block names a later heading, False when it opens with one, else None.

    `last`: each heading's last place, so a key is looked up, not searched for.
    """
    key = _contents_key(block.text)
    if not key:
        return None
    if last.get(key, -1) > index:
        return True
    words = key.split()
    for cut in range(len(words) - 1, max(len(words) - 4, 2), -1):  # "... difference contact": a link ran on
        if last.get(" ".join(words[:cut]), -1) > index:
            return False
    return None


# --------------------------------------------------------------------------- all together


def prepare(blocks: list[Block], text_copy: bool, rules: Rules) -> list[Block]:
    """The blocks the guidance reader walks (see the module docstring), in reading order."""
    if text_copy:
        blocks = split_hard_lines(blocks)
    blocks = split_priority_lines(blocks, rules)
    blocks = drop_boilerplate(blocks, rules)
    blocks = split_inline_bullets(blocks, rules)
    blocks = split_numbered(blocks, rules)
    return drop_contents(blocks, rules)
