"""Plan numbering: ids parse whatever layout surrounds them, and round-trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.core.ids import format_id, normalise_id, parent_id, parse_id, sort_key


@pytest.mark.parametrize(
    ("raw", "parts"),
    [
        ("2.2.", (2, 2)),
        (" 1.1.2", (1, 1, 2)),
        ("5.1 ", (5, 1)),
        ("3", (3,)),
        ("01.1", (1, 1)),
        ("abc", None),
        ("1..2", None),
        ("", None),
        (None, None),
        ("1.2.3.4.5", None),
    ],
)
def test_parse_id(raw: str | None, parts: tuple[int, ...] | None) -> None:
    assert parse_id(raw) == parts


def test_normalise_and_parent() -> None:
    assert normalise_id("2.2.") == "2.2"
    assert parent_id("2.3.1") == "2.3"
    assert parent_id("2") is None
    assert sorted(["2.10", "2.9", "10.1", "x"], key=sort_key) == ["2.9", "2.10", "10.1", "x"]


@given(st.lists(st.integers(min_value=0, max_value=999), min_size=1, max_size=4), st.sampled_from(["", ".", " ", ". "]))
def test_id_round_trip(parts: list[int], decoration: str) -> None:
    text = format_id(tuple(parts))
    assert parse_id(text) == tuple(parts)
    assert parse_id(" " + text + decoration) == tuple(parts)
    assert normalise_id(normalise_id(text + decoration)) == text


def test_id_wrapped_by_a_narrow_column_is_one_id() -> None:
    assert parse_id("1.1.1\n0") == (1, 1, 10)
    assert parse_id("1.1.\n12") == (1, 1, 12)
    assert normalise_id("2.3.1\n5 ") == "2.3.15"
    assert parse_id("1.1\nfoo") is None
