"""index.json and all-plans.xlsx: made from the JSON outputs alone, complete, safe and reproducible."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from pipeline.core.errors import Failure
from pipeline.core.model import to_json
from pipeline.emit.index import Entry, combined_workbook, index_data, load, summarise, write_index
from pipeline.rules import Rules
from tests.xlsx_checks import worksheet_formulas


def plan_doc(title: str = "Plan", statuses: tuple[str | None, ...] = ("Complete", "Underway", None)) -> dict[str, Any]:
    actions = [
        {
            "id": f"1.1.{n}",
            "outcome": "1.1",
            "section": "1",
            "text": f"Action {n}",
            "status": s,
            "status_raw": s,
            "links_raw": None,
            "linked_actions": [],
            "linked_outcomes": [],
            "external_refs": [],
            "depends_on": [],
            "age_group": None,
            "quality_statements": [],
            "lead": "Public Health" if n == 1 else None,
            "timescale": "March 2025" if n == 1 else None,
            "source": {"page": 1},
        }
        for n, s in enumerate(statuses, 1)
    ]
    return {
        "schema_version": 1,
        "kind": "action_plan",
        "title": title,
        "source": {"file": "x", "sha256": "0", "format": "txt", "pages": None},
        "sections": [{"number": "1", "title": "One"}],
        "outcomes": [{"id": "1.1", "section": "1", "text": "O"}],
        "actions": actions,
        "priorities": [],
        "questions": [],
        "findings": [
            {"severity": "warning", "code": "c", "where": "1.1.1", "message": "m"},
            {"severity": "error", "code": "d", "where": "1.1.2", "message": "n"},
        ],
    }


def guidance_doc() -> dict[str, Any]:
    return {
        "schema_version": 1,
        "kind": "guidance",
        "title": "Guide",
        "source": {"file": "g", "sha256": "0", "format": "html", "pages": None},
        "sections": [],
        "outcomes": [],
        "actions": [],
        "priorities": [{"number": 1, "title": "P"}],
        "questions": [
            {"id": "1.1", "priority": 1, "text": "Who?", "parts": ["Who?"], "response": "Us", "rag": "Green"},
            {"id": "1.2", "priority": 1, "text": "Why?", "parts": ["Why?"]},
        ],
        "findings": [],
    }


@pytest.fixture
def outputs(tmp_path: Path) -> Path:
    (tmp_path / "plan.json").write_text(to_json(plan_doc()), encoding="utf-8")
    (tmp_path / "guide.json").write_text(to_json(guidance_doc()), encoding="utf-8")
    (tmp_path / "old.json").write_text(to_json(plan_doc("Old plan", ("Idea",))), encoding="utf-8")
    return tmp_path


def entries() -> list[Entry]:
    failure = Failure("encrypted", "encrypted PDF", "remove the password")
    return [
        Entry("plan.pdf", "plan.json", "plan.xlsx"),
        Entry("guide.html", "guide.json", "guide.xlsx"),
        Entry("old.docx", "old.json", "old.xlsx", failure),  # the latest version failed; outputs are older
        Entry("broken.pdf", None, None, Failure("damaged", "damaged PDF", "ask again")),
    ]


def test_summary_counts_what_the_json_holds() -> None:
    summary = summarise(plan_doc())
    assert summary.counts == {"sections": 1, "outcomes": 1, "actions": 3}
    assert summary.statuses == {"Complete": 1, "No status": 1, "Underway": 1}
    assert summary.findings == {"error": 1, "warning": 1, "info": 0}
    assert summarise(guidance_doc()).counts == {"priorities": 1, "questions": 2, "answered": 1}


def test_every_input_is_listed_with_its_state(outputs: Path, rules: Rules) -> None:
    data = index_data(load(outputs, entries()), rules)
    docs = {d["file"]: d for d in data["documents"]}
    assert list(docs) == sorted(docs)  # file-name order
    assert docs["plan.pdf"]["state"] == "ok" and docs["plan.pdf"]["problem"] is None
    assert docs["plan.pdf"]["statuses"]["Complete"] == 1 and docs["plan.pdf"]["statuses"]["Idea"] == 0
    assert docs["guide.html"]["kind"] == "guidance" and docs["guide.html"]["counts"]["questions"] == 2
    assert docs["old.docx"]["state"] == "stale" and docs["old.docx"]["title"] == "Old plan"
    assert docs["old.docx"]["problem"]["line"] == "old.docx: encrypted PDF — remove the password"
    assert docs["broken.pdf"]["state"] == "failed" and docs["broken.pdf"]["kind"] is None
    totals = data["totals"]
    assert (totals["documents"], totals["ok"], totals["stale"], totals["failed"]) == (4, 2, 1, 1)
    assert totals["actions"] == 4 and totals["questions"] == 2
    assert totals["findings"] == {"error": 2, "warning": 2, "info": 0}


def test_an_unreadable_json_output_is_a_problem_not_a_crash(outputs: Path, rules: Rules) -> None:
    (outputs / "plan.json").write_text("{not json")
    doc = next(d for d in index_data(load(outputs, entries()), rules)["documents"] if d["file"] == "plan.pdf")
    assert doc["state"] == "failed"
    assert "could not be read" in doc["problem"]["reason"]


def test_the_workbook_has_an_index_and_every_record(outputs: Path, rules: Rules) -> None:
    json_path, xlsx_path, *csvs = write_index(outputs, entries(), rules, "index.json", "all-plans.xlsx")
    assert [p.name for p in csvs] == ["all-actions.csv", "all-questions.csv", "all-findings.csv"]
    assert json.loads(json_path.read_text())["index_version"] == 1
    wb = load_workbook(xlsx_path)
    assert wb.sheetnames[:4] == ["Index", "All actions", "All questions", "All findings"]
    index = wb["Index"]
    header = [c.value for c in index[1]]
    assert header[:4] == ["File", "Kind", "Title", "State"]
    assert [s.label for s in rules.statuses] == header[10 : 10 + len(rules.statuses)]
    files = [index.cell(row=r, column=1).value for r in range(2, 6)]
    assert files == ["broken.pdf", "guide.html", "old.docx", "plan.pdf"]
    assert index.cell(row=2, column=4).value == "Failed: no outputs"
    problem = index.cell(row=2, column=header.index("Problem") + 1).value
    assert problem == "damaged PDF — ask again"
    assert index["A5"].hyperlink is not None  # plan.pdf jumps to its actions
    assert wb["All actions"].max_row == 1 + 4  # three actions of plan.pdf and one of the older old.docx
    all_actions = wb["All actions"]
    headers = [c.value for c in all_actions[1]]
    rows = [dict(zip(headers, row, strict=True)) for row in all_actions.iter_rows(min_row=2, values_only=True)]
    first = next(r for r in rows if r["File"] == "plan.pdf" and r["Action"] == "1.1.1")
    assert (first["Lead"], first["Timescale"]) == ("Public Health", "March 2025")
    assert wb["All questions"]["D2"].value == "Who?"
    assert wb["All findings"].max_row == 1 + 4
    # a score of columns prints over more pages, file names repeated, not shrunk below 8 pt
    from pipeline.emit.xlsx.style import choose_paper, sheet_points

    assert len(header) > 16 and index.page_setup.fitToWidth >= 2 and index.print_title_cols == "$A:$A"
    for ws in (index, wb["All actions"], wb["All findings"]):
        paper, wide = choose_paper(sheet_points(ws))
        assert ws.page_setup.fitToWidth == wide and int(ws.page_setup.paperSize) == (8 if paper == "A3" else 9)


def test_text_from_documents_never_becomes_a_formula(outputs: Path, rules: Rules) -> None:
    doc = plan_doc(title='=HYPERLINK("http://evil","click")')
    doc["actions"][0]["text"] = "+cmd|' /C calc'!A0"
    doc["findings"][0]["message"] = "@SUM(1+1)"
    (outputs / "plan.json").write_text(to_json(doc), encoding="utf-8")
    _, xlsx_path, *_ = write_index(outputs, [Entry("=evil.pdf", "plan.json", "plan.xlsx")], rules, "i.json", "a.xlsx")
    assert worksheet_formulas(xlsx_path) == []
    wb = load_workbook(xlsx_path)
    assert wb["Index"]["A2"].value == "=evil.pdf" and wb["Index"]["A2"].data_type == "s"
    assert wb["Index"]["C2"].value == '=HYPERLINK("http://evil","click")'


def test_the_same_outputs_give_the_same_bytes(outputs: Path, rules: Rules, tmp_path: Path) -> None:
    first = [p.read_bytes() for p in write_index(outputs, entries(), rules, "index.json", "all-plans.xlsx")]
    second = [p.read_bytes() for p in write_index(outputs, entries(), rules, "index.json", "all-plans.xlsx")]
    assert first == second


def test_an_empty_inputs_folder_gives_an_empty_index(tmp_path: Path, rules: Rules) -> None:
    data = index_data([], rules)
    assert data["documents"] == [] and data["totals"]["documents"] == 0
    wb = combined_workbook([], data, rules)
    assert wb.sheetnames[0] == "Index"


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_index_is_written_beside_the_revisions_or_after_them(
    jobs: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], cached_reading: None
) -> None:
    """With two cores the index is written in a second process while the revision histories are
    written here: the same files, the same manifest, and a failure in it is still one line."""
    import shutil

    import pipeline.emit.index as index_module
    from pipeline.build.run import run_build
    from tests.helpers import FIXTURES, ROOT

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(ROOT / "inputs" / "self-harm-action-plan.txt", inputs / "plan.txt")
    shutil.copy(FIXTURES / "revision-2 2020-06.txt", inputs / "plan v2.txt")
    outputs = tmp_path / "outputs"
    assert run_build(inputs, outputs, jobs=jobs, quiet=True) == 0
    assert {"index.json", "all-plans.xlsx", "Preventing Self-Harm Action Plan.history.xlsx"} <= {
        p.name for p in outputs.iterdir()
    }
    index = json.loads((outputs / "index.json").read_text(encoding="utf-8"))
    assert [d["file"] for d in index["documents"]] == ["plan v2.txt", "plan.txt"]
    manifest = json.loads((outputs / ".manifest.json").read_text(encoding="utf-8"))
    assert manifest["index"]["files"] == [
        "index.json",
        "all-plans.xlsx",
        "all-actions.csv",
        "all-questions.csv",
        "all-findings.csv",
    ]

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("index boom")

    monkeypatch.setattr(index_module, "write_index", broken)
    (inputs / "plan.txt").write_text("changed\n" + (inputs / "plan.txt").read_text(encoding="utf-8"), "utf-8")
    capsys.readouterr()
    assert run_build(inputs, outputs, jobs=jobs, quiet=True) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(
        "index.json, all-plans.xlsx: could not be written because of an internal"
    )
    assert "RuntimeError: index boom" in (outputs / ".build.log").read_text(encoding="utf-8")
    assert (outputs / "Preventing Self-Harm Action Plan.history.xlsx").is_file()  # the revisions were still written
    monkeypatch.undo()
    assert run_build(inputs, outputs, jobs=jobs, quiet=True) == 0  # tried again next time
