"""Plan numbering: parse and format section, outcome and action ids.

Plans write ids with layout around them ("2.2.", " 1.1.2", "5.1 "); the id is the numbers.
"""

from __future__ import annotations

import re

_ID = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){0,3})\.?\s*$")
_WRAP = re.compile(r"(?<=[\d.])[ \t]*\n[ \t]*(?=[\d.])")


def parse_id(text: str | None) -> tuple[int, ...] | None:
    """The numbers of an id, or None.  "2.2." -> (2, 2);  " 1.1.2" -> (1, 1, 2);  "x" -> None

    An id wrapped by a narrow column is one id: "1.1.1\n0" -> (1, 1, 10); "1.1.\n12" -> (1, 1, 12).
    """
    if text is None:
        return None
    if "\n" in text.strip():
        text = _WRAP.sub("", text)
    match = _ID.match(text)
    if not match:
        return None
    return tuple(int(part) for part in match.group(1).split("."))


def format_id(parts: tuple[int, ...]) -> str:
    """The canonical spelling of an id.  (2, 2) -> "2.2" """
    return ".".join(str(p) for p in parts)


def normalise_id(text: str | None) -> str | None:
    """ "2.2." -> "2.2";  "01.1" -> "1.1";  "abc" -> None"""
    parts = parse_id(text)
    return format_id(parts) if parts else None


def parent_id(action_id: str) -> str | None:
    """The outcome an action id belongs to by its numbering: "2.3.1" -> "2.3"."""
    parts = parse_id(action_id)
    return format_id(parts[:-1]) if parts and len(parts) > 1 else None


def sort_key(text: str) -> tuple[int, ...]:
    """Order ids numerically ("2.10" after "2.9"); unparseable ids sort last."""
    return parse_id(text) or (10**6,)
