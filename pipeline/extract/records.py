"""Raw records: what an extractor found, cell by cell, before any rule is applied.

Extractors (text, table) only decide where one cell ends and the next begins; the normaliser
turns raw cells into contract records with the rules. Keeping the raw cells makes a wrong
field traceable back to the cell it came from (`--debug` writes these).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.core.model import Note, Where


@dataclass
class RawSection:
    number: str
    title: str  # as laid out


@dataclass
class RawOutcome:
    id: str  # as printed, e.g. "2.2."
    section: str | None
    text: str  # as laid out, without the id


@dataclass
class RawAction:
    """One action row. Cells hold the text as laid out ("\n" where the cell wrapped)."""

    id: str  # as printed
    outcome: str | None  # outcome id as printed (carried down merged / continued cells)
    section: str | None
    text: str
    title: str | None = None  # a short title beside the text (its own column, or the id's cell)
    status: str | None = None
    status_fill: str | None = None  # the status cell's colour (RRGGBB) when it holds no word
    lead: str | None = None
    timescale: str | None = None
    update: str | None = None  # a progress note beside the status
    links: str | None = None
    age_group: str | None = None
    extra: dict[str, str] = field(default_factory=dict)  # unknown columns: header -> cell
    id_generated: bool = False  # the plan prints no ids: this one comes from the row's place
    where: Where = field(default_factory=Where)


@dataclass
class ColumnDecision:
    """What one column of a plan table was taken for, how sure, and why."""

    column: int
    header: str
    field: str | None  # None: kept under `extra` with its header
    confidence: float
    evidence: str


@dataclass
class RawTable:
    """How one table's columns were read: each column's field, confidence and evidence."""

    page: int | None
    decisions: list[ColumnDecision] = field(default_factory=list)


@dataclass
class RawPlan:
    title: str | None
    sections: list[RawSection] = field(default_factory=list)
    outcomes: list[RawOutcome] = field(default_factory=list)
    actions: list[RawAction] = field(default_factory=list)
    tables: list[RawTable] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    columns_lost: bool = False  # a table pasted as text with its columns run together


@dataclass
class RawQuestion:
    priority: int
    text: str  # the whole bullet, as laid out
    examples: list[str] = field(default_factory=list)  # items of a list nested under it, as laid out
    response: str | None = None
    improve: str | None = None
    rag: str | None = None
    where: Where = field(default_factory=Where)


@dataclass
class RawGuidance:
    title: str | None
    priorities: list[tuple[int, str]] = field(default_factory=list)
    questions: list[RawQuestion] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
