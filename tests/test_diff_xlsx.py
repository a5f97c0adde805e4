"""The diff workbook: the new revision with changed cells marked, the changes, the counts; safe and reproducible."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.core.model import Action, Document, Source
from pipeline.diff.command import run_diff
from pipeline.diff.compare import compare
from pipeline.diff.render_md import render_markdown
from pipeline.diff.write import write_diff
from pipeline.diff.xlsx_text import main as xlsx_text_main
from tests.helpers import ROOT
from tests.xlsx_checks import column_of, header_row, worksheet_formulas

REV1 = ROOT / "inputs" / "self-harm-action-plan.txt"
REV2 = ROOT / "inputs" / "self-harm-action-plan 2020-06 revision 2.txt"
STEM = "self-harm-action-plan__self-harm-action-plan 2020-06 revision 2"


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("diff")
    assert run_diff(REV1, REV2, out) == 0
    return out / f"{STEM}.diff.xlsx"


def _row_of(ws, ident: str) -> int:  # type: ignore[no-untyped-def]
    return next(c.row for c in ws["A"] if c.value == ident)


def test_sheets_and_headers(workbook_path: Path) -> None:
    wb = load_workbook(workbook_path)
    assert wb.sheetnames == ["Summary", "Actions", "Changes"]
    assert header_row(wb["Actions"]) == [
        "Action",
        "What changed",
        "Outcome",
        "What we will do",
        "Status",
        "Status as written",
        "Links",
        "Age group",
        "Section",
    ]
    assert wb["Actions"].freeze_panes == "A2" and wb["Actions"].auto_filter.ref
    assert worksheet_formulas(workbook_path) == []


def test_actions_sheet_is_the_new_revision_with_changes_marked(workbook_path: Path, rules) -> None:
    ws = load_workbook(workbook_path)["Actions"]
    ids = [c.value for c in ws["A"][1:]]
    assert len(ids) == 32 and "4.2.1" in ids and "1.2.3" in ids and "3.1.6" not in ids
    status = column_of(ws, "Status")
    row = _row_of(ws, "1.1.1")
    cell = ws[f"{status}{row}"]
    assert cell.value == "Underway" and cell.comment is not None and cell.comment.text == "Was: Initial meeting"
    assert cell.fill.fgColor.rgb[-6:] == rules.status_by_label("Underway").colour
    assert ws[f"B{row}"].value == "Status moved forward (was Initial meeting)"
    moved = _row_of(ws, "4.2.1")
    assert ws[f"A{moved}"].comment.text == "Was: 4.1.3"
    assert ws[f"B{moved}"].value == "Renumbered (was 4.1.3); Moved to another outcome (was 4.1)"
    assert ws[f"C{moved}"].comment.text == "Was: 4.1"
    reworded = _row_of(ws, "2.2.4")
    text = ws[f"{column_of(ws, 'What we will do')}{reworded}"]
    assert text.comment.text.startswith("Was: Improve promotion of exisiting resources")
    assert text.fill.fgColor.rgb[-6:] == "FFF2CC"
    added = _row_of(ws, "1.2.3")
    assert ws[f"A{added}"].comment.text == "Added in this revision"
    unchanged = _row_of(ws, "1.1.2")
    assert all(c.comment is None for c in ws[unchanged]) and ws[f"B{unchanged}"].value is None


def test_changes_and_summary_sheets(workbook_path: Path) -> None:
    wb = load_workbook(workbook_path, rich_text=True)
    ws = wb["Changes"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("Action", "1.1.1", None, "Status moved forward"),
        ("Action", "1.2.2", None, "Status went back"),
        ("Action", "1.2.3", None, "Added"),
        ("Action", "1.3.2", None, "Status moved forward"),
        ("Action", "2.1.2", None, "Status moved forward"),
        ("Action", "2.2.4", None, "Reworded"),
        ("Action", "2.3.2", None, "Status moved forward"),
        ("Action", "3.1.4", None, "Stalled"),
        ("Action", "3.1.5", None, "Status moved forward"),
        ("Action", None, "3.1.6", "Removed"),
        ("Action", "4.2.1", "4.1.3", "Renumbered"),
        ("Action", "4.2.1", "4.1.3", "Moved to another outcome"),
        ("Outcome", "4.2", None, "Added"),
    ]
    stalled = rows[7]
    assert stalled[4:6] == ["Initial meeting", "Awaiting (On hold until UCC plans agreed)"]
    words = rows[5][6]
    assert str(words) == (
        "Improve promotion of exisiting existing resources, including: Self-Harm Helpline; TIC+ "
        "services services; Kooth and CYPS Professionals Helpline"
    )
    struck = [block.text.strip() for block in words if getattr(block, "font", None) and block.font.strike]
    assert struck == ["exisiting", "services"]
    summary = wb["Summary"]
    values = [c.value for row in summary.iter_rows() for c in row if c.value is not None]
    assert (
        "5 actions moved forward, 1 went back, 1 stalled, 1 added, 1 removed, 1 reworded, 1 renumbered "
        "(1 to another outcome); 22 unchanged." in values
    )
    counts = {summary.cell(row=r, column=1).value: summary.cell(row=r, column=2).value for r in range(1, 40)}
    assert counts["Status moved forward"] == 5 and counts["Unchanged"] == 22 and counts["Removed"] == 1


def _hostile(status: str, text: str) -> Document:
    action = Action(
        id="1.1.1",
        outcome="1.1",
        section="1",
        text=text,
        status=status,
        status_raw=status,
        links_raw="=cmd|' /C calc'!A0",
        age_group="CYP",
    )
    return Document(Source("x.txt", "0" * 64, "txt"), "action_plan", "=1+1", actions=[action])


def test_text_from_a_plan_never_becomes_a_formula_or_markup(tmp_path: Path, rules) -> None:
    old = _hostile("Idea", '=HYPERLINK("http://evil", "click") plan *bold* | cell')
    new = _hostile("Underway", "@SUM(A1:A9) plan *bold* | cell and more words")
    new.actions[0].links_raw = "+1-1 links"
    changes = compare(old, new, rules)
    paths = write_diff(changes, tmp_path, "old", "new", rules)
    assert worksheet_formulas(paths[2]) == []
    ws = load_workbook(paths[2])["Actions"]
    assert ws["D2"].value.startswith("@SUM(A1:A9)") and ws["D2"].data_type == "s"
    markdown = render_markdown(changes)
    assert "\\*bold\\*" in markdown and "\\| cell" in markdown and "*bold*" not in markdown.replace("\\*", "")


def test_xlsx_as_text_for_git_diff(workbook_path: Path, capsys) -> None:
    assert xlsx_text_main([str(workbook_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "=== Summary ==="
    assert "=== Actions ===" in lines and "=== Changes ===" in lines
    row = next(line for line in lines if line.startswith("Actions [1.1.1] "))  # keyed by the action, one line
    assert "| Status: Underway |" in row and "Status (comment): Was: Initial meeting" in row
    assert not any(line.startswith("Actions!") for line in lines)  # no cell addresses for table rows
    assert all(line.count("\n") == 0 for line in lines)


def test_xlsx_as_text_refuses_a_non_workbook_in_one_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "notes.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    assert xlsx_text_main([str(bad)]) == 1
    assert (
        capsys.readouterr().err.strip() == "notes.xlsx: not a readable workbook (BadZipFile) — open it in Excel "
        "to check it"
    )
