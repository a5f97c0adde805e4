"""Ids too wide for a narrow id column read whole, whichever program drew the table.

reportlab (like Word) breaks a word wider than its column at the last character that fits, so a
16 mm "Ref" column prints 10.10.10 as "10.10.1" over "0". The plan must read exactly as it
would from a wide column: every action once, with its own text, and every link to such an id kept.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.process import process
from tests.fixtures import plan_fixtures
from tests.fixtures.plan_fixtures import ActionRow, OutcomeGroup, SectionGroup


def test_ids_broken_by_a_narrow_column_are_read_whole(tmp_path: Path, rules) -> None:  # type: ignore[no-untyped-def]
    sections = []
    for s in (9, 10):
        section = SectionGroup(str(s), f"Theme number {s}")
        for o in (9, 10, 11):
            oid = f"{s}.{o}"
            outcome = OutcomeGroup(oid, oid, f"People in group {oid} are better supported")
            for a in range(1, 13):
                aid = f"{oid}.{a}"
                links = f"Link with actions {s}.{o}.{13 - a}, {_far(s)}" if a % 3 == 0 else ""
                outcome.actions.append(
                    ActionRow(aid, f"Deliver action {aid} across the county", "Underway", links, "CYP")
                )
            section.outcomes.append(outcome)
        sections.append(section)
    pdf = plan_fixtures.build_borderless_pdf(tmp_path / "narrow ids.pdf", "Long Ids Action Plan", sections)
    doc = process(pdf, rules)
    want = [a.id for s in sections for o in s.outcomes for a in o.actions]
    assert [a.id for a in doc.actions] == want
    for action in doc.actions:
        assert action.text == f"Deliver action {action.id} across the county"
        number = int(action.id.split(".")[2])
        if number % 3 == 0:
            s, o, _ = action.id.split(".")
            assert action.linked_actions == [f"{s}.{o}.{13 - number}", _far(int(s))]


def _far(section: int) -> str:
    """A two-digit-part id in the other section, for links."""
    return "10.10.10" if section == 9 else "9.11.11"
