"""The records of JSON contract v1 and the one serialiser that writes them.

Every stage imports its records from here, so the shape of a document is defined once. Records
are plain dataclasses: readable in a debugger, cheap to build, and turned into JSON by
`to_json`, which is the only place that decides key order, indentation and encoding. The JSON
Schema in `pipeline/schema/document.schema.json` describes the same shape; tests hold the two
together.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1

Kind = Literal["action_plan", "guidance"]
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass
class Source:
    """Which file a document came from; never an absolute path or a time."""

    file: str
    sha256: str
    format: str  # pdf | docx | html | txt
    pages: int | None = None


@dataclass
class Where:
    """Where a record was read: page (PDFs), line (text), bounding box when known."""

    page: int | None = None
    line: int | None = None
    bbox: list[float] | None = None  # [x0, top, x1, bottom] in PDF points

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"page": self.page}
        if self.line is not None:
            out["line"] = self.line
        if self.bbox is not None:
            out["bbox"] = [round(v, 1) for v in self.bbox]
        return out


@dataclass
class Section:
    number: str
    title: str


@dataclass
class Outcome:
    id: str
    section: str
    text: str
    quality_statements: list[int] = field(default_factory=list)


# The action fields SPEC.md names (contract v1), in its order; more may be added, none removed.
CONTRACT_ACTION_FIELDS = (
    "id",
    "outcome",
    "section",
    "text",
    "status",
    "status_raw",
    "links_raw",
    "linked_actions",
    "linked_outcomes",
    "external_refs",
    "depends_on",
    "age_group",
    "quality_statements",
    "source",
)


@dataclass
class Action:
    id: str
    outcome: str | None
    section: str | None
    text: str
    status: str | None
    status_raw: str | None
    links_raw: str | None
    linked_actions: list[str] = field(default_factory=list)
    linked_outcomes: list[str] = field(default_factory=list)
    external_refs: list[str] = field(default_factory=list)
    depends_on: list[str] = field(default_factory=list)
    age_group: str | None = None
    age_group_raw: str | None = None
    quality_statements: list[int] = field(default_factory=list)
    unresolved_refs: list[str] = field(default_factory=list)  # cited ids this plan does not have
    mentions: list[str] = field(default_factory=list)  # "ORG: NHS England", "ACRONYM: DSL" ...
    extra: dict[str, str] = field(default_factory=dict)  # columns with no contract field: header -> cell
    source: Where = field(default_factory=Where)


@dataclass
class Priority:
    number: int
    title: str


@dataclass
class Question:
    id: str
    priority: int
    text: str
    parts: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # "open" | "closed", one per part
    follow_up: list[bool] = field(default_factory=list)  # part refers back to an earlier one
    notes: list[str] = field(default_factory=list)  # sentences that are not questions
    examples: list[str] = field(default_factory=list)  # a nested list under the question, item by item
    response: str | None = None  # read back from a filled-in form
    improve: str | None = None
    rag: str | None = None  # the rating as written on the form ("A", "amber", "Partly")
    rag_label: str | None = None  # that rating's label in rules/guidance.yaml `ratings` ("Amber"); null if none
    source: Where = field(default_factory=Where)


@dataclass
class Finding:
    severity: Severity
    code: str
    where: str
    message: str


@dataclass
class Document:
    source: Source
    kind: Kind
    title: str
    sections: list[Section] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    priorities: list[Priority] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # Per page of a PDF: how many words went into table cells, headings/text, page furniture,
    # and how many went nowhere -- so an officer can see that nothing was lost.
    extraction: list[dict[str, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **_plain(self)}


def _plain(value: Any) -> Any:
    """Dataclasses to dicts, recursively, with `Where` in its compact form."""
    if isinstance(value, Where):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_json(doc: Document | dict[str, Any]) -> str:
    """The one serialiser: sorted keys, 2-space indent, UTF-8 text, trailing newline.

    Lists keep document order (that order is meaningful); keys are sorted so that the same
    records always give the same bytes.
    """
    data = doc.to_dict() if isinstance(doc, Document) else doc
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def json_bytes(data: Document | dict[str, Any]) -> bytes:
    """`to_json` as UTF-8 bytes. A file name that is not valid Unicode (undecodable bytes on
    disk) cannot be UTF-8: the whole document is then written with escapes, never lost."""
    try:
        return to_json(data).encode("utf-8")
    except UnicodeEncodeError:
        plain = data.to_dict() if isinstance(data, Document) else data
        return (json.dumps(plain, indent=2, sort_keys=True) + "\n").encode("ascii")


def from_dict(data: dict[str, Any]) -> Document:
    """Rebuild a Document from its JSON form (used by diff and by the round-trip test)."""

    def where(d: dict[str, Any] | None) -> Where:
        d = d or {}
        return Where(page=d.get("page"), line=d.get("line"), bbox=d.get("bbox"))

    def build(cls: type, d: dict[str, Any]) -> Any:
        names = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in d.items() if k in names}
        if "source" in kwargs and cls in (Action, Question):
            kwargs["source"] = where(kwargs["source"])
        return cls(**kwargs)

    return Document(
        source=build(Source, data["source"]),
        kind=data["kind"],
        title=data["title"],
        sections=[build(Section, d) for d in data.get("sections", [])],
        outcomes=[build(Outcome, d) for d in data.get("outcomes", [])],
        actions=[build(Action, d) for d in data.get("actions", [])],
        priorities=[build(Priority, d) for d in data.get("priorities", [])],
        questions=[build(Question, d) for d in data.get("questions", [])],
        findings=[build(Finding, d) for d in data.get("findings", [])],
        extraction=[dict(d) for d in data.get("extraction", [])],
    )
