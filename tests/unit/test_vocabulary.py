"""Status and age-group vocabularies: every synonym family, any capitals and spacing."""

from __future__ import annotations

import pytest

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
        ("Delayed", "Awaiting"),
        ("Blocked", "Awaiting"),
        ("Red", "Awaiting"),
        ("Awaiting result of 2.3.1", "Awaiting"),
        ("Awaiting imminent MIU pathway publication", "Awaiting"),
        ("Initial meeting held 3 May.", "Initial meeting"),
        ("  in\nprogress ", "Underway"),
    ],
)
def test_status_synonyms(raw: str, label: str, rules) -> None:
    rule = rules.status_for(raw)
    assert rule is not None and rule.label == label


@pytest.mark.parametrize("raw", ["Hmm", "", None, "Notstarted", "Progressing nicely?"])
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
        ("Specific Action", "text"),
        ("What we will do", "text"),
        ("Status", "status"),
        ("Progress", "status"),
        ("Links with other actions /\nworkstreams", "links"),
        ("Related work", "links"),
        ("Age\nGroup", "age_group"),
        ("Population", "age_group"),
        ("Lead officer", None),
    ],
)
def test_plan_headers(header: str, field: str | None, rules) -> None:
    assert rules.header_field("plan", header) == field


def test_fold() -> None:
    assert fold("  Initial   Meeting. ") == "initial meeting"


def test_header_broken_inside_a_word_still_maps(rules) -> None:
    assert rules.header_field("plan", "Objectiv\ne") == "outcome"
    assert rules.header_field("plan", "Depende\nncies") == "links"
    assert rules.header_field("plan", "Lead\nofficer") is None
