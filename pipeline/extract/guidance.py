"""Guidance pages from layout blocks: the title, priorities and the question items under each.

Works on any format's blocks: headings and list items from HTML and Word, paragraphs and
bullets from PDF and text, and the rows of a Word "fillable form" (Question | Current
position | What could be improved | RAG). Site furniture is dropped by the phrases and
section names in rules/guidance.yaml before anything else looks at the page.
"""

from __future__ import annotations

import re

from pipeline.extract.records import RawGuidance, RawQuestion
from pipeline.layout import Block, Layout
from pipeline.model import Where
from pipeline.normalise.text import clean
from pipeline.rules import Rules


def drop_boilerplate(blocks: list[Block], rules: Rules) -> list[Block]:
    """Blocks without site furniture: banner and footer phrases, and whole boilerplate sections."""
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
    if block.kind == "paragraph" and _priority(block.text, rules) is not None:
        return 2
    if block.kind == "paragraph" and looks_like_heading(block.text):
        return 2
    return None


def looks_like_heading(text: str) -> bool:
    """A short, single line that does not end like a sentence: "Contact", "Related links"."""
    stripped = clean(text)
    return bool(stripped) and "\n" not in text.strip() and len(stripped.split()) <= 8 and stripped[-1] not in ".?!:;,"


def _priority(text: str, rules: Rules) -> tuple[int, str] | None:
    flat = clean(text)
    for pattern in rules.priority_patterns:
        match = pattern.match(flat)
        if match:
            title = match.groupdict().get("title") or ""
            return int(match.group("number")), title.strip()
    return None


def extract(layout: Layout, rules: Rules) -> RawGuidance:
    blocks = drop_boilerplate(layout.blocks, rules)
    guidance = RawGuidance(title=None)
    explicit = any(_priority(b.text, rules) for b in blocks if b.kind != "table")
    priority: int | None = None
    pending_title: str | None = None

    for block in blocks:
        if block.kind == "table":
            if priority is None and not explicit:
                priority = _open_priority(guidance, pending_title or guidance.title or "Questions")
            _form_rows(block, priority or 1, guidance, rules)
            continue
        found = _priority(block.text, rules)
        if found:
            number, title = found
            guidance.priorities.append((number, title))
            priority = number
            continue
        level = _heading_level(block, rules)
        if guidance.title is None and (block.kind == "title" or level is not None or block.kind == "paragraph"):
            guidance.title = block.text
            continue
        if level is not None and not explicit:
            pending_title = clean(block.text)
            priority = None
            continue
        if block.kind == "list_item":
            if priority is None:
                priority = _open_priority(guidance, pending_title or "Questions")
            guidance.questions.append(RawQuestion(priority=priority, text=block.text,
                                                  where=Where(page=block.page, line=block.line, bbox=_bbox(block))))
    return guidance


def _open_priority(guidance: RawGuidance, title: str) -> int:
    number = (guidance.priorities[-1][0] + 1) if guidance.priorities else 1
    guidance.priorities.append((number, title))
    return number


def _bbox(block: Block) -> list[float] | None:
    return list(block.bbox) if block.bbox else None


def _form_rows(block: Block, priority: int, guidance: RawGuidance, rules: Rules) -> None:
    """Rows of a fillable form: the header row says which column is which."""
    if not block.rows:
        return
    header = [rules.header_field("guidance_form", c.text) for c in block.rows[0].cells]
    if "question" not in header:
        return
    for row in block.rows[1:]:
        cells = {}
        for name, cell in zip(header, row.cells, strict=False):
            if name and not cell.merged:
                cells[name] = cell.text
        text = cells.get("question", "")
        if not clean(text) or _priority(text, rules):
            continue
        guidance.questions.append(RawQuestion(
            priority=priority, text=re.sub(r"^\s*[•◦▪●‣·\-–]\s+", "", text),
            response=cells.get("response"), improve=cells.get("improve"), rag=cells.get("rag"),
            where=Where(page=row.page),
        ))
