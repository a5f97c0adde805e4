"""The record model: one serialiser, deterministic bytes, JSON round trip, schema agreement."""

from __future__ import annotations

import json

from pipeline.core.model import CONTRACT_ACTION_FIELDS, SCHEMA_VERSION, Document, from_dict, to_json
from pipeline.emit.json_out import schema, validate
from pipeline.process import process
from tests.helpers import ROOT

PLAN = ROOT / "inputs" / "self-harm-action-plan.txt"
GUIDANCE = ROOT / "inputs" / "self-harm-reflection-tool.txt"


def test_round_trip_through_json(rules) -> None:
    for path in (PLAN, GUIDANCE):
        doc = process(path, rules)
        text = to_json(doc)
        again = from_dict(json.loads(text))
        assert isinstance(again, Document)
        assert to_json(again) == text


def test_serialiser_is_deterministic_and_plain(rules) -> None:
    first = to_json(process(PLAN, rules))
    second = to_json(process(PLAN, rules))
    assert first == second
    assert first.endswith("}\n") and '\n  "actions": [' in first
    data = json.loads(first)
    assert list(data) == sorted(data)
    assert data["schema_version"] == SCHEMA_VERSION
    assert str(ROOT) not in first and "/tmp" not in first  # no absolute paths


def test_schema_requires_every_contract_field() -> None:
    required = set(schema()["required"])
    assert required == {
        "schema_version",
        "source",
        "kind",
        "title",
        "sections",
        "outcomes",
        "actions",
        "priorities",
        "questions",
        "findings",
    }
    action = set(schema()["properties"]["actions"]["items"]["required"])
    assert set(CONTRACT_ACTION_FIELDS) <= action


def test_schema_rejects_broken_documents(rules) -> None:
    data = json.loads(to_json(process(PLAN, rules)))
    assert validate(data) == []
    data["actions"][0]["status"] = 3
    data["kind"] = "memo"
    del data["findings"]
    problems = validate(data)
    assert any("actions/0/status" in p for p in problems)
    assert any(p.startswith("kind") for p in problems)
    assert any("findings" in p for p in problems)
