"""The record model: one serialiser, deterministic bytes, JSON round trip, schema agreement."""

from __future__ import annotations

import json
from typing import get_args

from pipeline.core.model import (
    CONTRACT_ACTION_FIELDS,
    DOCUMENT,
    SCHEMA_VERSION,
    Document,
    Kind,
    Mention,
    Note,
    PageWords,
    Place,
    PlaceKind,
    from_dict,
    plain,
    to_json,
)
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


def test_typed_records_are_written_as_the_contract_has_them() -> None:
    """Typed in the program, the same strings in the JSON: `where`, mentions, the word report."""
    places = {
        Place("document"): "document",
        Place("plan"): "plan",
        Place("action", "2.3.1"): "2.3.1",
        Place("outcome", "2.3"): "2.3",
        Place("section", "2"): "2",
        Place("question", "1.4"): "1.4",
        Place("priority", "2"): "priority 2",
        Place("line", "14"): "line 14",
    }
    ids: dict[str, PlaceKind] = {"2.3.1": "action", "2.3": "outcome", "2": "section", "1.4": "question"}
    for place, written in places.items():
        assert plain(place) == written
        assert Place.parse(written, ids) == place
    assert plain(Mention("ORG", "NHS England")) == "ORG: NHS England"
    assert Mention.parse("ACRONYM: DSL: x") == Mention("ACRONYM", "DSL: x")
    words = PageWords(page=1, words=5, table=3, text=1, furniture=1, unaccounted=0)
    assert plain(words) == {
        "page": 1,
        "words": 5,
        "table": 3,
        "text": 1,
        "furniture": 1,
        "unaccounted": 0,
        "undecodable_characters": 0,
    }
    note = Note("warning", "repaired-file", DOCUMENT, "m")
    assert plain(note.finding()) == {
        "severity": "warning",
        "code": "repaired-file",
        "where": "document",
        "message": "m",
    }


def test_every_stage_knows_every_kind_of_document() -> None:
    from pipeline.check.findings import CHECKS
    from pipeline.core.kinds import KINDS
    from pipeline.emit.xlsx.document import SHEETS
    from pipeline.process import STAGES

    assert set(KINDS) == set(get_args(Kind)) == set(STAGES) == set(CHECKS) == set(SHEETS)
    assert all(kind.name == name for name, kind in KINDS.items())
