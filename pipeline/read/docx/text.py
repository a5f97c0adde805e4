"""Word paragraphs as a reader sees them: visible text, style, list marker, bold.

Works on python-docx's lxml elements, not its high-level objects, because the high-level
API hides what matters here: tracked deletions (`w:del`, `w:moveFrom`) would be read as text,
field codes (`w:instrText`) would leak in, hidden runs (`w:vanish`) would show, and list
numbers (numbering.xml) are not rendered at all. Line breaks (`w:br`, `w:cr`) are kept as "\\n"
like every other reader's layout; the normaliser undoes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.core.text import BULLETS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def q(tag: str) -> str:
    """Clark name of a w: tag.  "p" -> "{...main}p" """
    return f"{{{W}}}{tag}"


def local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attr(element: Any, name: str) -> str | None:
    return element.get(q(name)) if element is not None else None


def on(element: Any) -> bool:
    """A w:b / w:vanish style toggle: present and not switched off."""
    return element is not None and attr(element, "val") not in ("0", "false", "off", "none")


# Elements whose content is not visible text: deletions, field codes, notes, drawings.
_SKIP = {
    "del",
    "moveFrom",
    "delText",
    "instrText",
    "delInstrText",
    "pPr",
    "rPr",
    "commentReference",
    "footnoteReference",
    "endnoteReference",
    "drawing",
    "pict",
    "object",
    "fldData",
    "annotationRef",
}
# Private-use symbol-font bullets Word writes, and what they look like.
_SYMBOL_BULLETS = {
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "\uf0d8": "▸",
    "\uf076": "❖",
    "\uf0fc": "✓",
    "\uf0a8": "◦",
    "o": "◦",
    "\uf06f": "◦",
    "\uf0ad": "–",
    "\u2013": "–",
    "-": "-",
}


def run_text(element: Any) -> str:
    """The visible text under an element (a paragraph, a hyperlink, a run)."""
    out: list[str] = []
    _collect(element, out)
    return "".join(out)


def _collect(element: Any, out: list[str]) -> None:
    for child in element:
        name = local(child)
        if child.tag == f"{{{MC}}}Fallback" or name in _SKIP:
            continue
        if name == "r" and on(child.find(f"{q('rPr')}/{q('vanish')}")):
            continue
        if name == "t":
            out.append(child.text or "")
            for inner in child:  # Word writes none; the text after a comment or entity in it is still text
                out.append(inner.tail or "")
        elif name in ("tab", "ptab"):
            out.append("\t")
        elif name in ("br", "cr"):
            out.append("\n")
        elif name == "noBreakHyphen":
            out.append("-")
        elif name == "sym":
            code = attr(child, "char") or ""
            try:
                out.append(_SYMBOL_BULLETS.get(chr(int(code, 16)), chr(int(code, 16))))
            except ValueError:
                continue
        else:
            _collect(child, out)


# ----------------------------------------------------------------------------- styles


@dataclass
class StyleInfo:
    name: str
    heading: int | None  # 0 = title, 1.. = heading level
    bold: bool
    size: float | None
    num: tuple[str, int] | None  # (numId, ilvl) from the style's own numbering
    list_style: bool


class Styles:
    """Paragraph styles by id, with what they inherit through `w:basedOn`."""

    def __init__(self, document: Any) -> None:
        self._raw: dict[str, Any] = {}
        try:
            root = document.styles.element
        except Exception:  # a document without a styles part
            root = None
        default_id = None
        if root is not None:
            for style in root.iterfind(q("style")):
                sid = attr(style, "styleId")
                if sid:
                    self._raw[sid] = style
                    if attr(style, "type") == "paragraph" and attr(style, "default") in ("1", "true"):
                        default_id = sid
        self.default = default_id
        self._cache: dict[str | None, StyleInfo] = {}

    def info(self, style_id: str | None) -> StyleInfo:
        style_id = style_id or self.default
        if style_id not in self._cache:
            self._cache[style_id] = self._resolve(style_id, 0)
        return self._cache[style_id]

    def _resolve(self, style_id: str | None, depth: int) -> StyleInfo:
        element = self._raw.get(style_id or "")
        if element is None or depth > 20:
            return StyleInfo(name=style_id or "Normal", heading=None, bold=False, size=None, num=None, list_style=False)
        based = attr(element.find(q("basedOn")), "val")
        parent = self._resolve(based, depth + 1) if based and based != style_id else None
        name = _ui_name(attr(element.find(q("name")), "val") or style_id or "")
        lowered = name.lower()
        heading = parent.heading if parent else None
        if lowered == "title":
            heading = 0
        elif match := re.fullmatch(r"heading\s*(\d)", lowered):
            heading = int(match.group(1))
        outline = attr(element.find(f"{q('pPr')}/{q('outlineLvl')}"), "val")
        if heading is None and outline is not None and outline.isdigit() and int(outline) < 9:
            heading = int(outline) + 1
        rpr = element.find(q("rPr"))
        bold_el = rpr.find(q("b")) if rpr is not None else None
        bold = on(bold_el) if bold_el is not None else bool(parent and parent.bold)
        size_val = attr(rpr.find(q("sz")), "val") if rpr is not None else None
        size = float(size_val) / 2 if size_val and size_val.isdigit() else (parent.size if parent else None)
        num = _num_pr(element.find(q("pPr"))) or (parent.num if parent else None)
        list_style = lowered.startswith("list") or bool(parent and parent.list_style)
        return StyleInfo(name=name, heading=heading, bold=bold, size=size, num=num, list_style=list_style)


def _ui_name(name: str) -> str:
    """The name Word shows for a built-in style ("heading 1" is stored, "Heading 1" shown)."""
    from docx.styles import BabelFish

    return BabelFish.internal2ui(name)


def _num_pr(ppr: Any) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num_pr = ppr.find(q("numPr"))
    if num_pr is None:
        return None
    num_id = attr(num_pr.find(q("numId")), "val")
    level = attr(num_pr.find(q("ilvl")), "val")
    if num_id is None:
        return None
    return num_id, int(level) if level and level.isdigit() else 0


# ----------------------------------------------------------------------------- numbering


@dataclass
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class Numbering:
    """List numbers as Word would print them, counted through the document in order."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    counters: dict[str, list[int]] = field(default_factory=dict)
    unnumbered: int = 0  # paragraphs numbered by a list the file does not define (numbering part lost)

    @classmethod
    def of(cls, document: Any) -> Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: nothing is numbered
            return numbering
        abstract: dict[str, dict[int, _Level]] = {}
        for item in root.iterfind(q("abstractNum")):
            abstract[attr(item, "abstractNumId") or ""] = _levels(item)
        for num in root.iterfind(q("num")):
            levels = dict(abstract.get(attr(num.find(q("abstractNumId")), "val") or "", {}))
            for override in num.iterfind(q("lvlOverride")):
                ilvl = int(attr(override, "ilvl") or 0)
                lvl = override.find(q("lvl"))
                if lvl is not None:
                    levels.update(_levels(override))
                start = attr(override.find(q("startOverride")), "val")
                if start and start.isdigit() and ilvl in levels:
                    base = levels[ilvl]
                    levels[ilvl] = _Level(base.fmt, base.text, int(start))
            numbering.levels[attr(num, "numId") or ""] = levels
        return numbering

    def marker(self, num_id: str, ilvl: int) -> str | None:
        """The next marker of list `num_id` at level `ilvl` ("1.", "b)", "•"), or None."""
        if num_id == "0":
            return None
        levels = self.levels.get(num_id)
        if not levels:
            self.unnumbered += 1  # its number cannot be printed: the reader says so
            return None
        level = levels.get(ilvl) or levels.get(0)
        if level is None:
            return None
        counts = self.counters.setdefault(num_id, [0] * 9)
        ilvl = min(max(ilvl, 0), 8)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        if level.fmt == "bullet":
            glyph = level.text.strip()
            return _SYMBOL_BULLETS.get(glyph, glyph) or "•"
        if level.fmt == "none":
            return None

        def number(match: re.Match[str]) -> str:
            n = int(match.group(1)) - 1
            lvl = levels.get(n)
            value = counts[n] + (lvl.start - 1 if lvl else 0)
            return number_format(value, lvl.fmt if lvl else "decimal")

        return re.sub(r"%(\d)", number, level.text).strip() or None


