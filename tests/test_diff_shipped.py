"""The two shipped revisions of the seed plan: every change, exactly, written down by hand.

Revision 2 (`inputs/self-harm-action-plan 2020-06 revision 2.txt`, made by
tests/fixtures/revision_fixtures.py) differs from revision 1 in exactly these ways: 1.1.1,
1.3.2, 2.1.2, 2.3.2 and 3.1.5 moved forward; 1.2.2 went back; 3.1.4 was put on hold; 1.2.3 was
added; 3.1.6 was dropped; 2.2.4 was reworded; 4.1.3 became 4.2.1 under a new outcome 4.2.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.core.model import Document, from_dict, to_json
from pipeline.diff.changes import ChangeSet, summary_lines
from pipeline.diff.command import run_diff
from pipeline.diff.compare import compare
from pipeline.diff.render_json import render_json
from pipeline.diff.render_md import render_markdown
from pipeline.process import process
from tests.fixtures import revision_fixtures
from tests.helpers import FIXTURES, ROOT

REV1 = ROOT / "inputs" / "self-harm-action-plan.txt"
REV2 = ROOT / "inputs" / "self-harm-action-plan 2020-06 revision 2.txt"
RENUMBERED = FIXTURES / "revision-renumbered.txt"
STEM = "self-harm-action-plan__self-harm-action-plan 2020-06 revision 2"
SUMMARY = (
    "5 actions moved forward, 1 went back, 1 stalled, 1 added, 1 removed, 1 reworded, "
    "1 renumbered (1 to another outcome); 22 unchanged."
)

# (change, old id, new id, tags, old status, new status) in plan order
EXPECTED = [
    ("changed", "1.1.1", "1.1.1", ["forward"], "Initial meeting", "Underway"),
    ("changed", "1.2.2", "1.2.2", ["back"], "Underway", "Initial meeting"),
    ("added", None, "1.2.3", ["added"], None, "Idea"),
    ("changed", "1.3.2", "1.3.2", ["forward"], "Underway", "Complete"),
    ("changed", "2.1.2", "2.1.2", ["forward"], "Initial meeting", "Underway"),
    ("changed", "2.2.4", "2.2.4", ["reworded"], "Underway", "Underway"),
    ("changed", "2.3.2", "2.3.2", ["forward"], "Awaiting", "Underway"),
    ("changed", "3.1.4", "3.1.4", ["stalled"], "Initial meeting", "Awaiting"),
    ("changed", "3.1.5", "3.1.5", ["forward"], "Underway", "Complete"),
    ("removed", "3.1.6", None, ["removed"], "Awaiting", None),
    ("changed", "4.1.3", "4.2.1", ["moved", "outcome"], "Idea", "Idea"),
]


@pytest.fixture(scope="module")
def rev1(rules) -> Document:
    return process(REV1, rules)


@pytest.fixture(scope="module")
def rev2(rules) -> Document:
    return process(REV2, rules)


@pytest.fixture(scope="module")
def changes(rev1: Document, rev2: Document, rules) -> ChangeSet:
    return compare(rev1, rev2, rules)


def test_shipped_revision_is_what_the_fixture_script_makes() -> None:
    text = revision_fixtures.revision_2_text()
    assert REV2.read_text(encoding="utf-8") == text
    assert (FIXTURES / "revision-2 2020-06.txt").read_text(encoding="utf-8") == text
    assert RENUMBERED.read_text(encoding="utf-8") == revision_fixtures.renumbered_text()


def test_revision_2_reads_with_only_the_plans_real_findings(rev2: Document) -> None:
    assert len(rev2.actions) == 32 and len(rev2.outcomes) == 10 and len(rev2.sections) == 5
    assert [(f.severity, f.code, str(f.where)) for f in rev2.findings] == [
        ("info", "outcome-reference", "2.1.2"),
        ("warning", "dangling-reference", "5.1.4"),
    ]


def test_every_action_change(changes: ChangeSet) -> None:
    got = [
        (c.change, c.old_id, c.new_id, c.tags(), c.old.status if c.old else None, c.new.status if c.new else None)
        for c in changes.actions
    ]
    assert got == EXPECTED
    assert changes.unchanged == 22


def test_summary_and_counts(changes: ChangeSet) -> None:
    assert summary_lines(changes) == [SUMMARY, "Outcomes: 1 added."]
    assert changes.counts() == {
        "forward": 5,
        "back": 1,
        "stalled": 1,
        "added": 1,
        "removed": 1,
        "reworded": 1,
        "moved": 1,
        "outcome": 1,
    }


def test_change_details(changes: ChangeSet) -> None:
    by_new = {c.new_id: c for c in changes.actions if c.new_id}
    assert by_new["2.2.4"].text is not None and by_new["2.2.4"].text.words == (
        ("=", "Improve promotion of"),
        ("-", "exisiting"),
        ("+", "existing"),
        ("=", "resources, including: Self-Harm Helpline; TIC+"),
        ("-", "services"),
        ("+", "services; Kooth"),
        ("=", "and CYPS Professionals Helpline"),
    )
    stalled = by_new["3.1.4"].status
    assert stalled is not None and (stalled.old_raw, stalled.new_raw, stalled.direction) == (
        "Initial meeting",
        "On hold until UCC plans agreed",
        "stalled",
    )
    waited = by_new["2.3.2"].status
    assert waited is not None and waited.old_raw == "Awaiting result of 2.3.1" and waited.direction == "forward"
    moved = by_new["4.2.1"]
    assert moved.outcome is not None and (moved.outcome.old, moved.outcome.new) == ("4.1", "4.2")
    assert moved.text is None and moved.status is None and moved.similarity == 1.0
    added = by_new["1.2.3"].new
    assert added is not None and (added.text, added.status, added.age_group, added.links_raw, added.outcome) == (
        "Develop guidance for youth workers on responding when a young person discloses self-harm",
        "Idea",
        "CYP",
        "Links to 1.1.1",
        "1.2",
    )
    (removed,) = [c for c in changes.actions if c.change == "removed"]
    assert removed.old is not None and removed.old.text == (
        "Review the pathway for SWAFST staff attending callouts involving self harm"
    )
    assert removed.old.status_raw == "Awaiting imminent MIU pathway publication"
    assert [(o.change, o.new_id, o.new_text) for o in changes.outcomes] == [
        (
            "added",
            "4.2",
            "People who have reduced or stopped self-harming can get support again quickly if they need it",
        )
    ]
    assert changes.sections == [] and changes.title is None


@pytest.mark.parametrize("path", [REV1, REV2], ids=["revision-1", "revision-2"])
def test_a_revision_against_itself_has_no_change(path: Path, rules) -> None:
    doc = process(path, rules)
    changes = compare(doc, doc, rules)
    assert changes.is_empty() and changes.unchanged == 32
    again = compare(doc, from_dict(json.loads(to_json(doc))), rules)
    assert again.is_empty()


def test_the_same_actions_in_another_order_report_no_change(rev2: Document, rules) -> None:
    reordered = from_dict(json.loads(to_json(rev2)))
    reordered.actions = sorted(reordered.actions, key=lambda a: (a.status or "", a.text))[::-1]
    reordered.outcomes = reordered.outcomes[::-1]
    assert reordered.actions[0].id != rev2.actions[0].id
    assert compare(rev2, reordered, rules).is_empty()


def test_a_renumbering_cascade_is_reported_as_moves(rev1: Document, rules) -> None:
    changes = compare(rev1, process(RENUMBERED, rules), rules)
    assert [(c.change, c.old_id, c.new_id, c.tags()) for c in changes.actions] == [
        ("changed", "4.1.3", "4.1.2", ["moved"]),
        ("changed", "4.1.2", "4.2.1", ["moved", "outcome"]),
    ]
    assert [(o.change, o.new_id) for o in changes.outcomes] == [("added", "4.2")]
    assert summary_lines(changes)[0] == "2 actions renumbered (1 to another outcome); 30 unchanged."


def test_markdown_report(changes: ChangeSet) -> None:
    text = render_markdown(changes)
    lines = text.splitlines()
    assert lines[0] == "# What changed: self-harm-action-plan.txt → self-harm-action-plan 2020-06 revision 2.txt"
    assert lines[2] == f"**{SUMMARY}**"
    for expected in [
        "### Moved forward (5)",
        "### Went back (1)",
        "- **1.2.2** Roll out the new MH e-learning package to all schools — Underway → **Initial meeting**",
        "### Stalled (1)",
        "## Added (1)",
        "## Removed (1)",
        "## Renumbered or moved (1)",
        "- **2.2.4**: Improve promotion of ~~exisiting~~ **existing** resources, including: Self-Harm Helpline; "
        "TIC+ ~~services~~ **services; Kooth** and CYPS Professionals Helpline",
        "- Added **4.2**: People who have reduced or stopped self-harming can get support again quickly if they "
        "need it",
    ]:
        assert expected in lines, expected
    moved = next(line for line in lines if line.startswith("- **4.1.3 → 4.2.1**"))
    assert "now under outcome 4.2 (was 4.1)" in moved
    assert text.index("## Status changes") < text.index("## Added") < text.index("## Removed")


def test_json_report(changes: ChangeSet) -> None:
    data = json.loads(render_json(changes))
    assert data["diff_version"] == 1
    assert data["old"]["file"] == "self-harm-action-plan.txt"
    assert data["new"]["file"] == "self-harm-action-plan 2020-06 revision 2.txt"
    assert data["counts"] == {
        "forward": 5,
        "back": 1,
        "stalled": 1,
        "added": 1,
        "removed": 1,
        "reworded": 1,
        "moved": 1,
        "outcome": 1,
        "unchanged": 22,
    }
    assert [(a["old_id"], a["new_id"], a["tags"]) for a in data["actions"]] == [
        (old, new, tags) for _, old, new, tags, _, _ in EXPECTED
    ]
    assert "/work" not in render_json(changes) and str(ROOT) not in render_json(changes)


def test_diff_command_writes_three_files_and_prints_the_summary(tmp_path: Path, capsys) -> None:
    assert run_diff(REV1, REV2, tmp_path) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        "self-harm-action-plan.txt → self-harm-action-plan 2020-06 revision 2.txt",
        f"  {SUMMARY}",
        "  Outcomes: 1 added.",
    ]
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"{STEM}.diff.json", f"{STEM}.diff.md", f"{STEM}.diff.xlsx"]
    first = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    again = tmp_path / "again"
    assert run_diff(REV1, REV2, again) == 0
    assert {p.name: p.read_bytes() for p in again.iterdir()} == first


def test_diff_of_the_json_outputs_equals_diff_of_the_documents(tmp_path: Path, rev1: Document, rev2: Document) -> None:
    (tmp_path / "json").mkdir()
    old = tmp_path / "json" / "self-harm-action-plan.json"
    new = tmp_path / "json" / "self-harm-action-plan 2020-06 revision 2.json"
    old.write_text(to_json(rev1), encoding="utf-8")
    new.write_text(to_json(rev2), encoding="utf-8")
    assert run_diff(old, new, tmp_path / "a") == 0
    assert run_diff(REV1, REV2, tmp_path / "b") == 0
    for suffix in (".diff.md", ".diff.json", ".diff.xlsx"):
        assert (tmp_path / "a" / f"{STEM}{suffix}").read_bytes() == (tmp_path / "b" / f"{STEM}{suffix}").read_bytes()


def test_diff_command_errors_are_one_line_and_write_nothing(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert run_diff(tmp_path / "missing.pdf", REV2, out) == 2
    assert capsys.readouterr().err.strip().endswith("missing.pdf: file not found — check the name and the folder")
    guidance = ROOT / "inputs" / "self-harm-reflection-tool.txt"
    assert run_diff(REV1, guidance, out) == 1
    err = capsys.readouterr().err.strip()
    assert err.endswith(
        "self-harm-reflection-tool.txt: is guidance, not an action plan — diff compares two "
        "revisions of an action plan; give two plans (documents or their .json)"
    )
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert run_diff(broken, REV2, out) == 1
    assert "broken.json: is not valid JSON" in capsys.readouterr().err
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}', encoding="utf-8")
    assert run_diff(REV1, other, out) == 1
    assert "other.json: is JSON, but not a document the pipeline wrote" in capsys.readouterr().err
    assert not out.exists()


def test_diff_through_the_command_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "diff", str(REV1), str(REV2), "-o", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert SUMMARY in done.stdout and (tmp_path / f"{STEM}.diff.md").exists()
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "diff", str(REV1), "-o", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
