"""Generated action plans for the corpus: `tests/corpus/plans/gen_*/`.

Each plan below is written as data (sections, outcomes, actions and their cells, the columns the
plan prints and how it lays them out). The renderers draw that data as a council would publish it,
and `expected.yaml` is written from the same data by the rules of tests/corpus/README.md, never by
running the pipeline. Every plan is invented: no real council's wording is used.

Renderings (each case has at least two; the case's `formats` list says which):

- `plan.docx`            python-docx: real merged cells (`merge()`), shading (`w:shd`) on RAG cells,
                         repeated header rows, running header and "Page N of M" footer;
- `plan.pdf`             that .docx converted by LibreOffice (`soffice --headless --convert-to pdf`);
- `plan-drawn.pdf`       reportlab: ruled or borderless, portrait or landscape, coloured
                         rectangles behind RAG cells, header row repeated on each page;
- `plan.html`            a council web page (navigation, cookie banner, footer) holding the table:
                         colspan theme rows, rowspan outcome cells, `style="background:#..."` RAG cells;
- `plan-browser.pdf`     that page printed by headless Chromium;
- `plan-pasted-tabs.txt` the plan pasted from Excel/Word: a tab between cells, multi-line cells in
                         double quotes;
- `plan-layout.txt`, `plan-drawn-layout.txt`  `pdftotext -layout` of plan.pdf / plan-drawn.pdf;
- `plan-copied-text.txt` the web page's text copied with single spaces between cells (columns lost):
                         listed under `text_only_renderings`, each action given a `row_text`.

Run from the repository root:

    .venv/bin/python tests/corpus/generate_plans.py            # every case
    .venv/bin/python tests/corpus/generate_plans.py gen_foo     # some cases

A rendering whose tool (soffice, chromium, pdftotext) is missing is skipped with a message and any
committed copy is left as it is. Output is deterministic: fixed data, fixed document properties,
fixed zip timestamps, and the dates and ids that LibreOffice and Chromium stamp into a PDF are
overwritten with fixed values of the same length.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PLANS = HERE / "plans"
FIXED_TIME = datetime.datetime(2025, 1, 6, 9, 0, 0)
MAX_BYTES = 300 * 1024

# ----------------------------------------------------------------------------- the data model


@dataclass
class Action:
    text: str  # the action's words as printed; "\n" where the cell breaks a line, "• " bullets
    id: str | None = None  # the id as the README wants it (None: the plan prints no ids)
    printed: str | None = None  # the id cell as printed, where it differs ("Action 3", "1.1.")
    title: str | None = None
    status: str | None = None  # the status cell as written ("\n" allowed)
    colour: str | None = None  # red | amber | green | blue: the RAG cell's fill
    lead: str | None = None
    timescale: str | None = None
    update: str | None = None
    links: str | None = None  # the links / dependencies cell
    extra: dict[str, str] = field(default_factory=dict)  # other columns, by header (collapsed)
    linked: list[str] = field(default_factory=list)  # this plan's actions cited
    refs: list[str] = field(default_factory=list)  # outside documents cited, verbatim
    family: str | None = None  # status family when the words alone do not settle it


@dataclass
class Outcome:
    id: str | None  # None: the actions sit directly under the section
    text: str | None
    label: str | None  # as printed ("Objective 1.1 – Pupils know ...")
    actions: list[Action]


@dataclass
class Section:
    number: str | None  # None: the plan has no sections
    title: str | None
    heading: str | None  # as printed ("Theme 2: Reducing access to means")
    outcomes: list[Outcome]


@dataclass
class Col:
    header: str  # as printed, "\n" where it breaks
    key: str  # id | idtitle | title | text | status | lead | timescale | update | links | outcome | section | extra
    width: float  # relative width


@dataclass
class Plan:
    slug: str
    varies: list[str]  # for SOURCE.md
    title: str
    intro: str
    columns: list[Col]
    sections: list[Section]
    formats: list[str]  # docx, soffice, drawn, html, browser, tabs, layout, drawn-layout, copied
    section_style: str = "none"  # heading | row | none
    outcome_style: str = "none"  # column (merged down) | row (spanning label) | cell (first row only) | none
    links: bool = False  # write linked_actions / external_refs for every action
    landscape: bool = False
    ruled: bool = True
    font_size: float = 9.5
    list_bullets: bool = False  # docx: bullets as "List Bullet" paragraphs (Word draws the glyph)
    html_lists: bool = False  # html: bullets as <ul><li>
    drawn_ruled: bool | None = None  # reportlab: ruling lines (None: as `ruled`)
    idtitle_sep: str = " - "
    org: str = "Westbury Borough Council"
    running_header: str = ""
    legend: str = ""


def collapse(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def sec(number, title, heading, *items) -> Section:  # type: ignore[no-untyped-def]
    """A section holding outcomes, or actions directly (wrapped in one outcome-less group)."""
    if items and isinstance(items[0], Action):
        return Section(number, title, heading, [Outcome(None, None, None, list(items))])
    return Section(number, title, heading, list(items))


def out(id_, text, label, *actions) -> Outcome:  # type: ignore[no-untyped-def]
    return Outcome(id_, text, label, list(actions))


def flat(*actions: Action) -> list[Section]:
    return [sec(None, None, None, *actions)]


A = Action

# ----------------------------------------------------------------------------- status families

FAMILIES = {
    "not started": "not started",
    "in progress": "underway",
    "on track": "underway",
    "ongoing": "underway",
    "incomplete": "underway",
    "partially achieved": "underway",
    "green": "underway",
    "at risk": "off track",
    "off track": "off track",
    "not achieved": "off track",
    "red": "off track",
    "amber": "off track",
    "complete": "complete",
    "completed": "complete",
    "achieved": "complete",
    "blue": "complete",
    "withdrawn": "closed",
    "paused": "waiting",
}
PREFIX_FAMILIES = (("delayed", "off track"), ("on hold", "waiting"), ("closed", "closed"))
COLOUR_FAMILIES = {"red": "off track", "amber": "off track", "green": "underway", "blue": "complete"}
FILLS = {"red": "FF0000", "amber": "FFC000", "green": "00B050", "blue": "0070C0"}


def status_family(action: Action) -> str | None:
    if action.family:
        return action.family
    raw = collapse(action.status)
    if not raw:
        return COLOUR_FAMILIES[action.colour] if action.colour else None
    low = raw.lower()
    if low in FAMILIES:
        return FAMILIES[low]
    for prefix, fam in PREFIX_FAMILIES:
        if low.startswith(prefix):
            return fam
    raise ValueError(f"no status family for {raw!r}")


# ----------------------------------------------------------------------------- expected records


def all_actions(plan: Plan):  # type: ignore[no-untyped-def]
    for s in plan.sections:
        for o in s.outcomes:
            for a in o.actions:
                yield s, o, a


def expected_ids(plan: Plan) -> list[str]:
    ids, counts = [], {}
    for s, o, a in all_actions(plan):
        if a.id is not None:
            ids.append(a.id)
            continue
        parent = o.id or s.number
        counts[parent] = counts.get(parent, 0) + 1
        ids.append(f"{parent}.{counts[parent]}" if parent else str(counts[parent]))
    return ids


def has(plan: Plan, key: str) -> bool:
    return any(c.key == key for c in plan.columns)


def expected_doc(plan: Plan) -> dict:
    renderings = [RENDERINGS[f] for f in plan.formats]
    text_only = [RENDERINGS[f] for f in plan.formats if f == "copied"]
    doc: dict = {"kind": "action_plan", "renderings": renderings}
    if text_only:
        doc["text_only_renderings"] = text_only
    doc["title"] = plan.title
    doc["sections"] = [{"number": s.number, "title": s.title} for s in plan.sections if s.number]
    doc["outcomes"] = [
        {"id": o.id, "section": s.number, "text": collapse(o.text)} for s in plan.sections for o in s.outcomes if o.id
    ]
    generated = any(a.id is None for _, _, a in all_actions(plan))
    records = []
    for (s, o, a), id_ in zip(all_actions(plan), expected_ids(plan), strict=True):
        r: dict = {"id": id_, "section": s.number, "outcome": o.id, "text": collapse(a.text)}
        if text_only:
            r["row_text"] = collapse(" ".join(cell_text(plan, c, a, o, s) for c in plan.columns if c.key != "id"))
        if has(plan, "title") or (has(plan, "idtitle") and has(plan, "text")):
            r["title"] = collapse(a.title)
        if has(plan, "status"):
            r["status_raw"] = collapse(a.status) or None
            r["status_family"] = status_family(a)
            if not collapse(a.status) and a.colour:
                r["status_source"] = "colour"
        for key in ("lead", "timescale", "update"):
            if has(plan, key):
                r[key] = collapse(getattr(a, key)) or None
        if plan.links:
            r["linked_actions"] = list(a.linked)
            r["external_refs"] = list(a.refs)
        if a.id is None:
            r["id_generated"] = True
        extras = {collapse(c.header): collapse(a.extra[collapse(c.header)]) for c in plan.columns if c.key == "extra"}
        if extras:
            r["extra"] = extras
        records.append(Block(r))
    doc["actions"] = records
    if generated:
        doc["findings"] = [{"severity": "info", "code": "id-generated"}]
    return doc


def check_plan(plan: Plan) -> None:
    """What the generator promises about its own data."""
    ids = expected_ids(plan)
    assert len(ids) == len(set(ids)), f"{plan.slug}: duplicate ids"
    assert 6 <= len(ids) <= 25, f"{plan.slug}: {len(ids)} actions"
    keys = {c.key for c in plan.columns}
    for _, _, a in all_actions(plan):
        status_family(a)
        for link in a.linked:
            assert link in ids, f"{plan.slug}: {a.id} links to unknown {link}"
        if a.linked or a.refs:
            assert plan.links, f"{plan.slug}: links given but not written"
        for c in plan.columns:
            if c.key == "extra":
                assert collapse(c.header) in a.extra, f"{plan.slug}: {a.id} lacks {c.header!r}"
        assert ("id" in keys or "idtitle" in keys) == (a.id is not None), f"{plan.slug}: id column vs ids"
    colour_only = any(a.colour and not collapse(a.status) for _, _, a in all_actions(plan))
    if colour_only:
        lost = {"tabs", "layout", "drawn-layout", "copied"} & set(plan.formats)
        assert not lost, f"{plan.slug}: colour-only statuses cannot survive {lost}"
    if "copied" in plan.formats:
        assert plan.outcome_style in ("none", "row"), f"{plan.slug}: text-only paste with an outcome column"
        assert "id" in keys
    assert len(set(plan.formats)) >= 2


# ----------------------------------------------------------------------------- table model


def cell_text(plan: Plan, col: Col, a: Action, o: Outcome | None = None, s: Section | None = None) -> str:
    key = col.key
    if key == "section":  # a label column: the section's title on every row of it
        return (s.title or "") if s else ""
    if key == "id":
        return a.printed or a.id or ""
    if key == "idtitle":
        return f"{a.printed or a.id}{plan.idtitle_sep}{a.title}"
    if key == "outcome":
        return (o.label or "") if o else ""
    if key == "extra":
        return a.extra[collapse(col.header)]
    return getattr(a, key) or ""


@dataclass
class Row:
    kind: str  # header | section | outcome | action
    cells: list[str] = field(default_factory=list)
    label: str = ""  # section/outcome rows: the spanning text
    colours: list[str | None] = field(default_factory=list)
    group_start: int = 0  # action rows, outcome column: rows in the group when this row starts it (0 = inside)


def blocks(plan: Plan) -> list[tuple[str, object]]:
    """The plan as a run of ("heading", text) and ("table", [Row]) blocks."""
    header = Row("header", [c.header for c in plan.columns])
    out_blocks: list[tuple[str, object]] = []
    rows: list[Row] = [header]
    for s in plan.sections:
        if plan.section_style == "heading" and s.heading:
            if len(rows) > 1:
                out_blocks.append(("table", rows))
            out_blocks.append(("heading", s.heading))
            rows = [Row("header", list(header.cells))]
        elif plan.section_style == "row" and s.heading:
            rows.append(Row("section", label=s.heading))
        for o in s.outcomes:
            if plan.outcome_style == "row" and o.label:
                rows.append(Row("outcome", label=o.label))
            for n, a in enumerate(o.actions):
                cells, colours = [], []
                for c in plan.columns:
                    if c.key == "outcome" and n > 0:
                        cells.append("")
                    else:
                        cells.append(cell_text(plan, c, a, o, s))
                    colours.append(a.colour if c.key == "status" else None)
                rows.append(Row("action", cells, colours=colours, group_start=len(o.actions) if n == 0 else 0))
    if len(rows) > 1:
        out_blocks.append(("table", rows))
    return out_blocks


# ----------------------------------------------------------------------------- Word


def render_docx(plan: Plan, path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    props = document.core_properties
    props.author = props.last_modified_by = "Public Health Team"
    props.title = plan.title
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    props.comments = props.keywords = props.subject = props.category = ""

    section = document.sections[0]
    if plan.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
    margin = Mm(15)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, margin)
    usable = section.page_width - 2 * margin
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(plan.font_size)
    normal.paragraph_format.space_after = Pt(2)
    for name in ("Title", "Heading 1", "Heading 2", "List Bullet"):
        document.styles[name].font.name = "Arial"

    section.header.paragraphs[0].text = plan.running_header or plan.org
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")

    document.add_paragraph(plan.title, style="Title")
    document.add_paragraph(plan.intro)
    if plan.legend:
        document.add_paragraph(plan.legend)

    def shade(cell, fill: str) -> None:  # type: ignore[no-untyped-def]
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shd)

    def fill(cell, text: str, bold: bool = False, header: bool = False) -> None:  # type: ignore[no-untyped-def]
        paragraph = cell.paragraphs[0]
        for i, line in enumerate(text.split("\n")):
            bullet = line.startswith("• ")
            if i > 0:
                if header:
                    paragraph.add_run().add_break()
                else:
                    paragraph = cell.add_paragraph()
            if bullet and plan.list_bullets:
                paragraph.style = document.styles["List Bullet"]
                line = line[2:]
            paragraph.add_run(line).bold = bold

    heading_style = "Heading 1" if any(s.number for s in plan.sections) else "Heading 2"
    total = sum(c.width for c in plan.columns)
    widths = [int(usable * c.width / total) for c in plan.columns]
    outcome_col = next((i for i, c in enumerate(plan.columns) if c.key == "outcome"), None)
    ncols = len(plan.columns)
    for kind, content in blocks(plan):
        if kind == "heading":
            document.add_paragraph(str(content), style=heading_style)
            continue
        rows: list[Row] = content  # type: ignore[assignment]
        table = document.add_table(rows=len(rows), cols=ncols)
        if plan.ruled:
            table.style = document.styles["Table Grid"]
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
            for cell in column.cells:
                cell.width = width
        merges: list[tuple[int, int, int, int]] = []
        for r, row in enumerate(rows):
            cells = table.rows[r].cells
            if row.kind == "header":
                trPr = table.rows[r]._tr.get_or_add_trPr()
                trPr.append(OxmlElement("w:tblHeader"))
                for cell, text in zip(cells, row.cells, strict=True):
                    fill(cell, text, bold=True, header=True)
                    if plan.ruled:
                        shade(cell, "D9E2F3")
            elif row.kind in ("section", "outcome"):
                fill(cells[0], row.label, bold=True)
                shade(cells[0], "F2F2F2" if row.kind == "section" else "FAFAFA")
                merges.append((r, 0, r, ncols - 1))
            else:
                for c, (cell, text) in enumerate(zip(cells, row.cells, strict=True)):
                    fill(cell, text)
                    if row.colours[c]:
                        shade(cell, FILLS[row.colours[c]])
                if outcome_col is not None and plan.outcome_style == "column" and row.group_start > 1:
                    merges.append((r, outcome_col, r + row.group_start - 1, outcome_col))
        for r0, c0, r1, c1 in merges:
            table.cell(r0, c0).merge(table.cell(r1, c1))
        document.add_paragraph()
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


def _field(paragraph, code: str) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None), ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _fixed_zip(data: bytes) -> bytes:
    """The same package with fixed member timestamps (python-docx stamps the current time)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return buffer.getvalue()


