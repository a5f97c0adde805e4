"""The shared workbook style: tables, colours, drop-downs, links and saving behave as documented."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.emit.xlsx import style


def _saved(wb, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "s.xlsx"
    style.save(wb, path)
    return load_workbook(path)


def test_new_workbook_has_no_sheets_and_add_sheet_keeps_order() -> None:
    wb = style.new_workbook()
    assert wb.sheetnames == []
    style.add_sheet(wb, "Actions")
    style.add_sheet(wb, "Summary")
    assert wb.sheetnames == ["Actions", "Summary"]


@pytest.mark.parametrize(
    ("title", "taken", "expected"),
    [
        ("Q1: plan / 2024", [], "Q1 plan 2024"),
        ("x" * 40, [], "x" * 31),
        ("Actions", ["actions"], "Actions (2)"),
        ("[]*?", [], "Sheet"),
        ("'quoted'", [], "quoted"),
    ],
)
def test_sheet_title(title: str, taken: list[str], expected: str) -> None:
    assert style.sheet_title(title, taken) == expected


@pytest.mark.parametrize(
    ("text", "taken", "expected"),
    [
        ("Status history 2.1", [], "Status_history_2_1"),
        ("2024 plan", [], "T_2024_plan"),
        ("Actions", ["actions"], "Actions_2"),
        ("AB12", [], "AB12_"),
        ("", [], "Table"),
    ],
)
def test_valid_table_name(text: str, taken: list[str], expected: str) -> None:
    assert style.valid_table_name(text, taken) == expected


def test_write_table_header_style_freeze_filter_and_widths(tmp_path: Path) -> None:
    wb = style.new_workbook()
    ws = style.add_sheet(wb, "Data")
    placed = style.write_table(ws, ["Id", "Text", "Count"], [["1", "a " * 100, 3], ["2", "=2+2", 4]])
    assert (placed.header_row, placed.last_row, placed.ref) == (1, 3, "A1:C3")
    assert placed.column("Count") == "C" and placed.data_range("Text") == "B2:B3"
    back = _saved(wb, tmp_path)["Data"]
    assert [c.value for c in back[1]] == ["Id", "Text", "Count"]
    assert all(c.font.bold for c in back[1])
    assert back.freeze_panes == "A2"
    assert back.auto_filter.ref == "A1:C3"
    assert back["B2"].alignment.wrap_text
    assert back.column_dimensions["B"].width == 60  # long text: capped
    assert 6 <= back.column_dimensions["A"].width <= 10  # short ids: narrow, header still fits
    assert back.row_dimensions[2].height > 15  # wrapped text gets a taller row
    assert back["B3"].value == "=2+2" and back["B3"].data_type == "s"
    assert back["C2"].value == 3


def test_write_table_as_excel_table_including_an_empty_one(tmp_path: Path) -> None:
    wb = style.new_workbook()
    ws = style.add_sheet(wb, "One")
    style.write_table(ws, ["A", "B"], [[1, 2]], table_name="Things")
    ws2 = style.add_sheet(wb, "Two")
    empty = style.write_table(ws2, ["A", "B"], [], table_name="Things")
    assert empty.data_range("A") == "A2:A2"
    back = _saved(wb, tmp_path)
    assert back["One"].tables["Things"].ref == "A1:B2"
    assert back["Two"].tables["Things_2"].ref == "A1:B2"  # names are unique across the workbook
    assert back["One"].auto_filter.ref is None


def test_write_table_rejects_headers_excel_would_repair() -> None:
    ws = style.add_sheet(style.new_workbook(), "X")
    with pytest.raises(ValueError):
        style.write_table(ws, ["Status", "status"], [])
    with pytest.raises(ValueError):
        style.write_table(ws, ["A", " "], [])


def test_widths_given_by_header_or_list() -> None:
    ws = style.add_sheet(style.new_workbook(), "X")
    style.write_table(ws, ["A", "B"], [["x", "y"]], widths={"B": 33})
    assert ws.column_dimensions["B"].width == 33
    ws2 = style.add_sheet(ws.parent, "Y")
    style.write_table(ws2, ["A", "B"], [["x", "y"]], widths=[11, 22])
    assert (ws2.column_dimensions["A"].width, ws2.column_dimensions["B"].width) == (11, 22)


def test_no_filters_and_no_freeze_for_summary_tables() -> None:
    ws = style.add_sheet(style.new_workbook(), "X")
    style.write_table(ws, ["A"], [[1]], first_row=5, freeze=False, filters=False)
    assert ws.auto_filter.ref is None and ws.freeze_panes is None
    assert ws["A5"].value == "A" and ws["A6"].value == 1


def test_status_colours_come_from_rules(rules) -> None:
    colours = style.status_colours(rules)
    assert list(colours) == [s.label for s in rules.statuses]
    first = rules.statuses[0]
    fill = style.status_fill(first.label, rules)
    assert fill is not None and fill.fgColor.rgb.endswith(first.colour)
    assert style.status_fill(None, rules) is None and style.status_fill("Nonsense", rules) is None


def test_status_validation_and_colours(rules, tmp_path: Path) -> None:
    wb = style.new_workbook()
    ws = style.add_sheet(wb, "S")
    style.write_table(ws, ["Status"], [[s.label] for s in rules.statuses])
    last = 1 + len(rules.statuses)
    style.add_status_validation(ws, "A", 2, last, rules)
    style.add_status_colours(ws, f"A2:A{last}", rules)
    back = _saved(wb, tmp_path)["S"]
    (dv,) = back.data_validations.dataValidation
    assert dv.type == "list" and str(dv.sqref) == f"A2:A{last}"
    assert dv.formula1 == '"' + ",".join(s.label for s in rules.statuses) + '"'
    assert dv.allow_blank and dv.showErrorMessage
    rules_by_value = {}
    for cf in back.conditional_formatting:
        assert str(cf.sqref) == f"A2:A{last}"
        for rule in cf.rules:
            rules_by_value[rule.formula[0].strip('"')] = rule.dxf.fill.fgColor.rgb[-6:]
    assert rules_by_value == {s.label: s.colour for s in rules.statuses}


def test_long_or_comma_lists_go_to_a_hidden_sheet(tmp_path: Path) -> None:
    wb = style.new_workbook()
    ws = style.add_sheet(wb, "Form")
    style.add_list_validation(ws, "A2:A10", ["Yes, fully", "No"], "Answer")
    style.add_list_validation(ws, "B2:B10", [f"choice number {i}" for i in range(30)], "Long")
    style.add_sheet(wb, "After")
    back = _saved(wb, tmp_path)
    assert back.sheetnames == ["Form", "After", "Lists"]
    assert back["Lists"].sheet_state == "hidden"
    assert [c.value for c in back["Lists"]["A"]][:4] == ["Answer", "Yes, fully", "No", None]
    formulas = sorted(dv.formula1 for dv in back["Form"].data_validations.dataValidation)
    assert formulas == ["'Lists'!$A$2:$A$3", "'Lists'!$B$2:$B$31"]
    assert back.active.title == "Form"


def test_date_validation(tmp_path: Path) -> None:
    wb = style.new_workbook()
    ws = style.add_sheet(wb, "F")
    style.add_date_validation(ws, "C2:C5", "Review date")
    back = _saved(wb, tmp_path)["F"]
    (dv,) = back.data_validations.dataValidation
    assert dv.type == "date" and str(dv.sqref) == "C2:C5"
    assert back["C3"].number_format == "DD/MM/YYYY"


def test_internal_link_has_a_location_and_no_external_target(tmp_path: Path) -> None:
    wb = style.new_workbook()
    ws = style.add_sheet(wb, "Plan's actions")
    ws["A1"] = "1.2.3"
    style.link_to_cell(ws["A1"], ws.title, "A5", tooltip="Go to 1.2.3")
    back = _saved(wb, tmp_path)["Plan's actions"]
    link = back["A1"].hyperlink
    assert link.location == "'Plan''s actions'!A5" and not link.target
    assert back["A1"].value == "1.2.3"


def test_severity_colours(tmp_path: Path) -> None:
    wb = style.new_workbook()
    ws = style.add_sheet(wb, "F")
    style.add_severity_colours(ws, "A2:A9")
    back = _saved(wb, tmp_path)["F"]
    values = {r.formula[0].strip('"') for cf in back.conditional_formatting for r in cf.rules}
    assert values == {"error", "warning", "info"}
    assert style.severity_fill("error") is not None and style.severity_fill("other") is None


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [("short", 20, 1), ("word " * 20, 20, 5), ("a\nb\nc", 50, 3), ("x" * 100, 10, 10), ("", 10, 1)],
)
def test_wrapped_lines_estimate(text: str, width: float, lines: int) -> None:
    assert style._wrapped_lines(text, width) == lines


def test_save_twice_gives_the_same_bytes(tmp_path: Path, rules) -> None:
    def build(path: Path) -> bytes:
        wb = style.new_workbook()
        ws = style.add_sheet(wb, "S")
        style.write_table(ws, ["Status", "Text"], [["Underway", "=x"]], table_name="S")
        style.add_status_validation(ws, "A", 2, 2, rules)
        style.add_status_colours(ws, "A2:A2", rules)
        style.save(wb, path)
        return path.read_bytes()

    assert build(tmp_path / "a.xlsx") == build(tmp_path / "b.xlsx")


def test_centred_columns() -> None:
    ws = style.add_sheet(style.new_workbook(), "X")
    style.write_table(ws, ["Page", "Text"], [[1, "a"], [2, "b"]], centre=("Page",))
    assert [ws[f"A{r}"].alignment.horizontal for r in (2, 3)] == ["center", "center"]
    assert ws["B3"].alignment.horizontal is None and ws["B3"].alignment.wrap_text
