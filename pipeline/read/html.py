"""Saved web pages: the main content as headings, paragraphs, list items and tables.

The page is decoded by `pipeline.read.decode` (BOM, UTF-8, declared charset, Windows-1252),
control bytes are stripped, and the markup is parsed into a BeautifulSoup tree by lxml, which
repairs broken markup the way browsers do. libxml2 stops at a nesting depth of 256 and silently
drops the rest of the page, so a page that reaches that limit is parsed by Python's
`html.parser` instead, a tokenizer with no depth limit: 100 000 nested `<div>`s still yield the
text after the nest.

Site furniture is removed by the CSS selectors in `rules/guidance.yaml` (`html_selectors`), and
the content is taken from the first `html_main` selector that matches an element holding
visible text. The tree is then walked with an explicit stack (never recursion); elements
deeper than `rules.limits.max_html_depth` are flattened into their ancestor's text.

A page is titled by its first <h1>, or by the block its <title> names when that comes first.

Each block keeps its text as laid out: HTML white space collapsed to single spaces, `<br>`
and paragraph breaks inside a list item kept as "\\n". Cleaning is the normaliser's job.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.core.errors import EmptyFile, RulesError
from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.core.text import safe_text
from pipeline.read.colour import css_background, to_rrggbb
from pipeline.read.decode import decode_counted, undecodable_notes
from pipeline.rules import Rules


def _names(*groups: str) -> frozenset[str]:
    return frozenset(" ".join(groups).split())


HEADINGS = {f"h{n}": n for n in range(1, 7)}
LISTS = _names("ul ol menu dir")
# Elements that start a block of their own; anything else is inline and adds to the current one.
BLOCKS = _names(
    "address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure",
    "footer form header hgroup html legend main nav p pre search section summary caption",
    "td th tr tbody thead tfoot",  # table parts met outside a table we read (stray, or below the depth limit)
)
SKIP = _names("head script style template noscript title meta link")
_WHITE = re.compile(r"[ \t\n\r\f]+")


def read(path: Path, data: bytes, rules: Rules, password: str | None = None) -> Layout:
    """The page's main content as blocks; a page with no visible text is an EmptyFile error."""
    decoded = decode_counted(data)
    blocks = blocks_from_html(safe_text(decoded.text), rules)
    if not any(b.text.strip() or b.rows for b in blocks):
        raise EmptyFile(
            "no visible text in the web page (only scripts, styles or images)",
            "open the page in a browser; if it shows text, save it again as 'Web page, HTML only' or print it to PDF",
        )
    return Layout(format="html", blocks=blocks, pages=None, notes=undecodable_notes(decoded))


def blocks_from_html(markup: str, rules: Rules) -> list[Block]:
    """Parse, drop furniture, find the main content, and walk it into blocks."""
    soup = parse(markup)
    drop = _selectors(rules.boilerplate.html_selectors, "html_selectors")
    for element in drop.outermost(soup):
        element.decompose()
    root = _main(soup, _selectors(rules.boilerplate.html_main, "html_main"))
    if root is None:
        return []
    blocks = _Walker(rules.limits.max_html_depth).walk(root)
    mark_title(blocks, soup)
    return blocks


_TITLE_SEPARATOR = re.compile(r"\s+[-|–—]\s+")


def mark_title(blocks: list[Block], soup: Any) -> None:
    """The block the page's <title> names, before the first <h1> or with none, is its title.

    Word's "Save as web page" sets the title in a styled paragraph and the first section heading
    in <h1>. The <title> may add the site's name: "Title - Site".
    """
    if soup.title is None:
        return
    names = {" ".join(part.split()).casefold() for part in _TITLE_SEPARATOR.split(soup.title.get_text())}
    names = {name for name in names if len(name.split()) >= 2}
    for block in blocks:
        if block.kind == "title":
            return
        if block.kind in ("paragraph", "heading") and " ".join(block.text.split()).casefold() in names:
            for other in blocks:
                if other.kind == "title":
                    other.kind = "heading"
            block.kind, block.level = "title", 1
            return


def parse(markup: str) -> Any:
    """A BeautifulSoup tree: lxml's forgiving parser, or html.parser where libxml2 would give up.

    libxml2 repairs broken pages the way browsers do (a new `<td>` closes the open one, a `<p>`
    closes the paragraph before it) but stops at its nesting limit and drops the rest of the page;
    only then is the page parsed by `html.parser`, which has no such limit.
    """
    from bs4 import BeautifulSoup
    from lxml import etree

    probe = etree.HTMLParser(recover=True, no_network=True)
    with contextlib.suppress(etree.ParserError, etree.XMLSyntaxError, ValueError):
        etree.fromstring(markup, probe)
    limited = any("RESOURCE_LIMIT" in error.type_name or "XML_PARSE_HUGE" in error.message for error in probe.error_log)
    return BeautifulSoup(markup, "html.parser" if limited else "lxml")