# ----------------------------------------------------------------------------- reportlab


def render_drawn(plan: Plan, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    # Bitstream Vera ships with reportlab and carries "•", "–" and "£" (the standard 14 fonts do not)
    for name, file in (("Vera", "Vera.ttf"), ("VeraBd", "VeraBd.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, file))
    size = plan.font_size - 0.5
    body = ParagraphStyle("body", fontName="Vera", fontSize=size, leading=size * 1.22)
    bold = ParagraphStyle("bold", parent=body, fontName="VeraBd")
    h1 = ParagraphStyle("h1", fontName="VeraBd", fontSize=12.5, leading=15, spaceBefore=8, spaceAfter=5)
    title_style = ParagraphStyle("title", fontName="VeraBd", fontSize=18, leading=22, spaceAfter=8)
    pagesize = landscape(A4) if plan.landscape else A4
    margin = 14 * mm
    usable = pagesize[0] - 2 * margin
    total = sum(c.width for c in plan.columns)
    widths = [usable * c.width / total for c in plan.columns]

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph("<br/>".join(html.escape(line) for line in text.split("\n")), style)

    story: list = [p(plan.title, title_style), p(plan.intro), Spacer(1, 3 * mm)]
    if plan.legend:
        story += [p(plan.legend), Spacer(1, 3 * mm)]
    for kind, content in blocks(plan):
        if kind == "heading":
            story.append(p(str(content), h1))
            continue
        rows: list[Row] = content  # type: ignore[assignment]
        ruled = plan.ruled if plan.drawn_ruled is None else plan.drawn_ruled
        gap = 3 if ruled else 6  # a borderless table keeps its columns apart by white space alone
        data, commands = (
            [],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), gap),
                ("RIGHTPADDING", (0, 0), (-1, -1), gap),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ],
        )
        if ruled:
            commands += [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9E2F3")),
            ]
        for r, row in enumerate(rows):
            if row.kind == "header":
                data.append([p(text, bold) for text in row.cells])
            elif row.kind in ("section", "outcome"):
                data.append([p(row.label, bold)] + [""] * (len(plan.columns) - 1))
                commands.append(("SPAN", (0, r), (-1, r)))
                if ruled:
                    commands.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#F2F2F2")))
            else:
                data.append([p(text) for text in row.cells])
                for c, colour in enumerate(row.colours):
                    if colour:
                        commands.append(("BACKGROUND", (c, r), (c, r), colors.HexColor("#" + FILLS[colour])))
        table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
        table.setStyle(TableStyle(commands))
        story += [table, Spacer(1, 5 * mm)]

    def furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("Vera", 7.5)
        width, height = pagesize
        canvas.drawString(margin, height - 9 * mm, plan.running_header or plan.org)
        canvas.drawRightString(width - margin, 8 * mm, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path),
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=plan.title,
        author=plan.org,
        creator="reportlab",
        producer="reportlab",
        invariant=1,
    )
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)


# ----------------------------------------------------------------------------- HTML

HTML_FILLS = {"red": "#ff0000", "amber": "#ffc000", "green": "#00b050", "blue": "#0070c0"}


