"""The records of JSON contract v2 and the one serialiser that writes them.

Every stage imports its records from here, so the shape of a document is defined once. Records
are plain dataclasses: readable in a debugger, cheap to build, and turned into JSON by
`to_json`, which is the only place that decides key order, indentation and encoding (the build's
manifest and index, the diff and `extract --debug` are written by it too). A record whose JSON
form is not simply its fields (`Where`, `Place`, `Mention`) says what it is with `to_plain`:
typed in the program, the same strings and objects in the JSON as always. The JSON Schema in
`pipeline/schema/document.schema.json` describes the same shape; tests hold the two together.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

SCHEMA_VERSION = 2

Kind = Literal["action_plan", "guidance"]
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass
class Source:
    """Which file a document came from; never an absolute path or a time."""

    file: str
    sha256: str
    format: str  # pdf | docx | html | txt | xlsx | ods | csv
    pages: int | None = None  # null for spreadsheets and text
    # The document this file is a revision of, when the file says so (a workbook this pipeline
    # wrote, edited and put back in inputs/): {"file": ..., "sha256": ...}. Written only when set.
    revision_of: dict[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file, "sha256": self.sha256, "format": self.format, "pages": self.pages}
        if self.revision_of is not None:
            out["revision_of"] = dict(self.revision_of)
        return out


class Compact:
    """A record written in a form of its own rather than field by field (see `to_plain`)."""

    def to_plain(self) -> Any:
        raise NotImplementedError


@dataclass
class Where(Compact):
    """Where a record was read: page (PDFs), line (text), sheet and row (spreadsheets), bounding
    box when known. Only the keys that apply are written.

    The committed JSON keeps the page (and a spreadsheet's sheet) alone: a line or row number or
    a box moves whenever a row is added above it, so writing them would turn one real change into
    a change on every record below it. `coordinates=True` adds them (the provenance file of
    `extract --debug`).
    """

    page: int | None = None
    line: int | None = None
    bbox: list[float] | None = None  # [x0, top, x1, bottom] in PDF points
    sheet: str | None = None  # the workbook sheet (spreadsheets)
    row: int | None = None  # the row number as a spreadsheet program shows it

    def to_plain(self) -> dict[str, Any]:
        return self.to_dict()

    def to_dict(self, coordinates: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"page": self.page}
        if coordinates and self.line is not None:
            out["line"] = self.line
        if self.sheet is not None:
            out["sheet"] = self.sheet
        if coordinates and self.row is not None:
            out["row"] = self.row
        if coordinates and self.bbox is not None:
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


@dataclass(frozen=True)
class Mention(Compact):
    """An organisation, service or acronym an action names: `label` from rules/entities.jsonl
    (ORG, SERVICE ...) or ACRONYM. Written "LABEL: text", as the contract has it."""

    label: str
    text: str

    def to_plain(self) -> str:
        return f"{self.label}: {self.text}"

    @classmethod
    def parse(cls, written: str) -> Mention:
        """ "ORG: NHS England" -> Mention("ORG", "NHS England")"""
        label, _, text = written.partition(": ")
        return cls(label, text)


# The action fields SPEC.md names (contract v1), in its order; more may be added, none removed.
# Contract v2 adds, where the plan has them, `title`, `lead`, `timescale`, `update`,
# `id_generated`, `status_family` and `status_source` (always present, null when not known).
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
    title: str | None = None  # a short title the plan prints beside the text
    status_family: str | None = None  # what the status means: not started, underway, off track, ...
    status_source: str | None = None  # "text" (a status word) | "colour" (a coloured RAG cell)
    lead: str | None = None
    timescale: str | None = None
    update: str | None = None  # a progress note beside the status
    id_generated: bool = False  # the plan prints no ids: this one comes from the action's place
    linked_actions: list[str] = field(default_factory=list)
    linked_outcomes: list[str] = field(default_factory=list)
    external_refs: list[str] = field(default_factory=list)
    depends_on: list[str] = field(default_factory=list)
    age_group: str | None = None
    age_group_raw: str | None = None
    quality_statements: list[int] = field(default_factory=list)
    unresolved_refs: list[str] = field(default_factory=list)  # cited ids this plan does not have
    mentions: list[Mention] = field(default_factory=list)  # written "ORG: NHS England", "ACRONYM: DSL" ...
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


PlaceKind = Literal["document", "plan", "section", "outcome", "action", "priority", "question", "line"]
WHOLE: tuple[PlaceKind, ...] = ("document", "plan")  # places that are the whole of something: no id
LABELLED: tuple[PlaceKind, ...] = ("priority", "line")  # written with their kind: "priority 2", "line 14"
_KINDS: dict[str, PlaceKind] = {kind: kind for kind in get_args(PlaceKind)}


@dataclass(frozen=True)
class Place(Compact):
    """What a finding is about: the whole document or plan, one record by its id, a priority,
    or a line of a text file. Written as the contract's `where` text: "document", "plan",
    "2.3.1" (an action, outcome, section or question id), "priority 2", "line 14"."""

    kind: PlaceKind
    id: str = ""

    def __str__(self) -> str:
        if self.kind in WHOLE:
            return self.kind
        if self.kind in LABELLED:
            return f"{self.kind} {self.id}"
        return self.id

    def to_plain(self) -> str:
        return str(self)

    @classmethod
    def parse(cls, written: str, ids: dict[str, PlaceKind] | None = None) -> Place:
        """The place a `where` text names; `ids` says which kind of record each id is.

        ("plan", {}) -> Place("plan");  ("line 14", {}) -> Place("line", "14");
        ("2.3", {"2.3": "outcome"}) -> Place("outcome", "2.3");  an unknown id is taken as an action's.
        """
        if written in _KINDS and _KINDS[written] in WHOLE:
            return cls(_KINDS[written])
        head, _, rest = written.partition(" ")
        if head in _KINDS and _KINDS[head] in LABELLED and rest:
            return cls(_KINDS[head], rest)
        return cls((ids or {}).get(written, "action"), written)


DOCUMENT = Place("document")
PLAN = Place("plan")


@dataclass
class ColumnReading:
    """One column of a plan table: the field it was read as (null: kept under `extra`), and why."""

    column: int
    header: str
    field: str | None
    confidence: float
    evidence: str


@dataclass
class TableColumns:
    """How the columns of one of a plan's tables were read."""

    page: int | None
    columns: list[ColumnReading] = field(default_factory=list)


@dataclass
class Finding:
    severity: Severity
    code: str
    where: Place
    message: str


@dataclass(frozen=True)
class Note:
    """A remark of a reader or an extractor (a repaired file, text placed nowhere), made into a
    finding by the check stage, beside the findings of its own checks."""

    severity: Severity
    code: str
    where: Place
    message: str

    def finding(self) -> Finding:
        return Finding(self.severity, self.code, self.where, self.message)


@dataclass(frozen=True)
class PageWords:
    """Where the words of one PDF page went, so an officer can see that nothing was lost:
    `words` = `table` + `text` + `furniture` (running headers, page numbers) + `unaccounted`."""

    page: int
    words: int
    table: int
    text: int
    furniture: int
    unaccounted: int
    undecodable_characters: int = 0  # characters the PDF's fonts do not map to text, left out


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
    # Plans: how each table's columns were read (header -> field, confidence, evidence).
    tables: list[TableColumns] = field(default_factory=list)
    extraction: list[PageWords] = field(default_factory=list)  # per page of a PDF
    # What the document says of its own version on its front page ("Version 2.0"), as written.
    revision: str | None = None

    def to_dict(self, coordinates: bool = False) -> dict[str, Any]:
        """The contract form; `coordinates=True` adds each record's line and box (see `Where`)."""
        return {"schema_version": SCHEMA_VERSION, **_fields(self, coordinates)}

    def provenance(self) -> dict[str, Any]:
        """Where each record was read, page, line and box: what the committed JSON leaves out.

        {"file": ..., "actions": [{"id": "1.1.1", "page": 2, "bbox": [...]}], "questions": [...]}
        """
        return {
            "file": self.source.file,
            "sha256": self.source.sha256,
            "actions": [{"id": a.id, **a.source.to_dict(coordinates=True)} for a in self.actions],
            "questions": [{"id": q.id, **q.source.to_dict(coordinates=True)} for q in self.questions],
        }


def plain(value: Any, coordinates: bool = False) -> Any:
    """Records to JSON values, recursively: a `Compact` record in its own form (`Where` with its
    line and box when `coordinates`), a Document with its schema version, any other dataclass
    field by field, tuples as lists."""
    if value is None or type(value) in _SCALARS:
        return value  # most values of a long plan: answered before any record check
    if isinstance(value, Where):
        return value.to_dict(coordinates)
    if isinstance(value, Compact):
        return plain(value.to_plain(), coordinates)
    if isinstance(value, Document):
        return value.to_dict(coordinates)
    if isinstance(value, Source):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _fields(value, coordinates)
    if isinstance(value, (list, tuple)):
        return [plain(v, coordinates) for v in value]
    if isinstance(value, dict):
        return {k: plain(v, coordinates) for k, v in value.items()}
    return value


_SCALARS = frozenset({str, int, float, bool})


def _fields(record: Any, coordinates: bool = False) -> dict[str, Any]:
    return {name: plain(getattr(record, name), coordinates) for name in _field_names(type(record))}


def _field_names(kind: type) -> tuple[str, ...]:
    """A record type's fields, in order (asked once per type, not once per record)."""
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return names


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def to_json(value: Any, coordinates: bool = False) -> str:
    """The one serialiser: sorted keys, 2-space indent, one record per line, trailing newline.

    Objects are laid out a key per line; every item of a list is written on one line of its own
    (an action, a question, a finding: `{"age_group": "CYP", ..., "id": "1.1.1", ...}`). So a
    revision that changes one action changes one line of the committed JSON, adding an action
    adds one line, and `git diff` shows as many lines as there are changes (`--word-diff` shows
    the words). Lists keep document order (that order is meaningful); keys are sorted so that
    the same records always give the same bytes. `value` is a Document, any record, or plain
    data holding records.
    """
    return _layout(plain(value, coordinates), 0, ascii_only=False) + "\n"


def _layout(value: Any, depth: int, ascii_only: bool) -> str:
    """`value` as JSON: objects expanded a key per line, list items one compact line each."""
    if isinstance(value, dict) and value:
        return object_text([(k, _layout(value[k], depth + 1, ascii_only)) for k in sorted(value)], depth, ascii_only)
    if isinstance(value, list) and value:
        pad, inner = "  " * depth, "  " * (depth + 1)
        items = [f"{inner}{_compact(v, ascii_only)}" for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return _compact(value, ascii_only)


def laid_out(value: Any, depth: int) -> str:
    """`value` as `to_json` writes it where it stands `depth` levels deep: a part of a larger
    file that can be kept and put back unchanged (`object_text`), so a file rewritten often
    lays out only what changed (the build's manifest, once per document built)."""
    return _layout(plain(value), depth, ascii_only=False)


def object_text(members: list[tuple[str, str]], depth: int, ascii_only: bool = False) -> str:
    """A JSON object `depth` levels deep from its keys, in sorted order, and their values as
    `laid_out(value, depth + 1)` gave them: the same text `to_json` writes for the whole."""
    if not members:
        return "{}"
    pad, inner = "  " * depth, "  " * (depth + 1)
    items = [f"{inner}{json.dumps(str(k), ensure_ascii=ascii_only)}: {text}" for k, text in members]
    return "{\n" + ",\n".join(items) + "\n" + pad + "}"


def _compact(value: Any, ascii_only: bool) -> str:
    return _ENCODERS[ascii_only].encode(value)


# One encoder each way, made once (json.dumps with these options makes one per call: per action).
_ENCODERS = {
    ascii_only: json.JSONEncoder(ensure_ascii=ascii_only, sort_keys=True, separators=(", ", ": "))
    for ascii_only in (False, True)
}


def json_bytes(value: Any, coordinates: bool = False) -> bytes:
    """`to_json` as UTF-8 bytes. A file name that is not valid Unicode (undecodable bytes on
    disk) cannot be UTF-8: the whole document is then written with escapes, never lost."""
    data = plain(value, coordinates)
    try:
        return (_layout(data, 0, ascii_only=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (_layout(data, 0, ascii_only=True) + "\n").encode("ascii")


def from_dict(data: dict[str, Any]) -> Document:
    """Rebuild a Document from its JSON form (used by diff and by the round-trip test); a
    KeyError, TypeError or ValueError if it is not one."""
    if data["kind"] not in get_args(Kind):
        raise ValueError(f"no such kind of document: {data['kind']!r}")

    def where(d: dict[str, Any] | None) -> Where:
        d = d or {}
        return Where(page=d.get("page"), line=d.get("line"), bbox=d.get("bbox"), sheet=d.get("sheet"), row=d.get("row"))

    def build(cls: type, d: dict[str, Any]) -> Any:
        names = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in d.items() if k in names}
        if "source" in kwargs and cls in (Action, Question):
            kwargs["source"] = where(kwargs["source"])
        if "mentions" in kwargs and cls is Action:
            kwargs["mentions"] = [Mention.parse(m) for m in kwargs["mentions"]]
        return cls(**kwargs)

    sections = [build(Section, d) for d in data.get("sections", [])]
    outcomes = [build(Outcome, d) for d in data.get("outcomes", [])]
    actions = [build(Action, d) for d in data.get("actions", [])]
    questions = [build(Question, d) for d in data.get("questions", [])]
    ids: dict[str, PlaceKind] = {
        **{s.number: "section" for s in sections},
        **{o.id: "outcome" for o in outcomes},
        **{q.id: "question" for q in questions},
        **{a.id: "action" for a in actions},
    }
    findings = [
        Finding(d["severity"], d["code"], Place.parse(d["where"], ids), d["message"]) for d in data.get("findings", [])
    ]
    return Document(
        source=build(Source, data["source"]),
        kind=data["kind"],
        title=data["title"],
        revision=data.get("revision"),
        sections=sections,
        outcomes=outcomes,
        actions=actions,
        priorities=[build(Priority, d) for d in data.get("priorities", [])],
        questions=questions,
        findings=findings,
        tables=[
            TableColumns(page=t.get("page"), columns=[build(ColumnReading, c) for c in t.get("columns", [])])
            for t in data.get("tables", [])
        ],
        extraction=[build(PageWords, d) for d in data.get("extraction", [])],
    )
