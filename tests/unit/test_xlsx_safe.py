"""Cell safety: no document text becomes a formula; values Excel cannot hold are made safe."""

from __future__ import annotations

import io
import math
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from pipeline.emit.xlsx.safe import MAX_CELL, cell_text, is_formula_like, normalise_zip, save_reproducible, write_cell

HOSTILE = [
    '=HYPERLINK("http://example.invalid","click")',
    "+SUM(1,2)",
    "-2+3+cmd|' /C calc'!A0",
    "@cmd",
    "=cmd|' /C notepad'!'A1'",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
    "\uff1d1+1",
    "\uff0bSUM(1,2)",
    "\uff0d1",
    "\uff20cmd",
    " =1+1",
    "=",
]


def _sheet_xml(wb: Workbook) -> str:
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_is_stored_as_a_string_with_quote_prefix(text: str) -> None:
    wb = Workbook()
    cell = write_cell(wb.active, 1, 1, text)
    assert cell.data_type == "s"
    assert cell.quotePrefix is True
    xml = _sheet_xml(wb)
    assert "<f>" not in xml and "<f " not in xml
    assert 't="inlineStr"' in xml


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_reads_back_as_the_same_characters(text: str, tmp_path: Path) -> None:
    wb = Workbook()
    write_cell(wb.active, 1, 1, text)
    save_reproducible(wb, tmp_path / "x.xlsx")
    value = load_workbook(tmp_path / "x.xlsx").active["A1"].value
    assert value == cell_text(text)  # only control characters are dropped ("\r" becomes a line break)
    assert value.strip("\n\t ") == text.strip("\r\t ")


@pytest.mark.parametrize("text", ["Underway", "1.2.3", "Awaiting result of 2.3.1", "e-mail", "a = b", "", "x-1"])
def test_ordinary_text_has_no_quote_prefix(text: str) -> None:
    cell = write_cell(Workbook().active, 1, 1, text)
    assert not cell.quotePrefix
    assert cell.data_type == "s"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1", True),
        ("+1", True),
        ("-1", True),
        ("@x", True),
        ("\t1", True),
        ("\n=1", True),
        ("  =1", True),
        ("\uff1dx", True),
        ("1-2", False),
        ("a@b", False),
        ("Plan", False),
        (None, False),
        (3, False),
    ],
)
def test_is_formula_like(text: object, expected: bool) -> None:
    assert is_formula_like(text) is expected


def test_numbers_stay_numbers_and_text_that_looks_like_a_number_stays_text() -> None:
    ws = Workbook().active
    assert write_cell(ws, 1, 1, 3).data_type == "n"
    assert write_cell(ws, 1, 2, "3").data_type == "s"
    assert write_cell(ws, 1, 3, -2).value == -2 and ws["C1"].data_type == "n"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a\x00b\x07c", "abc"),
        ("a\x1b[31mred", "ared"),
        ("half \ud800 surrogate", "half  surrogate"),
        ("keep\nlines", "keep\nlines"),
        (float("nan"), None),
        (float("inf"), None),
        (None, None),
        (["1.1", "1.2"], "1.1, 1.2"),
        (Path("a.txt"), "a.txt"),
    ],
)
def test_cell_text(value: object, expected: object) -> None:
    assert cell_text(value) == expected


def test_cell_text_cuts_at_excels_limit_counting_utf16_units() -> None:
    assert len(cell_text("x" * (MAX_CELL + 10))) == MAX_CELL
    astral = "\U0001f600" * MAX_CELL  # two UTF-16 units each
    out = cell_text(astral)
    assert len(out) - 1 + sum(1 for ch in out if ord(ch) > 0xFFFF) <= MAX_CELL
    assert out.endswith("…")


def test_nan_is_written_as_an_empty_cell() -> None:
    wb = Workbook()
    write_cell(wb.active, 1, 1, math.nan)
    assert "nan" not in _sheet_xml(wb).lower().split("<sheetdata>")[-1]


def test_excel_escape_sequences_in_text_are_kept_literal(tmp_path: Path) -> None:
    wb = Workbook()
    cell = write_cell(wb.active, 1, 1, "see _x0041_ here")
    assert cell.value == "see _x005F_x0041_ here"  # Excel shows "_x0041_", not "A"
    assert write_cell(wb.active, 1, 2, "snake_case_name").value == "snake_case_name"