def html_cell(plan: Plan, text: str) -> str:
    e = html.escape
    lines = text.split("\n")
    if not plan.html_lists or not any(line.startswith("• ") for line in lines):
        return "<br>".join(e(line) for line in lines)
    parts, items = [], []
    for line in [*lines, ""]:
        if line.startswith("• "):
            items.append(f"<li>{e(line[2:])}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if line:
            parts.append(e(line))
    return "".join(parts)


def render_html(plan: Plan) -> str:
    e = html.escape
    ncols = len(plan.columns)
    outcome_col = next((i for i, c in enumerate(plan.columns) if c.key == "outcome"), None)
    body: list[str] = []
    for kind, content in blocks(plan):
        if kind == "heading":
            body.append(f"<h2>{e(str(content))}</h2>")
            continue
        rows: list[Row] = content  # type: ignore[assignment]
        out_rows = []
        for row in rows:
            if row.kind == "header":
                cells = "".join(
                    f'<th scope="col">{"<br>".join(e(x) for x in h.split(chr(10)))}</th>' for h in row.cells
                )
                out_rows.append(f"<thead><tr>{cells}</tr></thead><tbody>")
            elif row.kind in ("section", "outcome"):
                out_rows.append(f'<tr class="{row.kind}"><td colspan="{ncols}">{e(row.label)}</td></tr>')
            else:
                cells = ""
                for c, text in enumerate(row.cells):
                    if c == outcome_col and plan.outcome_style == "column":
                        if row.group_start == 0:
                            continue
                        span = f' rowspan="{row.group_start}"' if row.group_start > 1 else ""
                        cells += f'<td class="outcome"{span}>{html_cell(plan, text)}</td>'
                        continue
                    style = f' style="background:{HTML_FILLS[row.colours[c]]}"' if row.colours[c] else ""
                    cells += f"<td{style}>{html_cell(plan, text)}</td>"
                out_rows.append(f"<tr>{cells}</tr>")
        cols = "".join(
            f'<col style="width:{100 * c.width / sum(x.width for x in plan.columns):.1f}%">' for c in plan.columns
        )
        body.append(f'<table class="plan"><colgroup>{cols}</colgroup>\n' + "\n".join(out_rows) + "\n</tbody></table>")
    border = "1px solid #6b6b6b" if plan.ruled else "none"
    legend = f"<p>{e(plan.legend)}</p>" if plan.legend else ""
    site = plan.org
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(plan.title)} - {e(site)}</title>
<style>
@page {{ size: A4 {"landscape" if plan.landscape else "portrait"}; margin: 12mm; }}
* {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; box-sizing: border-box; }}
body {{ font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: {plan.font_size}pt; color: #0b0c0c; margin: 0; }}
.cookie-banner {{ background: #f3f2f1; padding: 8px 16px; border-bottom: 2px solid #1d70b8; }}
.cookie-banner button {{ margin-right: 8px; }}
header.site {{ background: #003a69; color: #fff; padding: 10px 16px; }}
header.site a {{ color: #fff; }}
nav.primary ul {{ list-style: none; margin: 6px 0 0; padding: 0; }}
nav.primary li {{ display: inline; margin-right: 16px; }}
.breadcrumb {{ font-size: 9pt; padding: 6px 16px; }}
main {{ padding: 0 16px; }}
h1 {{ font-size: 20pt; margin: 10px 0; }}
h2 {{ font-size: 14pt; margin: 16px 0 6px; }}
table.plan {{ border-collapse: collapse; width: 100%; margin-bottom: 14px; }}
table.plan th, table.plan td {{ border: {border}; padding: 4px 5px; vertical-align: top; text-align: left; }}
table.plan thead th {{ background: #dfe8f1; }}
table.plan ul {{ margin: 2px 0 0 0; padding-left: 16px; }}
tr.section td {{ background: #e8e8e8; font-weight: bold; font-size: {plan.font_size + 1}pt; }}
tr.outcome td {{ background: #f6f6f6; font-weight: bold; font-style: italic; }}
footer.site {{ border-top: 2px solid #003a69; margin-top: 20px; padding: 10px 16px; font-size: 9pt; }}
footer.site ul {{ list-style: none; padding: 0; }}
footer.site li {{ display: inline; margin-right: 14px; }}
</style>
</head>
<body>
<div class="cookie-banner" role="region" aria-label="Cookies on {e(site)}">
<p>We use some essential cookies to make this website work. We'd also like to set analytics cookies to understand how you use the site.</p>
<button type="button">Accept analytics cookies</button><button type="button">Reject analytics cookies</button> <a href="/cookies">View cookies</a>
</div>
<a href="#main" class="skip">Skip to main content</a>
<header class="site">
<a href="/">{e(site)}</a>
<nav class="primary" aria-label="Main menu"><ul>
<li><a href="/bins">Bins and recycling</a></li><li><a href="/council-tax">Council tax</a></li>
<li><a href="/health">Health and wellbeing</a></li><li><a href="/schools">Schools and learning</a></li>
<li><a href="/search">Search</a></li></ul></nav>
</header>
<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/health">Health and wellbeing</a> &gt; <a href="/health/public-health">Public health</a></div>
<main id="main">
<h1>{e(plan.title)}</h1>
<p>{e(plan.intro)}</p>
{legend}
{chr(10).join(body)}
<p class="updated">Page last updated: 14 November 2024</p>
</main>
<footer class="site">
<ul><li><a href="/accessibility">Accessibility statement</a></li><li><a href="/privacy">Privacy notice</a></li>
<li><a href="/contact">Contact us</a></li><li><a href="/cookies">Cookies</a></li></ul>
<p>&copy; {e(site)} 2025</p>
</footer>
</body>
</html>
"""


# ----------------------------------------------------------------------------- text pastes


def render_tabs(plan: Plan) -> str:
    """Pasted from a spreadsheet or Word: tab between cells, quoted multi-line cells."""

    def q(text: str) -> str:
        if "\n" in text or '"' in text or "\t" in text:
            return '"' + text.replace('"', '""') + '"'
        return text

    ncols = len(plan.columns)
    lines = [plan.title, ""]
    for kind, content in blocks(plan):
        if kind == "heading":
            lines += [str(content), ""]
            continue
        for row in content:  # type: ignore[attr-defined]
            if row.kind in ("section", "outcome"):
                lines.append(q(row.label) + "\t" * (ncols - 1))
            else:
                lines.append("\t".join(q(text) for text in row.cells))
        lines.append("")
    return "\n".join(lines)


def render_copied(plan: Plan) -> str:
    """A web page's text copied with single spaces between cells: one line a row, columns lost."""
    lines = ["Skip to main content", plan.org, "Home > Health and wellbeing > Public health", "", plan.title, "",
             plan.intro, ""]  # fmt: skip
    for kind, content in blocks(plan):
        if kind == "heading":
            lines += [str(content), ""]
            continue
        for row in content:  # type: ignore[attr-defined]
            if row.kind in ("section", "outcome"):
                lines.append(row.label)
            else:
                lines.append(" ".join(collapse(text) for text in row.cells if collapse(text)))
        lines.append("")
    lines += ["Page last updated: 14 November 2024", "", "Accessibility statement Privacy notice Contact us Cookies",
              f"© {plan.org} 2025"]  # fmt: skip
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- external tools


def tool(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def fix_pdf(path: Path, salt: str) -> None:
    """Overwrite the creation/modification dates and the document id with fixed values of the same
    length, so that rebuilding gives the same bytes (offsets in the xref table stay valid)."""
    data = path.read_bytes()
    stamp = b"20250106090000"

    def date(match: re.Match[bytes]) -> bytes:
        digits = iter(stamp)
        value = bytes(next(digits, ord("0")) if 48 <= ch <= 57 else ch for ch in match.group(2))
        return match.group(1) + value + b")"

    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)([^)]*)\)", date, data)
    data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", b"2025-01-06T09:00:00", data)
    fixed = hashlib.md5(salt.encode()).hexdigest().upper().encode()

    def ident(match: re.Match[bytes]) -> bytes:
        hexes = match.group(0)
        return re.sub(rb"<([0-9A-Fa-f]+)>", lambda m: b"<" + (fixed * 4)[: len(m.group(1))] + b">", hexes)

    data = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]", ident, data)
    data = re.sub(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)", lambda m: m.group(1) + (fixed * 4)[: len(m.group(2))], data)
    path.write_bytes(data)


def docx_to_pdf(docx_path: Path, pdf_path: Path) -> bool:
    soffice = tool("soffice", "libreoffice")
    if soffice is None:
        print(f"  skip {pdf_path.name}: LibreOffice (soffice) not found; keeping any committed copy")
        return False
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(docx_path)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        shutil.move(str(Path(tmp) / (docx_path.stem + ".pdf")), pdf_path)
    fix_pdf(pdf_path, pdf_path.parent.name + pdf_path.name)
    return True


def html_to_pdf(html_path: Path, pdf_path: Path) -> bool:
    chromium = tool("chromium", "chromium-browser", "google-chrome")
    if chromium is None:
        print(f"  skip {pdf_path.name}: Chromium not found; keeping any committed copy")
        return False
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.pdf"
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer", f"--print-to-pdf={out}",
             html_path.resolve().as_uri()],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        shutil.move(str(out), pdf_path)
    fix_pdf(pdf_path, pdf_path.parent.name + pdf_path.name)
    return True


def pdf_to_layout(pdf_path: Path, txt_path: Path) -> bool:
    pdftotext = tool("pdftotext")
    if pdftotext is None:
        print(f"  skip {txt_path.name}: pdftotext (poppler-utils) not found; keeping any committed copy")
        return False
    if not pdf_path.exists():
        print(f"  skip {txt_path.name}: {pdf_path.name} was not built")
        return False
    subprocess.run([pdftotext, "-layout", "-enc", "UTF-8", str(pdf_path), str(txt_path)], check=True)
    return True


# ----------------------------------------------------------------------------- case folder

RENDERINGS = {
    "docx": "plan.docx",
    "soffice": "plan.pdf",
    "drawn": "plan-drawn.pdf",
    "html": "plan.html",
    "browser": "plan-browser.pdf",
    "tabs": "plan-pasted-tabs.txt",
    "layout": "plan-layout.txt",
    "drawn-layout": "plan-drawn-layout.txt",
    "copied": "plan-copied-text.txt",
}
HOW = {
    "docx": "Word document written by python-docx (merged cells by `merge()`, RAG shading by `w:shd`)",
    "soffice": "plan.docx converted to PDF by LibreOffice (`soffice --headless --convert-to pdf`)",
    "drawn": "PDF drawn with reportlab",
    "html": "council web page (cookie banner, navigation, breadcrumb, footer) holding the plan",
    "browser": "plan.html printed to PDF by headless Chromium (`--print-to-pdf`, no header/footer)",
    "tabs": "the plan pasted from Excel/Word into a text file: a tab between cells, multi-line cells in double quotes",
    "layout": "`pdftotext -layout` of plan.pdf",
    "drawn-layout": "`pdftotext -layout` of plan-drawn.pdf",
    "copied": "the web page's text copied with single spaces between cells (columns lost; text-only rendering)",
}


class Dumper(yaml.SafeDumper):
    """Actions as block mappings; sections, outcomes, extra and lists of ids inline."""


class Block(dict):
    pass


Dumper.add_representer(
    Block, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=False)
)


def write_case(plan: Plan) -> None:
    check_plan(plan)
    folder = PLANS / plan.slug
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{plan.slug}:")
    with tempfile.TemporaryDirectory() as tmp:
        formats = plan.formats
        if "docx" in formats or "soffice" in formats:
            docx_path = folder / "plan.docx" if "docx" in formats else Path(tmp) / "plan.docx"
            render_docx(plan, docx_path)
            if "soffice" in formats:
                docx_to_pdf(docx_path, folder / "plan.pdf")
        if "html" in formats or "browser" in formats:
            html_path = folder / "plan.html" if "html" in formats else Path(tmp) / "plan.html"
            html_path.write_text(render_html(plan), encoding="utf-8")
            if "browser" in formats:
                html_to_pdf(html_path, folder / "plan-browser.pdf")
        if "drawn" in formats:
            render_drawn(plan, folder / "plan-drawn.pdf")
        if "tabs" in formats:
            (folder / "plan-pasted-tabs.txt").write_text(render_tabs(plan), encoding="utf-8")
        if "copied" in formats:
            (folder / "plan-copied-text.txt").write_text(render_copied(plan), encoding="utf-8")
        if "layout" in formats:
            pdf_to_layout(folder / "plan.pdf", folder / "plan-layout.txt")
        if "drawn-layout" in formats:
            pdf_to_layout(folder / "plan-drawn.pdf", folder / "plan-drawn-layout.txt")

    doc = expected_doc(plan)
    head = (
        f"# {plan.title}\n"
        "# Generated by tests/corpus/generate_plans.py from the plan's own data (the same data the\n"
        "# renderings draw), by the rules of tests/corpus/README.md. Do not edit by hand: edit the\n"
        "# script and rebuild.\n"
    )
    text = head + yaml.dump(
        doc, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=None
    )
    assert yaml.safe_load(text) == doc
    (folder / "expected.yaml").write_text(text, encoding="utf-8")
    (folder / "SOURCE.md").write_text(source_md(plan, doc), encoding="utf-8")
    for name in [*doc["renderings"], "expected.yaml", "SOURCE.md"]:
        file = folder / name
        if file.exists():
            assert file.stat().st_size < MAX_BYTES, f"{file} is over 300 KB"
            print(f"  {name:24} {file.stat().st_size:>7} bytes")
        else:
            print(f"  {name:24} MISSING (tool not available)")


def layout_note(plan: Plan, fmt: str) -> str:
    orientation = "landscape" if plan.landscape else "portrait"
    if fmt == "docx":
        return f"; A4 {orientation}, {'ruled' if plan.ruled else 'no borders'}"
    if fmt == "drawn":
        ruled = plan.ruled if plan.drawn_ruled is None else plan.drawn_ruled
        coloured = any(a.colour for _, _, a in all_actions(plan))
        return f"; A4 {orientation}, {'ruled' if ruled else 'borderless'}" + (
            ", filled rectangles behind the RAG cells" if coloured else ""
        )
    if fmt == "browser":
        return f"; A4 {orientation}, backgrounds printed"
    return ""


def source_md(plan: Plan, doc: dict) -> str:
    lines = [
        f"# {plan.slug}: {plan.title}",
        "",
        "Generated, not a real document: an invented plan written as data in",
        "`tests/corpus/generate_plans.py` (content made up for the corpus, no council's wording), drawn",
        "into each rendering below, with `expected.yaml` written from the same data by the rules of",
        "`tests/corpus/README.md` (never by running the pipeline).",
        "",
        f"{len(doc['actions'])} actions, {len(doc['sections'])} sections, {len(doc['outcomes'])} outcomes.",
        "",
        "## What it varies",
        "",
        *[f"- {v}" for v in plan.varies],
        "",
        "## Renderings",
        "",
        *[f"- `{RENDERINGS[f]}`: {HOW[f]}{layout_note(plan, f)}" for f in plan.formats],
        "",
        "## Rebuild",
        "",
        "From the repository root: `.venv/bin/python tests/corpus/generate_plans.py " + plan.slug + "`",
        "(LibreOffice, Chromium and poppler's pdftotext on the PATH for the PDF and layout renderings;",
        "a missing tool skips its renderings and leaves the committed copies as they are).",
        "",
    ]
    return "\n".join(lines)


# ============================================================================= the plans


def tobacco() -> Plan:
    """Flat ids with gaps under unnumbered headings, one Word table per heading."""
    S = "Not started", "In progress", "Complete"
    cols = [Col("No.", "id", 6), Col("Action", "text", 52), Col("Lead", "lead", 18), Col("By when?", "timescale", 12),
            Col("Status", "status", 12)]  # fmt: skip
    sections = [
        sec("1", "Stopping the start", "Stopping the start",
            A("Deliver the secondary school smokefree education programme, including the new module on vaping, to all Year 8 pupils in the borough",
              "1", status=S[1], lead="Public Health / Education Improvement", timescale="July 2025"),
            A("Work with the youth service to train detached youth workers to give brief advice on smoking and vaping",
              "2", status=S[2], lead="Youth Service", timescale="March 2025"),
            A("Run a social marketing campaign aimed at 16-24 year olds, co-produced with the Youth Council, focussing on the cost of smoking and on the tactics the tobacco industry uses to recruit new smokers",
              "4", status=S[0], lead="Communications Team", timescale="Autumn 2025")),
        sec("2", "Supporting smokers to quit", "Supporting smokers to quit",
            A("Commission a specialist stop smoking service with a targetted offer for routine and manual workers, people living in social housing and people with a serious mental illness",
              "5", status=S[1], lead="Public Health Commissioning", timescale="April 2025"),
            A("Deliver very brief advice training to:\n• GP practice staff\n• community pharmacists\n• midwives and health visitors\n• social prescribing link workers",
              "7", status=S[1], lead="Stop Smoking Service", timescale="Quarterly from June 2024"),
            A("Make sure every patient admitted to the acute trust who smokes is offered treatment for tobacco dependence on the ward and is referred to community support on discharge",
              "8", status=S[2], lead="Acute Trust Tobacco Dependence Team", timescale="December 2024"),
            A("Make e-cigarette starter kits available through the stop smoking service as part of the national Swap to Stop scheme",
              "9", status=S[2], lead="Stop Smoking Service", timescale="June 2024")),
        sec("3", "Smokefree environments", "Smokefree environments",
            A("Extend voluntary smokefree zones to the outside areas of all children's centres, play parks and the market square, with new signage designed with local schools",
              "11", status=S[0], lead="Parks and Open Spaces", timescale="September 2025"),
            A("Encourage social housing providers to adopt a smokefree homes pledge and make sure tenants recieve information about support to quit when they sign a new tenancy",
              "12", status=S[1], lead="Housing Strategy", timescale="March 2026")),
        sec("4", "Enforcement and illicit tobacco", "Enforcement and illicit tobacco",
            A("Carry out test purchasing of tobacco and vapes at retailers identified through intelligence, and follow up every failed test with an advisory visit",
              "14", status=S[1], lead="Trading Standards", timescale="Ongoing"),
            A("Share intelligence on illicit tobacco with HMRC and the police through the regional tobacco control network",
              "15", status=S[1], lead="Trading Standards", timescale="Quarterly"),
            A("Publish a route for reporting illicit tobacco on the council website and promote it through community champions",
              "17", status=S[0], lead="Trading Standards / Communications", timescale="January 2025")),
    ]  # fmt: skip
    return Plan(
        slug="gen_flat_gapped_ids_unnumbered_headings",
        varies=[
            "ids: flat numbers with gaps (1, 2, 4, 5, 7, 8, 9, 11, 12, 14, 15, 17), as left after actions were removed",
            "hierarchy: unnumbered headings between tables (sections numbered 1-4 by position), one table per heading",
            "columns: No. | Action | Lead | By when? | Status",
            "status vocabulary: Not started / In progress / Complete",
            "a bulleted list inside a cell (typed bullets, one paragraph a line); a typo kept (recieve, targetted)",
            "portrait A4, ruled Word table with a repeated header row",
            "topic: tobacco control",
        ],
        title="Tobacco Control Delivery Plan 2024-2027",
        intro="This delivery plan sets out what the Smokefree Alliance partners will do over the next three years. "
        "Progress is reported to the Health and Wellbeing Board every six months.",
        columns=cols,
        sections=sections,
        formats=["docx", "soffice", "tabs"],
        section_style="heading",
        org="Kelbrook Borough Council",
        running_header="Smokefree Kelbrook",
    )


def suicide_prevention() -> Plan:
    """Two-part ids, numbered theme rows spanning one long table, RAG words on coloured cells."""
    cols = [Col("Ref", "id", 5), Col("Action", "text", 33), Col("Lead officer / organisation", "lead", 14),
            Col("Timescale", "timescale", 9), Col("Progress (RAG)", "status", 8), Col("Update Q3 2024/25", "update", 20),
            Col("Links", "links", 11)]  # fmt: skip

    def rag(word: str) -> str:
        return word.lower()

    def act(id_, text, lead, when, status, update, links="", linked=(), refs=()):  # type: ignore[no-untyped-def]
        return A(text, id_, status=status, colour=rag(status), lead=lead, timescale=when, update=update, links=links,
                 linked=list(linked), refs=list(refs))  # fmt: skip

    sections = [
        sec("1", "Data and intelligence", "Theme 1: Data and intelligence",
            act("1.1", "Maintain a real-time surveillance system for suspected suicides with the police and the coroner, and circulate a monthly summary to the multi-agency steering group",
                "Public Health Intelligence", "Ongoing", "Green",
                "Monthly summaries issued since April; data sharing agreement with the coroner signed in October.",
                "National Suicide Prevention Strategy Action 1.2", refs=["National Suicide Prevention Strategy Action 1.2"]),
            act("1.2", "Complete a local suicide audit covering deaths registered 2021-2023 and publish the key findings",
                "Public Health Intelligence", "March 2025", "Amber",
                "Audit 80% complete. Delay in receiving inquest records from one coroner area."),
            act("1.3", "Set up a process for rapid review of suspected clusters and contagion risk, including an agreed communication protocol for schools and colleges",
                "Director of Public Health", "June 2025", "Green", "Draft protocol agreed by the steering group in November.",
                "Dependent on 1.2 being completed", linked=["1.2"])),
        sec("2", "Reducing access to means", "Theme 2: Reducing access to means",
            act("2.1", "Identify locations of concern through the real-time surveillance data and complete site assessments with landowners, including the multi-storey car parks in the town centre",
                "Community Safety Partnership", "September 2025", "Amber",
                "Two of five site assessments complete. Network Rail visit moved to February.", "See also 1.1", linked=["1.1"]),
            act("2.2", "Work with community pharmacies and GP practices to reduce the quantity of medicines held at home by people at risk, including a safe disposal campaign",
                "ICB Medicines Optimisation", "December 2025", "Red", "No progress this quarter - lead post vacant."),
            act("2.3", "Deliver training to staff working at high-frequency locations (rail stations, bridges, coastal paths) on how to recognise and approach a person in distress",
                "Samaritans / Network Rail", "March 2026", "Green", "48 staff trained to date.")),
        sec("3", "Support for people bereaved or affected by suicide", "Theme 3: Support for people bereaved or affected by suicide",
            act("3.1", "Commission a postvention service offering timely, practical and emotional support to anyone bereaved by suicide, whatever their relationship to the person who died",
                "Public Health Commissioning", "April 2025", "Green", "Contract awarded; service live from 1 January."),
            act("3.2", "Distribute the Help is at Hand resource through police family liaison officers, funeral directors and GP practices",
                "Suicide Bereavement Service", "Ongoing", "Green", "Reprint ordered.", "See also 3.1", linked=["3.1"]),
            act("3.3", "Develop a support offer for schools and workplaces after a suspected suicide, linked to the cluster response protocol",
                "Educational Psychology Service", "September 2025", "Amber", "Scoping started; capacity in the service is limited.",
                "Dependent on 1.3 being completed", linked=["1.3"])),
        sec("4", "Tailored support for groups at higher risk", "Theme 4: Tailored support for groups at higher risk",
            act("4.1", "Train frontline staff in debt advice, housing and job centres in suicide awareness, prioritising services that see men in mid-life",
                "Public Health / DWP", "March 2025", "Green", "Four sessions delivered (61 staff)."),
            act("4.2", "Work with the mental health trust so that people who attend A&E after self-harm recieve a psychosocial assessment and a follow-up contact within 72 hours of discharge",
                "Mental Health Trust", "December 2025", "Amber", "Follow-up within 72 hours at 71% (target 90%).",
                "NICE NG225 recommendation 1.4; QS34 statement 2", refs=["NICE NG225 recommendation 1.4"]),
            act("4.3", "Co-produce a campaign with local sports clubs and barbers encouraging men to talk about their mental health",
                "Public Health / Active Partnership", "Summer 2025", "Red", "Funding bid unsuccessful; other sources being explored."),
            act("4.4", "Deliver suicide prevention training to autism and learning disability support providers and review reasonable adjustments in crisis pathways",
                "Learning Disability Partnership Board", "March 2026", "Green", "Course adapted with experts by experience.",
                "See also 2.3", linked=["2.3"]),
            act("4.5", "Make sure people in contact with the criminal justice system, including those leaving prison, can get mental health support and have a named contact on release",
                "Probation Service", "December 2025", "Amber", "Pathway drafted; awaiting sign off by the Reducing Reoffending Board.",
                "National Suicide Prevention Strategy Action 4.1", refs=["National Suicide Prevention Strategy Action 4.1"])),
    ]  # fmt: skip
    return Plan(
        slug="gen_two_part_ids_theme_rows_html_text_only",
        varies=[
            "ids: two-part (1.1, 1.2, ... 4.5)",
            "hierarchy: numbered theme rows spanning the whole table (`Theme 2: Reducing access to means`, a colspan row)",
            "columns: Ref | Action | Lead officer / organisation | Timescale | Progress (RAG) | Update Q3 2024/25 | Links",
            "status: Red / Amber / Green written in the cell and the cell coloured too (the word is the status); "
            "the free-text update column beside it is `update`",
            "links: `See also 1.1`, `Dependent on 1.2 being completed` (local); outside citations whose numbers match "
            "local ids (`National Suicide Prevention Strategy Action 4.1`, `... Action 1.2`) and "
            "`NICE NG225 recommendation 1.4` stays an external_ref; `QS34 statement 2` is a NICE quality statement "
            "(quality_statements), as in every plan",
            "one table for the whole plan; web page chrome (cookie banner, navigation, breadcrumb, footer); "
            "landscape browser print with the header row repeated on each page",
            "a text-only rendering: the page's text copied with single spaces between cells",
            "topic: suicide prevention",
        ],
        title="Suicide Prevention Action Plan 2024-2027: progress at Quarter 3",
        intro="Partners in the Suicide Prevention Partnership agreed this action plan in April 2024. "
        "The table shows each action, who leads it and progress at the end of December 2024.",
        columns=cols,
        sections=sections,
        formats=["html", "browser", "copied"],
        section_style="row",
        links=True,
        landscape=True,
        font_size=9.5,
        org="Harnford City Council",
    )


def cyp_wellbeing() -> Plan:
    """Three-part ids under objective rows (merged across), numbered headings, landscape Word."""
    cols = [Col("Action No.", "id", 8), Col("What we will do", "text", 44), Col("Who", "lead", 15), Col("When", "timescale", 10),
            Col("Status", "status", 9), Col("Links to other actions", "links", 14)]  # fmt: skip

    def act(id_, text, who, when, status, links="", linked=(), refs=()):  # type: ignore[no-untyped-def]
        return A(text, id_, status=status, lead=who, timescale=when, links=links, linked=list(linked), refs=list(refs))

    sections = [
        sec("1", "Early help in schools and colleges", "1. Early help in schools and colleges",
            out("1.1", "Pupils know where to get help early", "Objective 1.1 – Pupils know where to get help early",
                act("1.1.1", "Extend the Mental Health Support Teams so that every secondary school and at least half of primary schools are covered",
                    "ICB / Education", "September 2026", "On track", "NHS Long Term Plan 3.2", refs=["NHS Long Term Plan 3.2"]),
                act("1.1.2", "Publish a single directory of emotional wellbeing support for young people, written with young people, and keep it up to date every term",
                    "Public Health", "January 2025", "At risk", "See also 2.1.1", linked=["2.1.1"]),
                act("1.1.3", "Provide a termly network meeting for senior mental health leads in schools, covering:\n• whole school approaches\n• early signs of anxiety and low mood\n• referral routes into CAMHS",
                    "Educational Psychology", "Termly", "On track")),
            out("1.2", "Staff in schools are confident to respond to emotional distress",
                "Objective 1.2 – Staff in schools are confident to respond to emotional distress",
                act("1.2.1", "Offer Youth Mental Health First Aid training to all school staff, prioritising pastoral teams and teaching assistants",
                    "Public Health", "March 2025", "On track"),
                act("1.2.2", "Pilot a reflective supervision offer for designated mental health leads in ten schools and evaluate its effect on staff confidence and retention",
                    "Educational Psychology", "July 2025", "Not started", "Links to 1.2.1", linked=["1.2.1"]))),
        sec("2", "Timely access to specialist support", "2. Timely access to specialist support",
            out("2.1", "Waiting times for specialist services are reduced", "Objective 2.1 – Waiting times for specialist services are reduced",
                act("2.1.1", "Introduce a single point of access for all referrals to children's emotional wellbeing and mental health services, with a response to every referral within five working days",
                    "CAMHS", "April 2025", "Off track", "Core20PLUS5", refs=["Core20PLUS5"]),
                act("2.1.2", "Commission additonal online counselling capacity during the school holidays",
                    "ICB", "June 2025", "On track", "Dependent on 2.1.1 being completed", linked=["2.1.1"]),
                act("2.1.3", "Review the eating disorder pathway against the national access and waiting time standard and agree an improvement plan with the provider",
                    "ICB / CAMHS", "December 2025", "At risk")),
            out("2.2", "Young people in crisis get the right response", "Objective 2.2 – Young people in crisis get the right response",
                act("2.2.1", "Establish a crisis and home treatment offer for under 18s, available 24 hours a day, seven days a week",
                    "Mental Health Trust", "March 2026", "At risk", "NHS Long Term Plan 3.2", refs=["NHS Long Term Plan 3.2"]),
                act("2.2.2", "Agree a joint protocol between children's social care, CAMHS and the paediatric wards for young people admitted in crisis, so that no young person waits on a ward for longer than necessary while a suitable placement is found",
                    "Children's Social Care", "September 2025", "Off track", "See also 2.2.1", linked=["2.2.1"]))),
        sec("3", "Children and young people in vulnerable groups", "3. Children and young people in vulnerable groups",
            out("3.1", "Children in care and care leavers have their emotional health needs met",
                "Objective 3.1 – Children in care and care leavers have their emotional health needs met",
                act("3.1.1", "Use the Strengths and Difficulties Questionnaire for every child in care and act on high scores through the virtual school and the children in care health team",
                    "Virtual School", "Ongoing", "On track"),
                act("3.1.2", "Develop a dedicated emotional wellbeing offer for care leavers up to the age of 25",
                    "Leaving Care Service", "March 2025", "Not started", "Core20PLUS5", refs=["Core20PLUS5"])),
            out("3.2", "Neurodivergent young people and young people with SEND are supported while they wait for assessment",
                "Objective 3.2 – Neurodivergent young people and young people with SEND are supported while they wait for assessment",
                act("3.2.1", "Provide a 'waiting well' offer to families waiting for an autism or ADHD assessment, including parent workshops and sleep support",
                    "Parent Carer Forum / CAMHS", "September 2025", "On track"),
                act("3.2.2", "Train SENCOs to recognise anxiety and emotionally based school avoidance and agree a consistant graduated response across schools",
                    "SEND Team", "July 2025", "At risk", "Links to 1.2.1 and 1.1.3", linked=["1.2.1", "1.1.3"]))),
    ]  # fmt: skip
    return Plan(
        slug="gen_three_part_ids_objective_rows_landscape",
        varies=[
            "ids: three-part (1.1.1 ... 3.2.2)",
            "hierarchy: numbered headings (`1. Early help in schools and colleges`) between tables, and "
            "`Objective 1.1 – ...` label rows merged across the table (outcomes)",
            "columns: Action No. | What we will do | Who | When | Status | Links to other actions",
            "status vocabulary: On track / At risk / Off track / Not started",
            "links: `See also 2.1.1`, `Links to 1.2.1 and 1.1.3`, `Dependent on 2.1.1 being completed`; outside: "
            "`NHS Long Term Plan 3.2` (a number that looks like a local outcome), `Core20PLUS5`",
            "landscape A4 Word, ruled, one table per section; a bulleted cell; typos kept (additonal, consistant)",
            "pdftotext -layout of the LibreOffice PDF",
            "topic: children and young people's emotional wellbeing",
        ],
        title="Children and Young People's Emotional Wellbeing and Mental Health Action Plan",
        intro="This plan is owned by the Children and Young People's Partnership Board. Each objective has a named "
        "lead and the board reviews the status of every action each quarter.",
        columns=cols,
        sections=sections,
        formats=["docx", "soffice", "layout"],
        section_style="heading",
        outcome_style="row",
        links=True,
        landscape=True,
        org="Ashdown County Council",
        running_header="CYP Emotional Wellbeing Action Plan - working draft v4",
    )


def alcohol() -> Plan:
    """Letter-prefixed ids, unnumbered headings, the RAG given only by the colour of an empty cell."""
    cols = [Col("Ref", "id", 6), Col("Action", "text", 56), Col("Lead", "lead", 18), Col("Target date", "timescale", 12),
            Col("RAG", "status", 8)]  # fmt: skip

    def act(id_, text, lead, when, colour):  # type: ignore[no-untyped-def]
        return A(text, id_, colour=colour, lead=lead, timescale=when)

    sections = [
        sec("1", "Prevention and early identification", "Prevention and early identification",
            act("A1", "Deliver Identification and Brief Advice (IBA) training to frontline staff in primary care, housing and the fire service",
                "Public Health", "March 2025", "red"),
            act("A2", "Add alcohol screening using AUDIT-C to the NHS Health Check and monitor how many people score eight or more",
                "Public Health / GP Federation", "September 2024", "green"),
            act("A3", "Run 'Dry January' and 'Sober October' campaigns with local employers, and evaluate sign-ups by postcode",
                "Communications", "January 2025", "blue"),
            act("A4", "Work with maternity services so that every pregnant woman is asked about alcohol at booking and offered support where needed",
                "Maternity Services", "December 2024", "amber")),
        sec("2", "Treatment and recovery", "Treatment and recovery",
            act("B1", "Recomission the community alcohol treatment service with a stronger focus on outreach to dependent drinkers who are not in treatment",
                "Public Health Commissioning", "April 2025", "green"),
            act("B2", "Introduce an Alcohol Care Team at the acute hospital, providing seven-day specialist cover and assertive follow-up of people who attend frequently",
                "Acute Trust", "October 2025", "amber"),
            act("B3", "Develop a peer mentor programme with people in recovery, including a route into paid employment",
                "Recovery Service", "July 2025", None),
            act("B4", "Make sure the dual diagnosis protocol is used by mental health and alcohol services, with joint case reviews every month",
                "Mental Health Trust", "Ongoing", "red")),
        sec("3", "Licensing and the night-time economy", "Licensing and the night-time economy",
            act("C1", "Use local alcohol harm data in representations on licensing applications in the cumulative impact areas",
                "Licensing / Public Health", "Ongoing", "green"),
            act("C2", "Support the Safe Space in the town centre on Friday and Saturday nights with volunteers and paramedics",
                "Community Safety", "December 2024", "blue"),
            act("C3", "Assess the case for a minimum unit price for alcohol and report the findings to the Health and Wellbeing Board",
                "Director of Public Health", "March 2026", "amber")),
    ]  # fmt: skip
    return Plan(
        slug="gen_letter_prefix_ids_colour_only_rag",
        varies=[
            "ids: letter-prefixed (A1-A4, B1-B4, C1-C3)",
            "hierarchy: unnumbered headings (Heading 2) between tables, sections numbered 1-3 by position",
            "columns: Ref | Action | Lead | Target date | RAG",
            "status given only by the colour of an empty RAG cell (Word `w:shd` fill; a filled rectangle in both PDFs): "
            "status_raw null, status_family from the colour, status_source colour; one action (B3) not yet rated "
            "(no colour, no word: status null)",
            "a RAG key paragraph above the tables",
            "Word portrait ruled + its LibreOffice PDF + a borderless reportlab PDF of the same plan",
            "typo kept (Recomission); topic: alcohol harm",
        ],
        title="Reducing Alcohol Harm: Partnership Action Plan",
        intro="The Alcohol Harm Reduction Group monitors this plan. Each action is given a RAG rating at every meeting.",
        legend="RAG key: red - not on track and needs attention; amber - some risk to delivery; green - on track; "
        "blue - complete.",
        columns=cols,
        sections=sections,
        formats=["docx", "soffice", "drawn"],
        section_style="heading",
        ruled=True,
        drawn_ruled=False,
        org="Mereside Metropolitan Borough Council",
        running_header="Alcohol Harm Reduction Group",
    )


def dementia() -> Plan:
    """SP-prefixed ids, a Domain label column, BRAG words on coloured cells, borderless landscape."""
    cols = [Col("Domain", "section", 10), Col("Ref", "id", 6), Col("Action", "text", 40), Col("Lead", "lead", 14),
            Col("Timescale", "timescale", 9), Col("BRAG", "status", 6), Col("Measure of success", "extra", 15)]  # fmt: skip

    def act(id_, domain, text, lead, when, brag, measure):  # type: ignore[no-untyped-def]
        return A(text, id_, status=brag, colour=brag.lower(), lead=lead, timescale=when,
                 extra={"Measure of success": measure}, family=domain and None)  # fmt: skip

    actions = [
        act("SP1.1", "Preventing well", "Promote the message that what is good for your heart is good for your head through the NHS Health Check, including the dementia risk reduction element for people aged 65 to 74",
            "Public Health", "March 2025", "Green", "Health Check uptake in 65-74 year olds"),
        act("SP1.2", "Preventing well", "Include hearing loss and social isolation in the local dementia risk reduction campaign",
            "Public Health / Audiology", "June 2025", "Amber", "Campaign reach; referrals to audiology"),
        act("SP2.1", "Diagnosing well", "Raise the dementia diagnosis rate to the national ambition of 66.7% by supporting the practices with the lowest rates to review their registers",
            "ICB Primary Care", "March 2025", "Red", "Diagnosis rate at or above 66.7%"),
        act("SP2.2", "Diagnosing well", "Reduce the wait from referral to diagnosis at the memory assessment service to under 12 weeks",
            "Mental Health Trust", "December 2025", "Amber", "Median wait under 12 weeks"),
        act("SP2.3", "Diagnosing well", "Pilot diagnosis in care homes using the DiADeM tool with GPs and care home staff",
            "ICB / Care Home Support Team", "September 2024", "Blue", "Number of residents diagnosed"),
        act("SP3.1", "Supporting well", "Offer every newly diagnosed person and their carer a named dementia adviser and a care plan agreed within six weeks of diagnosis",
            "Dementia Advice Service", "Ongoing", "Green", "% with a care plan within six weeks"),
        act("SP3.2", "Supporting well", "Commission respite and short breaks for carers of people with dementia, including a flexible sitting service for evenings and weekends so that carers can keep working or take a proper break",
            "Adult Social Care Commissioning", "April 2025", "Amber", "Carer survey: able to take a break"),
        act("SP3.3", "Supporting well", "Review the crisis response for people with dementia to reduce avoidable hospital admissions",
            "Mental Health Trust / Acute Trust", "March 2026", "Green", "Emergency admissions of people with dementia"),
        act("SP4.1", "Living well", "Support towns to become Dementia Friendly Communities and recruit 500 new Dementia Friends across council services",
            "Dementia Action Alliance", "December 2025", "Green", "Number of Dementia Friends"),
        act("SP4.2", "Living well", "Make leisure centres, libraries and museums more accesible for people with dementia, including dementia-friendly swimming sessions",
            "Leisure and Culture", "March 2025", "Blue", "Sessions offered each month"),
        act("SP5.1", "Dying well", "Make sure advance care planning conversations are offered to people with dementia while they can still take a full part in them",
            "Hospice / Primary Care", "Ongoing", "Amber", "% with an advance care plan recorded"),
        act("SP5.2", "Dying well", "Train care home staff in end of life care for people with advanced dementia, using the Gold Standards Framework",
            "Hospice Education Team", "June 2025", "Red", "Care homes with GSF accreditation"),
    ]  # fmt: skip
    return Plan(
        slug="gen_sp_prefix_domain_column_brag_borderless",
        varies=[
            "ids: prefixed two-part (SP1.1 ... SP5.2)",
            "hierarchy: a Domain label column repeated on every row of its domain: the domains are the sections "
            "(numbered 1-5 by position), as the ids SP1.x-SP5.x follow them",
            "columns: Domain | Ref | Action | Lead | Timescale | BRAG | Measure of success",
            "status vocabulary: Blue / Red / Amber / Green written in a coloured cell",
            "reportlab PDF: landscape, borderless (no ruling lines at all), coloured rectangles behind the BRAG cells; "
            "its pdftotext -layout text; the same plan pasted from Excel with tabs",
            "typo kept (accesible); topic: dementia",
        ],
        title="Living Well with Dementia: Delivery Plan 2024-26",
        intro="The plan follows the five domains of the Well Pathway for Dementia. BRAG: Blue = complete, Red = "
        "significant delay, Amber = minor delay, Green = on track.",
        columns=cols,
        sections=[
            sec(str(n), domain, None, *[a for a in actions if a.id.startswith(f"SP{n}.")])
            for n, domain in enumerate(
                ["Preventing well", "Diagnosing well", "Supporting well", "Living well", "Dying well"], 1
            )
        ],
        formats=["drawn", "drawn-layout", "tabs"],
        landscape=True,
        ruled=False,
        org="Thornleigh District Council",
        running_header="Dementia Partnership Board",
    )


def healthy_weight() -> Plan:
    """No ids, numbered headings, a short Action title beside a Description, Word list bullets."""
    cols = [Col("Action", "title", 18), Col("Description", "text", 41), Col("Lead", "lead", 16), Col("Timescale", "timescale", 13),
            Col("Status", "status", 12)]  # fmt: skip

    def act(title, text, lead, when, status):  # type: ignore[no-untyped-def]
        return A(text, None, title=title, status=status, lead=lead, timescale=when)

    sections = [
        sec("1", "Healthier food environments", "1. Healthier food environments",
            act("Hot food takeaways near schools", "Adopt a planning policy that restricts new hot food takeaways within 400 metres of a secondary school, and monitor appeals against refusals",
                "Planning Policy", "Local Plan adoption 2026", "Ongoing"),
            act("Healthier Catering Commitment", "Recruit food businesses to the Healthier Catering Commitment, focusing on outlets in the most deprived wards, and support them to:\n• reduce portion sizes\n• offer healthier options at the same price\n• display calorie information",
                "Environmental Health", "March 2025", "Incomplete"),
            act("Council venues and events", "Apply healthy food standards to food and drink sold in council-run leisure centres and at events the council sponsors",
                "Leisure Services", "September 2025", "Not started")),
        sec("2", "Active travel and play", "2. Active travel and play",
            act("School streets", "Introduce school streets at a further six primary schools, closing roads to through traffic at drop-off and pick-up times",
                "Highways", "July 2025", "Ongoing"),
            act("Play space improvements", "Upgrade the play areas with the lowest quality scores and make at least two of them accessible for disabled children",
                "Parks", "March 2026", "Not started"),
            act("Daily Mile", "Encourage every primary school to take part in the Daily Mile or a similar active mile scheme",
                "School Sport Partnership", "Summer term 2024", "Complete")),
        sec("3", "Support for children and families", "3. Support for children and families",
            act("HENRY programme", "Deliver the HENRY healthy start programme through the family hubs, with evening sessions for working parents",
                "Family Hubs", "Ongoing", "Ongoing"),
            act("Child weight management", "Commission a family weight management service for children above a healthy weight identified through the National Child Measurement Programme, with follow-up letters to parents that are non-stigmatising and offer a named contact",
                "Public Health", "April 2025", "Incomplete"),
            act("Healthy Start uptake", "Increase uptake of Healthy Start vouchers and vitamins among eligable families through midwives, health visitors and food banks",
                "Health Visiting", "December 2024", "Complete")),
        sec("4", "Adult weight management", "4. Adult weight management",
            act("Tier 2 service", "Re-procure the adult tier 2 weight management service, with a digital option and a specific offer for people with a learning disability",
                "Public Health Commissioning", "October 2025", "Not started"),
            act("Workplace offer", "Promote the workplace health programme to small and medium employers, including active travel and healthy eating modules",
                "Public Health", "March 2025", "Ongoing")),
    ]  # fmt: skip
    return Plan(
        slug="gen_no_ids_numbered_headings_title_column",
        varies=[
            "ids: none printed (expected ids generated per section, 1.1 ... 4.2, id_generated, finding id-generated)",
            "hierarchy: numbered headings (`1. Healthier food environments`) between tables",
            "columns: a short Action title beside a long Description | Lead | Timescale | Status",
            "status vocabulary: Ongoing / Incomplete / Not started / Complete",
            "a bulleted list inside a cell drawn by Word's List Bullet style (the glyph comes from numbering)",
            "portrait Word, ruled; typo kept (eligable); topic: healthy weight",
        ],
        title="Healthy Weight Action Plan 2024/25",
        intro="Actions agreed by the Healthy Weight Partnership to make the healthy choice the easy choice for "
        "residents of all ages.",
        columns=cols,
        sections=sections,
        formats=["docx", "soffice", "tabs"],
        section_style="heading",
        list_bullets=True,
        org="Corrington City Council",
        running_header="Healthy Weight Partnership",
    )


def maternity() -> Plan:
    """Id and short title in one cell beside a Description; Achieved / Partially achieved / Not achieved."""
    cols = [Col("Action", "idtitle", 17), Col("Description", "text", 38), Col("Lead", "lead", 13), Col("Target date", "timescale", 9),
            Col("Status", "status", 9), Col("Measure of success", "extra", 14)]  # fmt: skip

    def act(id_, title, text, lead, when, status, measure):  # type: ignore[no-untyped-def]
        return A(
            text, id_, title=title, status=status, lead=lead, timescale=when, extra={"Measure of success": measure}
        )

    actions = [
        act("1", "Stop smoking support in pregnancy", "Offer every pregnant smoker an opt-out referral to the in-house tobacco dependence adviser at booking, with carbon monoxide testing at every antenatal appointment",
            "Maternity Services", "March 2025", "Achieved", "Smoking at time of delivery below 6%"),
        act("2", "Smokefree homes for new babies", "Give families with a new baby advice on keeping the home and car smokefree, through health visitors at the new birth visit",
            "Health Visiting", "September 2024", "Partially achieved", "% of new birth visits with smokefree advice recorded"),
        act("3", "Infant feeding support", "Achieve UNICEF Baby Friendly accreditation in the community and provide peer supporters on the postnatal ward seven days a week",
            "Infant Feeding Lead", "December 2025", "Partially achieved", "Breastfeeding at 6-8 weeks"),
        act("4", "Perinatal mental health", "Ask about emotional wellbeing at every contact and refer women with moderate to severe needs to the specialist perinatal mental health service; include fathers and partners in the assessment where the woman agrees",
            "Maternity / Mental Health Trust", "March 2025", "Not achieved", "Referrals to the perinatal service per 1,000 births"),
        act("5", "Healthy weight in pregnancy", "Pilot a healthy pregnancy programme for women with a BMI over 30 at booking, offering:\n• support from a dietitian\n• exercise classes that are safe in pregnancy\n• follow-up after the birth",
            "Public Health / Maternity", "June 2025", "Achieved", "Programme completion rate"),
        act("6", "Alcohol-free pregnancy", "Raise awareness of fetal alcohol spectrum disorder among midwives and GPs, and record alcohol use in pregnancy consistently",
            "Public Health", "March 2026", "Not achieved", "Training sessions delivered"),
        act("7", "Reducing inequalities", "Make sure interpreters are booked for every antenatal appointment where needed, and review outcomes for Black and Asian women and for women living in the most deprived areas",
            "Maternity Voices Partnership", "Ongoing", "Partially achieved", "Gap in outcomes narrowing year on year"),
        act("8", "Safe sleep", "Deliver safe sleep messages at every contact in the first year, including to grandparents and other carers, using the Lullaby Trust materials",
            "Health Visiting / Children's Centres", "December 2024", "Achieved", "Safe sleep assessment completed at the new birth visit"),
    ]  # fmt: skip
    return Plan(
        slug="gen_id_title_cell_achieved_vocab",
        varies=[
            "ids: id and short title in one cell (`1 - Stop smoking support in pregnancy`) beside a Description column "
            "(id 1, title, and the description as text)",
            "hierarchy: none",
            "columns: Action | Description | Lead | Target date | Status | Measure of success",
            "status vocabulary: Achieved / Partially achieved / Not achieved",
            "web page with chrome, its portrait Chromium print, and the table pasted from Word with tabs",
            "topic: maternity and early years (smokefree pregnancy, infant feeding, perinatal mental health)",
        ],
        title="Best Start in Life: Maternity and Early Years Action Plan - Year End Review",
        intro="This review records what was achieved against each action in the Best Start in Life plan by the end "
        "of the year.",
        columns=cols,
        sections=flat(*actions),
        formats=["html", "browser", "tabs"],
        org="Fenholt Council",
    )


def drug_deaths() -> Plan:
    """An analyst's tracker: code-like headers, ACT-nn ids, lower-case RAG, ISO due dates."""
    cols = [Col("ref_no", "id", 8), Col("desc", "text", 46), Col("lead", "lead", 17), Col("rag", "status", 7), Col("done", "extra", 6),
            Col("due", "timescale", 13)]  # fmt: skip

    def act(id_, text, lead, rag, done, due, linked=()):  # type: ignore[no-untyped-def]
        return A(text, id_, status=rag, lead=lead, timescale=due, extra={"done": done}, linked=list(linked))

    actions = [
        act("ACT-01", "Hold a multi-agency drug-related death review panel every two months and track the actions from each review",
            "Public Health (Substance Misuse)", "green", "75%", "2025-03-31"),
        act("ACT-02", "Supply naloxone kits to everyone leaving prison with a history of opioid use",
            "Probation / Prison Healthcare", "amber", "50%", "2024-12-31"),
        act("ACT-03", "Extend take-home naloxone to hostels, supported housing and outreach teams; train staff to give it",
            "Treatment Provider", "green", "75%", "2025-06-30"),
        act("ACT-04", "Give peer-to-peer naloxone training to people who use drugs and their families (see ACT-03)",
            "Recovery Community", "amber", "25%", "2025-09-30", linked=["ACT-03"]),
        act("ACT-05", "Set up an early warning system for new psychoactive substances and contaminated batches, with alerts sent by text to frontline services",
            "Public Health Intelligence", "red", "0%", "2024-10-31"),
        act("ACT-06", "Review all deaths of people in treatment or within 12 months of leaving treatment and report the learning to the Combating Drugs Partnership",
            "Treatment Provider", "green", "50%", "2025-03-31"),
        act("ACT-07", "Introduce same-day prescribing of opioid substitution therapy for people released from prison or discharged from hospital",
            "Treatment Provider / ICB", "amber", "25%", "2025-12-31"),
        act("ACT-08", "Offer hepatitis C testing and treatment at every treatment hub and at the needle exchange",
            "Hepatology / Treatment Provider", "blue", "100%", "2024-09-30"),
        act("ACT-09", "Agree a protocol with the acute trust for people admitted after an overdose:\nreferral to treatment before discharge,\nnaloxone on discharge,\nfollow-up within 48 hours",
            "Acute Trust", "amber", "50%", "2025-06-30"),
        act("ACT-10", "Map services for people with co-occurring mental health and substance use conditions, and agree who holds the case",
            "Mental Health Trust", "red", "0%", "2025-03-31"),
        act("ACT-11", "Increase the number of people in treatment who are in stable accomodation",
            "Housing Options", "amber", "25%", "2026-03-31"),
        act("ACT-12", "Fund an outreach worker to re-engage people who have dropped out of treatment, prioritising those who have had a non-fatal overdose (links to ACT-09)",
            "Treatment Provider", "green", "50%", "2025-09-30", linked=["ACT-09"]),
        act("ACT-13", "Provide bereavement support for families who have lost someone to drugs or alcohol",
            "Public Health", "blue", "100%", "2024-12-31"),
        act("ACT-14", "Report on drug-related deaths to the Health and Wellbeing Board every quarter",
            "Public Health Intelligence", "green", "75%", "2025-03-31"),
        act("ACT-15", "Audit prescribing of gabapentinoids and benzodiazepines in primary care",
            "ICB Medicines Optimisation", "red", "0%", "2025-06-30"),
        act("ACT-16", "Refresh the drug-related death review process in line with national guidance when it is published",
            "Public Health (Substance Misuse)", "amber", "0%", "tbc"),
    ]  # fmt: skip
    return Plan(
        slug="gen_tracker_code_headers_act_ids",
        varies=[
            "ids: ACT-01 ... ACT-16 (kept whole: the prefix is part of the code, not a label word)",
            "hierarchy: none",
            "columns: an analyst's tracker with code-like headers: ref_no | desc | lead | rag | done | due "
            "(`done` is a percentage, kept under extra)",
            "status vocabulary: lower-case green / amber / red / blue, no cell colour",
            "timescales as ISO dates and `tbc`; links written inside the action text (`(see ACT-03)`, `(links to ACT-09)`)",
            "a cell broken over four lines (line breaks, no bullets)",
            "pasted from Excel with tabs, an intranet export as HTML (with its browser print), and a ruled portrait reportlab PDF",
            "typo kept (accomodation); topic: drug-related deaths",
        ],
        title="Drug-related deaths prevention - action tracker",
        intro="Exported from the Combating Drugs Partnership tracker. Owners update their rows before each "
        "partnership meeting.",
        columns=cols,
        sections=flat(*actions),
        formats=["tabs", "html", "browser", "drawn"],
        links=True,
        font_size=9,
        org="Combating Drugs Partnership",
        running_header="CDP tracker export",
    )


def physical_activity() -> Plan:
    """'Action 3' ids, one long table over several pages, two-line headers repeated on each page."""
    cols = [Col("Action\nnumber", "id", 10), Col("Description of action", "text", 35), Col("Lead officer /\norganisation", "lead", 15),
            Col("Target\ndate", "timescale", 12), Col("Current RAG\nstatus", "status", 10), Col("Key\nmilestones", "extra", 18)]  # fmt: skip
    delayed = "Delayed (new date March 2025)"
    rows = [
        ("Refresh the local physical activity strategy with partners from sport, health, transport and the voluntary sector",
         "Active Partnership", "March 2025", "Green", "Draft to Health and Wellbeing Board in January"),
        ("Map all physical activity opportunities for adults with long-term conditions and publish them on the Live Well directory",
         "Public Health", "June 2025", "Amber", "Directory fields agreed; data collection started"),
        ("Train health and care professionals to give brief advice on physical activity using the Moving Medicine resources",
         "Active Partnership / ICB", "December 2025", "Green", "Six training sessions booked"),
        ("Commission an exercise on referral scheme with a single referral form for GPs, physiotherapists and cardiac rehabilitation teams, and a reduced-price membership for people on low incomes so that cost is not a barrier to completing the programme",
         "Leisure Services", "October 2024", delayed, "Specification agreed; procurement delayed"),
        ("Extend walking football and walking netball to every leisure centre",
         "Leisure Trust", "September 2024", "Green", "Running at four of five centres"),
        ("Support GP practices to become Active Practices through the RCGP scheme",
         "ICB Primary Care", "March 2026", "Not started", "Expressions of interest invited"),
        ("Develop a cycle training offer for adults, including women-only sessions and loan bikes",
         "Highways / Active Travel", "July 2025", "Amber", "Instructor recruitment under way"),
        ("Deliver Bikeability Level 1 and 2 training to all Year 5 and 6 pupils",
         "Road Safety", "July 2025", "Green", "82% of schools booked"),
        ("Install secure cycle parking at GP surgeries, libraries and the hospital",
         "Active Travel", "March 2026", "Red", "Capital funding not confirmed"),
        ("Introduce the This Girl Can programme in the three secondary schools with the lowest activity rates among girls",
         "School Sport Partnership", "September 2025", "Green", "Two schools signed up"),
        ("Run free holiday activity and food clubs with at least one hour of physical activity each day",
         "Holiday Activities and Food Programme", "Summer 2025", "Green", "Easter clubs delivered"),
        ("Work with care homes to introduce daily movement sessions for residents, using chair-based exercise where needed",
         "Care Home Support Team", "December 2025", "Amber", "Pilot in six homes"),
        ("Offer free swimming for under 16s during the school holidays in council-run pools",
         "Leisure Services", "April 2025", "Red", "Budget decision pending"),
        ("Create a network of volunteer-led health walks with at least one walk in every ward, including buggy walks for new parents",
         "Ramblers / Public Health", "March 2026", "Green", "31 walks running"),
        ("Audit the accessability of parks and green spaces for wheelchair users and people with visual impairments, and prioritise improvements",
         "Parks", "December 2024", delayed, "Audit tool agreed with disability groups"),
        ("Include physical activity courses in the mental health trust's recovery college prospectus",
         "Mental Health Trust", "September 2025", "Not started", "Prospectus for autumn term"),
        ("Provide a pre-habilitation programme for patients waiting for hip or knee surgery",
         "Acute Trust Physiotherapy", "June 2025", "Amber", "Business case submitted"),
        ("Work with the planning team so that new housing developments include walking and cycling routes that connect to schools and shops",
         "Planning Policy", "Ongoing", "Green", "Design guide adopted"),
        ("Promote active travel to school through a school travel plan in every primary school",
         "Road Safety", "July 2026", "Amber", "40% of primary schools have a plan"),
        ("Offer workplace challenges for council staff and local employers, with a league table by team",
         "Public Health", "May 2025", "Green", "Spring challenge launched"),
        ("Deliver an inclusive sport programme for disabled children and young people, including:\n• boccia and wheelchair basketball clubs\n• a multi-sport holiday camp\n• training for coaches and volunteers",
         "Disability Sport Network", "March 2026", "Green", "Clubs running weekly; camp booked for August"),
        ("Explore a social prescribing route to green activity such as conservation volunteering and community gardening",
         "Social Prescribing Service", "December 2025", "Not started", "Scoping meeting with the wildlife trust"),
        ("Measure adult physical activity at ward level through the residents' survey and compare it with the Active Lives Survey",
         "Public Health Intelligence", "March 2025", "Green", "Survey questions agreed"),
        ("Reduce the price of leisure centre membership for carers and people receiving Universal Credit",
         "Leisure Services", "April 2025", "Red", "Awaiting decision on fees and charges"),
        ("Report progress on this plan every six months to the Health and Wellbeing Board",
         "Director of Public Health", "Six-monthly", "Green", "Next report due in June"),
    ]  # fmt: skip
    actions = [
        A(
            text,
            str(n),
            printed=f"Action {n}",
            status=status,
            lead=lead,
            timescale=when,
            extra={"Key milestones": milestone},
        )
        for n, (text, lead, when, status, milestone) in enumerate(rows, start=1)
    ]
    return Plan(
        slug="gen_action_word_ids_long_table_two_line_header",
        varies=[
            "ids: `Action 1` ... `Action 25` (the label word is not part of the id: 1 ... 25)",
            "hierarchy: none; one table of 25 actions running over several pages",
            "headers wrapped over two lines (`Lead officer /` `organisation`, `Current RAG` `status`, `Key` `milestones`) "
            "and repeated at the top of every page (Word `w:tblHeader`)",
            "columns: Action number | Description of action | Lead officer / organisation | Target date | "
            "Current RAG status | Key milestones",
            "status vocabulary: Green / Amber / Red / Not started / `Delayed (new date March 2025)`",
            "portrait Word, ruled; its LibreOffice PDF and that PDF's pdftotext -layout text",
            "typo kept (accessability); topic: physical activity",
        ],
        title="Active Lives: Physical Activity Action Plan",
        intro="The Active Lives plan brings together everything partners are doing to help residents move more. "
        "It is monitored by the Physical Activity Steering Group.",
        columns=cols,
        sections=flat(*actions),
        formats=["docx", "soffice", "layout"],
        org="Brackenfield District Council",
        running_header="Physical Activity Steering Group - monitoring copy",
    )


def loneliness() -> Plan:
    """An outcome column merged down over its actions, flat ids across the plan, varied statuses."""
    cols = [Col("Outcome we want", "outcome", 17), Col("No", "id", 5), Col("Action", "text", 37), Col("Lead", "lead", 13),
            Col("Timescale", "timescale", 10), Col("Status", "status", 10), Col("Dependencies / links", "links", 12)]  # fmt: skip

    def act(id_, text, lead, when, status, links="", linked=(), refs=()):  # type: ignore[no-untyped-def]
        return A(text, id_, status=status, lead=lead, timescale=when, links=links, linked=list(linked), refs=list(refs))

    def o(id_, text, *actions):  # type: ignore[no-untyped-def]
        return out(id_, text, text, *actions)

    sections = [
        sec("1", "Connected communities", "Priority 1 – Connected communities",
            o("1.1", "Older residents know what is going on in their area and how to join in",
              act("1", "Produce a printed 'what's on' guide for each locality, handed out through GP surgeries, pharmacies and libraries, for residents who are not online",
                  "Library Service", "Quarterly", "Ongoing"),
              act("2", "Recruit and train community connectors in:\n• Northfield\n• Eastbrook\n• the villages south of the river",
                  "Voluntary Sector Alliance", "March 2025", "In progress")),
            o("1.2", "Community groups are sustainable",
              act("3", "Offer small grants of up to £2,000 to groups that bring people together, prioritising groups led by older people themselves",
                  "Communities Team", "Annual round - June", "In progress"),
              act("4", "Provide free use of council buildings for community groups on weekday afternoons",
                  "Property Services", "September 2024", "Closed – merged with action 3", linked=["3"]))),
        sec("2", "Finding people who are lonely", "Priority 2 – Finding people who are lonely",
            o("2.1", "Frontline staff notice loneliness and know how to respond",
              act("5", "Add a question on loneliness to the adult social care assessment and to the fire service safe and well visit",
                  "Adult Social Care / Fire and Rescue", "April 2025", "In progress"),
              act("6", "Train social prescribing link workers, home care staff and postal workers to have a meaningful conversation about loneliness and refer people on",
                  "Public Health", "December 2025", "In progress", "Links to action 2", linked=["2"])),
            o("2.2", "People at higher risk are reached",
              act("7", "Use primary care data to identify people aged over 75 who live alone and have recently been bereaved, and offer them a call from the befriending service",
                  "ICB / GP Federation", "June 2025", "On hold – awaiting funding", "Dependent on action 5 being completed", linked=["5"]),
              act("8", "Work with carers' services to reach carers who have become isolated, including after the person they cared for has died",
                  "Carers Centre", "Ongoing", "Ongoing"))),
        sec("3", "Getting out and about", "Priority 3 – Getting out and about",
            o("3.1", "Transport is not a barrier to taking part",
              act("9", "Extend the community transport dial-a-ride scheme to one evening a week",
                  "Passenger Transport", "March 2026", "Not started"),
              act("10", "Pilot free off-peak bus travel for companions of older people with mobility needs",
                  "Passenger Transport", "September 2024", "Withdrawn", "See also 9", linked=["9"])),
            o("3.2", "Being offline does not leave people isolated",
              act("11", "Lend tablets with data to isolated residents, with a volunteer digital buddy for the first six weeks",
                  "Library Service", "December 2024", "Complete"),
              act("12", "Hold drop-in digital help sessions in libraries and community cafes, with a telephone helpline for those who cannot attend",
                  "Library Service / Age UK", "Ongoing", "Ongoing", "See also 11", linked=["11"]),
              act("13", "Evaluate the plan using the ONS loneliness measures in the residents' survey",
                  "Public Health Intelligence", "March 2026", "Not started", "Core20PLUS5 (older people's strand)",
                  refs=["Core20PLUS5 (older people's strand)"]))),
    ]  # fmt: skip
    return Plan(
        slug="gen_merged_outcome_column_flat_ids",
        varies=[
            "ids: flat 1 ... 13 running across the whole plan",
            "hierarchy: `Priority 1 – Connected communities` headings between tables; an unnumbered `Outcome we want` "
            "column merged down over its actions (Word vertical merge, HTML rowspan): outcomes numbered 1.1, 1.2 ... by position",
            "columns: Outcome we want | No | Action | Lead | Timescale | Status | Dependencies / links",
            "status vocabulary: Ongoing / In progress / Complete / Not started / `On hold – awaiting funding` / "
            "`Withdrawn` / `Closed – merged with action 3` (closed, and a link to 3)",
            "links: `Links to action 2`, `Dependent on action 5 being completed`, `See also 9`; outside: "
            "`Core20PLUS5 (older people's strand)`",
            "bullets as typed paragraphs in Word and as a real <ul> in the web page (Chromium draws the discs)",
            "Word landscape ruled + LibreOffice PDF; web page + Chromium print (landscape)",
            "topic: loneliness and social isolation",
        ],
        title="Tackling Loneliness and Social Isolation: Action Plan 2025-2027",
        intro="This action plan was written with older residents, carers and community groups. Each priority lists "
        "the outcomes we want and what partners will do to get there.",
        columns=cols,
        sections=sections,
        formats=["docx", "soffice", "html", "browser"],
        section_style="heading",
        outcome_style="column",
        links=True,
        html_lists=True,
        landscape=True,
        org="Oakridge Borough Council",
        running_header="Loneliness Action Plan",
    )


def sexual_health() -> Plan:
    """A combined 'RAG rating & update' cell, Theme headings, a borderless Word table."""
    cols = [Col("Ref", "id", 6), Col("Action", "text", 42), Col("Lead", "lead", 16), Col("Timescale", "timescale", 13),
            Col("RAG rating & update", "status", 23)]  # fmt: skip
    F = {
        "Green": "underway",
        "Amber": "off track",
        "Red": "off track",
        "Blue": "complete",
        "Not started": "not started",
    }

    def act(id_, text, lead, when, word, note, sep="\n"):  # type: ignore[no-untyped-def]
        return A(text, id_, status=f"{word}{sep}{note}", family=F[word], lead=lead, timescale=when)

    sections = [
        sec("1", "Prevention and testing", "Theme 1: Prevention and testing",
            act("1.1", "Expand online STI testing to include syphilis and HIV for all users, and promote it to young people through the colleges and the university",
                "Sexual Health Service", "April 2025", "Green", "Online syphilis testing live since August."),
            act("1.2", "Provide free condoms through the C-Card scheme in pharmacies, youth centres and colleges",
                "Public Health", "Ongoing", "Green", "42 outlets registered.", sep=" – "),
            act("1.3", "Support secondary schools to deliver relationships and sex education, including training for staff on consent and online harms",
                "Education / Sexual Health Service", "July 2025", "Amber", "Three schools have not yet taken up the offer."),
            act("1.4", "Increase HIV testing in general practice in areas of high prevalence through opt-out testing at new patient checks",
                "ICB Primary Care", "March 2026", "Red", "No practices signed up; incentive scheme under review.")),
        sec("2", "Contraception and reproductive health", "Theme 2: Contraception and reproductive health",
            act("2.1", "Improve access to long-acting reversible contraception (LARC) in primary care by funding training places for GPs and practice nurses",
                "Public Health", "December 2025", "Amber", "Four of ten places filled."),
            act("2.2", "Offer contraception to women after birth and after an abortion before they leave hospital",
                "Maternity / Acute Trust", "September 2025", "Green", "Postnatal offer in place on both sites."),
            act("2.3", "Make emergency hormonal contraception free in all community pharmacies for women of all ages",
                "Pharmacy Commissioning", "April 2025", "Blue", "New service specification in place from April.")),
        sec("3", "HIV and reducing stigma", "Theme 3: HIV and reducing stigma",
            act("3.1", "Make sure everyone eligible is offered PrEP, with outreach to women, trans people and Black African communities, who are under-represented among PrEP users",
                "Sexual Health Service", "March 2026", "Amber", "Outreach worker recruited; uptake among women remains low."),
            act("3.2", "Sign the Fast Track Cities declaration and develop a local plan towards zero new HIV transmissions by 2030",
                "Director of Public Health", "December 2024", "Green", "Declaration signed in October."),
            act("3.3", "Run a campaign against HIV stigma with people living with HIV during National HIV Testing Week",
                "Communications / HIV support charity", "February 2025", "Not started", "Planning begins in January.")),
    ]  # fmt: skip
    return Plan(
        slug="gen_combined_rag_update_cell_borderless_word",
        varies=[
            "ids: two-part (1.1 ... 3.3)",
            "hierarchy: `Theme 1: Prevention and testing` headings (Heading 1) between tables",
            "columns: Ref | Action | Lead | Timescale | RAG rating & update: one column holding the RAG word and a "
            "note (on a new line, or after a dash); status_raw is the whole cell, the family from its RAG word, no separate update",
            "status vocabulary: Green / Amber / Red / Blue / Not started, each followed by a note",
            "borderless Word table (no style, no lines) and its LibreOffice PDF; the plan pasted from Word with tabs",
            "topic: sexual and reproductive health",
        ],
        title="Sexual and Reproductive Health Improvement Plan",
        intro="The plan supports the local sexual health strategy. RAG ratings were agreed at the Sexual Health "
        "Partnership in November.",
        columns=cols,
        sections=sections,
        formats=["docx", "soffice", "tabs"],
        section_style="heading",
        ruled=False,
        org="Lowmoor County Council",
        running_header="Sexual Health Partnership",
    )


def workplace_wellbeing() -> Plan:
    """Colour-only RAG in a web page (background styles), unnumbered theme rows, Comments as update."""
    cols = [Col("Ref", "id", 6), Col("Action", "text", 42), Col("Owner", "lead", 16), Col("Deadline", "timescale", 10),
            Col("RAG", "status", 6), Col("Comments", "update", 20)]  # fmt: skip

    def act(id_, text, owner, when, colour, comment):  # type: ignore[no-untyped-def]
        return A(text, id_, colour=colour, lead=owner, timescale=when, update=comment)

    sections = [
        sec("1", "Leadership and culture", "Leadership and culture",
            act("1.1", "Appoint a senior mental health champion on the corporate leadership team and report progress to staff twice a year",
                "Chief Executive", "June 2024", "blue", "Director of HR appointed as champion."),
            act("1.2", "Include a wellbeing conversation in the annual appraisal and in regular one to ones",
                "HR", "April 2025", "green", "Guidance issued to managers."),
            act("1.3", "Train all line managers to recognise stress and make reasonable adjustments, starting with managers of frontline teams",
                "Organisational Development", "March 2025", "amber", "Uptake low in waste and highways teams.")),
        sec("2", "Support when staff need it", "Support when staff need it",
            act("2.1", "Re-tender the employee assistance programme with a face-to-face counselling option",
                "HR / Procurement", "October 2025", "red", "Procurement timetable has slipped by six months."),
            act("2.2", "Recruit and train a network of 40 mental health first aiders across all directorates and sites",
                "Organisational Development", "December 2024", "green", "31 trained so far."),
            act("2.3", "Introduce a menopause policy and a peer support group",
                "HR", "September 2024", "blue", "Policy agreed by the Joint Consultative Committee.")),
        sec("3", "Measuring what matters", "Measuring what matters",
            act("3.1", "Add wellbeing questions to the annual staff survey and publish the results by directorate",
                "HR Business Partners", "January 2025", "green", None),
            act("3.2", "Analyse sickness absence due to stress, anxiety and depression every quarter and target support where rates are highest",
                "HR Analytics", "Quarterly", "amber", "First report due in Q4."),
            act("3.3", "Apply for the Thrive at Work accreditation at Silver level",
                "Public Health", "March 2026", "red", "Not yet started - capacity.")),
    ]  # fmt: skip
    return Plan(
        slug="gen_colour_only_rag_html_theme_rows",
        varies=[
            "ids: two-part (1.1 ... 3.3)",
            "hierarchy: unnumbered theme rows spanning the table (colspan in HTML, SPAN in reportlab), numbered 1-3 by position",
            "columns: Ref | Action | Owner | Deadline | RAG | Comments (a free-text progress note beside the RAG: `update`; one empty)",
            'status only by the colour of an empty RAG cell: `style="background:#ff0000"` in HTML (printed with '
            "print-color-adjust: exact), a filled rectangle in reportlab; blue = complete",
            "web page with chrome + Chromium print (landscape) + ruled landscape reportlab PDF",
            "topic: workplace mental health and wellbeing",
        ],
        title="Workplace Wellbeing Action Plan",
        intro="As an employer of 4,200 staff the council has committed to the Thriving at Work standards. "
        "This plan is reviewed by the Wellbeing Steering Group.",
        legend="The RAG column is colour coded: red - off track, amber - at risk, green - on track, blue - complete.",
        columns=cols,
        sections=sections,
        formats=["html", "browser", "drawn"],
        section_style="row",
        landscape=True,
        org="Greyford City Council",
        running_header="Wellbeing Steering Group",
    )


def serious_violence() -> Plan:
    """Outcome labels in the first row of their group only, VRnn ids, ruled landscape reportlab."""
    cols = [Col("Outcome", "outcome", 14), Col("Ref", "id", 5), Col("Action", "text", 30), Col("Partners", "extra", 12),
            Col("Lead", "lead", 11), Col("Timescale", "timescale", 8), Col("Status", "status", 8), Col("Update", "update", 16)]  # fmt: skip

    def act(id_, text, partners, lead, when, status, update=None):  # type: ignore[no-untyped-def]
        return A(text, id_, status=status, lead=lead, timescale=when, update=update, extra={"Partners": partners})

    def o(id_, text, *actions):  # type: ignore[no-untyped-def]
        return out(id_, text, f"Outcome {id_}: {text}", *actions)

    sections = [
        sec("1", "Prevention and early intervention", "1 Prevention and early intervention",
            o("1.1", "Fewer young people are drawn into violence",
              act("VR01", "Place youth workers in the emergency department and custody suite to engage young people at a 'reachable moment'",
                  "Acute Trust, Police", "Violence Reduction Unit", "April 2025", "In progress",
                  "ED youth worker in post since November; custody post out to advert."),
              act("VR02", "Fund mentoring for pupils at risk of exclusion in the six secondary schools with the highest exclusion rates",
                  "Schools, Youth Service", "Education Inclusion", "September 2025", "In progress", "Four schools engaged."),
              act("VR03", "Deliver a knife crime awareness programme in Year 7 assemblies, co-designed with families who have lost a child to knife crime",
                  "Community Safety Partnership, Schools", "Community Safety", "July 2025", "Not started")),
            o("1.2", "Children exposed to domestic abuse get early support",
              act("VR04", "Share police notifications of domestic abuse incidents with schools before the start of the next school day (Operation Encompass)",
                  "Police, Schools", "Police", "Ongoing", "Complete", "All schools signed up."),
              act("VR05", "Commission a therapeutic group work programme for children who have witnessed domestic abuse",
                  "Children's Social Care", "Domestic Abuse Commissioning", "March 2025", "Delayed – now Q2 2025/26",
                  "Provider market limited; re-tender planned."))),
        sec("2", "Enforcement and reducing reoffending", "2 Enforcement and reducing reoffending",
            o("2.1", "Hotspot locations are safer",
              act("VR06", "Use hospital assault data alongside police data to identify violence hotspots (the Cardiff Model) and agree joint patrol plans",
                  "Acute Trust, Police, Public Health", "Public Health Intelligence", "December 2024", "Complete",
                  "Data sharing live; monthly hotspot maps issued."),
              act("VR07", "Improve lighting and CCTV in the three parks identified in the women's safety audit",
                  "Parks, Police", "Community Safety", "March 2026", "In progress", "Lighting upgraded in one park."),
              act("VR08", "Train staff in licensed premises in Ask for Angela and in spotting predatory behaviour",
                  "Licensing, Police", "Licensing", "June 2025", "In progress")),
            o("2.2", "People who have offended are less likely to offend again",
              act("VR09", "Offer every young person leaving custody a transition worker who stays with them for at least six months",
                  "Youth Justice Service, Probation", "Youth Justice Service", "September 2025", "Paused",
                  "Paused pending the Home Office funding decision."),
              act("VR10", "Provide a programme for people who use domestic abuse, with a seperate support worker for the partner",
                  "Probation, Children's Social Care", "Domestic Abuse Commissioning", "April 2025", "In progress", "Referral pathway agreed."))),
        sec("3", "Community and partnership working", "3 Community and partnership working",
            o("3.1", "Communities are involved in preventing violence",
              act("VR11", "Set up a community reference group of parents, young people and faith leaders to advise the partnership",
                  "Voluntary sector, Faith groups", "Violence Reduction Unit", "January 2025", "Complete"),
              act("VR12", "Site weapons surrender bins at community venues and publicise the results",
                  "Police", "Police", "Ongoing", "In progress"),
              act("VR13", "Provide trauma-informed practice training to staff across the partnership, including housing officers and job centre staff",
                  "All partners", "Violence Reduction Unit", "March 2026", "In progress", "220 staff trained."),
              act("VR14", "Publish the annual strategic needs assessment for serious violence and refresh this plan",
                  "Police, Public Health", "Public Health Intelligence", "January 2026", "Not started"))),
    ]  # fmt: skip
    return Plan(
        slug="gen_outcome_label_first_row_ruled_landscape",
        varies=[
            "ids: prefixed VR01 ... VR14",
            "hierarchy: headings numbered without a full stop (`1 Prevention and early intervention`); an Outcome column "
            "whose label (`Outcome 1.1: Fewer young people ...`) is written in its group's first row only (not merged)",
            "columns: Outcome | Ref | Action | Partners | Lead | Timescale | Status | Update (eight columns; Partners under extra)",
            "status vocabulary: Not started / In progress / Complete / `Delayed – now Q2 2025/26` / Paused",
            "ruled landscape reportlab PDF and its pdftotext -layout; the plan pasted from Excel with tabs",
            "typo kept (seperate); topic: serious violence and domestic abuse",
        ],
        title="Serious Violence Duty: Local Response Strategy Action Plan",
        intro="Specified authorities under the Serious Violence Duty agreed these actions. Partners named in each "
        "row contribute; the lead is accountable for delivery.",
        columns=cols,
        sections=sections,
        formats=["drawn", "drawn-layout", "tabs"],
        section_style="heading",
        outcome_style="cell",
        landscape=True,
        ruled=True,
        font_size=9,
        org="Strand Valley Community Safety Partnership",
        running_header="Serious Violence Duty - action plan",
    )


def falls() -> Plan:
    """No ids, numbered theme rows merged across a Word table, colour-only RAG beside an update."""
    cols = [Col("Action", "text", 46), Col("Lead", "lead", 16), Col("Timescale", "timescale", 11), Col("RAG", "status", 6),
            Col("Progress update", "update", 21)]  # fmt: skip

    def act(text, lead, when, colour, update):  # type: ignore[no-untyped-def]
        return A(text, None, colour=colour, lead=lead, timescale=when, update=update)

    sections = [
        sec("1", "Strength and balance", "Theme 1: Strength and balance",
            act("Commission evidence-based strength and balance classes (FaME or Otago) in every locality, with help with transport for those who need it",
                "Public Health", "April 2025", "green", "Classes running in 5 of 7 localities."),
            act("Offer a home-based exercise programme for people who cannot attend a class, delivered by trained volunteers",
                "Age UK", "December 2025", "amber", "Volunteer recruitment slower than planned."),
            act("Promote the Get Up and Go guide through pharmacies and GP waiting rooms",
                "Communications", "September 2024", "blue", "Complete.")),
        sec("2", "Finding people at risk", "Theme 2: Finding people at risk",
            act("Use the electronic frailty index to identify people living with moderate or severe frailty and invite them for a multifactorial falls risk assessment",
                "ICB Primary Care", "March 2025", "amber", "Pilot in two primary care networks."),
            act("Make sure care home staff use a post-fall protocol to reduce unnecessary ambulance call-outs, including the use of lifting cushions",
                "Care Home Support Team", "June 2025", "green", "Lifting cushions in 38 homes."),
            act("Include a falls question in the fire service safe and well visit and refer on to the falls service",
                "Fire and Rescue Service", "October 2024", "blue", None),
            act("Review the medicines of people over 65 who take four or more medicines, prioritising those on sedatives and blood pressure medicines, and share the findings with their GP",
                "ICB Medicines Optimisation", "March 2026", "red", "Pharmacist capacity not yet funded.")),
        sec("3", "Safer homes and recovery after a fall", "Theme 3: Safer homes and recovery after a fall",
            act("Fast-track minor adaptations such as grab rails and stair rails through the home improvement agency, fitted within 10 working days",
                "Home Improvement Agency", "September 2025", "green", "Average wait now 12 days."),
            act("Offer a falls response service, 24 hours a day, that helps up people who have fallen but are not injured",
                "Community Alarm Service", "Ongoing", "green", None),
            act("Refer everyone who has had a fragility fracture to the fracture liason service for a bone health assessment",
                "Acute Trust", "December 2025", "red", "Service covers the hospital site only."),
            act("Audit hip fracture outcomes against the national audit standards and share the learning with partners",
                "Acute Trust", "March 2025", "amber", "Data request submitted.")),
    ]  # fmt: skip
    return Plan(
        slug="gen_no_ids_merged_theme_rows_colour_word",
        varies=[
            "ids: none printed (expected ids generated per theme, 1.1 ... 3.4, id_generated, finding id-generated)",
            "hierarchy: numbered theme rows (`Theme 2: Finding people at risk`) merged across the Word table "
            "(`merge()`) and colspan rows in the web page; one table for the whole plan",
            "columns: Action | Lead | Timescale | RAG | Progress update",
            'status only by the colour of an empty RAG cell (Word `w:shd`, HTML `style="background:..."`); '
            "the progress column is `update` (two empty)",
            "Word landscape ruled + LibreOffice PDF; web page + Chromium print",
            "typo kept (liason); topic: falls prevention",
        ],
        title="Falls Prevention Action Plan 2024-2026",
        intro="Falls are the most common reason older people attend the emergency department. This plan sets out "
        "what the Falls Prevention Group will do to prevent falls and injuries.",
        columns=cols,
        sections=sections,
        formats=["docx", "soffice", "html", "browser"],
        section_style="row",
        landscape=True,
        org="Riverton Council",
        running_header="Falls Prevention Group",
    )


def gambling() -> Plan:
    """Ids printed with a trailing full stop, numbered h2 headings, a text-only paste."""
    cols = [Col("Ref", "id", 6), Col("Action", "text", 44), Col("Lead", "lead", 15), Col("By when", "timescale", 10),
            Col("Status", "status", 12), Col("Progress update", "update", 20)]  # fmt: skip

    def act(id_, text, lead, when, status, update=None, linked=()):  # type: ignore[no-untyped-def]
        return A(
            text, id_, printed=id_ + ".", status=status, lead=lead, timescale=when, update=update, linked=list(linked)
        )

    sections = [
        sec("1", "Awareness and prevention", "1. Awareness and prevention",
            act("1.1", "Run a campaign on gambling harms during major football tournaments, aimed at men aged 18 to 35",
                "Public Health", "June 2024", "Complete", "Campaign reached 41,000 people on social media."),
            act("1.2", "Include gambling in the PSHE offer to secondary schools, covering loot boxes in games and online betting adverts",
                "Education / Public Health", "September 2025", "On track"),
            act("1.3", "Review the council's advertising policy to stop gambling adverts on council-owned sites and bus shelters",
                "Communications / Legal", "March 2025", "Incomplete", "Policy drafted; waiting for a Cabinet date.")),
        sec("2", "Identifying and supporting people harmed", "2. Identifying and supporting people harmed",
            act("2.1", "Train staff in debt advice, housing and the job centre to ask about gambling and refer to specialist treatment",
                "Public Health", "December 2025", "On track", "Two cohorts trained."),
            act("2.2", "Add a gambling screening question to drug and alcohol service assessments and to the NHS Health Check",
                "Treatment Provider", "April 2025", "Not started"),
            act("2.3", "Develop a local pathway into the NHS gambling clinic and voluntary sector counselling, including support for affected others such as partners and children",
                "ICB / Gambling support charity", "March 2026", "On track", "Pathway agreed in principle."),
            act("2.4", "Set up a support group for family members",
                "Public Health", "September 2024", "Closed – merged with 2.3", linked=["2.3"])),
        sec("3", "Licensing and the local environment", "3. Licensing and the local environment",
            act("3.1", "Update the Statement of Gambling Principles with a local area profile showing where vulnerable people are concentrated",
                "Licensing", "January 2025", "Complete"),
            act("3.2", "Commission research on the number and location of betting shops and adult gaming centres in deprived wards",
                "Public Health Intelligence", "October 2024", "Withdrawn", "Covered by the local area profile.")),
    ]  # fmt: skip
    return Plan(
        slug="gen_trailing_dot_ids_text_only_paste",
        varies=[
            "ids: two-part printed with a trailing full stop (`1.1.`, `2.4.`) -> 1.1, 2.4",
            "hierarchy: numbered headings (`1. Awareness and prevention`, HTML h2) between tables",
            "columns: Ref | Action | Lead | By when | Status | Progress update",
            "status vocabulary: Complete / On track / Incomplete / Not started / Withdrawn / "
            "`Closed – merged with 2.3` (closed, and a link to 2.3)",
            "web page with chrome + Chromium print (portrait) + the page's text copied with single spaces between "
            "cells (text-only rendering) + the tables pasted with tabs",
            "topic: gambling harms",
        ],
        title="Gambling Harms Action Plan 2024-2026",
        intro="Gambling harms are a public health issue. This plan sets out how the council and partners will "
        "prevent harm and support people affected.",
        columns=cols,
        sections=sections,
        formats=["html", "browser", "copied", "tabs"],
        section_style="heading",
        links=True,
        org="Saltmarsh District Council",
    )


CASES = [
    tobacco,
    suicide_prevention,
    cyp_wellbeing,
    alcohol,
    dementia,
    healthy_weight,
    maternity,
    drug_deaths,
    physical_activity,
    loneliness,
    sexual_health,
    workplace_wellbeing,
    serious_violence,
    falls,
    gambling,
]


def main(argv: list[str]) -> int:
    plans = [case() for case in CASES]
    wanted = set(argv)
    unknown = wanted - {p.slug for p in plans}
    if unknown:
        print(f"unknown case(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    for plan in plans:
        if not wanted or plan.slug in wanted:
            write_case(plan)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
