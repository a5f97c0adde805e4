"""The workbooks open in LibreOffice and every value survives, hostile text included.

LibreOffice converts each workbook headless to one CSV per sheet; each CSV must hold exactly
the values openpyxl reads from the file, so nothing was lost, repaired or computed (a cell
holding "=1+1" would come out as "2" if it had become a formula). This test runs wherever
`soffice` is installed; on a developer machine without it, it is skipped, but in CI (the `CI`
environment variable set) a missing `soffice` is a failure: install `libreoffice-calc-nogui`.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.core.model import Action, Document, Finding, Outcome, Place, Section, Source, Where
from pipeline.emit.xlsx.document import write_workbook
from pipeline.process import process
from tests.helpers import ROOT

PLAN = ROOT / "inputs" / "self-harm-action-plan.txt"
GUIDANCE = ROOT / "inputs" / "self-harm-reflection-tool.txt"
# every sheet, UTF-8, comma-separated, quoted text, values as shown
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
HOSTILE = [
    '=HYPERLINK("http://example.invalid","click")',
    "+SUM(1,2)",
    "-2+3",
    "@cmd",
    "\t=1+1",
    "=1+1",
    "\uff1d1+1",
    "=cmd|' /C calc'!A0",
    "see _x0041_ here",
]


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("LibreOffice is needed in CI for this test: apt-get install libreoffice-calc-nogui")
    pytest.skip("LibreOffice (soffice) is not installed; CI runs this test")


def to_csv(book: Path, out: Path) -> dict[str, list[list[str]]]:
    """Each sheet of `book` as LibreOffice reads it: sheet name -> rows of text."""
    profile = out / "profile"  # a private profile: other LibreOffice runs cannot block this one
    result = subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(out),
            str(book),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr, result.stderr
    sheets = {}
    for path in sorted(out.glob(f"{book.stem}-*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[path.stem[len(book.stem) + 1 :]] = list(csv.reader(handle))
    assert sheets, f"LibreOffice wrote no CSV: {result.stdout} {result.stderr}"
    return sheets


def shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("_x005F_", "_")  # the escape that keeps "_x0041_" literal
    return str(value)


def assert_values_survive(book: Path, out: Path) -> dict[str, list[list[str]]]:
    sheets = to_csv(book, out)
    wb = load_workbook(book)
    assert set(sheets) == set(wb.sheetnames)
    for ws in wb.worksheets:
        want = [[shown(c.value) for c in row] for row in ws.iter_rows()]
        got = sheets[ws.title]
        width = max((len(r) for r in want), default=0)
        got = [row + [""] * (width - len(row)) for row in got]
        want = [row + [""] * (width - len(row)) for row in want]
        assert [r for r in got if any(r)] == [r for r in want if any(r)], ws.title
    return sheets


def test_plan_workbook_opens_in_libreoffice_with_every_value(rules, tmp_path: Path) -> None:
    book = tmp_path / "plan.xlsx"
    write_workbook(process(PLAN, rules), book, rules)
    sheets = assert_values_survive(book, tmp_path)
    assert sheets["Actions"][0][:3] == ["Action", "What we will do", "Status"]
    assert len(sheets["Actions"]) == 1 + 5 + 9 + 32  # the header, a heading row per section and outcome, the actions
    total = next(r for r in sheets["Summary"] if r[0] == "Total")
    assert total[-1] == "32"


def test_guidance_workbook_opens_in_libreoffice_with_every_value(rules, tmp_path: Path) -> None:
    book = tmp_path / "guidance.xlsx"
    write_workbook(process(GUIDANCE, rules), book, rules)
    sheets = assert_values_survive(book, tmp_path)
    assert len(sheets["Questions"]) == 1 + 3 + 21  # the header, a heading row per priority, the questions


def test_hostile_text_stays_text_in_libreoffice(rules, tmp_path: Path) -> None:
    actions = [
        Action(
            id=f"1.1.{n}",
            outcome="1.1",
            section="1",
            text=t,
            status="Underway",
            status_raw=t,
            links_raw=t,
            source=Where(page=1),
        )
        for n, t in enumerate(HOSTILE, 1)
    ]
    doc = Document(
        source=Source("=x.docx", "0" * 64, "docx", 1),
        kind="action_plan",
        title="=1+1",
        sections=[Section("1", "@s")],
        outcomes=[Outcome("1.1", "1", "+o")],
        actions=actions,
        findings=[Finding("warning", "c", Place("action", "1.1.1"), "=2+2")],
    )
    book = tmp_path / "hostile.xlsx"
    write_workbook(doc, book, rules)
    sheets = assert_values_survive(book, tmp_path)
    texts = [row[1] for row in sheets["Actions"][3:]]  # after the section and outcome heading rows
    assert texts == [t.replace("_x005F_", "_") for t in HOSTILE]
    assert sheets["Actions"][1][0] == "1. @s" and sheets["Actions"][2][0] == "Outcome 1.1: +o"
    assert sheets["Findings"][1][3] == "=2+2"


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("self-harm-action-plan 2020-06 revision 2.txt", "Preventing Self-Harm Action Plan — 2020-06, v2"),
        (
            "self-harm-reflection-tool.txt",
            "Supporting improved responses to self-harm: A reflection and improvement tool",
        ),
    ],
)
def test_every_page_prints_at_8_points_or_more_with_its_header_and_footer(
    name: str, header: str, rules, tmp_path: Path
) -> None:
    """Printed through LibreOffice to PDF: every character at 8 pt or more (the chart's included),
    and every page headed with the plan's title and version, footed with its page and source file."""
    import pdfplumber

    book = tmp_path / "printed.xlsx"
    doc = process(ROOT / "inputs" / name, rules)
    write_workbook(doc, book, rules)
    profile = tmp_path / "profile"
    result = subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "printed.pdf") as pdf:
        pages = len(pdf.pages)
        assert pages >= 4
        for number, page in enumerate(pdf.pages, 1):
            upright = [c for c in page.chars if c["upright"]]  # a turned axis title has no upright size
            assert min(c["size"] for c in upright) >= 8, f"page {number}"
            lines = page.extract_text().splitlines()
            assert lines[0].startswith(header), (number, lines[0])
            footer = next(line for line in lines if line.startswith("Source: "))  # (a chart's turned title may follow)
            assert footer == f"Source: {name} Page {number} of {pages}"
            assert page.width > page.height  # landscape
            page.close()


@pytest.mark.parametrize(
    "name",
    [
        "all-plans.xlsx",
        "Preventing Self-Harm Action Plan.history.xlsx",
        "self-harm-action-plan__self-harm-action-plan 2020-06 revision 2.diff.xlsx",
    ],
)
def test_the_build_workbooks_print_at_8_points_or_more(name: str, tmp_path: Path) -> None:
    """The index, history and diff workbooks the build commits, printed through LibreOffice."""
    import pdfplumber

    book = tmp_path / "printed.xlsx"
    book.write_bytes((ROOT / "outputs" / name).read_bytes())
    profile = tmp_path / "profile"
    result = subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "printed.pdf") as pdf:
        for number, page in enumerate(pdf.pages, 1):
            assert min(c["size"] for c in page.chars if c["upright"]) >= 8, f"page {number}"
            assert f"Page {number} of {len(pdf.pages)}" in page.extract_text()
            page.close()
