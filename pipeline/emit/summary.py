"""One document at a glance, from its JSON: kind, title, counts, records by status, findings.

The index lists it, the build's manifest keeps it (so `make` can say what a document holds
without reading it again) and the console prints it. Light on purpose: the build's planning
step imports it without any reading or workbook library.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from pipeline.core.kinds import KINDS
from pipeline.core.model import SEVERITIES

NO_STATUS = "No status"  # the column and count of actions whose status matched no rule


@dataclass
class Summary:
    """One document at a glance (from its JSON): what the index lists, the build's manifest
    keeps and the console says ("action plan, 32 actions, 3 findings")."""

    kind: str
    title: str | None
    findings: dict[str, int]  # by severity, every severity
    counts: dict[str, int]  # sections, outcomes, actions; or priorities, questions, answered
    statuses: dict[str, int]  # records by status, only those that occur (the index adds the zeros)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Summary:
        """The summary as the manifest wrote it (a KeyError, TypeError or ValueError if it is not one)."""
        if data["kind"] not in KINDS:
            raise ValueError(f"no such kind of document: {data['kind']!r}")
        return cls(data["kind"], data["title"], dict(data["findings"]), dict(data["counts"]), dict(data["statuses"]))

    def to_dict(self) -> dict[str, Any]:
        """Its plain form, each mapping a copy (what `dataclasses.asdict` gives, without its deep copies)."""
        return {
            "kind": self.kind,
            "title": self.title,
            "findings": dict(self.findings),
            "counts": dict(self.counts),
            "statuses": dict(self.statuses),
        }

    def describe(self) -> str:
        """ "action plan, 32 actions, 3 findings" """
        kind = KINDS[self.kind]
        findings = sum(self.findings.values())
        records = f"{self.counts.get(kind.records, 0)} {kind.records}"
        return f"{kind.phrase}, {records}, {findings} finding{'s' if findings != 1 else ''}"


def summarise(doc: dict[str, Any]) -> Summary:
    """Kind, title, counts, records by status and findings by severity of one document's JSON."""
    findings = Counter(f.get("severity") for f in doc.get("findings", []))
    kind = KINDS[doc["kind"]]
    records = doc.get(kind.records, [])
    counts = {name: len(doc.get(name, [])) for name in kind.counted}
    if kind.answers:
        counts["answered"] = sum(1 for r in records if (r.get("response") or "").strip())
    statuses = Counter(r.get("status") or NO_STATUS for r in records) if kind.statuses else Counter()
    return Summary(
        kind=kind.name,
        title=doc.get("title"),
        findings={s: findings.get(s, 0) for s in SEVERITIES},
        counts=counts,
        statuses=dict(sorted(statuses.items())),
    )
