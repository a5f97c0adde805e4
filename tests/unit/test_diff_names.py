"""Diff file names fit every file system, whatever the documents are called."""

from __future__ import annotations

from pipeline.diff.write import MAX_STEM_BYTES, diff_stem


def test_short_names_are_plain() -> None:
    assert diff_stem("plan 2019", "plan 2020") == "plan 2019__plan 2020"


def test_long_names_are_cut_and_kept_apart() -> None:
    old, new = "Ä" * 150 + " old", "Ä" * 150 + " new"
    first = diff_stem(old, new)
    assert len(first.encode("utf-8")) <= MAX_STEM_BYTES
    assert "__" in first and first.startswith("Ä")
    assert diff_stem(old, new) == first
    assert diff_stem(old, new + "!") != first
    first.encode("utf-8")  # whole characters only
