"""Plans in flowing text that are not the seed: other words, numbering and layouts."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.process import process
from pipeline.rules import DEFAULT_RULES_DIR, load_rules
from tests.helpers import as_dict

OTHER_PLAN = """\
Suicide Prevention Plan 2024-2026

1. Reducing risk in high-risk groups

Objective Ref What we will do Progress
Related work

Population

1.1 Men in mid-life are better
supported 1.1.1

Run a campaign with local football
clubs In progress Links to 1.1.2 Adults

 1.1.2
Train barbers as listeners Not started  Adults

1.2 Children in care have
timely support 1.2.1

Review the care-leaver pathway Done

Thrive Framework Action 2.4 Children and young people

2. Better data

Objective Ref What we will do Progress
Related work

Population

2.1. Real-time surveillance is in
place 2.1.1

Set up a real-time surveillance
group with the police Delayed pending data
sharing agreement

Dependent on 1.2.1 All ages

 2.1.2
Publish an annual report Wibble  Adults
"""


def write(tmp_path: Path, text: str, name: str = "plan.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_other_plan_reads_with_other_words(tmp_path: Path, rules) -> None:
    doc = as_dict(process(write(tmp_path, OTHER_PLAN), rules))
    assert doc["kind"] == "action_plan" and doc["title"] == "Suicide Prevention Plan 2024-2026"
    assert [s["title"] for s in doc["sections"]] == ["Reducing risk in high-risk groups", "Better data"]
    assert [o["id"] for o in doc["outcomes"]] == ["1.1", "1.2", "2.1"]
    assert doc["outcomes"][2]["text"] == "Real-time surveillance is in place"
    got = {a["id"]: a for a in doc["actions"]}
    assert list(got) == ["1.1.1", "1.1.2", "1.2.1", "2.1.1", "2.1.2"]
    assert got["1.1.1"]["text"] == "Run a campaign with local football clubs"
    assert (got["1.1.1"]["status"], got["1.1.1"]["links_raw"], got["1.1.1"]["age_group"]) == (
        "Underway",
        "Links to 1.1.2",
        "Adults",
    )
    assert got["1.1.1"]["linked_actions"] == ["1.1.2"]
    assert (got["1.1.2"]["status"], got["1.1.2"]["status_raw"], got["1.1.2"]["links_raw"]) == (
        "Idea",
        "Not started",
        None,
    )
    assert (got["1.2.1"]["status"], got["1.2.1"]["age_group"], got["1.2.1"]["age_group_raw"]) == (
        "Complete",
        "CYP",
        "Children and young people",
    )
    assert got["1.2.1"]["external_refs"] == ["Thrive Framework Action 2.4"]
    assert got["1.2.1"]["linked_outcomes"] == []
    assert got["2.1.1"]["status"] == "Awaiting"
    assert got["2.1.1"]["status_raw"] == "Delayed pending data sharing agreement"
    assert got["2.1.1"]["depends_on"] == ["1.2.1"] and got["2.1.1"]["age_group"] == "Both"
    assert got["2.1.1"]["outcome"] == "2.1" and got["2.1.1"]["section"] == "2"
    findings = [(f["code"], f["where"]) for f in doc["findings"]]
    assert ("depends-on-complete", "2.1.1") in findings
    assert ("unknown-status", "2.1.2") not in findings or got["2.1.2"]["status"] is None


def test_unknown_status_word_is_kept_and_flagged(tmp_path: Path, rules) -> None:
    text = OTHER_PLAN.replace("Publish an annual report Wibble  Adults", "Publish an annual report\n\nWibble\n\nAdults")
    doc = as_dict(process(write(tmp_path, text), rules))
    last = doc["actions"][-1]
    assert last["text"] == "Publish an annual report"
    assert last["status"] is None
    assert ("unknown-status", "2.1.2") in [(f["code"], f["where"]) for f in doc["findings"]] or last[
        "status_raw"
    ] is None


def test_made_up_status_word_learned_from_rules(tmp_path: Path) -> None:
    rules_dir = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules_dir)
    statuses = rules_dir / "statuses.yaml"
    statuses.write_text(
        statuses.read_text(encoding="utf-8").replace(
            "      - Under way\n", "      - Under way\n      - Zooming along\n"
        ),
        encoding="utf-8",
    )
    text = OTHER_PLAN.replace(
        "Train barbers as listeners Not started  Adults", "Train barbers as listeners Zooming along  Adults"
    )
    plan = write(tmp_path, text)
    before = as_dict(process(plan, load_rules()))["actions"][1]
    after = as_dict(process(plan, load_rules(rules_dir)))["actions"][1]
    assert before["status"] is None or before["text"] != "Train barbers as listeners"
    assert (after["text"], after["status"], after["status_raw"]) == (
        "Train barbers as listeners",
        "Underway",
        "Zooming along",
    )
