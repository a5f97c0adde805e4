"""Plans kept in spreadsheets: .xlsx from Excel and LibreOffice, .ods, CSV from both.

The fixtures (tests/fixtures/sheet_fixtures.py, committed) are one tracker made the ways officers
make them; the records below were written by reading the tracker, not from the program's output.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from pipeline.core.errors import NotRecognised, TooLarge, UnsupportedType
from pipeline.core.model import to_json
from pipeline.process import process
from pipeline.read import detect_format, read
from pipeline.read.sheet.delimited import sniff_delimiter
from pipeline.read.sheet.numfmt import render
from pipeline.rules import Rules
from tests.helpers import FIXTURES, plan_differences

SHEETS = FIXTURES / "sheets"
TITLE = "Anytown Suicide Prevention Action Plan 2024-26"
SECTIONS = [
    {"number": "1", "title": "Reducing risk in high-risk groups"},
    {"number": "2", "title": "Improving support in a crisis"},
]
# id, section, text, status, status_source, lead, timescale, update, row
TRACKER = [
    (
        "1.1",
        "1",
        "Train frontline staff in suicide awareness",
        "Underway",
        "text",
        "Public Health",
        "31/03/2025",
        "Two sessions held",
        6,
    ),
    (
        "1.2",
        "1",
        "Offer support to people bereaved by suicide",
        "Off track",
        "colour",
        "NHS Trust",
        "Jun-25",
        "Service commissioned",
        7,
    ),
    (
        "1.3",
        "1",
        "Work with the coroner to share information sooner",
        "At risk",
        "text",
        "Coroner's office",
        "Q4 2024/25",
        None,
        8,
    ),
    ("2.1", "2", "Open a crisis café in the town centre", "Underway", "colour", "Mind", "Ongoing", "Venue found", 10),
    (
        "2.2",
        "2",
        "Review the crisis pathway with partners",
        "Off track",
        "text",
        "ICB",
        "15 January 2026",
        "Delayed by recruitment",
        11,
    ),
]
FIELDS = ("id", "section", "text", "status", "status_source", "lead", "timescale", "update")


def _doc(path: Path, rules: Rules) -> dict[str, Any]:
    """The document with each record's row (kept out of the committed JSON, as line numbers are)."""
    return json.loads(to_json(process(path, rules), coordinates=True))


def _rows(doc: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(*(a[f] for f in FIELDS), a["source"].get("row")) for a in doc["actions"]]


def _codes(doc: dict[str, Any]) -> set[str]:
    return {f["code"] for f in doc["findings"]}


@pytest.mark.parametrize("name", ["tracker-excel.xlsx", "tracker-calc.xlsx", "tracker-calc.ods"])
def test_workbook_tracker_reads_as_written(rules: Rules, name: str) -> None:
    doc = _doc(SHEETS / name, rules)
    assert doc["source"]["format"] == ("ods" if name.endswith(".ods") else "xlsx")
    assert doc["source"]["pages"] is None
    assert doc["title"] == TITLE
    assert doc["sections"] == SECTIONS
    assert _rows(doc) == TRACKER
    assert all(a["source"]["sheet"] == "Action plan" for a in doc["actions"])
    codes = _codes(doc)
    assert {"hidden-rows", "hidden-columns", "sheet-skipped"} <= codes
    assert "missing-status" not in codes  # a coloured RAG cell is a status
    messages = " ".join(f["message"] for f in doc["findings"])
    assert "Sheet 'Key' skipped" in messages and "Sheet 'Leads' skipped: hidden" in messages
    assert "(8)" in messages and "G ('Days left')" in messages


def test_formulas_show_their_saved_result_and_uncalculated_ones_are_named(rules: Rules) -> None:
    doc = _doc(SHEETS / "tracker-excel.xlsx", rules)
    assert doc["actions"][-1]["text"] == "Review the crisis pathway with partners"  # a formula's saved result
    found = [f for f in doc["findings"] if f["code"] == "formula-without-value"]
    assert len(found) == 1 and "G6, G7, G8, G10, G11" in found[0]["message"]
    # LibreOffice calculated and saved them: nothing to report there
    assert "formula-without-value" not in _codes(_doc(SHEETS / "tracker-calc.xlsx", rules))


