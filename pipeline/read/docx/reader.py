"""Word (.docx) files into a Layout: paragraphs and tables of the body, in order.

- `Title` / `Heading N` styles (or an outline level) give title and heading blocks; numbered
  and bulleted paragraphs (`w:numPr`, directly or through the style, or a List style) give
  list items with the marker Word prints ("1.", "a)", "•"); a numbered heading keeps its
  number in its text ("2. Improve access ...") as it is printed.
- Tables are read from the XML, not from python-docx's `row.cells`, which repeats a merged
  cell for every grid column and row it covers: `w:gridSpan` gives one `Cell(span=n)`, a
  `w:vMerge` continuation gives `Cell(merged=True)`, `w:gridBefore/After` give empty cells so
  columns stay aligned, deleted rows are left out. A cell's paragraphs and `w:br` breaks
  become "\\n" in its text, as laid out.
- Headers, footers and comments live in other parts and are never read; tracked deletions,
  field codes and hidden text are left out (docx_text).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.core.layout import Block, BlockKind, Cell, Layout, Row
from pipeline.core.model import DOCUMENT, Note
from pipeline.read.colour import to_rrggbb
from pipeline.read.docx.opener import open_docx
from pipeline.read.docx.text import MC, Numbering, Styles, attr, local, q, read_paragraph
from pipeline.read.guard import opening_notes
from pipeline.rules import Rules

_WRAPPERS = ("sdt", "customXml", "ins", "moveTo")  # block containers whose content is read in place


def read(path: Path, data: bytes | None, rules: Rules, password: str | None = None) -> Layout:
    raw = path.read_bytes() if data is None else data
    document = open_docx(raw, rules, password)
    return layout_from_document(document, notes=opening_notes(document))


def layout_from_document(document: Any, notes: list[Note] | None = None) -> Layout:
    """The Layout of an open python-docx Document."""
    body = _Body(Styles(document), Numbering.of(document))
    body.walk(document.element.body)
    notes = list(notes or [])
    if body.numbering.unnumbered:
        notes.append(
            Note(
                "warning",
                "missing-numbering",
                DOCUMENT,
                f"{body.numbering.unnumbered} numbered paragraph(s) use list numbering that the Word file "
                "does not define (its numbering part is missing or damaged), so their numbers could not "
                "be read — check them in the original.",
            )
        )
    return Layout(format="docx", blocks=body.blocks, pages=None, notes=notes)


class _Body:
    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[Block] = []

    def walk(self, container: Any) -> None:
        for child in container:
            name = local(child)
            if name == "p":
                self.paragraph(child)
            elif name == "tbl":
                self.blocks.append(Block(kind="table", rows=self.rows(child)))
            elif name in _WRAPPERS:
                self.walk(_inner(child))
            elif child.tag == f"{{{MC}}}AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                if choice is not None:
                    self.walk(choice)

    def paragraph(self, p: Any) -> None:
        para = read_paragraph(p, self.styles, self.numbering)
        if not para.text.strip():
            return
        heading = para.style.heading
        if heading is not None:
            text = f"{para.marker} {para.text.lstrip()}" if para.marker and para.marker[0].isalnum() else para.text
            kind: BlockKind = "title" if heading == 0 else "heading"
            self.blocks.append(
                Block(kind=kind, text=text, level=heading, style=para.style.name, bold=para.bold, size=para.size)
            )
        elif para.marker:
            self.blocks.append(
                Block(
                    kind="list_item",
                    text=para.text.lstrip(),
                    level=para.level,
                    style=para.style.name,
                    bold=para.bold,
                    size=para.size,
                    marker=para.marker,
                )
            )
        else:
            self.blocks.append(
                Block(kind="paragraph", text=para.text, style=para.style.name, bold=para.bold, size=para.size)
            )

    # tables ------------------------------------------------------------------------------
    def rows(self, tbl: Any) -> list[Row]:
        rows: list[Row] = []
        for tr in _children(tbl, "tr"):
            trpr = tr.find(q("trPr"))
            if trpr is not None and (trpr.find(q("del")) is not None):
                continue  # a row deleted with tracked changes
            cells: list[Cell] = []
            before = _int(attr(trpr.find(q("gridBefore")), "val") if trpr is not None else None)
            if before:
                cells.append(Cell(text="", span=before))
            for tc in _children(tr, "tc"):
                tcpr = tc.find(q("tcPr"))
                span = _int(attr(tcpr.find(q("gridSpan")), "val") if tcpr is not None else None) or 1
                vmerge = tcpr.find(q("vMerge")) if tcpr is not None else None
                hmerge = tcpr.find(q("hMerge")) if tcpr is not None else None
                if hmerge is not None and attr(hmerge, "val") != "restart" and cells:
                    cells[-1].span += span  # legacy horizontal merge: part of the cell on its left
                    continue
                if vmerge is not None and attr(vmerge, "val") != "restart":
                    cells.append(Cell(text="", merged=True, span=span))
                    continue
                shading = tcpr.find(q("shd")) if tcpr is not None else None
                solid = shading is not None and attr(shading, "val") == "solid"  # pattern colour covers the cell
                fill = to_rrggbb(attr(shading, "color" if solid else "fill")) if shading is not None else None
                cells.append(Cell(text=self.cell_text(tc), span=span, fill=fill))
            after = _int(attr(trpr.find(q("gridAfter")), "val") if trpr is not None else None)
            if after:
                cells.append(Cell(text="", span=after))
            if cells:
                rows.append(Row(cells=cells))
        return rows

    def cell_text(self, tc: Any) -> str:
        """A cell's paragraphs (list markers printed) and nested tables, one per line."""
        lines: list[str] = []
        for child in _blocks_in(tc):
            if local(child) == "p":
                para = read_paragraph(child, self.styles, self.numbering)
                text = para.text.strip("\n")
                if para.marker and text.strip():
                    text = f"{para.marker} {text.lstrip()}"
                lines.append(text)
            else:  # a table inside the cell
                for row in self.rows(child):
                    lines.extend(c.text for c in row.cells if c.text.strip() and not c.merged)
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        return "\n".join(lines)


def _inner(wrapper: Any) -> Any:
    """What a wrapper holds: a content control's `sdtContent` (nothing when it has none, which
    the schema allows), or the children of a tracked insertion or custom XML element."""
    if local(wrapper) != "sdt":
        return wrapper
    content = wrapper.find(q("sdtContent"))
    return content if content is not None else ()


def _children(element: Any, name: str) -> list[Any]:
    """Child elements named `name`, looking through content controls and tracked insertions."""
    out: list[Any] = []
    for child in element:
        child_name = local(child)
        if child_name == name:
            out.append(child)
        elif child_name in _WRAPPERS:
            out.extend(_children(_inner(child), name))
    return out


def _blocks_in(element: Any) -> list[Any]:
    out: list[Any] = []
    for child in element:
        name = local(child)
        if name in ("p", "tbl"):
            out.append(child)
        elif name in _WRAPPERS:
            out.extend(_blocks_in(_inner(child)))
    return out


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0
