"""Word-level similarity and diff: what counts as the same text, and how a rewording is shown."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.diff.similarity import AgainstOne, against, compare_form, reaches, similarity, word_diff


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Carers\u2019  \u2013 support\n", "Carers' - support"),
        ("self-\nharm  training", "self-harm training"),
        ("\u201cquoted\u201d", '"quoted"'),
        (None, ""),
        ("", ""),
        ("Exisiting Typo stays", "Exisiting Typo stays"),
    ],
)
def test_compare_form(text: str | None, expected: str) -> None:
    assert compare_form(text) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Deliver training to staff", "Deliver training to staff", 1.0),
        ("Deliver training to staff", "deliver training, to staff.", 1.0),  # case and punctuation do not count
        ("", "", 1.0),
        ("", "Deliver", 0.0),
        ("alpha beta", "gamma delta", 0.0),
        ("Improve promotion of exisiting resources", "Improve promotion of existing resources", 0.8),
    ],
)
def test_similarity(a: str, b: str, expected: float) -> None:
    assert similarity(a, b) == pytest.approx(expected)


def test_against_one_agrees_with_similarity() -> None:
    a, b = "Review the GHT-led multi-agency policy for adults", "Review the GHT-led policy for children"
    full = similarity(a, b)
    against = AgainstOne(b)
    assert against.at_least(a, full - 0.01) == pytest.approx(full)
    assert against.at_least(a, full + 0.01) is None
    assert against.at_least(b, 1.0) == 1.0 and against.at_least("", 0.5) is None


def test_word_diff_shows_words_dropped_and_added() -> None:
    old = "Improve promotion of exisiting resources, including: TIC+ services and CYPS"
    new = "Improve promotion of existing resources, including: TIC+ services; Kooth and CYPS"
    assert word_diff(old, new) == [
        ("=", "Improve promotion of"),
        ("-", "exisiting"),
        ("+", "existing"),
        ("=", "resources, including: TIC+"),
        ("-", "services"),
        ("+", "services; Kooth"),
        ("=", "and CYPS"),
    ]


def test_word_diff_of_equal_texts_is_one_run() -> None:
    assert word_diff("a b  c", "a b c") == [("=", "a b c")]


words = st.lists(st.sampled_from(["plan", "Review", "self-harm", "staff;", "CYP", "(QS34", "2)", "and"]), max_size=12)


@given(words, words)
def test_word_diff_reads_back_as_both_texts(a: list[str], b: list[str]) -> None:
    ops = word_diff(" ".join(a), " ".join(b))
    assert " ".join(w for op, w in ops if op != "+") == " ".join(a)
    assert " ".join(w for op, w in ops if op != "-") == " ".join(b)
    assert all(w for _, w in ops)


@given(words, words, st.sampled_from([0.0, 0.3, 0.5, 0.6, 0.75, 0.8, 0.9, 1.0]))
def test_against_one_gives_the_similarity_exactly_when_it_reaches_the_floor(
    a: list[str], b: list[str], floor: float
) -> None:
    """The word-count bounds only ever skip pairs that cannot reach the floor."""
    text, other = " ".join(a), " ".join(b)
    full = similarity(other, text)
    want = full if full >= floor else None
    kept = against(text)
    assert AgainstOne(text).at_least(other, floor) == want
    assert kept.at_least(other, floor) == want
    assert kept.at_least(text, floor) == 1.0  # itself
    assert reaches(other, text, floor) == (want is not None)
