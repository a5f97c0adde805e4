"""Committed outputs diff well in git: one real change shows as a line or two, not hundreds.

The shipped revision pair (inputs/) is built as it would be committed: the older revision's
JSON and workbook, then the newer one's. Lines changed are counted the way `git diff` shows
them (removed plus added) and held to at most `LINES_PER_CHANGE` per real change, the real
changes being those the diff finds (actions, outcomes, sections, title) plus the file's own
name and checksum.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from pipeline.core.model import json_bytes
from pipeline.diff.compare import compare
from pipeline.diff.xlsx_text import workbook_lines
from pipeline.emit.xlsx.document import write_workbook
from pipeline.process import process
from tests.helpers import ROOT

OLD = ROOT / "inputs" / "self-harm-action-plan.txt"
NEW = ROOT / "inputs" / "self-harm-action-plan 2020-06 revision 2.txt"
LINES_PER_CHANGE = 5


def _changed_lines(old: list[str], new: list[str]) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(old, new, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.fixture(scope="module")
def pair(rules, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("pair")
    docs = [process(path, rules) for path in (OLD, NEW)]
    for name, doc in zip(("old", "new"), docs, strict=True):
        (out / f"{name}.json").write_bytes(json_bytes(doc))
        write_workbook(doc, out / f"{name}.xlsx", rules)
    changes = compare(docs[0], docs[1], rules)
    real = len(changes.actions) + len(changes.outcomes) + len(changes.sections) + (1 if changes.title else 0)
    return {"dir": out, "real": real + 1}  # + the file's name and checksum


def test_the_committed_json_changes_about_a_line_per_real_change(pair) -> None:  # type: ignore[no-untyped-def]
    out: Path = pair["dir"]  # type: ignore[assignment]
    old = (out / "old.json").read_text(encoding="utf-8").splitlines()
    new = (out / "new.json").read_text(encoding="utf-8").splitlines()
    changed = _changed_lines(old, new)
    assert len(changed) <= LINES_PER_CHANGE * pair["real"], "\n".join(changed)
    assert len(changed) <= 3 * pair["real"]  # what it is today: two or three lines a change


def test_the_committed_json_keeps_pages_and_leaves_coordinates_out(pair) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads((pair["dir"] / "new.json").read_text(encoding="utf-8"))  # type: ignore[operator]
    assert all(set(a["source"]) == {"page"} for a in doc["actions"])
    lines = (pair["dir"] / "new.json").read_text(encoding="utf-8").splitlines()  # type: ignore[operator]
    for action in doc["actions"]:  # one action, one line
        assert sum(f'"id": "{action["id"]}", "id_generated"' in line for line in lines) == 1


def test_the_workbook_text_changes_about_a_line_per_real_change(pair) -> None:  # type: ignore[no-untyped-def]
    out: Path = pair["dir"]  # type: ignore[assignment]
    changed = _changed_lines(list(workbook_lines(out / "old.xlsx")), list(workbook_lines(out / "new.xlsx")))
    assert len(changed) <= LINES_PER_CHANGE * pair["real"], "\n".join(changed)


def test_removing_one_action_changes_only_its_own_lines(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = process(OLD, rules)
    write_workbook(doc, tmp_path / "before.xlsx", rules)
    before_json = json_bytes(doc).decode().splitlines()
    gone = doc.actions.pop(3)
    write_workbook(doc, tmp_path / "after.xlsx", rules)
    changed = _changed_lines(before_json, json_bytes(doc).decode().splitlines())
    assert len(changed) == 1 and f'"id": "{gone.id}"' in changed[0]
    text = _changed_lines(list(workbook_lines(tmp_path / "before.xlsx")), list(workbook_lines(tmp_path / "after.xlsx")))
    on_actions = [line for line in text if line[1:].startswith("Actions")]
    assert len(on_actions) == 1 and f"[{gone.id}]" in on_actions[0], on_actions
