"""The records of JSON contract v1 and the one serialiser that writes them.

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


class Compact:
    """A record written in a form of its own rather than field by field (see `to_plain`)."""

    def to_plain(self) -> Any:
        raise NotImplementedError


@dataclass
class Where(Compact):
    """Where a record was read: page (PDFs), line (text), bounding box when known."""

    page: int | None = None
    line: int | None = None
    bbox: list[float] | None = None  # [x0, top, x1, bottom] in PDF points

    def to_plain(self) -> dict[str, Any]:
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
    response: str | None = None  # read back from a filled-in form
    improve: str | None = None
    rag: str | None = None
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
    extraction: list[PageWords] = field(default_factory=list)  # per page of a PDF

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **_fields(self)}


def plain(value: Any) -> Any:
    """Records to JSON values, recursively: a `Compact` record in its own form, a Document with
    its schema version, any other dataclass field by field, tuples as lists."""
    if isinstance(value, Compact):
        return plain(value.to_plain())
    if isinstance(value, Document):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _fields(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def _fields(record: Any) -> dict[str, Any]:
    return {f.name: plain(getattr(record, f.name)) for f in dataclasses.fields(record)}


def to_json(value: Any) -> str:
    """The one serialiser: sorted keys, 2-space indent, UTF-8 text, trailing newline.

    Lists keep document order (that order is meaningful); keys are sorted so that the same
    records always give the same bytes. `value` is a Document, any record, or plain data
    holding records.
    """
    return json.dumps(plain(value), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def json_bytes(value: Any) -> bytes:
    """`to_json` as UTF-8 bytes. A file name that is not valid Unicode (undecodable bytes on
    disk) cannot be UTF-8: the whole document is then written with escapes, never lost."""
    data = plain(value)
    try:
        return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("ascii")


def from_dict(data: dict[str, Any]) -> Document:
    """Rebuild a Document from its JSON form (used by diff and by the round-trip test); a
    KeyError, TypeError or ValueError if it is not one."""
    if data["kind"] not in get_args(Kind):
        raise ValueError(f"no such kind of document: {data['kind']!r}")

    def where(d: dict[str, Any] | None) -> Where:
        d = d or {}
        return Where(page=d.get("page"), line=d.get("line"), bbox=d.get("bbox"))

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
        sections=sections,
        outcomes=outcomes,
        actions=actions,
        priorities=[build(Priority, d) for d in data.get("priorities", [])],
        questions=questions,
        findings=findings,
        extraction=[build(PageWords, d) for d in data.get("extraction", [])],
    )
