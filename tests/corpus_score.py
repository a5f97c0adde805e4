"""Score the pipeline against the hand-written corpus (tests/corpus/): what is exact, what is not.

Used by `tests/test_corpus.py` (every case must be exact) and by `make corpus` (the report:
plans read / refused, actions exact of total, statuses mapped, false links; questions and
priorities exact, page chrome taken for content). The expectations are written by reading the
documents (tests/corpus/README.md); this module only compares.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CORPUS = Path(__file__).resolve().parent / "corpus"

ALWAYS_COMPARED = ("id", "section", "outcome", "text")
OPTIONAL_FIELDS = (
    "title",
    "status_raw",
    "status_family",
    "status_source",
    "lead",
    "timescale",
    "update",
    "linked_actions",
    "external_refs",
    "extra",
)


@dataclass(frozen=True)
class Case:
    """One rendering of one corpus document, with the records it must give."""

    kind: str  # plans | guidance
    name: str  # the case folder
    path: Path  # the rendering
    expected: dict[str, Any]
    text_only: bool = False

    @property
    def label(self) -> str:
        return f"{self.name}/{self.path.name}"


def cases(kind: str) -> Iterator[Case]:
    """Every rendering listed in every `expected.yaml` under tests/corpus/<kind>/."""
    for expected_file in sorted((CORPUS / kind).glob("*/expected.yaml")):
        expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
        text_only = set(expected.get("text_only_renderings") or [])
        for rendering in expected.get("renderings") or []:
            path = expected_file.parent / rendering
            yield Case(kind, expected_file.parent.name, path, expected, rendering in text_only)


def _flat(value: Any) -> Any:
    """Whitespace collapsed in every string, so expectations compare as the pipeline cleans."""
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    if isinstance(value, list):
        return [_flat(v) for v in value]
    if isinstance(value, dict):
        return {k: _flat(v) for k, v in value.items()}
    return value


@dataclass
class Score:
    """What one rendering gave, against its expectations."""

    case: Case
    refused: str | None = None  # the one-line reason, when the pipeline refused the file
    wrong_kind: bool = False
    total: int = 0  # actions (plans) or questions (guidance) expected
    exact: int = 0
    statuses: int = 0  # plans: actions with an expected status family ...
    statuses_right: int = 0  # ... that got it
    false_links: int = 0  # plans: linked_actions the document does not make
    priorities: int = 0  # guidance: priorities expected ...
    priorities_right: int = 0
    chrome: int = 0  # guidance: priorities or questions that are not in the document's content
    differences: list[str] = field(default_factory=list)

    @property
    def is_exact(self) -> bool:
        return not self.differences and self.refused is None


def score(case: Case, doc: dict[str, Any] | None, refused: str | None = None) -> Score:
    """Compare one rendering's JSON (or its refusal) with the expectations."""
    result = Score(case=case, refused=refused)
    want = case.expected
    if case.kind == "plans":
        result.total = len(want["actions"])
        result.statuses = sum(1 for a in want["actions"] if a.get("status_family"))
    else:
        result.total = len(want["questions"])
        result.priorities = len(want["priorities"])
    if doc is None:
        result.differences.append(f"refused: {refused}")
        return result
    expected_kind = "action_plan" if case.kind == "plans" else "guidance"
    if doc.get("kind") != expected_kind:
        result.wrong_kind = True
        result.differences.append(f"read as {doc.get('kind')}, not {expected_kind}")
        return result
    if case.kind == "plans":
        _score_plan(result, want, doc)
    else:
        _score_guidance(result, want, doc)
    return result


