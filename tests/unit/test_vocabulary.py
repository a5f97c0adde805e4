"""Status and age-group vocabularies: every synonym family, any capitals and spacing."""

from __future__ import annotations

import pytest

from pipeline.language.headers import best_field, header_score
from pipeline.rules import fold


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("Idea", "Idea"),
        ("Not started", "Idea"),
        ("NOT  STARTED", "Idea"),
        ("Proposed", "Idea"),
        ("Planned", "Idea"),
        ("Initial meeting", "Initial meeting"),
        ("Initial meeting held", "Initial meeting"),
        ("Scoping", "Initial meeting"),
        ("Underway", "Underway"),
        ("In progress", "Underway"),
        ("on track", "Underway"),
        ("Ongoing", "Underway"),
        ("Started", "Underway"),
        ("Green", "Underway"),
        ("Amber", "At risk"),
        ("Behind schedule", "At risk"),
        ("Complete", "Complete"),
        ("Completed", "Complete"),
        ("Done", "Complete"),
        ("Achieved", "Complete"),
        ("Delivered", "Complete"),
        ("Blue", "Complete"),
        ("On hold", "Awaiting"),
        ("Delayed", "At risk"),
        ("Delayed (new date March)", "At risk"),
        ("Delayed pending data sharing agreement", "Awaiting"),
        ("On hold – awaiting funding", "Awaiting"),
        ("Blocked", "Awaiting"),
        ("Red", "Off track"),
        ("R", "Off track"),
        ("Amber", "At risk"),
        ("Green: on track", "Underway"),
        ("Blue", "Complete"),
        ("Incomplete", "Underway"),
        ("Withdrawn", "Closed"),
        ("Closed – merged with 2.3", "Closed"),
        ("Awaiting result of 2.3.1", "Awaiting"),
        ("Awaiting imminent MIU pathway publication", "Awaiting"),
        ("Initial meeting held 3 May.", "Initial meeting"),
        ("  in\nprogress ", "Underway"),
    ],
)
def test_status_synonyms(raw: str, label: str, rules) -> None:
    rule = rules.status_for(raw)
    assert rule is not None and rule.label == label


@pytest.mark.parametrize(
    "raw", ["Hmm", "", None, "Notstarted", "Progressed nicely?", "A review is planned", "Greenwich"]
)
def test_unknown_status_is_none(raw: str | None, rules) -> None:
    assert rules.status_for(raw) is None


def test_longest_synonym_wins(rules) -> None:
    assert rules.status_for("Not started").label == "Idea"  # not "Started"


def test_waits_on_capture(rules) -> None:
    rule = rules.status_for("Awaiting result of 2.3.1")
    captured = [p.match("Awaiting result of 2.3.1") for p in rule.waits_on]
    assert captured[0].group("on") == "2.3.1"


def test_status_order_of_progress(rules) -> None:
    progress = {s.label: s.progress for s in rules.statuses}
    assert progress["Idea"] < progress["Initial meeting"] < progress["Underway"] < progress["Complete"]
    assert rules.status_by_label("Awaiting").blocked


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("CYP", "CYP"),
        ("Children and young people", "CYP"),
        ("children & young people", "CYP"),
        ("Under 18s", "CYP"),
        ("Adults", "Adults"),
        ("18+", "Adults"),
        ("adult", "Adults"),
        ("Both", "Both"),
        ("All ages", "Both"),
        ("All-age", "Both"),
        ("Adults and CYP", "Both"),
    ],
)
def test_age_groups(raw: str, label: str, rules) -> None:
    assert rules.age_for(raw).label == label


def test_age_group_must_be_whole_cell(rules) -> None:
    assert rules.age_for("Adults only in Gloucester") is None


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Outcome", "outcome"),
        ("No.", "id"),
        ("Ref", "id"),
        ("ref_no", "id"),
        ("Specific Action", "text"),
        ("What we will do", "text"),
        ("desc", "text"),
        ("Status", "status"),
        ("Progress (RAG)", "status"),
        ("Current RAG status", "status"),
        ("RAG rating & update", "status"),
        ("Links with other actions /\nworkstreams", "links"),
        ("Related work", "links"),
        ("Age\nGroup", "age_group"),
        ("Population", "age_group"),
        ("Lead officer / organisation", "lead"),
        ("By when?", "timescale"),
        ("Planned completion", "timescale"),
        ("Update Q3 2024/25", "update"),
        ("Action title", "title"),
        ("Budget", None),
    ],
)
def test_plan_headers_are_scored_by_their_words(header: str, field: str | None, rules) -> None:
    assert best_field(header, rules)[0] == field


def test_fold() -> None:
    assert fold("  Initial   Meeting. ") == "initial meeting"


def test_header_broken_inside_a_word_still_maps(rules) -> None:
    assert best_field("Objectiv\ne", rules)[0] == "outcome"
    assert best_field("Depende\nncies", rules)[0] == "links"
    assert best_field("Budg\net", rules)[0] is None


def test_a_header_that_is_all_one_phrase_scores_higher_than_one_containing_it(rules) -> None:
    assert header_score("Status", "status", rules)[0] == 1.0
    assert 0.55 < header_score("Progress (RAG)", "status", rules)[0] < 1.0
    assert (
        header_score("Lead officer / organisation", "lead", rules)[0]
        > header_score("Lead officer / organisation / budget holder", "lead", rules)[0]
    )


def test_every_status_has_a_family_and_colours_are_read_as_statuses(rules) -> None:
    assert {s.family for s in rules.statuses} == {
        "not started",
        "underway",
        "off track",
        "waiting",
        "complete",
        "closed",
    }
    assert [getattr(rules.status_for_colour(c), "label", None) for c in ("FF0000", "FFC000", "00B050", "0070C0")] == [
        "Off track",
        "At risk",
        "Underway",
        "Complete",
    ]
    assert [rules.status_for_colour(c) for c in ("FFFFFF", "D9D9D9", "000000", None, "red")] == [None] * 5


def test_a_misspelt_status_word_is_suggested_not_read(rules) -> None:
    assert rules.status_for("Undreway") is None
    assert rules.nearest_status_word("Undreway") == "Underway"
    assert rules.nearest_status_word("Compelte") == "Complete"
    assert rules.nearest_status_word("Banana") is None
