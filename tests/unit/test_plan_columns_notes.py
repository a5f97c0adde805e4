"""Columns whose header says one thing and whose cells another, as action logs print them."""

from __future__ import annotations

from pipeline.core.layout import Cell
from pipeline.extract.plan_columns import decide
from pipeline.language.headers import best_field, words


def _cells(*texts: str) -> list[Cell | None]:
    return [Cell(text=t) for t in texts]


def test_a_long_bracketed_gloss_explains_the_column_and_names_no_field(rules) -> None:
    assert words("Source (agenda title / item / date / Action Ref)") == ["source"]
    assert best_field("Source (agenda title / item / date / Action Ref)", rules) == (None, 0.0)
    assert best_field("Progress (RAG)", rules)[0] in ("status", "update")  # a short gloss still counts
    assert words("Progress (RAG)") == ["progress", "rag"]


def test_a_status_column_of_notes_is_the_update_and_the_status_is_found_by_its_words(rules) -> None:
    headers = ["Ref", "Action", "Lead", "Status", "Proposed to Open/ Close"]
    body = [
        _cells(
            "85.6",
            "Share the list of local organisations with the board",
            "DoN",
            "Verbal update to be provided at the next meeting of the board",
            "O",
        ),
        _cells(
            "90.13",
            "Report the timeline for the next phase of developments",
            "DoCAP",
            "Proposed new metrics being agreed and processed at present by the team",
            "Proposed for Closure",
        ),
        _cells(
            "92.5",
            "Consider the leadership pipeline for all staff groups",
            "DoSCE",
            "We are currently developing an inclusion training plan for three years",
            "Proposed for Closure",
        ),
    ]
    columns = decide(headers, body, rules)
    assert columns.fields == ["id", "text", "lead", "update", "status"]


def test_open_and_proposed_for_closure_are_statuses(rules) -> None:
    assert rules.status_for("O").family == "underway"
    assert rules.status_for("Open").family == "underway"
    assert rules.status_for("Proposed for Closure").family == "complete"
    assert rules.status_for("Opening of the new clinic") is None  # a word that starts with one is not it