def _score_plan(result: Score, want: dict[str, Any], doc: dict[str, Any]) -> None:
    diffs = result.differences
    if "title" in want and _flat(doc.get("title")) != _flat(want["title"]):
        diffs.append(f"title {doc.get('title')!r} != {want['title']!r}")
    if "sections" in want and not result.case.text_only:
        got = [{"number": s["number"], "title": _flat(s["title"])} for s in doc.get("sections", [])]
        if got != _flat(want["sections"]):
            diffs.append(f"sections {got!r} != {_flat(want['sections'])!r}")
    if "outcomes" in want and not result.case.text_only:
        got_o = [{k: _flat(o.get(k)) for k in ("id", "section", "text")} for o in doc.get("outcomes", [])]
        want_o = [{k: _flat(o.get(k)) for k in ("id", "section", "text")} for o in want["outcomes"]]
        if got_o != want_o:
            diffs.append(f"outcomes {got_o!r} != {want_o!r}")
    got_ids = [a["id"] for a in doc.get("actions", [])]
    want_ids = [str(a["id"]) for a in want["actions"]]
    if got_ids != want_ids:
        diffs.append(f"action ids {got_ids} != {want_ids}")
    by_id: dict[str, dict[str, Any]] = {}
    for action in doc.get("actions", []):
        by_id.setdefault(action["id"], action)
    known_links = {str(link) for a in want["actions"] for link in a.get("linked_actions", [])}
    for action in want["actions"]:
        ident = str(action["id"])
        got = by_id.get(ident)
        if got is None:
            continue
        before = len(diffs)
        fields = ("id", "section", "outcome") if result.case.text_only else ALWAYS_COMPARED + OPTIONAL_FIELDS
        for key in fields:
            if key not in ALWAYS_COMPARED and key not in action:
                continue
            expected = _flat(action.get(key))
            if key in ("section", "outcome") and expected is not None:
                expected = str(expected)
            value = _flat(got.get(key))
            if key == "extra":
                value = {k: v for k, v in (value or {}).items() if k in (expected or {})}
            if value != expected:
                diffs.append(f"action {ident} {key}: {value!r} != {expected!r}")
        if result.case.text_only and _flat(got.get("text")) != _flat(action.get("row_text")):
            diffs.append(f"action {ident} text: {_flat(got.get('text'))!r} != row {_flat(action.get('row_text'))!r}")
        if action.get("id_generated") and not got.get("id_generated"):
            diffs.append(f"action {ident} id_generated missing")
        if not action.get("id_generated") and got.get("id_generated"):
            diffs.append(f"action {ident} id_generated but the plan numbers it")
        if len(diffs) == before:
            result.exact += 1
        if action.get("status_family") and got.get("status_family") == action["status_family"]:
            result.statuses_right += 1
        if not result.case.text_only:
            wanted = {str(x) for x in action.get("linked_actions", [])}
            result.false_links += sum(1 for link in got.get("linked_actions", []) if link not in wanted)
    if result.case.text_only:
        result.false_links += sum(
            1 for a in doc.get("actions", []) for link in a.get("linked_actions", []) if link not in known_links
        )
    for finding in want.get("findings") or []:
        present = any(
            f["code"] == finding["code"] and f["severity"] == finding.get("severity", f["severity"])
            for f in doc.get("findings", [])
        )
        if not present:
            diffs.append(f"missing finding {finding}")


def _score_guidance(result: Score, want: dict[str, Any], doc: dict[str, Any]) -> None:
    diffs = result.differences
    if "title" in want and _flat(doc.get("title")) != _flat(want["title"]):
        diffs.append(f"title {doc.get('title')!r} != {want['title']!r}")
    got_p = [(p["number"], _flat(p["title"])) for p in doc.get("priorities", [])]
    want_p = [(p["number"], _flat(p["title"])) for p in want["priorities"]]
    result.priorities_right = sum(1 for p in want_p if p in got_p)
    result.chrome += sum(1 for p in got_p if p[1] not in {t for _, t in want_p})
    if got_p != want_p:
        diffs.append(f"priorities {got_p} != {want_p}")
    got_q = {q["id"]: q for q in doc.get("questions", [])}
    want_texts = {_flat(part) for q in want["questions"] for part in q["parts"]}
    result.chrome += sum(
        1 for q in doc.get("questions", []) if not any(_flat(part) in want_texts for part in q.get("parts", []))
    )
    if [q["id"] for q in doc.get("questions", [])] != [str(q["id"]) for q in want["questions"]]:
        diffs.append(f"question ids {list(got_q)} != {[q['id'] for q in want['questions']]}")
    for question in want["questions"]:
        ident = str(question["id"])
        got = got_q.get(ident)
        before = len(diffs)
        if got is None:
            diffs.append(f"question {ident} missing")
            continue
        if _flat(got.get("parts")) != _flat(question["parts"]):
            diffs.append(f"question {ident} parts {got.get('parts')!r} != {question['parts']!r}")
        if _flat(got.get("notes") or []) != _flat(question.get("notes") or []):
            diffs.append(f"question {ident} notes {got.get('notes')!r} != {question.get('notes')!r}")
        if _flat(got.get("examples") or []) != _flat(question.get("examples") or []):
            diffs.append(f"question {ident} examples {got.get('examples')!r} != {question.get('examples')!r}")
        if len(diffs) == before:
            result.exact += 1


def run_case(case: Case) -> Score:
    """Run the pipeline on one rendering (in this process) and score it."""
    from pipeline.core.errors import PipelineError
    from pipeline.core.model import to_json
    from pipeline.process import process
    from pipeline.rules import load_rules

    try:
        doc = json.loads(to_json(process(case.path, load_rules())))
    except PipelineError as exc:
        return score(case, None, refused=str(exc))
    return score(case, doc)
