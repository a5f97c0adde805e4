"""The plan workbook this pipeline writes, edited by an officer, comes back as the next revision.

Each kind of edit an officer makes in the Actions sheet (a status picked from the drop-down, a
text corrected, a row added, a row deleted, the rows sorted) is diffed as exactly that edit; an
edit on another sheet is ignored with a note; and `make` on inputs/ holding the plan and its
edited workbook puts the workbook after the plan in its history, whatever it is called.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.core.model import Document
from pipeline.diff.compare import compare
from pipeline.emit.xlsx.document import write_workbook
from pipeline.process import process
from pipeline.rules import Rules
from tests.helpers import FIXTURES

PLAN = FIXTURES / "plan-word.pdf"


@pytest.fixture(scope="module")
def original(rules: Rules) -> Document:
    return process(PLAN, rules)


@pytest.fixture(scope="module")
def workbook(original: Document, rules: Rules, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ours") / "plan-word.xlsx"
    write_workbook(original, path, rules)
    return path


def _columns(ws: Any) -> dict[str, int]:
    return {c.value: c.column for c in ws[1]}


def _row_of(ws: Any, ident: str) -> int:
    column = _columns(ws)["Action"]
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, column).value == ident)


def set_status(ws: Any) -> None:
    ws.cell(_row_of(ws, "1.1.1"), _columns(ws)["Status"]).value = "Complete"  # picked from the drop-down


def correct_text(ws: Any) -> None:
    cell = ws.cell(_row_of(ws, "1.1.2"), _columns(ws)["What we will do"])
    cell.value = cell.value.replace("raising sessions", "raising sessions and drop-ins")


def add_row(ws: Any) -> None:
    """A new action at the end of the sheet: under the last outcome's heading row, in its group."""
    columns, row = _columns(ws), ws.max_row + 1
    for header, value in (
        ("Action", "5.1.9"),
        ("What we will do", "Run a new awareness campaign in schools"),
        ("Status", "Underway"),
        ("Age group", "CYP"),
    ):
        ws.cell(row, columns[header]).value = value


def delete_row(ws: Any) -> None:
    ws.delete_rows(_row_of(ws, "5.1.1"))


def sort_rows(ws: Any) -> None:
    """The actions of one outcome put in the opposite order (the sheet's heading rows stay put)."""
    first, last = _row_of(ws, "1.1.1"), _row_of(ws, "1.1.2")
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=first, max_row=last)]
    for r, values in enumerate(reversed(rows), first):
        for c, value in enumerate(values, 1):
            ws.cell(r, c).value = value


EDITS: dict[str, tuple[Callable[[Any], None], list[tuple[str | None, str | None, list[str]]]]] = {
    "status from the drop-down": (set_status, [("1.1.1", "1.1.1", ["forward"])]),
    "text corrected": (correct_text, [("1.1.2", "1.1.2", ["reworded"])]),
    "row added": (add_row, [(None, "5.1.9", ["added"])]),
    "row deleted": (delete_row, [("5.1.1", None, ["removed"])]),
    "rows sorted": (sort_rows, []),
}


def _edited(workbook: Path, tmp_path: Path, edit: Callable[[Any], None], name: str = "edited.xlsx") -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(workbook)
    edit(wb["Actions"])
    out = tmp_path / name
    wb.save(out)
    return out


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_each_edit_is_diffed_as_exactly_that_edit(
    kind: str, workbook: Path, original: Document, rules: Rules, tmp_path: Path
) -> None:
    edit, want = EDITS[kind]
    doc = process(_edited(workbook, tmp_path, edit), rules)
    assert doc.source.format == "xlsx"
    assert doc.source.revision_of == {"file": PLAN.name, "sha256": original.source.sha256}
    changes = compare(original, doc, rules)
    got = [(c.old_id, c.new_id, c.tags()) for c in changes.actions]
    assert got == want
    assert changes.title is None and not changes.sections and not changes.outcomes
    assert "edits-ignored" not in {f.code for f in doc.findings}


def test_the_status_as_written_is_kept_while_the_drop_down_agrees(
    workbook: Path, original: Document, rules: Rules, tmp_path: Path
) -> None:
    doc = process(_edited(workbook, tmp_path, set_status), rules)
    before = {a.id: a for a in original.actions}
    after = {a.id: a for a in doc.actions}
    assert after["1.1.1"].status == "Complete" and after["1.1.1"].status_raw == "Complete"
    awaiting = before["2.3.2"]
    assert (after["2.3.2"].status, after["2.3.2"].status_raw) == (awaiting.status, awaiting.status_raw)
    assert after["1.1.1"].source.sheet == "Actions" and after["1.1.1"].source.row == 4  # below section and outcome


def test_edits_on_other_sheets_are_ignored_with_a_note(workbook: Path, rules: Rules, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(workbook)
    wb["Summary"]["A1"].value = "Our own summary"
    wb.create_sheet("My notes")["A1"] = "Ask the ICB about 2.3.1"
    path = tmp_path / "notes.xlsx"
    wb.save(path)
    doc = process(path, rules)
    notes = [f.message for f in doc.findings if f.code == "edits-ignored"]
    assert len(notes) == 2
    assert any("Sheet 'Summary' was changed" in n for n in notes)
    assert any("Sheet 'My notes' was added" in n for n in notes)


def test_a_column_the_officer_added_is_kept(workbook: Path, rules: Rules, tmp_path: Path) -> None:
    def add_column(ws: Any) -> None:
        column = ws.max_column + 1
        ws.cell(1, column).value = "Q3 comment"
        ws.cell(_row_of(ws, "2.3.2"), column).value = "Chased the ICB"

    doc = process(_edited(workbook, tmp_path, add_column), rules)
    assert {a.id: a.extra for a in doc.actions}["2.3.2"] == {"Q3 comment": "Chased the ICB"}


def test_make_diffs_the_edited_workbook_against_the_plan(workbook: Path, tmp_path: Path) -> None:
    """A plan PDF and its edited workbook (renamed, as officers do) in inputs/: the build puts the
    workbook after the PDF in the history and the diff lists exactly the edits made."""
    from pipeline.build.run import run_build

    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    shutil.copyfile(PLAN, inputs / PLAN.name)

    def all_edits(ws: Any) -> None:
        for edit, _want in EDITS.values():
            edit(ws)

    _edited(workbook, inputs, all_edits, name="Q3 update (AB).xlsx")
    assert run_build(inputs, outputs, jobs=1, quiet=True) == 0
    diffs = sorted(outputs.glob("*.diff.json"))
    assert [p.name for p in diffs] == ["plan-word__Q3 update (AB).diff.json"]
    data = json.loads(diffs[0].read_text(encoding="utf-8"))
    got = sorted((a["change"], a["old_id"], a["new_id"]) for a in data["actions"])
    assert got == [
        ("added", None, "5.1.9"),
        ("changed", "1.1.1", "1.1.1"),
        ("changed", "1.1.2", "1.1.2"),
        ("removed", "5.1.1", None),
    ]
    assert data["counts"] == {"added": 1, "forward": 1, "removed": 1, "reworded": 1, "unchanged": 29}
    assert data["title"] is None and data["sections"] == [] and data["outcomes"] == []
    assert len(list(outputs.glob("*.history.xlsx"))) == 1