class _Selectors:
    """CSS selectors indexed by what their subject must be (tag, class, id or attribute).

    soupsieve alone would test every selector against every element; the index lets it test
    only the few selectors an element could match, so a page of 100 000 elements stays fast.
    """

    def __init__(self, selectors: tuple[str, ...], compiled: list[Any]) -> None:
        self.selectors = selectors
        self.compiled = compiled
        self.by_key: dict[tuple[str, str], list[int]] = {}
        self.any: list[int] = []
        for number, selector in enumerate(selectors):
            key = _subject_key(selector)
            if key is None:
                self.any.append(number)
            else:
                self.by_key.setdefault(key, []).append(number)

    def matches(self, element: Any) -> list[int]:
        """Indexes of the selectors this element matches, in rule order."""
        candidates = set(self.any)
        candidates.update(self.by_key.get(("tag", element.name.lower()), ()))
        for name, value in element.attrs.items():
            candidates.update(self.by_key.get(("attr", name.lower()), ()))
            if name == "class":
                for cls in value if isinstance(value, list) else str(value).split():
                    candidates.update(self.by_key.get(("class", cls), ()))
            elif name == "id":
                candidates.update(self.by_key.get(("id", str(value)), ()))
        return sorted(n for n in candidates if self.compiled[n].match(element))

    def outermost(self, root: Any) -> list[Any]:
        """Matching elements in document order, not descending into a match."""
        from bs4 import Tag

        found = []
        stack = [iter(list(root.children))]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
            elif isinstance(child, Tag):
                if self.matches(child):
                    found.append(child)
                else:
                    stack.append(iter(list(child.children)))
        return found

    def first_each(self, root: Any) -> dict[int, list[Any]]:
        """selector index -> its first few matches in document order."""
        found: dict[int, list[Any]] = {}
        for element in root.find_all(True):
            for number in self.matches(element):
                hits = found.setdefault(number, [])
                if len(hits) < 3:
                    hits.append(element)
        return found


_SUBJECT = re.compile(r"(?:^|[\s>+~])(?P<compound>[^\s>+~]*)$")


def _subject_key(selector: str) -> tuple[str, str] | None:
    """What the last compound of a simple selector names: "nav" -> (tag, nav), ".x" -> (class, x)."""
    flat = re.sub(r"\([^()]*\)", "", selector).strip()  # drop pseudo-class arguments
    flat = re.sub(r"\[\s*([\w:-]+)[^\]]*\]", r"[\1]", flat)  # keep attribute names, drop values and flags
    if "," in flat:
        return None
    match = _SUBJECT.search(flat)
    compound = match.group("compound") if match else flat
    if tag := re.match(r"[A-Za-z][\w-]*", compound):
        return ("tag", tag.group(0).lower())
    if cls := re.search(r"\.(-?[_A-Za-z][\w-]*)", compound):
        return ("class", cls.group(1))
    if ident := re.search(r"#(-?[_A-Za-z][\w-]*)", compound):
        return ("id", ident.group(1))
    if attr := re.search(r"\[\s*([\w:-]+)", compound):
        return ("attr", attr.group(1).lower())
    return None


@lru_cache(maxsize=16)
def _selectors(selectors: tuple[str, ...], key: str) -> _Selectors:
    """Compile the rule's selectors once; a bad one stops the run naming the rule file."""
    import soupsieve

    compiled = []
    for selector in selectors:
        try:
            compiled.append(soupsieve.compile(selector))
        except soupsieve.SelectorSyntaxError as exc:
            detail = str(exc).splitlines()[0]
            problem = f"{key} entry {selector!r} is not a CSS selector ({detail})"
            raise RulesError(f"rules/guidance.yaml: {problem}") from None
    return _Selectors(selectors, compiled)


def _main(soup: Any, candidates: _Selectors) -> Any:
    """The first `html_main` match that holds visible text; the whole document if none does."""
    found = candidates.first_each(soup)
    for number in range(len(candidates.selectors)):
        for element in found.get(number, []):
            if _has_text(element):
                return element
    return soup if _has_text(soup) else None


def _has_text(element: Any) -> bool:
    return any(s.strip() for s in _strings(element))