@pytest.mark.parametrize("name", ["tracker-excel.csv", "tracker-calc.csv"])
def test_csv_exports_read_like_the_workbook(rules: Rules, name: str) -> None:
    doc = _doc(SHEETS / name, rules)
    assert doc["source"]["format"] == "csv" and doc["source"]["pages"] is None
    assert doc["title"] == TITLE
    assert doc["sections"] == SECTIONS
    # a CSV file keeps no colours: the two colour-only RAG cells are blank
    want = [(*r[:3], None, None, *r[5:]) if r[4] == "colour" else r for r in TRACKER]
    assert _rows(doc) == want
    assert all("sheet" not in a["source"] for a in doc["actions"])


def test_one_theme_per_sheet_gives_one_section_per_sheet(rules: Rules) -> None:
    doc = _doc(SHEETS / "themes-by-sheet.xlsx", rules)
    assert doc["sections"] == [{"number": "1", "title": "Prevention"}, {"number": "2", "title": "Crisis support"}]
    got = [(a["id"], a["section"], a["status"], a["source"]["sheet"], a["source"]["row"]) for a in doc["actions"]]
    assert got == [
        ("1.1", "1", "Underway", "Prevention", 2),
        ("1.2", "1", "Idea", "Prevention", 3),
        ("2.1", "2", "Complete", "Crisis support", 2),
        ("2.2", "2", "Awaiting", "Crisis support", 3),
    ]
    assert "sheet-skipped" in _codes(doc)


@pytest.mark.parametrize("name", ["plan-word-calc.xlsx", "plan-word-calc.ods"])
def test_our_workbook_saved_by_libreoffice_reads_back_as_the_plan(rules: Rules, name: str) -> None:
    """The workbook of plan-word.pdf, opened and saved by LibreOffice, gives the seed's records again
    and says it was made from plan-word.pdf; nothing was edited, so no sheet is reported."""
    doc = _doc(SHEETS / name, rules)
    assert plan_differences(doc) == []
    import hashlib

    sha = hashlib.sha256((FIXTURES / "plan-word.pdf").read_bytes()).hexdigest()
    assert doc["source"]["revision_of"] == {"file": "plan-word.pdf", "sha256": sha}
    assert "read-back" in _codes(doc) and "edits-ignored" not in _codes(doc)


# --------------------------------------------------------------------------- reading details


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        (45747, "dd/mm/yyyy", "31/03/2025"),
        (45747, "mmm-yy", "Mar-25"),
        (45747, "d mmmm yyyy", "31 March 2025"),
        (45747, "dddd d mmm", "Monday 31 Mar"),
        (45747.75, "h:mm AM/PM", "6:00 PM"),
        (45747.5, "dd/mm/yyyy hh:mm", "31/03/2025 12:00"),
        (0.25, "0%", "25%"),
        (1234.5, "#,##0.00", "1,234.50"),
        (1234.5, '"£"#,##0', "£1,235"),
        (-3, "0;(0)", "(3)"),
        (0, '0.00;-0.00;"-"', "-"),
        (1.1, "General", "1.1"),
        (0.1 + 0.2, "General", "0.3"),
        (3.0, "@", "3"),
        (12, '0 "days"', "12 days"),
    ],
)
def test_numbers_and_dates_show_as_the_sheet_shows_them(value: float, code: str, shown: str) -> None:
    assert render(value, code) == shown


@pytest.mark.parametrize(
    ("text", "suffix", "delimiter"),
    [
        ("Ref,Action,Status\n1,Do it,Done\n", ".csv", ","),
        ("Ref;Action;Status\n1;Do it, now;Done\n2;Again;3,5\n", ".csv", ";"),
        ("Ref\tAction\tStatus\n1\tDo it\tDone\n", ".csv", "\t"),
        ('Ref,Action,"Lead, team"\n1,"Do x, y",PH\n', ".csv", ","),
        ("just one column\nof text\n", ".tsv", "\t"),
    ],
)
def test_delimiter_is_found(text: str, suffix: str, delimiter: str) -> None:
    assert sniff_delimiter(text, suffix) == delimiter


