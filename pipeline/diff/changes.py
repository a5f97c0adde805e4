"""The change set: a plain record of what changed between two revisions, and its summary.

`compare.compare` builds it; every renderer (Markdown, JSON, workbook, terminal) reads it and
nothing else, so the four always agree. `to_dict` is the machine-readable form: ids rather
than positions, sorted, no times or paths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.diff.match import Matching
from pipeline.diff.similarity import WordOp

DIFF_VERSION = 1

# Tags an action change can carry, in the order the summary names them, with the phrase used.
TAG_PHRASES: dict[str, str] = {
    "forward": "moved forward",
    "back": "went back",
    "stalled": "stalled",
    "status changed": "changed status",
    "added": "added",
    "removed": "removed",
    "replaced": "replaced by different work under the same number",
    "reworded": "reworded",
    "moved": "renumbered",
    "outcome": "moved to another outcome",
    "section": "moved to another section",
    "links": "changed links",
    "age group": "changed age group",
    "status wording": "had their status note reworded",
}
STATUS_TAGS = {
    "forward": "forward",
    "back": "back",
    "stalled": "stalled",
    "changed": "status changed",
    "reworded": "status wording",
}


@dataclass(frozen=True)
class ValueChange:
    old: str | None
    new: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new}


@dataclass(frozen=True)
class TextChange:
    """A text that was reworded, with the word-level account of how."""

    old: str | None
    new: str | None
    words: tuple[WordOp, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "words": [list(w) for w in self.words]}


@dataclass(frozen=True)
class StatusChange:
    """A status that changed. `direction`: forward | back | stalled | changed | reworded.

    forward/back: along `progress` in rules/statuses.yaml; stalled: to a `blocked` status;
    changed: equal progress, another label, or a status appearing or disappearing;
    reworded: the same status, said differently ("Awaiting result of 2.3.1" -> "Awaiting sign-off").
    """

    old: str | None
    new: str | None
    old_raw: str | None
    new_raw: str | None
    direction: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "old_raw": self.old_raw,
            "new_raw": self.new_raw,
            "direction": self.direction,
        }


@dataclass(frozen=True)
class ActionView:
    """What an action said in one revision (for added and removed actions, and context)."""

    id: str
    outcome: str | None
    section: str | None
    text: str
    status: str | None
    status_raw: str | None
    links_raw: str | None
    age_group: str | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ActionChange:
    change: str  # added | removed | replaced | changed
    old_id: str | None
    new_id: str | None
    old: ActionView | None = None
    new: ActionView | None = None
    moved: bool = False
    similarity: float | None = None
    status: StatusChange | None = None
    text: TextChange | None = None
    links: TextChange | None = None
    age_group: ValueChange | None = None
    outcome: ValueChange | None = None
    section: ValueChange | None = None
    old_index: int | None = None  # position in the old document (not written out)
    new_index: int | None = None

    def tags(self) -> list[str]:
        if self.change != "changed":
            return [self.change]
        out = []
        if self.status:
            out.append(STATUS_TAGS[self.status.direction])
        if self.text:
            out.append("reworded")
        if self.moved:
            out.append("moved")
        if self.outcome:
            out.append("outcome")
        if self.section:
            out.append("section")
        if self.links:
            out.append("links")
        if self.age_group:
            out.append("age group")
        return out

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "change": self.change,
            "old_id": self.old_id,
            "new_id": self.new_id,
            "tags": self.tags(),
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
        }
        if self.change == "changed":
            out["moved"] = self.moved
        if self.similarity is not None and (self.moved or self.text or self.change == "replaced"):
            out["similarity"] = round(self.similarity, 2)
        for name in ("status", "text", "links", "age_group", "outcome", "section"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value.to_dict()
        return out


@dataclass(frozen=True)
class RecordKind:
    """How the change set names one kind of record (an outcome, a section) in its JSON and reports."""

    label: str  # "Outcome"
    key: str  # its number's field: "id" -> old_id, new_id in the JSON
    text: str  # its text's field: "text" -> old_text, new_text, and "text" for the word diff
    reworded: str  # the tag of a changed text: "reworded"; a section is "renamed"


OUTCOME = RecordKind("Outcome", "id", "text", "reworded")
SECTION = RecordKind("Section", "number", "title", "renamed")


@dataclass
class RecordChange:
    """An outcome or a section added, removed, replaced by another under its number, or changed:
    reworded (renamed), renumbered, or (an outcome) moved to another section."""

    kind: RecordKind
    change: str  # added | removed | replaced | changed
    old_id: str | None
    new_id: str | None
    old_text: str | None = None
    new_text: str | None = None
    moved: bool = False
    text: TextChange | None = None
    section: ValueChange | None = None  # outcomes only

    def tags(self) -> list[str]:
        if self.change != "changed":
            return [self.change]
        return [
            t for t, on in ((self.kind.reworded, self.text), ("moved", self.moved), ("section", self.section)) if on
        ]

    def to_dict(self) -> dict[str, Any]:
        key, text = self.kind.key, self.kind.text
        out: dict[str, Any] = {
            "change": self.change,
            f"old_{key}": self.old_id,
            f"new_{key}": self.new_id,
            "tags": self.tags(),
            f"old_{text}": self.old_text,
            f"new_{text}": self.new_text,
        }
        if self.text:
            out[text] = self.text.to_dict()
        if self.section:
            out["section"] = self.section.to_dict()
        return out


@dataclass(frozen=True)
class DocumentRef:
    """Which revision: its file name (never a path), title, fingerprint and size."""

    file: str
    title: str
    sha256: str
    format: str
    actions: int
    outcomes: int
    sections: int

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ChangeSet:
    old: DocumentRef
    new: DocumentRef
    title: ValueChange | None = None
    sections: list[RecordChange] = field(default_factory=list)
    outcomes: list[RecordChange] = field(default_factory=list)
    actions: list[ActionChange] = field(default_factory=list)
    unchanged: int = 0  # actions in both revisions with nothing changed
    matching: Matching = field(default_factory=Matching, repr=False)  # which old action is which new one
    new_actions: list[ActionView] = field(default_factory=list, repr=False)  # the new revision, in its order

    def is_empty(self) -> bool:
        return not (self.title or self.sections or self.outcomes or self.actions)

    def counts(self) -> dict[str, int]:
        """How many actions carry each tag, in summary order, zeros left out."""
        out = dict.fromkeys(TAG_PHRASES, 0)
        for change in self.actions:
            for tag in change.tags():
                out[tag] += 1
        return {tag: n for tag, n in out.items() if n}

    def to_dict(self) -> dict[str, Any]:
        return {
            "diff_version": DIFF_VERSION,
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "summary": summary_lines(self),
            "counts": {**self.counts(), "unchanged": self.unchanged},
            "title": self.title.to_dict() if self.title else None,
            "sections": [c.to_dict() for c in self.sections],
            "outcomes": [c.to_dict() for c in self.outcomes],
            "actions": [c.to_dict() for c in self.actions],
        }


def summary_lines(changes: ChangeSet) -> list[str]:
    """The short account an officer reads first.

    ["5 actions moved forward, 1 went back, 1 added, 1 removed; 24 unchanged.", "Outcomes: 1 added."]
    """
    if changes.is_empty():
        return ["No changes: the same actions, statuses and wording in both revisions."]
    lines = [_actions_line(changes)]
    if changes.title:
        lines.append(f"Title changed from \u201c{changes.title.old}\u201d to \u201c{changes.title.new}\u201d.")
    for label, items in (("Outcomes", changes.outcomes), ("Sections", changes.sections)):
        if items:
            lines.append(f"{label}: {_plain_counts([t for c in items for t in c.tags()])}.")
    return lines


def _actions_line(changes: ChangeSet) -> str:
    counts = changes.counts()
    if not counts:
        return f"No action changed ({changes.unchanged} unchanged)."
    moved_to_outcome = sum(1 for c in changes.actions if c.moved and c.outcome)
    parts: list[str] = []
    for tag, n in counts.items():
        if tag == "outcome" and moved_to_outcome == n:
            continue  # said with the renumbered ones
        phrase = f"{n} {TAG_PHRASES[tag]}"
        if tag == "moved" and moved_to_outcome:
            phrase += f" ({moved_to_outcome} to another outcome)"
        elif tag == "outcome":
            phrase = f"{n - moved_to_outcome} {TAG_PHRASES[tag]}"
        parts.append(phrase)
    first_n = int(parts[0].split(" ", 1)[0])
    parts[0] = parts[0].replace(" ", " action " if first_n == 1 else " actions ", 1)
    return ", ".join(parts) + f"; {changes.unchanged} unchanged."


_RECORD_TAGS = {
    "added": "added",
    "removed": "removed",
    "replaced": "replaced",
    "reworded": "reworded",
    "renamed": "renamed",
    "moved": "renumbered",
    "section": "moved to another section",
}


def _plain_counts(tags: list[str]) -> str:
    """Outcome or section tags counted, in a fixed order: "1 added, 2 renumbered"."""
    return ", ".join(f"{tags.count(tag)} {phrase}" for tag, phrase in _RECORD_TAGS.items() if tag in tags)
