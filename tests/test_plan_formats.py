"""Every rendering of the seed plan gives the same records as its text: one test across formats.

The text input, the Word original, its LibreOffice PDF (with and without table borders), a
borderless landscape PDF and a browser-printed PDF (tests/fixtures/plan_fixtures.py) must each
match the hand-written golden records exactly, and agree with each other field by field, findings included. Only where a
record was read (`source`: line for text, page and box for PDFs) may differ.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from pipeline.emit.json_out import validate
from pipeline.process import process
from pipeline.rules import load_rules
from tests.helpers import FIXTURES, ROOT, as_dict, plan_differences

RENDERINGS = {
    "text": ROOT / "inputs" / "self-harm-action-plan.txt",
    "word-docx": FIXTURES / "plan-word.docx",
    "word-pdf": FIXTURES / "plan-word.pdf",
    "word-unruled-pdf": FIXTURES / "plan-word-unruled.pdf",
    "borderless-pdf": FIXTURES / "plan-borderless.pdf",
    "browser-pdf": FIXTURES / "plan-browser.pdf",
    "word-pdf-as-text": FIXTURES / "plan-word-layout.txt",
    "word-unruled-pdf-as-text": FIXTURES / "plan-word-unruled-layout.txt",
    "borderless-pdf-as-text": FIXTURES / "plan-borderless-layout.txt",
    "spreadsheet-copy-text": FIXTURES / "plan-excel-copy.txt",
}


@cache
def _document(name: str) -> dict[str, Any]:
    return as_dict(process(RENDERINGS[name], load_rules()))


def _without_source(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": doc["title"],
        "kind": doc["kind"],
        "sections": doc["sections"],
        "outcomes": doc["outcomes"],
        "actions": [{k: v for k, v in a.items() if k != "source"} for a in doc["actions"]],
        "findings": doc["findings"],
    }


@pytest.mark.parametrize("name", list(RENDERINGS))
def test_every_rendering_gives_the_golden_records(name: str) -> None:
    doc = _document(name)
    assert plan_differences(doc) == []
    assert (len(doc["sections"]), len(doc["outcomes"]), len(doc["actions"])) == (5, 9, 32)
    assert validate(doc) == []


@pytest.mark.parametrize("name", [n for n in RENDERINGS if n != "text"])
def test_every_rendering_agrees_with_the_text_field_by_field(name: str) -> None:
    want, got = _without_source(_document("text")), _without_source(_document(name))
    for key in ("title", "kind", "sections", "outcomes", "findings"):
        assert got[key] == want[key], key
    for expected, actual in zip(want["actions"], got["actions"], strict=True):
        assert actual == expected, expected["id"]


@pytest.mark.parametrize("name", ["word-pdf", "word-unruled-pdf", "borderless-pdf", "browser-pdf"])
def test_pdf_actions_say_where_they_were_read(name: str) -> None:
    doc = _document(name)
    for action in doc["actions"]:
        page, bbox = action["source"]["page"], action["source"].get("bbox")
        assert isinstance(page, int) and 1 <= page <= doc["source"]["pages"], action["id"]
        assert bbox is not None and bbox[0] < bbox[2] and bbox[1] < bbox[3], action["id"]
    pages = [a["source"]["page"] for a in doc["actions"]]
    assert pages == sorted(pages)


def test_word_source_has_no_pages() -> None:
    doc = _document("word-docx")
    assert doc["source"]["format"] == "docx" and doc["source"]["pages"] is None
    assert all(a["source"]["page"] is None for a in doc["actions"])


def test_renderings_are_what_their_names_say() -> None:
    assert {n: _document(n)["source"]["format"] for n in RENDERINGS} == {
        "text": "txt",
        "word-docx": "docx",
        "word-pdf": "pdf",
        "word-unruled-pdf": "pdf",
        "borderless-pdf": "pdf",
        "browser-pdf": "pdf",
        "word-pdf-as-text": "txt",
        "word-unruled-pdf-as-text": "txt",
        "borderless-pdf-as-text": "txt",
        "spreadsheet-copy-text": "txt",
    }


def test_tab_separated_rows_say_their_line() -> None:
    """A row quoted over several lines is one action, found at the line its row starts on."""
    doc = _document("spreadsheet-copy-text")
    lines = RENDERINGS["spreadsheet-copy-text"].read_text(encoding="utf-8").split("\n")
    for action in doc["actions"]:
        source = action["source"]
        assert source["page"] is None and "bbox" not in source
        row = "\n".join(lines[source["line"] - 1 : source["line"] + 6])
        assert f"\t{action['id']}\t" in row, action["id"]


@pytest.mark.parametrize("name", ["word-pdf-as-text", "word-unruled-pdf-as-text", "borderless-pdf-as-text"])
def test_text_in_columns_says_page_and_line(name: str) -> None:
    """`pdftotext -layout` keeps the PDF's pages (form feeds): each action names its page and the
    text file's line where its row starts."""
    doc = _document(name)
    pdf = _document(name.removesuffix("-as-text"))
    lines = RENDERINGS[name].read_text(encoding="utf-8").split("\n")
    assert doc["source"]["pages"] == pdf["source"]["pages"]
    for action, in_pdf in zip(doc["actions"], pdf["actions"], strict=True):
        assert action["source"]["page"] == in_pdf["source"]["page"], action["id"]
        line = action["source"]["line"]
        assert action["id"] in lines[line - 1], (action["id"], line)
        assert "bbox" not in action["source"]


def test_a_browser_print_as_text_loses_no_row_and_flags_every_doubtful_one() -> None:
    """A browser sizes each section's table to its contents and prints the header once; the
    converter then sets some cells a single space apart. Every action is still found, and an
    action whose cells could not all be told apart carries a finding that names it."""
    doc = as_dict(process(FIXTURES / "plan-browser-layout.txt", load_rules()))
    assert [a["id"] for a in doc["actions"]] == [a["id"] for a in _document("text")["actions"]]
    flagged = {f["where"] for f in doc["findings"]}
    wrong = {d.split()[1] for d in plan_differences(doc) if d.startswith("action ")}
    assert wrong and wrong <= flagged, wrong - flagged


def test_the_seed_fixtures_are_committed() -> None:
    for path in RENDERINGS.values():
        assert Path(path).is_file() and Path(path).stat().st_size > 1000, path
