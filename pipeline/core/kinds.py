"""The kinds of document, in one table: what each is called and which of its records count.

Every place that treats plans and guidance differently looks the kind up here (or in a table
of its own stage keyed by kind: the extractors in `process`, the checks, the workbook sheets)
instead of comparing with "action_plan"; a third kind is one more row in each table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.core.model import Document, Kind


@dataclass(frozen=True)
class DocumentKind:
    name: Kind
    label: str  # "Action plan": the index and the workbooks
    phrase: str  # "action plan": the one-line summaries
    records: str  # the Document list holding its records, which is also their noun: "actions"
    counted: tuple[str, ...]  # the Document lists counted in summaries, in this order
    statuses: bool  # its records carry a status: counted by status, coloured
    answers: bool  # its records can be answered (a self-assessment form): answered ones are counted
    revisions: bool  # two revisions of it can be compared (diff, revision histories)

    def records_of(self, doc: Document) -> list[Any]:
        return list(getattr(doc, self.records))


KINDS: dict[str, DocumentKind] = {
    "action_plan": DocumentKind(
        name="action_plan",
        label="Action plan",
        phrase="action plan",
        records="actions",
        counted=("sections", "outcomes", "actions"),
        statuses=True,
        answers=False,
        revisions=True,
    ),
    "guidance": DocumentKind(
        name="guidance",
        label="Guidance",
        phrase="guidance",
        records="questions",
        counted=("priorities", "questions"),
        statuses=False,
        answers=True,
        revisions=False,
    ),
}