def _levels(element: Any) -> dict[int, _Level]:
    out: dict[int, _Level] = {}
    for lvl in element.iterfind(q("lvl")):
        ilvl = int(attr(lvl, "ilvl") or 0)
        start = attr(lvl.find(q("start")), "val")
        out[ilvl] = _Level(
            fmt=attr(lvl.find(q("numFmt")), "val") or "decimal",
            text=attr(lvl.find(q("lvlText")), "val") or "",
            start=int(start) if start and start.isdigit() else 1,
        )
    return out


def number_format(value: int, fmt: str) -> str:
    """A list number in a Word numbering format: (3, "lowerLetter") -> "c", (4, "upperRoman") -> "IV"."""
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            out += letters
            value -= number
    return out


# ----------------------------------------------------------------------------- paragraphs


# Word's built-in list styles for nested lists end in their depth: "List Bullet 2", "List Number 3".
# Their numbering is often a list of its own at level 0, so the name is what tells the depth.
_STYLE_DEPTH = re.compile(r"^List\b.*\s([2-9])$", re.IGNORECASE)
_TYPED_BULLET = re.compile(rf"^\s*([{BULLETS}])\s+(?=\S)")


@dataclass
class Para:
    """One paragraph, read."""

    text: str
    style: StyleInfo
    marker: str | None
    level: int
    bold: bool
    size: float | None


def read_paragraph(p: Any, styles: Styles, numbering: Numbering) -> Para:
    ppr = p.find(q("pPr"))
    style = styles.info(attr(ppr.find(q("pStyle")), "val") if ppr is not None else None)
    text = run_text(p)
    num = _num_pr(ppr) or style.num
    marker: str | None = None
    level = 0
    if num is not None:
        marker = numbering.marker(*num)
        level = num[1]
    if style.list_style and (depth := _STYLE_DEPTH.search(style.name)):
        level = max(level, int(depth.group(1)) - 1)  # "List Bullet 2" is a list nested one deep
    if marker is None and style.list_style and style.heading is None and text.strip():
        marker = "•"
    if marker is None and (typed := _TYPED_BULLET.match(text)):
        marker, text = typed.group(1), text[typed.end() :]
    return Para(text=text, style=style, marker=marker, level=level, bold=_bold(p, style), size=_size(p, style))


def _bold(p: Any, style: StyleInfo) -> bool:
    """Is every run with text bold (directly or by the paragraph style)?"""
    seen = False
    for run in p.iter(q("r")):
        if not "".join(t.text or "" for t in run.iterfind(q("t"))).strip():
            continue
        seen = True
        b = run.find(f"{q('rPr')}/{q('b')}")
        if not (on(b) if b is not None else style.bold):
            return False
    return seen


def _size(p: Any, style: StyleInfo) -> float | None:
    for run in p.iter(q("r")):
        sz = attr(run.find(f"{q('rPr')}/{q('sz')}"), "val")
        if sz and sz.isdigit():
            return float(sz) / 2
    return style.size
