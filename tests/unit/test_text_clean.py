"""Text cleaning undoes layout only: examples in one table, and properties over any text."""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.text import clean, collapse_spaces, join_wrapped, strip_controls


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Deliver self-\nharm training", "Deliver self-harm training"),
        ("having self-\n harmed", "having self-harmed"),
        ("parents \nand carers", "parents and carers"),
        ("Clarify  the self-harm pathway", "Clarify the self-harm pathway"),
        ("Link with actions 2.3.2 ,  5.1, \n2.2.5", "Link with actions 2.3.2 , 5.1, 2.2.5"),
        ("approach    ", "approach"),
        ("a\u00a0b\u200bc", "a bc"),
        ("soft\u00adhyphen", "softhyphen"),
        ("nul\x00 and \x1b[31mcolour\x1b[0m", "nul and colour"),
        ("exisiting resources", "exisiting resources"),  # typos stay
        ("line one\r\nline two", "line one line two"),
        ("- not a wrap", "- not a wrap"),
        ("ends with dash -\nnext", "ends with dash - next"),
        ("", ""),
    ],
)
def test_clean_examples(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


def test_small_cleaners() -> None:
    assert strip_controls("a\x00b\x07c\td\ne") == "abc\td\ne"
    assert join_wrapped("self-\nharm and\nmore") == "self-harm and more"
    assert collapse_spaces("  a \t b  ") == "a b"


layout_text = st.lists(
    st.sampled_from([*"abcXYZ019-.,()' \n\t", "\u00a0", "  ", "-\n", "\r\n", "\x00", "\u00ad", "é", "e\u0301"]),
    max_size=40,
).map("".join)


@given(layout_text)
def test_clean_is_idempotent(text: str) -> None:
    assert clean(clean(text)) == clean(text)


@given(layout_text)
def test_clean_never_drops_or_reorders_words(text: str) -> None:
    """The visible characters survive in order (in Unicode NFC form); only whitespace and controls change."""
    visible = "".join(ch for ch in unicodedata.normalize("NFC", strip_controls(text)) if not ch.isspace())
    assert "".join(clean(text).split()) == visible


@given(layout_text)
def test_clean_leaves_single_spaces_only(text: str) -> None:
    out = clean(text)
    assert "  " not in out and "\n" not in out and out == out.strip()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(string.printable + "\u00a0\u00ad\u200b\uf0b7é\u2028\x1b")), max_size=30))
def test_the_quick_path_for_plain_text_cleans_as_the_full_path_does(text: str) -> None:
    from pipeline.core.text import _clean

    assert clean(text) == (_clean.__wrapped__(text) if text else "")
