"""An officer teaches the pipeline a new status word and a new column name in rules/ — no code change."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx

from pipeline.process import process
from pipeline.rules import DEFAULT_RULES_DIR, load_rules
from tests.helpers import as_dict


def word_plan(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Wellbeing Action Plan", level=0)
    document.add_heading("1. Better support", level=1)
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(
        table.rows[0].cells, ["Ref", "What we will do", "How it's going", "Linked work", "Population"], strict=True
    ):
        cell.text = text
    rows = [
        ["1.1.1", "Train community connectors", "Zooming along", "Links to 1.1.2", "Adults"],
        ["1.1.2", "Publish a directory of support", "Not started", "", "All ages"],
        ["1.2.1", "Run a listening campaign", "Zooming along", "", "CYP"],
    ]
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    document.save(path)
    return path


def teach(rules_dir: Path) -> None:
    statuses = rules_dir / "statuses.yaml"
    statuses.write_text(
        statuses.read_text(encoding="utf-8").replace(
            "      - Under way\n", "      - Under way\n      - Zooming along\n"
        ),
        encoding="utf-8",
    )
    headers = rules_dir / "headers.yaml"
    text = headers.read_text(encoding="utf-8")
    text = text.replace("    - RAG status\n", "    - RAG status\n    - How it's going\n", 1)
    text = text.replace("    - Related work\n", "    - Related work\n    - Linked work\n", 1)
    headers.write_text(text, encoding="utf-8")


def test_new_words_in_rules_are_read_without_code_changes(tmp_path: Path) -> None:
    plan = word_plan(tmp_path / "wellbeing plan.docx")
    before = as_dict(process(plan, load_rules()))
    first = before["actions"][0]
    assert first["status"] is None and "How it's going" in first["extra"]  # unknown column kept, not dropped

    rules_dir = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules_dir)
    teach(rules_dir)
    after = as_dict(process(plan, load_rules(rules_dir)))
    got = {a["id"]: a for a in after["actions"]}
    assert list(got) == ["1.1.1", "1.1.2", "1.2.1"]
    assert (got["1.1.1"]["status"], got["1.1.1"]["status_raw"], got["1.1.1"]["extra"]) == (
        "Underway",
        "Zooming along",
        {},
    )
    assert got["1.1.1"]["links_raw"] == "Links to 1.1.2" and got["1.1.1"]["linked_actions"] == ["1.1.2"]
    assert (got["1.1.2"]["status"], got["1.1.2"]["age_group"]) == ("Idea", "Both")
    assert got["1.2.1"]["age_group"] == "CYP"
    assert not [f for f in after["findings"] if f["code"] in ("unknown-status", "missing-status")]


def test_two_level_numbering_links_and_dependencies(tmp_path: Path) -> None:
    """A plan numbered 1.1, 1.2 (no outcomes): "links with 1.1" cites an action, not an outcome."""
    document = docx.Document()
    document.add_heading("Borough Self-Harm Action Plan", level=0)
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ["Ref", "Action", "Status", "Links", "Age group"], strict=True):
        cell.text = text
    rows = [
        ["1.1", "Train GPs in risk assessment", "In progress", "", "Adults"],
        ["1.2", "Set up peer support groups", "Not started", "Links with 1.1 and 4.4", "CYP"],
        ["2.1", "Audit repeat attendances", "On hold", "Dependent on 1.2", "All ages"],
    ]
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    document.save(tmp_path / "two-level.docx")
    doc = as_dict(process(tmp_path / "two-level.docx", load_rules()))
    got = {a["id"]: a for a in doc["actions"]}
    assert got["1.2"]["linked_actions"] == ["1.1"] and got["1.2"]["linked_outcomes"] == []
    assert got["2.1"]["depends_on"] == ["1.2"] and got["2.1"]["linked_actions"] == ["1.2"]
    assert [(f["code"], f["where"]) for f in doc["findings"]] == [("dangling-reference", "1.2")]
