"""What analysts load: the CSVs across every document, and the JSON against its shipped schemas.

The build's outputs for the shipped inputs are checked as written (CSV bytes, BOM, one row per
record, formula-safe), loaded the way the README says (pandas), and every JSON the build writes
is validated against its JSON Schema.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline.build.run import run_build
from pipeline.core.model import Action, Document, Finding, Source, Where
from pipeline.emit.csv_out import ACTION_COLUMNS, csv_bytes, safe_field, write_csvs
from pipeline.emit.json_out import schema, validate
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    assert run_build(ROOT / "inputs", out, jobs=1, quiet=True) == 0
    return out


def _documents(built: Path) -> list[Path]:
    """The per-document JSON outputs (not the index, the diffs or the hidden manifest)."""
    return [
        p
        for p in sorted(built.glob("*.json"))
        if not p.name.endswith(".diff.json") and p.name != "index.json" and not p.name.startswith(".")
    ]


def _rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_one_row_per_record_across_every_document(built: Path) -> None:
    docs = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in _documents(built)}
    actions = _rows(built / "all-actions.csv")
    want = [
        (d["source"]["file"], a["id"])
        for _, d in sorted(docs.items(), key=lambda kv: kv[1]["source"]["file"])
        for a in d["actions"]
    ]
    assert [(r["file"], r["id"]) for r in actions] == want
    assert list(actions[0]) == ["file", *(name for name, _ in ACTION_COLUMNS)]
    questions = _rows(built / "all-questions.csv")
    assert len(questions) == sum(len(d["questions"]) for d in docs.values()) == 21
    findings = _rows(built / "all-findings.csv")
    assert len(findings) == sum(len(d["findings"]) for d in docs.values())
    first = next(r for r in actions if r["id"] == "2.3.2" and r["file"] == "self-harm-action-plan.txt")
    assert first["status"] == "Awaiting" and first["status_raw"] == "Awaiting result of 2.3.1"
    assert first["depends_on"] == "2.3.1"


def test_pandas_reads_the_csvs_and_the_json_as_the_readme_says(built: Path) -> None:
    actions = pd.read_csv(built / "all-actions.csv", dtype=str, keep_default_na=False)
    assert list(actions.columns)[:4] == ["file", "section", "outcome", "id"] and len(actions) == 64
    assert set(actions["status"]) <= {"Idea", "Initial meeting", "Underway", "Awaiting", "Complete"}
    with open(built / "self-harm-action-plan.json", encoding="utf-8") as f:
        one = pd.json_normalize(json.load(f)["actions"])
    assert len(one) == 32 and "source.page" in one.columns
    with open(built / "index.json", encoding="utf-8") as f:
        index = pd.json_normalize(json.load(f)["documents"])
    assert list(index["file"]) == sorted(p.name for p in (ROOT / "inputs").iterdir())


def test_every_json_of_the_build_meets_its_schema(built: Path) -> None:
    assert validate(json.loads((built / "index.json").read_text(encoding="utf-8")), "index") == []
    diffs = list(built.glob("*.diff.json"))
    assert diffs
    for path in diffs:
        assert validate(json.loads(path.read_text(encoding="utf-8")), "diff") == [], path.name
    documents = _documents(built)
    assert len(documents) == len(list((ROOT / "inputs").iterdir()))
    for path in documents:
        assert validate(json.loads(path.read_text(encoding="utf-8"))) == [], path.name


def test_the_schemas_refuse_what_breaks_them(built: Path) -> None:
    index = json.loads((built / "index.json").read_text(encoding="utf-8"))
    index["documents"][0]["state"] = "fine"
    assert validate(index, "index")
    (path,) = built.glob("*.diff.json")
    diff = json.loads(path.read_text(encoding="utf-8"))
    diff["actions"][0]["tags"] = ["exploded"]
    assert validate(diff, "diff")
    assert schema("diff")["properties"]["diff_version"] == {"const": 1}


def test_csv_fields_are_formula_safe_by_the_workbook_rule() -> None:
    assert safe_field('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert safe_field(" @SUM(A1)") == "' @SUM(A1)"
    assert safe_field("\uff1d1+1").startswith("'")
    assert safe_field("a\x00b") == "ab"
    assert safe_field(None) == "" and safe_field(True) == "true" and safe_field(3) == "3"
    assert csv_bytes(["a"], [["-2+3"]]).decode("utf-8-sig") == "a\r\n'-2+3\r\n"


def test_hostile_records_stay_text_in_the_csv(tmp_path: Path) -> None:
    action = Action("1.1", None, None, "=cmd|' /C calc'!A0", "Underway", "+1", "@x", source=Where(page=2))
    doc = Document(
        Source("p.pdf", "0" * 64, "pdf", 2),
        "action_plan",
        "P",
        actions=[action],
        findings=[Finding("warning", "x", "1.1", "-1 said")],
    )
    write_csvs(tmp_path, [("p.pdf", doc.to_dict())])
    (row,) = _rows(tmp_path / "all-actions.csv")
    assert row["text"] == "'=cmd|' /C calc'!A0" and row["status_raw"] == "'+1" and row["links_raw"] == "'@x"
    assert row["page"] == "2"
    (finding,) = _rows(tmp_path / "all-findings.csv")
    assert finding["message"] == "'-1 said"


def test_every_field_of_an_action_and_a_question_has_its_column() -> None:
    """The CSVs promise the JSON's own field names: a field added to the contract gets a column."""
    import dataclasses

    from pipeline.core.model import Action, Question
    from pipeline.emit.csv_out import QUESTION_COLUMNS

    for record, columns in ((Action, ACTION_COLUMNS), (Question, QUESTION_COLUMNS)):
        fields = {f.name for f in dataclasses.fields(record)} - {"source"}
        assert fields <= {name for name, _ in columns}, record.__name__
        assert "page" in {name for name, _ in columns}  # where it was read, from `source`