def _strings(element: Any) -> Any:
    """Visible text nodes below an element (comments, doctype, CDATA and script text excluded)."""
    from bs4 import NavigableString

    for node in element.descendants:
        if type(node) is NavigableString:
            yield str(node)


# --------------------------------------------------------------------------- the walk


@dataclass
class _Context:
    """A block being filled: text goes to the innermost context."""

    kind: str
    level: int = 0
    marker: str | None = None
    line: int | None = None
    parts: list[str] = field(default_factory=list)
    block: Block | None = None  # once emitted; a list item's later text is appended to it


@dataclass
class _Frame:
    tag: Any
    children: Any
    context: bool = False  # pushed a context
    list_counter: list[int] | None = None  # an <ol>/<ul>: next number, step


class _Walker:
    """Tree -> blocks with an explicit stack, so depth costs memory, never the Python stack."""

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth
        self.blocks: list[Block] = []
        self.contexts: list[_Context] = [_Context("paragraph")]
        self.lists: list[_Frame] = []
        self.seen_title = False

    def walk(self, root: Any) -> list[Block]:
        from bs4 import NavigableString, Tag

        stack = [_Frame(root, iter(list(root.children)))]
        while stack:
            frame = stack[-1]
            child = next(frame.children, None)
            if child is None:
                stack.pop()
                self._leave(frame)
                continue
            if isinstance(child, Tag):
                name = child.name.lower()
                if name in SKIP:
                    continue
                if name == "table" and len(stack) <= self.max_depth:
                    self._table(child)
                    continue
                new = _Frame(child, iter(list(child.children)))
                self._enter(new, name, deep=len(stack) > self.max_depth)
                stack.append(new)
            elif type(child) is NavigableString:
                self._text(str(child))
        self._emit(self.contexts[0])
        return self.blocks

    # events ---------------------------------------------------------------------------
    def _enter(self, frame: _Frame, name: str, deep: bool) -> None:
        top = self.contexts[-1]
        line = getattr(frame.tag, "sourceline", None)
        if name == "br":
            top.parts.append("\n")
            return
        if deep:
            if name in BLOCKS or name in HEADINGS or name == "li":
                top.parts.append(" ")
            return
        if name == "hr":
            self._emit(top)
            return
        if name in LISTS:
            self._emit(top)
            frame.list_counter = [_start(frame.tag), -1 if frame.tag.has_attr("reversed") else 1]
            self.lists.append(frame)
            return
        if name == "li":
            self._emit(top)
            level = max(len(self.lists) - 1, 0)
            self._push(frame, _Context("list_item", level=level, marker=self._marker(frame.tag), line=line))
            return
        inside_item = top.kind in ("list_item", "heading", "title") and len(self.contexts) > 1
        if name in HEADINGS and not inside_item:
            self._emit(top)
            level = HEADINGS[name]
            kind = "heading"
            if level == 1 and not self.seen_title:
                kind, self.seen_title = "title", True
            self._push(frame, _Context(kind, level=level, line=line))
            return
        if name in BLOCKS or name in HEADINGS:
            if inside_item:
                top.parts.append("\n")  # a paragraph inside a list item is part of the item
                return
            self._emit(top)
            self._push(frame, _Context("paragraph", line=line))

    def _leave(self, frame: _Frame) -> None:
        if frame.list_counter is not None and self.lists and self.lists[-1] is frame:
            self._emit(self.contexts[-1])
            self.lists.pop()
        if frame.context:
            self._emit(self.contexts.pop())
        elif frame.tag.name in BLOCKS and self.contexts[-1].kind in ("list_item", "heading", "title"):
            self.contexts[-1].parts.append("\n")

    def _text(self, text: str) -> None:
        self.contexts[-1].parts.append(_WHITE.sub(" ", text))

    def _push(self, frame: _Frame, context: _Context) -> None:
        frame.context = True
        self.contexts.append(context)

    def _emit(self, context: _Context) -> None:
        """Turn a context's pending text into a block (or add it to the item it continues)."""
        text = _join(context.parts)
        context.parts = []
        if not text:
            return
        if context.block is not None and context.kind == "list_item":
            context.block.text += "\n" + text
            return
        block = Block(kind=context.kind, text=text, level=context.level, marker=context.marker, line=context.line)  # type: ignore[arg-type]
        context.block = block
        self.blocks.append(block)

    def _marker(self, item: Any) -> str | None:
        if not self.lists:
            return "•"
        frame = self.lists[-1]
        if frame.tag.name.lower() != "ol" or frame.list_counter is None:
            return "•"
        if item.has_attr("value") and str(item["value"]).strip().lstrip("-").isdigit():
            frame.list_counter[0] = int(str(item["value"]).strip())
        number = frame.list_counter[0]
        frame.list_counter[0] += frame.list_counter[1]
        return _ordinal(number, str(frame.tag.get("type", "1"))) + "."

    # tables ---------------------------------------------------------------------------
    def _table(self, table: Any) -> None:
        """A table block: rows of cells, spans kept, nested tables flattened into their cell."""
        self._emit(self.contexts[-1])
        rows: list[Row] = []
        pending: dict[int, int] = {}  # column -> rows still covered by a rowspan above
        for tr in _own_rows(table):
            cells: list[Cell] = []
            column = 0
            for td in tr.find_all(["td", "th"], recursive=False):
                while pending.get(column, 0) > 0:
                    cells.append(Cell(text="", merged=True))
                    pending[column] -= 1
                    column += 1
                span = _int_attr(td, "colspan", 1, 1000)
                down = _int_attr(td, "rowspan", 1, 65534)
                cells.append(Cell(text=_cell_text(td, self.max_depth), span=span, fill=_fill(td)))
                for offset in range(span):
                    if down > 1:
                        pending[column + offset] = down - 1
                column += span
            while any(c >= column and n > 0 for c, n in pending.items()):
                if pending.get(column, 0) > 0:
                    cells.append(Cell(text="", merged=True))
                    pending[column] -= 1
                column += 1
            if cells:
                rows.append(Row(cells=cells))
        if rows:
            self.blocks.append(Block(kind="table", rows=rows, line=getattr(table, "sourceline", None)))


