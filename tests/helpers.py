"""Shared test helpers: the hand-written golden records and field-by-field comparison.

Every rendering of the seed plan (text, PDF layouts, DOCX) and of the seed guidance page
(text, HTML, PDF, Word form) is held to the same expectations, written by reading the seeds
(tests/golden/*.yaml), never copied from the program's output.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.core.model import CONTRACT_ACTION_FIELDS

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = ROOT / "tests" / "fixtures" / "files"
PLAN_FIELDS = tuple(f for f in CONTRACT_ACTION_FIELDS if f != "source")  # every field but where it was read


@lru_cache(maxsize=1)
def expected_plan() -> dict[str, Any]:
    data = yaml.safe_load((GOLDEN / "seed_plan.yaml").read_text(encoding="utf-8"))
    actions = []
    for action in data["actions"]:
        full = {**data["defaults"], **action}
        full.setdefault("outcome", ".".join(full["id"].split(".")[:2]))
        full.setdefault("section", full["id"].split(".")[0])
        actions.append(full)
    return {**data, "actions": actions}


@lru_cache(maxsize=1)
def expected_guidance() -> dict[str, Any]:
    return yaml.safe_load((GOLDEN / "seed_guidance.yaml").read_text(encoding="utf-8"))


def as_dict(doc: Any) -> dict[str, Any]:
    """A document as JSON, with the coordinates (line, box) the committed JSON leaves out."""
    from pipeline.core.model import to_json

    return json.loads(to_json(doc, coordinates=True))


def plan_differences(doc: dict[str, Any]) -> list[str]:
    """Every way a plan document differs from the seed plan's golden records (empty = equal)."""
    want = expected_plan()
    diffs: list[str] = []
    if doc["kind"] != "action_plan":
        diffs.append(f"kind is {doc['kind']}")
    if doc["title"] != want["title"]:
        diffs.append(f"title {doc['title']!r} != {want['title']!r}")
    if doc["sections"] != want["sections"]:
        diffs.append(f"sections {doc['sections']!r} != {want['sections']!r}")
    got_outcomes = {o["id"]: o for o in doc["outcomes"]}
    if [o["id"] for o in doc["outcomes"]] != [o["id"] for o in want["outcomes"]]:
        diffs.append(f"outcome ids {[o['id'] for o in doc['outcomes']]}")
    for o in want["outcomes"]:
        got = got_outcomes.get(o["id"], {})
        for key, value in o.items():
            if got.get(key) != value:
                diffs.append(f"outcome {o['id']} {key}: {got.get(key)!r} != {value!r}")
    if [a["id"] for a in doc["actions"]] != [a["id"] for a in want["actions"]]:
        diffs.append(f"action ids {[a['id'] for a in doc['actions']]}")
    got_actions = {a["id"]: a for a in doc["actions"]}
    for a in want["actions"]:
        got = got_actions.get(a["id"], {})
        for key in PLAN_FIELDS:
            if got.get(key) != a[key]:
                diffs.append(f"action {a['id']} {key}: {got.get(key)!r} != {a[key]!r}")
    got_findings = [(f["severity"], f["code"], f["where"]) for f in doc["findings"]]
    want_findings = [(f["severity"], f["code"], f["where"]) for f in want["findings"]]
    for finding in want_findings:
        if finding not in got_findings:
            diffs.append(f"missing finding {finding}")
    return diffs


def guidance_differences(doc: dict[str, Any], check_kinds: bool = True) -> list[str]:
    """Every way a guidance document differs from the seed page's golden records."""
    want = expected_guidance()
    diffs: list[str] = []
    if doc["kind"] != "guidance":
        diffs.append(f"kind is {doc['kind']}")
    if doc["title"] != want["title"]:
        diffs.append(f"title {doc['title']!r} != {want['title']!r}")
    if doc["priorities"] != want["priorities"]:
        diffs.append(f"priorities {doc['priorities']!r}")
    if [q["id"] for q in doc["questions"]] != [q["id"] for q in want["questions"]]:
        diffs.append(f"question ids {[q['id'] for q in doc['questions']]}")
    got = {q["id"]: q for q in doc["questions"]}
    for q in want["questions"]:
        g = got.get(q["id"], {})
        parts = [p["text"] for p in q["parts"]]
        if g.get("parts") != parts:
            diffs.append(f"question {q['id']} parts {g.get('parts')!r} != {parts!r}")
        if g.get("text") != " ".join(parts + q.get("notes", [])):
            diffs.append(f"question {q['id']} text {g.get('text')!r}")
        if g.get("notes", []) != q.get("notes", []):
            diffs.append(f"question {q['id']} notes {g.get('notes')!r}")
        if check_kinds:
            kinds = [p["kind"] for p in q["parts"]]
            if g.get("kinds") != kinds:
                diffs.append(f"question {q['id']} kinds {g.get('kinds')!r} != {kinds!r}")
            follow = [p.get("follow_up", False) for p in q["parts"]]
            if g.get("follow_up") != follow:
                diffs.append(f"question {q['id']} follow_up {g.get('follow_up')!r} != {follow!r}")
    text = json.dumps(doc, ensure_ascii=False).lower()
    for noise in want["noise"]:
        if noise.lower() in text:
            diffs.append(f"page furniture reached the output: {noise!r}")
    return diffs