def test_control_characters_never_reach_the_file(tmp_path: Path) -> None:
    wb = Workbook()
    write_cell(wb.active, 1, 1, "bad\x01\x02\x0b\x0c\ufffe text")
    save_reproducible(wb, tmp_path / "c.xlsx")
    assert load_workbook(tmp_path / "c.xlsx").active["A1"].value == "bad text"


def _entries(data: bytes) -> list[tuple[str, tuple[int, ...], int]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(i.filename, i.date_time, i.create_system) for i in archive.infolist()]


def test_normalise_zip_fixes_entry_times_and_document_times() -> None:
    wb = Workbook()
    wb.active["A1"] = "x"
    buffer = io.BytesIO()
    wb.save(buffer)
    fixed = normalise_zip(buffer.getvalue())
    assert {t for _, t, _ in _entries(fixed)} == {(1980, 1, 1, 0, 0, 0)}
    assert {s for _, _, s in _entries(fixed)} == {3}
    with zipfile.ZipFile(io.BytesIO(fixed)) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core) == ["2000-01-01T00:00:00Z"] * 2
    assert [n for n, _, _ in _entries(fixed)] == [n for n, _, _ in _entries(buffer.getvalue())]


def test_save_reproducible_is_byte_identical_across_clock_and_time_zone(tmp_path: Path, monkeypatch) -> None:
    import datetime as real_datetime
    import time

    def build(path: Path) -> bytes:
        wb = Workbook()
        write_cell(wb.active, 1, 1, "=same")
        save_reproducible(wb, path)
        return path.read_bytes()

    first = build(tmp_path / "a.xlsx")
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()

    class Later(real_datetime.datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return real_datetime.datetime(2031, 7, 4, 12, 30, tzinfo=tz)

        @classmethod
        def utcnow(cls):  # type: ignore[override]
            return real_datetime.datetime(2031, 7, 4, 12, 30)

    import openpyxl.packaging.core as core
    import openpyxl.writer.excel as excel

    monkeypatch.setattr(excel.datetime, "datetime", Later)
    monkeypatch.setattr(core.datetime, "datetime", Later)
    try:
        second = build(tmp_path / "b.xlsx")
    finally:
        monkeypatch.undo()
        time.tzset()
    assert first == second


def test_save_is_atomic_and_keeps_the_old_file_when_saving_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")

    class Broken:
        class properties:  # mimics openpyxl's attribute name
            creator = lastModifiedBy = created = lastPrinted = None

        def save(self, _buffer: object) -> None:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        save_reproducible(Broken(), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        (b"<worksheet><sheetData/><pageSetup/></worksheet>", b"<worksheet><sheetData/><pageSetup/>{}</worksheet>"),
        (
            b"<worksheet><sheetData/><drawing/><tableParts/></worksheet>",
            b"<worksheet><sheetData/>{}<drawing/><tableParts/></worksheet>",
        ),
        (b"<worksheet><sheetData/><tableParts/></worksheet>", b"<worksheet><sheetData/>{}<tableParts/></worksheet>"),
    ],
)
def test_number_as_text_marks_are_switched_off_where_the_schema_wants_it(xml: bytes, expected: bytes) -> None:
    from pipeline.emit.xlsx.safe import _IGNORED_ERRORS, ignore_numbers_as_text

    out = ignore_numbers_as_text(xml)
    assert out == expected.replace(b"{}", _IGNORED_ERRORS)
    assert ignore_numbers_as_text(out) == out  # only once


def test_saved_sheets_carry_the_number_as_text_setting_and_still_load(tmp_path: Path) -> None:
    wb = Workbook()
    write_cell(wb.active, 1, 1, "1.1")
    save_reproducible(wb, tmp_path / "n.xlsx")
    with zipfile.ZipFile(tmp_path / "n.xlsx") as archive:
        assert b'numberStoredAsText="1"' in archive.read("xl/worksheets/sheet1.xml")
    assert load_workbook(tmp_path / "n.xlsx").active["A1"].value == "1.1"
