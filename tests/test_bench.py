"""The benchmark cannot rot: `bench/run.py --quick` runs end to end, and its workload answers are right.

The full benchmark (`make bench`) is not part of the suite; this runs it on a three-page plan
and a five-document corpus rendered by reportlab (no LibreOffice, no camelot) in a temporary
folder, and checks that every measure is there and the correctness ones hold.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import pdfplumber_baseline
import workloads


def test_quick_run_end_to_end(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--quick",
            "--no-libreoffice",
            "--no-camelot",
            "--work",
            str(tmp_path / "work"),
            "--results",
            str(results),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    data = json.loads(results.read_text(encoding="utf-8"))
    measures = {m["key"]: m for m in data["measures"]}
    assert set(measures) >= {"1a", "1b", "1c", "2", "2b", "3", "4", "4b", "5a", "5b", "6", "7a", "7b", "7c", "8a", "8f"}
    assert measures["8f"]["met"] is True, measures["8f"]
    assert measures["8a"]["met"] is True, measures["8a"]
    assert measures["2"]["met"] is True, measures["2"]
    assert measures["2b"]["met"] is True
    assert measures["5b"]["value"] == 0
    assert measures["7a"]["value"] == f"{data['workloads']['w1']['actions']}/{data['workloads']['w1']['actions']}"
    assert data["workloads"]["w2"]["documents"] == 5
    for key in ("1a", "1b", "3", "4", "6"):
        assert isinstance(measures[key]["value"], float) and measures[key]["value"] > 0
    assert "MISSED" in run.stdout or "yes" in run.stdout  # the table was printed
    targets = {key: measures[key]["target"] for key in ("1a", "1b", "3", "4", "6")}
    assert targets == {"1a": "≤ 0.35", "1b": "≤ 0.6", "3": "≤ 1.3", "4": "≥ 1.6", "6": "≤ 2.5"}


def test_generated_plans_are_deterministic_and_consistent() -> None:
    a = workloads.make_plan(3, 4, (2, 3), (2, 5))
    b = workloads.make_plan(3, 4, (2, 3), (2, 5))
    assert a.expected == b.expected
    actions = a.expected["actions"]
    ids = [x["id"] for x in actions]
    assert len(ids) == len(set(ids)) == a.action_count
    for action in actions:
        assert action["outcome"] == action["id"].rsplit(".", 1)[0]
        assert action["id"] not in action["linked_actions"] + action["depends_on"]
        assert set(action["linked_actions"]) <= set(ids)
        assert set(action["depends_on"]) <= set(ids)
        cells = a.expected["cells"][action["id"]]
        assert cells["text"] == action["text"] and cells["status"] == action["status_raw"]
        assert (cells["links"] or None) == action["links_raw"]
    assert {x["status"] for x in actions} >= {"Underway", "Complete"}


def test_differences_name_every_wrong_field() -> None:
    plan = workloads.make_plan(5, 2, (1, 2), (2, 3))
    doc = {k: plan.expected[k] for k in ("title", "sections", "outcomes")}
    doc["actions"] = [dict(a) for a in plan.expected["actions"]]
    assert workloads.action_differences(doc, plan.expected) == (plan.action_count, [])
    doc["actions"][0]["status"] = "Idea" if doc["actions"][0]["status"] != "Idea" else "Complete"
    doc["actions"].pop()
    right, diffs = workloads.action_differences(doc, plan.expected)
    assert right == plan.action_count - 2
    assert any("status" in d for d in diffs) and any("missing" in d for d in diffs)


def test_table_rows_are_read_as_a_person_would(rules) -> None:  # type: ignore[no-untyped-def]
    """A header row maps the columns; an id starts an action; rows without one go on with it."""
    header = ["Outcome", "No.", "Specific Action", "Status", "Links with other actions", "Age Group"]
    pages = [
        [
            [
                header,
                ["1.1 Parents", "1.1.1", "Deliver self-", "Underway", "", "CYP"],
                ["", "", "harm training", "", "", ""],
                ["", "1.1.2", "Roll out", "Complete", "Link with 1.1.1", "Adults"],
            ]
        ],
        [[["", "", "to schools", "", "", ""]]],  # a new page's table: not joined to the last row
    ]
    found = pdfplumber_baseline.actions_from_tables(pages, rules)  # type: ignore[arg-type]
    assert found == {
        "1.1.1": {"text": "Deliver self-harm training", "status": "Underway", "links": "", "age_group": "CYP"},
        "1.1.2": {"text": "Roll out", "status": "Complete", "links": "Link with 1.1.1", "age_group": "Adults"},
    }


@pytest.mark.parametrize("n", range(6))
def test_corpus_variants_differ_from_their_source(n: int) -> None:
    text = "Status: Underway. Initial meeting held. We support them. Underway again."
    assert workloads._vary(text, n) != text
