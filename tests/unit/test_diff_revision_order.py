"""Dates and versions in file names and titles, and the order of revisions they give."""

from __future__ import annotations

import pytest

from pipeline.diff.revision_order import Marks, NameReader, order
from pipeline.rules import load_rules

READER = NameReader.from_rules(load_rules())
find_date, find_version, marks_of = READER.find_date, READER.find_version, READER.marks_of


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("self-harm-action-plan 2020-06 revision 2", (2020, 6, 0)),
        ("plan_2020_06_15", (2020, 6, 15)),
        ("Plan 15.06.2020", (2020, 6, 15)),
        ("Plan 05/06/2020", (2020, 6, 5)),  # day first
        ("Update June 2020", (2020, 6, 0)),
        ("Action plan 3rd March 2021", (2021, 3, 3)),
        ("plan Sept-2019", (2019, 9, 0)),
        ("SH plan 2019-20", (2019, 0, 0)),  # a financial year
        ("Plan 2021", (2021, 0, 0)),
        ("plan v2", None),
        ("Plan for 12 months", None),
        ("self-harm-action-plan", None),
    ],
)
def test_find_date(text: str, date: tuple[int, int, int] | None) -> None:
    assert find_date(text) == date


@pytest.mark.parametrize(
    ("text", "version"),
    [
        ("Plan v2", (2,)),
        ("plan_V2.1", (2, 1)),
        ("plan (revision 3)", (3,)),
        ("Plan rev. 4", (4,)),
        ("Draft 2 for board", (2,)),
        ("Update 2020", None),  # a year, not a version
        ("Review plan", None),  # "rev" inside a word is not a version
        ("self-harm-action-plan", None),
    ],
)
def test_find_version(text: str, version: tuple[int, ...] | None) -> None:
    assert find_version(text) == version


def test_marks_fall_back_to_the_title() -> None:
    assert marks_of("plan", "Self-Harm Action Plan - June 2020 update") == Marks((2020, 6, 0), None)
    assert marks_of("plan v3", "Plan 2019") == Marks((2019, 0, 0), (3,))
    assert Marks((2020, 6, 0), (2,)).describe() == "2020-06, v2"


def test_order_by_version_with_the_unmarked_original_first() -> None:
    names = ["plan v3.pdf", "plan.pdf", "plan v2.pdf"]
    ordered = order([(n, marks_of(n.removesuffix(".pdf"))) for n in names])
    assert ordered.names == ["plan.pdf", "plan v2.pdf", "plan v3.pdf"]
    assert ordered.why == ["numbered, after the original, which has no version or date", "v3 after v2"]
    assert ordered.notes == []


def test_order_by_version_not_by_name() -> None:
    names = ["plan v10", "plan v9", "plan v1"]
    ordered = order([(n, marks_of(n)) for n in names])
    assert ordered.names == ["plan v1", "plan v9", "plan v10"] and ordered.how == "by the version of each"
    assert ordered.notes == [
        "plan v1, plan v9, plan v10: no v2, v3, v4, v5, v6, v7, v8 among them; the diff goes straight across the gap"
    ]


def test_order_by_date() -> None:
    names = ["Plan March 2021", "Plan 2020-06", "Plan 15.01.2020"]
    ordered = order([(n, marks_of(n)) for n in names])
    assert ordered.names == ["Plan 15.01.2020", "Plan 2020-06", "Plan March 2021"]
    assert ordered.how == "by the date of each" and ordered.why == ["2020-06 after 2020-01-15", "2021-03 after 2020-06"]


def test_order_by_name_when_nothing_tells() -> None:
    ordered = order([("b plan", Marks()), ("a plan", Marks())])
    assert ordered.names == ["a plan", "b plan"] and ordered.how.startswith("by file name")
    assert "ordered by file name" in ordered.notes[0]


def test_versions_first_then_dates_then_evidence() -> None:
    """The issue's mix: an unmarked original, "v1", "v2" and a dated "revision 2"."""
    items = [
        ("plan.txt", Marks()),
        ("plan 2020-06 revision 2.txt", Marks((2020, 6, 0), (2,))),
        ("plan v1.txt", Marks(None, (1,))),
        ("plan 2019.txt", Marks((2019, 0, 0), None)),
    ]
    newer = {("plan.txt", "plan 2019.txt"): 1}  # the statuses moved on from plan.txt to plan 2019.txt

    def evidence(a: str, b: str) -> int:
        return newer.get((a, b), 0) - newer.get((b, a), 0)

    ordered = order(items, evidence)
    # v1 and 2019 share neither a version nor a date and their statuses tell nothing: by name, and said so
    assert ordered.names == ["plan.txt", "plan 2019.txt", "plan v1.txt", "plan 2020-06 revision 2.txt"]
    assert ordered.why == [
        "its statuses moved on from the one before",
        "by file name (no version, date or status change to go by)",
        "v2 after v1",
    ]
    assert "ordered by file name" in ordered.notes[0]


def test_adding_a_revision_never_turns_round_a_pair_in_order() -> None:
    base = [("plan.txt", Marks()), ("plan 2020-06 revision 2.txt", Marks((2020, 6, 0), (2,)))]
    first = order(base).names
    for extra in (Marks(None, (1,)), Marks(None, (2,)), Marks((2021, 1, 0), None), Marks(), Marks((2019, 0, 0), (3,))):
        names = order([*base, ("another plan.txt", extra)]).names
        assert [n for n in names if n in first] == first, extra


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Cynllun gweithredu Mehefin 2020", (2020, 6, 0)),  # Welsh month names ship in the rules
        ("plan 3 Mai 2021", (2021, 5, 3)),
    ],
)
def test_month_names_in_other_languages(text: str, date: tuple[int, int, int]) -> None:
    assert find_date(text) == date


def test_month_names_and_version_words_come_from_the_rules() -> None:
    reader = NameReader({"juni": 6, "jun": 6}, ("fassung",))
    assert reader.find_date("Aktionsplan Juni 2020") == (2020, 6, 0)
    assert reader.find_date("Plan June 2020") == (2020, 0, 0)  # not a month here: only the year
    assert reader.find_version("Plan Fassung 3") == (3,)
    assert reader.find_version("Plan v3") is None


def test_a_month_word_inside_another_word_is_not_a_month() -> None:
    assert find_date("Plan Summer 2020") == (2020, 0, 0)
    assert find_date("Planmar 2020") == (2020, 0, 0)


def test_the_version_a_document_prints_on_its_front_page() -> None:
    from pipeline.core.layout import Block, Layout, Row
    from pipeline.language.revision_marks import front_matter_revision

    rules = load_rules()
    table = Block("table", rows=[Row([])])
    front = Layout(
        "pdf", [Block("title", "Self-Harm Action Plan"), Block("paragraph", "Version 2.0  (June 2020)"), table]
    )
    assert front_matter_revision(front, rules) == "Version 2.0 (June 2020)"
    assert READER.marks_of("plan", "Self-Harm Action Plan", "Version 2.0 (June 2020)") == Marks((2020, 6, 0), (2, 0))
    inside = Layout("pdf", [Block("title", "Plan"), table, Block("paragraph", "Draft 2 of the leaflet")])
    assert front_matter_revision(inside, rules) is None  # after the first table: an action's words, not a version
