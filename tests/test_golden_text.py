"""The seed documents, from their text, give exactly the records a careful reader writes down."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.emit.json_out import validate
from pipeline.process import process
from tests.helpers import ROOT, SHARED, as_dict, guidance_differences, plan_differences

PLAN = ROOT / "inputs" / "self-harm-action-plan.txt"
GUIDANCE = ROOT / "inputs" / "self-harm-reflection-tool.txt"


@pytest.mark.parametrize("path", [PLAN, SHARED / "seeds" / "000_1de47358c222c4b6.txt"], ids=["input", "seed"])
def test_seed_plan_text_every_field(path: Path, rules) -> None:
    doc = as_dict(process(path, rules))
    assert plan_differences(doc) == []
    assert len(doc["actions"]) == 32 and len(doc["outcomes"]) == 9 and len(doc["sections"]) == 5


def test_seed_plan_findings_exactly(rules) -> None:
    doc = as_dict(process(PLAN, rules))
    assert [(f["severity"], f["code"], f["where"]) for f in doc["findings"]] == [
        ("info", "outcome-reference", "2.1.2"),
        ("warning", "missing-age-group", "3.1.6"),
        ("warning", "dangling-reference", "5.1.4"),
    ]
    dangling = next(f for f in doc["findings"] if f["code"] == "dangling-reference")
    assert "3.1.7" in dangling["message"]


def test_seed_plan_text_source_lines(rules) -> None:
    doc = as_dict(process(PLAN, rules))
    lines = {a["id"]: a["source"]["line"] for a in doc["actions"]}
    assert lines["1.1.1"] == 16 and lines["1.1.2"] == 22  # where the id is printed
    assert all(a["source"]["page"] is None for a in doc["actions"])


@pytest.mark.parametrize("path", [GUIDANCE, SHARED / "seeds" / "002_8bd584bef6561ab1.txt"], ids=["input", "seed"])
def test_seed_guidance_text_every_question(path: Path, rules) -> None:
    doc = as_dict(process(path, rules))
    assert guidance_differences(doc) == []
    assert len(doc["priorities"]) == 3 and len(doc["questions"]) == 21
    assert doc["actions"] == [] and doc["findings"] == []


@pytest.mark.parametrize("path", [PLAN, GUIDANCE], ids=["plan", "guidance"])
def test_outputs_validate_against_schema(path: Path, rules) -> None:
    assert validate(as_dict(process(path, rules))) == []
