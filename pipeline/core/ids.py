"""Plan numbering: parse, tidy and order section, outcome and action ids.

Plans write ids with layout around them ("2.2.", " 1.1.2", "5.1 "); the id is what is left.
Numeric ids (2.3.1) have parts; ids in other schemes (A1, SP1.2, ACT-07, PA 3) are kept as
printed. Which scheme a plan uses, and how an id is found in a cell, is the language layer's
job (`pipeline/language/ids.py`, from rules/references.yaml); this module needs no rules.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ID = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){0,3})\.?\s*$")
_WRAP = re.compile(r"(?<=[\d.])[ \t]*\n[ \t]*(?=[\d.])")


def parse_id(text: str | None) -> tuple[int, ...] | None:
    """The numbers of an id, or None.  "2.2." -> (2, 2);  " 1.1.2" -> (1, 1, 2);  "x" -> None

    An id wrapped by a narrow column is one id: "1.1.1\n0" -> (1, 1, 10); "1.1.\n12" -> (1, 1, 12).
    """
    if text is None:
        return None
    return _parse_id(text)


@lru_cache(maxsize=8192)
def _parse_id(text: str) -> tuple[int, ...] | None:
    """`parse_id`, kept: a plan's ids are parsed again by every stage that orders or links them."""
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


_PREFIXED = re.compile(r"^[A-Za-z]{1,4}[-‐– ]?\d")
_PIECES = re.compile(r"\d+|[^\d.\s\-‐–]+")


def sort_key(text: str) -> tuple[object, ...]:
    """Order ids: numeric ones by their numbers ("2.10" after "2.9"), then prefixed ones by
    prefix and numbers ("A2" before "A10"), then anything else ("plan", "line 12") last.
    """
    parts = parse_id(text)
    if parts:
        return (0, parts)
    if text and _PREFIXED.match(text.strip()):
        pieces = tuple((1, int(p), "") if p.isdigit() else (0, 0, p.upper()) for p in _PIECES.findall(text))
        return (1, pieces)
    return (2,)


def tidy_id(text: str) -> str:
    """An id as printed, without its layout: "2.2." -> "2.2";  " A1 " -> "A1";  "1.1.1\n0" -> "1.1.10"

    Numeric ids lose leading zeros only through `normalise_id`; here nothing but layout goes, so
    a tracker's "01.05" stays "01.05".
    """
    flat = _WRAP.sub("", text.strip()) if "\n" in text.strip() else text.strip()
    flat = re.sub(r"\s+", " ", flat)
    return flat.rstrip(". ")  # "2..", "PA 1 .": every full stop the layout left, and its spaces
