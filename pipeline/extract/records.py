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
    status: str | None = None
    links: str | None = None
    age_group: str | None = None
    extra: dict[str, str] = field(default_factory=dict)  # unknown columns: header -> cell
    where: Where = field(default_factory=Where)


@dataclass
class RawPlan:
    title: str | None
    sections: list[RawSection] = field(default_factory=list)
    outcomes: list[RawOutcome] = field(default_factory=list)
    actions: list[RawAction] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass
class RawQuestion:
    priority: int
    text: str  # the whole bullet, as laid out
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