def _fill(cell: Any) -> str | None:
    """A cell's background colour (its style or bgcolor, or that of the one element it holds)."""
    found = css_background(str(cell.get("style", ""))) or to_rrggbb(str(cell.get("bgcolor", "")))
    if found is None:
        children = [c for c in cell.find_all(True, recursive=False)]
        if len(children) == 1:
            found = css_background(str(children[0].get("style", "")))
    return found


def _own_rows(table: Any) -> list[Any]:
    """The table's own <tr>s (in thead/tbody/tfoot or directly), not those of a nested table."""
    rows = []
    for tr in table.find_all("tr"):
        parent = tr.parent
        while parent is not None and parent.name not in ("table",):
            parent = parent.parent
        if parent is table:
            rows.append(tr)
    return rows


def _cell_text(cell: Any, max_depth: int) -> str:
    """A cell's text, iteratively: block elements and <br> become line breaks, bullets kept."""
    from bs4 import NavigableString, Tag

    parts: list[str] = []
    stack = [iter(list(cell.children))]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            parts.append("\n")
            continue
        if isinstance(child, Tag):
            name = child.name.lower()
            if name in SKIP:
                continue
            if name == "br":
                parts.append("\n")
                continue
            if name == "li":
                parts.append("\n• ")
            elif name in BLOCKS or name in HEADINGS or name in LISTS or name in ("tr", "table"):
                if not (parts and parts[-1] == "\n• "):  # <li><p>text</p></li>: the paragraph is the item
                    parts.append("\n")
            elif name in ("td", "th"):
                parts.append(" ")
            if len(stack) < max_depth:
                stack.append(iter(list(child.children)))
            else:
                parts.extend(_WHITE.sub(" ", s) for s in _strings(child))
        elif type(child) is NavigableString:
            parts.append(_WHITE.sub(" ", str(child)))
    return _join(parts)


def _join(parts: list[str]) -> str:
    """Pieces of text -> laid-out text: spaces collapsed, line breaks kept, no blank lines.

    Character references can spell what the raw bytes may not (`&#0;` is U+FFFD, `&#x1b;` ESC),
    so controls and replacement characters are removed again here.
    """
    text = safe_text("".join(parts)).replace("\ufffd", "")
    lines = [_WHITE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _int_attr(tag: Any, name: str, default: int, most: int) -> int:
    value = str(tag.get(name, "")).strip()
    return min(max(int(value), 1), most) if value.isdigit() else default


def _start(tag: Any) -> int:
    value = str(tag.get("start", "1")).strip()
    return int(value) if value.lstrip("-").isdigit() else 1


def _ordinal(number: int, style: str) -> str:
    """List numbering as printed: 3 -> "3", "c" (type=a), "C" (type=A), "iii" (type=i)."""
    from pipeline.read.docx.text import number_format

    if (style in ("a", "A") and number > 0) or (style in ("i", "I") and 0 < number < 4000):
        return number_format(number, _LIST_TYPES[style])
    return str(number)


_LIST_TYPES = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
