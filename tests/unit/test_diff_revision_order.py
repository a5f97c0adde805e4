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
    ordered, how = order([(n, marks_of(n.removesuffix(".pdf"))) for n in names])
    assert ordered == ["plan.pdf", "plan v2.pdf", "plan v3.pdf"] and how == "by the version in each name"


def test_order_by_version_not_by_name() -> None:
    names = ["plan v10", "plan v9", "plan v1"]
    assert order([(n, marks_of(n)) for n in names])[0] == ["plan v1", "plan v9", "plan v10"]


def test_order_by_date() -> None:
    names = ["Plan March 2021", "Plan 2020-06", "Plan 15.01.2020"]
    ordered, how = order([(n, marks_of(n)) for n in names])
    assert ordered == ["Plan 15.01.2020", "Plan 2020-06", "Plan March 2021"] and how == "by the date in each name"


def test_order_by_name_when_nothing_tells() -> None:
    ordered, how = order([("b plan", Marks()), ("a plan", Marks())])
    assert ordered == ["a plan", "b plan"] and how.startswith("by file name")


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
