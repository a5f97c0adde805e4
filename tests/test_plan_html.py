"""A plan published as a web page (an HTML table) gives the same records as its PDF and text."""

from __future__ import annotations

from pathlib import Path

from pipeline.process import process
from tests.fixtures.plan_fixtures import plan_html, seed_plan
from tests.helpers import as_dict, plan_differences


def test_seed_plan_as_html_table(tmp_path: Path, rules) -> None:
    title, sections = seed_plan()
    page = tmp_path / "Self-harm plan (web).html"
    page.write_text(plan_html(title, sections), encoding="utf-8")
    doc = as_dict(process(page, rules))
    assert doc["source"]["format"] == "html"
    assert plan_differences(doc) == []