def _workbook(build: Any) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    build(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_merged_cells_become_spans_and_covered_cells(rules: Rules) -> None:
    def build(wb: Any) -> None:
        ws = wb.active
        ws.append(["Outcome", "Ref", "Action", "Status"])
        ws.append(["Fewer people self-harm", "1.1", "Run training", "Complete"])
        ws.append([None, "1.2", "Open a café", "Idea"])
        ws.merge_cells("A2:A3")
        ws.append(["Theme 2"])
        ws.merge_cells("A4:D4")

    layout = read(Path("merged.xlsx"), rules, _workbook(build))
    table = layout.tables()[0]
    assert [(c.text, c.span, c.merged) for c in table.rows[2].cells][:2] == [("", 1, True), ("1.2", 1, False)]
    assert [(c.text, c.span) for c in table.rows[3].cells] == [("Theme 2", 4)]


def test_a_sheet_over_the_row_limit_is_skipped_with_a_note(rules: Rules) -> None:
    from dataclasses import replace

    small = replace(rules, limits=replace(rules.limits, max_sheet_rows=5))

    def build(wb: Any) -> None:
        ws = wb.active
        ws.title = "Plan"
        ws.append(["Ref", "Action", "Status"])
        ws.append(["1", "Run training for staff", "Complete"])
        data = wb.create_sheet("Raw data")
        for n in range(20):
            data.append([n, f"row {n}", "x"])

    layout = read(Path("two.xlsx"), small, _workbook(build))
    assert len(layout.tables()) == 1
    assert any("Sheet 'Raw data' skipped: more than 5 rows (max_sheet_rows)" in n.message for n in layout.notes)
    with pytest.raises(TooLarge):
        read(Path("one.xlsx"), small, _workbook(lambda wb: [wb.active.append([n, "x", "y"]) for n in range(20)]))


def test_a_workbook_with_no_table_is_refused_with_its_reason(rules: Rules) -> None:
    with pytest.raises(NotRecognised, match="no table found"):
        read(Path("notes.xlsx"), rules, _workbook(lambda wb: wb.active.append(["Just a note"])))


def test_file_types_are_told_by_content(rules: Rules) -> None:
    xlsx = (SHEETS / "tracker-excel.xlsx").read_bytes()
    assert detect_format(Path("tracker.docx"), xlsx) == "xlsx"  # the content decides, not the name
    assert detect_format(Path("tracker.ods"), (SHEETS / "tracker-calc.ods").read_bytes()) == "ods"
    assert detect_format(Path("tracker.tsv"), b"a\tb\n1\t2\n") == "csv"
    assert detect_format(Path("word.xlsx"), (FIXTURES / "plan-word.docx").read_bytes()) == "docx"
    with pytest.raises(UnsupportedType, match="plain text with a spreadsheet's name"):
        detect_format(Path("export.xlsx"), b"Task,Owner\n=1+1,a\n")


def test_spreadsheet_records_are_deterministic(rules: Rules) -> None:
    path = SHEETS / "tracker-calc.ods"
    assert to_json(process(path, rules)) == to_json(process(path, rules))


def test_fills_from_theme_colours_with_tint(rules: Rules) -> None:
    """A cell coloured from the theme palette ("Olive Green, Accent 3" and its darker 25%) reads as
    the colour Excel shows (openpyxl's files carry the Office 2007 theme)."""
    from openpyxl.styles import PatternFill
    from openpyxl.styles.colors import Color

    def build(wb: Any) -> None:
        ws = wb.active
        ws.append(["Ref", "Action", "RAG"])
        for n, tint in ((1, 0.0), (2, -0.25)):
            ws.append([f"1.{n}", f"Deliver part {n} of the plan with partners", None])
            ws.cell(n + 1, 3).fill = PatternFill("solid", fgColor=Color(theme=6, tint=tint))

    layout = read(Path("theme.xlsx"), rules, _workbook(build))
    plain, darker = (r.cells[2].fill for r in layout.tables()[0].rows[1:])
    assert plain == "9BBB59"
    assert darker is not None
    assert all(
        abs(int(darker[i : i + 2], 16) - want) <= 2 for i, want in zip((0, 2, 4), (0x76, 0x92, 0x3C), strict=True)
    )


def test_zip_directory_lies_do_not_get_past_the_size_cap(rules: Rules) -> None:
    from pipeline.read.sheet.package import Package

    data = (SHEETS / "tracker-excel.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        total = sum(i.file_size for i in archive.infolist())
    with pytest.raises(TooLarge):
        Package(data, "workbook", total - 1)


def test_a_macro_enabled_workbook_is_read_and_its_macros_never_run(rules: Rules) -> None:
    data = (SHEETS / "tracker-excel.xlsx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not run")
    path = Path("tracker.xlsm")
    layout = read(path, rules, out.getvalue())
    assert ("info", "macros-not-run") in {(n.severity, n.code) for n in layout.notes}
    assert len(layout.tables()) == 1
